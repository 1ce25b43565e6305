"""Snoozes: hours, days and named times, on round times in day hours, capped by what's planned."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from slackbot.domain.cadence import Preferences
from slackbot.domain.snoozing import round_up, snooze_until
from slackbot.domain.typed_replies import Snooze
from slackbot.models import PromptKind

CHICAGO = ZoneInfo("America/Chicago")
PREFS = Preferences(zone=CHICAGO)
TY, FU = PromptKind.THANK_YOU, PromptKind.FOLLOW_UP


def chicago(*args: int) -> datetime:
    return datetime(*args, tzinfo=CHICAGO).astimezone(UTC)


NOW = chicago(2026, 12, 2, 14, 18)  # a Wednesday, 2:18 PM


def until(snooze: Snooze, *, kind: PromptKind = TY, now: datetime = NOW, **kw) -> datetime:
    prefs = kw.pop("prefs", PREFS)
    return snooze_until(snooze, kind=kind, prefs=prefs, now=now, planned=kw.pop("planned", None))


@pytest.mark.parametrize(
    ("snooze", "expected"),
    [
        (Snooze(hours=2), chicago(2026, 12, 2, 16, 30)),
        (Snooze(hours=1), chicago(2026, 12, 2, 15, 30)),
        (Snooze(at="tonight"), chicago(2026, 12, 2, 19, 0)),
        (Snooze(at="tomorrow morning"), chicago(2026, 12, 3, 9, 0)),
        (Snooze(days=3), chicago(2026, 12, 5, 9, 0)),
        (Snooze(at="monday"), chicago(2026, 12, 7, 9, 0)),
        (Snooze(at="wednesday"), chicago(2026, 12, 9, 9, 0)),
    ],
)
def test_snoozes_land_on_round_times(snooze: Snooze, expected: datetime) -> None:
    assert until(snooze) == expected


def test_hours_past_day_hours_wait_for_the_next_morning() -> None:
    assert until(Snooze(hours=2), now=chicago(2026, 12, 2, 19, 40)) == chicago(2026, 12, 3, 8, 0)


def test_tonight_after_seven_is_an_hour_from_now_and_respects_an_early_day_end() -> None:
    assert until(Snooze(at="tonight"), now=chicago(2026, 12, 2, 19, 10)) == chicago(
        2026, 12, 2, 20, 30
    )
    early = Preferences(zone=CHICAGO, day_end=time(18, 0))
    assert until(Snooze(at="tonight"), prefs=early) == chicago(2026, 12, 2, 17, 0)


def test_a_bare_snooze_is_never_later_than_the_planned_reminder() -> None:
    planned = chicago(2026, 12, 3, 9, 0)
    assert until(Snooze(asked=False), planned=planned) == planned
    follow_up_planned = chicago(2026, 12, 4, 10, 0)
    assert until(Snooze(asked=False), kind=FU, planned=follow_up_planned) == follow_up_planned


def test_an_explicit_snooze_may_go_past_the_planned_reminder() -> None:
    planned = chicago(2026, 12, 3, 9, 0)
    assert until(Snooze(days=3), planned=planned) == chicago(2026, 12, 5, 9, 0)


def test_round_up_keeps_round_times() -> None:
    assert round_up(chicago(2026, 12, 2, 16, 0)) == chicago(2026, 12, 2, 16, 0)
    assert round_up(chicago(2026, 12, 2, 16, 1)) == chicago(2026, 12, 2, 16, 30)

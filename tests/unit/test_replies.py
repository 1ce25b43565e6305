from __future__ import annotations

from datetime import UTC, datetime

import pytest

from slackbot.domain.replies import (
    HeardBack,
    NotUnderstood,
    Sent,
    Snooze,
    Topic,
    match_people,
    read_reply,
)
from slackbot.models import Interviewer, Outcome


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane: their move to event sourcing", Topic("Jane", "their move to event sourcing")),
        ("Sanjay Rao:   the data mesh rollout ", Topic("Sanjay Rao", "the data mesh rollout")),
        ("sent Jane", Sent("Jane")),
        ("Sent all", Sent(None)),
        ("sent everyone.", Sent(None)),
        ("heard back", HeardBack(None)),
        ("offer", HeardBack(Outcome.OFFER)),
        ("Rejected", HeardBack(Outcome.REJECTED)),
        ("withdrawn", HeardBack(Outcome.WITHDRAWN)),
        ("next round", HeardBack(Outcome.NEXT_ROUND)),
        ("next-round!", HeardBack(Outcome.NEXT_ROUND)),
        ("snooze", Snooze(1)),
        ("snooze 3 days", Snooze(3)),
        ("snooze 1 day", Snooze(1)),
        ("snooze 99 days", Snooze(30)),
        ("hello there", NotUnderstood()),
        ("", NotUnderstood()),
        (": nothing", NotUnderstood()),
    ],
)
def test_read_reply(text: str, expected: object) -> None:
    assert read_reply(text) == expected


def _people(*names: str) -> list[Interviewer]:
    now = datetime(2026, 12, 2, tzinfo=UTC)
    return [Interviewer(name=n, created_at=now) for n in names]


def test_match_people_prefers_first_name_then_full_then_prefix() -> None:
    people = _people("Maria Lopez", "Sanjay Rao", "Mark Twain")
    assert [p.name for p in match_people(people, "maria")] == ["Maria Lopez"]
    assert [p.name for p in match_people(people, "Sanjay Rao")] == ["Sanjay Rao"]
    assert [p.name for p in match_people(people, "San")] == ["Sanjay Rao"]
    assert [p.name for p in match_people(people, "Ma")] == ["Maria Lopez", "Mark Twain"]
    assert match_people(people, "Zed") == []


def test_two_people_with_one_first_name_are_ambiguous() -> None:
    people = _people("Maria Lopez", "Maria Chen")
    assert len(match_people(people, "Maria")) == 2
    assert [p.name for p in match_people(people, "Maria Chen")] == ["Maria Chen"]

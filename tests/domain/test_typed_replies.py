from __future__ import annotations

from datetime import UTC, datetime

import pytest

from slackbot.domain.typed_replies import (
    FollowedUp,
    HeardBack,
    NotUnderstood,
    Sent,
    Snooze,
    Topic,
    Undo,
    match_people,
    read_reply,
)
from slackbot.models import Interviewer, Outcome


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane: their move to event sourcing", Topic("Jane", "their move to event sourcing")),
        ("Sanjay Rao:   the data mesh rollout ", Topic("Sanjay Rao", "the data mesh rollout")),
        ("sent Jane", Sent(("Jane",))),
        ("Sent to Maria.", Sent(("Maria",))),
        ("thanked Maria", Sent(("Maria",))),
        ("sent", Sent()),
        ("Sent all", Sent(everyone=True)),
        ("sent everyone.", Sent(everyone=True)),
        ("sent both", Sent(everyone=True)),
        ("sent maria and sanjay", Sent(("maria", "sanjay"))),
        ("sent maria, sanjay", Sent(("maria", "sanjay"))),
        ("sent Maria, Sanjay and Ann", Sent(("Maria", "Sanjay", "Ann"))),
        ("sent Maria & Sanjay", Sent(("Maria", "Sanjay"))),
        ("followed up", FollowedUp()),
        ("I followed up.", FollowedUp()),
        ("undo", Undo()),
        ("Undo that", Undo()),
        ("heard back", HeardBack(None)),
        ("offer", HeardBack(Outcome.OFFER)),
        ("Rejected", HeardBack(Outcome.REJECTED)),
        ("withdrawn", HeardBack(Outcome.WITHDRAWN)),
        ("next round", HeardBack(Outcome.NEXT_ROUND)),
        ("next-round!", HeardBack(Outcome.NEXT_ROUND)),
        ("snooze", Snooze(asked=False)),
        ("later", Snooze(asked=False)),
        ("snooze 3 days", Snooze(days=3)),
        ("snooze 3", Snooze(days=3)),
        ("snooze 1 day", Snooze(days=1)),
        ("snooze a day", Snooze(days=1)),
        ("snooze 99 days", Snooze(days=30)),
        ("snooze 2 hours", Snooze(hours=2)),
        ("snooze 2h", Snooze(hours=2)),
        ("snooze for an hour", Snooze(hours=1)),
        ("remind me in 2 hours", Snooze(hours=2)),
        ("remind me in 3 days", Snooze(days=3)),
        ("remind me tonight", Snooze(at="tonight")),
        ("remind me this evening", Snooze(at="tonight")),
        ("remind me tomorrow morning", Snooze(at="tomorrow morning")),
        ("remind me tomorrow", Snooze(at="tomorrow morning")),
        ("snooze until monday", Snooze(at="monday")),
        ("snooze till Fri", Snooze(at="friday")),
        ("remind me on thursday", Snooze(at="thursday")),
        ("remind me later", Snooze(asked=False)),
    ],
)
def test_read_reply(text: str, expected: object) -> None:
    assert read_reply(text) == expected


NEAR_MISSES = [
    "hello there",
    "",
    ": nothing",
    "thanks!",
    "send maria",
    "sending all",
    "sent ,",
    "sent and",
    "snooze 0 days",
    "snooze -1 days",
    "snooze 2 weeks",
    "snooze until never",
    "snooze until next year",
    "snooze forever",
    "snooze 2 minutes",
    "remind me about it",
    "remind me in a bit",
    "remind me at noon",
    "remind me someday",
    "remind me in 1000 days",
    "follow up",
    "following up",
    "undone",
    "redo",
    "heard back from maria",
    "offered",
    "reject",
    "next",
    "round two",
    "I heard",
    "ok",
    "yes",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_are_not_understood(text: str) -> None:
    assert read_reply(text) == NotUnderstood()


def test_there_are_thirty_near_misses() -> None:
    assert len(NEAR_MISSES) >= 30


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

"""What a short reply in the DM means: `Jane: …`, `sent Jane`, `sent all`, outcomes, `snooze`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from slackbot.domain.names import first_name
from slackbot.domain.outcomes import outcome_named
from slackbot.models import Interviewer, Outcome

MAX_SNOOZE_DAYS = 30
HELP_LINE = (
    "I understand: `Maria: their move to event sourcing` (what you talked about), "
    "`sent Maria` or `sent all`, `heard back`, `offer`, `rejected`, `withdrawn`, `next round`, "
    "`snooze` or `snooze 3 days`."
)


@dataclass(frozen=True)
class Topic:
    name: str
    topic: str


@dataclass(frozen=True)
class Sent:
    name: str | None  # None: everyone


@dataclass(frozen=True)
class HeardBack:
    outcome: Outcome | None  # None: ask which


@dataclass(frozen=True)
class Snooze:
    days: int


@dataclass(frozen=True)
class NotUnderstood:
    pass


Reply = Topic | Sent | HeardBack | Snooze | NotUnderstood

_SNOOZE = re.compile(r"^snooze(?:\s+(?:for\s+)?(\d{1,2})\s*(?:d|days?)?)?[.!]?$", re.I)
_SENT = re.compile(r"^(?:sent|thanked)\s+(?:to\s+)?(.+?)[.!]?$", re.I)
_TOPIC = re.compile(r"^([^:\n]{1,80}):\s*(.+)$", re.S)


def read_reply(text: str) -> Reply:
    """Understand one DM reply (already decoded from Slack markup)."""
    cleaned = " ".join(text.split())
    lowered = cleaned.casefold().rstrip(".!")
    if lowered in ("heard back", "i heard back", "heard"):
        return HeardBack(None)
    if (outcome := outcome_named(lowered)) is not None:
        return HeardBack(outcome)
    if match := _SNOOZE.match(cleaned):
        days = int(match.group(1) or 1)
        return Snooze(min(max(days, 1), MAX_SNOOZE_DAYS))
    if match := _SENT.match(cleaned):
        name = match.group(1).strip()
        return Sent(None if name.casefold() in ("all", "everyone", "all of them") else name)
    if match := _TOPIC.match(text.strip()):
        name, topic = match.group(1).strip(), " ".join(match.group(2).split())
        if name and topic:
            return Topic(name=name, topic=topic)
    return NotUnderstood()


def match_people(people: list[Interviewer], name: str) -> list[Interviewer]:
    """Exact first name, then full name, then a unique prefix; several means ask."""
    wanted = " ".join(name.casefold().split())
    if not wanted:
        return []
    for rule in (
        lambda p: first_name(p.name).casefold() == wanted,
        lambda p: " ".join(p.name.casefold().split()) == wanted,
        lambda p: p.name.casefold().startswith(wanted),
    ):
        found = [p for p in people if p.name.split() and rule(p)]
        if found:
            return found
    return []


def names_someone(reply: Reply) -> str | None:
    if isinstance(reply, Topic):
        return reply.name
    if isinstance(reply, Sent):
        return reply.name
    return None

"""What a short reply in the DM means: `Maria: …`, `sent Maria and Sanjay`, outcomes, snoozes.

A small grammar of its own, read whole: a reply either matches one phrase exactly or is not
understood (and gets the help for its prompt), so `sent maria and sanjay` never becomes a search
for someone called "maria and sanjay".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from slackbot.domain.names import first_name
from slackbot.domain.outcomes import outcome_named
from slackbot.models import Interviewer, Outcome

MAX_SNOOZE_DAYS = 30
MAX_SNOOZE_HOURS = 12
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TONIGHT = "tonight"
MORNING = "tomorrow morning"


@dataclass(frozen=True)
class Topic:
    name: str
    topic: str


@dataclass(frozen=True)
class Sent:
    """Thank-yous sent: to the people named, to everyone, or (neither) to whom the prompt asks."""

    names: tuple[str, ...] = ()
    everyone: bool = False


@dataclass(frozen=True)
class HeardBack:
    outcome: Outcome | None  # None: ask which


@dataclass(frozen=True)
class Snooze:
    """Remind me later: after `hours` or `days`, or `at` a named time (`tonight`, `monday`).

    `asked` is False for a bare `snooze`: then it never makes the next reminder later than the
    one already planned.
    """

    days: int = 0
    hours: int = 0
    at: str | None = None
    asked: bool = True


@dataclass(frozen=True)
class FollowedUp:
    pass


@dataclass(frozen=True)
class Undo:
    pass


@dataclass(frozen=True)
class NotUnderstood:
    pass


Reply = Topic | Sent | HeardBack | Snooze | FollowedUp | Undo | NotUnderstood

_SNOOZE = re.compile(r"^(?:snooze|remind me(?: again)?)(?:\s+(?P<rest>.+))?$")
_AMOUNT = re.compile(
    r"^(?:for\s+|in\s+)?(?:(?P<n>\d{1,3})|(?P<one>an?|one))\s*"
    r"(?P<unit>h|hrs?|hours?|d|days?)?$"
)
_NAMED = re.compile(r"^(?:(?:until|till|til|to|on|at|this)\s+)?(?P<when>[a-z ]+)$")
_SENT = re.compile(r"^(?:sent|thanked)(?:\s+(?:to\s+)?(?P<rest>.+))?$", re.I)
_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\+)\s*", re.I)
_TOPIC = re.compile(r"^([^:\n]{1,80}):\s*(.+)$", re.S)
_EVERYONE = ("all", "everyone", "all of them", "them all", "both", "both of them")
_FOLLOWED_UP = ("followed up", "i followed up", "follow up sent", "follow-up sent", "followed-up")
_UNDO = ("undo", "undo that", "undo it", "oops undo", "undo please")
_HEARD = ("heard back", "i heard back", "heard")
_NAMED_TIMES = {
    "tonight": TONIGHT,
    "evening": TONIGHT,
    "tomorrow": MORNING,
    "tomorrow morning": MORNING,
    "morning": MORNING,
    **{day: day for day in WEEKDAYS},
    **{day[:3]: day for day in WEEKDAYS},
}


def read_reply(text: str) -> Reply:
    """Understand one DM reply (already decoded from Slack markup)."""
    cleaned = " ".join(text.split())
    lowered = cleaned.casefold().rstrip(".!")
    if lowered in _HEARD:
        return HeardBack(None)
    if (outcome := outcome_named(lowered)) is not None:
        return HeardBack(outcome)
    if lowered in _FOLLOWED_UP:
        return FollowedUp()
    if lowered in _UNDO:
        return Undo()
    if lowered == "later":
        return Snooze(asked=False)
    if match := _SNOOZE.match(lowered):
        return _snooze(match.group("rest"))
    if match := _SENT.match(cleaned.rstrip(".!")):
        return _sent(match.group("rest"))
    if match := _TOPIC.match(text.strip()):
        name, topic = match.group(1).strip(), " ".join(match.group(2).split())
        if name and topic:
            return Topic(name=name, topic=topic)
    return NotUnderstood()


def _snooze(rest: str | None) -> Reply:
    if rest is None or rest == "later":
        return Snooze(asked=False)
    if amount := _AMOUNT.match(rest):
        count = int(amount.group("n") or 1)
        if count < 1:
            return NotUnderstood()
        if (amount.group("unit") or "d").startswith("h"):
            return Snooze(hours=min(count, MAX_SNOOZE_HOURS))
        return Snooze(days=min(count, MAX_SNOOZE_DAYS))
    if (named := _NAMED.match(rest)) and (at := _NAMED_TIMES.get(named.group("when").strip())):
        return Snooze(at=at)
    return NotUnderstood()


def _sent(rest: str | None) -> Reply:
    """`rest` keeps the case the user typed: names are quoted back when no one matches."""
    if rest is None:
        return Sent()
    if rest.casefold() in _EVERYONE:
        return Sent(everyone=True)
    names = tuple(n for n in _SPLIT.split(rest) if n)
    if not names or any(not re.search(r"\w", n) for n in names):
        return NotUnderstood()
    return Sent(names=names)


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
    if isinstance(reply, Sent) and reply.names:
        return reply.names[0]
    return None

"""Who from an invite to thank: its attendees and organiser, less the user and the rooms. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from slackbot.domain.interviewer_lists import MAX_INTERVIEWERS, MAX_NAME, InterviewerInput
from slackbot.domain.invite_titles import FREE_MAIL
from slackbot.domain.invites import InviteEvent, Person

# Rooms booked as attendees without CUTYPE=ROOM (older Exchange, Google's resource calendars).
_ROOM_NAME = re.compile(
    r"\b(?:conf(?:erence)?\.?\s*(?:rm|room)|meeting\s+room|room|boardroom|"
    r"\(\d+\)|\d+\s*seats?|huddle|zoom\s+room)\b",
    re.IGNORECASE,
)
_ROOM_DOMAINS = ("resource.calendar.google.com",)
_NO_REPLY = re.compile(r"^(?:no-?reply|noreply|calendar|notifications?|scheduling)[@+.-]", re.I)


@dataclass(frozen=True)
class Me:
    """How the user may appear in an invite: their names (Slack's, their signature) and emails."""

    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


def interviewers_from(event: InviteEvent, *, me: Me) -> tuple[InterviewerInput, ...]:
    """The organiser first (often the recruiter), then the attendees, each person once."""
    people = [event.organizer, *event.attendees] if event.organizer else list(event.attendees)
    candidates = [p for p in people if p and not is_room(p)]
    mine = _my_emails(candidates, me)
    employer = any(p.email and _domain(p.email) not in FREE_MAIL for p in candidates)
    seen: set[str] = set()
    chosen: list[InterviewerInput] = []
    for person in candidates:
        if _is_me(person, me, mine, employer=employer) or _is_mailer(person):
            continue
        key = (person.email or person.name or "").casefold()
        if key in seen:
            continue
        seen.add(key)
        chosen.append(_as_interviewer(person))
    return tuple(chosen[:MAX_INTERVIEWERS])


def is_room(person: Person) -> bool:
    if person.resource:
        return True
    email = (person.email or "").lower()
    if email.endswith(_ROOM_DOMAINS):
        return True
    return bool(person.name and _ROOM_NAME.search(person.name))


def known_names(event: InviteEvent, me: Me) -> tuple[str, ...]:
    """Every person's name the invite mentions, for telling names apart from companies."""
    people = [event.organizer, *event.attendees]
    return (*me.names, *(p.name for p in people if p and p.name))


def _my_emails(people: Iterable[Person], me: Me) -> set[str]:
    """The user's addresses: those they gave, and any on an attendee who has their name."""
    emails = {e.casefold() for e in me.emails}
    names = {_name_key(n) for n in me.names if n}
    for person in people:
        if person.email and person.name and _name_key(person.name) in names:
            emails.add(person.email.casefold())
    return emails


def _is_me(person: Person, me: Me, my_emails: set[str], *, employer: bool) -> bool:
    if person.email and person.email.casefold() in my_emails:
        return True
    name = person.name or _name_from_email(person.email or "")
    if name and _name_key(name) in {_name_key(n) for n in me.names if n}:
        return True
    # A personal address among the employer's is the candidate's, when nothing better says so.
    return bool(employer and not my_emails and person.email and _domain(person.email) in FREE_MAIL)


def _is_mailer(person: Person) -> bool:
    return bool(person.email and _NO_REPLY.match(person.email))


def _as_interviewer(person: Person) -> InterviewerInput:
    name = person.name or _name_from_email(person.email or "")
    if "," in name and name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        name = f"{first} {last}"  # Outlook's "Lopez, Maria"
    return InterviewerInput(name=name[:MAX_NAME], email=person.email)


def _name_from_email(email: str) -> str:
    """`maria.lopez@initech.example` → "Maria Lopez"."""
    local = email.split("@", 1)[0]
    return " ".join(part.capitalize() for part in re.split(r"[._-]+", local) if part) or email


def _domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].lower()


def _name_key(name: str) -> str:
    return " ".join(re.findall(r"\w+", name.casefold()))

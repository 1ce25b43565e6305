"""An interview as an invite describes it, before the user confirms it. Pure.

A draft travels in the value of the button that logs it (Slack keeps up to 2000 characters
there), so logging needs neither the file again nor a table of half-logged interviews.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from slackbot.domain.fields import MAX_LENGTH_MINUTES, check_company, check_role
from slackbot.domain.interviewer_lists import InterviewerInput
from slackbot.domain.interviews import InterviewData
from slackbot.domain.invite_people import Me, interviewers_from, known_names
from slackbot.domain.invite_titles import company_from_email, read_title
from slackbot.domain.invites import LONG_PAST, InviteEvent
from slackbot.domain.user_input import InputError
from slackbot.models import InterviewFormat

MAX_VALUE = 2000
_MEETING_LINK = re.compile(
    r"https?://(?:[\w-]+\.)*(?:zoom\.us|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|"
    r"webex\.com|whereby\.com|chime\.aws|gotomeet(?:ing)?\.\w+|bluejeans\.com)\S*",
    re.IGNORECASE,
)
_STREET = re.compile(
    r"\b\d{1,6}\s+\w[\w .'-]*\b(?:st|street|ave|avenue|rd|road|blvd|boulevard|lane|ln|dr|drive|"
    r"way|pl|place|sq|square|pkwy|parkway|ct|court|hwy|strasse|straße|str)\b\.?",
    re.IGNORECASE,
)
# "Friedrichstraße 68, 10117 Berlin", "12 Rue de Rivoli, 75001 Paris", "London EC2A 4BX".
_POSTAL = re.compile(
    r",\s*\d{4,5}\s+[^\W\d]{2,}|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b|"
    r"\w+(?:straße|strasse|weg|gasse|platz|straat|gatan|vej)\s+\d+",
    re.IGNORECASE,
)
_PHONE = re.compile(r"^\s*(?:tel:|phone:?\s*)?\+?[\d ()./-]{7,}\s*$", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class LogDraft:
    """What the Log form is filled with; company and role may be missing."""

    company: str | None
    role: str | None
    starts_at: datetime
    length_minutes: int
    zone: str  # the invite's own time zone, to show the time as the invite says it
    interviewers: tuple[InterviewerInput, ...]
    format: str | None = None
    uid: str | None = None
    sequence: int = 0

    @property
    def complete(self) -> bool:
        return bool(self.company and self.role and self.interviewers)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(ZoneInfo(self.zone))


def draft_from_event(event: InviteEvent, *, me: Me) -> LogDraft:
    guess = read_title(event.summary, people=known_names(event, me))
    organiser = event.organizer.email if event.organizer else None
    company = guess.company or company_from_email(organiser)
    if company is None:
        company = next(
            (c for c in (company_from_email(p.email) for p in event.attendees) if c), None
        )
    return LogDraft(
        company=_fits(company, check_company),
        role=_fits(guess.role, check_role),
        starts_at=event.starts_at,
        length_minutes=min(event.length_minutes, MAX_LENGTH_MINUTES),
        zone=event.zone.key,
        interviewers=interviewers_from(event, me=me),
        format=guess_format(event.location, event.description),
        uid=event.uid[:255] or None,
        sequence=event.sequence,
    )


def guess_format(location: str, description: str = "") -> str | None:
    """ "video" for a meeting link, "on-site" for a street address, "phone" for a number."""
    if _MEETING_LINK.search(location):
        return InterviewFormat.VIDEO
    if _STREET.search(location) or _POSTAL.search(location):
        return InterviewFormat.ONSITE
    if location and _PHONE.match(location):
        return InterviewFormat.PHONE
    if _MEETING_LINK.search(description):
        return InterviewFormat.VIDEO
    return None


def as_interview_data(draft: LogDraft) -> InterviewData:
    """The interview to log; InputError when the draft lacks what logging needs."""
    if not draft.interviewers:
        raise InputError(
            "The invite names nobody to thank.", example="Edit first, and add the interviewers"
        )
    return InterviewData(
        company=check_company(draft.company or ""),
        role=check_role(draft.role or ""),
        starts_at=draft.starts_at,
        interviewers=draft.interviewers,
        length_minutes=draft.length_minutes,
        format=draft.format,
        invite_uid=draft.uid,
        invite_sequence=draft.sequence,
    )


def encode_draft(draft: LogDraft) -> str:
    """A button value; emails, then the last people, are dropped if it would not fit."""
    while True:
        value = json.dumps(_as_dict(draft), separators=(",", ":"), ensure_ascii=False)
        if len(value) <= MAX_VALUE or not draft.interviewers:
            return value[:MAX_VALUE]
        if any(p.email for p in draft.interviewers):
            people = tuple(replace(p, email=None) for p in draft.interviewers)
        else:
            people = draft.interviewers[:-1]
        draft = replace(draft, interviewers=people)


def decode_draft(value: str) -> LogDraft | None:
    """A draft from a button value; None when the value is not one of ours."""
    try:
        raw = json.loads(value)
        return LogDraft(
            company=_str_or_none(raw.get("c")),
            role=_str_or_none(raw.get("r")),
            starts_at=datetime.fromisoformat(str(raw["s"])),
            length_minutes=int(raw["l"]),
            zone=str(ZoneInfo(str(raw["z"])).key),
            interviewers=tuple(
                InterviewerInput(name=str(p[0]), title=_str_or_none(p[1]), email=_str_or_none(p[2]))
                for p in raw["p"]
            ),
            format=raw.get("f") if raw.get("f") in {f.value for f in InterviewFormat} else None,
            uid=_str_or_none(raw.get("u")),
            sequence=int(raw.get("q") or 0),
        )
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def _as_dict(draft: LogDraft) -> dict[str, object]:
    return {
        "c": draft.company,
        "r": draft.role,
        "s": draft.starts_at.isoformat(),
        "l": draft.length_minutes,
        "z": draft.zone,
        "p": [[p.name, p.title, p.email] for p in draft.interviewers],
        "f": draft.format,
        "u": draft.uid,
        "q": draft.sequence,
    }


def _fits(value: str | None, check: object) -> str | None:
    """The value if it passes the same check as typed input, else None (the user fills it in)."""
    if not value or not callable(check):
        return None
    try:
        return str(check(value))
    except InputError:
        return None


def _str_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def is_long_past(draft: LogDraft, *, now: datetime) -> bool:
    """True when the interview ended long ago: logging it is offered, not assumed."""
    return draft.starts_at + timedelta(minutes=draft.length_minutes) < now - LONG_PAST


def with_invite(data: InterviewData, invite: object) -> InterviewData:
    """The form's interview, tied to the invite it was filled from (`[uid, sequence]`)."""
    if not (isinstance(invite, list) and len(invite) == 2 and isinstance(invite[0], str)):
        return data
    sequence = invite[1] if isinstance(invite[1], int) else 0
    return replace(data, invite_uid=invite[0][:255], invite_sequence=sequence)

"""The text form of `/interview log`: `company | role | when | interviewers`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from slackbot.domain.fields import check_company, check_role
from slackbot.domain.interviewer_lists import InterviewerInput, parse_interviewers
from slackbot.domain.user_input import InputError, clean_line
from slackbot.domain.when import parse_when

LOG_EXAMPLE = (
    "/interview log Initrode | Data Engineer | tomorrow 10:00 | "
    "Maria Lopez (Director), Sanjay Rao <sanjay@initrode.example>"
)


@dataclass(frozen=True)
class LogInput:
    company: str
    role: str
    starts_at: datetime
    interviewers: tuple[InterviewerInput, ...]


_LOG_PARTS = (
    ("company", "company"),
    ("role", "role"),
    ("date and time", "date"),
    ("interviewers", "interviewers"),
)


def parse_log_text(text: str, *, now: datetime, zone: ZoneInfo) -> LogInput:
    """`company | role | when | interviewers` (already decoded) as a checked LogInput."""
    parts = [part.strip() for part in text.split("|")]
    if len(parts) != len(_LOG_PARTS):
        found = "none" if not text.strip() else str(len(parts))
        raise InputError(
            "Logging needs four parts separated by |: company | role | when | interviewers "
            f"(I found {found}).",
            example=LOG_EXAMPLE,
        )
    for position, ((label, field), part) in enumerate(zip(_LOG_PARTS, parts, strict=True)):
        if not clean_line(part):
            raise InputError(
                f"The {label} (part {position + 1}) is empty.", example=LOG_EXAMPLE, field=field
            )
    company, role, when, people = parts
    return LogInput(
        company=check_company(company),
        role=check_role(role),
        starts_at=parse_when(when, now=now, zone=zone),
        interviewers=parse_interviewers(people),
    )

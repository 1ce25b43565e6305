"""Validation of the "Log an interview" modal: every bad field gets its own inline message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from slackbot.domain.fields import check_company, check_notes, check_role, parse_length
from slackbot.domain.interviewer_lists import parse_interviewer_lines
from slackbot.domain.interviews import InterviewData
from slackbot.domain.user_input import InputError
from slackbot.models import InterviewFormat


@dataclass(frozen=True, kw_only=True)
class LogForm:
    """The modal's fields as entered; None where left empty."""

    company: str | None
    role: str | None
    date: str | None
    time: str | None
    length: str | None
    interviewers: str | None
    format: str | None
    decision_by: str | None
    notes: str | None


class FormErrors(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


def read_log_form(form: LogForm, *, zone: ZoneInfo) -> InterviewData:
    """The interview the form describes, or FormErrors naming each bad field."""
    errors: dict[str, str] = {}

    def field(name: str, check: Callable[[], Any]) -> Any:
        try:
            return check()
        except InputError as error:
            errors[name] = f"{error.problem} e.g. {error.example}"[:2000]
            return None

    company = field("company", lambda: check_company(form.company or ""))
    role = field("role", lambda: check_role(form.role or ""))
    day = field("date", lambda: _date(form.date, "date", required=True))
    at = field("time", lambda: _time(form.time))
    length = field("length", lambda: parse_length(form.length))
    people = field("interviewers", lambda: parse_interviewer_lines(form.interviewers or ""))
    decision = field("decision_by", lambda: _date(form.decision_by, "decision_by"))
    notes = field("notes", lambda: check_notes(form.notes))
    kind = form.format if form.format in {f.value for f in InterviewFormat} else None
    if decision and day and decision < day:
        errors["decision_by"] = "The decision date is before the interview. e.g. a week after it"
    if errors:
        raise FormErrors(errors)
    starts_at = _local(day, at, zone)
    return InterviewData(
        company=company,
        role=role,
        starts_at=starts_at,
        interviewers=people,
        length_minutes=length,
        format=kind,
        decision_by=decision,
        notes=notes,
    )


def _date(value: str | None, name: str, *, required: bool = False) -> date | None:
    if not value:
        if required:
            raise InputError("Pick the date of the interview.", example="2026-12-01")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"“{value}” is not a date.", example="2026-12-01", field=name) from None


def _time(value: str | None) -> time:
    if not value:
        raise InputError("Pick the time the interview starts.", example="14:00")
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise InputError(f"“{value}” is not a time.", example="14:00") from None


def _local(day: date, at: time, zone: ZoneInfo) -> datetime:
    naive = datetime.combine(day, at)
    # Round-trip through UTC so a wall time inside a DST gap lands on a real instant.
    return naive.replace(tzinfo=zone).astimezone(ZoneInfo("UTC")).astimezone(zone)

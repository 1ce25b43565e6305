"""The one-value fields of a form or command: company, role, topic, notes, length, number."""

from __future__ import annotations

import re

from slackbot.domain.user_input import InputError, check_line, drop_controls, quote

MAX_COMPANY = 100
MAX_ROLE = 100
MAX_TOPIC = 300
MAX_NOTES = 2000
MAX_LENGTH_MINUTES = 600
_NUMBER_EXAMPLE = "/interview edit 3"
_DEFAULT_LENGTH_MINUTES = 60
_NUMBER = re.compile(r"#?([0-9]{1,9})", re.ASCII)
_LENGTH = re.compile(r"([0-9]{1,4})\s*(?:m|mins?|minutes?)?", re.ASCII)


def parse_number(text: str) -> int:
    """An interview's short number, written `3` or `#3`."""
    match = _NUMBER.fullmatch(text.strip())
    if not match or int(match.group(1)) == 0:
        shown = f'"{quote(text)}"' if text.strip() else "Nothing"
        raise InputError(
            f"{shown} isn't an interview number; use the number from /interview list.",
            example=_NUMBER_EXAMPLE,
        )
    return int(match.group(1))


def check_company(text: str) -> str:
    """The company name, cleaned; required, at most MAX_COMPANY characters."""
    return check_line(text, what="company", limit=MAX_COMPANY, example="Initrode", field="company")


def check_role(text: str) -> str:
    """The role, cleaned; required, at most MAX_ROLE characters."""
    return check_line(text, what="role", limit=MAX_ROLE, example="Data Engineer", field="role")


def check_topic(text: str) -> str:
    """What an interviewer talked about, cleaned; required, at most MAX_TOPIC characters."""
    return check_line(
        text, what="topic", limit=MAX_TOPIC, example="their move to event sourcing", field=None
    )


def check_notes(text: str | None) -> str | None:
    """Free-form notes: line breaks kept, blank means none, at most MAX_NOTES characters."""
    if text is None:
        return None
    notes = drop_controls(text.replace("\r\n", "\n")).strip()
    if len(notes) > MAX_NOTES:
        raise InputError(
            f"The notes are {len(notes)} characters long; the most is {MAX_NOTES}.",
            example="Panel of three; they asked a lot about data migrations.",
            field="notes",
        )
    return notes or None


def parse_length(text: str | None) -> int:
    """Interview length in minutes: blank means 60, else 1 to MAX_LENGTH_MINUTES."""
    if text is None or not text.strip():
        return _DEFAULT_LENGTH_MINUTES
    match = _LENGTH.fullmatch(text.strip().lower())
    minutes = int(match.group(1)) if match else 0
    if not 1 <= minutes <= MAX_LENGTH_MINUTES:
        raise InputError(
            f"The length must be a number of minutes from 1 to {MAX_LENGTH_MINUTES}, "
            f'not "{quote(text)}".',
            example="45",
            field="length",
        )
    return minutes

"""The interviewers field: `Name (Title) <email>, …` on one line, or one person a line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from slackbot.domain.user_input import InputError, clean_line, quote

MAX_INTERVIEWERS = 12
MAX_NAME = 80
MAX_TITLE = 100
_INTERVIEWERS_EXAMPLE = "Maria Lopez (Director), Sanjay Rao <sanjay@initrode.example>"
_INTERVIEWER_LINES_EXAMPLE = "Maria Lopez, Director, maria@initrode.example"
_MAX_EMAIL = 254


@dataclass(frozen=True)
class InterviewerInput:
    name: str
    title: str | None = None
    email: str | None = None


# Deliberately loose: a shape check that catches typos, not an RFC 5322 validator.
_EMAIL_CHAR = r"[^\s@<>()\[\],;:\"]"
_LABEL = r"[^\s@<>()\[\],;:\".]+"
_EMAIL = re.compile(rf"{_EMAIL_CHAR}+@(?:{_LABEL}\.)+{_LABEL}")
_NAME_FORBIDDEN = set("()<>")


def _interviewer_error(problem: str, *, example: str) -> InputError:
    """An error about the interviewers field."""
    return InputError(problem, example=example, field="interviewers")


def _check_email(text: str, *, example: str) -> str:
    """A plausible email address, as typed."""
    email = text.strip()
    if len(email) > _MAX_EMAIL or not _EMAIL.fullmatch(email):
        raise _interviewer_error(
            f'"{quote(email)}" doesn\'t look like an email address.', example=example
        )
    return email


def _balanced(text: str) -> bool:
    """Whether the round brackets in the text pair up."""
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _take_email(entry: str, *, example: str) -> tuple[str, str | None]:
    """Split `Name <email>` or `Name email` into the rest and the email."""
    if entry.endswith(">"):
        start = entry.rfind("<")
        if start == -1:
            raise _interviewer_error(
                f'"{quote(entry)}" has a > without a matching <.', example=example
            )
        return entry[:start].strip(), _check_email(entry[start + 1 : -1], example=example)
    words = entry.rsplit(maxsplit=1)
    last = words[-1] if words else ""
    # `@dana` (a decoded mention) is a name; only `x@y` is treated as an email.
    if "@" in last[1:]:
        return (words[0] if len(words) == 2 else ""), _check_email(last, example=example)
    return entry, None


def _take_title(rest: str, *, entry: str, example: str) -> tuple[str, str | None]:
    """Split `Name (Title)` into the name and the title."""
    if not rest.endswith(")"):
        return rest, None
    start = rest.find("(")
    if start == -1 or not _balanced(rest[start + 1 : -1]):
        raise _interviewer_error(
            f'The brackets in "{quote(entry)}" don\'t pair up.', example=example
        )
    title = clean_line(rest[start + 1 : -1])
    if len(title) > MAX_TITLE:
        raise _interviewer_error(
            f'The title in "{quote(entry)}" is {len(title)} characters; the most is {MAX_TITLE}.',
            example=example,
        )
    return rest[:start], title or None


def _check_name(text: str, *, entry: str, example: str) -> str:
    """The interviewer's name: present, plain and not too long."""
    name = clean_line(text)
    if not name:
        raise _interviewer_error(
            f'"{quote(entry)}" needs the interviewer\'s name first.', example=example
        )
    if _NAME_FORBIDDEN & set(name):
        raise _interviewer_error(
            f'I couldn\'t read "{quote(entry)}": put a title in (brackets) after the name '
            "and an email in <angle brackets>.",
            example=example,
        )
    if len(name) > MAX_NAME:
        raise _interviewer_error(
            f'The name "{quote(name)}" is {len(name)} characters; the most is {MAX_NAME}.',
            example=example,
        )
    return name


def _parse_entry(entry: str, *, example: str) -> InterviewerInput:
    """One interviewer written as `Name`, `Name (Title)`, `Name (Title) <email>` or `Name email`."""
    cleaned = clean_line(entry)
    rest, email = _take_email(cleaned, example=example)
    rest, title = _take_title(rest.strip(), entry=cleaned, example=example)
    return InterviewerInput(_check_name(rest, entry=cleaned, example=example), title, email)


def _split_entries(text: str) -> list[str]:
    """Split on commas outside brackets, so `Maria (VP, Sales)` stays one entry."""
    entries: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char == "," and depth == 0:
            entries.append("".join(current))
            current = []
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            # A stray `)` must not swallow the commas after it; the entry check reports it.
            depth = max(depth - 1, 0)
        current.append(char)
    entries.append("".join(current))
    return entries


def _check_no_empty_entries(entries: list[str]) -> None:
    """Name a stray comma precisely, since the user cannot see an empty entry."""
    for position, entry in enumerate(entries):
        if clean_line(entry):
            continue
        if position == len(entries) - 1:
            where = "after the last interviewer"
        elif position == 0:
            where = "before the first interviewer"
        else:
            where = f"after interviewer {position}"
        raise _interviewer_error(
            f"There is an empty entry (a stray comma) {where}.", example=_INTERVIEWERS_EXAMPLE
        )


def _check_people(people: list[InterviewerInput], *, example: str) -> tuple[InterviewerInput, ...]:
    """Between one and the maximum number of interviewers, each named once."""
    if not people:
        raise _interviewer_error("Add at least one interviewer.", example=example)
    if len(people) > MAX_INTERVIEWERS:
        raise _interviewer_error(
            f"That is {len(people)} interviewers; the most is {MAX_INTERVIEWERS}.",
            example=example,
        )
    seen: set[str] = set()
    for person in people:
        key = person.name.casefold()
        if key in seen:
            raise _interviewer_error(
                f'"{quote(person.name)}" is listed twice; give each interviewer once.',
                example=example,
            )
        seen.add(key)
    return tuple(people)


def parse_interviewers(text: str) -> tuple[InterviewerInput, ...]:
    """Comma-separated interviewers from the text form of `/interview log`."""
    if not clean_line(text):
        raise _interviewer_error("Add at least one interviewer.", example=_INTERVIEWERS_EXAMPLE)
    entries = _split_entries(text)
    _check_no_empty_entries(entries)
    people = [_parse_entry(entry, example=_INTERVIEWERS_EXAMPLE) for entry in entries]
    return _check_people(people, example=_INTERVIEWERS_EXAMPLE)


def _parse_line(line: str) -> InterviewerInput:
    """One modal line: `Name, Title, email` (title and email optional) or the text form."""
    example = _INTERVIEWER_LINES_EXAMPLE
    parts = [clean_line(part) for part in _split_entries(line)]
    if not parts[0]:
        raise _interviewer_error(
            f'"{quote(line)}" needs the interviewer\'s name first.', example=example
        )
    # The first part may itself be `Name (Title) <email>`: people paste the text form here too.
    head = _parse_entry(parts[0], example=example)
    rest = parts[1:]
    email = None
    if rest and "@" in rest[-1][1:]:
        email = _check_email(rest.pop(), example=example)
    # Whatever sits between name and email is the title, commas and all ("VP, Sales").
    title = ", ".join(part for part in rest if part) or None
    if (title and head.title) or (email and head.email):
        raise _interviewer_error(
            f'"{quote(line)}" gives the {"title" if title and head.title else "email"} twice.',
            example=example,
        )
    if title and len(title) > MAX_TITLE:
        raise _interviewer_error(
            f'The title "{quote(title)}" is {len(title)} characters; the most is {MAX_TITLE}.',
            example=example,
        )
    return InterviewerInput(head.name, title or head.title, email or head.email)


def parse_interviewer_lines(text: str) -> tuple[InterviewerInput, ...]:
    """Interviewers from the modal's multi-line field, one per line; blank lines are skipped."""
    lines = [line for line in text.splitlines() if clean_line(line)]
    people = [_parse_line(line) for line in lines]
    return _check_people(people, example=_INTERVIEWER_LINES_EXAMPLE)

"""Bad user input and the text cleaning every reader of typed values shares."""

from __future__ import annotations

import unicodedata


class InputError(ValueError):
    """Bad user input: `problem` names it in one sentence, `example` shows a correct input."""

    def __init__(self, problem: str, *, example: str, field: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.example = example
        self.field = field


def drop_controls(text: str) -> str:
    """Remove control characters other than whitespace (PostgreSQL rejects NUL in text)."""
    return "".join(c for c in text if c.isspace() or unicodedata.category(c) != "Cc")


def clean_line(text: str) -> str:
    """One line of plain text: no control characters, whitespace runs collapsed."""
    return " ".join(drop_controls(text).split())


def quote(text: str, limit: int = 40) -> str:
    """User text shortened for an error message, so a pasted essay stays a one-line error."""
    cleaned = clean_line(text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def check_line(text: str, *, what: str, limit: int, example: str, field: str | None) -> str:
    """A required single-line value, cleaned and within `limit` characters."""
    cleaned = clean_line(text)
    if not cleaned:
        raise InputError(f"The {what} is empty.", example=example, field=field)
    if len(cleaned) > limit:
        raise InputError(
            f"The {what} is {len(cleaned)} characters long; the most is {limit}.",
            example=example,
            field=field,
        )
    return cleaned

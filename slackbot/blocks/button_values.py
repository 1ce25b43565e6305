"""What a button carries in its `value`: an id, or an id and a word (`"12:offer"`).

Builders encode values here and listeners read them back here. A value arrives from the
network, so reading never trusts it: anything malformed reads as no id (which matches nothing).
"""

from __future__ import annotations

import re

_ID = re.compile(r"[0-9]{1,12}")


def id_value(an_id: int, extra: object = "") -> str:
    return f"{an_id}:{extra}"


def read_id(value: object) -> int | None:
    """An id from a payload or our own metadata; anything else is None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(value) if isinstance(value, str) and _ID.fullmatch(value) else None


def read_id_value(value: str | None) -> tuple[int | None, str]:
    """`"12:offer"` -> (12, "offer"); anything malformed -> (None, "")."""
    head, _, tail = (value or "").partition(":")
    found = read_id(head)
    return (found, tail) if found is not None else (None, "")

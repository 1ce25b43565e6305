"""Reading an outcome (`offer`, `next round`, …) from what the user typed."""

from __future__ import annotations

from slackbot.domain.user_input import InputError
from slackbot.models import Outcome

HEARD_EXAMPLE = "/interview heard 3 offer"

WORDS: dict[str, Outcome] = {
    "next-round": Outcome.NEXT_ROUND,
    "next round": Outcome.NEXT_ROUND,
    "nextround": Outcome.NEXT_ROUND,
    "offer": Outcome.OFFER,
    "rejected": Outcome.REJECTED,
    "rejection": Outcome.REJECTED,
    "withdrawn": Outcome.WITHDRAWN,
    "withdrew": Outcome.WITHDRAWN,
}


def outcome_named(text: str) -> Outcome | None:
    return WORDS.get(" ".join(text.casefold().split()))


def split_outcome(text: str) -> tuple[str, Outcome | None]:
    """`3 offer` -> ("3", OFFER); `Initrode` -> ("Initrode", None)."""
    words = text.split()
    if not words:
        raise InputError("Say which interview you heard back about.", example=HEARD_EXAMPLE)
    for size in (2, 1):
        if len(words) > size and (outcome := outcome_named(" ".join(words[-size:]))):
            return " ".join(words[:-size]), outcome
    if outcome_named(" ".join(words)):
        raise InputError("Say which interview you heard back about.", example=HEARD_EXAMPLE)
    return " ".join(words), None

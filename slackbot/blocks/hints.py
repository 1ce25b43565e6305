"""The reply hint under each prompt, built from that prompt: its pending people, its snooze
buttons, and only the replies its kind accepts. The same text is the help for a reply to it
that the bot did not understand.
"""

from __future__ import annotations

from slackbot.blocks.text import escape
from slackbot.models import Interviewer, PromptKind

# Each prompt's snooze buttons, as (label, the reply that does the same).
SNOOZE_BUTTONS: dict[PromptKind, tuple[tuple[str, str], ...]] = {
    PromptKind.THANK_YOU: (("In 2 hours", "in 2 hours"), ("Tomorrow morning", "tomorrow morning")),
    PromptKind.NUDGE: (("In 2 hours", "in 2 hours"), ("Tomorrow morning", "tomorrow morning")),
    PromptKind.FOLLOW_UP: (("Snooze 3 days", "in 3 days"),),
    PromptKind.CLOSURE: (),
}
OUTCOMES = "`offer`, `rejected`, `next round`"
GENERAL_HELP = (
    "I understand: `Maria: their move to event sourcing` (what you talked about), `sent Maria`, "
    "`sent Maria and Sanjay` or `sent all`, `followed up`, `heard back`, `offer`, `rejected`, "
    "`withdrawn`, `next round`, `snooze`, `remind me in 2 hours`, `remind me tonight`, "
    "`snooze until monday`, `undo`."
)


def reply_hint(kind: PromptKind, pending: list[Interviewer]) -> str:
    """`pending`: the people this prompt names who are not thanked yet."""
    parts = [*_people_parts(kind, pending), *_snooze_parts(kind), OUTCOMES, "`undo`"]
    return "Reply here: " + " · ".join(parts)


def not_understood(kind: PromptKind | None, pending: list[Interviewer]) -> str:
    if kind is None:
        return GENERAL_HELP
    return "I didn't catch that. " + reply_hint(kind, pending)


def _people_parts(kind: PromptKind, pending: list[Interviewer]) -> list[str]:
    if kind is PromptKind.FOLLOW_UP:
        return ["`followed up` once you've written"]
    if kind not in (PromptKind.THANK_YOU, PromptKind.NUDGE):
        return []
    if not pending:
        return ["everyone is thanked"]
    first = [escape(p.name.split()[0]) for p in pending if p.name.split()]
    topic = f"`{first[0]}: what you talked about` records a topic"
    if len(first) == 1:
        return [topic, f"`sent` once you've thanked {first[0]}"]
    return [topic, f"`sent {first[0]}`, `sent {first[0]} and {first[1]}` or `sent all`"]


def _snooze_parts(kind: PromptKind) -> list[str]:
    phrases = [f"`remind me {phrase}`" for _label, phrase in SNOOZE_BUTTONS[kind]]
    return [" or ".join(phrases)] if phrases else []

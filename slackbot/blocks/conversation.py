"""Answers to replies in the DM: a brief confirmation, or a question with buttons."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slackbot.blocks import ids
from slackbot.blocks.hints import not_understood
from slackbot.blocks.interviews import outcome_buttons
from slackbot.blocks.outcomes import outcome_blocks
from slackbot.blocks.text import actions, button, escape, section
from slackbot.blocks.timefmt import relative_datetime
from slackbot.blocks.undo import with_undo
from slackbot.domain.conversation import Applied
from slackbot.models import Interview, Interviewer, Prompt, PromptKind

BUTTON_VALUE_LIMIT = 2000


def message(text: str, blocks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """`text` is already escaped mrkdwn: it is the notification fallback and the first block."""
    return {"text": text, "blocks": blocks or [section(text)]}


def build_help_line(prompt: Prompt | None = None) -> dict[str, Any]:
    """Help for a reply not understood: for the prompt it answers, when it is in a thread."""
    if prompt is None:
        return message(not_understood(None, []))
    pending = [p for p in prompt.interview.interviewers if p.thanked_at is None]
    return message(not_understood(PromptKind(prompt.kind), pending))


def build_no_interview() -> dict[str, Any]:
    return message("You have no open interviews. Log one with `/interview log`.")


def build_applied(
    applied: Applied, interview: Interview, reply_text: str, *, zone: ZoneInfo, now: datetime
) -> dict[str, Any]:
    text = escape(applied.text)
    if applied.later is not None:
        words, moment = applied.later
        text += f" {escape(words)} {relative_datetime(moment, zone, now)}."
    if applied.ask_people:
        buttons = [
            button(
                p.name + (f" ({p.title})" if p.title else ""),
                ids.DM_PICK_PERSON,
                _value(interview.id, reply_text, person=p),
            )
            for p in applied.ask_people[:25]
        ]
        return message(text, [section(text), actions(*buttons)])
    if applied.ask_outcome:
        return message(text, [section(text), outcome_buttons(ids.HEARD_OUTCOME, interview.id)])
    if applied.outcome is not None:
        blocks = outcome_blocks(interview, applied.outcome, applied.text, draft=applied.draft)
        answer = message(escape(applied.text), blocks)
    else:
        mark = ":white_check_mark: " if applied.changed else ""
        if applied.undone:
            mark = ":leftwards_arrow_with_hook: "
        answer = message(text, [section(mark + text)])
    return with_undo(answer, applied.undo_id) if applied.undo_id else answer


def build_pick_interview(choices: list[Interview], reply_text: str) -> dict[str, Any]:
    text = "Which interview is that about?"
    buttons = [
        button(f"{i.company} — {i.role}", ids.DM_PICK_INTERVIEW, _value(i.id, reply_text))
        for i in choices[:25]
    ]
    return message(text, [section(text), actions(*buttons)])


def _value(interview_id: int, reply_text: str, *, person: Interviewer | None = None) -> str:
    """The reply travels in the button (at most 2000 characters once encoded)."""
    payload: dict[str, Any] = {"i": interview_id}
    if person is not None:
        payload["p"] = person.id
    text = reply_text[:BUTTON_VALUE_LIMIT]
    while True:
        value = json.dumps({**payload, "r": text}, separators=(",", ":"), ensure_ascii=False)
        if len(value) <= BUTTON_VALUE_LIMIT:
            return value
        text = text[: len(text) - (len(value) - BUTTON_VALUE_LIMIT)]


def read_value(value: str | None) -> tuple[int | None, str, int | None]:
    """(interview id, reply text, person id) from a pick button; Nones when malformed."""
    try:
        payload = json.loads(value or "")
        return (
            int(payload["i"]),
            str(payload["r"]),
            (int(payload["p"]) if payload.get("p") is not None else None),
        )
    except (ValueError, KeyError, TypeError):
        return None, "", None

"""Answers to replies in the DM: a brief confirmation, or a question with buttons."""

from __future__ import annotations

import json
from typing import Any

from slackbot.blocks import ids
from slackbot.blocks.interviews import outcome_buttons
from slackbot.blocks.text import actions, button, escape, section
from slackbot.domain.conversation import Applied
from slackbot.domain.replies import HELP_LINE
from slackbot.models import Interview, Interviewer

BUTTON_VALUE_LIMIT = 2000


def message(text: str, blocks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """`text` is already escaped mrkdwn: it is the notification fallback and the first block."""
    return {"text": text, "blocks": blocks or [section(text)]}


def build_help_line() -> dict[str, Any]:
    return message(HELP_LINE)


def build_no_interview() -> dict[str, Any]:
    return message("You have no open interviews. Log one with `/interview log`.")


def build_applied(applied: Applied, interview: Interview, reply_text: str) -> dict[str, Any]:
    text = escape(applied.text)
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
        return message(text, [section(text), outcome_buttons(ids.HEARD_OUTCOME, str(interview.id))])
    mark = ":white_check_mark: " if applied.changed else ""
    return message(text, [section(mark + text)])


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

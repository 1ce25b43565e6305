"""The Undo button a change leaves in the message it updates, and what undoing says."""

from __future__ import annotations

from typing import Any

from slackbot.blocks import ids
from slackbot.blocks.text import MESSAGE_BLOCKS, actions, button, escape, section

UNDO_BLOCK = "undo"


def with_undo(message: dict[str, Any], point_id: int) -> dict[str, Any]:
    """`message` with one Undo button at its end (replacing an older one)."""
    blocks = [b for b in message["blocks"] if b.get("block_id") != UNDO_BLOCK]
    undo = actions(button("Undo", ids.UNDO, str(point_id)), block_id=UNDO_BLOCK)
    return {**message, "blocks": [*blocks[: MESSAGE_BLOCKS - 1], undo]}


def undone_line(label: str, company: str) -> str:
    return (
        f":leftwards_arrow_with_hook: Undone: {escape(label)} ({escape(company)}). "
        "Everything is as it was before."
    )


def build_undone(label: str, company: str) -> dict[str, Any]:
    text = undone_line(label, company)
    return {"text": text, "blocks": [section(text)]}


def build_too_late(company: str | None) -> dict[str, Any]:
    about = f" for {escape(company)}" if company else ""
    text = (
        f"It's too late to undo that: a newer prompt{about} has gone out since. "
        "Reply to that one instead."
    )
    return {"text": text, "blocks": [section(text)]}


def build_nothing_to_undo() -> dict[str, Any]:
    text = "There's nothing to undo: no outcome, sent note, skip or snooze to take back."
    return {"text": text, "blocks": [section(text)]}

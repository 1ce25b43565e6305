"""Text helpers shared by every builder: escaping and Slack's length limits."""

from __future__ import annotations

from typing import Any

MESSAGE_BLOCKS = 50  # Slack's limit for one message
SECTION_TEXT_LIMIT = 3000
BUTTON_TEXT_LIMIT = 75
PLAIN_TEXT_LIMIT = 150


def escape(text: str) -> str:
    """Neutralise Slack's control characters so user text can never mention or link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": clip(text, SECTION_TEXT_LIMIT), "verbatim": True}


def plain(text: str, limit: int = PLAIN_TEXT_LIMIT) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(text, limit), "emoji": True}


def section(
    text: str, *, block_id: str | None = None, accessory: dict[str, Any] | None = None
) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "section", "text": mrkdwn(text)}
    if block_id:
        block["block_id"] = block_id
    if accessory:
        block["accessory"] = accessory
    return block


def context(*texts: str) -> dict[str, Any]:
    return {"type": "context", "elements": [mrkdwn(t) for t in texts[:10]]}


def button(
    text: str,
    action_id: str,
    value: str | None = None,
    *,
    style: str | None = None,
    url: str | None = None,
    confirm: dict[str, Any] | None = None,
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": plain(text, BUTTON_TEXT_LIMIT),
        "action_id": action_id,
    }
    if value is not None:
        element["value"] = value
    if style:
        element["style"] = style
    if url:
        element["url"] = url
    if confirm:
        element["confirm"] = confirm
    return element


def actions(*elements: dict[str, Any], block_id: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "actions", "elements": list(elements)[:25]}
    if block_id:
        block["block_id"] = block_id
    return block


def ephemeral(text: str, blocks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A slash-command reply only the user sees; `text` is also the notification fallback."""
    reply: dict[str, Any] = {"response_type": "ephemeral", "text": clip(text, 3000)}
    if blocks:
        reply["blocks"] = blocks[:50]
    return reply


def build_plain_reply(text: str) -> dict[str, Any]:
    """A one-section ephemeral reply; callers escape any user text inside `text`."""
    return ephemeral(text, [section(text)])


def build_error(problem: str, example: str) -> dict[str, Any]:
    """An ephemeral error: the problem and a correct example.

    Both may quote what the user typed, so both are escaped: it can never mention or link.
    """
    text = f":warning: {escape(problem)}\nFor example: `{escape(example)}`"
    return ephemeral(text, [section(text)])


def inline_error(view: object, message: str) -> dict[str, Any] | None:
    """A modal's answer that keeps it open with `message` under its first field, when it has one."""
    blocks = view.get("blocks") if isinstance(view, dict) else None
    inputs = [b for b in blocks or [] if isinstance(b, dict) and b.get("type") == "input"]
    if not inputs or not isinstance(inputs[0].get("block_id"), str):
        return None
    return {"response_action": "errors", "errors": {inputs[0]["block_id"]: message}}

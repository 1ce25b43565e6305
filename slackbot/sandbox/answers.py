"""What the bot answered a request sent as Slack, and the text a person would read in it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass
class SentRequest:
    status: int
    body: str
    elapsed: float
    response_url: str | None = None

    def json(self) -> dict[str, Any]:
        return json.loads(self.body) if self.body else {}

    @property
    def text(self) -> str:
        """What Slack would show from the immediate reply: its text and every block's text."""
        if not self.body:
            return ""
        try:
            payload = self.json()
        except ValueError:
            return self.body
        return visible_text(payload)


def visible_text(payload: dict[str, Any]) -> str:
    """Flatten a message or view into the text a person would read, block by block."""
    parts: list[str] = []
    if payload.get("text") and not payload.get("blocks"):
        parts.append(str(payload["text"]))
    for block in payload.get("blocks") or []:
        parts.extend(_block_texts(block))
    return "\n".join(p for p in parts if p)


def _block_texts(block: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    for key in ("text", "label", "hint"):
        value = block.get(key)
        if isinstance(value, dict):
            texts.append(str(value.get("text", "")))
    for fld in block.get("fields") or []:
        texts.append(str(fld.get("text", "")))
    for element in block.get("elements") or []:
        if isinstance(element.get("text"), dict):
            texts.append(str(element["text"].get("text", "")))
        elif isinstance(element.get("text"), str):
            texts.append(element["text"])
    accessory = block.get("accessory")
    if isinstance(accessory, dict) and isinstance(accessory.get("text"), dict):
        texts.append(str(accessory["text"].get("text", "")))
    return texts

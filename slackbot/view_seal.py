"""Views the bot opened carry a signed private_metadata; a submission without it is refused.

A view_submission names its own id, callback and metadata, so anyone holding a signed body could
submit a "Log an interview" form the bot never opened, with a response URL of their choosing in
its metadata. Each view the bot opens gets its metadata and its owner signed with a key derived
from the app's secrets (so it survives restarts and is shared by every process); only a
submission by that same user with that signature reaches a listener.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltResponse

from slackbot.blocks.text import inline_error
from slackbot.config import Settings
from slackbot.domain.interviews import Owner

logger = logging.getLogger(__name__)

EXPIRED = "This form has expired, so nothing was saved. Please open it again."
_SIGNATURE_CHARS = 43


class ViewSeal:
    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)

    @classmethod
    def for_settings(cls, settings: Settings) -> ViewSeal:
        """A key every process with these settings derives alike; never the secret itself."""
        material = (
            settings.signing_secret
            or settings.client_secret
            or settings.app_token
            or settings.bot_token
            or ""
        )
        if not material:
            return cls()
        return cls(hmac.new(material.encode(), b"follow-up-coach view seal", "sha256").digest())

    def _sign(self, payload: str) -> str:
        digest = hmac.new(self._key, payload.encode(), hashlib.sha256).hexdigest()
        return digest[:_SIGNATURE_CHARS]

    def seal(self, view: dict[str, Any], owner: Owner) -> dict[str, Any]:
        """The view with its metadata bound to `owner` and signed."""
        try:
            meta = json.loads(view.get("private_metadata") or "{}")
        except ValueError:
            meta = {}
        payload = json.dumps(
            {"o": [owner.team_id, owner.user_id], "m": meta}, separators=(",", ":")
        )
        return {**view, "private_metadata": f"{self._sign(payload)}.{payload}"}

    def opened_for(self, view: dict[str, Any], owner: Owner) -> bool:
        """True when this view's metadata was sealed by the bot for this user."""
        signature, _, payload = str(view.get("private_metadata") or "").partition(".")
        if not payload or not hmac.compare_digest(signature, self._sign(payload)):
            return False
        try:
            sealed_owner = json.loads(payload).get("o")
        except (ValueError, AttributeError):
            return False
        return bool(sealed_owner == [owner.team_id, owner.user_id])


def sealed_metadata(view: dict[str, Any]) -> dict[str, Any]:
    """The metadata inside a seal (already checked by `only_views_opened`); {} otherwise."""
    _, _, payload = str(view.get("private_metadata") or "").partition(".")
    try:
        meta = json.loads(payload).get("m") if payload else {}
    except (ValueError, AttributeError):
        return {}
    return meta if isinstance(meta, dict) else {}


def only_views_opened(seal: ViewSeal) -> Callable[..., BoltResponse]:
    """Bolt middleware: a view submission the bot did not open for this user goes no further."""

    def check(body: dict[str, Any], next: Callable[[], BoltResponse]) -> BoltResponse:
        if body.get("type") != "view_submission":
            return next()
        view = body["view"]  # its shape was checked before any middleware ran
        user = body["user"]
        team = (body.get("team") or {}).get("id") or user.get("team_id")
        if seal.opened_for(view, Owner(team_id=str(team), user_id=str(user["id"]))):
            return next()
        logger.info("refused a view submission the bot did not open for this user")
        return _expired(view)

    return check


def _expired(view: dict[str, Any]) -> BoltResponse:
    errors = inline_error(view, EXPIRED)
    if errors is None:
        return BoltResponse(status=200, body="")
    return BoltResponse(
        status=200,
        body=json.dumps(errors),
        headers={"content-type": "application/json;charset=utf-8"},
    )

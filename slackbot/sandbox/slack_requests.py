"""The requests Slack sends a bot: commands, clicks, submissions and events, as Slack shapes them.

Text is entity-encoded (`&`, `<`, `>`) as Slack encodes it, unless `raw=True` is asked for.
How a request travels (signed HTTP, or a Socket Mode envelope) is the subclass's part.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from slackbot.blocks.text import escape
from slackbot.sandbox.answers import SentRequest
from slackbot.sandbox.fake_slack import FakeSlack
from slackbot.sandbox.view_inputs import fill_inputs, find_element


class SlackRequests:
    """Plays Slack's side of the conversation towards one running bot."""

    def __init__(
        self, *, fake: FakeSlack, team_id: str | None = None, api_app_id: str = "A0APP0001"
    ) -> None:
        self.fake = fake
        self.team_id = team_id or fake.team_id
        self.api_app_id = api_app_id

    # -- transport, by the subclass ----------------------------------------------------------
    def _send_command(self, fields: dict[str, str], **kwargs: Any) -> SentRequest:
        raise NotImplementedError

    def _payload(self, payload: dict[str, Any], **kwargs: Any) -> SentRequest:
        raise NotImplementedError

    def _send_event(
        self, envelope: dict[str, Any], *, retry_num: int | None, **kwargs: Any
    ) -> SentRequest:
        raise NotImplementedError

    # -- slash commands -------------------------------------------------------------------------
    def command(
        self,
        user_id: str,
        text: str,
        *,
        command: str = "/interview",
        channel_id: str = "C0JOBS001",
        channel_name: str = "job-search",
        raw: bool = False,
        **kwargs: Any,
    ) -> SentRequest:
        response_url = self.fake.response_url()
        fields = {
            "token": "legacy-verification-token",
            "team_id": self.team_id,
            "team_domain": "sandbox",
            "channel_id": channel_id,
            "channel_name": channel_name,
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text if raw else escape(text),
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": _trigger_id(),
        }
        sent = self._send_command(fields, **kwargs)
        sent.response_url = response_url
        return sent

    # -- interactivity ----------------------------------------------------------------------------
    def _base(self, kind: str, user_id: str) -> dict[str, Any]:
        return {
            "type": kind,
            "user": {"id": user_id, "username": user_id.lower(), "team_id": self.team_id},
            "api_app_id": self.api_app_id,
            "token": "legacy-verification-token",
            "trigger_id": _trigger_id(),
            "team": {"id": self.team_id, "domain": "sandbox"},
            "enterprise": None,
            "is_enterprise_install": False,
        }

    def click(
        self,
        user_id: str,
        *,
        action_id: str,
        message: dict[str, Any] | None = None,
        view: dict[str, Any] | None = None,
        value: str | None = None,
        ephemeral_blocks: list[dict[str, Any]] | None = None,
        response_url: str | None = None,
        **kwargs: Any,
    ) -> SentRequest:
        """Click a button the user can see: in a message, a view, or an ephemeral reply.

        `response_url` stands for the one Slack bound to the message really clicked, when the
        `message` sent is a tampered copy naming another.
        """
        blocks = (message or view or {}).get("blocks") or ephemeral_blocks or []
        block_id, element = find_element(blocks, action_id, value)
        payload = self._base("block_actions", user_id)
        if response_url is None:
            response_url = (
                self.fake.response_url(channel=message.get("channel"), ts=message.get("ts"))
                if message
                else self.fake.response_url()
            )
        action = {
            "action_id": action_id,
            "block_id": block_id,
            "type": element.get("type", "button"),
            "action_ts": f"{time.time():.6f}",
        }
        if element.get("type") == "button":
            action["text"] = element.get("text")
            if "value" in element:
                action["value"] = element["value"]
        elif element.get("type") == "overflow" or element.get("type") == "static_select":
            option = next(o for o in element["options"] if value in (None, o["value"]))
            action["selected_option"] = option
        if message is not None:
            payload["container"] = {
                "type": "message",
                "message_ts": message["ts"],
                "channel_id": message["channel"],
                "is_ephemeral": False,
            }
            payload["channel"] = {"id": message["channel"], "name": "directmessage"}
            payload["message"] = message
            payload["response_url"] = response_url
        elif view is not None:
            payload["container"] = {"type": "view", "view_id": view["id"]}
            # Slack sends every input's state with a click in a modal.
            payload["view"] = {**view, "state": {"values": fill_inputs(view, {})}}
        else:
            payload["container"] = {"type": "message", "is_ephemeral": True}
            payload["channel"] = {"id": "C0JOBS001", "name": "job-search"}
            payload["response_url"] = response_url
        payload["actions"] = [action]
        sent = self._payload(payload, **kwargs)
        sent.response_url = response_url
        return sent

    def submit(
        self,
        user_id: str,
        view: dict[str, Any],
        values: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> SentRequest:
        """Submit a modal as the user filled it; `values` maps block_id to what was entered."""
        payload = self._base("view_submission", user_id)
        submitted = dict(view)
        submitted["state"] = {"values": fill_inputs(view, values or {})}
        payload["view"] = submitted
        payload["response_urls"] = []
        return self._payload(payload, **kwargs)

    def type_into(
        self, user_id: str, view: dict[str, Any], *, block_id: str, value: str
    ) -> SentRequest:
        """Type into a modal input that dispatches actions (on Enter, or as characters come)."""
        block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
        element = block["element"]
        payload = self._base("block_actions", user_id)
        payload["container"] = {"type": "view", "view_id": view["id"]}
        payload["view"] = {**view, "state": {"values": fill_inputs(view, {block_id: value})}}
        payload["actions"] = [
            {
                "type": element["type"],
                "action_id": element["action_id"],
                "block_id": block_id,
                "value": value,
                "action_ts": f"{time.time():.6f}",
            }
        ]
        return self._payload(payload)

    def close_view(
        self, user_id: str, view: dict[str, Any], values: dict[str, Any] | None = None
    ) -> SentRequest:
        payload = self._base("view_closed", user_id)
        payload["view"] = {**view, "state": {"values": fill_inputs(view, values or {})}}
        payload["is_cleared"] = False
        return self._payload(payload)

    def suggest(
        self,
        user_id: str,
        *,
        action_id: str,
        block_id: str,
        value: str,
        view: dict[str, Any] | None = None,
    ) -> SentRequest:
        payload = self._base("block_suggestion", user_id)
        payload.update({"action_id": action_id, "block_id": block_id, "value": value})
        if view is not None:
            payload["view"] = view
            payload["container"] = {"type": "view", "view_id": view["id"]}
        return self._payload(payload)

    def message_shortcut(
        self, user_id: str, *, callback_id: str, message: dict[str, Any], channel_id: str
    ) -> SentRequest:
        payload = self._base("message_action", user_id)
        payload.update(
            {
                "callback_id": callback_id,
                "message_ts": message["ts"],
                "message": message,
                "channel": {"id": channel_id, "name": "job-search"},
                "response_url": self.fake.response_url(),
            }
        )
        return self._payload(payload)

    # -- events ---------------------------------------------------------------------------------
    def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        **kwargs: Any,
    ) -> SentRequest:
        envelope = {
            "token": "legacy-verification-token",
            "team_id": self.team_id,
            "api_app_id": self.api_app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or "Ev" + uuid.uuid4().hex[:10].upper(),
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": self.fake.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
        }
        return self._send_event(envelope, retry_num=retry_num, **kwargs)

    def dm(
        self,
        user_id: str,
        text: str,
        *,
        thread_ts: str | None = None,
        raw: bool = False,
        **kwargs: Any,
    ) -> SentRequest:
        """The user types a message in their DM with the bot."""
        ts = f"{time.time():.6f}"
        event = {
            "type": "message",
            "channel": self.fake.dm_channel(user_id),
            "channel_type": "im",
            "user": user_id,
            "text": text if raw else escape(text),
            "ts": ts,
            "event_ts": ts,
            "team": self.team_id,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        return self.event(event, **kwargs)

    def share_file(
        self,
        user_id: str,
        *,
        name: str,
        content: bytes,
        mimetype: str = "text/calendar",
        text: str = "",
        **kwargs: Any,
    ) -> SentRequest:
        """The user drops a file into their DM with the bot: Slack's `file_share` message."""
        shared = self.fake.share_file(user_id, name=name, content=content, mimetype=mimetype)
        ts = f"{time.time():.6f}"
        event = {
            "type": "message",
            "subtype": "file_share",
            "channel": self.fake.dm_channel(user_id),
            "channel_type": "im",
            "user": user_id,
            "text": escape(text),
            "files": [shared],
            "upload": False,
            "display_as_bot": False,
            "ts": ts,
            "event_ts": ts,
            "team": self.team_id,
        }
        return self.event(event, **kwargs)

    def open_home(self, user_id: str) -> SentRequest:
        ts = f"{time.time():.6f}"
        return self.event(
            {
                "type": "app_home_opened",
                "user": user_id,
                "channel": self.fake.dm_channel(user_id),
                "tab": "home",
                "event_ts": ts,
            }
        )


def _trigger_id() -> str:
    return f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex}"

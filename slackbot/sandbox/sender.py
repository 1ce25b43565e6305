"""Send requests to the bot exactly as Slack does: form or JSON bodies, signed with v0 HMAC.

Text is entity-encoded (`&`, `<`, `>`) as Slack encodes it, unless `raw=True` is asked for.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slackbot.sandbox.fake_slack import FakeSlack


def slack_encode(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sign(secret: str, timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


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


class SlackSender:
    """Plays Slack's side of the conversation towards one running bot."""

    def __init__(
        self,
        url: str,
        signing_secret: str,
        *,
        fake: FakeSlack,
        team_id: str | None = None,
        api_app_id: str = "A0APP0001",
    ) -> None:
        self.url = url
        self.secret = signing_secret
        self.fake = fake
        self.team_id = team_id or fake.team_id
        self.api_app_id = api_app_id

    # -- transport -----------------------------------------------------------------------------
    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> SentRequest:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        request = urllib.request.Request(self.url, data=body, method="POST")  # noqa: S310
        request.add_header("Content-Type", content_type)
        request.add_header("X-Slack-Request-Timestamp", ts)
        request.add_header("X-Slack-Signature", signature or sign(self.secret, ts, body))
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        return SentRequest(status, text, time.perf_counter() - started)

    def _form(self, fields: dict[str, str], **kwargs: Any) -> SentRequest:
        return self.post(urlencode(fields).encode(), "application/x-www-form-urlencoded", **kwargs)

    def _payload(self, payload: dict[str, Any], **kwargs: Any) -> SentRequest:
        return self._form({"payload": json.dumps(payload)}, **kwargs)

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
            "text": text if raw else slack_encode(text),
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": _trigger_id(),
        }
        sent = self._send_command(fields, **kwargs)
        sent.response_url = response_url
        return sent

    def _send_command(self, fields: dict[str, str], **kwargs: Any) -> SentRequest:
        return self._form(fields, **kwargs)

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

    def _send_event(
        self, envelope: dict[str, Any], *, retry_num: int | None, **kwargs: Any
    ) -> SentRequest:
        headers = dict(kwargs.pop("headers", {}) or {})
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        body = json.dumps(envelope).encode()
        return self.post(body, "application/json", headers=headers, **kwargs)

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
            "text": text if raw else slack_encode(text),
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
            "text": slack_encode(text),
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


def find_element(
    blocks: list[dict[str, Any]], action_id: str, value: str | None = None
) -> tuple[str, dict[str, Any]]:
    """The interactive element a person could click, found by its action id (and value)."""
    for block in blocks:
        candidates = list(block.get("elements") or [])
        if block.get("accessory"):
            candidates.append(block["accessory"])
        for element in candidates:
            if element.get("action_id") != action_id:
                continue
            if (
                value is None
                or element.get("value") == value
                or element.get("type")
                in (
                    "overflow",
                    "static_select",
                )
            ):
                return str(block.get("block_id", "")), element
    raise AssertionError(f"no element {action_id!r} (value {value!r}) is shown")


def fill_inputs(view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Every input block's state as Slack sends it; an input left empty has a null value."""
    state: dict[str, Any] = {}
    for block in view.get("blocks") or []:
        if block.get("type") != "input":
            continue
        element = block["element"]
        entered = values.get(block["block_id"], element_initial(element))
        state[block["block_id"]] = {element["action_id"]: element_state(element, entered)}
    return state


def element_initial(element: dict[str, Any]) -> Any:
    for key in ("initial_value", "initial_date", "initial_time", "initial_user"):
        if key in element:
            return element[key]
    if "initial_option" in element:
        return element["initial_option"]["value"]
    if "initial_options" in element:
        return [o["value"] for o in element["initial_options"]]
    return None


def element_state(element: dict[str, Any], entered: Any) -> dict[str, Any]:
    kind = element["type"]
    if kind in ("plain_text_input", "email_text_input", "number_input", "url_text_input"):
        return {"type": kind, "value": entered}
    if kind == "datepicker":
        return {"type": kind, "selected_date": entered}
    if kind == "timepicker":
        return {"type": kind, "selected_time": entered, "timezone": element.get("timezone")}
    if kind in ("static_select", "radio_buttons", "external_select"):
        option = _option(element, entered)
        return {"type": kind, "selected_option": option}
    if kind in ("checkboxes", "multi_static_select"):
        chosen = [_option(element, v) for v in (entered or [])]
        return {"type": kind, "selected_options": chosen}
    raise AssertionError(f"cannot fill a {kind} element")


def _option(element: dict[str, Any], value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options.extend(group["options"])
    for option in options:
        if option["value"] == value:
            return option
    if element["type"] == "external_select":
        return {"text": {"type": "plain_text", "text": str(value)}, "value": str(value)}
    raise AssertionError(f"{value!r} is not an option of {element.get('action_id')}")

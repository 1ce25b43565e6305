"""Plays Slack's side towards a bot in Socket Mode: the same requests, sent as envelopes."""

from __future__ import annotations

import json
import time
from typing import Any

from slackbot.sandbox.answers import SentRequest
from slackbot.sandbox.fake_slack import FakeSlack
from slackbot.sandbox.sender import SlackSender
from slackbot.sandbox.socket_mode import ACK_WINDOW, SocketModeStandIn

ACK_TIMEOUT = 10.0
TIMED_OUT = 504


class SocketModeSender(SlackSender):
    """Sends commands, clicks, submissions and events over the stand-in's WebSocket.

    The reply is the envelope's ack: its payload is what Slack would show, as the HTTP
    response body is over HTTP.
    """

    def __init__(self, *, fake: FakeSlack, team_id: str | None = None) -> None:
        super().__init__("", "", fake=fake, team_id=team_id)
        if fake.socket_mode is None:
            raise ValueError("the stand-in serves Socket Mode only when given an app token")
        self.socket: SocketModeStandIn = fake.socket_mode

    def _send_command(self, fields: dict[str, str], **_kwargs: Any) -> SentRequest:
        return self._deliver("slash_commands", dict(fields), accepts_response_payload=True)

    def _payload(self, payload: dict[str, Any], **_kwargs: Any) -> SentRequest:
        # Slack takes a response payload only where one can change what the user sees.
        accepts = payload.get("type") in ("view_submission", "block_suggestion")
        return self._deliver("interactive", payload, accepts_response_payload=accepts)

    def _send_event(
        self, envelope: dict[str, Any], *, retry_num: int | None, **_kwargs: Any
    ) -> SentRequest:
        return self._deliver(
            "events_api",
            envelope,
            accepts_response_payload=False,
            retry_attempt=retry_num or 0,
            retry_reason="timeout" if retry_num else "",
        )

    def _deliver(self, kind: str, payload: dict[str, Any], **envelope: Any) -> SentRequest:
        """The ack as Slack takes it: later than 3 s, it is an `operation_timeout` (504 here)."""
        started = time.perf_counter()
        envelope_id = self.socket.deliver(kind, payload, **envelope)
        try:
            ack, waited = self.socket.wait_ack(envelope_id, timeout=ACK_TIMEOUT)
        except TimeoutError:
            return _timed_out(started)
        if waited > ACK_WINDOW:  # Slack has given up and shows the user an error
            return _timed_out(started)
        body = json.dumps(ack.payload) if ack.payload else ""
        return SentRequest(200, body, time.perf_counter() - started)


def _timed_out(started: float) -> SentRequest:
    body = json.dumps({"ok": False, "error": "operation_timeout"})
    return SentRequest(TIMED_OUT, body, time.perf_counter() - started)

"""Send Slack's requests to the bot over HTTP, as Slack does: form or JSON bodies, v0-signed."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from slackbot.sandbox.answers import SentRequest
from slackbot.sandbox.fake_slack import FakeSlack
from slackbot.sandbox.slack_requests import SlackRequests


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's v0 signature of a request body, as slack-sdk computes it."""
    try:
        text = body.decode()
    except UnicodeDecodeError:
        # Slack's bodies are always UTF-8 and slack-sdk signs only text; the hostile-input
        # tests also send signed bytes that are not, which are signed as they are.
        base = b"v0:" + timestamp.encode() + b":" + body
        return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=text)
    assert signature is not None  # None only without a timestamp
    return signature


class SlackSender(SlackRequests):
    """Slack's requests, posted to the bot's request URL and signed with its signing secret."""

    def __init__(
        self,
        url: str,
        signing_secret: str,
        *,
        fake: FakeSlack,
        team_id: str | None = None,
        api_app_id: str = "A0APP0001",
    ) -> None:
        super().__init__(fake=fake, team_id=team_id, api_app_id=api_app_id)
        self.url = url
        self.secret = signing_secret

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

    def _send_command(self, fields: dict[str, str], **kwargs: Any) -> SentRequest:
        return self._form(fields, **kwargs)

    def _send_event(
        self, envelope: dict[str, Any], *, retry_num: int | None, **kwargs: Any
    ) -> SentRequest:
        headers = dict(kwargs.pop("headers", {}) or {})
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        body = json.dumps(envelope).encode()
        return self.post(body, "application/json", headers=headers, **kwargs)

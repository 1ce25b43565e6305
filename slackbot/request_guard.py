"""What a request to /slack/events must show before Bolt reads it: a size, a signature, a shape.

Bolt parses a body before it checks the signature, so junk from anyone who can reach the port
would raise inside Bolt and answer 500. Here the order is Slack's own: size, then signature, then
parsing; the request Bolt gets has already been parsed once without error.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.request import BoltRequest

from slackbot.payload_shapes import shape_problem

# Slack's payloads are a few kilobytes; a modal with every field full stays far under this.
MAX_BODY_BYTES = 1 << 20
# Slack's own replay window for a signed request.
SIGNATURE_WINDOW_SECONDS = 300


@dataclass(frozen=True)
class Refusal:
    status: int
    reason: str


BAD_SIGNATURE = Refusal(401, "missing or bad signature")
BAD_TIMESTAMP = Refusal(401, "missing, malformed or stale timestamp")
TOO_LARGE = Refusal(413, f"body over {MAX_BODY_BYTES} bytes")
UNREADABLE = Refusal(400, "signed body that cannot be parsed")


def admit(environ: dict[str, Any], *, secret: str, now: float) -> BoltRequest | Refusal:
    """The Bolt request to dispatch, or why the request is refused (before any parsing)."""
    request = WsgiHttpRequest(environ)
    headers = request.get_headers()
    body = _read_body(environ)
    if body is None:
        return TOO_LARGE
    refusal = check_signature(body, headers, secret=secret, now=now)
    if refusal is not None:
        return refusal
    try:
        text = body.decode("utf-8")
        bolt_request = BoltRequest(body=text, query=request.query_string, headers=headers)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError):
        # Bolt reads ids out of the parsed body at once; any of these means it isn't Slack's shape.
        return UNREADABLE
    if not isinstance(bolt_request.body, dict):
        return UNREADABLE
    # Checked here as well as in the app: Bolt reads the view of any body as it starts, and
    # would raise on one that Slack never sends before a middleware of ours could run.
    problem = shape_problem(bolt_request.body)
    if problem is not None:
        return Refusal(400, problem)
    return bolt_request


def _read_body(environ: dict[str, Any]) -> bytes | None:
    """The body, or None when it is larger than any Slack payload."""
    try:
        declared = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY_BYTES:
        return None
    stream = environ.get("wsgi.input")
    if stream is None or declared <= 0:
        return b""
    return bytes(stream.read(declared))


def check_signature(
    body: bytes, headers: Mapping[str, str | Sequence[str]], *, secret: str, now: float
) -> Refusal | None:
    """Slack's v0 signature over the raw bytes, within five minutes; None when it holds."""
    timestamp = _header(headers, "x-slack-request-timestamp")
    signature = _header(headers, "x-slack-signature")
    if not timestamp.isascii() or not timestamp.isdigit():
        return BAD_TIMESTAMP
    if abs(now - int(timestamp)) > SIGNATURE_WINDOW_SECONDS:
        return BAD_TIMESTAMP
    if not secret or not signature:
        return BAD_SIGNATURE
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
        return BAD_SIGNATURE
    return None


def _header(headers: Mapping[str, str | Sequence[str]], name: str) -> str:
    value = headers.get(name) or ""
    if not isinstance(value, str):
        value = value[0] if value else ""
    return value.strip()

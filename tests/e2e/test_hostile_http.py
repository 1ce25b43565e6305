"""Junk at the port: refused with 401, 400 or 413 before anything is parsed, never a 500."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import time
from urllib.parse import urlsplit

import pytest

from slackbot.sandbox.sender import sign
from tests.conftest import SIGNING_SECRET, Bot
from tests.e2e.helpers import count_interviews

DANA = "U0DANA001"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

JUNK: list[tuple[bytes, str]] = [
    (b"payload={not-json", FORM),
    (b"payload=%5B1%2C2%5D", FORM),
    (b"[1, 2]", JSON),
    (b'"just a string"', JSON),
    (b"{not json", JSON),
    (b"\xff\xfe\x00\x81binary\x00", "application/octet-stream"),
    (b"command=%2Finterview&text=list", JSON),
    (b'{"type": "url_verification"', FORM),
    (b"", FORM),
]


def _post(bot: Bot, body: bytes, content_type: str, **kwargs: object) -> tuple[int, str]:
    sent = bot.slack.post(body, content_type, **kwargs)  # type: ignore[arg-type]
    return sent.status, sent.body


def _raw_post(bot: Bot, body: bytes, headers: dict[str, str]) -> int:
    """A POST with exactly these headers (none added), answered with its status code."""
    url = urlsplit(bot.runtime.url)
    lines = ["POST /slack/events HTTP/1.1", f"Host: {url.netloc}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall("\r\n".join(lines).encode())
        # The server may answer (413) and close before a large body is all sent.
        with contextlib.suppress(ConnectionError):
            sock.sendall(body)
        answer = sock.recv(4096)
    return int(answer.split(b" ", 2)[1])


@pytest.mark.parametrize(("body", "content_type"), JUNK)
def test_unsigned_junk_is_401(bot: Bot, body: bytes, content_type: str) -> None:
    status, _ = _post(bot, body, content_type, signature="v0=" + "0" * 64)
    assert status == 401
    assert count_interviews(bot.sessions) == 0
    assert bot.fake.calls() == []


@pytest.mark.parametrize(("body", "content_type"), JUNK[:-1])
def test_signed_junk_is_400(bot: Bot, body: bytes, content_type: str) -> None:
    status, _ = _post(bot, body, content_type)
    assert status == 400
    assert bot.fake.calls() == []


@pytest.mark.parametrize("timestamp", ["abc", "", "12.5", "-1", "٣٣٣"])
def test_a_malformed_timestamp_is_401(bot: Bot, timestamp: str) -> None:
    body = b"command=%2Finterview&text=help&user_id=U0DANA001&team_id=T0TEAM001"
    headers = {
        "Content-Type": FORM,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": sign(SIGNING_SECRET, timestamp, body),
    }
    assert _raw_post(bot, body, headers) == 401


def test_a_stale_timestamp_is_401(bot: Bot) -> None:
    stale = int(time.time()) - 600
    status, _ = _post(bot, b"command=%2Finterview&text=help", FORM, timestamp=stale)
    assert status == 401


def test_no_signature_headers_at_all_is_401(bot: Bot) -> None:
    assert _raw_post(bot, b"payload={not-json", {"Content-Type": FORM}) == 401


def test_five_megabytes_of_junk_is_413(bot: Bot) -> None:
    junk = b"x" * (5 * 1024 * 1024)
    assert _raw_post(bot, junk, {"Content-Type": FORM}) == 413
    just_over = b"payload=" + b"A" * (1024 * 1024)
    assert _raw_post(bot, just_over, {"Content-Type": FORM}) == 413


def test_refusals_log_one_line_each_and_no_body(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secret_text = "my-private-interview-notes"
    _post(bot, f"payload={{{secret_text}".encode(), FORM, signature="v0=bad")
    _post(bot, f"payload={{{secret_text}".encode(), FORM)
    refusals = [r for r in caplog.records if "refused a request" in r.getMessage()]
    assert len(refusals) == 2
    assert all(r.exc_info is None for r in caplog.records)
    assert secret_text not in caplog.text


def test_a_valid_command_still_works_after_the_junk(bot: Bot) -> None:
    for body, content_type in JUNK:
        _post(bot, body, content_type)
    reply = bot.slack.command(DANA, "help")
    assert reply.status == 200
    assert "/interview log" in reply.text


def test_url_verification_still_answers(bot: Bot) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "x"}).encode()
    status, text = _post(bot, body, JSON)
    assert status == 200
    assert "c-123" in text

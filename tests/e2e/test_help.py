"""The whole request path — signature check, routing, reply — through the real app over HTTP."""

from __future__ import annotations

import json
import time
import urllib.request

from slackbot.sandbox.sender import sign
from tests.conftest import SIGNING_SECRET, Bot
from tests.e2e.helpers import slack_held


def test_help_is_answered_within_slacks_window(bot: Bot) -> None:
    with slack_held(bot.fake) as order:
        reply = bot.slack.command("U0DANA001", "help")
        order.append("answered")

    assert order[0] == "answered"  # the acknowledgement waited on no call to Slack
    assert reply.status == 200
    assert reply.json()["response_type"] == "ephemeral"
    assert "/interview log" in reply.text
    assert "/interview heard 3 offer" in reply.text


def test_bare_command_shows_help(bot: Bot) -> None:
    reply = bot.slack.command("U0DANA001", "")

    assert reply.status == 200
    assert "/interview list" in reply.text


def test_unknown_subcommand_says_so_first_and_is_escaped(bot: Bot) -> None:
    reply = bot.slack.command("U0DANA001", "frobnicate <!channel>")

    assert reply.text.startswith("I don't know `frobnicate`")
    assert "<!channel>" not in reply.body


def test_unsigned_request_is_rejected(bot: Bot) -> None:
    reply = bot.slack.command("U0DANA001", "help", signature="v0=" + "0" * 64)

    assert reply.status == 401


def test_request_signed_with_another_secret_is_rejected(bot: Bot) -> None:
    body = b"command=%2Finterview&text=help&user_id=U0DANA001&team_id=T0TEAM001"
    ts = str(int(time.time()))
    reply = bot.slack.post(
        body, "application/x-www-form-urlencoded", signature=sign("wrong-secret", ts, body)
    )

    assert reply.status == 401


def test_six_minute_old_request_is_rejected(bot: Bot) -> None:
    reply = bot.slack.command("U0DANA001", "help", timestamp=int(time.time()) - 360)

    assert reply.status == 401


def test_missing_signature_headers_are_rejected(bot: Bot) -> None:
    request = urllib.request.Request(
        bot.runtime.url + "/slack/events",
        data=b"command=%2Finterview&text=help",
        method="POST",
    )
    try:
        urllib.request.urlopen(request, timeout=5)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 401


def test_rejected_requests_reach_no_listener(bot: Bot) -> None:
    before = len(bot.fake.calls())
    bot.slack.command("U0DANA001", "log", signature="v0=" + "1" * 64)
    bot.slack.command("U0DANA001", "log", timestamp=int(time.time()) - 400)

    assert bot.fake.calls("views.open") == []
    assert len(bot.fake.calls()) == before


def test_healthz(bot: Bot) -> None:
    with urllib.request.urlopen(bot.runtime.url + "/healthz", timeout=5) as response:
        assert response.status == 200
        health = json.loads(response.read())
    assert health["ok"] is True
    assert health["database"] == "ok"
    assert health["dispatcher_lag_seconds"] == 0


def test_signature_is_checked_against_the_raw_body(bot: Bot) -> None:
    assert SIGNING_SECRET
    reply = bot.slack.command("U0DANA001", "help & <more>")
    assert reply.status == 200

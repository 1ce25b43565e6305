"""Socket Mode end to end: the real bot on the stand-in's WebSocket, as Slack drives it.

The stand-in holds acks to Slack's rule: one later than 3 s is an `operation_timeout` (504),
which is what the user would see instead of the reply.
"""

from __future__ import annotations

import json
import urllib.request
from datetime import timedelta

from slackbot.blocks import ids
from slackbot.sandbox.answers import visible_text
from tests.conftest import Bot
from tests.e2e.helpers import LOG_TEXT, count_interviews, eventually, last_response, opened_view

DANA = "U0DANA001"


def _health(bot: Bot) -> dict:
    with urllib.request.urlopen(bot.runtime.url + "/healthz", timeout=5) as response:
        return json.loads(response.read())


def test_commands_are_acknowledged_and_answered(socket_bot: Bot) -> None:
    helped = socket_bot.slack.command(DANA, "help")
    logged = socket_bot.slack.command(DANA, LOG_TEXT)

    assert helped.status == 200
    assert "/interview log" in helped.text
    assert logged.status == 200
    assert "Maria Lopez" in logged.text
    assert "Sanjay Rao" in logged.text
    assert count_interviews(socket_bot.sessions) == 1


def test_a_modal_submission_gets_inline_errors_in_the_ack(socket_bot: Bot) -> None:
    socket_bot.slack.command(DANA, "log")
    view = opened_view(socket_bot.fake)

    reply = socket_bot.slack.submit(
        DANA, view, {ids.F_COMPANY: None, ids.F_TIME: "10:00", ids.F_INTERVIEWERS: "Ann Lee"}
    )

    assert reply.status == 200
    assert reply.json()["response_action"] == "errors"
    assert ids.F_COMPANY in reply.json()["errors"]
    assert count_interviews(socket_bot.sessions) == 0


def test_a_modal_submission_logs_and_confirms(socket_bot: Bot) -> None:
    opened = socket_bot.slack.command(DANA, "log")
    view = opened_view(socket_bot.fake)

    reply = socket_bot.slack.submit(
        DANA,
        view,
        {
            ids.F_COMPANY: "Globex",
            ids.F_ROLE: "Platform Engineer",
            ids.F_DATE: "2026-12-04",
            ids.F_TIME: "13:30",
            ids.F_INTERVIEWERS: "Hank Scorpio, CEO",
        },
    )

    assert reply.status == 200
    assert reply.body == ""  # the modal closes
    assert "Hank Scorpio" in visible_text(last_response(socket_bot.fake, opened.response_url))


def test_a_prompt_button_and_a_dm_reply(socket_bot: Bot) -> None:
    socket_bot.slack.command(DANA, "log Initrode | SRE | today 7am | Maria Lopez, Sanjay Rao")
    socket_bot.clock.advance(timedelta(hours=2))
    socket_bot.runtime.dispatcher.poll()
    prompt = socket_bot.fake.dm_messages(DANA)[0]

    replied = socket_bot.slack.dm(DANA, "Maria: their move to event sourcing")
    assert replied.status == 200
    assert eventually(
        lambda: "event sourcing" in visible_text(socket_bot.fake.dm_messages(DANA)[0])
    )

    prompt = socket_bot.fake.dm_messages(DANA)[0]
    maria = next(
        b["elements"][1]["value"]
        for b in prompt["blocks"]
        if b["type"] == "actions" and b.get("block_id", "").startswith("person_actions")
    )
    clicked = socket_bot.slack.click(DANA, action_id=ids.MARK_SENT, value=maria, message=prompt)

    assert clicked.status == 200
    assert eventually(
        lambda: "Thank-you sent" in visible_text(socket_bot.fake.dm_messages(DANA)[0])
    )


def test_an_envelope_right_after_a_disconnect_warning_is_acked_in_time(socket_bot: Bot) -> None:
    socket = socket_bot.fake.socket_mode
    assert socket is not None
    for _ in range(3):
        opened = socket.connections_opened
        socket.warn_disconnect()
        reply = socket_bot.slack.command(DANA, "help")

        assert reply.status == 200, "Slack would have shown operation_timeout"
        assert "/interview log" in reply.text
        socket.wait_connected(count=opened + 1)

    # Each new connection came from a fresh, single-use apps.connections.open URL.
    assert len(socket_bot.fake.calls("apps.connections.open")) == socket.connections_opened
    assert socket.refused_handshakes == 0


def test_a_retired_connection_is_replaced_and_commands_keep_working(socket_bot: Bot) -> None:
    socket = socket_bot.fake.socket_mode
    assert socket is not None
    socket.retire(refresh_after=0.5, close_after=0.5)
    during = socket_bot.slack.command(DANA, "list")
    socket.wait_connected(count=2)

    after = socket_bot.slack.command(DANA, "help")

    assert during.status == 200
    assert after.status == 200
    assert eventually(lambda: len(socket.open_links()) == 1)


def test_after_a_bare_close_the_bot_reconnects_at_once(socket_bot: Bot) -> None:
    socket = socket_bot.fake.socket_mode
    assert socket is not None
    socket.drop()

    socket.wait_connected(count=2, timeout=5)  # the SDK's health check runs only every 10 s
    reply = socket_bot.slack.command(DANA, "help")

    assert reply.status == 200
    assert _health(socket_bot)["socket"] == "connected"


def test_healthz_says_whether_the_socket_is_connected(socket_bot: Bot) -> None:
    assert _health(socket_bot) == {
        "ok": True,
        "database": "ok",
        "dispatcher_lag_seconds": 0.0,
        "socket": "connected",
    }

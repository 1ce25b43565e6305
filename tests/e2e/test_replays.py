"""A delivery the bot already handled is answered again without a second write."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

from slackbot.sandbox.sender import sign
from tests.conftest import SIGNING_SECRET, Bot
from tests.e2e.helpers import (
    LOG_TEXT,
    MODAL_VALUES,
    command_fields,
    count_interviews,
    opened_view,
)

DANA = "U0DANA001"
FORM = "application/x-www-form-urlencoded"


def _command_body(bot: Bot, text: str) -> bytes:
    return urlencode(command_fields(bot.fake, DANA, text)).encode()


def test_a_replayed_command_is_answered_the_same_and_logs_once(bot: Bot) -> None:
    body = _command_body(bot, LOG_TEXT)
    ts = int(time.time())
    signature = sign(SIGNING_SECRET, str(ts), body)

    first = bot.slack.post(body, FORM, timestamp=ts, signature=signature)
    again = bot.slack.post(body, FORM, timestamp=ts, signature=signature)
    retried = bot.slack.post(
        body, FORM, timestamp=ts, signature=signature, headers={"X-Slack-Retry-Num": "1"}
    )

    assert first.status == again.status == retried.status == 200
    assert "Maria Lopez" in first.text
    assert again.body == first.body == retried.body
    assert count_interviews(bot.sessions) == 1


def test_the_same_command_resigned_later_still_logs_once(bot: Bot) -> None:
    """Another process, or a new timestamp: the trigger id Slack gave the command is the same."""
    body = _command_body(bot, LOG_TEXT)
    first = bot.slack.post(body, FORM, timestamp=int(time.time()))
    again = bot.slack.post(body, FORM, timestamp=int(time.time()) - 5)

    assert "Maria Lopez" in first.text
    assert "already logged" in again.text
    assert count_interviews(bot.sessions) == 1


def test_typing_the_same_command_twice_logs_twice(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    bot.slack.command(DANA, LOG_TEXT)
    assert count_interviews(bot.sessions) == 2


def test_a_replayed_modal_submission_logs_once(bot: Bot) -> None:
    bot.slack.command(DANA, "log")
    view = opened_view(bot.fake)
    first = bot.slack.submit(DANA, view, MODAL_VALUES)
    again = bot.slack.submit(DANA, view, MODAL_VALUES)  # same view id and hash, new signature

    assert first.status == again.status == 200
    assert again.body == first.body == ""
    assert count_interviews(bot.sessions) == 1


def test_an_event_retry_applies_once(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    event_id = "Ev0REPLAY01"
    bot.slack.dm(DANA, "sent all", event_id=event_id)
    bot.slack.dm(DANA, "sent all", event_id=event_id, retry_num=1)
    replies = [
        c for c in bot.fake.calls("chat.postMessage") if c.args.get("channel", "").startswith("D")
    ]
    assert len(replies) <= 1
    assert json.dumps([c.args for c in replies]).count("sent all") <= 1

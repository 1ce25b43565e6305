"""Signed bodies that Slack would never send: refused whole, nothing stored, nothing posted."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest

from slackbot.sandbox import SlackSender
from slackbot.sandbox.answers import SentRequest, visible_text
from tests.conftest import SIGNING_SECRET, Bot
from tests.e2e.helpers import (
    LOG_TEXT,
    MODAL_VALUES,
    command_fields,
    count_interviews,
    last_response,
    opened_view,
)

DANA = "U0DANA001"
FORM = "application/x-www-form-urlencoded"


def _command_fields(bot: Bot, **changes: str | None) -> dict[str, str]:
    return command_fields(bot.fake, DANA, LOG_TEXT, **changes)


def _send_form(bot: Bot, fields: dict[str, str]) -> SentRequest:
    return bot.slack.post(urlencode(fields).encode(), FORM)


def _send_payload(bot: Bot, payload: dict[str, Any]) -> SentRequest:
    return _send_form(bot, {"payload": json.dumps(payload)})


@pytest.mark.parametrize(
    "changes",
    [{"user_id": None}, {"team_id": None}, {"user_id": ""}, {"team_id": "  "}],
    ids=["no user_id", "no team_id", "empty user_id", "blank team_id"],
)
def test_a_command_without_its_user_or_workspace_is_refused(
    bot: Bot, changes: dict[str, str | None]
) -> None:
    reply = _send_form(bot, _command_fields(bot, **changes))

    assert reply.status == 400
    assert count_interviews(bot.sessions) == 0
    assert bot.fake.calls() == []


def test_a_response_url_that_is_not_slacks_is_never_posted_to(bot: Bot) -> None:
    fields = _command_fields(bot, response_url="https://attacker.example/collect")
    reply = _send_form(bot, fields)

    assert reply.status == 400
    assert count_interviews(bot.sessions) == 0
    assert bot.fake.calls() == []


def test_a_workspace_the_bot_is_not_installed_in_changes_nothing(bot: Bot) -> None:
    stranger = SlackSender(bot.slack.url, SIGNING_SECRET, fake=bot.fake, team_id="T0STRANGE")

    opened = stranger.open_home(DANA)
    logged = stranger.command(DANA, LOG_TEXT)
    stranger.dm(DANA, "sent all")

    assert opened.status == 200
    told = visible_text(last_response(bot.fake, logged.response_url))
    assert "isn't installed in this workspace" in told
    assert count_interviews(bot.sessions) == 0
    assert bot.fake.home_view(DANA) is None
    assert bot.fake.calls("views.publish") == []
    assert bot.fake.calls("chat.postMessage") == []


def test_the_installed_workspace_is_still_served(bot: Bot) -> None:
    assert "Maria Lopez" in bot.slack.command(DANA, LOG_TEXT).text
    assert count_interviews(bot.sessions) == 1


def _submission(bot: Bot, view: object) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "user": {"id": DANA, "team_id": bot.fake.team_id},
        "team": {"id": bot.fake.team_id},
        "api_app_id": "A0APP0001",
        "trigger_id": "1.2.3",
        "view": view,
    }


ODD_VIEWS: list[object] = [
    "x",
    ["a", "list"],
    None,
    {"id": "V1", "callback_id": "log_interview"},
    {"id": "V1", "type": "modal", "callback_id": "log_interview"},
    {"id": "V1", "type": "modal", "callback_id": "log_interview", "state": "x"},
    {"id": "V1", "type": "modal", "callback_id": "log_interview", "state": {"values": []}},
    {
        "id": "V1",
        "type": "modal",
        "callback_id": "log_interview",
        "state": {"values": {"company": "Initrode"}},
    },
    {"type": "modal", "callback_id": "log_interview", "state": {"values": {}}},
    {"id": "V1", "type": "modal", "callback_id": 5, "state": {"values": {}}},
    {"id": "V1", "type": "modal", "blocks": "x", "state": {"values": {}}},
]


@pytest.mark.parametrize("view", ODD_VIEWS)
def test_an_odd_view_shape_is_refused_without_a_500(
    bot: Bot, view: object, caplog: pytest.LogCaptureFixture
) -> None:
    reply = _send_payload(bot, _submission(bot, view))

    assert reply.status == 400
    assert count_interviews(bot.sessions) == 0
    assert "Traceback" not in caplog.text
    assert all(r.exc_info is None for r in caplog.records)


def test_the_error_handler_survives_an_odd_view(bot: Bot) -> None:
    from slackbot.app import _apology

    assert _apology({"type": "view_submission", "view": "x"}) is None
    assert _apology({"type": "view_submission", "view": {"blocks": ["x", 5]}}) is None


def test_a_real_submission_still_works(bot: Bot) -> None:
    bot.slack.command(DANA, "log")
    view = opened_view(bot.fake)
    assert bot.slack.submit(DANA, view, MODAL_VALUES).status == 200
    assert count_interviews(bot.sessions) == 1


def test_a_view_the_bot_never_opened_is_refused_and_nothing_is_posted(bot: Bot) -> None:
    bot.slack.command(DANA, "log")
    real = opened_view(bot.fake)
    trap = bot.fake.response_url()
    forged = {
        **real,
        "id": "V0NEVEROPENED",
        "private_metadata": json.dumps({"interview_id": None, "response_url": trap}),
    }

    reply = bot.slack.submit(DANA, forged, MODAL_VALUES)

    assert reply.status == 200
    assert "expired" in json.dumps(reply.json())
    assert count_interviews(bot.sessions) == 0
    assert bot.fake.responses(trap) == []


def test_a_view_opened_for_someone_else_is_refused(bot: Bot) -> None:
    bot.slack.command(DANA, "log")
    danas = opened_view(bot.fake)

    reply = bot.slack.submit("U0MALLORY", danas, MODAL_VALUES)

    assert "expired" in json.dumps(reply.json())
    assert count_interviews(bot.sessions) == 0


def test_tampered_metadata_breaks_the_seal(bot: Bot) -> None:
    opened = bot.slack.command(DANA, "log")
    view = opened_view(bot.fake)
    trap = bot.fake.response_url()
    assert opened.response_url is not None
    tampered = view["private_metadata"].replace(opened.response_url, trap)
    assert tampered != view["private_metadata"]

    bot.slack.submit(DANA, {**view, "private_metadata": tampered}, MODAL_VALUES)

    assert count_interviews(bot.sessions) == 0
    assert bot.fake.responses(trap) == []

"""An unexpected failure never reaches Slack as a 500 or a timeout."""

from __future__ import annotations

import pytest

from slackbot.listeners import commands
from tests.conftest import Bot
from tests.e2e.helpers import slack_held


def test_a_crashing_subcommand_still_answers_in_time(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(request: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(commands.SUBCOMMANDS, "list", explode)
    with slack_held(bot.fake) as order:
        reply = bot.slack.command("U0DANA001", "list")
        order.append("answered")

    assert order[0] == "answered"  # the apology waited on no call to Slack
    assert reply.status == 200
    assert "Something went wrong" in reply.text


def test_a_crashing_modal_submission_keeps_the_modal_open_with_an_apology(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from slackbot.listeners import views
    from tests.e2e.helpers import opened_view

    bot.slack.command("U0DANA001", "log")
    view = opened_view(bot.fake)

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "read_log_form", explode)
    reply = bot.slack.submit("U0DANA001", view, {"company": "Initrode"})

    assert reply.status == 200
    assert reply.json()["response_action"] == "errors"
    assert "Something went wrong" in next(iter(reply.json()["errors"].values()))


def test_a_huge_number_gets_a_clear_answer(bot: Bot) -> None:
    reply = bot.slack.command("U0DANA001", "heard 99999999999999999999999 offer")
    assert reply.status == 200
    assert ":warning:" in reply.text

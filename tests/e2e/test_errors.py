"""An unexpected failure never reaches Slack as a 500 or a timeout."""

from __future__ import annotations

import pytest

from slackbot.listeners import commands
from tests.conftest import Bot


def test_a_crashing_subcommand_still_answers_in_time(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(request: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(commands.SUBCOMMANDS, "list", explode)
    reply = bot.slack.command("U0DANA001", "list")

    assert reply.status == 200
    assert reply.elapsed < 3
    assert "Something went wrong" in reply.text

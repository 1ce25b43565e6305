"""Malformed commands over HTTP: each gets a clear ephemeral answer and stores nothing."""

from __future__ import annotations

import pytest

from tests.conftest import Bot
from tests.e2e.helpers import count_interviews

DANA = "U0DANA001"

# Representatives of each kind: every malformed case is read at the parser level in
# tests/domain/test_malformed_input.py; these show the running app answering the same way.
MALFORMED = [
    "log Initrode",
    "log Initrode | Data Engineer | <!channel> | Maria",
    "log Initrode | Data Engineer | tomorrow 10:00 | Maria (Director",
    "log ||||",
    "edit x",
    "edit 99",
    "cancel 42",
    "heard offer",
    "heard Nonexistent Corp rejected",
]


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_command_gets_a_clear_answer_and_stores_nothing(bot: Bot, text: str) -> None:
    reply = bot.slack.command(DANA, text)

    assert reply.status == 200
    body = reply.json()
    assert body["response_type"] == "ephemeral"
    assert ":warning:" in reply.text
    assert "For example" in reply.text
    assert "<!channel>" not in reply.body
    assert count_interviews(bot.sessions) == 0
    assert bot.fake.calls("views.open") == []

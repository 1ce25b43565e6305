"""About fifty malformed commands: each gets a clear ephemeral answer and stores nothing."""

from __future__ import annotations

import pytest

from tests.conftest import Bot
from tests.e2e.helpers import count_interviews

DANA = "U0DANA001"

MALFORMED = [
    "log Initrode",
    "log Initrode | Data Engineer",
    "log Initrode | Data Engineer | tomorrow 10:00",
    "log Initrode | Data Engineer | tomorrow 10:00 | Maria | extra",
    "log | Data Engineer | tomorrow 10:00 | Maria",
    "log Initrode | | tomorrow 10:00 | Maria",
    "log Initrode | Data Engineer | | Maria",
    "log Initrode | Data Engineer | tomorrow 10:00 |",
    "log Initrode | Data Engineer | tomorrow | Maria",
    "log Initrode | Data Engineer | someday | Maria",
    "log Initrode | Data Engineer | 25:00 | Maria",
    "log Initrode | Data Engineer | tomorrow 10:75 | Maria",
    "log Initrode | Data Engineer | 2026-13-01 10:00 | Maria",
    "log Initrode | Data Engineer | Feb 30 10am | Maria",
    "log Initrode | Data Engineer | 1999-01-01 10:00 | Maria",
    "log Initrode | Data Engineer | 2031-01-01 10:00 | Maria",
    "log Initrode | Data Engineer | tomorrow 10:00 | Maria,,Sanjay",
    "log Initrode | Data Engineer | tomorrow 10:00 | Maria,",
    "log Initrode | Data Engineer | tomorrow 10:00 | ,Maria",
    "log Initrode | Data Engineer | tomorrow 10:00 | Maria <not-an-email>",
    "log Initrode | Data Engineer | tomorrow 10:00 | Maria (Director",
    "log Initrode | Data Engineer | tomorrow 10:00 | Maria, maria",
    "log Initrode | Data Engineer | tomorrow 10:00 | " + ", ".join(f"P{n}" for n in range(13)),
    "log Initrode | Data Engineer | tomorrow 10:00 | " + "M" * 81,
    "log " + "C" * 101 + " | Data Engineer | tomorrow 10:00 | Maria",
    "log Initrode | " + "R" * 101 + " | tomorrow 10:00 | Maria",
    "log Initrode | Data Engineer | 32/12 10:00 | Maria",
    "log Initrode | Data Engineer | tomorrow 10am 11am | Maria",
    "log Initrode | Data Engineer | <!channel> | Maria",
    "log ||||",
    "log |",
    "edit",
    "edit x",
    "edit 0",
    "edit -3",
    "edit 3.5",
    "edit #",
    "edit 99",
    "cancel",
    "cancel abc",
    "cancel 42",
    "heard",
    "heard offer",
    "heard 77 offer",
    "heard #0 rejected",
    "heard Nonexistent Corp rejected",
    "heard next round",
    "log Initrode | Data Engineer | yesterday 25pm | Maria",
    "log Initrode | Data Engineer | mon | Maria",
    "log Initrode | Data Engineer | tomorrow 10:00 | (Director)",
    "log Initrode | Data Engineer | tomorrow 10:00 | <maria@initrode.example>",
    "log Initrode | Data Engineer | 1h 1h 1h ago | Maria",
]


def test_there_are_about_fifty_cases() -> None:
    assert len(MALFORMED) >= 50


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

"""Another process holding SQLite's write lock: every user gets one honest answer in time."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from slackbot.sandbox import FakeSlack
from tests.conftest import Bot, make_settings, running_bot
from tests.e2e.helpers import LOG_TEXT, count_interviews

DANA = "U0DANA001"
LEE = "U0LEE0001"  # has never used the bot


@pytest.fixture
def sqlite_bot(fake_slack: FakeSlack, tmp_path: Path) -> Iterator[tuple[Bot, Path]]:
    path = tmp_path / "bot.db"
    with running_bot(fake_slack, make_settings(fake_slack, f"sqlite:///{path}")) as bot:
        yield bot, path


@pytest.fixture
def locked(sqlite_bot: tuple[Bot, Path]) -> Iterator[Bot]:
    """Dana has used the bot before; then another process takes the write lock and holds it."""
    bot, path = sqlite_bot
    bot.slack.command(DANA, "list")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield bot
    other.rollback()
    other.close()


def test_a_log_is_refused_plainly_in_time_and_never_lands_later(locked: Bot) -> None:
    reply = locked.slack.command(DANA, LOG_TEXT)

    assert reply.status == 200
    # The write gave up and said so (the busy answer), rather than waiting out the lock.
    assert "couldn't save that just now" in reply.text
    assert "Nothing was saved" in reply.text
    assert count_interviews(locked.sessions) == 0


def test_nothing_lands_once_the_lock_is_released(sqlite_bot: tuple[Bot, Path]) -> None:
    bot, path = sqlite_bot
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    refused = bot.slack.command(DANA, LOG_TEXT)
    other.rollback()
    other.close()

    assert "Nothing was saved" in refused.text
    assert count_interviews(bot.sessions) == 0
    retried = bot.slack.command(DANA, LOG_TEXT)
    assert "Maria Lopez" in retried.text
    assert count_interviews(bot.sessions) == 1


def test_help_for_a_first_time_user_does_not_wait(locked: Bot) -> None:
    reply = locked.slack.command(LEE, "help")
    # Answered while the lock is held, with no write to wait for or give up on.
    assert "/interview log" in reply.text
    assert "couldn't save" not in reply.text
    assert "Something went wrong" not in reply.text


def test_reads_do_not_wait(locked: Bot) -> None:
    for user in (DANA, LEE):
        reply = locked.slack.command(user, "list")
        assert reply.status == 200
        assert "Something went wrong" not in reply.text
        assert "couldn't save" not in reply.text


def test_a_modal_submission_stays_open_with_the_reason(locked: Bot) -> None:
    from tests.e2e.helpers import MODAL_VALUES, opened_view

    locked.slack.command(DANA, "log")
    view = opened_view(locked.fake)
    reply = locked.slack.submit(DANA, view, MODAL_VALUES)

    assert reply.json()["response_action"] == "errors"
    assert "couldn't save" in str(reply.json()["errors"])
    assert count_interviews(locked.sessions) == 0

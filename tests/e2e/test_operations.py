"""Operations: /healthz reports dispatcher lag; SIGTERM during sends loses nothing."""

from __future__ import annotations

import json
import signal
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from slackbot.db import make_engine, make_session_factory
from slackbot.models import Prompt, PromptStatus
from slackbot.sandbox import FakeSlack
from tests.conftest import BOT_TOKEN, TEAM, Bot
from tests.e2e.test_exactly_once import USERS, _delivered, _seed, _start


def _health(bot: Bot) -> dict:
    with urllib.request.urlopen(bot.runtime.url + "/healthz", timeout=5) as response:
        return json.loads(response.read())


def test_healthz_reports_how_late_the_oldest_due_prompt_is(bot: Bot) -> None:
    bot.slack.command("U0DANA001", "log Initrode | SRE | today 7am | Ann Lee")
    bot.clock.advance(timedelta(minutes=10))
    assert _health(bot)["dispatcher_lag_seconds"] == 600

    bot.runtime.dispatcher.poll()
    assert _health(bot)["dispatcher_lag_seconds"] == 0


def _statuses(database_url: str) -> list[str]:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            return list(session.scalars(select(Prompt.status)))
    finally:
        engine.dispose()


def test_sigterm_during_sends_finishes_them_and_loses_nothing(
    database_url: str, tmp_path: Path
) -> None:
    fake = FakeSlack(team_id=TEAM, tokens=(BOT_TOKEN,), latency=1.0)
    fake.start()
    try:
        due = _seed(database_url)
        process = _start(fake, database_url, tmp_path, "stopping")
        deadline = time.monotonic() + 60
        while not fake.calls("chat.postMessage") and time.monotonic() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGTERM)  # sixteen sends are in flight
        assert process.wait(timeout=30) == 0

        statuses = _statuses(database_url)
        sent_before_stop = _delivered(fake)
        # It finished what was in flight and started nothing more: the rest waits.
        assert 0 < len(sent_before_stop) < len(due)
        # Every prompt is either delivered once or waiting, untouched, for the next process.
        assert set(statuses) <= {PromptStatus.SENT, PromptStatus.PENDING}
        assert statuses.count(PromptStatus.SENT) == len(sent_before_stop)
        assert all(count == 1 for count in sent_before_stop.values())

        fake.latency = 0.0
        again = _start(fake, database_url, tmp_path, "again")
        while len(_delivered(fake)) < len(due) and time.monotonic() < deadline + 60:
            time.sleep(0.1)
        again.send_signal(signal.SIGTERM)
        again.wait(timeout=30)
    finally:
        fake.stop()

    delivered = _delivered(fake)
    assert set(delivered) == set(due)
    assert all(count == 1 for count in delivered.values())
    assert len(USERS) == len(due)

"""Shared fixtures: a database, the Slack stand-in, and the real bot serving HTTP against it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData

from slackbot.clock import ManualClock
from slackbot.config import Settings, normalise_database_url
from slackbot.db import SessionFactory, make_engine, make_session_factory, upgrade
from slackbot.runtime import Runtime
from slackbot.sandbox import FakeSlack, SlackSender
from slackbot.sandbox.socket_sender import SocketModeSender

SIGNING_SECRET = "sandbox-signing-secret"
BOT_TOKEN = "xoxb-sandbox-token"
APP_TOKEN = "xapp-1-A0APP0001-sandbox"
TEAM = "T0TEAM001"
# A Wednesday, 2026-12-02 09:00 in Chicago.
START = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def _reset_postgres(engine: Engine) -> None:
    with engine.begin() as connection:
        everything = MetaData()
        everything.reflect(connection)
        everything.drop_all(connection)


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """SQLite in a temporary file, or the PostgreSQL named by TEST_DATABASE_URL, emptied."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path / 'bot.db'}"
        return
    url = normalise_database_url(url)
    engine = make_engine(url)
    _reset_postgres(engine)
    engine.dispose()
    yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> SessionFactory:
    return make_session_factory(engine)


def started_fake(**options: tuple[str, ...]) -> FakeSlack:
    """The stand-in, started, with the three users the tests talk as."""
    fake = FakeSlack(team_id=TEAM, tokens=(BOT_TOKEN,), **options)
    fake.start()
    fake.add_user("U0DANA001", name="dana", real_name="Dana Whitfield", tz="America/Chicago")
    fake.add_user("U0LEE0001", name="lee", real_name="Lee Park", tz="Australia/Sydney")
    fake.add_user("U0MALLORY", name="mallory", real_name="Mallory Stone", tz="Europe/Berlin")
    return fake


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = started_fake()
    yield fake
    fake.stop()


@dataclass
class Bot:
    runtime: Runtime
    fake: FakeSlack
    slack: SlackSender
    clock: ManualClock

    @property
    def sessions(self) -> SessionFactory:
        return self.runtime.services.sessions


def make_settings(fake: FakeSlack, database_url: str, **overrides: str) -> Settings:
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.base_url,
        "DATABASE_URL": database_url,
        "REMINDER_POLL_SECONDS": "3600",
        **overrides,
    }
    return Settings.from_env(env)


@contextmanager
def running_bot(
    fake: FakeSlack, settings: Settings, *, forget_start: bool = False
) -> Iterator[Bot]:
    """The real app against the stand-in, with a manual clock at START, stopped afterwards.

    Over HTTP on a free port, or in Socket Mode (connected before this yields) when the
    settings carry an app token. `forget_start` clears what the start asked of Slack, so a
    test reads only what its own requests cause.
    """
    clock = ManualClock(START)
    runtime = Runtime(settings, clock=clock, host="127.0.0.1", port=0)
    runtime.start(schedule=False)
    try:
        if forget_start:
            fake.reset()
        sender: SlackSender
        if settings.socket_mode:
            sender = SocketModeSender(fake=fake)
            sender.socket.wait_connected()
        else:
            sender = SlackSender(runtime.url + "/slack/events", SIGNING_SECRET, fake=fake)
        yield Bot(runtime=runtime, fake=fake, slack=sender, clock=clock)
    finally:
        runtime.stop()


@pytest.fixture
def bot(fake_slack: FakeSlack, database_url: str) -> Iterator[Bot]:
    """The real app serving HTTP on a free port, against the stand-in, with a manual clock."""
    with running_bot(fake_slack, make_settings(fake_slack, database_url), forget_start=True) as b:
        yield b


@pytest.fixture
def socket_bot(database_url: str) -> Iterator[Bot]:
    """The real app in Socket Mode, connected to the stand-in's WebSocket, with a manual clock."""
    fake = started_fake(app_tokens=(APP_TOKEN,))
    settings = make_settings(fake, database_url, SLACK_APP_TOKEN=APP_TOKEN)
    try:
        with running_bot(fake, settings) as b:
            yield b
    finally:
        fake.stop()


@pytest.fixture
def postgres_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL is not set: no PostgreSQL server to test against")
    return normalise_database_url(url)


def session_factory(engine: Engine) -> SessionFactory:
    return make_session_factory(engine)

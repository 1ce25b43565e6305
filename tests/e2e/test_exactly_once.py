"""Two bot processes on one database, one killed with SIGKILL mid-send, Slack answering 429s and
500s: every due prompt still reaches its user exactly once."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from slackbot.db import make_engine, make_session_factory, transaction, upgrade
from slackbot.dispatch import METADATA_EVENT
from slackbot.domain.interviewer_lists import InterviewerInput
from slackbot.domain.interviews import InterviewData, Owner
from slackbot.domain.new_interviews import log_interview
from slackbot.domain.profiles import preferences, settings_for
from slackbot.models import Prompt, PromptStatus
from slackbot.sandbox import FakeSlack
from tests.conftest import BOT_TOKEN, SIGNING_SECRET, TEAM

USERS = [f"U0LOAD{n:04d}" for n in range(40)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _zone_at_noon(now: datetime) -> str:
    """A fixed-offset zone where it is around midday now, so day hours never defer the test."""
    offset = max(-12, min(14, 12 - now.hour))
    # Etc/GMT names have the sign inverted: Etc/GMT-3 is UTC+3.
    return "Etc/GMT" + (f"-{offset}" if offset > 0 else f"+{-offset}" if offset else "")


def _seed(database_url: str) -> list[int]:
    engine = make_engine(database_url)
    upgrade(engine)
    sessions = make_session_factory(engine)
    now = datetime.now(UTC)
    zone = _zone_at_noon(now)
    with transaction(sessions) as session:
        for user in USERS:
            settings = settings_for(session, team_id=TEAM, user_id=user, now=now)
            settings.tz_override = zone
            settings.slack_tz_fetched_at = now
            data = InterviewData(
                company="Initrode",
                role="Engineer",
                starts_at=now - timedelta(hours=3),
                interviewers=(InterviewerInput("Maria Lopez"),),
            )
            log_interview(session, Owner(TEAM, user), data, prefs=preferences(settings), now=now)
    with sessions() as session:
        due = list(session.scalars(select(Prompt.id).where(Prompt.due_at <= now)))
    engine.dispose()
    return due


def _start(fake: FakeSlack, database_url: str, tmp: Path, name: str) -> subprocess.Popen[bytes]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.base_url,
        "DATABASE_URL": database_url,
        "PORT": str(_free_port()),
        "REMINDER_POLL_SECONDS": "0.2",
        "PROMPT_LEASE_SECONDS": "3",
        # Each post the 500s leave uncertain, and each the kill leaves mid-send, is looked for
        # in the DM first; at Slack's one history call a minute that alone would take minutes.
        "SLACK_HISTORY_PER_MINUTE": "120",
        "LOG_LEVEL": "WARNING",
    }
    log = (tmp / f"{name}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "slackbot"], cwd=tmp, env=env, stdout=log, stderr=log
    )


def _delivered(fake: FakeSlack) -> Counter[int]:
    counts: Counter[int] = Counter()
    for user in USERS:
        for message in fake.dm_messages(user):
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == METADATA_EVENT:
                counts[metadata["event_payload"]["prompt_id"]] += 1
    return counts


def test_every_prompt_once_across_two_processes_a_kill_and_slack_errors(
    database_url: str, tmp_path: Path
) -> None:
    fake = FakeSlack(team_id=TEAM, tokens=(BOT_TOKEN,), latency=0.05)
    fake.start()
    try:
        due = _seed(database_url)
        assert len(due) == len(USERS)
        fake.fail_next("chat.postMessage", status=429, times=4, retry_after=1)
        fake.fail_next("chat.postMessage", status=500, times=2)

        deadline = time.monotonic() + 90
        first = _start(fake, database_url, tmp_path, "first")
        _wait_for_posts(fake, 3, deadline)  # the first process has claimed the due prompts
        second = _start(fake, database_url, tmp_path, "second")
        _wait_for_posts(fake, 12, deadline)
        first.send_signal(signal.SIGKILL)  # mid-send: it holds prompts it has not posted yet
        first.wait(timeout=10)

        while time.monotonic() < deadline:
            if set(_delivered(fake)) >= set(due) and _all_marked(database_url, due):
                break
            time.sleep(0.2)
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)
    finally:
        for process in (locals().get("first"), locals().get("second")):
            if process is not None and process.poll() is None:
                process.kill()
        fake.stop()

    # The survivor took over the killed process's prompts, checking the DM before re-posting.
    assert fake.calls("conversations.history")
    delivered = _delivered(fake)
    assert set(delivered) == set(due)
    assert all(count == 1 for count in delivered.values()), delivered
    assert _all_marked(database_url, due)


def _wait_for_posts(fake: FakeSlack, count: int, deadline: float) -> None:
    while len(fake.calls("chat.postMessage")) < count and time.monotonic() < deadline:
        time.sleep(0.01)


def _all_marked(database_url: str, due: list[int]) -> bool:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            statuses = session.scalars(select(Prompt.status).where(Prompt.id.in_(due))).all()
    finally:
        engine.dispose()
    return len(statuses) == len(due) and all(s == PromptStatus.SENT for s in statuses)

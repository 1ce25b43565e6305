"""The README's own path: `.env.example` copied to `.env`, the tokens filled in, the bot started.

Each test runs the bot as a subprocess from a directory holding only that `.env`, with no
Slack variable in its environment, exactly as a newcomer would.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from slackbot.sandbox import FakeSlack, SlackSender
from slackbot.sandbox.socket_sender import SocketModeSender
from tests.conftest import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, started_fake
from tests.e2e.helpers import LOG_TEXT

EXAMPLE = Path(__file__).parents[2] / ".env.example"
DANA = "U0DANA001"
CONSOLE_SCRIPT = Path(sys.executable).with_name("slackbot")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def write_env(directory: Path, **values: str) -> Path:
    """`.env.example` with some lines filled in, as a newcomer edits it."""
    text = EXAMPLE.read_text()
    for name, value in values.items():
        text, found = re.subn(rf"^{name}=$", f"{name}={value}", text, flags=re.MULTILINE)
        assert found == 1, f"{name}= is not a line of .env.example"
    path = directory / ".env"
    path.write_text(text)
    return path


def bare_environment() -> dict[str, str]:
    """The test's environment without one Slack (or bot) variable in it."""
    keep = {"PATH", "HOME", "LANG", "SYSTEMROOT", "TMPDIR"}
    return {k: v for k, v in os.environ.items() if k in keep}


def command(console_script: bool) -> list[str]:
    return [str(CONSOLE_SCRIPT)] if console_script else [sys.executable, "-m", "slackbot"]


@contextmanager
def running_bot(directory: Path, *, console_script: bool, port: int) -> Iterator[list[str]]:
    """The bot running from `directory`; the list holds its log lines once it has stopped."""
    log: list[str] = []
    process = subprocess.Popen(
        command(console_script),
        cwd=directory,
        env=bare_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_health(port, process)
        yield log
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
        log.extend(output.splitlines())
    assert "Traceback" not in output, output


def wait_for_health(port: int, process: subprocess.Popen[str]) -> dict[str, object]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"the bot exited: {process.stdout.read() if process.stdout else ''}"
            )
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                return dict(json.loads(answer.read()))
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the bot never answered /healthz")


@pytest.fixture
def newcomer_fake() -> Iterator[FakeSlack]:
    fake = started_fake(app_tokens=(APP_TOKEN,))
    yield fake
    fake.stop()


def newcomer_setup(fake: FakeSlack, directory: Path, mode: str, port: int) -> SlackSender:
    """The `.env` a newcomer writes for `mode`, and Slack's side of that mode."""
    if mode == "socket":
        write_env(
            directory,
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_APP_TOKEN=APP_TOKEN,
            SLACK_API_URL=fake.base_url,
            PORT=str(port),
        )
        return SocketModeSender(fake=fake)
    write_env(
        directory,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake.base_url,
        PORT=str(port),
    )
    return SlackSender(f"http://127.0.0.1:{port}/slack/events", SIGNING_SECRET, fake=fake)


@pytest.mark.parametrize("mode", ["http", "socket"])
@pytest.mark.parametrize("console_script", [False, True], ids=["python -m slackbot", "slackbot"])
def test_env_example_filled_in_answers_commands(
    newcomer_fake: FakeSlack, tmp_path: Path, mode: str, console_script: bool
) -> None:
    port = free_port()
    slack = newcomer_setup(newcomer_fake, tmp_path, mode, port)

    with running_bot(tmp_path, console_script=console_script, port=port):
        if isinstance(slack, SocketModeSender):
            slack.socket.wait_connected(timeout=30)
        helped = slack.command(DANA, "help")
        logged = slack.command(DANA, LOG_TEXT)

    assert helped.status == 200
    assert "/interview log" in helped.text
    assert "no longer available" not in helped.text
    assert logged.status == 200
    assert "Maria Lopez" in logged.text
    assert (tmp_path / "slackbot.db").exists()  # the default database, beside the .env


def test_what_users_typed_never_reaches_the_log(newcomer_fake: FakeSlack, tmp_path: Path) -> None:
    port = free_port()
    slack = newcomer_setup(newcomer_fake, tmp_path, "http", port)
    words = "log Hooli | Staff Engineer | today 2pm | Gavin Belson (salary 180k, sick leave)"
    forger = SlackSender(
        f"http://127.0.0.1:{port}/slack/events", "not-the-secret", fake=newcomer_fake
    )

    with running_bot(tmp_path, console_script=False, port=port) as log:
        forged = forger.command(DANA, words)
        genuine = slack.command(DANA, words)
        slack.dm(DANA, "Gavin: his sick leave")

    assert forged.status == 401
    assert genuine.status == 200
    assert len(log) == 3, log  # one line at start, one for the forgery, one at stop
    assert "Follow-Up Coach started: HTTP on port" in log[0]
    assert "refused a request: 401 missing or bad signature" in log[1]
    assert "Follow-Up Coach stopped" in log[2]
    for secret in ("Hooli", "Gavin", "salary", "sick leave", BOT_TOKEN, SIGNING_SECRET):
        assert secret not in "\n".join(log)

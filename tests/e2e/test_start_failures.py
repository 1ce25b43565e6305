"""Every start failure is one line naming the problem and what to do, never a traceback.

Exit status 2 when a setting must change, 1 for everything else.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from slackbot.sandbox import FakeSlack
from tests.conftest import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, started_fake
from tests.e2e.test_first_start import bare_environment, free_port


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = started_fake(app_tokens=(APP_TOKEN,))
    yield fake
    fake.stop()


def start(tmp_path: Path, **env: str) -> tuple[int, list[str]]:
    """Start the bot; it must give up by itself. Returns the exit status and its output."""
    result = subprocess.run(
        [sys.executable, "-m", "slackbot"],
        cwd=tmp_path,
        env={**bare_environment(), "PORT": str(free_port()), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = (result.stdout + result.stderr).strip()
    assert "Traceback" not in output, output
    return result.returncode, output.splitlines()


def http(fake: FakeSlack, tmp_path: Path) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
    }


def test_slack_unreachable(slack: FakeSlack, tmp_path: Path) -> None:
    status, lines = start(tmp_path, **{**http(slack, tmp_path), "SLACK_API_URL": _closed_url()})

    assert status == 1
    assert len(lines) == 1
    assert "cannot reach Slack" in lines[0]
    assert "connection refused" in lines[0]


def test_a_bad_bot_token(slack: FakeSlack, tmp_path: Path) -> None:
    status, lines = start(tmp_path, **{**http(slack, tmp_path), "SLACK_BOT_TOKEN": "xoxb-revoked"})

    assert status == 2
    assert lines == [
        "slackbot: Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token "
        "from OAuth & Permissions again, or reinstall the app"
    ]


def test_a_bad_app_token(slack: FakeSlack, tmp_path: Path) -> None:
    status, lines = start(tmp_path, **http(slack, tmp_path), SLACK_APP_TOKEN="xapp-1-revoked")

    assert status == 2
    assert len(lines) == 1
    assert "Slack refused SLACK_APP_TOKEN (invalid_auth)" in lines[0]
    assert "xapp-1-revoked" not in lines[0]  # tokens are never printed


def test_an_unsupported_database_url(slack: FakeSlack, tmp_path: Path) -> None:
    status, lines = start(
        tmp_path, **{**http(slack, tmp_path), "DATABASE_URL": "mysql://bot:pw@db.example/bot"}
    )

    assert status == 2
    assert len(lines) == 1
    assert "DATABASE_URL uses mysql://, which is not supported" in lines[0]
    assert "pw" not in lines[0]


def test_a_postgresql_server_that_does_not_answer(slack: FakeSlack, tmp_path: Path) -> None:
    url = f"postgresql://bot:secret@127.0.0.1:{free_port()}/bot"
    status, lines = start(tmp_path, **{**http(slack, tmp_path), "DATABASE_URL": url})

    assert status == 1
    assert len(lines) == 1
    assert "cannot be used" in lines[0]
    assert "Connection refused" in lines[0]  # the server's own reason, kept
    assert "secret" not in lines[0]


def test_a_postgresql_database_that_does_not_exist(
    slack: FakeSlack, tmp_path: Path, postgres_url: str
) -> None:
    missing = postgres_url.rsplit("/", 1)[0] + "/no_such_database"
    status, lines = start(tmp_path, **{**http(slack, tmp_path), "DATABASE_URL": missing})

    assert status == 1
    assert len(lines) == 1
    assert 'database "no_such_database" does not exist' in lines[0]


def test_the_port_is_already_in_use(slack: FakeSlack, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status, lines = start(tmp_path, **http(slack, tmp_path), PORT=str(port))

    assert status == 1
    assert lines == [
        f"slackbot: port {port} is already in use: stop the program using it, "
        "or set PORT to another"
    ]


def test_only_the_bot_token_names_both_ways_on(tmp_path: Path) -> None:
    status, lines = start(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN)

    assert status == 2
    assert len(lines) == 1
    assert "SLACK_APP_TOKEN" in lines[0]
    assert "Socket Mode" in lines[0]
    assert "SLACK_SIGNING_SECRET" in lines[0]
    assert "HTTP" in lines[0]


def test_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "slackbot", "--version"],
        capture_output=True,
        text=True,
        timeout=30,
        env=bare_environment(),
        check=True,
    )
    assert result.stdout.startswith("slackbot ")


def _closed_url() -> str:
    return f"http://127.0.0.1:{free_port()}/api/"


def test_slack_having_a_bad_moment_is_not_blamed_on_the_token(
    slack: FakeSlack, tmp_path: Path
) -> None:
    slack.fail_next("auth.test", status=500)
    status, lines = start(tmp_path, **http(slack, tmp_path))

    assert status == 1
    assert lines == [
        "slackbot: Slack answered auth.test with internal_error: try again in a minute"
    ]

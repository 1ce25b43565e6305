from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from slackbot.config import ConfigError, Settings, normalise_database_url

BASE = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}


def test_defaults() -> None:
    settings = Settings.from_env(BASE)
    assert settings.port == 3000
    assert settings.poll_seconds == 30
    assert settings.retention_days == 365
    assert settings.database_url == "sqlite:///slackbot.db"
    assert settings.api_url == "https://slack.com/api/"
    assert not settings.socket_mode


def test_empty_variables_count_as_unset() -> None:
    settings = Settings.from_env({**BASE, "PORT": "", "DATABASE_URL": "  ", "LOG_LEVEL": ""})
    assert settings.port == 3000
    assert settings.database_url == "sqlite:///slackbot.db"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_url_is_normalised(url: str, expected: str) -> None:
    assert normalise_database_url(url) == expected


def test_fractional_poll_interval_is_accepted() -> None:
    assert Settings.from_env({**BASE, "REMINDER_POLL_SECONDS": "0.5"}).poll_seconds == 0.5


def test_api_url_gets_a_trailing_slash() -> None:
    settings = Settings.from_env({**BASE, "SLACK_API_URL": "http://127.0.0.1:9/api"})
    assert settings.api_url == "http://127.0.0.1:9/api/"


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxp-1", "SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        ({**BASE, "SLACK_APP_TOKEN": "xoxb-2"}, "SLACK_APP_TOKEN"),
        ({**BASE, "PORT": "http"}, "PORT"),
        ({**BASE, "PORT": "70000"}, "PORT"),
        ({**BASE, "REMINDER_POLL_SECONDS": "0"}, "REMINDER_POLL_SECONDS"),
        ({**BASE, "REMINDER_POLL_SECONDS": "-1"}, "REMINDER_POLL_SECONDS"),
        ({**BASE, "REMINDER_POLL_SECONDS": "nan"}, "REMINDER_POLL_SECONDS"),
        ({**BASE, "DATA_RETENTION_DAYS": "forever"}, "DATA_RETENTION_DAYS"),
        ({**BASE, "LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({**BASE, "SLACK_API_URL": "slack.com"}, "SLACK_API_URL"),
        ({**BASE, "DATABASE_URL": "slackbot.db"}, "DATABASE_URL"),
        ({**BASE, "SLACK_CLIENT_ID": "1.2"}, "SLACK_CLIENT_SECRET"),
        (
            {
                "SLACK_CLIENT_ID": "1.2",
                "SLACK_CLIENT_SECRET": "x",
                "SLACK_SIGNING_SECRET": "s",
                "SLACK_APP_TOKEN": "xapp-1",
            },
            "SLACK_APP_TOKEN",
        ),
    ],
)
def test_bad_settings_are_named(env: dict[str, str], names: str) -> None:
    with pytest.raises(ConfigError, match=names):
        Settings.from_env(env)


def test_socket_mode_needs_no_signing_secret() -> None:
    settings = Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert settings.socket_mode


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "slackbot", *args],
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_start_without_slack_settings_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    result = _run([], tmp_path, {})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SLACK_BOT_TOKEN" in lines[0]
    assert ".env.example" in lines[0]
    assert "Traceback" not in result.stderr


def test_malformed_setting_from_dotenv_is_named(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-1\nSLACK_SIGNING_SECRET=s\nPORT=abc\n")
    result = _run([], tmp_path, {})
    assert result.returncode == 2
    assert "PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_real_environment_wins_over_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-1\nSLACK_SIGNING_SECRET=s\nPORT=abc\n")
    result = _run(["db", "upgrade"], tmp_path, {"PORT": "4000"})
    assert result.returncode == 0, result.stderr


def test_db_upgrade_creates_the_schema_from_an_empty_directory(tmp_path: Path) -> None:
    result = _run(["db", "upgrade"], tmp_path, {})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "slackbot.db").exists()

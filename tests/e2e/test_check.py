"""`python -m slackbot check`: one verdict per line, exit status 1 on any failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from slackbot.sandbox import FakeSlack
from slackbot.scopes import BOT_SCOPES
from tests.conftest import BOT_TOKEN


def _check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "slackbot", "check"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def _env(fake: FakeSlack, tmp_path: Path, token: str = BOT_TOKEN) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": token,
        "SLACK_SIGNING_SECRET": "secret",
        "SLACK_API_URL": fake.base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
    }


def _upgrade(tmp_path: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "slackbot", "db", "upgrade"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", **env},
        check=True,
        capture_output=True,
    )


def test_all_good(fake_slack: FakeSlack, tmp_path: Path) -> None:
    env = _env(fake_slack, tmp_path)
    _upgrade(tmp_path, env)
    result = _check(tmp_path, **env)

    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert [line.split()[0] for line in lines] == ["ok"] * len(lines)
    assert any("migrations: up to date" in line for line in lines)
    assert any(f"scopes: all {len(BOT_SCOPES)}" in line for line in lines)


def test_a_wrong_token_and_pending_migrations_are_reported(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    result = _check(tmp_path, **_env(fake_slack, tmp_path, token="xoxb-wrong"))

    assert result.returncode == 1
    assert "FAIL  auth.test: invalid_auth" in result.stdout
    assert "FAIL  migrations:" in result.stdout
    assert "xoxb-wrong" not in result.stdout + result.stderr  # tokens never printed


def test_a_missing_scope_is_reported(tmp_path: Path) -> None:
    fake = FakeSlack(tokens=(BOT_TOKEN,), scopes="commands,chat:write,im:history,im:write")
    fake.start()
    try:
        env = _env(fake, tmp_path)
        _upgrade(tmp_path, env)
        result = _check(tmp_path, **env)
    finally:
        fake.stop()

    assert result.returncode == 1
    assert "FAIL  scopes: missing users:read, reactions:write, files:write" in result.stdout


def test_bad_configuration_is_one_failing_line(tmp_path: Path) -> None:
    result = _check(tmp_path, PORT="nope")

    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("FAIL  configuration: PORT")

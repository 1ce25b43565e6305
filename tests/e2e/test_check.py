"""`python -m slackbot check`: one verdict per line, exit status 1 on any failure."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from slackbot.sandbox import FakeSlack
from tests.conftest import APP_TOKEN, BOT_TOKEN, started_fake
from tests.e2e.test_first_start import free_port


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
    assert any("scopes: all 6" in line for line in lines)
    assert lines[0] == "ok    configuration: HTTP on port 3000"
    assert any("in workspace Sandbox (T0TEAM001)" in line for line in lines)


def test_a_wrong_token_is_reported(fake_slack: FakeSlack, tmp_path: Path) -> None:
    env = _env(fake_slack, tmp_path, token="xoxb-wrong")
    _upgrade(tmp_path, env)
    result = _check(tmp_path, **env)

    assert result.returncode == 1
    assert "FAIL  auth.test: Slack refused SLACK_BOT_TOKEN (invalid_auth)" in result.stdout
    assert "xoxb-wrong" not in result.stdout + result.stderr  # tokens never printed


def test_a_new_database_is_not_created_and_its_migrations_come_at_start(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    result = _check(tmp_path, **_env(fake_slack, tmp_path))

    assert result.returncode == 0, result.stdout
    assert "does not exist yet; it is created at start" in result.stdout
    assert re.search(r"migrations: all \d+ will be applied at start", result.stdout)
    assert not (tmp_path / "bot.db").exists()


def test_an_unreachable_slack_still_gets_every_verdict(tmp_path: Path) -> None:
    env = {**_env(FakeSlack(), tmp_path), "SLACK_API_URL": f"http://127.0.0.1:{free_port()}/api/"}
    result = _check(tmp_path, **env)

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert [line.split()[1] for line in lines] == [
        "configuration:",
        "database:",
        "migrations:",
        "auth.test:",
    ]
    assert lines[-1].startswith("FAIL  auth.test: cannot reach Slack at http://127.0.0.1:")
    assert lines[-1].endswith("(connection refused)")


def test_socket_mode_checks_the_app_token(tmp_path: Path) -> None:
    fake = started_fake(app_tokens=(APP_TOKEN,))
    try:
        good = _check(tmp_path, **_env(fake, tmp_path), SLACK_APP_TOKEN=APP_TOKEN)
        bad = _check(tmp_path, **_env(fake, tmp_path), SLACK_APP_TOKEN="xapp-1-wrong")
    finally:
        fake.stop()

    assert good.returncode == 0, good.stdout
    assert "ok    configuration: Socket Mode (/healthz on port 3000)" in good.stdout
    assert "ok    apps.connections.open: the app token can open" in good.stdout
    assert bad.returncode == 1
    assert "FAIL  apps.connections.open: Slack refused SLACK_APP_TOKEN (invalid_auth)" in (
        bad.stdout
    )


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
    assert "FAIL  scopes: missing users:read, files:write" in result.stdout


def test_bad_configuration_is_one_failing_line(tmp_path: Path) -> None:
    result = _check(tmp_path, PORT="nope")

    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("FAIL  configuration: PORT")

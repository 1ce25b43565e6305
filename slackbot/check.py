"""`python -m slackbot check`: one verdict per line on everything the bot needs to run.

It changes nothing: it never creates a database file, applies no migration, and asks Slack
only questions (`auth.test`, `apps.connections.open`, whose one-time URL it leaves unused).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine, make_url, text

from slackbot.config import ConfigError, Settings
from slackbot.db import all_migrations, pending_migrations
from slackbot.scopes import BOT_SCOPES
from slackbot.startup import (
    NETWORK_ERRORS,
    StartError,
    database_reason,
    network_reason,
    open_database,
    slack_error_code,
    start_client,
)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    what: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.what}"


def run_checks(env: Mapping[str, str]) -> list[Verdict]:
    try:
        settings = Settings.from_env(env)
        verdicts = [Verdict(True, f"configuration: {_mode(settings)}")]
    except ConfigError as error:
        verdicts = [Verdict(False, f"configuration: {error}")]
        try:
            settings = Settings.from_env(env, require_slack=False)
        except ConfigError:
            return verdicts
    verdicts.extend(_database(settings.database_url))
    verdicts.extend(_slack(settings))
    return verdicts


def _mode(settings: Settings) -> str:
    if settings.socket_mode:
        return f"Socket Mode (/healthz on port {settings.port})"
    if settings.oauth:
        return f"HTTP on port {settings.port}, OAuth (many workspaces)"
    return f"HTTP on port {settings.port}"


def _database(url: str) -> list[Verdict]:
    where = make_url(url).render_as_string(hide_password=True)
    missing = _missing_sqlite_file(url)
    if missing is not None:
        return [
            Verdict(True, f"database: {where} does not exist yet; it is created at start"),
            Verdict(True, f"migrations: all {len(all_migrations())} will be applied at start"),
        ]
    try:
        engine = open_database(url)
    except StartError as error:
        return [Verdict(False, f"database: {error}")]
    try:
        return _reachable_database(engine, where)
    finally:
        engine.dispose()


def _missing_sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def _reachable_database(engine: Engine, where: str) -> list[Verdict]:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        pending = pending_migrations(engine)
    except Exception as error:  # any driver error means the same: it cannot be used
        return [Verdict(False, f"database: cannot use {where} ({database_reason(error)})")]
    verdicts = [Verdict(True, f"database: reachable ({where})")]
    if pending:
        verdicts.append(Verdict(True, f"migrations: {len(pending)} will be applied at start"))
    else:
        verdicts.append(Verdict(True, "migrations: up to date"))
    return verdicts


def _slack(settings: Settings) -> list[Verdict]:
    if not settings.bot_token:
        if settings.oauth:
            return [Verdict(True, "auth.test: skipped, each workspace has its own token")]
        return []
    verdicts = _bot_token(settings)
    if settings.socket_mode and verdicts[0].ok:
        verdicts.append(_app_token(settings))
    return verdicts


def _bot_token(settings: Settings) -> list[Verdict]:
    assert settings.bot_token is not None
    client = start_client(settings.bot_token, api_url=settings.api_url)
    try:
        response = client.auth_test()
    except SlackApiError as error:
        code = slack_error_code(error)
        return [Verdict(False, f"auth.test: Slack refused SLACK_BOT_TOKEN ({code})")]
    except NETWORK_ERRORS as error:
        return [Verdict(False, _unreachable("auth.test", settings.api_url, error))]
    workspace = f"{response.get('team')} ({response.get('team_id')})"
    who = f"auth.test: bot {response.get('user')} in workspace {workspace}"
    return [Verdict(True, who), _scopes(_header(response.headers, "x-oauth-scopes"))]


def _app_token(settings: Settings) -> Verdict:
    assert settings.app_token is not None
    client = start_client(settings.app_token, api_url=settings.api_url)
    try:
        client.apps_connections_open(app_token=settings.app_token)
    except SlackApiError as error:
        code = slack_error_code(error)
        return Verdict(False, f"apps.connections.open: Slack refused SLACK_APP_TOKEN ({code})")
    except NETWORK_ERRORS as error:
        return Verdict(False, _unreachable("apps.connections.open", settings.api_url, error))
    return Verdict(True, "apps.connections.open: the app token can open a Socket Mode connection")


def _unreachable(what: str, api_url: str, error: BaseException) -> str:
    return f"{what}: cannot reach Slack at {api_url} ({network_reason(error)})"


def _header(headers: Mapping[str, object], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value[0] if isinstance(value, list) else str(value)
    return None


def _scopes(granted: str | None) -> Verdict:
    if granted is None:
        return Verdict(False, "scopes: Slack did not say which scopes were granted")
    have = {s.strip() for s in granted.split(",") if s.strip()}
    missing = [s for s in BOT_SCOPES if s not in have]
    if missing:
        return Verdict(
            False,
            f"scopes: missing {', '.join(missing)}; reinstall the app from manifest.yml",
        )
    extra = sorted(have - set(BOT_SCOPES))
    note = f" (also granted, not needed: {', '.join(extra)})" if extra else ""
    return Verdict(True, f"scopes: all {len(BOT_SCOPES)} the manifest asks for{note}")


def main(env: Mapping[str, str], out: Callable[[str], None] = print) -> int:
    verdicts = run_checks(env)
    for verdict in verdicts:
        out(verdict.line())
    return 0 if all(v.ok for v in verdicts) else 1

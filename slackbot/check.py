"""`python -m slackbot check`: one verdict per line on everything the bot needs to run."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import Engine, text

from slackbot.config import ConfigError, Settings
from slackbot.db import make_engine, pending_migrations
from slackbot.scopes import BOT_SCOPES


@dataclass(frozen=True)
class Verdict:
    ok: bool
    what: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.what}"


def run_checks(env: Mapping[str, str]) -> list[Verdict]:
    verdicts: list[Verdict] = []
    try:
        settings = Settings.from_env(env)
        mode = "Socket Mode" if settings.socket_mode else f"HTTP on port {settings.port}"
        verdicts.append(Verdict(True, f"configuration: {mode}"))
    except ConfigError as error:
        verdicts.append(Verdict(False, f"configuration: {error}"))
        try:
            settings = Settings.from_env(env, require_slack=False)
        except ConfigError:
            return verdicts
    engine = make_engine(settings.database_url)
    try:
        verdicts.extend(_database(engine))
    finally:
        engine.dispose()
    if settings.bot_token:
        verdicts.extend(_slack(settings))
    elif settings.oauth:
        verdicts.append(Verdict(True, "auth.test: skipped, each workspace has its own token"))
    return verdicts


def _database(engine: Engine) -> list[Verdict]:
    where = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any driver error means the same: unreachable
        return [Verdict(False, f"database: cannot connect to {where} ({type(error).__name__})")]
    verdicts = [Verdict(True, f"database: reachable ({where})")]
    pending = pending_migrations(engine)
    if pending:
        verdicts.append(
            Verdict(
                False, f"migrations: {len(pending)} pending; run `python -m slackbot db upgrade`"
            )
        )
    else:
        verdicts.append(Verdict(True, "migrations: up to date"))
    return verdicts


def _slack(settings: Settings) -> list[Verdict]:
    client = WebClient(token=settings.bot_token, base_url=settings.api_url, timeout=10)
    try:
        response = client.auth_test()
    except SlackApiError as error:
        return [Verdict(False, f"auth.test: {error.response.get('error', 'failed')}")]
    except SlackClientError as error:
        return [Verdict(False, f"auth.test: cannot reach {settings.api_url} ({error})")]
    who = f"auth.test: bot {response.get('user')} in workspace {response.get('team')}"
    granted = _header(response.headers, "x-oauth-scopes")
    return [Verdict(True, who), _scopes(granted)]


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

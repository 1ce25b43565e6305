"""Typed settings read from the environment; every problem is reported in one line."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite:///slackbot.db"
DEFAULT_API_URL = "https://slack.com/api/"
PER_MINUTE = "calls per minute"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(Exception):
    """A setting is missing, malformed or conflicts with another one."""


@dataclass(frozen=True, kw_only=True)
class Settings:
    bot_token: str | None = None
    signing_secret: str | None = None
    app_token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    api_url: str = DEFAULT_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    port: int = 3000
    poll_seconds: float = 30.0
    retention_days: int = 365
    log_level: str = "INFO"
    lease_seconds: float = 120.0
    # The pacing budget per workspace (Slack publishes no quota headers).
    posts_per_minute: float = 480.0
    tier3_per_minute: float = 50.0
    tier4_per_minute: float = 100.0
    history_per_minute: float = 1.0

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    @property
    def oauth(self) -> bool:
        return self.client_id is not None

    @classmethod
    def from_env(cls, env: Mapping[str, str], *, require_slack: bool = True) -> Settings:
        """Build settings from environment variables; an empty variable counts as unset."""
        values = {key: value.strip() for key, value in env.items() if value and value.strip()}
        settings = cls(
            bot_token=values.get("SLACK_BOT_TOKEN"),
            signing_secret=values.get("SLACK_SIGNING_SECRET"),
            app_token=values.get("SLACK_APP_TOKEN"),
            client_id=values.get("SLACK_CLIENT_ID"),
            client_secret=values.get("SLACK_CLIENT_SECRET"),
            api_url=_api_url(values.get("SLACK_API_URL", DEFAULT_API_URL)),
            database_url=normalise_database_url(values.get("DATABASE_URL", DEFAULT_DATABASE_URL)),
            port=_int(values, "PORT", 3000, low=1, high=65535),
            poll_seconds=_positive_float(values, "REMINDER_POLL_SECONDS", 30.0),
            retention_days=_int(values, "DATA_RETENTION_DAYS", 365, low=1, high=36500),
            log_level=_log_level(values.get("LOG_LEVEL", "INFO")),
            lease_seconds=_positive_float(values, "PROMPT_LEASE_SECONDS", 120.0),
            posts_per_minute=_positive_float(
                values, "SLACK_POSTS_PER_MINUTE", 480.0, unit=PER_MINUTE
            ),
            tier3_per_minute=_positive_float(
                values, "SLACK_TIER3_PER_MINUTE", 50.0, unit=PER_MINUTE
            ),
            tier4_per_minute=_positive_float(
                values, "SLACK_TIER4_PER_MINUTE", 100.0, unit=PER_MINUTE
            ),
            history_per_minute=_positive_float(
                values, "SLACK_HISTORY_PER_MINUTE", 1.0, unit=PER_MINUTE
            ),
        )
        if require_slack:
            settings.check_slack()
        return settings

    def check_slack(self) -> None:
        """Refuse combinations that cannot serve Slack."""
        if self.app_token and not self.app_token.startswith("xapp-"):
            raise ConfigError("SLACK_APP_TOKEN must be an app-level token starting with xapp-")
        if bool(self.client_id) != bool(self.client_secret):
            missing = "SLACK_CLIENT_SECRET" if self.client_id else "SLACK_CLIENT_ID"
            raise ConfigError(f"{missing} is not set (OAuth needs both client id and secret)")
        if self.oauth and self.app_token:
            raise ConfigError(
                "SLACK_CLIENT_ID/SLACK_CLIENT_SECRET (OAuth) need HTTP mode: unset SLACK_APP_TOKEN"
            )
        if not self.oauth and not self.bot_token:
            raise ConfigError("SLACK_BOT_TOKEN is not set")
        if self.bot_token and not self.bot_token.startswith("xoxb-"):
            raise ConfigError("SLACK_BOT_TOKEN must be a bot token starting with xoxb-")
        if not self.socket_mode and not self.signing_secret:
            raise ConfigError(
                "neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set: set SLACK_APP_TOKEN "
                "(xapp-…) for Socket Mode, or SLACK_SIGNING_SECRET to serve HTTP"
            )


SUPPORTED_DATABASES = ("sqlite", "postgresql+psycopg")
DATABASE_EXAMPLES = "sqlite:///slackbot.db or postgresql://user:password@host:5432/dbname"


def normalise_database_url(url: str) -> str:
    """Accept Heroku-style postgres:// URLs and pick psycopg 3 for PostgreSQL."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    scheme, separator, _ = url.partition("://")
    if not separator:
        raise ConfigError(f"DATABASE_URL is not a database URL; use {DATABASE_EXAMPLES}")
    if scheme not in SUPPORTED_DATABASES:
        raise ConfigError(
            f"DATABASE_URL uses {scheme}://, which is not supported; use {DATABASE_EXAMPLES}"
        )
    return url


def _api_url(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"SLACK_API_URL must start with http:// or https://, got {url!r}")
    return url if url.endswith("/") else url + "/"


def _int(values: Mapping[str, str], name: str, default: int, *, low: int, high: int) -> int:
    raw = values.get(name)
    if raw is None:
        return default
    try:
        number = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if not low <= number <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, got {number}")
    return number


def _positive_float(
    values: Mapping[str, str], name: str, default: float, *, unit: str = "seconds"
) -> float:
    raw = values.get(name)
    if raw is None:
        return default
    try:
        number = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of {unit}, got {raw!r}") from None
    if not number > 0 or number == float("inf"):
        raise ConfigError(f"{name} must be a positive number of {unit}, got {raw!r}")
    return number


def _log_level(raw: str) -> str:
    level = raw.upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {raw!r}")
    return level


# Chatty below WARNING: APScheduler says two lines per poll, the Socket Mode client a few per
# reconnect, Alembic and waitress a few at start (the bot logs its own start line).
QUIET_LOGGERS = ("alembic", "apscheduler", "slackbot.socket_mode.client", "waitress")


def quiet_level(level: int) -> int:
    """The level for a chatty logger: everything at DEBUG, else warnings and worse."""
    return level if level <= logging.DEBUG else max(level, logging.WARNING)


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(quiet_level(getattr(logging, level)))

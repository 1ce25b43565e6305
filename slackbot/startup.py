"""What a start can fail on, each turned into one line an operator can act on."""

from __future__ import annotations

import errno
import logging
import socket
import ssl
import urllib.error
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from slackbot.config import DATABASE_EXAMPLES
from slackbot.db import make_engine

EXIT_FAILURE = 1
EXIT_CONFIG = 2
NETWORK_ERRORS = (SlackClientError, urllib.error.URLError, OSError)
# Slack's answers that mean the token itself is wrong; anything else (ratelimited, a 5xx) is
# Slack having a bad moment, and a later start may well work.
TOKEN_REFUSALS = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "not_allowed_token_type",
        "missing_scope",
    }
)


class StartError(Exception):
    """The bot cannot start; the message says why and what to do. Exit status 2 when a
    setting must change, 1 for everything else."""

    def __init__(self, message: str, *, status: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Workspace:
    team: str
    team_id: str
    bot_user: str

    def __str__(self) -> str:
        return f"{self.team} ({self.team_id})"


def database_reason(error: BaseException) -> str:
    """The database server's own words, on one line."""
    original = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return lines[0] if lines else type(original).__name__


def network_reason(error: BaseException) -> str:
    """Why a connection to Slack failed, in a few words (refused, DNS, TLS, timeout)."""
    cause = error.reason if isinstance(error, urllib.error.URLError) else error
    cause = getattr(cause, "os_error", None) or cause  # aiohttp wraps the socket's error
    if isinstance(cause, str):
        return cause
    if isinstance(cause, socket.gaierror):
        return "the host name could not be resolved"
    if isinstance(cause, ssl.SSLError):
        return f"TLS failed: {getattr(cause, 'reason', None) or cause}"
    if isinstance(cause, TimeoutError | socket.timeout):
        return "timed out"
    if isinstance(cause, ConnectionRefusedError):
        return "connection refused"
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror.lower()
    return str(cause) or type(cause).__name__


def open_database(url: str, **pool: int) -> Engine:
    """An engine for `url`, or a StartError naming the driver or the server's complaint."""
    try:
        return make_engine(url, **pool)
    except (NoSuchModuleError, ArgumentError):
        raise StartError(
            f"DATABASE_URL is not a database this bot can use; use {DATABASE_EXAMPLES}",
            status=EXIT_CONFIG,
        ) from None


def database_failure(engine: Engine, error: DBAPIError | OSError) -> StartError:
    where = engine.url.render_as_string(hide_password=True)
    return StartError(
        f"the database {where} cannot be used: {database_reason(error)} "
        "(check that the server runs and the database exists)"
    )


def quiet_logger() -> logging.Logger:
    """For Web API clients whose failures the bot reports itself, in one line of its own."""
    quiet = logging.getLogger("slackbot.startup.client")
    quiet.propagate = False
    if not quiet.handlers:
        quiet.addHandler(logging.NullHandler())
    return quiet


def start_client(token: str, *, api_url: str) -> WebClient:
    """A client for start-up checks: no retries, and no log lines of its own."""
    return WebClient(
        token=token, base_url=api_url, timeout=10, logger=quiet_logger(), retry_handlers=[]
    )


def verify_bot_token(client: WebClient, *, api_url: str) -> Workspace:
    """`auth.test` with the bot token: which workspace the bot is in, or a StartError."""
    try:
        response = client.auth_test()
    except SlackApiError as error:
        code = slack_error_code(error)
        if code not in TOKEN_REFUSALS:
            raise slack_trouble("auth.test", code) from None
        raise StartError(
            f"Slack refused SLACK_BOT_TOKEN ({code}): copy the Bot User OAuth Token from "
            "OAuth & Permissions again, or reinstall the app",
            status=EXIT_CONFIG,
        ) from None
    except NETWORK_ERRORS as error:
        raise unreachable(api_url, error) from None
    return Workspace(
        team=str(response.get("team") or "?"),
        team_id=str(response.get("team_id") or "?"),
        bot_user=str(response.get("user") or "?"),
    )


def slack_error_code(error: SlackApiError) -> str:
    response = error.response
    code = response.get("error") if isinstance(response.data, dict) else None
    return str(code or f"HTTP {response.status_code}")


def slack_trouble(method: str, code: str) -> StartError:
    return StartError(f"Slack answered {method} with {code}: try again in a minute")


def refused_app_token(code: str) -> StartError:
    if code not in TOKEN_REFUSALS:
        return slack_trouble("apps.connections.open", code)
    return StartError(
        f"Slack refused SLACK_APP_TOKEN ({code}): create an app-level token with the "
        "connections:write scope under Basic Information and copy it again",
        status=EXIT_CONFIG,
    )


def unreachable(api_url: str, error: BaseException) -> StartError:
    return StartError(
        f"cannot reach Slack at {api_url} ({network_reason(error)}): "
        "check the network, a proxy, or SLACK_API_URL"
    )


def port_failure(port: int, error: OSError) -> StartError:
    if error.errno == errno.EADDRINUSE:
        return StartError(
            f"port {port} is already in use: stop the program using it, or set PORT to another"
        )
    return StartError(f"cannot listen on port {port}: {network_reason(error)}")

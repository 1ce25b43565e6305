"""Builds the Bolt app: one client, one error handler, services in context, every listener."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse, Respond
from slack_sdk import WebClient

from slackbot import listeners
from slackbot.blocks.text import ephemeral, inline_error
from slackbot.bolt_acks import AckWaitingExecutor, await_ack
from slackbot.config import Settings, quiet_level
from slackbot.db import WriteBusy
from slackbot.services import Services
from slackbot.trust import NOT_INSTALLED, refuse_untrusted, single_workspace
from slackbot.view_seal import only_views_opened

logger = logging.getLogger(__name__)

# Bolt's default pool has 5 workers; a slow Web API call in one listener must not make other
# users' commands miss Slack's 3-second window.
LISTENER_THREADS = 64


def _quiet_token_warning(record: logging.LogRecord) -> bool:
    # Bolt reads SLACK_BOT_TOKEN from the environment by itself and then warns that the client
    # we pass (built from the same token, with our base URL and retries) takes precedence.
    # With our own `authorize` (below), Bolt also says it ignores that environment token.
    message = record.getMessage()
    return "`token` will be unused" not in message and "will be ignored" not in message


def bolt_logger() -> logging.Logger:
    """The logger Bolt and its middleware log to.

    Bolt logs whole request bodies (what users typed) at INFO when a signature check fails,
    and at DEBUG elsewhere: below DEBUG, keep it to warnings and errors.
    """
    bolt = logging.getLogger("slackbot.bolt")
    bolt.setLevel(quiet_level(logging.getLogger().getEffectiveLevel()))
    if _quiet_token_warning not in bolt.filters:
        bolt.addFilter(_quiet_token_warning)
    return bolt


def build_app(settings: Settings, services: Services, *, client: WebClient) -> App:
    installations = services.installations
    # Bolt authorizes each request; one from a workspace the bot has no token for is refused.
    oauth: dict[str, Any] = {"authorize": single_workspace(client)}
    if installations is not None:
        # Handing the store to App makes Bolt authorize (and rotate tokens) with our client,
        # so SLACK_API_URL applies to the OAuth flow too.
        oauth = {
            "installation_store": installations.store,
            "oauth_settings": installations.oauth_settings(),
        }
    app = App(
        name="follow-up-coach",
        logger=bolt_logger(),
        client=client,
        **oauth,
        signing_secret=settings.signing_secret or "",
        token_verification_enabled=False,
        request_verification_enabled=not settings.socket_mode,
        before_authorize=refuse_untrusted(settings.api_url),
        user_facing_authorize_error_message=NOT_INSTALLED,
        listener_executor=AckWaitingExecutor(
            max_workers=LISTENER_THREADS, thread_name_prefix="listener"
        ),
        ignoring_self_events_enabled=True,
        raise_error_for_unhandled_request=False,
    )
    # Answers as soon as the listener acks: `/interview list` at 64/s, p50 12.5 ms -> 4.5 ms.
    app.middleware(await_ack)
    app.middleware(_provide(services))
    app.middleware(only_views_opened(services.view_seal))
    app.error(handle_error)
    listeners.register(app)
    return app


def _provide(services: Services) -> Callable[..., BoltResponse | None]:
    def provide_services(context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse:
        context["services"] = services
        return next()

    return provide_services


SORRY = (
    ":warning: Something went wrong on our side and nothing was changed. "
    "Please try again in a moment."
)
BUSY = (
    ":hourglass: I couldn't save that just now: the database is busy with other work. "
    "Nothing was saved. Please try again in a minute."
)


def _apology(body: dict[str, Any], message: str = SORRY) -> dict[str, Any] | None:
    """The acknowledgement that tells the user, where Slack shows one."""
    if body.get("command"):
        return ephemeral(message)
    if body.get("type") == "view_submission":
        return inline_error(body.get("view"), message)
    return None


def handle_error(
    error: Exception, body: dict[str, Any], response: BoltResponse | None, respond: Respond
) -> None:
    """The one place unexpected errors land: log with traceback, tell the user plainly.

    Slack must never see a 500 or a timeout: when the request was not acknowledged yet, the
    acknowledgement itself carries the apology; otherwise it goes to the response_url.
    """
    if isinstance(error, WriteBusy):
        # Expected while another process holds SQLite's write lock: the user is told plainly.
        logger.warning("a request could not write in time: the database is busy")
        message = BUSY
    else:
        logger.exception("unhandled error in listener", exc_info=error)
        message = SORRY
    if response is not None:
        response.status = 200
        reply = _apology(body, message)
        response.body = json.dumps(reply) if reply else ""
        response.headers["content-type"] = ["application/json;charset=utf-8"]
        if reply:
            return
    if body.get("response_url"):
        try:
            respond(text=message, response_type="ephemeral", replace_original=False)
        except Exception:  # the apology is best effort; the original error is logged
            logger.warning("could not tell the user about the error")

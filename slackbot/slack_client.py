"""Web API clients pointed at SLACK_API_URL, with the retry policy each caller needs."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from slackbot.config import Settings


def listener_client(settings: Settings) -> WebClient:
    """For listeners: retries connection errors, 429 (honouring Retry-After) and 5xx briefly."""
    return WebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        timeout=10,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=2),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


def dispatcher_client(settings: Settings, token: str | None = None) -> WebClient:
    """For the dispatcher: no automatic retries at all.

    429s must slow the whole pool, and a post whose connection broke may have reached Slack:
    the dispatcher checks the DM for it before posting again, which a blind retry would not.
    """
    return WebClient(
        token=token or settings.bot_token,
        base_url=settings.api_url,
        timeout=10,
        retry_handlers=[],
    )

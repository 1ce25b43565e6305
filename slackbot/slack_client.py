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
    """For the dispatcher: 429 and 5xx surface as errors so the pool can slow down as a whole."""
    return WebClient(
        token=token or settings.bot_token,
        base_url=settings.api_url,
        timeout=10,
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=1)],
    )

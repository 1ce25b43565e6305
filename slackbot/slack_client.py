"""Web API clients pointed at SLACK_API_URL, with the retry policy each caller needs."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest

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


class _ReadsOnly(RetryHandler):
    """Lets another handler retry anything but a post: a post retried blindly could land twice."""

    def __init__(self, inner: RetryHandler) -> None:
        super().__init__(inner.max_retry_count, inner.interval_calculator)
        self.inner = inner

    def _can_retry(self, *, request: HttpRequest, **kwargs: Any) -> bool:
        if request.url.endswith("/chat.postMessage"):
            return False
        return self.inner._can_retry(request=request, **kwargs)


def dispatcher_client(settings: Settings, token: str | None = None) -> WebClient:
    """For the dispatcher: reads (the DM check) ride out 5xx and broken connections; posts
    and 429s are never retried here.

    The dispatcher paces each workspace itself and a 429 must pause only that workspace's
    posts; a post whose connection broke may have reached Slack, so the dispatcher checks the
    DM for it before posting again, which a blind retry would not.
    """
    return WebClient(
        token=token or settings.bot_token,
        base_url=settings.api_url,
        timeout=10,
        retry_handlers=[
            _ReadsOnly(ConnectionErrorRetryHandler(max_retry_count=2)),
            _ReadsOnly(ServerErrorRetryHandler(max_retry_count=2)),
        ],
    )

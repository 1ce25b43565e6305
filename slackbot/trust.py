"""What a signed request must also show before any listener runs.

A valid signature says Slack sent the body, not that every id in it is sound: this checks the
body's shape, that it names its user and workspace, that it only offers Slack's own response
URLs, and (single-workspace mode) that it comes from the workspace the bot's token belongs to.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from slack_bolt import BoltContext, BoltResponse
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from slack_sdk.web import SlackResponse

from slackbot.payload_shapes import shape_problem

logger = logging.getLogger(__name__)

# Where Slack's response_urls point; a proxy or stand-in named by SLACK_API_URL is trusted too.
SLACK_HOOK_HOSTS = frozenset({"hooks.slack.com"})
NOT_INSTALLED = "Follow-Up Coach isn't installed in this workspace, so nothing was changed."


def is_slack_url(url: object, *, api_url: str) -> bool:
    """A response URL Slack itself handed out (or one on the configured Web API's host)."""
    if not isinstance(url, str):
        return False
    parts, api = urlsplit(url), urlsplit(api_url)
    if parts.scheme == "https" and parts.hostname in SLACK_HOOK_HOSTS:
        return True
    return (parts.scheme, parts.netloc) == (api.scheme, api.netloc) and bool(parts.netloc)


def _response_urls(body: dict[str, Any]) -> list[object]:
    urls: list[object] = []
    if "response_url" in body:
        urls.append(body["response_url"])
    for entry in body.get("response_urls") or []:
        urls.append(entry.get("response_url") if isinstance(entry, dict) else entry)
    return urls


def refuse_untrusted(api_url: str) -> Callable[..., BoltResponse]:
    """Bolt middleware, run before authorization: 400 for a body no listener should see."""

    def refuse(
        body: dict[str, Any], context: BoltContext, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        problem = shape_problem(body)
        if problem is None and not all(
            is_slack_url(url, api_url=api_url) for url in _response_urls(body)
        ):
            problem = "a response URL that is not Slack's"
        if problem is not None:
            logger.info("refused a signed request: %s", problem)
            return BoltResponse(status=400, body="")
        if not context.response_url:
            # A click Slack gives no response URL (one crafted on a view, say) has nothing to
            # answer through; Bolt's own respond() would raise.
            context["respond"] = _nothing_to_respond_to
        return next()

    return refuse


def _nothing_to_respond_to(*_args: object, **_kwargs: object) -> None:
    logger.info("no response URL to answer through; nothing sent")


def single_workspace(client: WebClient) -> Callable[..., AuthorizeResult | None]:
    """Bolt `authorize` for one workspace: the bot token's own, learnt from `auth.test` once.

    Requests naming any other workspace (or organisation) get no authorization at all, so Bolt
    refuses them before a listener runs.
    """
    lock = threading.Lock()
    known: list[SlackResponse] = []

    def auth_test() -> SlackResponse:
        with lock:
            if not known:
                known.append(client.auth_test())
            return known[0]

    # A plain function: Bolt passes arguments by the names in its signature.
    def authorize(enterprise_id: str | None, team_id: str | None) -> AuthorizeResult | None:
        auth = auth_test()
        ours = team_id is not None and team_id == auth.get("team_id")
        same_org = (
            bool(auth.get("is_enterprise_install"))
            and enterprise_id is not None
            and enterprise_id == auth.get("enterprise_id")
        )
        if not (ours or same_org):
            return None  # Bolt logs the refusal and tells the user, through Slack only
        return AuthorizeResult.from_auth_test_response(
            auth_test_response=auth, bot_token=client.token
        )

    return authorize

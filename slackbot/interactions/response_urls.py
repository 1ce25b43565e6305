"""Sending a reply after the request was acknowledged: to a response_url, else by DM."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from slackbot.trust import is_slack_url

logger = logging.getLogger(__name__)


def reply_later(
    client: WebClient, *, user_id: str, response_url: str | None, reply: dict[str, Any]
) -> None:
    if response_url and not is_slack_url(response_url, api_url=client.base_url):
        logger.warning("not posting to a response URL that is not Slack's; replying by DM")
        response_url = None
    if response_url:
        response = WebhookClient(response_url).send_dict(
            {**reply, "response_type": "ephemeral", "replace_original": False}
        )
        if response.status_code == 200:
            return
        logger.warning("response_url answered %s; replying by DM", response.status_code)
    client.chat_postMessage(channel=user_id, text=reply.get("text", ""), blocks=reply.get("blocks"))

"""Each user's DM channel with the bot, as Slack names it, remembered per process.

A message event names its channel; the bot answers only there, and only once Slack itself
(conversations.open) has said that channel is the DM of the user who wrote.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError

from slackbot.domain.interviews import Owner

logger = logging.getLogger(__name__)

# A DM channel id never changes; this bounds memory, not freshness.
REMEMBERED = 10_000


class DmChannels:
    def __init__(self, limit: int = REMEMBERED) -> None:
        self._limit = limit
        self._known: OrderedDict[Owner, str] = OrderedDict()
        self._lock = threading.Lock()

    def is_dm_of(self, client: WebClient, owner: Owner, channel: object) -> bool:
        """True when `channel` is the DM between the bot and this user."""
        if not isinstance(channel, str) or not channel.startswith("D"):
            return False
        known = self._lookup(owner)
        if known is None:
            try:
                opened = client.conversations_open(users=owner.user_id)
            except SlackClientError as error:
                logger.warning("could not look up a user's DM channel: %s", type(error).__name__)
                return False
            known = str((opened.get("channel") or {}).get("id") or "")
            self._remember(owner, known)
        return known == channel

    def _lookup(self, owner: Owner) -> str | None:
        with self._lock:
            found = self._known.get(owner)
            if found is not None:
                self._known.move_to_end(owner)
            return found

    def _remember(self, owner: Owner, channel: str) -> None:
        if not channel:
            return
        with self._lock:
            self._known[owner] = channel
            while len(self._known) > self._limit:
                self._known.popitem(last=False)

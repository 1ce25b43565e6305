"""Long-lived, thread-safe collaborators handed to listeners through Bolt's context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from slackbot.clock import Clock
from slackbot.db import SessionFactory
from slackbot.locks import StripedLocks
from slackbot.republisher import Republisher
from slackbot.settings_cache import SettingsCache

if TYPE_CHECKING:
    from slackbot.installations import Installations

# Home publishes run beside requests; a few threads keep up with bursts without crowding them.
HOME_PUBLISH_WORKERS = 4


@dataclass(frozen=True)
class Services:
    sessions: SessionFactory
    clock: Clock
    # Set in multi-workspace (OAuth) mode: each workspace's tokens.
    installations: Installations | None = None
    settings_cache: SettingsCache = field(default_factory=SettingsCache)
    home_publishes: Republisher = field(
        default_factory=lambda: Republisher(workers=HOME_PUBLISH_WORKERS)
    )
    # Held per user from reading what a prompt message should show until it is posted, so
    # two changes made at once (a click and a DM reply) cannot post their renders out of order.
    message_updates: StripedLocks = field(default_factory=StripedLocks)

    def __post_init__(self) -> None:
        self.settings_cache.watch(self.sessions)

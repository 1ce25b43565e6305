"""Long-lived, thread-safe collaborators handed to listeners through Bolt's context."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from slackbot.budget import MemoryBudget
from slackbot.clock import Clock
from slackbot.config import Settings
from slackbot.db import SessionFactory
from slackbot.dm_channels import DmChannels
from slackbot.driver_sql import Driver, driver_reading
from slackbot.home_pacing import HomePacing
from slackbot.locks import StripedLocks
from slackbot.pacing import rates
from slackbot.republisher import Republisher
from slackbot.view_seal import ViewSeal

if TYPE_CHECKING:
    from slackbot.installations import Installations

# Home publishes run beside requests; a few threads keep up with bursts without crowding them.
HOME_PUBLISH_WORKERS = 4
# Threads that may load and build a listing at once (see Services.reading). SQLite runs inside
# this process, so its queries are CPU work like the rest; PostgreSQL's wait on the network.
# Pays flat out (16 senders): `/interview list` after logs p99 146 -> 86 ms, and its server CPU
# 4.9 -> 2.6 ms a request, one slot against sixteen.
READ_SLOTS_SQLITE = 1
READ_SLOTS_SERVER = 4
# A request's write waits at most this long for the database's write lock (held by another
# process, say), then the user is told it could not be saved: Slack's window is 3 s.
REQUEST_WRITE_WAIT_SECONDS = 2.0


@dataclass(frozen=True)
class Services:
    sessions: SessionFactory
    clock: Clock
    # Set in multi-workspace (OAuth) mode: each workspace's tokens.
    installations: Installations | None = None
    home_publishes: Republisher = field(
        default_factory=lambda: Republisher(workers=HOME_PUBLISH_WORKERS)
    )
    # Off-screen Home publishes share the workspace's views.publish budget (see home_pacing).
    home_pacing: HomePacing = field(
        default_factory=lambda: HomePacing(MemoryBudget(rates(Settings())))
    )
    # Held per user from reading what a prompt message should show until it is posted, so
    # two changes made at once (a click and a DM reply) cannot post their renders out of order.
    message_updates: StripedLocks = field(default_factory=StripedLocks)
    # Signs the metadata of every view the bot opens (see view_seal).
    view_seal: ViewSeal = field(default_factory=ViewSeal)
    # Which channel is each user's DM with the bot: DM replies are posted only there.
    dm_channels: DmChannels = field(default_factory=DmChannels)
    read_gate: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(READ_SLOTS_SERVER)
    )

    @contextmanager
    def reading(self) -> Iterator[Driver]:
        """Reads on the driver for loading and building a listing (no network calls inside).

        That work holds the interpreter lock nearly all the time. Threads doing it all at once
        hand that lock back and forth at every row, and each takes several times longer than
        alone (bench/command_latency.py); waiting for a slot is quicker for everyone.
        """
        with self.read_gate, driver_reading(self.sessions, several=True) as driver:
            yield driver

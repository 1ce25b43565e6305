"""Long-lived, thread-safe collaborators handed to listeners through Bolt's context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from slackbot.clock import Clock
from slackbot.db import SessionFactory

if TYPE_CHECKING:
    from slackbot.installations import Installations


@dataclass(frozen=True)
class Services:
    sessions: SessionFactory
    clock: Clock
    # Set in multi-workspace (OAuth) mode: each workspace's tokens.
    installations: Installations | None = None

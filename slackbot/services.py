"""Long-lived, thread-safe collaborators handed to listeners through Bolt's context."""

from __future__ import annotations

from dataclasses import dataclass

from slackbot.clock import Clock
from slackbot.db import SessionFactory


@dataclass(frozen=True)
class Services:
    sessions: SessionFactory
    clock: Clock

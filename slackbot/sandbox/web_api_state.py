"""What the Slack stand-in records and keeps: calls, messages, views, files, faults to answer."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RecordedCall:
    method: str
    args: dict[str, Any]
    token: str | None
    at: float


@dataclass
class FakeUser:
    id: str
    name: str
    real_name: str
    tz: str
    dm_error: str | None = None


@dataclass
class Fault:
    status: int
    retry_after: float | None
    error: str | None


@dataclass
class State:
    calls: list[RecordedCall] = field(default_factory=list)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    ephemeral: list[dict[str, Any]] = field(default_factory=list)
    response_posts: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    home: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    faults: dict[str, list[Fault]] = field(default_factory=lambda: defaultdict(list))

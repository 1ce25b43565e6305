"""Slack's rate limits, for the stand-in: per workspace, per method, answered with 429.

Off unless a test or benchmark turns it on (`FakeSlack.limits = Limiter(SlackLimits(...))`).
Each limit is a bucket that refills at the limit's rate and holds `burst_seconds` of it, so a
quiet workspace may send a short burst, as Slack allows. A refused call gets HTTP 429 with
`Retry-After` in whole seconds and `{"ok": false, "error": "ratelimited"}`, as Slack answers.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

TIER3 = ("chat.update", "conversations.open")
TIER4 = ("views.publish", "views.open", "views.update", "views.push", "users.info")
HISTORY = ("conversations.history", "conversations.replies")
POST = "chat.postMessage"


@dataclass(frozen=True)
class SlackLimits:
    """Calls per minute per workspace (and, for posts, per second per channel)."""

    posts_per_minute: float = 500.0
    channel_posts_per_second: float = 1.0
    channel_burst: float = 3.0
    tier3_per_minute: float = 50.0
    tier4_per_minute: float = 100.0
    history_per_minute: float = 1.0
    history_max_messages: int = 15
    burst_seconds: float = 3.0

    def per_second(self, method: str) -> float | None:
        if method == POST:
            return self.posts_per_minute / 60
        if method in TIER3:
            return self.tier3_per_minute / 60
        if method in TIER4:
            return self.tier4_per_minute / 60
        if method in HISTORY:
            return self.history_per_minute / 60
        return None

    def burst(self, method: str, rate: float) -> float:
        if method in HISTORY:
            return 1.0
        return max(1.0, rate * self.burst_seconds)


@dataclass
class _Bucket:
    rate: float
    capacity: float
    tokens: float
    at: float

    def take(self, now: float) -> float:
        """0 when a call may go now (and counts it); else seconds until one may."""
        self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


@dataclass
class Accepted:
    team_id: str
    method: str
    at: float


@dataclass
class Limiter:
    limits: SlackLimits
    clock: Callable[[], float] = time.monotonic
    accepted: list[Accepted] = field(default_factory=list)
    refused: Counter[tuple[str, str]] = field(default_factory=Counter)
    _buckets: dict[tuple[str, ...], _Bucket] = field(default_factory=dict)
    _outages: dict[str, tuple[float, float | None]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def refuse_all(self, team_id: str, *, seconds: float, retry_after: float | None = None) -> None:
        """Answer 429 to every call from this workspace for `seconds` (Retry-After: the rest
        of that time, or `retry_after`)."""
        with self._lock:
            self._outages[team_id] = (self.clock() + seconds, retry_after)

    def check(self, team_id: str, method: str, channel: str | None) -> int | None:
        """None when the call may go (it is counted); else the Retry-After to answer with."""
        with self._lock:
            now = self.clock()
            wait = self._outage(team_id, now)
            if wait is None:
                wait = self._take(team_id, method, channel, now)
            if wait:
                self.refused[(team_id, method)] += 1
                return max(1, math.ceil(wait))
            self.accepted.append(Accepted(team_id, method, now))
            return None

    def _outage(self, team_id: str, now: float) -> float | None:
        until, retry_after = self._outages.get(team_id, (0.0, None))
        if now >= until:
            return None
        return retry_after or until - now

    def _take(self, team_id: str, method: str, channel: str | None, now: float) -> float:
        rate = self.limits.per_second(method)
        if rate is None:
            return 0.0
        keys: list[tuple[tuple[str, ...], float, float]] = [
            ((team_id, method), rate, self.limits.burst(method, rate))
        ]
        if method == POST and channel:
            per_channel = self.limits.channel_posts_per_second
            keys.append(((team_id, method, channel), per_channel, self.limits.channel_burst))
        buckets = [self._bucket(key, rate, burst, now) for key, rate, burst in keys]
        # Refused by one limit, counted by none: peek first, then take from every bucket.
        waits = [_peek(bucket, now) for bucket in buckets]
        if any(waits):
            return max(waits)
        for bucket in buckets:
            bucket.take(now)
        return 0.0

    def _bucket(self, key: tuple[str, ...], rate: float, burst: float, now: float) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(rate, burst, burst, now)
        return bucket

    def posts_by_team(self) -> dict[str, list[float]]:
        """When each workspace's accepted chat.postMessage calls were answered."""
        with self._lock:
            posts: defaultdict[str, list[float]] = defaultdict(list)
            for call in self.accepted:
                if call.method == POST:
                    posts[call.team_id].append(call.at)
            return dict(posts)


def _peek(bucket: _Bucket, now: float) -> float:
    tokens = min(bucket.capacity, bucket.tokens + (now - bucket.at) * bucket.rate)
    return 0.0 if tokens >= 1 else (1 - tokens) / bucket.rate

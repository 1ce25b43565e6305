"""Where the pacing buckets live: in this process, or in the database for every process.

Slack counts a workspace's calls whichever process makes them, so the dispatcher's buckets live
in the database (`SharedBudget`): two processes on one PostgreSQL share one budget and together
never go faster than it. Each change is one short transaction holding the bucket's row.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from slackbot import pacing
from slackbot.db import SessionFactory, retrying
from slackbot.models import SendBudget
from slackbot.pacing import Bucket, Rate

T = TypeVar("T")
Change = Callable[[Bucket, Rate, float], tuple[Bucket, T]]


class Budget:
    """Per workspace and method buckets; subclasses say where they are kept."""

    def __init__(self, rates: dict[str, Rate], *, now: Callable[[], float] = time.time) -> None:
        self.rates = rates
        self.now = now

    def _apply(self, team_id: str, method: str, change: Change[T]) -> T:
        raise NotImplementedError

    def grant(self, team_id: str, method: str, *, want: int, horizon: float = 0.0) -> list[float]:
        """Reserve up to `want` calls within `horizon` seconds; the wall time each may go."""
        if want <= 0:
            return []
        return self._apply(
            team_id,
            method,
            lambda bucket, rate, now: pacing.grant(
                bucket, rate, want=want, now=now, horizon=horizon
            ),
        )

    def give_back(self, team_id: str, method: str, count: int) -> None:
        if count > 0:
            self._apply(
                team_id,
                method,
                lambda bucket, rate, _now: (pacing.give_back(bucket, rate, count), None),
            )

    def pause(self, team_id: str, method: str, seconds: float) -> None:
        """Slack said 429: no call of this method in this workspace for `seconds`."""
        self._apply(
            team_id,
            method,
            lambda bucket, _rate, now: (pacing.paused(bucket, until=now + seconds), None),
        )

    def ready_at(self, team_id: str, method: str) -> float:
        return self._apply(
            team_id, method, lambda bucket, rate, now: (bucket, pacing.ready_at(bucket, rate, now))
        )


class MemoryBudget(Budget):
    """Buckets kept in this process (one process, or calls only this process makes)."""

    def __init__(self, rates: dict[str, Rate], *, now: Callable[[], float] = time.time) -> None:
        super().__init__(rates, now=now)
        self._buckets: dict[tuple[str, str], Bucket] = {}
        self._lock = threading.Lock()

    def _apply(self, team_id: str, method: str, change: Change[T]) -> T:
        rate = self.rates[method]
        with self._lock:
            now = self.now()
            bucket = self._buckets.get((team_id, method)) or pacing.full_bucket(rate, now)
            bucket, result = change(bucket, rate, now)
            self._buckets[(team_id, method)] = bucket
        return result


class SharedBudget(Budget):
    """Buckets kept in the database, shared by every process that uses it."""

    def __init__(
        self,
        sessions: SessionFactory,
        rates: dict[str, Rate],
        *,
        now: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(rates, now=now)
        self.sessions = sessions

    def _apply(self, team_id: str, method: str, change: Change[T]) -> T:
        rate = self.rates[method]

        def work(session: Session) -> T:
            row = session.get(SendBudget, (team_id, method), with_for_update=True)
            now = self.now()
            if row is None:
                row = SendBudget(team_id=team_id, method=method, paused_until=0.0)
                session.add(row)
                bucket = pacing.full_bucket(rate, now)
            else:
                bucket = Bucket(row.tokens, row.updated_at, row.paused_until)
            bucket, result = change(bucket, rate, now)
            row.tokens, row.updated_at, row.paused_until = (
                bucket.tokens,
                bucket.updated_at,
                bucket.paused_until,
            )
            return result

        # Two processes creating a workspace's first bucket at once: the loser reads the row.
        return retrying(self.sessions, work)

"""The prompt queue in the database: due rows leased to one process, and given back.

A prompt row goes pending -> sending (leased to one process) -> sent | failed | skipped.
`attempts` counts posts that may have reached Slack: a prompt taken over with attempts above
zero is looked for in the DM before it is posted again.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from slackbot.db import SessionFactory, transaction
from slackbot.metrics import Metrics
from slackbot.models import Prompt, PromptStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
MAX_BACKOFF_SECONDS = 300.0


@dataclass(frozen=True)
class Claimed:
    prompt_id: int
    team_id: str
    user_id: str


def is_due(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(Prompt.status == PromptStatus.PENDING, Prompt.due_at <= now),
        and_(Prompt.status == PromptStatus.SENDING, Prompt.lease_until < now),
    )


def backoff(attempts: int) -> timedelta:
    """How long a send that Slack could not take waits before it is tried again."""
    seconds = min(2.0**attempts, MAX_BACKOFF_SECONDS)
    return timedelta(seconds=seconds * (0.5 + random.random() / 2))  # noqa: S311


class Leases:
    def __init__(
        self, sessions: SessionFactory, *, owner: str, lease: timedelta, metrics: Metrics
    ) -> None:
        self.sessions = sessions
        self.owner = owner
        self.lease = lease
        self.metrics = metrics

    def due_by_team(self, now: datetime) -> dict[str, int]:
        """How many prompts each workspace has due now."""
        with self.sessions() as session:
            rows = session.execute(
                select(Prompt.team_id, func.count()).where(is_due(now)).group_by(Prompt.team_id)
            )
            return {team: int(count) for team, count in rows}

    def claim(self, now: datetime, *, team_id: str, limit: int) -> list[Claimed]:
        """Lease up to `limit` of a workspace's due prompts to this process, users in turn.

        Every user's first due prompt comes before anyone's second, so one user's twenty
        prompts never keep the rest waiting. The conditional UPDATE makes each claim atomic.
        """
        if limit <= 0:
            return []
        with transaction(self.sessions) as session:
            turn = func.row_number().over(
                partition_by=Prompt.user_id, order_by=(Prompt.due_at, Prompt.id)
            )
            ranked = (
                select(Prompt.id, Prompt.due_at, turn.label("turn"))
                .where(Prompt.team_id == team_id, is_due(now))
                .subquery()
            )
            query = select(ranked.c.id).order_by(ranked.c.turn, ranked.c.due_at).limit(limit)
            order: list[int] = list(session.scalars(query))
            if not order:
                return []
            candidates = select(Prompt.id).where(Prompt.id.in_(order))
            if session.bind is not None and session.bind.dialect.name == "postgresql":
                candidates = candidates.with_for_update(skip_locked=True)
            free = list(session.scalars(candidates))
            rows = session.execute(
                update(Prompt)
                .where(Prompt.id.in_(free), is_due(now))
                .values(
                    status=PromptStatus.SENDING,
                    lease_until=now + self.lease,
                    lease_owner=self.owner,
                )
                .returning(Prompt.id, Prompt.user_id)
                .execution_options(synchronize_session=False)
            ).all()
        users = dict(rows)
        return [Claimed(i, team_id, users[i]) for i in order if i in users]

    def renew(self, prompt_id: int, now: datetime) -> bool:
        """Extend this process's lease just before posting; False if it is no longer ours."""
        with transaction(self.sessions) as session:
            result = session.execute(
                update(Prompt)
                .where(
                    Prompt.id == prompt_id,
                    Prompt.status == PromptStatus.SENDING,
                    Prompt.lease_owner == self.owner,
                )
                .values(lease_until=now + self.lease)
                .execution_options(synchronize_session=False)
            )
        return result.rowcount == 1  # type: ignore[attr-defined]

    def hand_back(
        self, prompt_id: int, *, posted: bool = False, due_at: datetime | None = None
    ) -> None:
        """Return a claimed prompt to the queue, due as before (or at `due_at`).

        `posted` takes back the attempt counted before a post that Slack refused (a 429):
        that post certainly did not reach the user.
        """
        values: dict[str, object] = {
            "status": PromptStatus.PENDING,
            "lease_owner": None,
            "lease_until": None,
        }
        if posted:
            values["attempts"] = Prompt.attempts - 1
        if due_at is not None:
            values["due_at"] = due_at
        with transaction(self.sessions) as session:
            session.execute(
                update(Prompt)
                .where(
                    Prompt.id == prompt_id,
                    Prompt.status == PromptStatus.SENDING,
                    Prompt.lease_owner == self.owner,
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            )

    def release(self, prompt_id: int, *, now: datetime, error: str) -> None:
        """A send Slack could not take (5xx, a broken connection): try again after a backoff."""
        with transaction(self.sessions) as session:
            prompt = session.get(Prompt, prompt_id)
            if prompt is None or prompt.status != PromptStatus.SENDING:
                return
            if prompt.attempts >= MAX_ATTEMPTS:
                prompt.status = PromptStatus.FAILED
                self.metrics.failed.labels(prompt.kind).inc()
                logger.warning("prompt failed %s error=%s", log_fields(prompt), error)
            else:
                prompt.status = PromptStatus.PENDING
                prompt.due_at = now + backoff(prompt.attempts)
                self.metrics.retried.labels(prompt.kind).inc()
            prompt.last_error = error[:255]
            prompt.lease_owner = None


def log_fields(prompt: Prompt) -> str:
    """Ids only: never tokens, never what the user wrote."""
    return (
        f"prompt_id={prompt.id} interview_id={prompt.interview_id} team_id={prompt.team_id} "
        f"user_id={prompt.user_id} kind={prompt.kind} attempts={prompt.attempts}"
    )


def dispatcher_lag(sessions: SessionFactory, now: datetime) -> float:
    """Seconds since the oldest prompt that is due but not sent came due (0 when none)."""
    with sessions() as session:
        oldest = session.scalar(
            select(func.min(Prompt.due_at)).where(
                Prompt.status.in_((PromptStatus.PENDING, PromptStatus.SENDING)),
                Prompt.due_at <= now,
            )
        )
    return max((now - oldest).total_seconds(), 0.0) if oldest else 0.0


def queue_depth(sessions: SessionFactory, now: datetime) -> int:
    """Prompts due now and not sent yet (being sent included)."""
    with sessions() as session:
        count = session.scalar(
            select(func.count()).where(
                Prompt.status.in_((PromptStatus.PENDING, PromptStatus.SENDING)),
                Prompt.due_at <= now,
            )
        )
    return int(count or 0)

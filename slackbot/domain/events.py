"""Slack may deliver an event more than once (retries); each event id is applied once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from slackbot.db import SessionFactory, transaction
from slackbot.models import ProcessedEvent

# Slack retries for minutes, not days; older ids are forgotten by the daily clean-up.
KEEP_EVENT_IDS = timedelta(days=2)


def first_delivery(sessions: SessionFactory, *, event_id: str, team_id: str, now: datetime) -> bool:
    """Record the event id; False when it was already recorded (by any process)."""
    try:
        with transaction(sessions) as session:
            session.add(ProcessedEvent(event_id=event_id[:64], team_id=team_id, received_at=now))
    except IntegrityError:
        return False
    return True


def forget_old_events(sessions: SessionFactory, *, now: datetime) -> int:
    with transaction(sessions) as session:
        result = session.execute(
            delete(ProcessedEvent).where(ProcessedEvent.received_at < now - KEEP_EVENT_IDS)
        )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

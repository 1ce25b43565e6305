"""Slack may deliver an event more than once (retries); each event id is applied once.

The same table remembers other deliveries that must apply once: a submitted view (by its id
and hash) and a slash command (by its trigger id, which Slack makes anew for every command).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from slackbot.db import SessionFactory, transaction
from slackbot.driver_sql import Driver, Prepared, driver_of
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


def delivery_key(kind: str, *parts: str) -> str:
    """A fixed-length key for a delivery, e.g. ("view", view_id, view_hash)."""
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()
    return f"{kind}:{digest[:48]}"


def seen_before(on: Session | Driver, *, key: str, team_id: str, now: datetime) -> bool:
    """True when `key` was recorded already; else record it, within the caller's transaction.

    Two processes recording the same key at once: the second waits for the first's commit,
    then finds the key taken.
    """
    driver = driver_of(on)
    row = {"event_id": key, "team_id": team_id, "received_at": now}
    return not driver.rows(_RECORD_NEW[driver.dialect.name], row)


# One statement that records a key and says whether it was new (a look-up, then an insert,
# cost a tenth of `/interview log`'s time): the key comes back only when it was inserted (a
# row count is not reliable across drivers). Another process's insert of the same key counts.
_RECORD_NEW: dict[str, Prepared] = {
    name: Prepared(
        dialect.insert(ProcessedEvent).on_conflict_do_nothing().returning(ProcessedEvent.event_id),
        ("event_id", "team_id", "received_at"),
    )
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}


def forget_old_events(sessions: SessionFactory, *, now: datetime) -> int:
    with transaction(sessions) as session:
        result = session.execute(
            delete(ProcessedEvent).where(ProcessedEvent.received_at < now - KEEP_EVENT_IDS)
        )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

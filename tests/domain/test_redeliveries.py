"""A delivery is applied once: its key is recorded the first time and recognised after, on
whichever database runs the tests."""

from __future__ import annotations

from datetime import UTC, datetime

from slackbot.db import SessionFactory, transaction
from slackbot.domain.redeliveries import delivery_key, seen_before

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def test_a_key_is_new_once_then_seen(sessions: SessionFactory) -> None:
    key = delivery_key("command", "1234.5678")
    with transaction(sessions) as session:
        assert not seen_before(session, key=key, team_id="T1", now=NOW)
        assert seen_before(session, key=key, team_id="T1", now=NOW)
    with transaction(sessions) as session:
        assert seen_before(session, key=key, team_id="T1", now=NOW)
        assert not seen_before(session, key=delivery_key("command", "other"), team_id="T1", now=NOW)

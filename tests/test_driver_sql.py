"""Statements on the driver's cursor keep a transaction's promises, on whichever database runs
the tests: all or nothing, errors as SQLAlchemy raises them, a refused number retried, rows read
back as the ORM reads them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import IntegrityError

from slackbot.db import SessionFactory, transaction
from slackbot.domain.interviews import Owner
from slackbot.domain.profiles import default_settings
from slackbot.domain.redeliveries import seen_before
from slackbot.driver_sql import Driver, Prepared, driver_of, driver_transaction, retrying_on_driver
from slackbot.models import ProcessedEvent, UserSettings
from slackbot.slack_profiles import stored_settings

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
_COUNT = Prepared(
    select(func.count()).select_from(ProcessedEvent).where(ProcessedEvent.team_id == bindparam("t"))
)
_ADD = Prepared(
    ProcessedEvent.__table__.insert(),  # type: ignore[attr-defined]
    ("event_id", "team_id", "received_at"),
)


def _stored(sessions: SessionFactory) -> list[tuple[str, datetime]]:
    with sessions() as session:
        rows = session.execute(select(ProcessedEvent.event_id, ProcessedEvent.received_at))
        return sorted((key, at) for key, at in rows)


def _add(driver: Driver, key: str) -> None:
    driver.rows(_ADD, {"event_id": key, "team_id": "T1", "received_at": NOW})


def test_a_write_is_committed_and_reads_back_as_the_orm_stored_it(
    sessions: SessionFactory,
) -> None:
    with driver_transaction(sessions) as driver:
        _add(driver, "a")
        assert driver.rows(_COUNT, {"t": "T1"}) == [(1,)]
    assert _stored(sessions) == [("a", NOW)]


def _add_then_fail(sessions: SessionFactory) -> None:
    with driver_transaction(sessions) as driver:
        _add(driver, "a")
        raise RuntimeError("the reply could not be built")


def _add_twice(sessions: SessionFactory) -> None:
    with driver_transaction(sessions) as driver:
        _add(driver, "b")
        _add(driver, "a")


def test_an_error_inside_rolls_everything_back(sessions: SessionFactory) -> None:
    with pytest.raises(RuntimeError):
        _add_then_fail(sessions)
    assert _stored(sessions) == []


def test_a_driver_error_is_raised_as_sqlalchemy_raises_it(sessions: SessionFactory) -> None:
    with driver_transaction(sessions) as driver:
        _add(driver, "a")
    with pytest.raises(IntegrityError):
        _add_twice(sessions)
    assert _stored(sessions) == [("a", NOW)]


def test_a_refused_unique_value_is_tried_again(sessions: SessionFactory) -> None:
    keys = iter(["taken", "taken", "free"])
    with driver_transaction(sessions) as driver:
        _add(driver, "taken")

    def work(driver: Driver) -> str:
        key = next(keys)
        _add(driver, key)
        return key

    assert retrying_on_driver(sessions, work) == "free"
    assert [key for key, _ in _stored(sessions)] == ["free", "taken"]


def test_within_a_session_it_sees_and_joins_the_sessions_work(sessions: SessionFactory) -> None:
    with transaction(sessions) as session:
        session.add(ProcessedEvent(event_id="orm", team_id="T1", received_at=NOW))
        assert seen_before(driver_of(session), key="orm", team_id="T1", now=NOW)
        assert not seen_before(session, key="driver", team_id="T1", now=NOW)
    assert [key for key, _ in _stored(sessions)] == ["driver", "orm"]


def test_a_row_read_on_the_driver_is_what_the_orm_reads(sessions: SessionFactory) -> None:
    owner = Owner("T1", "U1")
    with transaction(sessions) as session:
        settings = default_settings(team_id="T1", user_id="U1", now=NOW)
        settings.slack_tz, settings.slack_tz_fetched_at = "America/Chicago", NOW
        settings.weekend_prompts, settings.default_card_id = True, 7
        session.add(settings)

    read = stored_settings(sessions, owner)
    with sessions() as session:
        by_the_orm = session.get(UserSettings, ("T1", "U1"))

    columns = [column.key for column in UserSettings.__table__.c]
    assert read is not None
    assert by_the_orm is not None
    assert {c: getattr(read, c) for c in columns} == {c: getattr(by_the_orm, c) for c in columns}
    assert read.slack_tz_fetched_at == NOW
    assert read.slack_tz_fetched_at.tzinfo is not None
    assert stored_settings(sessions, Owner("T1", "U2")) is None

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session

from slackbot.db import (
    SQLITE_BUSY_TIMEOUT_MS,
    SessionFactory,
    make_engine,
    make_session_factory,
    pending_migrations,
    transaction,
    upgrade,
)
from slackbot.models import Interview


def test_migrations_are_current_and_idempotent(engine: Engine) -> None:
    upgrade(engine)
    assert pending_migrations(engine) == []
    tables = set(inspect(engine).get_table_names())
    assert {"interviews", "interviewers", "prompts", "templates", "user_settings"} <= tables


def test_prompts_are_indexed_by_status_and_due_time(engine: Engine) -> None:
    indexes = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("prompts")}
    assert indexes["ix_prompts_status_due"] == ["status", "due_at"]


def test_datetimes_come_back_as_aware_utc(sessions: SessionFactory) -> None:
    eastern = timezone(timedelta(hours=-5))
    moment = datetime(2026, 12, 2, 9, 30, tzinfo=eastern)
    with transaction(sessions) as session:
        session.add(
            Interview(
                team_id="T1",
                user_id="U1",
                number=1,
                company="Initrode",
                role="Engineer",
                starts_at=moment,
                created_at=moment,
                updated_at=moment,
            )
        )
    with sessions() as session:
        stored = session.scalars(select(Interview)).one()
    assert stored.starts_at == datetime(2026, 12, 2, 14, 30, tzinfo=UTC)
    assert stored.starts_at.tzinfo is UTC


def test_each_sqlite_transaction_waits_as_long_as_it_asked(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.db'}", pool_size=1)
    upgrade(engine)
    patient, hurried = make_session_factory(engine), make_session_factory(engine, write_wait=2)

    def timeout_in(session: Session) -> int:
        return int(session.connection().exec_driver_sql("PRAGMA busy_timeout").scalar_one())

    # One pooled connection throughout: what one transaction set must not stay for the next.
    for _ in range(2):
        with transaction(hurried) as session:
            assert timeout_in(session) == 2000
        with transaction(patient) as session:
            assert timeout_in(session) == SQLITE_BUSY_TIMEOUT_MS
        with patient() as session:
            assert timeout_in(session) == SQLITE_BUSY_TIMEOUT_MS
    engine.dispose()

"""SQLite's WAL is copied into the database file by the scheduler's job, not by a commit."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text

from slackbot.db import SQLITE_AUTOCHECKPOINT_PAGES, checkpoint_wal, make_engine, upgrade
from slackbot.scheduler import CHECKPOINT_SECONDS, start_scheduler


def _wal_frames(engine: Engine) -> tuple[int, int]:
    """(frames in the WAL, how many of them are in the database file)."""
    with engine.connect() as connection:
        # Once everything is copied, another PASSIVE pass copies nothing and just reports.
        _busy, log, copied = connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
    return log, copied


def _commit_many(engine: Engine, commits: int) -> None:
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE filler (id INTEGER PRIMARY KEY, x TEXT)"))
    for _ in range(commits):
        with engine.begin() as connection:
            rows = [{"x": "x" * 2000}] * 4
            connection.execute(text("INSERT INTO filler (x) VALUES (:x)"), rows)


def test_commits_leave_the_wal_to_the_job(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    assert pages == SQLITE_AUTOCHECKPOINT_PAGES
    # Past SQLite's default of 1,000 pages, no commit copied the WAL back on its own.
    _commit_many(engine, 600)
    checkpoint_wal(engine)
    log, copied = _wal_frames(engine)
    # Every frame since the first commit was still in the WAL for the job to copy: with
    # SQLite's default a commit would have copied and restarted it at 1,000.
    assert log == copied > 1000
    engine.dispose()


def test_a_checkpoint_with_nothing_to_copy_is_harmless(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    upgrade(engine)
    checkpoint_wal(engine)
    checkpoint_wal(engine)
    log, copied = _wal_frames(engine)
    assert log == copied
    engine.dispose()


def test_the_checkpoint_is_skipped_on_postgresql() -> None:
    # No server is contacted: the dialect alone decides.
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    checkpoint_wal(engine)
    engine.dispose()


def test_the_scheduler_checkpoints_every_second() -> None:
    calls: list[str] = []
    scheduler = start_scheduler(
        poll=lambda: None, poll_seconds=3600, checkpoint=lambda: calls.append("checkpoint")
    )
    try:
        job = scheduler.get_job("checkpoint")
        assert job is not None
        assert job.trigger.interval.total_seconds() == CHECKPOINT_SECONDS == 1.0
        assert job.max_instances == 1
    finally:
        scheduler.shutdown(wait=False)

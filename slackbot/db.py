"""Engine, sessions and migrations. Built once by the composition root, never at import."""

from __future__ import annotations

import math
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, PoolProxiedConnection, create_engine, event
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000
# SQLite's own checkpoint runs on the commit that takes the WAL past this many pages. The bot
# checkpoints every second off the request path (see `checkpoint_wal`); this only bounds the
# WAL (about 40 MB) for a process that does not, or if those checkpoints fall behind.
SQLITE_AUTOCHECKPOINT_PAGES = 10_000
BUSY_STEP_MS = 100
WRITE_OPTION = "slackbot_write"
BUSY_OPTION = "slackbot_busy_ms"
# Set on a session factory's `info`: at most this long waiting for the write lock, then give up.
WRITE_WAIT = "slackbot_write_wait"
_WRITE_LOCKS: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()

SessionFactory = sessionmaker[Session]
T = TypeVar("T")
W = TypeVar("W")  # what a transaction yields: a Session, or a driver


class WriteBusy(Exception):
    """The write lock stayed taken (another process writing) past the caller's wait: nothing
    was written, and nothing will be."""


def make_engine(url: str, *, pool_size: int = 16, max_overflow: int = 32) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        _serialise_sqlite_writers(engine)
        return engine
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_pre_ping=True,
        pool_timeout=10,
        # A server that does not answer fails the start (or a request) in seconds, not minutes.
        connect_args={"connect_timeout": 10},
    )


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # WAL lets readers proceed while the dispatcher writes; busy_timeout waits out short locks.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL is corruption-safe and skips an fsync per commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_AUTOCHECKPOINT_PAGES}")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see below).
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]


# Pays flat out (16 senders): `/interview log` p99 1.6 s, some refused as busy, without it.
def _serialise_sqlite_writers(engine: Engine) -> None:
    """Writers take SQLite's write lock up front (BEGIN IMMEDIATE), one thread at a time.

    SQLite lets one writer in at once and makes the others poll with growing sleeps, which is
    unfair: under a burst some threads starve for seconds. Queueing this process's writers on a
    lock (held until COMMIT has returned; see `transaction`) keeps every write prompt; the busy
    timeout still covers writers in other processes.
    """
    _WRITE_LOCKS[engine] = threading.Lock()

    def begin(connection: Connection) -> None:
        options = connection.get_execution_options()
        timeout_ms = int(options.get(BUSY_OPTION, SQLITE_BUSY_TIMEOUT_MS))
        begin_sqlite(connection.connection, timeout_ms, write=options.get(WRITE_OPTION, False))

    event.listen(engine, "begin", begin)


def begin_sqlite(connection: PoolProxiedConnection, timeout_ms: int, *, write: bool) -> None:
    """BEGIN (IMMEDIATE for a write) on a pooled SQLite connection, after setting its timeout.

    Each transaction names its timeout, since a connection goes back to the pool with whatever
    was set; the PRAGMA runs only when that is not what the connection has. Both go straight
    to the driver: through SQLAlchemy's execution they cost more than SQLite's own work.
    """
    kept = connection.info
    cursor = connection.cursor()
    statement = f"PRAGMA busy_timeout={timeout_ms}"
    try:
        if kept.get(BUSY_OPTION) != timeout_ms:
            cursor.execute(statement)
            kept[BUSY_OPTION] = timeout_ms
        statement = "BEGIN IMMEDIATE" if write else "BEGIN"
        cursor.execute(statement)
    except sqlite3.Error as error:
        # As SQLAlchemy would have raised it ("database is locked" is an OperationalError).
        raise DBAPIError.instance(statement, None, error, sqlite3.Error) from error
    finally:
        cursor.close()


# Pays at 64 commits a second: with SQLite's default (the commit that takes the WAL past 1,000
# pages copies it back: two fsyncs under the write lock) commit p99 about 10 ms, 2 ms with this
# job (bench/wal_checkpoints); `/interview log` paced p99 44 / 22 ms -> 14 / 19 ms
# (bench/command_latency, two runs each).
def checkpoint_wal(engine: Engine) -> None:
    """Copy what the WAL holds into the database file, without waiting for readers or writers.

    The sqlite3 module lets go of the GIL while SQLite works, so requests carry on meanwhile.
    """
    if engine.dialect.name != "sqlite":
        return
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        cursor.close()
    finally:
        connection.close()


def make_session_factory(engine: Engine, *, write_wait: float | None = None) -> SessionFactory:
    """Sessions on `engine`; with `write_wait`, a write that cannot start within that many
    seconds raises WriteBusy instead of waiting (requests must answer within Slack's 3 s)."""
    return sessionmaker(engine, expire_on_commit=False, info={WRITE_WAIT: write_wait})


@contextmanager
def write_slot(sessions: SessionFactory, *, at_most: float | None = None) -> Iterator[float | None]:
    """This process's turn to write through `sessions`: on SQLite, one writer at a time.

    Yields the deadline (a `time.monotonic()` value) by which the write must have started, or
    None when the factory sets no `write_wait`; raises WriteBusy when the turn did not come.
    """
    bind = sessions.kw.get("bind")
    lock = _WRITE_LOCKS.get(bind) if isinstance(bind, Engine) else None
    wait = (sessions.kw.get("info") or {}).get(WRITE_WAIT)
    if wait is not None and at_most is not None:
        wait = min(wait, at_most)
    deadline = None if wait is None else time.monotonic() + wait
    if lock is not None and not lock.acquire(timeout=-1 if wait is None else wait):
        raise WriteBusy
    try:
        yield deadline
    finally:
        if lock is not None:
            lock.release()


def busy_ms(deadline: float | None) -> int:
    """SQLite's busy timeout for a write that must start by `deadline` (None: no limit)."""
    return SQLITE_BUSY_TIMEOUT_MS if deadline is None else _busy_ms(deadline - time.monotonic())


@contextmanager
def transaction(sessions: SessionFactory, *, at_most: float | None = None) -> Iterator[Session]:
    """One short unit of work that writes: commit on success, roll back on any error.

    `at_most` shortens the factory's `write_wait` (if it has one) for a write that is only
    worth a brief wait.
    """
    with (
        write_slot(sessions, at_most=at_most) as deadline,
        sessions() as session,
        session.begin(),
    ):
        options: dict[str, object] = {WRITE_OPTION: True}
        if deadline is not None:
            options[BUSY_OPTION] = busy_ms(deadline)
        with locked_means_busy(deadline):
            session.connection(execution_options=options)
        yield session


@contextmanager
def locked_means_busy(deadline: float | None) -> Iterator[None]:
    """Starting a write with a deadline: SQLite's "database is locked" raises WriteBusy."""
    try:
        yield
    except OperationalError as error:
        if deadline is not None and "locked" in str(error.orig):
            raise WriteBusy from None
        raise


def _busy_ms(seconds_left: float) -> int:
    # Up to the next tenth of a second: a write that took the lock at once asks for the same
    # timeout as the last one, so the connection needs no new PRAGMA (see `begin` above).
    return max(BUSY_STEP_MS, math.ceil(seconds_left * 1000 / BUSY_STEP_MS) * BUSY_STEP_MS)


def retrying(sessions: SessionFactory, work: Callable[[Session], T], *, attempts: int = 3) -> T:
    """Run `work` in a transaction, again if a concurrent writer took the same unique value
    (two quick `/interview log`s by one user both picking the next short number)."""
    return retried(lambda: transaction(sessions), work, attempts=attempts)


def retried(
    begin: Callable[[], AbstractContextManager[W]], work: Callable[[W], T], *, attempts: int
) -> T:
    """`work` in the transaction `begin` opens, begun afresh when it hits a unique constraint."""
    for attempt in range(attempts):
        try:
            with begin() as within:
                return work(within)
        except IntegrityError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Apply every migration; safe to run from any working directory and from many processes."""
    command.upgrade(alembic_config(engine), "head")


def all_migrations() -> list[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return [rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()]


def pending_migrations(engine: Engine) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(engine))
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    heads = set(script.get_heads())
    if current == heads:
        return []
    return [rev.revision for rev in script.walk_revisions() if rev.revision not in current]

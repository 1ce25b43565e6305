"""What a SQLite commit costs when the WAL is copied back by the committer, and when by a job.

SQLite's default copies the WAL into the database file on the commit that takes it past 1,000
pages; the bot sets that limit to 10,000 pages and runs `checkpoint_wal` every second from its
scheduler instead. Both are measured on the bot's own engine (`make_engine`: WAL, synchronous
NORMAL) in a temporary file: `--commits` transactions of eight rows about the size of an
interview's, one every 1/`--rate` seconds (64/s by default, the paced load of
`bench/command_latency`), each COMMIT timed on its own.

Run: `python -m bench.wal_checkpoints [--commits 1000] [--rate 64]`.
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import Engine, event, text

from slackbot.db import checkpoint_wal, make_engine
from slackbot.scheduler import CHECKPOINT_SECONDS

SQLITE_DEFAULT_PAGES = 1000


def row() -> dict[str, str]:
    # Random keys, as ids and names are: index pages take inserts all over, not at one end.
    return {"a": secrets.token_hex(16), "b": secrets.token_hex(16), "c": "c" * 200}


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def engine_in(directory: Path, *, sqlite_default: bool) -> Engine:
    engine = make_engine(f"sqlite:///{directory / 'bench.db'}")
    if sqlite_default:

        def default_checkpoints(dbapi_connection: object, _record: object) -> None:
            cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
            cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_DEFAULT_PAGES}")
            cursor.close()

        event.listen(engine, "connect", default_checkpoints)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT)"))
        connection.execute(text("CREATE INDEX t_a ON t (a)"))
        connection.execute(text("CREATE INDEX t_b ON t (b)"))
    return engine


def commit_times(engine: Engine, *, commits: int, rate: float) -> list[float]:
    """Milliseconds each COMMIT took, the transactions due at `rate` a second."""
    insert = text("INSERT INTO t (a, b, c) VALUES (:a, :b, :c)")
    first = time.monotonic()
    times = []
    for n in range(commits):
        wait = first + n / rate - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        with engine.connect() as connection:
            connection.execute(insert, [row() for _ in range(8)])
            started = time.perf_counter()
            connection.commit()
            times.append((time.perf_counter() - started) * 1000)
    return times


def run(*, sqlite_default: bool, commits: int, rate: float) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = engine_in(Path(tmp), sqlite_default=sqlite_default)
        stop = threading.Event()

        def job() -> None:
            while not stop.wait(CHECKPOINT_SECONDS):
                checkpoint_wal(engine)

        checkpointer = threading.Thread(target=job, daemon=True)
        if not sqlite_default:
            checkpointer.start()
        try:
            return commit_times(engine, commits=commits, rate=rate)
        finally:
            stop.set()
            if checkpointer.is_alive():
                checkpointer.join()
            engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=64)
    args = parser.parse_args()
    print(f"{args.commits} commits of 8 rows, {args.rate:.0f} a second")
    for name, sqlite_default in (
        ("checkpoint on commit (SQLite)", True),
        ("checkpoint job (the bot)", False),
    ):
        ms = run(sqlite_default=sqlite_default, commits=args.commits, rate=args.rate)
        slow = sum(1 for m in ms if m > 2)
        print(
            f"{name:<30} commit p50={statistics.median(ms):5.2f} ms  "
            f"p99={percentile(ms, 99):5.2f} ms  max={max(ms):6.2f} ms  over 2 ms: {slow}",
            flush=True,
        )


if __name__ == "__main__":
    main()

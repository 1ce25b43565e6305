"""What one dispatcher poll costs when nothing (or a handful) is due, as the prompts table grows.

The table grows through `--sizes` (1k, 100k, 1M rows by default). Filler rows are written with
SQLAlchemy Core bulk inserts in chunks of 50k: one interview per 100 prompts (so foreign keys
hold), 90% of prompts sent (due and sent in the past year), 10% pending and due in the future
(up to 90 days ahead). At each size 5 users get an interview whose thank-you is due now (as
the bot would log them, zone at midday so day hours never defer). Measured at each size:

- seeding time (printed apart from the measurements);
- one `dispatcher.poll()` delivering those 5 due prompts (stand-in at 0 latency);
- `--repeat` (20) `dispatcher.claim(now)` calls and as many `poll()` calls with nothing due,
  their median, min and max;
- the query plan of the SELECT claim() runs (captured as emitted): SQLite's EXPLAIN QUERY PLAN,
  or PostgreSQL's EXPLAIN (ANALYZE, BUFFERS). The plan should search ix_prompts_status_due,
  which keeps the cost flat as the table grows.

PostgreSQL runs `ANALYZE prompts` after seeding each size, as autovacuum would after such a
load; SQLite gets no ANALYZE, as the bot never runs one.

With --database-url (PostgreSQL), the benchmark works in a schema of its own that it creates
and drops; still, point it at a database of its own, not one tests run in.

Run: `python -m bench.poll_cost [--sizes 1000,100000,1000000] [--repeat 20]
[--database-url URL]`, URL being e.g. postgresql+psycopg://postgres@127.0.0.1:5432/bench.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, event, func, insert, select, text

from bench.dispatch_throughput import (
    TEAM,
    bench_database,
    bench_settings,
    describe,
    seed_due_interviews,
)
from slackbot.clock import system_clock
from slackbot.db import make_engine, make_session_factory, upgrade
from slackbot.dispatch import Dispatcher
from slackbot.models import Interview, Prompt, PromptKind, PromptStatus
from slackbot.sandbox import FakeSlack
from slackbot.slack_client import dispatcher_client

FILLER_TEAM = "T0FILLER1"
PROMPTS_PER_INTERVIEW = 100
INTERVIEWS_PER_USER = 4
CHUNK = 50_000
DUE_NOW = 5
KINDS = tuple(PromptKind)


@dataclass
class Filler:
    """How much filler is in the database so far."""

    interviews: int = 0
    prompts: int = 0


def seed_filler(engine: Engine, count: int, filler: Filler, *, now: datetime) -> None:
    """Add `count` prompts (and their interviews) that are not due: sent, or due later."""
    rng = random.Random(filler.prompts)  # reproducible filler
    interviews_table, prompts_table = Interview.__table__, Prompt.__table__
    remaining = count
    while remaining:
        size = min(CHUNK, remaining)
        first = filler.interviews
        wanted = -(-size // PROMPTS_PER_INTERVIEW)
        interview_rows = []
        for n in range(first, first + wanted):
            starts = now - timedelta(days=rng.uniform(1, 365))
            interview_rows.append(
                {
                    "team_id": FILLER_TEAM,
                    "user_id": f"U0FILL{n // INTERVIEWS_PER_USER:07d}",
                    "number": n % INTERVIEWS_PER_USER + 1,
                    "company": f"Company {n % 977}",
                    "role": "Engineer",
                    "starts_at": starts,
                    "length_minutes": 60,
                    "revision": 1,
                    "created_at": starts - timedelta(days=2),
                    "updated_at": starts,
                }
            )
        with engine.begin() as connection:
            before = connection.scalar(select(func.coalesce(func.max(interviews_table.c.id), 0)))
            connection.execute(insert(interviews_table), interview_rows)
            owners = connection.execute(
                select(interviews_table.c.id, interviews_table.c.user_id)
                .where(interviews_table.c.team_id == FILLER_TEAM, interviews_table.c.id > before)
                .order_by(interviews_table.c.id)
            ).all()
            prompt_rows = [
                _filler_prompt(rng, owners[i // PROMPTS_PER_INTERVIEW], i, now) for i in range(size)
            ]
            connection.execute(insert(prompts_table), prompt_rows)
        filler.interviews += wanted
        filler.prompts += size
        remaining -= size


def _filler_prompt(rng: random.Random, owner: Any, index: int, now: datetime) -> dict[str, object]:
    interview_id, user_id = owner
    row: dict[str, object] = {
        "team_id": FILLER_TEAM,
        "user_id": user_id,
        "interview_id": interview_id,
        "kind": KINDS[index % len(KINDS)],
        "lease_until": None,
        "lease_owner": None,
        "channel_id": None,
        "message_ts": None,
        "interview_revision": None,
        "sent_at": None,
        "last_error": None,
    }
    if index % 10:  # 90%: sent some time in the past year
        due = now - timedelta(seconds=rng.uniform(3_600, 365 * 86_400))
        sent = due + timedelta(seconds=rng.uniform(0.2, 30))
        row |= {
            "due_at": due,
            "status": PromptStatus.SENT,
            "attempts": 1,
            "channel_id": "D" + user_id[1:],
            "message_ts": f"{int(sent.timestamp())}.{index % 1_000_000:06d}",
            "interview_revision": 1,
            "sent_at": sent,
            "created_at": due - timedelta(days=1),
        }
    else:  # 10%: pending, due within the next 90 days
        row |= {
            "due_at": now + timedelta(seconds=rng.uniform(3_600, 90 * 86_400)),
            "status": PromptStatus.PENDING,
            "attempts": 0,
            "created_at": now - timedelta(days=rng.uniform(0, 30)),
        }
    return row


@contextmanager
def capture_claim_select(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """The SELECTs on prompts that run while inside the block, with their parameters."""
    seen: list[tuple[str, Any]] = []

    def listen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM prompts" in statement:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listen)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listen)


def query_plan(engine: Engine, statement: str, parameters: Any) -> list[str]:
    """The plan for one statement claim() ran; PostgreSQL's is executed (ANALYZE)."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            return [str(row[-1]) for row in rows]
        explain = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + statement
        lines = [str(row[0]) for row in connection.exec_driver_sql(explain, parameters)]
        connection.rollback()  # the SELECT ... FOR UPDATE locked nothing, but be tidy
        return lines


def timings(call: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def spread(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples):7.2f} ms  "
        f"min {min(samples):7.2f}  max {max(samples):7.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000,100000,1000000",
        help="comma-separated numbers of stored prompts to measure at, ascending",
    )
    parser.add_argument("--repeat", type=int, default=20, help="claim()/poll() calls to time")
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite in a temp dir)")
    args = parser.parse_args()
    sizes = sorted(int(size.replace("_", "")) for size in args.sizes.split(","))

    fake = FakeSlack(team_id=TEAM, tokens=("xoxb-bench",), latency=0.0)
    fake.start()
    try:
        with bench_database(args.database_url) as database_url:
            engine = make_engine(database_url)
            try:
                upgrade(engine)
                run(engine, fake, sizes, database_url=database_url, repeat=args.repeat)
            finally:
                engine.dispose()
    finally:
        fake.stop()


def run(
    engine: Engine, fake: FakeSlack, sizes: list[int], *, database_url: str, repeat: int
) -> None:
    sessions = make_session_factory(engine)
    sender = dispatcher_client(bench_settings(fake.base_url, database_url))
    dispatcher = Dispatcher(sessions=sessions, clock=system_clock, client_for=lambda _t: sender)
    filler = Filler()
    summary: list[str] = []
    print(f"database  {describe(engine)}", flush=True)
    try:
        for size in sizes:
            now = system_clock()
            start = time.perf_counter()
            seed_filler(engine, max(0, size - filler.prompts), filler, now=now)
            seeding = time.perf_counter() - start
            users = [f"U0DUE{size:08d}{n}" for n in range(DUE_NOW)]
            due = seed_due_interviews(engine, users, now=system_clock())
            if engine.dialect.name == "postgresql":
                with engine.begin() as connection:
                    connection.execute(text("ANALYZE prompts"))
                    connection.execute(text("ANALYZE interviews"))
            with sessions() as session:
                stored = session.scalar(select(func.count()).select_from(Prompt))
                counts = session.execute(
                    select(Prompt.status, func.count()).group_by(Prompt.status)
                )
                by_status = {status: number for status, number in counts}
            print(
                f"\n== {stored:,} stored prompts {by_status}\n"
                f"seeding   {filler.prompts:,} filler prompts in {filler.interviews:,} "
                f"interviews so far; this step {seeding:.1f} s",
                flush=True,
            )

            start = time.perf_counter()
            report = dispatcher.poll()
            delivering = (time.perf_counter() - start) * 1000
            if report.sent != len(due):
                raise SystemExit(f"expected {len(due)} sent, got {report}")
            print(f"poll()    delivering {report.sent} due: {delivering:.1f} ms")

            claims = timings(lambda: dispatcher.claim(system_clock()), repeat)
            polls = timings(dispatcher.poll, repeat)
            with capture_claim_select(engine) as seen:
                leftover = dispatcher.claim(system_clock())
            if leftover:
                raise SystemExit(f"claimed {leftover} with nothing due")
            print(f"claim()   nothing due, {repeat} calls: {spread(claims)}")
            print(f"poll()    nothing due, {repeat} calls: {spread(polls)}")
            for statement, parameters in seen[:1]:
                print("plan      " + " ".join(statement.split()))
                for line in query_plan(engine, statement, parameters):
                    print("          " + line)
            summary.append(
                f"{stored:>10,}  {seeding:8.1f}  {delivering:9.1f}  "
                f"{statistics.median(claims):9.2f}  {statistics.median(polls):9.2f}"
            )
    finally:
        dispatcher.stop()
    print("\n    stored  seed (s)  poll 5 due  claim p50  poll p50   (ms unless noted)")
    for line in summary:
        print(line)


if __name__ == "__main__":
    main()

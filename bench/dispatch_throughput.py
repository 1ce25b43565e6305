"""How fast one dispatcher delivers a burst of due prompts.

`--prompts` users (one interview each, 400 by default) are seeded so that each user's thank-you
prompt is due now and their zone makes it midday (day hours never defer). One in-process
`Dispatcher`, built as the runtime builds it (SQLite file in a temporary directory, or
PostgreSQL with --database-url; the dispatcher's Web API client), delivers them to the Slack
stand-in, which answers every Web API call after `--latency` seconds.

Measured: wall time from the start of `dispatcher.poll()` until it returns with every prompt
marked sent, prompts per second, per-prompt latency from the poll's start to the stand-in
recording the chat.postMessage and to the row's `sent_at`, and SQL statements run per prompt.
Each prompt must reach its user's DM exactly once (checked; the run fails otherwise).

The stand-in runs in this process by default, so its own CPU time competes with the
dispatcher's threads for the interpreter; `--stand-in-process` runs it in a child process, as
Slack would be (a different machine), to show how much of the time that accounts for.
The Home tab refresh the runtime does after each send (`after_send`) is left out: it is
debounced in the background and does not hold a dispatcher worker.

With --database-url (PostgreSQL), the benchmark works in a schema of its own that it creates
and drops; still, point it at a database of its own, not one tests run in.

Run: `python -m bench.dispatch_throughput [--prompts 400] [--latency 0.05] [--workers 16]
[--rounds 3] [--stand-in-process] [--database-url URL]`, URL being e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/bench.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url, select, text

from bench.stand_in import StandIn
from slackbot.budget import SharedBudget
from slackbot.clock import system_clock
from slackbot.config import Settings
from slackbot.db import make_engine, make_session_factory, transaction, upgrade
from slackbot.dispatch import METADATA_EVENT, Dispatcher
from slackbot.domain.interviewer_lists import InterviewerInput
from slackbot.domain.interviews import InterviewData, Owner, log_interview
from slackbot.domain.profiles import preferences, settings_for
from slackbot.models import Prompt, PromptStatus
from slackbot.pacing import rates
from slackbot.sandbox import FakeSlack
from slackbot.slack_client import dispatcher_client

TEAM = "T0BENCH01"
TOKEN = "xoxb-bench"


# -- shared with bench.poll_cost ---------------------------------------------------------------
def zone_at_noon(now: datetime) -> str:
    """A fixed-offset zone where it is around midday now, so day hours never defer a prompt."""
    offset = max(-12, min(14, 12 - now.hour))
    # Etc/GMT names have the sign inverted: Etc/GMT-3 is UTC+3.
    return "Etc/GMT" + (f"-{offset}" if offset > 0 else f"+{-offset}" if offset else "")


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


@contextmanager
def bench_database(database_url: str | None) -> Iterator[str]:
    """A database URL to benchmark against, empty, removed afterwards.

    SQLite: a file in a temporary directory. PostgreSQL: a fresh schema in the given database
    (first on the search path), dropped with everything in it at the end.
    """
    if database_url is None:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.db'}"
        return
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        raise SystemExit("--database-url must be a PostgreSQL URL (SQLite is the default)")
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        scoped = url.update_query_dict({"options": f"-csearch_path={schema}"})
        yield scoped.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def describe(engine: Engine) -> str:
    if engine.dialect.name == "sqlite":
        return "SQLite file (temporary directory)"
    url = engine.url
    return f"PostgreSQL {url.host}:{url.port}/{url.database} (a schema of its own)"


def bench_settings(api_url: str, database_url: str) -> Settings:
    env = {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": "bench-secret",
        "SLACK_API_URL": api_url,
        "DATABASE_URL": database_url,
    }
    return Settings.from_env(env)


def seed_due_interviews(
    engine: Engine, users: list[str], *, now: datetime, team: str = TEAM
) -> list[int]:
    """One interview per user that ended two hours ago: its thank-you is due now.

    Returns the ids of the due prompts (the interviews' later prompts are pending, due later).
    """
    sessions = make_session_factory(engine)
    zone = zone_at_noon(now)
    with transaction(sessions) as session:
        for user in users:
            settings = settings_for(session, team_id=team, user_id=user, now=now)
            settings.tz_override = zone
            settings.slack_tz_fetched_at = now
            data = InterviewData(
                company="Initrode",
                role="Data Engineer",
                starts_at=now - timedelta(hours=3),
                interviewers=(InterviewerInput("Maria Lopez"), InterviewerInput("Sanjay Rao")),
            )
            log_interview(session, Owner(team, user), data, prefs=preferences(settings), now=now)
    with sessions() as session:
        query = select(Prompt.id).where(
            Prompt.team_id == team,
            Prompt.user_id.in_(users),
            Prompt.status == PromptStatus.PENDING,
            Prompt.due_at <= now,
        )
        return list(session.scalars(query))


# -- what the stand-in saw ---------------------------------------------------------------------
@dataclass
class StandInRecord:
    posted_at: list[float]  # wall-clock time of each chat.postMessage the stand-in answered
    delivered: dict[int, int]  # prompt id -> DMs carrying it
    calls: dict[str, int]  # Web API method -> calls


def record_of(fake: FakeSlack, users: list[str]) -> StandInRecord:
    delivered: Counter[int] = Counter()
    for user in users:
        for message in fake.dm_messages(user):
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == METADATA_EVENT:
                delivered[int(metadata["event_payload"]["prompt_id"])] += 1
    return StandInRecord(
        posted_at=[call.at for call in fake.calls("chat.postMessage")],
        delivered=dict(delivered),
        calls=dict(Counter(call.method for call in fake.calls())),
    )


class StatementCounter:
    """Counts SQL statements an engine runs while enabled."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        self.enabled = False
        self._lock = threading.Lock()
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: object) -> None:
        if self.enabled:
            with self._lock:
                self.count += 1


# -- the benchmark -----------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=400, help="due prompts (one user each)")
    parser.add_argument("--latency", type=float, default=0.05, help="stand-in seconds per call")
    parser.add_argument("--workers", type=int, default=16, help="dispatcher send threads")
    parser.add_argument("--rounds", type=int, default=3, help="runs, each on a fresh database")
    parser.add_argument(
        "--stand-in-process", action="store_true", help="run the stand-in in a child process"
    )
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite in a temp dir)")
    args = parser.parse_args()

    totals = []
    for number in range(1, args.rounds + 1):
        print(f"-- round {number} of {args.rounds}", flush=True)
        totals.append(one_round(args))
    if len(totals) > 1:
        print(
            f"== {args.prompts} prompts, {args.workers} workers, "
            f"{args.latency * 1000:.0f} ms stand-in: total per round "
            + ", ".join(f"{t:.2f}" for t in totals)
            + f" s; median {statistics.median(totals):.2f} s "
            f"({args.prompts / statistics.median(totals):.1f} prompts/s)"
        )


def one_round(args: argparse.Namespace) -> float:
    """Seed, deliver and check on a fresh database and stand-in; returns poll seconds."""
    users = [f"U0DISP{n:05d}" for n in range(args.prompts)]
    stand_in = StandIn(
        team=TEAM,
        token=TOKEN,
        latency=args.latency,
        users=users,
        separate=args.stand_in_process,
        report=record_of,
    )
    try:
        with bench_database(args.database_url) as database_url:
            engine = make_engine(database_url)
            try:
                upgrade(engine)
                return run(engine, stand_in, database_url=database_url, args=args)
            finally:
                engine.dispose()
    finally:
        stand_in.stop()


def run(engine: Engine, stand_in: StandIn, *, database_url: str, args: argparse.Namespace) -> float:
    users = stand_in.users
    started = time.perf_counter()
    due = seed_due_interviews(engine, users, now=system_clock())
    print(f"database          {describe(engine)}")
    print(
        f"seeded            {len(users)} users, {len(due)} due prompts "
        f"in {time.perf_counter() - started:.2f} s"
    )
    if len(due) != len(users):
        raise SystemExit(f"expected {len(users)} due prompts, seeded {len(due)}")

    sessions = make_session_factory(engine)
    settings = bench_settings(stand_in.base_url, database_url)
    sender = dispatcher_client(settings)
    # This stand-in never says no: a budget far above any burst measures the dispatcher
    # itself (bench.paced_delivery measures delivery at Slack's limits).
    unpaced = replace(settings, posts_per_minute=1e9)
    dispatcher = Dispatcher(
        sessions=sessions,
        clock=system_clock,
        client_for=lambda _team: sender,
        budget=SharedBudget(sessions, rates(unpaced)),
        workers=args.workers,
    )
    statements = StatementCounter(engine)
    try:
        statements.enabled = True
        wall_start = time.time()
        start = time.perf_counter()
        report = dispatcher.poll()
        elapsed = time.perf_counter() - start
        statements.enabled = False
    finally:
        dispatcher.stop()

    with sessions() as session:
        rows = session.execute(select(Prompt.status, Prompt.sent_at).where(Prompt.id.in_(due)))
        marked = [(status, sent_at) for status, sent_at in rows]
    record: StandInRecord = stand_in.report()
    not_sent = [status for status, _ in marked if status != PromptStatus.SENT]
    duplicates = {pid: n for pid, n in record.delivered.items() if n != 1}
    posted = [(at - wall_start) * 1000 for at in record.posted_at]
    recorded = [(at.timestamp() - wall_start) * 1000 for _, at in marked if at is not None]
    where = "child process" if args.stand_in_process else "this process"

    print(f"prompts           {len(due)}")
    print(f"workers           {args.workers} (batch {dispatcher.batch})")
    print(f"stand-in latency  {args.latency * 1000:.0f} ms per Web API call ({where})")
    print(
        f"poll report       claimed={report.claimed} sent={report.sent} "
        f"deferred={report.deferred} skipped={report.skipped} failed={report.failed} "
        f"retried={report.retried}"
    )
    print(f"total             {elapsed:.2f} s (poll start -> every prompt marked sent)")
    print(f"throughput        {len(due) / elapsed:.1f} prompts/s")
    if posted:
        print(
            f"posted after      p50={statistics.median(posted):6.0f} ms  "
            f"p99={percentile(posted, 99):6.0f} ms  max={max(posted):6.0f} ms  "
            "(poll start -> stand-in records chat.postMessage)"
        )
    if recorded:
        print(
            f"marked sent after p50={statistics.median(recorded):6.0f} ms  "
            f"p99={percentile(recorded, 99):6.0f} ms  max={max(recorded):6.0f} ms  "
            "(poll start -> sent_at)"
        )
    print(f"SQL statements    {statements.count} ({statements.count / len(due):.1f} per prompt)")
    print(f"Web API calls     {record.calls}")
    exactly_once = set(record.delivered) == set(due) and not duplicates
    print(
        f"DMs               {sum(record.delivered.values())} for {len(due)} prompts; "
        f"each exactly once: {'yes' if exactly_once else 'NO'}"
    )
    if not exactly_once or not_sent:
        missing = sorted(set(due) - set(record.delivered))[:10]
        raise SystemExit(
            f"delivery incomplete: {len(not_sent)} not marked sent, missing DMs for {missing}, "
            f"duplicates {dict(list(duplicates.items())[:10])}"
        )
    return elapsed


if __name__ == "__main__":
    main()

"""How fast one dispatcher delivers a burst of due prompts.

400 users (one interview each) are seeded so that each user's thank-you prompt is due now and
their zone makes it midday (day hours never defer). One in-process `Dispatcher`, built as the
runtime builds it (SQLite file in a temporary directory, or PostgreSQL with --database-url, and
the dispatcher's Web API client), delivers them to the Slack stand-in, which answers every Web
API call after `--latency` seconds. Measured: wall time from the start of `dispatcher.poll()`
until it returns with every prompt marked sent, prompts per second, and per-prompt latency from
the poll's start to the stand-in recording the chat.postMessage, and to the row's `sent_at`.
Each prompt must reach its user's DM exactly once.

The home-tab refresh the runtime runs after each send (`after_send`) is left out: it is
debounced in the background and does not hold a dispatcher worker.

With --database-url (PostgreSQL), the benchmark works in a schema of its own that it creates
and drops; still, point it at a database of its own, not one tests run in.

Run: `python -m bench.dispatch_throughput [--prompts 400] [--latency 0.05] [--workers 16]
[--database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench]`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url, select, text

from slackbot.clock import system_clock
from slackbot.config import Settings
from slackbot.db import make_engine, make_session_factory, transaction, upgrade
from slackbot.dispatch import METADATA_EVENT, Dispatcher
from slackbot.domain.interviews import InterviewData, Owner, log_interview
from slackbot.domain.parsing import InterviewerInput
from slackbot.domain.profiles import preferences, settings_for
from slackbot.models import Prompt, PromptKind, PromptStatus
from slackbot.sandbox import FakeSlack
from slackbot.slack_client import dispatcher_client

TEAM = "T0BENCH01"
TOKEN = "xoxb-bench"


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
    (put first on the search path), dropped with everything in it at the end.
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
    return f"PostgreSQL {url.host}:{url.port}/{url.database} (own schema)"


def settings_for_bench(fake: FakeSlack, database_url: str) -> Settings:
    env = {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": "bench-secret",
        "SLACK_API_URL": fake.base_url,
        "DATABASE_URL": database_url,
    }
    return Settings.from_env(env)


def seed_due_interviews(engine: Engine, users: list[str], *, now: datetime) -> list[int]:
    """One interview per user that ended two hours ago: its thank-you is due now."""
    sessions = make_session_factory(engine)
    zone = zone_at_noon(now)
    with transaction(sessions) as session:
        for user in users:
            settings = settings_for(session, team_id=TEAM, user_id=user, now=now)
            settings.tz_override = zone
            settings.slack_tz_fetched_at = now
            data = InterviewData(
                company="Initrode",
                role="Data Engineer",
                starts_at=now - timedelta(hours=3),
                interviewers=(InterviewerInput("Maria Lopez"), InterviewerInput("Sanjay Rao")),
            )
            log_interview(session, Owner(TEAM, user), data, prefs=preferences(settings), now=now)
    with sessions() as session:
        query = select(Prompt.id).where(
            Prompt.user_id.in_(users),
            Prompt.status == PromptStatus.PENDING,
            Prompt.due_at <= now,
        )
        return list(session.scalars(query))


def delivered(fake: FakeSlack, users: list[str]) -> Counter[int]:
    """How many times each prompt id reached a DM."""
    counts: Counter[int] = Counter()
    for user in users:
        for message in fake.dm_messages(user):
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == METADATA_EVENT:
                counts[int(metadata["event_payload"]["prompt_id"])] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=400, help="due prompts (one user each)")
    parser.add_argument("--latency", type=float, default=0.05, help="stand-in seconds per call")
    parser.add_argument("--workers", type=int, default=16, help="dispatcher send threads")
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite in a temp dir)")
    args = parser.parse_args()

    fake = FakeSlack(team_id=TEAM, tokens=(TOKEN,), latency=args.latency)
    fake.start()
    users = [f"U0DISP{n:05d}" for n in range(args.prompts)]
    for user in users:
        fake.add_user(user, tz="America/Chicago")
    try:
        with bench_database(args.database_url) as database_url:
            engine = make_engine(database_url)
            try:
                upgrade(engine)
                run(engine, fake, users, database_url=database_url, args=args)
            finally:
                engine.dispose()
    finally:
        fake.stop()


def run(
    engine: Engine,
    fake: FakeSlack,
    users: list[str],
    *,
    database_url: str,
    args: argparse.Namespace,
) -> None:
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
    sender = dispatcher_client(settings_for_bench(fake, database_url))
    dispatcher = Dispatcher(
        sessions=sessions,
        clock=system_clock,
        client_for=lambda _team: sender,
        workers=args.workers,
    )
    try:
        wall_start = time.time()
        start = time.perf_counter()
        report = dispatcher.poll()
        elapsed = time.perf_counter() - start
    finally:
        dispatcher.stop()

    with sessions() as session:
        rows = session.execute(
            select(Prompt.status, Prompt.sent_at).where(Prompt.id.in_(due))
        ).all()
        leftover = session.scalar(
            select(Prompt.id).where(
                Prompt.status.in_((PromptStatus.PENDING, PromptStatus.SENDING)),
                Prompt.kind == PromptKind.THANK_YOU,
            )
        )
    not_sent = [status for status, _ in rows if status != PromptStatus.SENT]
    counts = delivered(fake, users)
    duplicates = {pid: n for pid, n in counts.items() if n != 1}
    posted = [(c.at - wall_start) * 1000 for c in fake.calls("chat.postMessage")]
    recorded = [(at.timestamp() - wall_start) * 1000 for _, at in rows if at is not None]

    print(f"prompts           {len(due)}")
    print(f"workers           {args.workers} (batch {dispatcher.batch})")
    print(f"stand-in latency  {args.latency * 1000:.0f} ms per Web API call")
    print(
        f"poll report       claimed={report.claimed} sent={report.sent} "
        f"deferred={report.deferred} skipped={report.skipped} failed={report.failed} "
        f"retried={report.retried}"
    )
    print(f"total             {elapsed:.2f} s (poll start -> every prompt marked sent)")
    print(f"throughput        {len(due) / elapsed:.1f} prompts/s")
    if posted:
        print(
            f"posted after      p50={statistics.median(posted):7.0f} ms  "
            f"p99={percentile(posted, 99):7.0f} ms  max={max(posted):7.0f} ms  "
            f"(poll start -> chat.postMessage recorded by the stand-in)"
        )
    if recorded:
        print(
            f"marked sent after p50={statistics.median(recorded):7.0f} ms  "
            f"p99={percentile(recorded, 99):7.0f} ms  max={max(recorded):7.0f} ms  "
            f"(poll start -> sent_at)"
        )
    web_calls = Counter(c.method for c in fake.calls())
    print(f"Web API calls     {dict(web_calls)}")
    exactly_once = set(counts) == set(due) and not duplicates
    print(
        f"DMs               {sum(counts.values())} for {len(due)} prompts; "
        f"exactly once: {'yes' if exactly_once else 'NO'}"
    )
    if not exactly_once or not_sent or leftover is not None:
        missing = sorted(set(due) - set(counts))[:10]
        raise SystemExit(
            f"delivery incomplete: {len(not_sent)} not marked sent, missing DMs for {missing}, "
            f"duplicates {dict(list(duplicates.items())[:10])}"
        )


if __name__ == "__main__":
    main()

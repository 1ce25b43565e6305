"""The CPU one request's own work costs its thread, back to back and paced, in process.

`log`: what `/interview log <line>` does (parse the line, record the delivery key, insert the
interview, its people and prompts, build the reply, commit). `list`: what `/interview list`
does for a user with 25 open interviews (read them with their people and prompts, build the
reply). `home`: the Home view the bot publishes for that user. On a SQLite file, timed with the
thread's own CPU clock so waiting is not counted. Back to back it runs with warm CPU caches;
paced at `--rate` it runs after an idle gap, as every request in `bench.command_latency`'s
paced rows does, and each request there pays that difference (the ack-only floor too). A fixed
arithmetic loop, run both ways, is the control: it costs the same paced, so what the paced rows
add is the CPU's caches gone cold in the gap, and it grows with how much code and data a
request touches.

Run: `python -m bench.request_cost [--requests 800] [--rate 64] [--work log list home]`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from slackbot.blocks.interviews import build_list, build_logged
from slackbot.db import SessionFactory, make_engine, make_session_factory, upgrade
from slackbot.domain.interviews import InterviewData, Owner
from slackbot.domain.log_line import parse_log_text
from slackbot.domain.new_interviews import log_interview
from slackbot.domain.profiles import default_settings, preferences
from slackbot.domain.prompts import next_pending
from slackbot.domain.redeliveries import delivery_key, seen_before
from slackbot.domain.snapshots import load_interviews
from slackbot.driver_sql import Driver, retrying_on_driver
from slackbot.interactions.home_tab import home_view
from slackbot.services import Services

WORK = ("log", "list", "home")
USERS = 64
INTERVIEWS_EACH = 25
LINE = "Initrode | Data Engineer | tomorrow 10:00 | Maria Lopez (Director), Sanjay Rao"
TEAM = "T0BENCH01"
ZONE = ZoneInfo("America/New_York")


def one_log(sessions: SessionFactory, n: int) -> float:
    """One log, as `/interview log <line>` does it; returns the thread CPU seconds it took."""
    now = datetime.now(UTC)
    owner = Owner(TEAM, f"U0BENCH{n % USERS:03d}")
    prefs = preferences(default_settings(team_id=TEAM, user_id=owner.user_id, now=now))
    started = time.thread_time()
    parsed = parse_log_text(LINE, now=now, zone=ZONE)
    data = InterviewData(
        company=parsed.company,
        role=parsed.role,
        starts_at=parsed.starts_at,
        interviewers=parsed.interviewers,
    )
    key = delivery_key("command", f"trigger-{n}")

    def log(driver: Driver) -> object:
        seen_before(driver, key=key, team_id=TEAM, now=now)
        interview = log_interview(driver, owner, data, prefs=prefs, now=now)
        return build_logged(interview, zone=ZONE, first=next_pending(interview), now=now)

    retrying_on_driver(sessions, log)
    return time.thread_time() - started


def listing(services: Services, n: int) -> float:
    """One `/interview list`'s read and reply; returns the thread CPU seconds it took."""
    owner = Owner(TEAM, f"U0BENCH{n % USERS:03d}")
    started = time.thread_time()
    with services.reading() as driver:
        interviews = load_interviews(driver, owner, open_only=True)
        upcoming = {i.id: next_pending(i) for i in interviews}
        build_list(interviews, zone=ZONE, next_prompts=upcoming)
    return time.thread_time() - started


def home(services: Services, n: int) -> float:
    """One Home view built, as each publish builds it."""
    owner = Owner(TEAM, f"U0BENCH{n % USERS:03d}")
    started = time.thread_time()
    home_view(services, owner)
    return time.thread_time() - started


def arithmetic(_n: int) -> float:
    """A control: the same fixed loop of arithmetic (no memory to speak of) each time, so a
    paced row that costs more than the back-to-back one is not the CPU's clock slowing down."""
    started = time.thread_time()
    total = 0
    for i in range(12_000):
        total += i * i
    return time.thread_time() - started


def row(name: str, run: Callable[[int], float], requests: int, gap: float) -> None:
    samples = []
    for n in range(requests):
        samples.append(run(n) * 1000)
        if gap:
            time.sleep(gap)
    print(
        f"{name:<40} median {statistics.median(samples):5.2f} ms  "
        f"mean {statistics.mean(samples):5.2f} ms of thread CPU",
        flush=True,
    )


def rows(name: str, run: Callable[[int], float], args: argparse.Namespace) -> None:
    """The work back to back and paced, on one thread and taking turns on 16."""
    pool = ThreadPoolExecutor(max_workers=16)

    def pooled(n: int) -> float:
        return pool.submit(run, n).result()

    row(f"{name}: warm-up", run, 200, 0)
    row(f"{name}: back to back, one thread", run, args.requests, 0)
    row(f"{name}: back to back, 16 threads", pooled, args.requests, 0)
    row(f"{name}: paced at {args.rate:.0f}/s, one thread", run, args.requests, 1 / args.rate)
    row(f"{name}: paced at {args.rate:.0f}/s, 16 threads", pooled, args.requests, 1 / args.rate)
    pool.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--rate", type=float, default=64)
    parser.add_argument("--work", nargs="+", choices=WORK, default=WORK)
    args = parser.parse_args()
    row("control: fixed arithmetic, back to back", arithmetic, args.requests, 0)
    row(f"control: fixed arithmetic, {args.rate:.0f}/s", arithmetic, args.requests, 1 / args.rate)
    with tempfile.TemporaryDirectory() as tmp:
        if "log" in args.work:
            with database(Path(tmp) / "logs.db") as sessions:
                count = iter(range(10**9))
                rows("log", lambda _n: one_log(sessions, next(count)), args)
        with database(Path(tmp) / "readers.db") as sessions:
            for n in range(USERS * INTERVIEWS_EACH):
                one_log(sessions, n)
            services = Services(sessions=sessions, clock=lambda: datetime.now(UTC))
            for work, run in (("list", listing), ("home", home)):
                if work in args.work:
                    rows(work, partial(run, services), args)


@contextmanager
def database(path: Path) -> Iterator[SessionFactory]:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    yield make_session_factory(engine, write_wait=2.5)
    engine.dispose()


if __name__ == "__main__":
    main()

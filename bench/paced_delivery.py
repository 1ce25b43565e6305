"""Delivery at Slack's limits: 2,000 prompts due at once across 4 workspaces.

The workspaces hold 1,000, 334, 333 and 333 due prompts (one user each, so Slack's per-DM
rate never binds). The stand-in enforces Slack's limits per workspace (chat.postMessage 500 a
minute with 3 s of burst, 1 a second per DM, the tiers) and answers 429 with Retry-After; the
bot paces at its default budget (SLACK_POSTS_PER_MINUTE=480). `--scale` multiplies both, to
shorten a run.

Scenarios (`--scenario`, all by default):
- limits: one dispatcher delivers everything. Printed: total time against the minimum the
  stand-in's limits allow (the busiest workspace's (n - burst) / rate), prompts lost and
  doubled, and the share of Web API calls answered 429.
- outage: the same, with the 1,000-prompt workspace answering 429 to every call for its first
  30 s. Printed: each other workspace's last prompt against its own minimum.
- two-processes: two dispatcher processes on one PostgreSQL (`--database-url`). Printed: the
  same totals, and each workspace's busiest minute against its budget.

Every prompt must reach its DM exactly once (the run fails otherwise).

Run: `python -m bench.paced_delivery [--scenario limits|outage|two-processes]
[--scale 1] [--latency 0.02] [--database-url postgresql+psycopg://postgres@127.0.0.1/bench]`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, select

from bench.dispatch_throughput import bench_database, describe, seed_due_interviews
from slackbot.budget import SharedBudget
from slackbot.clock import system_clock
from slackbot.config import Settings
from slackbot.db import make_engine, make_session_factory, upgrade
from slackbot.dispatch import METADATA_EVENT, Dispatcher
from slackbot.models import Prompt, PromptStatus
from slackbot.pacing import rates
from slackbot.sandbox import FakeSlack
from slackbot.sandbox.limits import POST, Limiter, SlackLimits
from slackbot.slack_client import dispatcher_client

WORKSPACES = {"T0BIG0001": 1000, "T0MID0002": 334, "T0MID0003": 333, "T0MID0004": 333}
SLACK_POSTS_PER_MINUTE = 500  # what Slack allows (teams sending at scale report about this)
BOT_POSTS_PER_MINUTE = 480  # the bot's default budget
OUTAGE_SECONDS = 30.0
REFUSED = "T0BIG0001"  # the workspace refused in the outage scenario
TARGET = 1.15


def token_of(team: str) -> str:
    return f"xoxb-{team.lower()}"


def users_of(team: str, count: int) -> list[str]:
    return [f"U{team[-4:]}{n:05d}" for n in range(count)]


def bot_settings(api_url: str, database_url: str, scale: float) -> Settings:
    env = {
        "SLACK_BOT_TOKEN": "xoxb-unused",
        "SLACK_SIGNING_SECRET": "bench-secret",
        "SLACK_API_URL": api_url,
        "DATABASE_URL": database_url,
        "SLACK_POSTS_PER_MINUTE": str(BOT_POSTS_PER_MINUTE * scale),
        "SLACK_TIER3_PER_MINUTE": str(50 * scale),
        "SLACK_TIER4_PER_MINUTE": str(100 * scale),
    }
    return Settings.from_env(env)


def dispatcher_for(engine: Engine, settings: Settings) -> Dispatcher:
    """A dispatcher as the runtime builds one, with a client per workspace."""
    clients = {team: dispatcher_client(settings, token=token_of(team)) for team in WORKSPACES}
    sessions = make_session_factory(engine)
    return Dispatcher(
        sessions=sessions,
        clock=system_clock,
        client_for=clients.get,
        budget=SharedBudget(sessions, rates(settings)),
    )


def stand_in(latency: float, limits: SlackLimits) -> FakeSlack:
    fake = FakeSlack(team_id="T0NOBODY1", tokens=(), latency=latency)
    for team, count in WORKSPACES.items():
        fake.tokens.add(token_of(team))
        fake.token_teams[token_of(team)] = team
        for user in users_of(team, count):
            fake.add_user(user)
    fake.limits = Limiter(limits)
    fake.start()
    return fake


@dataclass
class Outcome:
    seconds: float
    last_post: dict[str, float]  # workspace -> seconds from the start to its last post
    lost: int
    doubled: int
    calls: int
    refused: int


def minimum(limits: SlackLimits, count: int) -> float:
    """The least time `count` posts take from a full bucket at the stand-in's limit."""
    rate = limits.posts_per_minute / 60
    return max(count - limits.burst(POST, rate), 0) / rate


def outcome(fake: FakeSlack, due: dict[str, list[int]], started: float) -> Outcome:
    assert fake.limits is not None
    delivered: Counter[int] = Counter()
    for team, count in WORKSPACES.items():
        for user in users_of(team, count):
            for message in fake.dm_messages(user):
                metadata = message.get("metadata") or {}
                if metadata.get("event_type") == METADATA_EVENT:
                    delivered[int(metadata["event_payload"]["prompt_id"])] += 1
    expected = {prompt for prompts in due.values() for prompt in prompts}
    posts = fake.limits.posts_by_team()
    last = {team: max(posts.get(team, [started])) - started for team in WORKSPACES}
    return Outcome(
        seconds=max(last.values()),
        last_post=last,
        lost=len(expected - set(delivered)),
        doubled=sum(1 for n in delivered.values() if n > 1),
        calls=len(fake.calls()),
        refused=sum(fake.limits.refused.values()),
    )


def busiest_minute(times: list[float], window: float = 60.0) -> int:
    ordered, most, start = sorted(times), 0, 0
    for end, at in enumerate(ordered):
        while at - ordered[start] >= window:
            start += 1
        most = max(most, end - start + 1)
    return most


def report(name: str, result: Outcome, limits: SlackLimits, *, outage: bool = False) -> bool:
    """Print the figures; a refused workspace's minimum starts when its outage ends."""
    delay = {team: OUTAGE_SECONDS if outage and team == REFUSED else 0.0 for team in WORKSPACES}
    floor = max(delay[team] + minimum(limits, count) for team, count in WORKSPACES.items())
    share = result.refused / max(result.calls, 1)
    print(f"-- {name}")
    print(
        f"total             {result.seconds:.1f} s; minimum the limits allow {floor:.1f} s "
        f"({result.seconds / floor:.3f}x, target <= {TARGET}x)"
    )
    print(f"lost / doubled    {result.lost} / {result.doubled}")
    print(f"429s              {result.refused} of {result.calls} Web API calls ({share:.2%})")
    for team, seconds in result.last_post.items():
        own = delay[team] + minimum(limits, WORKSPACES[team])
        print(
            f"  {team}  {WORKSPACES[team]:5d} prompts, last at {seconds:6.1f} s; its own "
            f"minimum {own:6.1f} s ({seconds / own:.3f}x)"
        )
    return result.lost == 0 and result.doubled == 0


@dataclass
class Run:
    fake: FakeSlack
    limiter: Limiter
    engine: Engine
    database_url: str
    due: dict[str, list[int]]
    started: float  # the stand-in's clock when delivery began


@contextmanager
def seeded_run(args: argparse.Namespace, limits: SlackLimits) -> Iterator[Run]:
    """A limiting stand-in and a fresh database with every prompt due; both gone afterwards."""
    fake = stand_in(args.latency, limits)
    assert fake.limits is not None
    try:
        with bench_database(args.database_url) as database_url:
            engine = make_engine(database_url)
            try:
                upgrade(engine)
                due = seed(engine)
                yield Run(fake, fake.limits, engine, database_url, due, fake.limits.clock())
                check_marked(engine, due)
            finally:
                engine.dispose()
    finally:
        fake.stop()


def one_process(args: argparse.Namespace, limits: SlackLimits, *, outage: bool) -> bool:
    with seeded_run(args, limits) as run:
        settings = bot_settings(run.fake.base_url, run.database_url, args.scale)
        dispatcher = dispatcher_for(run.engine, settings)
        if outage:
            run.limiter.refuse_all(REFUSED, seconds=OUTAGE_SECONDS)
        try:
            dispatcher.poll()
        finally:
            dispatcher.stop()
    name = "outage (30 s of 429s in T0BIG0001)" if outage else "limits"
    result = outcome(run.fake, run.due, run.started)
    return report(f"{name}, {describe(run.engine)}", result, limits, outage=outage)


def two_processes(args: argparse.Namespace, limits: SlackLimits) -> bool:
    if not args.database_url:
        raise SystemExit("two-processes needs --database-url (PostgreSQL)")
    with seeded_run(args, limits) as run:
        command = [sys.executable, "-m", "bench.paced_delivery", "--worker"]
        command += [run.database_url, run.fake.base_url, str(args.scale)]
        workers = [subprocess.Popen(command, stdout=subprocess.PIPE) for _ in range(2)]
        reports = [json.loads(worker.communicate()[0] or b"{}") for worker in workers]
    ok = report(
        f"two processes, {describe(run.engine)}", outcome(run.fake, run.due, run.started), limits
    )
    print(f"sent per process  {[r.get('sent') for r in reports]}")
    budget = BOT_POSTS_PER_MINUTE * args.scale
    for team, times in sorted(run.limiter.posts_by_team().items()):
        print(
            f"  {team}  busiest minute {busiest_minute(times)} posts (bot budget "
            f"{budget:.0f} a minute, Slack's limit {limits.posts_per_minute:.0f})"
        )
    return ok


def worker(database_url: str, api_url: str, scale: float) -> None:
    """One of the two processes: deliver until nothing is due, print the poll report."""
    engine = make_engine(database_url)
    dispatcher = dispatcher_for(engine, bot_settings(api_url, database_url, scale))
    try:
        result = dispatcher.poll()
    finally:
        dispatcher.stop()
        engine.dispose()
    print(json.dumps({"sent": result.sent, "retried": result.retried}))


def seed(engine: Engine) -> dict[str, list[int]]:
    started = time.perf_counter()
    now = system_clock()
    due = {
        team: seed_due_interviews(engine, users_of(team, count), now=now, team=team)
        for team, count in WORKSPACES.items()
    }
    total = sum(len(prompts) for prompts in due.values())
    print(f"seeded            {total} due prompts in {time.perf_counter() - started:.1f} s")
    return due


def check_marked(engine: Engine, due: dict[str, list[int]]) -> None:
    ids = [prompt for prompts in due.values() for prompt in prompts]
    with make_session_factory(engine)() as session:
        statuses = Counter(session.scalars(select(Prompt.status).where(Prompt.id.in_(ids))))
    if statuses != Counter({PromptStatus.SENT: len(ids)}):
        raise SystemExit(f"not every prompt was marked sent: {dict(statuses)}")


def main() -> None:
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2], sys.argv[3], float(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", choices=("limits", "outage", "two-processes", "all"))
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every rate by this")
    parser.add_argument("--latency", type=float, default=0.02, help="stand-in seconds per call")
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite in a temp dir)")
    args = parser.parse_args()
    scale = args.scale
    limits = SlackLimits(
        posts_per_minute=SLACK_POSTS_PER_MINUTE * scale,
        channel_posts_per_second=1.0 * scale,
        tier3_per_minute=50 * scale,
        tier4_per_minute=100 * scale,
    )
    scenarios = [args.scenario] if args.scenario not in (None, "all") else ["limits", "outage"]
    if args.scenario in (None, "all") and args.database_url:
        scenarios.append("two-processes")
    ok = True
    for scenario in scenarios:
        if scenario == "two-processes":
            ok = two_processes(args, limits) and ok
        else:
            ok = one_process(args, limits, outage=scenario == "outage") and ok
    if not ok:
        raise SystemExit("a prompt was lost or doubled")


if __name__ == "__main__":
    main()

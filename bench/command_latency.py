"""How long until a user sees the reply to `/interview list` and `/interview log`, under load.

The bot runs as it does in production (`python -m slackbot`, its own process, SQLite in a
temporary directory); the Slack stand-in answers its Web API calls from a child process (Slack
is elsewhere: its work must not delay the senders). 16 concurrent senders post
signed slash commands (bench/lean_sender.py: one kept-alive connection each, so the senders'
own work stays well under the floor) and time each until its reply arrives (the reply is the
acknowledgement).
The same load against a Bolt app that only acks (`bench/ack_only_app.py`), served the same way,
gives the floor; both are measured in the same run.

It runs twice: closed loop (each sender sends again the moment it has its reply, so the server
is saturated and latency is mostly queueing behind other requests' CPU time), then paced:
requests are due at a steady rate (`--rate`, 64 requests/s by default, well above what one
workspace sends), evenly spaced rather than in lockstep bursts, and each is timed from when it
was due, so a sender that falls behind shows up in the figures. The paced rows take turns, a
quarter of their requests at a time (`--rounds`), so a slow spell of the machine falls on the
floor and the bot alike; the last lines give each bot row's p99 over the floor's (both floor
rows together). Server CPU per request (user + system, including work done after the reply,
such as Home publishes) is reported for both loads.

Run: `python -m bench.command_latency [--requests 800] [--senders 16] [--rate 64] [--rounds 4]`.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.lean_sender import LeanSender
from bench.stand_in import StandIn
from slackbot.interactions.home_tab import OFF_SCREEN_DELAY_SECONDS

REPO = Path(__file__).resolve().parents[1]
SECRET = "bench-secret"
TOKEN = "xoxb-bench"
TEAM = "T0BENCH01"
LOG = "log Initrode | Data Engineer | tomorrow 10:00 | Maria Lopez (Director), Sanjay Rao"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(module: str, *, slack_url: str, workdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack_url,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}",
        "PORT": str(port),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(REPO),
    }
    process = subprocess.Popen([sys.executable, "-m", module], cwd=workdir, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1):
                return process, base + "/slack/events"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{module} did not start")


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def measure(send: Callable[[int], float], *, requests: int, senders: int) -> list[float]:
    with ThreadPoolExecutor(max_workers=senders) as pool:
        return list(pool.map(send, range(requests)))


def timed(
    sender: LeanSender, text: str, users: list[str], *, rate: float | None = None
) -> Callable[[int], float]:
    """One request. With `rate`, request n is due `n / rate` seconds after the first and is
    timed from then (not from when a sender got to it)."""
    first_due = time.monotonic() + 0.1

    def send(n: int) -> float:
        due = time.monotonic() if rate is None else first_due + n / rate
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        status, body = sender.command(users[n % len(users)], text)
        assert status == 200, (status, body)
        return time.monotonic() - due

    return send


def cpu_seconds(pid: int) -> float:
    """CPU time the server process has used (Linux), to show the cost of one request."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(pid: int, *, quiet: float = 0.002, longest: float = 15.0) -> None:
    """Wait until the server is idle: the work it does after acknowledging (Home publishes, up
    to OFF_SCREEN_DELAY_SECONDS later) is counted in this row and does not slow the next one."""
    window = OFF_SCREEN_DELAY_SECONDS + 0.5
    deadline = time.monotonic() + longest
    while time.monotonic() < deadline:
        before = cpu_seconds(pid)
        time.sleep(window)
        if cpu_seconds(pid) - before <= quiet:
            return


def run_row(process: subprocess.Popen[bytes], run: Callable[[], list[float]]) -> Row:
    before = cpu_seconds(process.pid)
    samples = run()
    settle(process.pid)
    return Row([s * 1000 for s in samples], cpu_seconds(process.pid) - before)


class Row:
    """One row's reply times (ms) and the server CPU (s) they cost, over one or more runs."""

    def __init__(self, ms: list[float] | None = None, cpu: float = 0.0) -> None:
        self.ms, self.cpu = ms or [], cpu

    def add(self, other: Row) -> None:
        self.ms += other.ms
        self.cpu += other.cpu

    @property
    def p99(self) -> float:
        return percentile(self.ms, 99)

    def show(self, name: str) -> None:
        print(
            f"{name:<28} n={len(self.ms):<5} p50={statistics.median(self.ms):7.1f} ms  "
            f"p99={self.p99:7.1f} ms  max={max(self.ms):7.1f} ms  "
            f"server CPU {self.cpu / len(self.ms) * 1000:5.2f} ms/request",
            flush=True,
        )


def paced(rows: list[tuple[str, Any, LeanSender, str]], users: list[str], args: Any) -> None:
    """Each row's requests in `--rounds` parts, the rows taking turns, so that each sees the
    same machine (a busy neighbour, a slow minute) and the floor is compared like for like."""
    print(f"paced: {args.rate:.0f} requests/s, evenly spaced, in {args.rounds} turns a row")
    totals = {name: Row() for name, *_ in rows}
    part = {"requests": args.requests // args.rounds, "senders": args.senders}
    for _ in range(args.rounds):
        for name, process, sender, text in rows:
            send = timed(sender, text, users, rate=args.rate)
            totals[name].add(run_row(process, lambda send=send: measure(send, **part)))
    for name, row in totals.items():
        row.show(name)
    floor = Row()
    for name, row in totals.items():
        if name.startswith("ack-only"):
            floor.add(row)
    for name, row in totals.items():
        if not name.startswith("ack-only"):
            print(f"{name:<28} p99 {row.p99 / floor.p99:4.2f}x the floor's (both floor rows)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--senders", type=int, default=16)
    parser.add_argument(
        "--rate", type=float, default=64, help="requests per second in the paced run"
    )
    parser.add_argument(
        "--only", choices=("closed", "paced"), help="run one of the two loads, not both"
    )
    parser.add_argument("--rounds", type=int, default=4, help="turns each paced row takes")
    args = parser.parse_args()
    users = [f"U0BENCH{n:03d}" for n in range(args.senders * 4)]
    # In a child process, as Slack is elsewhere: its work must not delay the senders.
    stand_in = StandIn(team=TEAM, token=TOKEN, latency=0.0, users=users, separate=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            bot, bot_url = start("slackbot", slack_url=stand_in.base_url, workdir=Path(tmp))
            try:
                floor, floor_url = start(
                    "bench.ack_only_app", slack_url=stand_in.base_url, workdir=Path(tmp)
                )
            except RuntimeError:
                bot.kill()
                raise
            try:
                slack = {"team_id": TEAM, "slack_url": stand_in.base_url}
                bot_sender = LeanSender(bot_url, SECRET, **slack)
                floor_sender = LeanSender(floor_url, SECRET, **slack)
                run = {"requests": args.requests, "senders": args.senders}
                # Warm up: first-request costs (auth.test, users.info, connections, the date
                # parser's data for a first log).
                measure(timed(bot_sender, "list", users), requests=len(users), senders=args.senders)
                measure(timed(bot_sender, LOG, users), requests=args.senders, senders=args.senders)
                measure(timed(floor_sender, "list", users), requests=50, senders=args.senders)
                settle(bot.pid)
                print(f"{args.senders} concurrent senders, {args.requests} requests a row")
                rows = [
                    ("ack-only Bolt app (floor)", floor, floor_sender, "x"),
                    ("/interview list", bot, bot_sender, "list"),
                    ("/interview log (text)", bot, bot_sender, LOG),
                    ("/interview list (after logs)", bot, bot_sender, "list"),
                    ("ack-only Bolt app (again)", floor, floor_sender, "x"),
                ]
                if args.only != "paced":
                    print(
                        "closed loop: every sender sends again as soon as it has its reply"
                        " (saturation)"
                    )
                    for name, process, sender, text in rows:
                        send = timed(sender, text, users)
                        run_row(process, lambda send=send: measure(send, **run)).show(name)
                if args.only == "closed":
                    return
                # Taking turns, every list after the first turn reads a store the logs grew.
                paced([row for row in rows if row[0] != "/interview list"], users, args)
            finally:
                for process in (bot, floor):
                    process.terminate()
                    process.wait(timeout=20)
    finally:
        stand_in.stop()


if __name__ == "__main__":
    main()

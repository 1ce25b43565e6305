"""How long until a user sees the reply to `/interview list` and `/interview log`, under load.

The bot runs as it does in production (`python -m slackbot`, its own process, SQLite in a
temporary directory); the Slack stand-in answers its Web API calls from a child process (Slack
is elsewhere: its work must not delay the senders). 16 concurrent senders post
signed slash commands and time each until its reply arrives (the reply is the acknowledgement).
The same load against a Bolt app that only acks (`bench/ack_only_app.py`), served the same way,
gives the floor; both are measured in the same run.

It runs twice: closed loop (each sender sends again the moment it has its reply, so the server
is saturated and latency is mostly queueing behind other requests' CPU time), then paced:
requests are due at a steady rate (`--rate`, 64 requests/s by default, well above what one
workspace sends), evenly spaced rather than in lockstep bursts, and each is timed from when it
was due, so a sender that falls behind shows up in the figures. Server CPU per request
(user + system, including work done after the reply, such as Home publishes) is reported for
both.

Run: `python -m bench.command_latency [--requests 800] [--senders 16] [--rate 64]`.
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

from bench.stand_in import StandIn
from slackbot.interactions.home_tab import OFF_SCREEN_DELAY_SECONDS
from slackbot.sandbox import SlackSender

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
    sender: SlackSender, text: str, users: list[str], *, rate: float | None = None
) -> Callable[[int], float]:
    """One request. With `rate`, request n is due `n / rate` seconds after the first and is
    timed from then (not from when a sender got to it)."""
    first_due = time.monotonic() + 0.1

    def send(n: int) -> float:
        due = time.monotonic() if rate is None else first_due + n / rate
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        reply = sender.command(users[n % len(users)], text)
        assert reply.status == 200, (reply.status, reply.body)
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


def report(name: str, process: subprocess.Popen[bytes], run: Callable[[], list[float]]) -> None:
    before = cpu_seconds(process.pid)
    samples = run()
    settle(process.pid)
    cpu = (cpu_seconds(process.pid) - before) / len(samples) * 1000
    ms = [s * 1000 for s in samples]
    print(
        f"{name:<28} n={len(ms):<5} p50={statistics.median(ms):7.1f} ms  "
        f"p99={percentile(ms, 99):7.1f} ms  max={max(ms):7.1f} ms  "
        f"server CPU {cpu:5.2f} ms/request",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--senders", type=int, default=16)
    parser.add_argument(
        "--rate", type=float, default=64, help="requests per second in the paced run"
    )
    args = parser.parse_args()
    users = [f"U0BENCH{n:03d}" for n in range(args.senders * 4)]
    # In a child process, as Slack is elsewhere: its work must not delay the senders.
    stand_in = StandIn(team=TEAM, token=TOKEN, latency=0.0, users=users, separate=True)
    fake = stand_in.for_sender()
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
                bot_sender = SlackSender(bot_url, SECRET, fake=fake)
                floor_sender = SlackSender(floor_url, SECRET, fake=fake)
                run = {"requests": args.requests, "senders": args.senders}
                # Warm up: first-request costs (auth.test, users.info, connections).
                measure(timed(bot_sender, "list", users), requests=len(users), senders=args.senders)
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
                print(
                    "closed loop: every sender sends again as soon as it has its reply (saturation)"
                )
                for name, process, sender, text in rows:
                    send = timed(sender, text, users)
                    report(name, process, lambda send=send: measure(send, **run))
                print(f"paced: {args.rate:.0f} requests/s, evenly spaced")
                for name, process, sender, text in rows:
                    send = timed(sender, text, users, rate=args.rate)
                    report(name, process, lambda send=send: measure(send, **run))
            finally:
                for process in (bot, floor):
                    process.terminate()
                    process.wait(timeout=20)
    finally:
        stand_in.stop()


if __name__ == "__main__":
    main()

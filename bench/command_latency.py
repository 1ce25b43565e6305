"""How long until a user sees the reply to `/interview list` and `/interview log`, under load.

16 concurrent senders post signed slash commands to the real app over HTTP (SQLite in a temporary
directory, the Slack stand-in for the Web API). The same load against a Bolt app that only acks,
served by the same server, gives the floor. Run: `python -m bench.command_latency`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from slack_bolt import Ack, App

from slackbot.clock import system_clock
from slackbot.config import Settings
from slackbot.runtime import Runtime
from slackbot.sandbox import FakeSlack, SlackSender
from slackbot.server import HttpServer, build_wsgi

SECRET = "bench-secret"
TOKEN = "xoxb-bench"
LOG = "log Initrode | Data Engineer | tomorrow 10:00 | Maria Lopez (Director), Sanjay Rao"


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def measure(send: Callable[[int], float], *, requests: int, senders: int) -> list[float]:
    with ThreadPoolExecutor(max_workers=senders) as pool:
        return list(pool.map(send, range(requests)))


def ack_only_server(fake: FakeSlack) -> tuple[HttpServer, str]:
    app = App(signing_secret=SECRET, token=TOKEN, token_verification_enabled=False)
    app.client.base_url = fake.base_url

    def handle(ack: Ack) -> None:
        ack(text="ok")

    app.command("/interview")(handle)
    server = HttpServer(build_wsgi(app, lambda: (True, {})), host="127.0.0.1", port=0)
    threading.Thread(target=server.serve, daemon=True).start()
    return server, f"http://127.0.0.1:{server.port}/slack/events"


def report(name: str, samples: list[float]) -> None:
    ms = [s * 1000 for s in samples]
    print(
        f"{name:<28} n={len(ms):<5} p50={statistics.median(ms):7.1f} ms  "
        f"p99={percentile(ms, 99):7.1f} ms  max={max(ms):7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--senders", type=int, default=16)
    args = parser.parse_args()
    fake = FakeSlack(tokens=(TOKEN,))
    fake.start()
    users = [f"U0BENCH{n:03d}" for n in range(args.senders * 4)]
    for user in users:
        fake.add_user(user, tz="America/Chicago")
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(
            {
                "SLACK_BOT_TOKEN": TOKEN,
                "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_URL": fake.base_url,
                "DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.db'}",
                "LOG_LEVEL": "WARNING",
            }
        )
        runtime = Runtime(settings, clock=system_clock, host="127.0.0.1", port=0)
        runtime.start(schedule=False)
        bot = SlackSender(runtime.url + "/slack/events", SECRET, fake=fake)
        floor_server, floor_url = ack_only_server(fake)
        floor = SlackSender(floor_url, SECRET, fake=fake)

        def timed(sender: SlackSender, text: str) -> Callable[[int], float]:
            def send(n: int) -> float:
                reply = sender.command(users[n % len(users)], text)
                assert reply.status == 200, (reply.status, reply.body)
                return reply.elapsed

            return send

        # Warm up both (first-request costs: auth.test, users.info, connection set-up).
        measure(timed(bot, "list"), requests=len(users), senders=args.senders)
        measure(timed(floor, "list"), requests=50, senders=args.senders)
        print(f"{args.senders} concurrent senders, {args.requests} requests each row")
        report(
            "ack-only Bolt app (floor)",
            measure(timed(floor, "list"), requests=args.requests, senders=args.senders),
        )
        report(
            "/interview list",
            measure(timed(bot, "list"), requests=args.requests, senders=args.senders),
        )
        report(
            "/interview log (text)",
            measure(timed(bot, LOG), requests=args.requests, senders=args.senders),
        )
        report(
            "ack-only Bolt app (again)",
            measure(timed(floor, "list"), requests=args.requests, senders=args.senders),
        )
        floor_server.close()
        runtime.stop()
    fake.stop()


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"total {time.perf_counter() - started:.1f} s")

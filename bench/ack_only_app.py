"""The floor: a Bolt app whose `/interview` only acks, served exactly like the bot.

Served the same way means the same server, request guard and hand-back of the ack
(slackbot/bolt_acks.py) as the bot: what is left between the two is the bot's own work.
"""

from __future__ import annotations

import os

from slack_bolt import Ack, App
from slack_sdk import WebClient

from slackbot.app import LISTENER_THREADS
from slackbot.bolt_acks import AckWaitingExecutor, await_ack
from slackbot.server import HttpServer, build_wsgi


def handle(ack: Ack) -> None:
    ack(text="ok")


def main() -> None:
    client = WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    app = App(
        client=client,
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
        token_verification_enabled=False,
        listener_executor=AckWaitingExecutor(max_workers=LISTENER_THREADS),
    )
    app.middleware(await_ack)
    app.command("/interview")(handle)
    server = HttpServer(
        build_wsgi(
            app,
            lambda: (True, {"ok": True}),
            signing_secret=os.environ["SLACK_SIGNING_SECRET"],
        ),
        host="127.0.0.1",
        port=int(os.environ["PORT"]),
    )
    server.serve()


if __name__ == "__main__":
    main()

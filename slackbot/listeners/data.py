"""`/interview stats`, `export` and `forget`."""

from __future__ import annotations

from slack_bolt import App

from slackbot.blocks.interviews import build_plain_reply
from slackbot.listeners.context import Reply, Request


def register(app: App) -> None:
    return None


def stats_command(request: Request) -> Reply:
    return build_plain_reply("Stats are not available yet.")


def export_command(request: Request) -> Reply:
    return build_plain_reply("Export is not available yet.")


def forget_command(request: Request) -> Reply:
    return build_plain_reply("Forget is not available yet.")

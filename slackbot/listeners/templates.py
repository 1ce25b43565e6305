"""`/interview templates`, `/interview template …`, sharing, saving and the message shortcut."""

from __future__ import annotations

from slack_bolt import App

from slackbot.blocks.interviews import build_plain_reply
from slackbot.listeners.context import Reply, Request


def register(app: App) -> None:
    return None


def templates_command(request: Request) -> Reply:
    return build_plain_reply("Templates are not available yet.")


def template_command(request: Request) -> Reply:
    return build_plain_reply("Templates are not available yet.")

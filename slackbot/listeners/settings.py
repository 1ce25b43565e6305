"""`/interview settings` and the settings modal."""

from __future__ import annotations

from slack_bolt import App

from slackbot.blocks.interviews import build_plain_reply
from slackbot.listeners.context import Reply, Request


def register(app: App) -> None:
    return None


def settings_command(request: Request) -> Reply:
    return build_plain_reply("Settings are not available yet.")

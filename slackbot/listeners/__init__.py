"""Slack listeners. Each module exposes register(app)."""

from slack_bolt import App

from slackbot.listeners import commands


def register(app: App) -> None:
    commands.register(app)

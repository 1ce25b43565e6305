"""`/interview` and its subcommands."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from slackbot.blocks.help import build_help

COMMAND = "/interview"


def register(app: App) -> None:
    app.command(COMMAND)(handle_interview)


def handle_interview(ack: Ack, command: dict[str, Any]) -> None:
    subcommand, _, _rest = (command.get("text") or "").strip().partition(" ")
    name = subcommand.lower()
    if name in ("", "help"):
        ack(**build_help())
        return
    ack(**build_help(unknown=subcommand))

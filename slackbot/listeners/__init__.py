"""Slack listeners. Each module exposes register(app)."""

from slack_bolt import App

from slackbot.listeners import (
    commands,
    data,
    drafts,
    home,
    interview_actions,
    invites,
    messages,
    prompt_actions,
    settings,
    templates,
    undo,
    uninstall,
    views,
)


def register(app: App) -> None:
    commands.register(app)
    views.register(app)
    interview_actions.register(app)
    prompt_actions.register(app)
    invites.register(app)
    messages.register(app)
    drafts.register(app)
    templates.register(app)
    settings.register(app)
    data.register(app)
    home.register(app)
    uninstall.register(app)
    undo.register(app)

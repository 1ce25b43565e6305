"""Slack listeners. Each module exposes register(app)."""

from slack_bolt import App

from slackbot.listeners import (
    commands,
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
    your_data,
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
    your_data.register(app)
    home.register(app)
    uninstall.register(app)
    undo.register(app)

"""Slack listeners. Each module registers its own with `register(app)`; modules that answer
`/interview` subcommands list them in `SUBCOMMANDS`, which the command listener is given.

A listener module never imports another: what several share lives in `slackbot.interactions`.
"""

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
    template_commands,
    templates,
    undo,
    uninstall,
    views,
    your_data,
)


def register(app: App) -> None:
    more = {**template_commands.SUBCOMMANDS, **settings.SUBCOMMANDS, **your_data.SUBCOMMANDS}
    commands.register(app, more)
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

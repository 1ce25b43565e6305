"""The App Home tab: published on app_home_opened and whenever the user's data changes."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient

from slackbot.domain.interviews import Owner
from slackbot.services import Services


def register(app: App) -> None:
    return None


def refresh_home(client: WebClient, services: Services, owner: Owner) -> None:
    """Republish the user's Home tab after their data changed (best effort)."""
    return None

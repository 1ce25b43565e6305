"""Who is acting: their workspace and user id, their settings, and `now`, read once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import BoltContext
from slack_sdk import WebClient

from slackbot.domain.cadence import Preferences
from slackbot.domain.interviews import Owner
from slackbot.domain.profiles import preferences, signature_name, zone_of
from slackbot.models import UserSettings
from slackbot.profiles_edge import current_settings
from slackbot.services import Services


@dataclass(frozen=True)
class Actor:
    """The acting user, with their settings, at the moment the request arrived."""

    owner: Owner
    services: Services
    client: WebClient
    now: datetime
    settings: UserSettings

    @property
    def prefs(self) -> Preferences:
        return preferences(self.settings)

    @property
    def zone(self) -> ZoneInfo:
        return zone_of(self.settings)

    @property
    def my_name(self) -> str:
        """How the user signs a note."""
        return signature_name(self.settings)


def owner_from(body: dict[str, Any]) -> Owner:
    """Workspace and user from any payload shape: command, interaction, or event."""
    user = body.get("user")
    if isinstance(user, dict):
        team = (body.get("team") or {}).get("id") or user.get("team_id")
        return Owner(team_id=str(team), user_id=str(user["id"]))
    event = body.get("event") or {}
    team = body.get("team_id") or event.get("team")
    user_id = body.get("user_id") or event.get("user")
    return Owner(team_id=str(team), user_id=str(user_id))


def actor_for(body: dict[str, Any], context: BoltContext, client: WebClient) -> Actor:
    services: Services = context["services"]
    owner = owner_from(body)
    now = services.clock()
    settings = current_settings(client, services, owner, now)
    return Actor(owner=owner, services=services, client=client, now=now, settings=settings)

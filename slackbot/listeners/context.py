"""What every listener needs: who is acting, the services, and `now` read once."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from slackbot.domain.cadence import Preferences
from slackbot.domain.interviews import Owner
from slackbot.domain.profiles import preferences, zone_of
from slackbot.models import UserSettings
from slackbot.profiles_edge import current_settings
from slackbot.services import Services
from slackbot.view_seal import sealed_metadata


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


logger = logging.getLogger(__name__)

Reply = dict[str, Any] | None
_ID = re.compile(r"[0-9]{1,12}")


def payload_id(value: object) -> int | None:
    """An id from a payload or our own metadata; anything else is None (and matches nothing)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(value) if isinstance(value, str) and _ID.fullmatch(value) else None


@dataclass(frozen=True)
class Request:
    """One `/interview` subcommand: who sent it, the text after the subcommand, and how to ack."""

    actor: Actor
    args: str
    ack: Ack
    trigger_id: str
    response_url: str | None
    channel_id: str | None = None
    command: dict[str, Any] | None = None


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


@dataclass(frozen=True)
class Press:
    """A button press or menu choice, already acknowledged, and who made it."""

    actor: Actor
    body: dict[str, Any]
    action: dict[str, Any]
    respond: Respond

    @property
    def value(self) -> str:
        return str(self.action.get("value") or "")

    @property
    def value_id(self) -> int:
        """The id the button carries; -1 (which matches nothing) when it carries none."""
        found = payload_id(self.action.get("value"))
        return -1 if found is None else found


def on_press(handler: Callable[[Press], None]) -> Callable[..., None]:
    """A Bolt action listener that acknowledges at once, then runs `handler` for the actor."""

    def listener(
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: Respond,
        context: BoltContext,
        client: WebClient,
    ) -> None:
        ack()
        handler(Press(actor_for(body, context, client), body, action, respond))

    # Not functools.wraps: Bolt picks the arguments to pass from the listener's signature,
    # and wraps would make it read the handler's instead.
    listener.__name__ = handler.__name__
    listener.__doc__ = handler.__doc__
    return listener


def data_changed(actor: Actor, *, on_screen: bool = True) -> None:
    """The user's interviews or prompts changed: republish their Home tab.

    `on_screen=False` when the change was typed in a message composer (a slash command, a DM
    reply): Home is not on screen then, and can wait a little longer.
    """
    # Imported here: the Home listeners build on this module's Actor.
    from slackbot.listeners.home import refresh_home

    refresh_home(actor.client, actor.services, actor.owner, on_screen=on_screen)


def open_view(actor: Actor, trigger_id: str, view: dict[str, Any]) -> None:
    """Open a modal whose metadata is sealed for the actor: only they can submit it."""
    open_sealed(actor.client, actor.services, actor.owner, trigger_id=trigger_id, view=view)


def open_sealed(
    client: WebClient, services: Services, owner: Owner, *, trigger_id: str, view: dict[str, Any]
) -> None:
    sealed = services.view_seal.seal(view, owner)
    try:
        client.views_open(trigger_id=trigger_id, view=sealed)
    except SlackApiError as error:
        # Usually a trigger past its 3 seconds: the modal cannot open, and nothing was changed.
        logger.warning("views.open failed: %s", error.response.get("error"))


def update_view(actor: Actor, view_id: str, view: dict[str, Any]) -> None:
    """Replace an open modal, sealed like the one it replaces; raises SlackApiError when the
    modal was closed meanwhile."""
    actor.client.views_update(
        view_id=view_id, view=actor.services.view_seal.seal(view, actor.owner)
    )


def view_metadata(view: dict[str, Any]) -> dict[str, Any]:
    """Our own private_metadata back from a submitted view (its seal was checked on arrival)."""
    return sealed_metadata(view)

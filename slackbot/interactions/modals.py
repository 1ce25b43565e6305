"""Opening and updating modals, sealed for the actor: only they can submit what opens."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from slackbot.domain.interviews import Owner
from slackbot.interactions.actor import Actor
from slackbot.services import Services

logger = logging.getLogger(__name__)


def open_view(actor: Actor, trigger_id: str, view: dict[str, Any]) -> None:
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

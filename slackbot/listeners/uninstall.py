"""Uninstalling the app, or revoking its bot token, deletes that workspace's tokens and data."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext

from slackbot.db import transaction
from slackbot.domain.forget import forget_team
from slackbot.services import Services

logger = logging.getLogger(__name__)


def register(app: App) -> None:
    app.event("app_uninstalled")(_handler(app, revoked_bot=lambda _event: True))
    # Revoking only users' tokens leaves the bot installed: keep the data then.
    app.event("tokens_revoked")(_handler(app, revoked_bot=_bot_tokens_revoked))


def _bot_tokens_revoked(event: dict[str, Any]) -> bool:
    return bool((event.get("tokens") or {}).get("bot"))


def _handler(app: App, *, revoked_bot: Callable[[dict[str, Any]], bool]) -> Callable[..., None]:
    def handle_revocation(
        event: dict[str, Any], body: dict[str, Any], context: BoltContext
    ) -> None:
        team_id = body.get("team_id") or context.team_id
        if not team_id:
            return
        _delete_tokens(app, event, context)
        if not revoked_bot(event):
            logger.info("%s: only user tokens were revoked; data kept", event.get("type"))
            return
        services: Services = context["services"]
        with transaction(services.sessions) as session:
            deleted = forget_team(session, str(team_id))
        logger.info("%s: deleted the workspace's data (%d interviews)", event.get("type"), deleted)

    return handle_revocation


def _delete_tokens(app: App, event: dict[str, Any], context: BoltContext) -> None:
    """With OAuth (several workspaces), forget the stored installation the way Bolt would."""
    store = app.installation_store
    if store is None:
        return
    where = {"enterprise_id": context.enterprise_id, "team_id": context.team_id}
    if event.get("type") == "app_uninstalled":
        store.delete_all(**where)
        return
    for user_id in (event.get("tokens") or {}).get("oauth") or []:
        store.delete_installation(**where, user_id=user_id)
    if _bot_tokens_revoked(event):
        store.delete_bot(**where)

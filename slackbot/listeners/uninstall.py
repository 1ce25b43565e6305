"""Uninstalling the app, or revoking its bot token, deletes that workspace's tokens and data."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_bolt.listener.builtins import TokenRevocationListeners

from slackbot.db import transaction
from slackbot.domain.forget import forget_team
from slackbot.services import Services

logger = logging.getLogger(__name__)


def register(app: App) -> None:
    # With OAuth (several workspaces), Bolt's own listeners forget the stored tokens.
    store = app.installation_store
    tokens = TokenRevocationListeners(store) if store is not None else None

    def handle_app_uninstalled(body: dict[str, Any], context: BoltContext) -> None:
        if not _team_of(body, context):
            return
        if tokens is not None:
            tokens.handle_app_uninstalled_events(context)
        _forget(body, context, "app_uninstalled")

    def handle_tokens_revoked(
        event: dict[str, Any], body: dict[str, Any], context: BoltContext
    ) -> None:
        if not _team_of(body, context):
            return
        revoked = event.get("tokens") or {}
        if tokens is not None:
            # Bolt reads the lists as given: Slack's nulls become empty lists first.
            listed = {"oauth": revoked.get("oauth") or [], "bot": revoked.get("bot") or []}
            tokens.handle_tokens_revoked_events({**event, "tokens": listed}, context)
        # Revoking only users' tokens leaves the bot installed: keep the data then.
        if revoked.get("bot"):
            _forget(body, context, "tokens_revoked")
        else:
            logger.info("tokens_revoked: only user tokens were revoked; data kept")

    app.event("app_uninstalled")(handle_app_uninstalled)
    app.event("tokens_revoked")(handle_tokens_revoked)


def _team_of(body: dict[str, Any], context: BoltContext) -> str | None:
    team_id = body.get("team_id") or context.team_id
    return str(team_id) if team_id else None


def _forget(body: dict[str, Any], context: BoltContext, why: str) -> None:
    team_id = _team_of(body, context)
    if team_id is None:
        return
    services: Services = context["services"]
    with transaction(services.sessions) as session:
        deleted = forget_team(session, str(team_id))
    logger.info("%s: deleted the workspace's data (%d interviews)", why, deleted)

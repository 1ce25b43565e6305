"""Multi-workspace installs: slack-sdk's SQLAlchemy stores in the bot's own database."""

from __future__ import annotations

import logging
import threading

from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine

from slackbot.config import Settings
from slackbot.scopes import BOT_SCOPES
from slackbot.slack_client import dispatcher_client

logger = logging.getLogger(__name__)

STATE_EXPIRATION_SECONDS = 600
# Rotate a bot token this long before it expires (Slack's rotated tokens last 12 hours).
ROTATE_MINUTES_BEFORE = 120


class Installations:
    """Where each workspace's bot token lives, and how the dispatcher gets a fresh one."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        assert settings.client_id
        assert settings.client_secret
        self.settings = settings
        self.store = SQLAlchemyInstallationStore(client_id=settings.client_id, engine=engine)
        self.state_store = SQLAlchemyOAuthStateStore(
            expiration_seconds=STATE_EXPIRATION_SECONDS, engine=engine
        )
        self._rotator = TokenRotator(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            client=WebClient(base_url=settings.api_url, timeout=10),
        )
        self._lock = threading.Lock()

    def oauth_settings(self) -> OAuthSettings:
        return OAuthSettings(
            client_id=self.settings.client_id,
            client_secret=self.settings.client_secret,
            scopes=list(BOT_SCOPES),
            installation_store=self.store,
            state_store=self.state_store,
            token_rotation_expiration_minutes=ROTATE_MINUTES_BEFORE,
        )

    def client_for(self, team_id: str) -> WebClient | None:
        """A Web API client with this workspace's bot token, rotated first when it is due."""
        with self._lock:  # one rotation at a time: a refresh token is single-use
            bot = self.store.find_bot(enterprise_id=None, team_id=team_id)
            if bot is None or not bot.bot_token:
                return None
            if bot.bot_refresh_token:
                try:
                    rotated = self._rotator.perform_bot_token_rotation(
                        bot=bot, minutes_before_expiration=ROTATE_MINUTES_BEFORE
                    )
                except SlackClientError:
                    logger.warning("token rotation failed for team_id=%s", team_id)
                    rotated = None
                if rotated is not None:
                    self.store.save_bot(rotated)
                    bot = rotated
        return dispatcher_client(self.settings, token=bot.bot_token)

    def delete_workspace(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        self.store.delete_all(enterprise_id=enterprise_id, team_id=team_id)

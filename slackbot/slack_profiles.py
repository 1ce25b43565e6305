"""Reads a user's Slack profile (time zone, real name) when the cached copy is stale."""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import Table, bindparam, select
from sqlalchemy.exc import IntegrityError

from slackbot.db import SessionFactory, WriteBusy, transaction
from slackbot.domain.interviews import Owner
from slackbot.domain.profiles import (
    SlackProfile,
    default_settings,
    profile_is_stale,
    settings_for,
    store_profile,
)
from slackbot.driver_sql import Prepared, driver_reading
from slackbot.models import UserSettings
from slackbot.services import Services

logger = logging.getLogger(__name__)


# Profiles are read before a request is acknowledged: never wait out retries for them.
PROFILE_TIMEOUT_SECONDS = 1.5
# Nor long for the database: the request's own write still needs its turn within 3 s.
PROFILE_WRITE_WAIT_SECONDS = 0.3


def fetch_profile(client: WebClient, user_id: str) -> SlackProfile | None:
    quick = WebClient(
        token=client.token,
        base_url=client.base_url,
        # slack-sdk annotates whole seconds; urllib, underneath, takes a fraction too.
        timeout=PROFILE_TIMEOUT_SECONDS,  # type: ignore[arg-type]
        retry_handlers=[],
    )
    try:
        user = quick.users_info(user=user_id)["user"]
    except SlackApiError as error:
        logger.warning("users.info failed for a user: %s", error.response.get("error"))
        return None
    except (SlackClientError, OSError) as error:
        logger.warning("users.info did not answer in time: %s", type(error).__name__)
        return None
    profile = user.get("profile") or {}
    return SlackProfile(
        tz=user.get("tz"), real_name=user.get("real_name") or profile.get("real_name")
    )


def current_settings(
    client: WebClient, services: Services, owner: Owner, now: datetime
) -> UserSettings:
    """The user's settings, with Slack's time zone refreshed at most once a day."""
    settings = stored_settings(services.sessions, owner)
    if settings is not None and not profile_is_stale(settings, now):
        return settings
    return refresh_profile(client, services.sessions, owner, now)


def stored_settings(sessions: SessionFactory, owner: Owner) -> UserSettings | None:
    """The user's settings row, read on the driver: every request and Home publish needs it,
    and through the ORM it cost 1.4 ms paced at 64/s, 0.5 ms on the driver (so no cache pays:
    with one, `/interview log` and `list` measured the same). The copy is in no session;
    nothing writes through it."""
    with driver_reading(sessions) as driver:
        found = driver.records(_SETTINGS, {"team_id": owner.team_id, "user_id": owner.user_id})
    return UserSettings(**found[0]) if found else None


_SETTINGS_TABLE: Table = UserSettings.__table__  # type: ignore[assignment]
_SETTINGS = Prepared(
    select(*_SETTINGS_TABLE.c).where(
        _SETTINGS_TABLE.c.team_id == bindparam("team_id"),
        _SETTINGS_TABLE.c.user_id == bindparam("user_id"),
    )
)


def refresh_profile(
    client: WebClient, sessions: SessionFactory, owner: Owner, now: datetime
) -> UserSettings:
    """Read the user's Slack profile now and store it (creating their settings if need be)."""
    profile = fetch_profile(client, owner.user_id)
    try:
        with transaction(sessions, at_most=PROFILE_WRITE_WAIT_SECONDS) as session:
            settings = settings_for(session, team_id=owner.team_id, user_id=owner.user_id, now=now)
            if profile is not None:
                store_profile(settings, profile, now)
            return settings
    except WriteBusy:
        # Reads must not wait on a busy database: use what is known, store it another time.
        logger.info("settings not stored this time: the database is busy")
        return _unsaved(sessions, owner, profile, now)
    except IntegrityError:
        # A first request of this user's in another thread or process created the row first.
        return _unsaved(sessions, owner, profile, now)


def _unsaved(
    sessions: SessionFactory, owner: Owner, profile: SlackProfile | None, now: datetime
) -> UserSettings:
    settings = stored_settings(sessions, owner) or default_settings(
        team_id=owner.team_id, user_id=owner.user_id, now=now
    )
    if profile is not None:
        store_profile(settings, profile, now)
    return settings

"""Per-user settings: time zone, day hours and timing preferences, with Slack's profile cached."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from slackbot.domain.cadence import Preferences
from slackbot.domain.workdays import NO_COUNTRY, guess_country
from slackbot.models import UserSettings

# Slack's tz can change when someone travels; re-read it once a day.
PROFILE_MAX_AGE = timedelta(days=1)
FALLBACK_ZONE = "UTC"


@dataclass(frozen=True)
class SlackProfile:
    tz: str | None
    real_name: str | None


def settings_for(session: Session, *, team_id: str, user_id: str, now: datetime) -> UserSettings:
    """The user's settings row, created with defaults on first use."""
    settings = session.get(UserSettings, (team_id, user_id))
    if settings is None:
        settings = default_settings(team_id=team_id, user_id=user_id, now=now)
        session.add(settings)
        session.flush()
    return settings


def default_settings(*, team_id: str, user_id: str, now: datetime) -> UserSettings:
    """A user's settings before they change any (not added to a session)."""
    return UserSettings(
        team_id=team_id,
        user_id=user_id,
        day_start_minute=8 * 60,
        day_end_minute=21 * 60,
        follow_up_days=7,
        closure_days=7,
        weekend_prompts=False,
        created_at=now,
        updated_at=now,
    )


def profile_is_stale(settings: UserSettings | None, now: datetime) -> bool:
    fetched = settings.slack_tz_fetched_at if settings else None
    return fetched is None or now - fetched > PROFILE_MAX_AGE


def store_profile(settings: UserSettings, profile: SlackProfile, now: datetime) -> None:
    if profile.tz and is_zone(profile.tz):
        settings.slack_tz = profile.tz
    if profile.real_name:
        settings.slack_real_name = profile.real_name[:120]
    settings.slack_tz_fetched_at = now


def is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def zone_of(settings: UserSettings) -> ZoneInfo:
    for name in (settings.tz_override, settings.slack_tz):
        if name and is_zone(name):
            return ZoneInfo(name)
    return ZoneInfo(FALLBACK_ZONE)


def minute_to_time(minute: int) -> time:
    return time(minute // 60, minute % 60) if minute < 24 * 60 else time(23, 59)


def preferences(settings: UserSettings) -> Preferences:
    return Preferences(
        zone=zone_of(settings),
        day_start=minute_to_time(settings.day_start_minute),
        day_end=minute_to_time(settings.day_end_minute),
        follow_up_days=settings.follow_up_days,
        closure_days=settings.closure_days,
        weekend_prompts=settings.weekend_prompts,
        country=holiday_country(settings),
    )


def holiday_country(settings: UserSettings) -> str | None:
    """The country whose public holidays the user's prompts skip (None: none)."""
    if settings.holiday_country == NO_COUNTRY:
        return None
    return settings.holiday_country or guess_country(str(zone_of(settings).key))


def signature_name(settings: UserSettings) -> str:
    return settings.sign_name or settings.slack_real_name or ""

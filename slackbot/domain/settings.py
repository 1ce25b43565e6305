"""The settings modal's values: read, validated field by field, saved, prompts rescheduled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from functools import cache
from zoneinfo import available_timezones

from sqlalchemy.orm import Session

from slackbot.domain.forms import FormErrors
from slackbot.domain.interviews import Owner, open_interviews
from slackbot.domain.profiles import is_zone, preferences, settings_for
from slackbot.domain.prompts import sync_prompts
from slackbot.domain.workdays import COUNTRY_EXAMPLE, NO_COUNTRY, supported_country
from slackbot.models import (
    UserSettings,
)

# Option value meaning "follow my Slack profile's time zone" (no override stored).
USE_SLACK_ZONE = "slack"
MIN_DELAY_DAYS = 1
MAX_DELAY_DAYS = 30
SIGN_NAME_LIMIT = 80
# The areas of canonical IANA names; the rest (US/Eastern, EST5EDT, …) are legacy aliases.
ZONE_AREAS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)


@dataclass(frozen=True, kw_only=True)
class SettingsForm:
    """The settings modal as filled in; None where left empty."""

    zone: str | None
    day_start: str | None
    day_end: str | None
    follow_up_days: str | None
    closure_days: str | None
    weekends: bool
    sign_name: str | None
    country: str | None = None


@dataclass(frozen=True, kw_only=True)
class SettingsChoice:
    tz_override: str | None
    day_start_minute: int
    day_end_minute: int
    follow_up_days: int
    closure_days: int
    weekend_prompts: bool
    sign_name: str | None
    holiday_country: str | None = None


@cache
def zone_names() -> tuple[str, ...]:
    """Canonical IANA zone names, sorted, plus UTC."""
    names = (n for n in available_timezones() if n.split("/")[0] in ZONE_AREAS)
    return ("UTC", *sorted(names))


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


def canonical_zone(text: str) -> str | None:
    """The IANA name for `text` (case and `_`/space forgiving), or None if there is none."""
    key = "_".join(text.strip().split()).casefold()
    name = _zones_by_folded_name().get(key)
    return name if name and is_zone(name) else None


def read_settings_form(form: SettingsForm) -> SettingsChoice:
    """The settings the form describes, or FormErrors naming each bad field."""
    errors: dict[str, str] = {}
    override: str | None = None
    if form.zone and form.zone != USE_SLACK_ZONE:
        override = canonical_zone(form.zone)
        if override is None:
            errors["zone"] = (
                f"“{form.zone[:80]}” isn't a time zone I know. "
                "Pick one from the list, e.g. America/Chicago."
            )
    start = _minute(form.day_start, "day_start", errors)
    end = _minute(form.day_end, "day_end", errors)
    if start is not None and end is not None and start >= end:
        errors["day_end"] = "Day hours must end after they start, e.g. 08:00 to 21:00."
    follow_up = _days(form.follow_up_days, "follow_up_days", errors)
    closure = _days(form.closure_days, "closure_days", errors)
    sign = " ".join((form.sign_name or "").split())
    if len(sign) > SIGN_NAME_LIMIT:
        errors["sign_name"] = f"Keep the name to {SIGN_NAME_LIMIT} characters, e.g. Dana Whitfield."
    country = _country(form.country, errors)
    if errors or start is None or end is None or follow_up is None or closure is None:
        raise FormErrors(errors)
    return SettingsChoice(
        tz_override=override,
        day_start_minute=start,
        day_end_minute=end,
        follow_up_days=follow_up,
        closure_days=closure,
        weekend_prompts=form.weekends,
        sign_name=sign or None,
        holiday_country=country,
    )


def _country(text: str | None, errors: dict[str, str]) -> str | None:
    """Empty: guess from the time zone; `none`: skip no holidays; else a known country code."""
    raw = (text or "").strip()
    if not raw:
        return None
    if raw.casefold() == NO_COUNTRY:
        return NO_COUNTRY
    code = supported_country(raw)
    if code is None:
        errors["country"] = (
            f"“{raw[:40]}” isn't a country code I know holidays for. "
            f"Use two letters, e.g. {COUNTRY_EXAMPLE}, or `{NO_COUNTRY}`."
        )
    return code


def _minute(text: str | None, name: str, errors: dict[str, str]) -> int | None:
    try:
        at = time.fromisoformat((text or "").strip())
    except ValueError:
        errors[name] = "Pick a time, e.g. 08:00."
        return None
    return at.hour * 60 + at.minute


def _days(text: str | None, name: str, errors: dict[str, str]) -> int | None:
    raw = (text or "").strip()
    if raw.isdigit() and MIN_DELAY_DAYS <= int(raw) <= MAX_DELAY_DAYS:
        return int(raw)
    errors[name] = f"Use a whole number of days from {MIN_DELAY_DAYS} to {MAX_DELAY_DAYS}, e.g. 7."
    return None


def save_settings(
    session: Session, owner: Owner, choice: SettingsChoice, *, now: datetime
) -> tuple[UserSettings, int]:
    """Store the settings and reschedule pending prompts; also returns interviews rescheduled."""
    settings = settings_for(session, team_id=owner.team_id, user_id=owner.user_id, now=now)
    settings.tz_override = choice.tz_override
    settings.day_start_minute = choice.day_start_minute
    settings.day_end_minute = choice.day_end_minute
    settings.follow_up_days = choice.follow_up_days
    settings.closure_days = choice.closure_days
    settings.weekend_prompts = choice.weekend_prompts
    settings.sign_name = choice.sign_name
    settings.holiday_country = choice.holiday_country
    settings.updated_at = now
    session.flush()
    prefs = preferences(settings)
    interviews = open_interviews(session, owner)
    for interview in interviews:
        sync_prompts(session, interview, prefs, now)
    return settings, len(interviews)

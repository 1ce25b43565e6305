"""The settings modal, and reading its submitted state back into a SettingsForm."""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any

from slackbot.blocks import ids
from slackbot.blocks.modal_state import entered, errors_by_block, selected_values
from slackbot.blocks.text import context, ephemeral, escape, plain, section
from slackbot.domain.profiles import (
    FALLBACK_ZONE,
    holiday_country,
    is_zone,
    minute_to_time,
    zone_of,
)
from slackbot.domain.settings import (
    MAX_DELAY_DAYS,
    MIN_DELAY_DAYS,
    SIGN_NAME_LIMIT,
    USE_SLACK_ZONE,
    SettingsForm,
    zone_names,
)
from slackbot.domain.workdays import COUNTRY_EXAMPLE, NO_COUNTRY, country_name, guess_country
from slackbot.models import UserSettings

# Slack allows 100 options per group; America alone has more zones than that.
GROUP_SIZE = 100
WEEKENDS = "weekends"
# Domain field names -> the modal's block ids, for inline errors.
FIELD_BLOCKS = {
    "zone": ids.SETTINGS_ZONE,
    "day_start": ids.SETTINGS_DAY_START,
    "day_end": ids.SETTINGS_DAY_END,
    "follow_up_days": ids.SETTINGS_FOLLOW_UP_DAYS,
    "closure_days": ids.SETTINGS_CLOSURE_DAYS,
    "sign_name": ids.SETTINGS_SIGN_NAME,
    "country": ids.SETTINGS_COUNTRY,
}


def build_settings_modal(settings: UserSettings, *, response_url: str | None) -> dict[str, Any]:
    slack_zone = settings.slack_tz if settings.slack_tz and is_zone(settings.slack_tz) else None
    blocks = [
        _zone_input(settings.tz_override, slack_zone),
        _time_input(ids.SETTINGS_DAY_START, "Day hours start", settings.day_start_minute),
        _time_input(
            ids.SETTINGS_DAY_END,
            "Day hours end",
            settings.day_end_minute,
            hint="I never DM you outside day hours; a prompt due then waits for the next start.",
        ),
        _days_input(
            ids.SETTINGS_FOLLOW_UP_DAYS,
            "Follow up after (days)",
            settings.follow_up_days,
            hint="Days after the interview, when the employer gave no decision date.",
        ),
        _days_input(
            ids.SETTINGS_CLOSURE_DAYS,
            "Ask for closure after (more days)",
            settings.closure_days,
            hint="Days after the follow-up, if there is still no word.",
        ),
        _weekends_input(settings.weekend_prompts),
        _country_input(settings),
        _sign_input(settings.sign_name, settings.slack_real_name),
        context("Saving moves every prompt that hasn't been sent yet to match."),
    ]
    return {
        "type": "modal",
        "callback_id": ids.SETTINGS_MODAL,
        "private_metadata": json.dumps({"response_url": response_url}),
        "title": plain("Settings", 24),
        "submit": plain("Save", 24),
        "close": plain("Cancel", 24),
        "blocks": blocks,
    }


def read_settings_state(values: dict[str, Any]) -> SettingsForm:
    """The modal's `state.values` as the form the domain validates (None where empty)."""

    return SettingsForm(
        zone=entered(values, ids.SETTINGS_ZONE),
        day_start=entered(values, ids.SETTINGS_DAY_START),
        day_end=entered(values, ids.SETTINGS_DAY_END),
        follow_up_days=entered(values, ids.SETTINGS_FOLLOW_UP_DAYS),
        closure_days=entered(values, ids.SETTINGS_CLOSURE_DAYS),
        weekends=WEEKENDS in selected_values(values, ids.SETTINGS_WEEKENDS),
        sign_name=entered(values, ids.SETTINGS_SIGN_NAME),
        country=entered(values, ids.SETTINGS_COUNTRY),
    )


def block_errors(errors: dict[str, str]) -> dict[str, str]:
    """The settings form's field errors under the modal's blocks."""
    return errors_by_block(errors, FIELD_BLOCKS)


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(text, 75), "value": value}


def _zone_option(name: str) -> dict[str, Any]:
    # Spaces for underscores, so typing "new york" in Slack's search finds America/New_York.
    return _option(name.replace("_", " "), name)


def _zone_input(override: str | None, slack_zone: str | None) -> dict[str, Any]:
    follow_slack = _option(f"Slack's time zone ({slack_zone or FALLBACK_ZONE})", USE_SLACK_ZONE)
    names = list(zone_names())
    # A legacy name set earlier (e.g. US/Eastern) must still be selectable as the current one.
    if override and override not in names:
        names.insert(0, override)
    groups = [{"label": plain("Follow Slack", 75), "options": [follow_slack]}]
    for area, members in groupby(names, key=lambda n: n.split("/")[0]):
        chunk = list(members)
        for start in range(0, len(chunk), GROUP_SIZE):
            part = chunk[start : start + GROUP_SIZE]
            label = (
                area
                if len(chunk) <= GROUP_SIZE
                else f"{area} ({_initial(part[0])}–{_initial(part[-1])})"
            )
            groups.append({"label": plain(label, 75), "options": [_zone_option(n) for n in part]})
    initial = _zone_option(override) if override else follow_slack
    return {
        "type": "input",
        "block_id": ids.SETTINGS_ZONE,
        "label": plain("Time zone"),
        "hint": plain("Prompts follow local time here, across daylight-saving changes.", 2000),
        "element": {
            "type": "static_select",
            "action_id": ids.SETTINGS_ZONE,
            "option_groups": groups[:100],
            "initial_option": initial,
        },
    }


def _initial(name: str) -> str:
    return name.split("/")[-1][:1]


def _time_input(
    block_id: str, label: str, minute: int, *, hint: str | None = None
) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "element": {
            "type": "timepicker",
            "action_id": block_id,
            "initial_time": minute_to_time(minute).strftime("%H:%M"),
        },
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def _days_input(block_id: str, label: str, days: int, *, hint: str) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "hint": plain(hint, 2000),
        "element": {
            "type": "number_input",
            "action_id": block_id,
            "is_decimal_allowed": False,
            "min_value": str(MIN_DELAY_DAYS),
            "max_value": str(MAX_DELAY_DAYS),
            "initial_value": str(days),
        },
    }


def _weekends_input(enabled: bool) -> dict[str, Any]:
    option = _option("Send prompts on Saturdays and Sundays too", WEEKENDS)
    element: dict[str, Any] = {
        "type": "checkboxes",
        "action_id": ids.SETTINGS_WEEKENDS,
        "options": [option],
    }
    if enabled:
        element["initial_options"] = [option]
    return {
        "type": "input",
        "block_id": ids.SETTINGS_WEEKENDS,
        "label": plain("Weekends"),
        "optional": True,
        "hint": plain(
            "Off: no prompt on Saturday or Sunday, except a thank-you on the day of a "
            "weekend interview.",
            2000,
        ),
        "element": element,
    }


def _country_input(settings: UserSettings) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": ids.SETTINGS_COUNTRY,
        "max_length": 8,
    }
    if settings.holiday_country:
        element["initial_value"] = settings.holiday_country
    guessed = guess_country(str(zone_of(settings).key))
    fallback = (
        f"I go by your time zone: {country_name(guessed)} ({guessed})"
        if guessed
        else "I skip no holidays"
    )
    return {
        "type": "input",
        "block_id": ids.SETTINGS_COUNTRY,
        "label": plain("Public holidays of (country code)"),
        "optional": True,
        "hint": plain(
            "Follow-ups and closure requests never land on a public holiday there. "
            f"Left empty, {fallback}. A two-letter code, e.g. {COUNTRY_EXAMPLE}, "
            f"or `{NO_COUNTRY}`.",
            2000,
        ),
        "element": element,
    }


def _sign_input(sign_name: str | None, real_name: str | None) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": ids.SETTINGS_SIGN_NAME,
        "max_length": SIGN_NAME_LIMIT,
    }
    if sign_name:
        element["initial_value"] = sign_name
    if real_name:
        element["placeholder"] = plain(real_name)
    fallback = f"your Slack name ({real_name})" if real_name else "your Slack name"
    return {
        "type": "input",
        "block_id": ids.SETTINGS_SIGN_NAME,
        "label": plain("Sign drafts as"),
        "optional": True,
        "hint": plain(f"Left empty, drafts are signed with {fallback}.", 2000),
        "element": element,
    }


def build_settings_saved(settings: UserSettings, *, zone: str, rescheduled: int) -> dict[str, Any]:
    start = minute_to_time(settings.day_start_minute).strftime("%-I:%M %p")
    end = minute_to_time(settings.day_end_minute).strftime("%-I:%M %p")
    weekends = "on" if settings.weekend_prompts else "off"
    country = holiday_country(settings)
    holidays = (
        f"public holidays of {escape(country_name(country))} skipped"
        if country
        else "no public holidays skipped"
    )
    sign = f"; drafts signed “{escape(settings.sign_name)}”" if settings.sign_name else ""
    moved = f" Rescheduled the prompts of {rescheduled} open interview(s)." if rescheduled else ""
    text = (
        f":white_check_mark: Settings saved. Prompts follow {escape(zone)} between {start} and "
        f"{end}; follow-up after {settings.follow_up_days} days, closure "
        f"{settings.closure_days} days later; weekend prompts {weekends}; {holidays}{sign}.{moved}"
    )
    return ephemeral(text, [section(text)])

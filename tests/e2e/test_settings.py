"""`/interview settings`: the modal, inline errors, and rescheduling what is pending."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from slackbot.blocks import ids
from slackbot.models import Prompt, PromptKind, PromptStatus, UserSettings
from slackbot.sandbox.answers import visible_text
from tests.conftest import Bot
from tests.e2e.helpers import LOG_TEXT, eventually, last_response, opened_view
from tests.e2e.test_home import home_showing

DANA = "U0DANA001"
TEAM = "T0TEAM001"


def pending_due(bot: Bot, kind: PromptKind) -> datetime:
    with bot.sessions() as session:
        return session.scalars(
            select(Prompt.due_at).where(Prompt.status == PromptStatus.PENDING, Prompt.kind == kind)
        ).one()


def open_settings(bot: Bot, user: str = DANA) -> tuple[dict[str, Any], str | None]:
    before = len(bot.fake.opened_views())
    reply = bot.slack.command(user, "settings")
    assert reply.status == 200
    return opened_view(bot.fake, after=before), reply.response_url


def stored(bot: Bot, user: str = DANA) -> UserSettings:
    with bot.sessions() as session:
        settings = session.get(UserSettings, (TEAM, user))
        assert settings is not None
        return settings


def elements(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}


def test_modal_shows_the_current_settings_with_slacks_zone_as_default(bot: Bot) -> None:
    view, _ = open_settings(bot)

    assert view["title"]["text"] == "Settings"
    fields = elements(view)
    zone = fields[ids.SETTINGS_ZONE]
    assert zone["initial_option"]["text"]["text"] == "Slack's time zone (America/Chicago)"
    options = [o["value"] for g in zone["option_groups"] for o in g["options"]]
    assert {"Europe/Berlin", "America/New_York", "UTC"} <= set(options)
    assert all(len(g["options"]) <= 100 for g in zone["option_groups"])
    assert fields[ids.SETTINGS_DAY_START]["initial_time"] == "08:00"
    assert fields[ids.SETTINGS_DAY_END]["initial_time"] == "21:00"
    assert fields[ids.SETTINGS_FOLLOW_UP_DAYS]["initial_value"] == "7"
    assert fields[ids.SETTINGS_CLOSURE_DAYS]["initial_value"] == "7"
    assert "initial_options" not in fields[ids.SETTINGS_WEEKENDS]
    assert "Dana Whitfield" in visible_text(view)


def test_changing_day_hours_moves_the_next_prompt(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    # The interview ends Thu 11:00 in Chicago: the thank-you is due at 12:00 (18:00 UTC).
    assert pending_due(bot, PromptKind.THANK_YOU) == datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
    view, response_url = open_settings(bot)

    reply = bot.slack.submit(
        DANA, view, {ids.SETTINGS_DAY_START: "13:00", ids.SETTINGS_DAY_END: "20:00"}
    )

    assert reply.status == 200
    assert reply.body == ""  # the modal closes
    assert pending_due(bot, PromptKind.THANK_YOU) == datetime(2026, 12, 3, 19, 0, tzinfo=UTC)
    saved = visible_text(last_response(bot.fake, response_url))
    assert "Settings saved" in saved
    assert "between 1:00 PM and 8:00 PM" in saved
    home_showing(bot, DANA, "*Thank-you notes* · Thu, Dec 3 at 1:00 PM", "between 1:00 PM")


def test_every_setting_is_saved_and_the_zone_reschedules(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    view, _ = open_settings(bot)

    bot.slack.submit(
        DANA,
        view,
        {
            ids.SETTINGS_ZONE: "Europe/Berlin",
            ids.SETTINGS_FOLLOW_UP_DAYS: "5",
            ids.SETTINGS_CLOSURE_DAYS: "10",
            ids.SETTINGS_WEEKENDS: ["weekends"],
            ids.SETTINGS_SIGN_NAME: "  Dana   W. ",
        },
    )

    settings = stored(bot)
    assert settings.tz_override == "Europe/Berlin"
    assert (settings.follow_up_days, settings.closure_days) == (5, 10)
    assert settings.weekend_prompts is True
    assert settings.sign_name == "Dana W."
    # Five days after Thu Dec 3 is Tue Dec 8; 10:00 in Berlin is 09:00 UTC.
    assert pending_due(bot, PromptKind.FOLLOW_UP) == datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
    home_showing(bot, DANA, "Times are Berlin time")

    again, _ = open_settings(bot)
    fields = elements(again)
    assert fields[ids.SETTINGS_ZONE]["initial_option"]["value"] == "Europe/Berlin"
    assert fields[ids.SETTINGS_WEEKENDS]["initial_options"][0]["value"] == "weekends"
    assert fields[ids.SETTINGS_SIGN_NAME]["initial_value"] == "Dana W."

    bot.slack.submit(DANA, again, {ids.SETTINGS_ZONE: "slack", ids.SETTINGS_SIGN_NAME: None})
    assert eventually(lambda: stored(bot).tz_override is None)
    assert stored(bot).sign_name is None


def test_invalid_settings_come_back_inline_and_nothing_changes(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    before = pending_due(bot, PromptKind.THANK_YOU)
    view, _ = open_settings(bot)
    # A crafted payload can name a zone that was never offered.
    crafted = copy.deepcopy(view)
    zone = elements(crafted)[ids.SETTINGS_ZONE]
    zone["option_groups"][0]["options"].append(
        {"text": {"type": "plain_text", "text": "Mars"}, "value": "Mars/Olympus"}
    )

    reply = bot.slack.submit(
        DANA,
        crafted,
        {
            ids.SETTINGS_ZONE: "Mars/Olympus",
            ids.SETTINGS_DAY_START: "21:00",
            ids.SETTINGS_DAY_END: "08:00",
            ids.SETTINGS_FOLLOW_UP_DAYS: "0",
            ids.SETTINGS_CLOSURE_DAYS: "31",
        },
    )

    body = reply.json()
    assert body["response_action"] == "errors"
    errors = body["errors"]
    assert set(errors) == {
        ids.SETTINGS_ZONE,
        ids.SETTINGS_DAY_END,
        ids.SETTINGS_FOLLOW_UP_DAYS,
        ids.SETTINGS_CLOSURE_DAYS,
    }
    assert "Mars/Olympus" in errors[ids.SETTINGS_ZONE]
    assert "end after they start" in errors[ids.SETTINGS_DAY_END]
    assert "from 1 to 30" in errors[ids.SETTINGS_FOLLOW_UP_DAYS]
    settings = stored(bot)
    assert (settings.tz_override, settings.day_start_minute, settings.follow_up_days) == (
        None,
        8 * 60,
        7,
    )
    assert pending_due(bot, PromptKind.THANK_YOU) == before


def test_equal_start_and_end_is_refused(bot: Bot) -> None:
    view, _ = open_settings(bot)

    reply = bot.slack.submit(
        DANA, view, {ids.SETTINGS_DAY_START: "09:00", ids.SETTINGS_DAY_END: "09:00"}
    )

    assert set(reply.json()["errors"]) == {ids.SETTINGS_DAY_END}


def test_settings_from_home_republish_home(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)
    home = home_showing(bot, DANA, "Settings")
    bot.slack.click(DANA, action_id=ids.HOME_SETTINGS, view=home)
    view = opened_view(bot.fake)

    bot.slack.submit(DANA, view, {ids.SETTINGS_DAY_START: "06:30"})

    home_showing(bot, DANA, "between 6:30 AM and 9:00 PM")
    assert stored(bot).day_start_minute == 6 * 60 + 30


def test_holiday_country_is_guessed_from_the_zone_and_can_be_set(bot: Bot) -> None:
    view, response_url = open_settings(bot)
    country = next(b for b in view["blocks"] if b.get("block_id") == ids.SETTINGS_COUNTRY)
    assert "I go by your time zone: United States (US)" in country["hint"]["text"]
    assert "except a thank-you on the day of a weekend interview" in visible_text(view)

    bad = bot.slack.submit(DANA, view, {ids.SETTINGS_COUNTRY: "Narnia"})
    errors = bad.json()["errors"]
    assert set(errors) == {ids.SETTINGS_COUNTRY}
    assert "“Narnia” isn't a country code I know holidays for" in errors[ids.SETTINGS_COUNTRY]
    assert stored(bot).holiday_country is None

    bot.slack.submit(DANA, view, {ids.SETTINGS_COUNTRY: "de"})
    assert eventually(lambda: stored(bot).holiday_country == "DE")
    saved = visible_text(last_response(bot.fake, response_url))
    assert "public holidays of Germany skipped" in saved

    again, _ = open_settings(bot)
    assert elements(again)[ids.SETTINGS_COUNTRY]["initial_value"] == "DE"
    bot.slack.submit(DANA, again, {ids.SETTINGS_COUNTRY: "none"})
    assert eventually(lambda: stored(bot).holiday_country == "none")

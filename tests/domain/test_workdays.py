"""Weekends and public holidays: which days each prompt may land on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from slackbot.domain.cadence import Preferences, Timeline, candidates
from slackbot.domain.workdays import (
    country_name,
    guess_country,
    is_holiday,
    supported_country,
)
from slackbot.models import PromptKind

CHICAGO = ZoneInfo("America/Chicago")
US = Preferences(zone=CHICAGO, country="US")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=CHICAGO).astimezone(UTC)


def local_day(moment: datetime) -> date:
    return moment.astimezone(CHICAGO).date()


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("America/Chicago", "US"),
        ("America/New_York", "US"),
        ("Europe/Berlin", "DE"),
        ("Europe/London", "GB"),
        ("Asia/Kolkata", "IN"),
        ("UTC", None),
    ],
)
def test_the_country_is_guessed_from_the_zone(zone: str, country: str | None) -> None:
    assert guess_country(zone) == country


def test_country_codes_are_read_forgivingly_and_named_plainly() -> None:
    assert supported_country(" us ") == "US"
    assert supported_country("Narnia") is None
    assert country_name("US") == "United States"


def test_us_public_holidays() -> None:
    assert is_holiday(date(2026, 12, 25), "US")
    assert is_holiday(date(2027, 1, 1), "US")
    assert not is_holiday(date(2026, 12, 24), "US")
    assert not is_holiday(date(2026, 12, 25), None)


def test_friday_interview_thank_you_that_day_nudge_on_monday() -> None:
    friday = local(2026, 12, 4, 14, 0)
    timeline = Timeline(starts_at=friday, ends_at=friday + timedelta(hours=1))
    assert local_day(candidates(timeline, US)[PromptKind.THANK_YOU]) == date(2026, 12, 4)
    thanked = Timeline(
        starts_at=friday,
        ends_at=friday + timedelta(hours=1),
        thank_you_sent_at=local(2026, 12, 4, 16, 0),
    )
    assert candidates(thanked, US)[PromptKind.NUDGE] == local(2026, 12, 7, 9, 0)


def test_saturday_interview_still_gets_its_same_day_thank_you() -> None:
    saturday = local(2026, 12, 5, 10, 0)
    timeline = Timeline(starts_at=saturday, ends_at=saturday + timedelta(hours=1))
    assert candidates(timeline, US)[PromptKind.THANK_YOU] == local(2026, 12, 5, 12, 0)


def test_a_late_friday_thank_you_does_not_roll_into_saturday() -> None:
    # Ends 20:30: an hour later is past day hours; Saturday is off, Monday is past 48 hours.
    friday = local(2026, 12, 4, 19, 30)
    timeline = Timeline(starts_at=friday, ends_at=friday + timedelta(hours=1))
    assert PromptKind.THANK_YOU not in candidates(timeline, US)


def test_weekend_prompts_on_lets_the_nudge_come_on_saturday() -> None:
    friday = local(2026, 12, 4, 14, 0)
    thanked = Timeline(
        starts_at=friday,
        ends_at=friday + timedelta(hours=1),
        thank_you_sent_at=local(2026, 12, 4, 16, 0),
    )
    prefs = Preferences(zone=CHICAGO, country="US", weekend_prompts=True)
    assert candidates(thanked, prefs)[PromptKind.NUDGE] == local(2026, 12, 5, 9, 0)


def test_no_follow_up_on_christmas_day() -> None:
    friday = local(2026, 12, 18, 10, 0)  # + 7 days = Friday, December 25
    timeline = Timeline(starts_at=friday, ends_at=friday + timedelta(hours=1))
    due = candidates(timeline, US)[PromptKind.FOLLOW_UP]
    assert local_day(due) == date(2026, 12, 28)
    # Weekend prompts on: the holiday is still skipped, the Saturday after it is allowed.
    weekends = Preferences(zone=CHICAGO, country="US", weekend_prompts=True)
    assert local_day(candidates(timeline, weekends)[PromptKind.FOLLOW_UP]) == date(2026, 12, 26)
    # Without a country, only the weekend rule applies.
    assert local_day(candidates(timeline, Preferences(zone=CHICAGO))[PromptKind.FOLLOW_UP]) == (
        date(2026, 12, 25)
    )


def test_no_closure_on_new_years_day() -> None:
    start = local(2026, 12, 10, 10, 0)
    timeline = Timeline(
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        follow_up_sent_at=local(2026, 12, 25, 10, 0),  # + 7 days = Friday, January 1
    )
    assert local_day(candidates(timeline, US)[PromptKind.CLOSURE]) == date(2027, 1, 4)


def test_a_decision_date_follow_up_skips_the_holiday_after_it() -> None:
    start = local(2026, 12, 14, 10, 0)
    timeline = Timeline(
        starts_at=start, ends_at=start + timedelta(hours=1), decision_by=date(2026, 12, 24)
    )
    assert local_day(candidates(timeline, US)[PromptKind.FOLLOW_UP]) == date(2026, 12, 28)


def test_a_snooze_into_the_weekend_resumes_on_monday() -> None:
    start = local(2026, 11, 25, 10, 0)
    timeline = Timeline(
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        follow_up_sent_at=local(2026, 12, 3, 10, 0),
        snoozed_until=local(2026, 12, 5, 10, 0),
        snoozed_kind=PromptKind.CLOSURE,
    )
    assert candidates(timeline, US)[PromptKind.CLOSURE] == local(2026, 12, 7, 8, 0)

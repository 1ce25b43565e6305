"""The day a note names, as a person would say it, in the user's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from slackbot.domain.days import day_phrase

CHICAGO = ZoneInfo("America/Chicago")
# Tuesday 2026-10-27, late evening in Chicago: already Wednesday in UTC. Daylight saving ends
# on Sunday 2026-11-01, inside the fortnight below.
INTERVIEW = datetime(2026, 10, 27, 22, 30, tzinfo=CHICAGO)
EXPECTED = [
    "today",
    "yesterday",
    "on Tuesday",  # the weekday alone, up to six days back (see below)
    "on Tuesday",
    "on Tuesday",
    "on Tuesday",
    "on Tuesday",
    "on Tuesday, October 27",
    "on Tuesday, October 27",
    "on Tuesday, October 27",
    "on Tuesday, October 27",
    "on Tuesday, October 27",
    "on Tuesday, October 27",
    "on Tuesday, October 27",
    "on Tuesday, October 27",
]


@pytest.mark.parametrize("days", range(15))
@pytest.mark.parametrize("hour", [0, 9, 23])
def test_every_offset_of_a_fortnight_across_a_dst_change(days: int, hour: int) -> None:
    local_day = (INTERVIEW + timedelta(days=days)).date()
    now = datetime(local_day.year, local_day.month, local_day.day, hour, 15, tzinfo=CHICAGO)
    assert (
        day_phrase(INTERVIEW.astimezone(UTC), now=now.astimezone(UTC), zone=CHICAGO)
        == (EXPECTED[days])
    )


def test_two_to_six_days_back_name_the_weekday_then_the_date() -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=CHICAGO)
    phrases = [day_phrase(monday, now=monday + timedelta(days=d), zone=CHICAGO) for d in range(8)]
    assert phrases == [
        "today",
        "yesterday",
        "on Monday",
        "on Monday",
        "on Monday",
        "on Monday",
        "on Monday",
        "on Monday, November 30",
    ]


def test_the_users_zone_decides_the_day_not_utc() -> None:
    # 23:30 in Chicago is 05:30 the next day in UTC; in Chicago it is still the same day.
    interview = datetime(2026, 12, 1, 23, 30, tzinfo=CHICAGO)
    now = datetime(2026, 12, 1, 23, 50, tzinfo=CHICAGO)
    assert day_phrase(interview, now=now, zone=CHICAGO) == "today"
    assert day_phrase(interview, now=now, zone=ZoneInfo("Asia/Tokyo")) == "today"
    assert day_phrase(interview, now=now + timedelta(hours=1), zone=CHICAGO) == "yesterday"


def test_an_interview_ahead_reads_tomorrow_or_its_date() -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=CHICAGO)
    assert day_phrase(now + timedelta(days=1), now=now, zone=CHICAGO) == "tomorrow"
    assert day_phrase(now + timedelta(days=3), now=now, zone=CHICAGO) == "on Friday, December 4"

"""How times read: days named relative to today, zones as people say them, no past promises."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from slackbot.blocks.timefmt import ended_when, promise, relative_datetime, zone_key, zone_label

CHICAGO = ZoneInfo("America/Chicago")
NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # Wed 09:00 in Chicago


def chicago(*args: int) -> datetime:
    return datetime(*args, tzinfo=CHICAGO).astimezone(UTC)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (chicago(2026, 12, 1, 17, 0), "yesterday at 5:00 PM"),
        (chicago(2026, 12, 2, 17, 0), "today at 5:00 PM"),
        (chicago(2026, 12, 3, 9, 0), "tomorrow at 9:00 AM"),
        (chicago(2026, 12, 7, 10, 0), "Mon, Dec 7 at 10:00 AM"),
    ],
)
def test_days_are_named_relative_to_today(moment: datetime, expected: str) -> None:
    assert relative_datetime(moment, CHICAGO, NOW) == expected


def test_an_interview_ended_today_needs_no_day() -> None:
    assert ended_when(chicago(2026, 12, 2, 8, 0), CHICAGO, NOW) == "at 8:00 AM"
    assert ended_when(chicago(2026, 12, 1, 17, 0), CHICAGO, NOW) == "yesterday at 5:00 PM"


def test_a_promise_is_never_in_the_past() -> None:
    assert promise(NOW - timedelta(hours=3), CHICAGO, NOW) == "now"
    assert promise(NOW, CHICAGO, NOW) == "now"
    assert promise(NOW + timedelta(hours=3), CHICAGO, NOW) == "today at 12:00 PM"


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("America/Chicago", "Chicago time"),
        ("America/New_York", "New York time"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires time"),
        ("Europe/Berlin", "CET"),
        ("Europe/London", "GMT"),
        ("Asia/Kolkata", "Kolkata time"),
        ("UTC", "UTC"),
    ],
)
def test_zones_read_as_people_say_them(zone: str, expected: str) -> None:
    assert zone_label(ZoneInfo(zone), NOW) == expected
    assert zone_key(ZoneInfo(zone)) == zone


def test_summer_time_in_europe_is_named_too() -> None:
    assert zone_label(ZoneInfo("Europe/Berlin"), datetime(2026, 7, 1, tzinfo=UTC)) == "CEST"

"""Which days a prompt may land on: weekends per the user's setting, public holidays by country.

The country comes from the user's setting, or is guessed from their time zone with the IANA
zone table (the zone America/Chicago lies in US). Holiday dates come from the `holidays` library.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources

import holidays

# A setting value meaning "skip no public holidays".
NO_COUNTRY = "none"
COUNTRY_EXAMPLE = "US"


@cache
def _zone_countries() -> dict[str, str]:
    """IANA zone -> ISO 3166 country code, from the tz database's zone.tab."""
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    found: dict[str, str] = {}
    for line in table.splitlines():
        if line and not line.startswith("#"):
            code, _coordinates, zone, *_ = line.split("\t")
            found[zone] = code
    return found


@cache
def _country_names() -> dict[str, str]:
    table = resources.files("tzdata").joinpath("zoneinfo", "iso3166.tab").read_text("utf-8")
    rows = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    return {code: name for code, name in rows}


@cache
def _supported() -> frozenset[str]:
    return frozenset(holidays.list_supported_countries())


def guess_country(zone_key: str) -> str | None:
    """The country whose holidays apply in this zone, when the library knows that country."""
    code = _zone_countries().get(zone_key)
    return code if code in _supported() else None


def supported_country(text: str) -> str | None:
    """`text` as a country code the holiday calendar knows (`us` -> `US`), else None."""
    code = text.strip().upper()
    return code if code in _supported() else None


def country_name(code: str) -> str:
    return _country_names().get(code, code)


@cache
def _calendar(country: str, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(country, years=year)


def is_holiday(day: date, country: str | None) -> bool:
    return country is not None and day in _calendar(country, day.year)


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5

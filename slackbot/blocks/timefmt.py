"""How times read in Slack: local to the user, with the zone named where it matters."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def local_time(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return local.strftime("%-I:%M %p")


def local_datetime(moment: datetime, zone: ZoneInfo) -> str:
    """E.g. `Thu, Dec 3 at 10:00 AM`."""
    local = moment.astimezone(zone)
    return f"{local.strftime('%a, %b %-d')} at {local_time(moment, zone)}"


def local_date(day: date) -> str:
    return day.strftime("%a, %b %-d")


def zone_label(zone: ZoneInfo) -> str:
    return str(zone.key)

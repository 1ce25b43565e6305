"""How times read in Slack: local to the user, with the zone named as a person says it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

# Days named relative to today, as a person says them.
_NEAR_DAYS = {-1: "yesterday", 0: "today", 1: "tomorrow"}


def local_time(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return local.strftime("%-I:%M %p")


def local_datetime(moment: datetime, zone: ZoneInfo) -> str:
    """E.g. `Thu, Dec 3 at 10:00 AM`."""
    local = moment.astimezone(zone)
    return f"{local.strftime('%a, %b %-d')} at {local_time(moment, zone)}"


def relative_datetime(moment: datetime, zone: ZoneInfo, now: datetime) -> str:
    """`today at 5:00 PM`, `yesterday at …`, `tomorrow at …`, else `Thu, Dec 3 at 10:00 AM`."""
    offset = (moment.astimezone(zone).date() - now.astimezone(zone).date()).days
    near = _NEAR_DAYS.get(offset)
    if near is None:
        return local_datetime(moment, zone)
    return f"{near} at {local_time(moment, zone)}"


def ended_when(moment: datetime, zone: ZoneInfo, now: datetime) -> str:
    """`at 5:00 PM` when that was today, else `yesterday at 5:00 PM` or the date."""
    if moment.astimezone(zone).date() == now.astimezone(zone).date():
        return f"at {local_time(moment, zone)}"
    return relative_datetime(moment, zone, now)


def promise(due: datetime, zone: ZoneInfo, now: datetime) -> str:
    """When a DM will come: never a time already past (`now` then)."""
    if due <= now + timedelta(minutes=1):
        return "now"
    return relative_datetime(due, zone, now)


def local_date(day: date) -> str:
    return day.strftime("%a, %b %-d")


def zone_label(zone: ZoneInfo, at: datetime | None = None) -> str:
    """The zone as a person says it: `Chicago time`, `CET` (in Europe), `UTC`.

    Europe's short names are what people there say; elsewhere the city is clearer than
    CST/IST, which each name several zones.
    """
    key = str(zone.key)
    if "/" not in key:
        return key
    area, city = key.split("/", 1)
    if area == "Europe" and at is not None:
        short = at.astimezone(zone).tzname() or ""
        if short.isalpha():
            return short
    return city.split("/")[-1].replace("_", " ") + " time"


def zone_key(zone: ZoneInfo) -> str:
    """The IANA name, for Slack's pickers and the settings."""
    return str(zone.key)

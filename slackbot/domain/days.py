"""How a note names the day of the interview, as a person would say it, in the user's zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

# Up to this many days back, a weekday alone is clear ("on Tuesday"); further back it needs the
# date, or "on Friday" could be read as the Friday just gone.
WEEKDAY_ONLY_DAYS = 6


def day_phrase(moment: datetime, *, now: datetime, zone: ZoneInfo) -> str:
    """ "today", "yesterday", "on Tuesday", or "on Tuesday, December 1" (older, or ahead)."""
    day = moment.astimezone(zone).date()
    days_ago = (now.astimezone(zone).date() - day).days
    if days_ago == 0:
        return "today"
    if days_ago == 1:
        return "yesterday"
    if days_ago == -1:
        return "tomorrow"
    weekday = day.strftime("%A")
    if 1 < days_ago <= WEEKDAY_ONLY_DAYS:
        return f"on {weekday}"
    return f"on {weekday}, {day.strftime('%B')} {day.day}"

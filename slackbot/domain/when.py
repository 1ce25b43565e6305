"""`<when>` as the user typed it (`tomorrow 10:30`, `mon 2pm`, `2 hours ago`) as a moment."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from slackbot.clock import as_utc
from slackbot.domain.user_input import InputError, quote

_WHEN_EXAMPLE = "tomorrow 10:30, mon 2pm, Dec 3 9am or 2026-12-01 14:00"
# Generous by a day so that leap years never turn "a year ago" into an error.
_MAX_PAST = timedelta(days=366)
_MAX_FUTURE = timedelta(days=731)

_TIME_12 = r"(?P<h12>[0-9]{1,2})(?::(?P<m12>[0-9]{2}))?\s*(?P<ampm>[ap])\.?m\.?"
_TIME_24 = r"(?P<h24>[0-9]{1,2}):(?P<m24>[0-9]{2})(?::(?P<s24>[0-9]{2}))?"
_TIME = rf"(?:{_TIME_12}|{_TIME_24}|(?P<word>noon|midnight))"
_TIME_AT_END = re.compile(rf"(?:^|\s){_TIME}$", re.ASCII)
_TIME_AT_START = re.compile(rf"^{_TIME}(?:\s|$)", re.ASCII)
_ISO_DATE = re.compile(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})", re.ASCII)
_ISO_T = re.compile(r"\b([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})t(?=[0-9])", re.ASCII)
_DAY_NUMBER = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?", re.ASCII)
_YEAR = re.compile(r"[0-9]{4}", re.ASCII)
_AMOUNT = r"(?:[0-9]{1,4}(?:\.[0-9]{1,2})?|an?)"
_UNIT = r"(?:h|hrs?|hours?|m|mins?|minutes?)"
_SPAN = rf"{_AMOUNT}\s*{_UNIT}(?:\s*(?:and\s+)?{_AMOUNT}\s*{_UNIT})*"
_RELATIVE = re.compile(rf"in\s+{_SPAN}|{_SPAN}\s+ago", re.ASCII)

_NOW_WORDS = {"now", "just now", "right now"}
_FILLER_WORDS = {"at", "on", "of", "the"}
_DAY_OFFSETS = {"today": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1}
_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "weds": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Spelled out rather than taken from `calendar`, whose names follow the process locale.
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {name.lower(): number for number, name in enumerate(_MONTH_NAMES, start=1)} | {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "june": 6,
    "july": 7,
    "august": 8,
    "sept": 9,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
# The most days each month ever has (February in a leap year).
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _when_error(original: str) -> InputError:
    """The error for a date and time that could not be understood at all."""
    return InputError(
        f'I couldn\'t understand "{quote(original)}" as a date and time.',
        example=_WHEN_EXAMPLE,
        field="date",
    )


def _normalise_when(text: str) -> str:
    """Lower case, single spaces, commas dropped and ISO's `T` separator opened up."""
    lowered = " ".join(text.lower().replace(",", " ").split())
    return _ISO_T.sub(r"\1 ", lowered)


def _clock_time(match: re.Match[str]) -> tuple[int, int]:
    """Hour and minute of a matched time, checked for range."""
    if match["word"]:
        return (12, 0) if match["word"] == "noon" else (0, 0)
    raw = match.group(0).strip()
    if match["ampm"]:
        hour, minute = int(match["h12"]), int(match["m12"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise InputError(
                f'"{raw}" isn\'t a time: 12-hour times go from 12am to 11:59pm.',
                example=_WHEN_EXAMPLE,
                field="time",
            )
        return hour % 12 + (12 if match["ampm"] == "p" else 0), minute
    hour, minute, second = int(match["h24"]), int(match["m24"]), int(match["s24"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise InputError(
            f'"{raw}" isn\'t a time: 24-hour times go from 00:00 to 23:59.',
            example=_WHEN_EXAMPLE,
            field="time",
        )
    return hour, minute


def _split_time(cleaned: str) -> tuple[str, tuple[int, int] | None]:
    """The day words and the time of day, which may come last (usual) or first ("3pm mon")."""
    for pattern in (_TIME_AT_END, _TIME_AT_START):
        match = pattern.search(cleaned)
        if match:
            day_text = cleaned[: match.start()] + " " + cleaned[match.end() :]
            return day_text.strip(), _clock_time(match)
    return cleaned, None


def _coming(today: date, weekday: int) -> date:
    """The next date with this weekday, today included."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _previous(today: date, weekday: int) -> date:
    """The latest date with this weekday strictly before today."""
    return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)


def _real_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the calendar has no such day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest(month: int, day: int, *, today: date) -> date:
    """The month and day closest to today, in last, this or next year."""
    label = f"{_MONTH_NAMES[month - 1]} {day}"
    if not 1 <= day <= _MONTH_DAYS[month - 1]:
        raise InputError(f"There is no {label}.", example=_WHEN_EXAMPLE, field="date")
    years = (today.year - 1, today.year, today.year + 1)
    candidates = [found for year in years if (found := _real_date(year, month, day))]
    if not candidates:
        raise InputError(
            f"{label} isn't within a year of today; add the year.",
            example=f"{label} 2028 9am",
            field="date",
        )
    # On an exact tie prefer the past: people mostly log interviews they just had.
    return min(candidates, key=lambda found: (abs((found - today).days), found > today))


def _month_and_day(first: str, second: str) -> tuple[int, int] | None:
    """Month and day from `dec 3` or `3 dec` (with optional `3rd`), else None."""
    for month_word, day_word in ((first, second), (second, first)):
        month = _MONTHS.get(month_word.rstrip("."))
        day = _DAY_NUMBER.fullmatch(day_word)
        if month and day:
            return month, int(day.group(1))
    return None


def _named_date(words: list[str], *, today: date) -> date | None:
    """A date such as `Dec 3`, `3 December 2026` or `wed dec 3`; None if it is not one."""
    weekday = _WEEKDAYS.get(words[0]) if len(words) > 2 else None
    if weekday is not None:
        words = words[1:]
    if len(words) not in (2, 3):
        return None
    month_day = _month_and_day(words[0], words[1])
    if month_day is None:
        return None
    month, day = month_day
    found: date | None
    if len(words) == 2:
        found = _nearest(month, day, today=today)
    elif _YEAR.fullmatch(words[2]):
        found = _real_date(int(words[2]), month, day)
        if found is None:
            raise InputError(
                f"There is no {_MONTH_NAMES[month - 1]} {day} in {words[2]}.",
                example=_WHEN_EXAMPLE,
                field="date",
            )
    else:
        return None
    if weekday is not None and found.weekday() != weekday:
        raise InputError(
            f"{found.isoformat()} is a {_WEEKDAY_NAMES[found.weekday()]}, "
            f"not a {_WEEKDAY_NAMES[weekday]}.",
            example=_WHEN_EXAMPLE,
            field="date",
        )
    return found


def _resolve_day(day_text: str, *, today: date) -> date | None:
    """The calendar day the words name, or None if they are not understood."""
    words = [word for word in day_text.split() if word not in _FILLER_WORDS]
    if not words:
        return today
    if len(words) == 1 and words[0] in _DAY_OFFSETS:
        return today + timedelta(days=_DAY_OFFSETS[words[0]])
    if len(words) == 1 and words[0] in _WEEKDAYS:
        return _coming(today, _WEEKDAYS[words[0]])
    if len(words) == 2 and words[0] == "last" and words[1] in _WEEKDAYS:
        return _previous(today, _WEEKDAYS[words[1]])
    iso = _ISO_DATE.fullmatch(words[0]) if len(words) == 1 else None
    if iso:
        found = _real_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if found is None:
            raise InputError(
                f'"{words[0]}" isn\'t a real date (year-month-day).',
                example=_WHEN_EXAMPLE,
                field="date",
            )
        return found
    return _named_date(words, today=today)


def _wall_time(day: date, clock: tuple[int, int], zone: ZoneInfo) -> datetime:
    """The moment the zone's clocks show this day and time."""
    # fold=0 (the default) picks the first of two fall-back times; a spring-forward gap time
    # does not exist, and the UTC round trip moves it to the real clock time after the gap.
    try:
        local = datetime(day.year, day.month, day.day, clock[0], clock[1], tzinfo=zone)
        return local.astimezone(UTC).astimezone(zone)
    except (OverflowError, ValueError):
        raise InputError(
            f"{day.isoformat()} is too far from today; check the year.",
            example=_WHEN_EXAMPLE,
            field="date",
        ) from None


_SPAN_PART = re.compile(rf"{_AMOUNT}\s*(?P<unit>{_UNIT})", re.ASCII)


def _check_units(cleaned: str) -> None:
    """Each unit once, hours before minutes: `1h 1h 1h ago` is a slip, not one hour ago."""
    kinds = [m.group("unit")[0] for m in _SPAN_PART.finditer(cleaned)]
    if kinds in (["h"], ["m"], ["h", "m"]):
        return
    repeated = [name for kind, name in (("h", "hours"), ("m", "minutes")) if kinds.count(kind) > 1]
    slip = (
        f"gives the {' and the '.join(repeated)} more than once"
        if repeated
        else ("puts the minutes before the hours")
    )
    raise InputError(
        f'"{quote(cleaned)}" {slip}, so I can\'t tell which time you mean.',
        example="2 hours ago, 1 hour 30 minutes ago or in 45 minutes",
        field="date",
    )


# Stricter than _SPAN: "a"/"an" stands alone and a unit ends its word ("1h30m", not "ahour").
_OFFSET_PART = re.compile(
    r"(?P<amount>[0-9]{1,4}(?:\.[0-9]{1,2})?|(?<![a-z])an?(?=\s))\s*"
    rf"(?P<unit>{_UNIT})(?![a-z])",
    re.ASCII,
)
_PART_JOINER = re.compile(r"\s*(?:and\s+)?", re.ASCII)


def _offset(span: str) -> timedelta | None:
    """How long `1 hour and 30 minutes` is; None when a word in it is no amount or unit."""
    total, position = timedelta(), 0
    for match in _OFFSET_PART.finditer(span):
        if not _PART_JOINER.fullmatch(span[position : match.start()]):
            return None
        amount = 1.0 if match["amount"] in ("a", "an") else float(match["amount"])
        hours = match["unit"].startswith("h")
        total += timedelta(hours=amount) if hours else timedelta(minutes=amount)
        position = match.end()
    return total if position and position == len(span) else None


def _relative_moment(cleaned: str, *, now: datetime, zone: ZoneInfo) -> datetime:
    """`2 hours ago` or `in 30 minutes`, counted in real elapsed time across DST changes."""
    _check_units(cleaned)
    ago = cleaned.endswith(" ago")
    offset = _offset(cleaned.removesuffix(" ago") if ago else cleaned.removeprefix("in").strip())
    if offset is None:
        raise _when_error(cleaned)
    # In UTC, so that an hour ago across a clock change is sixty real minutes ago.
    found = now.astimezone(UTC) + (-offset if ago else offset)
    return found.astimezone(zone).replace(second=0, microsecond=0)


def _check_range(moment: datetime, *, now: datetime) -> None:
    """Reject times too far away to be a real interview (almost always a typo in the year)."""
    if moment < now - _MAX_PAST:
        raise InputError(
            f"{moment.date().isoformat()} is more than a year ago; check the year.",
            example=_WHEN_EXAMPLE,
            field="date",
        )
    if moment > now + _MAX_FUTURE:
        raise InputError(
            f"{moment.date().isoformat()} is more than two years away; check the year.",
            example=_WHEN_EXAMPLE,
            field="date",
        )


def _absolute_moment(cleaned: str, *, original: str, today: date, zone: ZoneInfo) -> datetime:
    """A day and a time of day, such as `mon 2pm`, in the zone."""
    day_text, clock = _split_time(cleaned)
    day = _resolve_day(day_text, today=today)
    if day is None:
        raise _when_error(original)
    if clock is None:
        raise InputError(
            f'"{quote(original)}" needs a time of day too.',
            example=f"{quote(original)} 10:30",
            field="time",
        )
    return _wall_time(day, clock, zone)


def parse_when(text: str, *, now: datetime, zone: ZoneInfo) -> datetime:
    """When the interview is or was, read in the user's zone; aware, with tzinfo `zone`."""
    local_now = as_utc(now).astimezone(zone)
    cleaned = _normalise_when(text)
    if not cleaned:
        raise InputError("The date and time are empty.", example=_WHEN_EXAMPLE, field="date")
    if cleaned in _NOW_WORDS:
        moment = local_now.replace(second=0, microsecond=0)
    elif _RELATIVE.fullmatch(cleaned):
        moment = _relative_moment(cleaned, now=local_now, zone=zone)
    else:
        moment = _absolute_moment(cleaned, original=text, today=local_now.date(), zone=zone)
    _check_range(moment, now=local_now)
    return moment

"""Calendar invites (.ics files): the timed events they hold, read with icalendar. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from itertools import islice
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import recurring_ical_events
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from slackbot.domain.user_input import InputError

MAX_INVITE_BYTES = 1_000_000
SHARE_INSTEAD = "Share the interview's own invite (an .ics file), or type `/interview log`."
# Past this, an invite's event is "long past": logging it is offered, not assumed.
LONG_PAST = timedelta(days=7)
# How far a repeating event is searched for its next occurrence.
_RECURRENCE_HORIZON = 400


class InviteError(InputError):
    """A shared file or pasted text that gives no event to log."""


@dataclass(frozen=True, kw_only=True)
class Person:
    name: str | None
    email: str | None
    resource: bool = False  # a room or equipment booked for the event, not a person


@dataclass(frozen=True, kw_only=True)
class InviteEvent:
    uid: str
    sequence: int
    summary: str
    starts_at: datetime  # aware, in `zone`
    ends_at: datetime
    zone: ZoneInfo  # the invite's own zone; the user's for floating or bare UTC times
    organizer: Person | None
    attendees: tuple[Person, ...]
    location: str
    description: str
    cancelled: bool = False
    recurring: bool = False

    @property
    def length_minutes(self) -> int:
        return max(1, round((self.ends_at - self.starts_at).total_seconds() / 60))

    def is_long_past(self, now: datetime) -> bool:
        return self.ends_at < now - LONG_PAST


@dataclass(frozen=True)
class Invite:
    method: str  # REQUEST, PUBLISH, CANCEL, or "" when the file does not say
    events: tuple[InviteEvent, ...]

    @property
    def cancels(self) -> bool:
        return self.method == "CANCEL" or all(e.cancelled for e in self.events)


def read_invite(data: bytes, *, now: datetime, zone: ZoneInfo) -> Invite:
    """The timed events of an .ics file; `zone` (the user's) places floating and bare UTC times."""
    calendar = _calendar(data)
    method = str(calendar.get("METHOD") or "").upper()
    default_zone = _named_zone(str(calendar.get("X-WR-TIMEZONE") or "")) or zone
    masters = _masters(calendar.events)
    next_times = _next_occurrences(calendar, [e for e in masters if e.get("RRULE")], now=now)
    events = [
        _event(e, default_zone=default_zone, method=method, moved=next_times.get(str(e.get("UID"))))
        for e in masters
    ]
    timed = tuple(e for e in events if e is not None)
    if not timed:
        raise InviteError(
            "That calendar has no event with a start time in it.",
            example=SHARE_INSTEAD,
        )
    return Invite(method=method, events=timed)


def _calendar(data: bytes) -> icalendar.Calendar:
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text[:15].upper().startswith(b"BEGIN:VCALENDAR"):
        raise InviteError("That file isn't a calendar invite.", example=SHARE_INSTEAD)
    try:
        return icalendar.Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError, TypeError):
        raise InviteError(
            "That calendar file is damaged: I couldn't read it.", example=SHARE_INSTEAD
        ) from None


def _masters(events: list[icalendar.Event]) -> list[icalendar.Event]:
    """Each series' own event, and any changed occurrence sent without its series."""
    series = {str(e.get("UID")) for e in events if e.get("RECURRENCE-ID") is None}
    return [e for e in events if e.get("RECURRENCE-ID") is None or str(e.get("UID")) not in series]


def _next_occurrences(
    calendar: icalendar.Calendar, series: list[icalendar.Event], *, now: datetime
) -> dict[str, tuple[datetime, datetime]]:
    """For each repeating event, its first occurrence that has not ended yet."""
    found: dict[str, tuple[datetime, datetime]] = {}
    for master in series:
        uid = str(master.get("UID"))
        # Each series on its own: a broken event elsewhere in the file cannot stop it.
        alone = icalendar.Calendar()
        for component in calendar.subcomponents:
            if component.name == "VTIMEZONE" or str(component.get("UID")) == uid:
                alone.add_component(component)
        try:
            occurrences = recurring_ical_events.of(alone, skip_bad_series=True).after(now)
            occurrence = next(islice(occurrences, _RECURRENCE_HORIZON), None)
        except (KeyError, ValueError, TypeError, AttributeError):
            continue  # an unreadable rule: the series' own start stands
        if occurrence is not None and isinstance(occurrence.start, datetime):
            found[uid] = (occurrence.start, occurrence.end)
    return found


def _event(
    event: icalendar.Event,
    *,
    default_zone: ZoneInfo,
    method: str,
    moved: tuple[datetime, datetime] | None,
) -> InviteEvent | None:
    try:
        start, end = moved or (event.start, event.end)
    except (ValueError, KeyError, TypeError):
        return None  # no DTSTART, or an end before the start
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return None  # an all-day event: no time to thank anyone by
    zone = _zone_of(start.tzinfo, default_zone)
    start, end = _placed(start, zone), _placed(end, zone)
    if end <= start:
        end = start + timedelta(hours=1)
    return InviteEvent(
        uid=str(event.get("UID") or ""),
        sequence=_int(event.get("SEQUENCE")),
        summary=_text(event.get("SUMMARY")),
        starts_at=start,
        ends_at=end,
        zone=zone,
        organizer=_person(event.get("ORGANIZER")),
        attendees=tuple(p for p in map(_person, _listed(event.get("ATTENDEE"))) if p),
        location=_text(event.get("LOCATION")),
        description=_text(event.get("DESCRIPTION")),
        cancelled=method == "CANCEL" or str(event.get("STATUS") or "").upper() == "CANCELLED",
        recurring=event.get("RRULE") is not None,
    )


def _zone_of(found: tzinfo | None, default_zone: ZoneInfo) -> ZoneInfo:
    """The IANA zone an event's start names: Outlook's Windows names are mapped to IANA ones."""
    if isinstance(found, ZoneInfo) and found.key not in ("UTC", "Etc/UTC"):
        return found
    name = str(getattr(found, "_tzid", None) or getattr(found, "zone", None) or "")
    return _named_zone(name) or default_zone


def _named_zone(name: str) -> ZoneInfo | None:
    name = name.strip().strip('"')
    candidate = WINDOWS_TO_OLSON.get(name, name)
    if not candidate or candidate.upper() in ("UTC", "ETC/UTC", "Z", "GMT"):
        return None
    try:
        return ZoneInfo(candidate)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _placed(moment: datetime, zone: ZoneInfo) -> datetime:
    """A floating time is a wall time in `zone`; an anchored one keeps its instant."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def _listed(value: object) -> Iterable[object]:
    if value is None:
        return ()
    return value if isinstance(value, list) else (value,)


def _person(value: object) -> Person | None:
    if not isinstance(value, icalendar.vCalAddress):
        return None
    email = str(value.email or "").strip() or None
    if email and "@" not in email:
        email = None
    name = " ".join(str(value.name or "").split()) or None
    if name and email and name.casefold() == email.casefold():
        name = None  # Google repeats the address as the name when it knows no other
    kind = str(value.params.get("CUTYPE") or "").upper()
    if not name and not email:
        return None
    return Person(name=name, email=email, resource=kind in ("ROOM", "RESOURCE"))


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _int(value: object) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0

"""An invite's text as calendar emails carry it, pasted into Slack. Pure.

Google: a title, "Friday Dec 4, 2026 ⋅ 2pm – 2:45pm", "Time zone: America/New_York", then
"Guests" (or "Who:") one per line. Outlook: "When: Tuesday, December 8, 2026 10:00 AM-11:30 AM
(UTC-08:00) Pacific Time (US & Canada).", "Where: …", "Required Attendees: a; b".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slackbot.domain.invites import InviteEvent, Person

# An invite's text has a title, a time and people, each on its own line.
MIN_LINES = 3
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_DATE = re.compile(
    r"\b(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?",
)
_DAY_FIRST = re.compile(r"\b(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?(?:\s+(?P<year>\d{4}))?")
_TIME = re.compile(r"\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?(?![\d/])", re.I)
_IANA = re.compile(r"\b(?:Africa|America|Asia|Atlantic|Australia|Europe|Pacific)/[A-Za-z_/-]+")
_SPOKEN_ZONES = {
    "pacific": "America/Los_Angeles",
    "mountain": "America/Denver",
    "central": "America/Chicago",
    "eastern": "America/New_York",
    "british": "Europe/London",
    "greenwich": "Europe/London",
    "central european": "Europe/Berlin",
    "w. europe": "Europe/Berlin",
    "india": "Asia/Kolkata",
    "aus eastern": "Australia/Sydney",
}
_SPOKEN = re.compile(
    r"\b(central european|w\. europe|aus eastern|pacific|mountain|central|eastern|british|"
    r"greenwich|india)\s+(?:standard\s+|daylight\s+|summer\s+)?time\b",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?P<label>when|who|where|guests|organi[sz]er|required attendees|optional attendees|"
    r"attendees|subject|title|time zone|joining info|video call link|location)"
    r"\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_PEOPLE_LABELS = {
    "who",
    "guests",
    "organizer",
    "organiser",
    "required attendees",
    "optional attendees",
    "attendees",
}
_NOISE = re.compile(
    r"^(?:invitation from google calendar|you have been invited|view all guest info|reply for|"
    r"more options|join with google meet|join by phone|more phone numbers|invitation|"
    r"microsoft teams meeting|join the meeting now|meeting id|passcode|google meet joining info)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ROLE_NOTE = re.compile(r"\s+[-–]\s+(?:organi[sz]er|creator|optional)\s*$", re.IGNORECASE)
_LINK = re.compile(r"(?:https?://)?(?:meet\.google\.com|[\w-]+\.zoom\.us|teams\.microsoft\.com)\S*")


@dataclass(frozen=True)
class PastedInvite:
    event: InviteEvent
    # Read with confidence: a title, a start in a named zone, and people to thank.
    certain: bool


def read_pasted_invite(text: str, *, now: datetime, zone: ZoneInfo) -> PastedInvite | None:
    """The event an invite's pasted text describes; None when it does not read like one."""
    lines = [" ".join(line.split()) for line in text.replace("\r", "").split("\n")]
    if sum(1 for line in lines if line) < MIN_LINES:
        return None  # a one-line message is a reply, not an invite
    fields = _fields(lines)
    when_line = fields.get("when") or _date_line(lines)
    if when_line is None:
        return None
    named = _zone_in(" ".join([when_line, fields.get("time zone", "")]))
    found = _span(when_line, today=now.astimezone(named or zone).date(), zone=named or zone)
    if found is None:
        return None
    start, end = found
    title = fields.get("subject") or fields.get("title") or _title(lines, when_line)
    people = tuple(_people(lines))
    event = InviteEvent(
        uid="",
        sequence=0,
        summary=title or "",
        starts_at=start,
        ends_at=end,
        zone=named or zone,
        organizer=None,
        attendees=people,
        location=fields.get("where") or fields.get("location") or "",
        description=" ".join(
            link if link.startswith("http") else "https://" + link for link in _LINK.findall(text)
        ),
    )
    return PastedInvite(event=event, certain=bool(title and named and people))


def _fields(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lines:
        match = _LABEL.match(line)
        if match and match.group("rest"):
            found.setdefault(match.group("label").lower(), match.group("rest"))
    return found


def _date_line(lines: list[str]) -> str | None:
    """Google's line under the title: "Friday Dec 4, 2026 ⋅ 2pm – 2:45pm"."""
    for line in lines:
        if _find_date(line) and len(_TIME.findall(line)) >= 1 and not _EMAIL.search(line):
            return line
    return None


def _title(lines: list[str], when_line: str) -> str | None:
    for line in lines:
        if not line or line == when_line or _NOISE.match(line) or _LABEL.match(line):
            continue
        if _EMAIL.search(line) or line.lower().startswith("http"):
            continue
        return line[:200]
    return None


def _find_date(text: str) -> tuple[int, int, int | None] | None:
    for pattern in (_DATE, _DAY_FIRST):
        for match in pattern.finditer(text):
            month = _MONTHS.get(match.group("month").lower())
            if month:
                year = int(match.group("year")) if match.group("year") else None
                return month, int(match.group("day")), year
    return None


def _span(line: str, *, today: date, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    found = _find_date(line)
    if found is None:
        return None
    month, day, year = found
    try:
        day_of = date(year or today.year, month, day)
    except ValueError:
        return None
    if year is None and day_of < today - timedelta(days=180):
        day_of = day_of.replace(year=day_of.year + 1)
    times = _times(_without_date(line))
    if not times:
        return None
    start = datetime.combine(day_of, times[0], tzinfo=zone)
    end = datetime.combine(day_of, times[1], tzinfo=zone) if len(times) > 1 else start
    if end <= start:
        end = start + timedelta(hours=1)
    return start, end


def _without_date(line: str) -> str:
    line = _DATE.sub(" ", line)
    line = re.sub(r"\(UTC[+-]\d{1,2}:\d{2}\)|GMT[+-]\d{1,2}(?::\d{2})?", " ", line)
    return re.sub(r"\b\d{4}\b", " ", line)


def _times(text: str) -> list[time]:
    raw = [
        (int(m.group("h")), int(m.group("m") or 0), (m.group("ampm") or "").lower()[:1])
        for m in _TIME.finditer(text)
        if m.group("m") or m.group("ampm")
    ]
    # "2 – 2:45pm": a start without am/pm takes the end's.
    if len(raw) >= 2 and not raw[0][2] and raw[1][2]:
        raw[0] = (raw[0][0], raw[0][1], raw[1][2])
    out = []
    for hour, minute, half in raw[:2]:
        if half == "p" and hour < 12:
            hour += 12
        if half == "a" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return []
        out.append(time(hour, minute))
    return out


def _zone_in(text: str) -> ZoneInfo | None:
    for name in _IANA.findall(text):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    spoken = _SPOKEN.search(text)
    if spoken:
        return ZoneInfo(_SPOKEN_ZONES[spoken.group(1).lower()])
    return None


def _people(lines: list[str]) -> list[Person]:
    people: list[Person] = []
    in_list = False
    for line in lines:
        match = _LABEL.match(line)
        if match:
            label = match.group("label").lower()
            in_list = label in _PEOPLE_LABELS
            rest = match.group("rest")
            if in_list and rest:
                people += [_person(p) for p in re.split(r";\s*", rest) if p.strip()]
            continue
        if not line or _NOISE.match(line):
            in_list = in_list and bool(line)
            continue
        if in_list:
            people.append(_person(line))
    return [p for p in people if p.name or p.email]


def _person(text: str) -> Person:
    text = _ROLE_NOTE.sub("", text.strip())
    email_match = _EMAIL.search(text)
    email = email_match.group(0) if email_match else None
    name = _EMAIL.sub("", text).strip(" <>()[],;-") or None
    return Person(name=name, email=email)

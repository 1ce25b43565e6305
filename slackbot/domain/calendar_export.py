"""An .ics calendar of the user's upcoming prompts, one event each, in their zone. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from slackbot.domain.facts import InterviewFacts, PromptFacts
from slackbot.models import PromptStatus

# Each prompt shows as a short block in the calendar: long enough to write a note.
EVENT_LENGTH = timedelta(minutes=15)
PRODUCT = "-//Follow-Up Coach//Upcoming prompts//EN"
WHAT_TO_DO = {
    "thank_you": ("Thank-you notes", "Send each interviewer a short thank-you note today."),
    "nudge": ("Thank-you reminder", "Thank anyone you have not thanked yet."),
    "follow_up": ("Follow up", "No word yet: a short follow-up note to your main contact."),
    "closure": ("Ask for closure", "Ask, graciously, where things stand."),
}


@dataclass(frozen=True)
class CalendarExport:
    filename: str
    content: bytes
    events: int


def build_calendar(
    interviews: Sequence[InterviewFacts], *, zone: ZoneInfo, now: datetime, today: date
) -> CalendarExport:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Follow-Up Coach")
    calendar.add("x-wr-timezone", zone.key)
    count = 0
    for interview in interviews:
        if interview.closed_at is not None:
            continue
        for prompt in sorted(interview.prompts, key=lambda p: p.due_at):
            if prompt.status == PromptStatus.PENDING and prompt.due_at >= now:
                calendar.add_component(_event(interview, prompt, zone=zone, now=now))
                count += 1
    calendar.add_missing_timezones()
    return CalendarExport(
        filename=f"follow-up-coach-prompts-{today.isoformat()}.ics",
        content=calendar.to_ical(),
        events=count,
    )


def _event(
    interview: InterviewFacts, prompt: PromptFacts, *, zone: ZoneInfo, now: datetime
) -> icalendar.Event:
    name, what = WHAT_TO_DO.get(prompt.kind, (prompt.kind, ""))
    start = prompt.due_at.astimezone(zone)
    event = icalendar.Event()
    # A stable UID: exporting again updates the same events instead of adding copies.
    event.add("uid", f"prompt-{prompt.id}@follow-up-coach")
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("dtend", start + EVENT_LENGTH)
    event.add("summary", f"{name}: {interview.company} — {interview.role}")
    event.add("description", f"{what} Follow-Up Coach will message you in Slack.")
    event.add("transp", "TRANSPARENT")
    return event

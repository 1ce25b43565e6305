"""Invites pasted as text, the way Google Calendar and Outlook emails carry them."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from slackbot.domain.invite_drafts import draft_from_event
from slackbot.domain.invite_people import Me
from slackbot.domain.invite_text import read_pasted_invite

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
CHICAGO = ZoneInfo("America/Chicago")
DANA = Me(names=("Dana Whitfield",))

GOOGLE = """Interview: Dana Whitfield <> Globex (Platform Engineer)
Friday Dec 4, 2026 ⋅ 2pm – 2:45pm
Time zone: America/New_York
Google Meet joining info
Video call link: https://meet.google.com/xqd-bfpu-kzn
Guests
Priya Natarajan - organizer
Hank Scorpio
dana.whitfield@gmail.com
View all guest info"""

GOOGLE_OLDER = """Invitation from Google Calendar
Hooli - Data Analyst - Phone Screen
When: Thu Dec 10, 2026 9am – 9:30am Central Time - Chicago
Joining info: Join with Google Meet
meet.google.com/abc-defg-hij
Who:
Ann Lee - organizer
dana.whitfield@gmail.com"""

OUTLOOK = """Subject: Initech - Senior Data Engineer - Onsite Interview
When: Tuesday, December 8, 2026 10:00 AM-11:30 AM (UTC-08:00) Pacific Time (US & Canada).
Where: 2211 Elliott Ave, Suite 400, Seattle, WA 98121
Required Attendees: Maria Lopez; Peter Gibbons; Dana Whitfield"""


@pytest.mark.parametrize(
    ("text", "company", "role", "start", "length", "people", "kind"),
    [
        (
            GOOGLE,
            "Globex",
            "Platform Engineer",
            "2026-12-04T14:00:00-05:00",
            45,
            ["Priya Natarajan", "Hank Scorpio"],
            "video",
        ),
        (
            GOOGLE_OLDER,
            "Hooli",
            "Data Analyst",
            "2026-12-10T09:00:00-06:00",
            30,
            ["Ann Lee"],
            "video",
        ),
        (
            OUTLOOK,
            "Initech",
            "Senior Data Engineer",
            "2026-12-08T10:00:00-08:00",
            90,
            ["Maria Lopez", "Peter Gibbons"],
            "on-site",
        ),
    ],
)
def test_pasted_invites_are_read_with_confidence(
    text: str, company: str, role: str, start: str, length: int, people: list[str], kind: str
) -> None:
    pasted = read_pasted_invite(text, now=NOW, zone=CHICAGO)

    assert pasted is not None
    assert pasted.certain
    draft = draft_from_event(pasted.event, me=DANA)
    assert (draft.company, draft.role) == (company, role)
    assert draft.local_start.isoformat() == start
    assert draft.length_minutes == length
    assert [p.name for p in draft.interviewers] == people
    assert draft.format == kind


def test_without_a_named_zone_it_is_read_but_not_for_certain() -> None:
    text = "Globex - Platform Engineer\nFri Dec 4 2pm - 3pm\nWho:\nHank Scorpio"

    pasted = read_pasted_invite(text, now=NOW, zone=CHICAGO)

    assert pasted is not None
    assert not pasted.certain
    assert pasted.event.starts_at == datetime(2026, 12, 4, 14, 0, tzinfo=CHICAGO)


@pytest.mark.parametrize(
    "text",
    [
        "sent Maria",
        "Can we move it to Dec 5 at 3pm?",
        "Thanks!\nSee you soon\nDana",
        "Interview went well\nThey will get back to me\nFingers crossed",
    ],
)
def test_ordinary_messages_are_not_invites(text: str) -> None:
    assert read_pasted_invite(text, now=NOW, zone=CHICAGO) is None

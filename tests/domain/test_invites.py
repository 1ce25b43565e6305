"""Reading .ics invites: time zones, repeating events, and who to thank."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from slackbot.domain.interviewer_lists import InterviewerInput
from slackbot.domain.invite_drafts import (
    LogDraft,
    decode_draft,
    draft_from_event,
    encode_draft,
    guess_format,
)
from slackbot.domain.invite_people import Me, interviewers_from
from slackbot.domain.invites import InviteError, InviteEvent, Person, read_invite

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
CHICAGO = ZoneInfo("America/Chicago")
INVITES = Path(__file__).parent.parent / "fixtures" / "invites"
DANA = Me(names=("Dana Whitfield",))


def calendar(*lines: str, head: tuple[str, ...] = ()) -> bytes:
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", *head, "BEGIN:VEVENT"]
    body += ["UID:event-1", "SUMMARY:Initech - Data Engineer", *lines, "END:VEVENT"]
    return ("\r\n".join([*body, "END:VCALENDAR"]) + "\r\n").encode()


def only_event(data: bytes) -> InviteEvent:
    invite = read_invite(data, now=NOW, zone=CHICAGO)
    assert len(invite.events) == 1
    return invite.events[0]


def test_utc_times_are_shown_in_the_users_zone() -> None:
    event = only_event(calendar("DTSTART:20261203T160000Z", "DTEND:20261203T170000Z"))

    assert event.zone == CHICAGO
    assert event.starts_at.isoformat() == "2026-12-03T10:00:00-06:00"


def test_google_exports_name_their_zone_in_x_wr_timezone() -> None:
    data = calendar(
        "DTSTART:20261203T160000Z",
        "DTEND:20261203T170000Z",
        head=("X-WR-TIMEZONE:America/New_York",),
    )

    event = only_event(data)

    assert event.zone == ZoneInfo("America/New_York")
    assert event.starts_at.hour == 11


def test_floating_times_are_wall_times_in_the_users_zone() -> None:
    event = only_event(calendar("DTSTART:20261203T100000", "DURATION:PT45M"))

    assert event.starts_at == datetime(2026, 12, 3, 10, 0, tzinfo=CHICAGO)
    assert event.length_minutes == 45


def test_a_windows_zone_name_without_vtimezone_is_mapped_to_iana() -> None:
    event = only_event(
        calendar(
            "DTSTART;TZID=W. Europe Standard Time:20261203T100000",
            "DTEND;TZID=W. Europe Standard Time:20261203T110000",
        )
    )

    assert event.zone == ZoneInfo("Europe/Berlin")
    assert event.starts_at.astimezone(UTC).hour == 9


def test_outlooks_vtimezone_named_the_windows_way_is_mapped_to_iana() -> None:
    event = only_event((INVITES / "outlook-initech.ics").read_bytes())

    assert event.zone == ZoneInfo("America/Los_Angeles")
    assert event.starts_at.astimezone(UTC) == datetime(2026, 12, 8, 18, 0, tzinfo=UTC)


def test_a_repeating_event_gives_its_next_occurrence() -> None:
    event = only_event(
        calendar(
            "DTSTART;TZID=America/Chicago:20261102T090000",
            "DTEND;TZID=America/Chicago:20261102T093000",
            "RRULE:FREQ=WEEKLY;BYDAY=MO",
        )
    )

    assert event.recurring
    assert event.starts_at == datetime(2026, 12, 7, 9, 0, tzinfo=CHICAGO)


def test_all_day_events_are_not_interviews() -> None:
    with pytest.raises(InviteError, match="no event with a start time"):
        read_invite(calendar("DTSTART;VALUE=DATE:20261203"), now=NOW, zone=CHICAGO)


@pytest.mark.parametrize("data", [b"", b"hello", b"%PDF-1.4", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT"])
def test_what_is_not_a_calendar_says_so(data: bytes) -> None:
    with pytest.raises(InviteError):
        read_invite(data, now=NOW, zone=CHICAGO)


def test_cancel_method_marks_the_invite_as_cancelling() -> None:
    data = calendar("DTSTART:20261203T160000Z", "STATUS:CANCELLED", head=("METHOD:CANCEL",))

    assert read_invite(data, now=NOW, zone=CHICAGO).cancels


def event_with(*attendees: Person, organizer: Person | None = None) -> InviteEvent:
    start = datetime(2026, 12, 3, 10, tzinfo=CHICAGO)
    return InviteEvent(
        uid="u",
        sequence=0,
        summary="Initech interview",
        starts_at=start,
        ends_at=start,
        zone=CHICAGO,
        organizer=organizer,
        attendees=attendees,
        location="",
        description="",
    )


RECRUITER = Person(name="Sanjay Rao", email="sanjay@initech.example")
MARIA = Person(name="Maria Lopez", email="maria@initech.example")


def names(event: InviteEvent, me: Me = DANA) -> list[str]:
    return [p.name for p in interviewers_from(event, me=me)]


def test_the_user_is_left_out_by_name_and_their_address_with_it() -> None:
    me_by_email = Person(name=None, email="dana.whitfield@gmail.com")
    me_by_name = Person(name="dana whitfield", email="dana.whitfield@gmail.com")
    event = event_with(me_by_name, MARIA, me_by_email, organizer=RECRUITER)

    assert names(event) == ["Sanjay Rao", "Maria Lopez"]


def test_a_personal_address_among_the_employers_is_the_candidates() -> None:
    event = event_with(Person(name=None, email="someone.else@gmail.com"), MARIA)

    assert names(event, Me()) == ["Maria Lopez"]


def test_everyone_on_personal_addresses_is_kept() -> None:
    founders = (Person(name="Ann Lee", email="ann@gmail.com"), Person(name=None, email="bo@me.com"))

    assert names(event_with(*founders), Me()) == ["Ann Lee", "Bo"]


@pytest.mark.parametrize(
    "room",
    [
        Person(name="Board Room", email="board@initech.example", resource=True),
        Person(name="NYC-12-Cypress (6)", email="c_1888@resource.calendar.google.com"),
        Person(name="Conf Rm 4B 8 seats", email="conf4b@initech.example"),
    ],
)
def test_rooms_are_not_interviewers(room: Person) -> None:
    assert names(event_with(room, MARIA)) == ["Maria Lopez"]


def test_the_organiser_comes_first_once_and_mailers_are_dropped() -> None:
    event = event_with(
        MARIA,
        RECRUITER,
        Person(name=None, email="no-reply@greenhouse.io"),
        organizer=RECRUITER,
    )

    assert names(event) == ["Sanjay Rao", "Maria Lopez"]


def test_the_user_as_organiser_is_left_out_and_outlook_names_read_first_last() -> None:
    event = event_with(
        Person(name="Lopez, Maria", email="maria@stark.example"),
        organizer=Person(name="Dana Whitfield", email="dana.w@icloud.com"),
    )

    assert names(event) == ["Maria Lopez"]


def test_a_nameless_attendee_is_named_from_the_address() -> None:
    event = event_with(Person(name=None, email="peter.gibbons@initech.example"))

    assert interviewers_from(event, me=DANA) == (
        InterviewerInput(name="Peter Gibbons", email="peter.gibbons@initech.example"),
    )


@pytest.mark.parametrize(
    ("location", "description", "kind"),
    [
        ("https://initech.zoom.us/j/123", "", "video"),
        ("", "Join with Google Meet: https://meet.google.com/abc-defg-hij", "video"),
        ("Microsoft Teams Meeting", "https://teams.microsoft.com/l/meetup-join/19%3a", "video"),
        ("2211 Elliott Ave, Suite 400, Seattle, WA 98121", "", "on-site"),
        ("Friedrichstraße 68, 10117 Berlin", "", "on-site"),
        ("+1 646-555-0142", "", "phone"),
        ("", "", None),
    ],
)
def test_the_format_comes_from_the_location(location: str, description: str, kind: str) -> None:
    assert guess_format(location, description) == kind


def test_a_draft_survives_its_trip_through_a_button_value() -> None:
    draft = draft_from_event(only_event((INVITES / "outlook-initech.ics").read_bytes()), me=DANA)

    assert decode_draft(encode_draft(draft)) == draft


def test_a_draft_too_big_for_a_button_keeps_its_people_without_emails() -> None:
    start = datetime(2026, 12, 3, 10, tzinfo=CHICAGO)
    people = tuple(
        InterviewerInput(name=f"Person Number {i} " + "x" * 60, email=f"{'p' * 90}{i}@x.example")
        for i in range(12)
    )
    draft = LogDraft(
        company="Initech",
        role="Engineer",
        starts_at=start,
        length_minutes=60,
        zone="America/Chicago",
        interviewers=people,
        uid="u" * 255,
    )

    value = encode_draft(draft)

    assert len(value) <= 2000
    decoded = decode_draft(value)
    assert decoded is not None
    assert len(decoded.interviewers) == 12


@pytest.mark.parametrize("value", ["", "{}", "not json", '{"s": "x"}', "[1, 2]"])
def test_a_value_that_is_not_a_draft_reads_as_none(value: str) -> None:
    assert decode_draft(value) is None


def test_a_skipped_occurrence_is_passed_over_and_a_broken_neighbour_ignored() -> None:
    data = calendar(
        "DTSTART;TZID=America/Chicago:20261102T090000",
        "DTEND;TZID=America/Chicago:20261102T093000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO",
        "EXDATE;TZID=America/Chicago:20261207T090000",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:broken",
        "SUMMARY:no start at all",
    )

    event = only_event(data)

    assert event.starts_at == datetime(2026, 12, 14, 9, 0, tzinfo=CHICAGO)

"""Calendar invites shared in the DM, through the real app over HTTP."""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from sqlalchemy import select

from slackbot.blocks import ids
from slackbot.models import Interview, Prompt, PromptKind, PromptStatus
from slackbot.sandbox.answers import visible_text
from tests.conftest import Bot
from tests.e2e.helpers import LOG_TEXT, count_interviews, eventually, last_response, opened_view

DANA = "U0DANA001"
MALLORY = "U0MALLORY"
INVITES = Path(__file__).parent.parent / "fixtures" / "invites"


def share(bot: Bot, name: str, content: bytes | None = None) -> dict:
    """Drop a file into Dana's DM; the bot's answer (the newest message it posts there)."""
    before = len(bot.fake.dm_messages(DANA))
    data = content if content is not None else (INVITES / name).read_bytes()
    sent = bot.slack.share_file(DANA, name=name, content=data)
    assert sent.status == 200
    messages = eventually(
        lambda: len(bot.fake.dm_messages(DANA)) > before and bot.fake.dm_messages(DANA)
    )
    assert messages, "the bot did not answer the shared file"
    return messages[-1]


def click(bot: Bot, message: dict, action_id: str) -> None:
    reply = bot.slack.click(DANA, action_id=action_id, message=message)
    assert reply.status == 200


def current(bot: Bot, message: dict) -> dict:
    return next(m for m in bot.fake.dm_messages(DANA) if m["ts"] == message["ts"])


def logged(bot: Bot) -> Interview:
    with bot.sessions() as session:
        return session.scalars(select(Interview)).one()


@pytest.mark.parametrize(
    ("name", "company", "role", "when", "people", "absent"),
    [
        (
            "google-globex.ics",
            "Globex",
            "Platform Engineer",
            "Fri, Dec 4 at 2:00 PM–2:45 PM (New York time)",
            ["Priya Natarajan", "Hank Scorpio"],
            ["dana.whitfield@gmail.com", "Cypress Creek"],
        ),
        (
            "outlook-initech.ics",
            "Initech",
            "Senior Data Engineer",
            "Tue, Dec 8 at 10:00 AM–11:30 AM (Los Angeles time)",
            ["Sanjay Rao", "Maria Lopez", "Peter Gibbons"],
            ["Dana Whitfield", "Conf Rm"],
        ),
        (
            "apple-stark.ics",
            "Stark Industries",
            "Product Designer",
            "Wed, Dec 9 at 3:30 PM–4:30 PM (London time)",
            ["Maria Lopez", "Tony Chen"],
            ["Dana Whitfield", "dana.w@icloud.com"],
        ),
    ],
)
def test_a_shared_invite_is_read_and_logged_with_one_click(
    bot: Bot,
    name: str,
    company: str,
    role: str,
    when: str,
    people: list[str],
    absent: list[str],
) -> None:
    answer = share(bot, name)

    shown = visible_text(answer)
    assert f"*{company}* — {role}" in shown
    assert when in shown
    assert "your time (Chicago time)" in shown
    for person in people:
        assert person in shown
    for hidden in absent:
        assert hidden not in shown
    assert count_interviews(bot.sessions) == 0  # nothing stored before the user says so

    click(bot, answer, ids.INVITE_LOG)

    confirmation = eventually(lambda: "Logged #1" in visible_text(current(bot, answer)))
    assert confirmation
    interview = logged(bot)
    assert (interview.company, interview.role) == (company, role)
    assert [p.name for p in interview.interviewers] == people
    assert interview.invite_uid


def test_outlook_windows_zone_gives_the_right_instant(bot: Bot) -> None:
    answer = share(bot, "outlook-initech.ics")
    click(bot, answer, ids.INVITE_LOG)
    eventually(lambda: count_interviews(bot.sessions))

    interview = logged(bot)
    # 10:00 Pacific (Windows "Pacific Standard Time") is 18:00 UTC in December.
    assert interview.starts_at.isoformat() == "2026-12-08T18:00:00+00:00"
    assert interview.length_minutes == 90
    assert interview.format == "on-site"


def test_edit_first_opens_the_form_filled_from_the_invite(bot: Bot) -> None:
    answer = share(bot, "google-globex.ics")
    click(bot, answer, ids.INVITE_EDIT)

    view = opened_view(bot.fake)
    shown = visible_text(view)
    assert view["title"]["text"] == "Log an interview"
    blocks = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert blocks[ids.F_COMPANY]["initial_value"] == "Globex"
    assert blocks[ids.F_ROLE]["initial_value"] == "Platform Engineer"
    # 2:00 PM New York is 1:00 PM in Dana's Chicago.
    assert blocks[ids.F_DATE]["initial_date"] == "2026-12-04"
    assert blocks[ids.F_TIME]["initial_time"] == "13:00"
    people = blocks[ids.F_INTERVIEWERS]["initial_value"]
    assert "Hank Scorpio, hank.scorpio@globex.example" in people
    assert "Chicago time" in shown

    submitted = bot.slack.submit(DANA, view, {ids.F_ROLE: "Senior Platform Engineer"})
    assert submitted.status == 200
    eventually(lambda: count_interviews(bot.sessions))
    interview = logged(bot)
    assert interview.role == "Senior Platform Engineer"
    assert interview.invite_uid == "5k2v9q8r1t3m7n0b4c6x@google.com"


def test_an_updated_invite_moves_the_interview_and_its_thank_you(bot: Bot) -> None:
    click(bot, share(bot, "google-globex.ics"), ids.INVITE_LOG)
    eventually(lambda: count_interviews(bot.sessions))

    answer = share(bot, "google-globex-moved.ics")

    shown = visible_text(answer)
    assert "moved #1 *Globex* — Platform Engineer" in shown
    assert "from Fri, Dec 4 at 1:00 PM to Mon, Dec 7 at 10:00 AM" in shown
    with bot.sessions() as session:
        interview = session.scalars(select(Interview)).one()
        assert interview.starts_at.isoformat() == "2026-12-07T16:00:00+00:00"
        assert interview.invite_sequence == 1
        thank_you = session.scalars(
            select(Prompt).where(
                Prompt.kind == PromptKind.THANK_YOU, Prompt.status == PromptStatus.PENDING
            )
        ).one()
        # An hour after the 45-minute interview ends.
        assert thank_you.due_at.isoformat() == "2026-12-07T17:45:00+00:00"
    assert count_interviews(bot.sessions) == 1

    again = share(bot, "google-globex-moved.ics")
    assert "You already logged this invite as #1" in visible_text(again)


def test_a_cancelled_invite_offers_to_cancel_the_interview(bot: Bot) -> None:
    click(bot, share(bot, "google-globex.ics"), ids.INVITE_LOG)
    eventually(lambda: count_interviews(bot.sessions))

    answer = share(bot, "google-globex-cancelled.ics")

    assert "This invite cancels #1 *Globex* — Platform Engineer" in visible_text(answer)
    assert count_interviews(bot.sessions) == 1  # only offered
    click(bot, answer, ids.CANCEL_CONFIRM)
    assert eventually(lambda: count_interviews(bot.sessions) == 0)


def test_cancelling_an_invite_never_logged_says_so(bot: Bot) -> None:
    answer = share(bot, "google-globex-cancelled.ics")

    assert "nothing to cancel" in visible_text(answer)
    assert count_interviews(bot.sessions) == 0


def test_a_calendar_with_several_events_asks_which(bot: Bot) -> None:
    google = (INVITES / "google-globex.ics").read_text()
    apple = (INVITES / "apple-stark.ics").read_text()
    event = apple[apple.index("BEGIN:VEVENT") : apple.index("END:VEVENT") + len("END:VEVENT")]
    both = google.replace("END:VCALENDAR", event + "\r\nEND:VCALENDAR")

    answer = share(bot, "two-events.ics", both.encode())

    shown = visible_text(answer)
    assert "This calendar holds 2 events" in shown
    assert "Globex" in shown
    assert "Stark Industries" in shown
    bot.slack.click(DANA, action_id=ids.INVITE_PICK, message=answer, value=None)
    picked = eventually(lambda: "From your invite" in visible_text(current(bot, answer)))
    assert picked


PAST_EVENT = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
METHOD:REQUEST\r
BEGIN:VEVENT\r
DTSTART:20261002T150000Z\r
DTEND:20261002T160000Z\r
UID:past-1@google.com\r
ORGANIZER;CN=Ann Lee:mailto:ann.lee@hooli.example\r
SUMMARY:Hooli - Data Analyst - Phone Screen\r
END:VEVENT\r
END:VCALENDAR\r
"""
NO_EVENT = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Apple Inc.//macOS 15.1//EN\r
BEGIN:VTODO\r
UID:todo-1\r
SUMMARY:Send portfolio\r
END:VTODO\r
END:VCALENDAR\r
"""


def test_an_event_long_past_is_offered_not_assumed(bot: Bot) -> None:
    answer = share(bot, "past.ics", PAST_EVENT)

    shown = visible_text(answer)
    assert "That was a while ago. Log it anyway?" in shown
    assert "Log it anyway" in shown
    assert count_interviews(bot.sessions) == 0


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("resume.pdf", b"%PDF-1.7 not a calendar", "That file isn't a calendar invite."),
        ("notes.ics", b"Interview with Initech on Tuesday", "That file isn't a calendar invite."),
        ("todo.ics", NO_EVENT, "That calendar has no event with a start time in it."),
        ("huge.ics", b"BEGIN:VCALENDAR\r\n" + b"X" * 1_100_000, "That file is over 1 MB"),
    ],
)
def test_bad_files_get_one_line_and_store_nothing(
    bot: Bot, name: str, content: bytes, problem: str
) -> None:
    answer = share(bot, name, content)

    shown = visible_text(answer)
    assert problem in shown
    assert "/interview log" in shown
    assert "\n" not in shown
    assert count_interviews(bot.sessions) == 0


def test_a_failed_download_is_answered_and_stores_nothing(bot: Bot) -> None:
    original = bot.fake.share_file

    def broken(user_id: str, **kwargs: object) -> dict:
        shared = original(user_id, **kwargs)  # type: ignore[arg-type]
        bot.fake.shared_files.break_download(shared["id"])
        return shared

    bot.fake.share_file = broken  # type: ignore[method-assign]
    answer = share(bot, "google-globex.ics")

    assert "I couldn't download that file from Slack." in visible_text(answer)
    assert count_interviews(bot.sessions) == 0


def test_the_file_is_served_only_with_the_bot_token(bot: Bot) -> None:
    shared = bot.fake.share_file(DANA, name="x.ics", content=b"BEGIN:VCALENDAR")

    # Without the token Slack sends a sign-in page instead of the file.
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(shared["url_private"])
    share(bot, "google-globex.ics")
    assert bot.fake.calls("files.info")
    assert bot.fake.calls("url_private")


# -- the other way round: upcoming prompts as a calendar ----------------------------------------


def test_export_calendar_sends_upcoming_prompts_that_a_calendar_parser_reads(bot: Bot) -> None:
    bot.slack.command(DANA, LOG_TEXT)  # Initrode, tomorrow (Thu Dec 3) 10:00 Chicago
    bot.slack.command(MALLORY, "log Umbrella | QA | tomorrow 9am | Albert Wesker")

    reply = bot.slack.command(DANA, "export calendar")

    assert reply.status == 200
    done = visible_text(last_response(bot.fake, reply.response_url))
    assert "I've sent your upcoming prompts to our DM as a calendar file" in done
    [upload] = eventually(lambda: [f for f in bot.fake.files() if "content" in f])
    assert upload["channel_id"] == bot.fake.dm_channel(DANA)
    assert upload["filename"].endswith(".ics")
    parsed = icalendar.Calendar.from_ical(upload["content"])
    events = {str(e["SUMMARY"]): e for e in parsed.walk("VEVENT")}
    assert "Umbrella" not in upload["content"].decode()
    thank_you = events["Thank-you notes: Initrode — Data Engineer"]
    # An hour after the 10:00–11:00 interview, in Dana's zone.
    assert thank_you.start == datetime(2026, 12, 3, 12, 0, tzinfo=ZoneInfo("America/Chicago"))
    assert thank_you.start.tzinfo.key == "America/Chicago"
    assert any(name.startswith("Follow up: Initrode") for name in events)
    with bot.sessions() as session:
        pending = session.scalars(
            select(Prompt).where(Prompt.user_id == DANA, Prompt.status == PromptStatus.PENDING)
        ).all()
    assert len(events) == len(pending)


def test_export_with_an_unknown_format_says_what_it_can_do(bot: Bot) -> None:
    reply = bot.slack.command(DANA, "export pdf")

    assert "not “pdf”" in reply.text
    assert "/interview export calendar" in reply.text
    assert bot.fake.files() == []


# -- pasted invites ------------------------------------------------------------------------------

PASTED = """Interview: Dana Whitfield <> Globex (Platform Engineer)
Friday Dec 4, 2026 ⋅ 2pm – 2:45pm
Time zone: America/New_York
Video call link: https://meet.google.com/xqd-bfpu-kzn
Guests
Priya Natarajan - organizer
Hank Scorpio
dana.whitfield@gmail.com"""


def test_an_invite_pasted_in_the_dm_is_offered_for_logging(bot: Bot) -> None:
    before = len(bot.fake.dm_messages(DANA))
    bot.slack.dm(DANA, PASTED)
    messages = eventually(
        lambda: len(bot.fake.dm_messages(DANA)) > before and bot.fake.dm_messages(DANA)
    )
    answer = messages[-1]

    shown = visible_text(answer)
    assert "*Globex* — Platform Engineer" in shown
    assert "Fri, Dec 4 at 2:00 PM–2:45 PM (New York time)" in shown
    assert "Hank Scorpio" in shown
    assert "dana.whitfield" not in shown
    click(bot, answer, ids.INVITE_LOG)
    assert eventually(lambda: count_interviews(bot.sessions) == 1)
    assert logged(bot).starts_at.isoformat() == "2026-12-04T19:00:00+00:00"


def test_an_invite_pasted_after_log_gives_log_it_and_edit_first(bot: Bot) -> None:
    reply = bot.slack.command(DANA, "log " + PASTED)

    assert reply.status == 200
    assert "*Globex* — Platform Engineer" in reply.text
    assert count_interviews(bot.sessions) == 0
    bot.slack.click(DANA, action_id=ids.INVITE_LOG, ephemeral_blocks=reply.json()["blocks"])
    assert eventually(lambda: count_interviews(bot.sessions) == 1)


def test_a_pasted_invite_read_in_part_opens_the_form_with_what_was_found(bot: Bot) -> None:
    reply = bot.slack.command(DANA, "log Globex - Platform Engineer\nFri Dec 4 2pm - 3pm\nWho:")

    assert reply.status == 200
    view = opened_view(bot.fake)
    blocks = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert blocks[ids.F_COMPANY]["initial_value"] == "Globex"
    assert blocks[ids.F_TIME]["initial_time"] == "14:00"
    assert "initial_value" not in blocks[ids.F_INTERVIEWERS]
    assert count_interviews(bot.sessions) == 0


def test_the_bots_own_uploads_are_not_read_back(bot: Bot) -> None:
    bot.slack.share_file(
        bot.fake.bot_user_id, name="follow-up-coach-prompts.ics", content=PAST_EVENT
    )
    bot.slack.share_file(
        DANA, name="google-globex.ics", content=(INVITES / "google-globex.ics").read_bytes()
    )

    answers = eventually(lambda: bot.fake.calls("chat.postMessage"))
    assert len(answers) == 1
    assert "Globex" in answers[0].args["text"]
    assert len(bot.fake.calls("files.info")) == 1  # only Dana's file was looked at

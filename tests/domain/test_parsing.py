"""What users type, turned into checked values: every accepted form and many rejected ones."""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from slackbot.domain.fields import (
    MAX_COMPANY,
    MAX_LENGTH_MINUTES,
    MAX_NOTES,
    MAX_ROLE,
    MAX_TOPIC,
    check_company,
    check_notes,
    check_role,
    check_topic,
    parse_length,
    parse_number,
)
from slackbot.domain.interviewer_lists import (
    MAX_INTERVIEWERS,
    MAX_NAME,
    MAX_TITLE,
    InterviewerInput,
    parse_interviewer_lines,
    parse_interviewers,
)
from slackbot.domain.log_line import LOG_EXAMPLE, LogInput, parse_log_text
from slackbot.domain.slack_text import decode_slack_text
from slackbot.domain.user_input import InputError
from slackbot.domain.when import parse_when

CHICAGO = ZoneInfo("America/Chicago")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
# Wednesday 2026-12-02, 09:00 in Chicago.
NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
# Monday 2026-12-07, 09:00 in Chicago.
MONDAY = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)


def chicago(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CHICAGO)


def when(text: str, *, now: datetime = NOW, zone: ZoneInfo = CHICAGO) -> datetime:
    result = parse_when(text, now=now, zone=zone)
    assert result.tzinfo is zone
    return result


# --- parse_when: accepted forms --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01 14:00", chicago(2026, 12, 1, 14, 0)),
        ("2026-12-01 2pm", chicago(2026, 12, 1, 14, 0)),
        ("2026-12-01T14:00", chicago(2026, 12, 1, 14, 0)),
        ("2026-12-01 14:00:00", chicago(2026, 12, 1, 14, 0)),
        ("2026/12/01 14:00", chicago(2026, 12, 1, 14, 0)),
        ("today 3pm", chicago(2026, 12, 2, 15, 0)),
        ("today 15:00", chicago(2026, 12, 2, 15, 0)),
        ("Today 3 PM", chicago(2026, 12, 2, 15, 0)),
        ("tomorrow 10:30", chicago(2026, 12, 3, 10, 30)),
        ("tomorrow 10am", chicago(2026, 12, 3, 10, 0)),
        ("tomorrow at 10am", chicago(2026, 12, 3, 10, 0)),
        ("tmrw 10:30", chicago(2026, 12, 3, 10, 30)),
        ("tomorrow noon", chicago(2026, 12, 3, 12, 0)),
        ("yesterday 4pm", chicago(2026, 12, 1, 16, 0)),
        ("yesterday 4:05 p.m.", chicago(2026, 12, 1, 16, 5)),
        ("  yesterday   16:00  ", chicago(2026, 12, 1, 16, 0)),
        ("mon 2pm", chicago(2026, 12, 7, 14, 0)),
        ("monday 14:00", chicago(2026, 12, 7, 14, 0)),
        ("Monday 2pm", chicago(2026, 12, 7, 14, 0)),
        ("on mon at 2pm", chicago(2026, 12, 7, 14, 0)),
        ("2pm mon", chicago(2026, 12, 7, 14, 0)),
        ("3pm tomorrow", chicago(2026, 12, 3, 15, 0)),
        ("wed 2pm", chicago(2026, 12, 2, 14, 0)),  # today is Wednesday: today
        ("tue 9am", chicago(2026, 12, 8, 9, 0)),
        ("sun 11:00", chicago(2026, 12, 6, 11, 0)),
        ("last mon 2pm", chicago(2026, 11, 30, 14, 0)),
        ("last wed 9am", chicago(2026, 11, 25, 9, 0)),  # strictly before today
        ("last thu 9am", chicago(2026, 11, 26, 9, 0)),
        ("last tuesday 9am", chicago(2026, 12, 1, 9, 0)),
        ("Dec 3 9am", chicago(2026, 12, 3, 9, 0)),
        ("December 3 9:30am", chicago(2026, 12, 3, 9, 30)),
        ("3 Dec 9am", chicago(2026, 12, 3, 9, 0)),
        ("Dec 3rd 9am", chicago(2026, 12, 3, 9, 0)),
        ("3rd of December at 9am", chicago(2026, 12, 3, 9, 0)),
        ("Dec. 3, 9am", chicago(2026, 12, 3, 9, 0)),
        ("Dec 3 2026 9am", chicago(2026, 12, 3, 9, 0)),
        ("Dec 3, 2026 at 9:00 a.m.", chicago(2026, 12, 3, 9, 0)),
        ("thu Dec 3 9am", chicago(2026, 12, 3, 9, 0)),
        ("Nov 20 10am", chicago(2026, 11, 20, 10, 0)),
        ("Jun 1 9am", chicago(2027, 6, 1, 9, 0)),  # 181 days ahead beats 184 days back
        ("now", chicago(2026, 12, 2, 9, 0)),
        ("Now", chicago(2026, 12, 2, 9, 0)),
        ("just now", chicago(2026, 12, 2, 9, 0)),
        ("3pm", chicago(2026, 12, 2, 15, 0)),
        ("3 pm", chicago(2026, 12, 2, 15, 0)),
        ("3:15 pm", chicago(2026, 12, 2, 15, 15)),
        ("3:15pm", chicago(2026, 12, 2, 15, 15)),
        ("12am", chicago(2026, 12, 2, 0, 0)),
        ("12:30am", chicago(2026, 12, 2, 0, 30)),
        ("12pm", chicago(2026, 12, 2, 12, 0)),
        ("0:00", chicago(2026, 12, 2, 0, 0)),
        ("23:59", chicago(2026, 12, 2, 23, 59)),
        ("midnight", chicago(2026, 12, 2, 0, 0)),
        ("2 hours ago", chicago(2026, 12, 2, 7, 0)),
        ("an hour ago", chicago(2026, 12, 2, 8, 0)),
        ("45 min ago", chicago(2026, 12, 2, 8, 15)),
        ("in 30 minutes", chicago(2026, 12, 2, 9, 30)),
        ("in 1 hour and 15 minutes", chicago(2026, 12, 2, 10, 15)),
        ("1h 30m ago", chicago(2026, 12, 2, 7, 30)),
    ],
)
def test_when_forms(text: str, expected: datetime) -> None:
    assert when(text) == expected


def test_nearest_date_picks_the_closer_year() -> None:
    # May 30 2026 is 186 days back, May 30 2027 is 179 days ahead: the future one is nearer.
    assert when("May 30 9am") == chicago(2027, 5, 30, 9, 0)
    # Jun 10 2026 is 175 days back, 2027 is 190 ahead: the past one is nearer.
    assert when("Jun 10 9am") == chicago(2026, 6, 10, 9, 0)


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        (datetime(2026, 12, 30, 18, 0, tzinfo=UTC), "Jan 2 9am", chicago(2027, 1, 2, 9, 0)),
        (datetime(2026, 12, 30, 18, 0, tzinfo=UTC), "2 Jan 9am", chicago(2027, 1, 2, 9, 0)),
        (datetime(2026, 12, 30, 18, 0, tzinfo=UTC), "Dec 28 9am", chicago(2026, 12, 28, 9, 0)),
        (datetime(2027, 1, 2, 18, 0, tzinfo=UTC), "Dec 30 9am", chicago(2026, 12, 30, 9, 0)),
        (datetime(2027, 1, 2, 18, 0, tzinfo=UTC), "Jan 5 9am", chicago(2027, 1, 5, 9, 0)),
        # Feb 29 exists only in 2028 here, which is within reach from late 2027.
        (datetime(2027, 12, 1, 18, 0, tzinfo=UTC), "Feb 29 9am", chicago(2028, 2, 29, 9, 0)),
    ],
)
def test_nearest_date_around_new_year(now: datetime, text: str, expected: datetime) -> None:
    assert when(text, now=now) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon 2pm", chicago(2026, 12, 7, 14, 0)),  # today is Monday: today
        ("monday 8am", chicago(2026, 12, 7, 8, 0)),  # even if the time has already passed
        ("last mon 2pm", chicago(2026, 11, 30, 14, 0)),
        ("tue 2pm", chicago(2026, 12, 8, 14, 0)),
        ("sun 2pm", chicago(2026, 12, 13, 14, 0)),
        ("last sun 2pm", chicago(2026, 12, 6, 14, 0)),
    ],
)
def test_weekdays_on_a_monday(text: str, expected: datetime) -> None:
    assert when(text, now=MONDAY) == expected


def test_now_is_converted_to_the_zone_before_reading_today() -> None:
    # 03:00 UTC on Dec 3 is still the evening of Dec 2 in Chicago.
    late = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)
    assert when("today 3pm", now=late) == chicago(2026, 12, 2, 15, 0)
    assert when("tomorrow 9am", now=late) == chicago(2026, 12, 3, 9, 0)
    assert when("now", now=late) == chicago(2026, 12, 2, 21, 0)


def test_now_in_another_zone_and_naive_now_count_the_same() -> None:
    in_tokyo = NOW.astimezone(ZoneInfo("Asia/Tokyo"))
    assert when("today 3pm", now=in_tokyo) == chicago(2026, 12, 2, 15, 0)
    assert when("today 3pm", now=NOW.replace(tzinfo=None)) == chicago(2026, 12, 2, 15, 0)


def test_now_drops_seconds() -> None:
    assert when("now", now=NOW + timedelta(seconds=42, microseconds=7)) == chicago(
        2026, 12, 2, 9, 0
    )


# --- parse_when: daylight saving ------------------------------------------------------------

SPRING_2026 = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def test_berlin_offsets_follow_daylight_saving() -> None:
    before = when("2026-03-28 10:00", now=SPRING_2026, zone=BERLIN)
    after = when("2026-03-30 10:00", now=SPRING_2026, zone=BERLIN)
    assert before.utcoffset() == timedelta(hours=1)
    assert after.utcoffset() == timedelta(hours=2)
    assert (before.hour, after.hour) == (10, 10)


def test_berlin_spring_forward_gap_moves_past_the_gap() -> None:
    # 02:30 on 2026-03-29 never happens in Berlin: clocks jump from 02:00 to 03:00.
    result = when("2026-03-29 02:30", now=SPRING_2026, zone=BERLIN)
    assert (result.hour, result.minute) == (3, 30)
    assert result.utcoffset() == timedelta(hours=2)
    assert result.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_berlin_fall_back_takes_the_first_of_two_times() -> None:
    # 02:30 on 2026-10-25 happens twice; the first (still summer time) is meant.
    result = when("2026-10-25 02:30", now=SPRING_2026, zone=BERLIN)
    assert result.utcoffset() == timedelta(hours=2)
    assert result.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_new_york_spring_forward_gap() -> None:
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    result = when("2026-03-08 2:30am", now=now, zone=NEW_YORK)
    assert (result.hour, result.minute) == (3, 30)
    assert result.utcoffset() == timedelta(hours=-4)
    assert result.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert when("Mar 8 1:59am", now=now, zone=NEW_YORK).utcoffset() == timedelta(hours=-5)
    assert when("Mar 8 3am", now=now, zone=NEW_YORK).utcoffset() == timedelta(hours=-4)


def test_relative_offsets_count_real_hours_across_a_dst_change() -> None:
    # 2026-03-08 08:00 UTC is 04:00 EDT; three real hours earlier was 00:00 EST.
    now = datetime(2026, 3, 8, 8, 0, tzinfo=UTC)
    assert when("3 hours ago", now=now, zone=NEW_YORK) == datetime(
        2026, 3, 8, 0, 0, tzinfo=NEW_YORK
    )


# --- parse_when: limits and messages ---------------------------------------------------------


def test_past_and_future_limits() -> None:
    assert when("2025-12-03 10:00") == chicago(2025, 12, 3, 10, 0)
    assert when("2028-11-30 10:00") == chicago(2028, 11, 30, 10, 0)
    with pytest.raises(InputError, match="more than a year ago"):
        when("2025-11-30 10:00")
    with pytest.raises(InputError, match="more than two years away"):
        when("2028-12-05 10:00")


def test_a_bare_day_asks_for_a_time() -> None:
    with pytest.raises(InputError) as caught:
        when("tomorrow")
    assert "time" in caught.value.problem
    assert caught.value.example == "tomorrow 10:30"
    assert caught.value.field == "time"


@pytest.mark.parametrize("text", ["someday", "25:00", "tomorrow 10:75", "Feb 30 10am"])
def test_nonsense_names_what_was_not_understood(text: str) -> None:
    with pytest.raises(InputError) as caught:
        when(text)
    error = caught.value
    quoted = text.split()[-1] if text != "Feb 30 10am" else "Feb 30"
    assert quoted in error.problem
    assert "tomorrow 10:30" in error.example
    assert "mon 2pm" in error.example
    assert "Dec 3 9am" in error.example
    assert "2026-12-01 14:00" in error.example


def test_a_weekday_that_does_not_match_the_date_is_an_error() -> None:
    with pytest.raises(InputError, match="Thursday, not a Wednesday"):
        when("wed Dec 3 9am")


def test_long_nonsense_is_shortened_in_the_message() -> None:
    with pytest.raises(InputError) as caught:
        when("x" * 500)
    assert len(caught.value.problem) < 120


# --- decode_slack_text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("<mailto:a@b.co|a@b.co>", "a@b.co"),
        ("<mailto:a@b.co>", "a@b.co"),
        ("<https://x.y/z|label>", "label"),
        ("<https://x.y/z>", "https://x.y/z"),
        ("<@U123|dana>", "@dana"),
        ("<@U123>", "@U123"),
        ("<#C123|jobs>", "#jobs"),
        ("<#C123>", "#C123"),
        ("<!here>", "@here"),
        ("<!here|here>", "@here"),
        ("<!channel>", "@channel"),
        ("<!everyone>", "@everyone"),
        ("<!subteam^S1|@team>", "@team"),
        ("<!subteam^S1>", "@S1"),
        ("<!date^1392734382^{date}|Feb 18>", "Feb 18"),
        ("AT&amp;T", "AT&T"),
        ("a &lt; b &gt; c", "a < b > c"),
        # Entities are decoded once, ampersand last: no double decoding.
        ("&amp;lt;", "&lt;"),
        # Escaped brackets are text, not markup: they must not become a mention.
        ("&lt;!channel&gt;", "<!channel>"),
        ("Sanjay Rao &lt;<mailto:s@x.io|s@x.io>&gt;", "Sanjay Rao <s@x.io>"),
        ("<https://x.y/?a=1&amp;b=2|R&amp;D>", "R&D"),
        ("no markup at all", "no markup at all"),
        ("", ""),
    ],
)
def test_decode_slack_text(raw: str, plain: str) -> None:
    assert decode_slack_text(raw) == plain


def test_decoded_command_parses() -> None:
    raw = (
        "Initech &amp; Co | Data Engineer | tomorrow 10:00 | "
        "Maria Lopez (Director), Sanjay Rao "
        "&lt;<mailto:sanjay@initech.example|sanjay@initech.example>&gt;"
    )
    result = parse_log_text(decode_slack_text(raw), now=NOW, zone=CHICAGO)
    assert result.company == "Initech & Co"
    assert result.interviewers[1] == InterviewerInput("Sanjay Rao", None, "sanjay@initech.example")


# --- parse_log_text ---------------------------------------------------------------------------


def test_log_example_parses() -> None:
    text = LOG_EXAMPLE.removeprefix("/interview log ")
    assert parse_log_text(text, now=NOW, zone=CHICAGO) == LogInput(
        company="Initrode",
        role="Data Engineer",
        starts_at=chicago(2026, 12, 3, 10, 0),
        interviewers=(
            InterviewerInput("Maria Lopez", "Director"),
            InterviewerInput("Sanjay Rao", None, "sanjay@initrode.example"),
        ),
    )


def test_log_text_cleans_whitespace() -> None:
    result = parse_log_text("  Acme   Corp |Engineer| now |Bob  ", now=NOW, zone=CHICAGO)
    assert (result.company, result.role) == ("Acme Corp", "Engineer")
    assert result.interviewers == (InterviewerInput("Bob"),)
    assert result.starts_at.tzinfo is CHICAGO


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ("Acme | Engineer | today 3pm", None, "four parts"),
        ("Acme | Engineer | today 3pm | Bob | extra", None, "four parts"),
        ("", None, "four parts"),
        (" | Engineer | today 3pm | Bob", "company", "company"),
        ("Acme |  | today 3pm | Bob", "role", "role"),
        ("Acme | Engineer |  | Bob", "date", "date and time"),
        ("Acme | Engineer | today 3pm |   ", "interviewers", "interviewers"),
    ],
)
def test_log_text_names_the_bad_part(text: str, field: str | None, words: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_log_text(text, now=NOW, zone=CHICAGO)
    assert words in caught.value.problem
    assert caught.value.field == field
    assert caught.value.example == LOG_EXAMPLE


# --- interviewers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maria Lopez", (InterviewerInput("Maria Lopez"),)),
        ("Maria Lopez (Director)", (InterviewerInput("Maria Lopez", "Director"),)),
        (
            "Maria Lopez (Director) <maria@initrode.example>",
            (InterviewerInput("Maria Lopez", "Director", "maria@initrode.example"),),
        ),
        ("Sanjay Rao <s@x.io>", (InterviewerInput("Sanjay Rao", None, "s@x.io"),)),
        ("Sanjay Rao s@x.io", (InterviewerInput("Sanjay Rao", None, "s@x.io"),)),
        ("Sanjay Rao (CTO) s@x.io", (InterviewerInput("Sanjay Rao", "CTO", "s@x.io"),)),
        ("Maria (VP, Sales)", (InterviewerInput("Maria", "VP, Sales"),)),
        ("Maria (VP (Eng))", (InterviewerInput("Maria", "VP (Eng)"),)),
        ("Maria ()", (InterviewerInput("Maria"),)),
        (
            "  Maria   Lopez  (  Head  of  Data ) ",
            (InterviewerInput("Maria Lopez", "Head of Data"),),
        ),
        ("@dana", (InterviewerInput("@dana"),)),
        ("José Núñez, 李雷", (InterviewerInput("José Núñez"), InterviewerInput("李雷"))),
        (
            "Maria Lopez (Director), Sanjay Rao <s@x.io>, Lee",
            (
                InterviewerInput("Maria Lopez", "Director"),
                InterviewerInput("Sanjay Rao", None, "s@x.io"),
                InterviewerInput("Lee"),
            ),
        ),
    ],
)
def test_interviewer_forms(text: str, expected: tuple[InterviewerInput, ...]) -> None:
    assert parse_interviewers(text) == expected


def test_twelve_interviewers_is_the_limit() -> None:
    names = [f"Person {i}" for i in range(MAX_INTERVIEWERS)]
    assert len(parse_interviewers(", ".join(names))) == MAX_INTERVIEWERS
    with pytest.raises(InputError, match="13 interviewers"):
        parse_interviewers(", ".join([*names, "One More"]))


def test_interviewer_limits_are_inclusive() -> None:
    name, title = "N" * MAX_NAME, "T" * MAX_TITLE
    assert parse_interviewers(f"{name} ({title})") == (InterviewerInput(name, title),)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Maria,,Sanjay", "after interviewer 1"),
        ("Maria, Sanjay,", "after the last interviewer"),
        (",Maria", "before the first interviewer"),
        ("Maria, maria", "listed twice"),
    ],
)
def test_interviewer_errors_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words) as caught:
        parse_interviewers(text)
    assert caught.value.field == "interviewers"


def test_interviewer_lines() -> None:
    text = (
        "Maria Lopez, Director, maria@initrode.example\n"
        "\n"
        "  Sanjay Rao, sanjay@initrode.example  \r\n"
        "Lee\n"
        "Al Kim, VP, Sales, al@x.io\n"
        "Zed (CTO) <z@x.io>\n"
        "Yu Li (PM), yu@x.io\n"
        "Bo Chen bo@x.io\n"
        "   \n"
    )
    assert parse_interviewer_lines(text) == (
        InterviewerInput("Maria Lopez", "Director", "maria@initrode.example"),
        InterviewerInput("Sanjay Rao", None, "sanjay@initrode.example"),
        InterviewerInput("Lee"),
        InterviewerInput("Al Kim", "VP, Sales", "al@x.io"),
        InterviewerInput("Zed", "CTO", "z@x.io"),
        InterviewerInput("Yu Li", "PM", "yu@x.io"),
        InterviewerInput("Bo Chen", None, "bo@x.io"),
    )


def test_interviewer_lines_limit_and_duplicates() -> None:
    lines = "\n".join(f"Person {i}" for i in range(MAX_INTERVIEWERS))
    assert len(parse_interviewer_lines(lines)) == MAX_INTERVIEWERS
    with pytest.raises(InputError, match="13 interviewers"):
        parse_interviewer_lines(lines + "\nOne More")
    with pytest.raises(InputError, match="listed twice"):
        parse_interviewer_lines("Maria, Director\nMARIA")


# --- small fields -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"), [("3", 3), ("#3", 3), (" #12 ", 12), ("03", 3), ("999999999", 999999999)]
)
def test_parse_number(text: str, number: int) -> None:
    assert parse_number(text) == number


def test_parse_length() -> None:
    assert parse_length(None) == 60
    assert parse_length("") == 60
    assert parse_length("  ") == 60
    assert parse_length("45") == 45
    assert parse_length("90 min") == 90
    assert parse_length("1") == 1
    assert parse_length(str(MAX_LENGTH_MINUTES)) == MAX_LENGTH_MINUTES


def test_text_checks_clean_and_keep_limits() -> None:
    assert check_company("  Initrode \n Inc ") == "Initrode Inc"
    assert check_company("A\x00cme") == "Acme"
    assert check_company("C" * MAX_COMPANY) == "C" * MAX_COMPANY
    assert check_role("\tData  Engineer ") == "Data Engineer"
    assert check_role("R" * MAX_ROLE) == "R" * MAX_ROLE
    assert check_topic(" their move to event sourcing ") == "their move to event sourcing"
    assert check_topic("t" * MAX_TOPIC) == "t" * MAX_TOPIC


def test_check_notes() -> None:
    assert check_notes(None) is None
    assert check_notes("") is None
    assert check_notes("  \n ") is None
    assert check_notes(" line one\r\nline two\x00 ") == "line one\nline two"
    assert check_notes("n" * MAX_NOTES) == "n" * MAX_NOTES
    with pytest.raises(InputError) as caught:
        check_notes("n" * (MAX_NOTES + 1))
    assert caught.value.field == "notes"


def test_field_names_for_modal_errors() -> None:
    checks: list[tuple[Callable[[], object], str]] = [
        (lambda: check_company(""), "company"),
        (lambda: check_role("r" * 101), "role"),
        (lambda: parse_length("0"), "length"),
        (lambda: parse_interviewer_lines(""), "interviewers"),
        (lambda: parse_when("25:00", now=NOW, zone=CHICAGO), "time"),
        (lambda: parse_when("someday", now=NOW, zone=CHICAGO), "date"),
    ]
    for check, field in checks:
        with pytest.raises(InputError) as caught:
            check()
        assert caught.value.field == field


def test_input_error_is_a_value_error_with_the_problem_as_message() -> None:
    error = InputError("The company is empty.", example="Initrode", field="company")
    assert isinstance(error, ValueError)
    assert str(error) == "The company is empty."
    assert (error.problem, error.example, error.field) == (
        "The company is empty.",
        "Initrode",
        "company",
    )
    assert InputError("x", example="y").field is None


# --- malformed input: always an InputError, never anything else -----------------------------


def _when(text: str) -> object:
    return parse_when(text, now=NOW, zone=CHICAGO)


def _log(text: str) -> object:
    return parse_log_text(text, now=NOW, zone=CHICAGO)


MALFORMED: list[tuple[Callable[[str], object], str]] = [
    # when
    (_when, ""),
    (_when, "   "),
    (_when, "someday"),
    (_when, "soon"),
    (_when, "25:00"),
    (_when, "24:00"),
    (_when, "tomorrow 10:75"),
    (_when, "tomorrow 10:5"),
    (_when, "tomorrow 13pm"),
    (_when, "0am"),
    (_when, "2026-13-01 10:00"),
    (_when, "2026-02-30 10:00"),
    (_when, "2026-12-01 14:00:99"),
    (_when, "Feb 30 10am"),
    (_when, "Feb 29 10am"),
    (_when, "Dec 0 9am"),
    (_when, "Dec 32 9am"),
    (_when, "Feb 29 2027 9am"),
    (_when, "tomorrow"),
    (_when, "Dec 3"),
    (_when, "mon"),
    (_when, "last mon"),
    (_when, "next mon 2pm"),
    (_when, "last 2pm"),
    (_when, "12/03 9am"),
    (_when, "Dec 3 20 9am"),
    (_when, "Smarch 3 9am"),
    (_when, "wed Dec 3 9am"),
    (_when, "3pm tomorrow 4pm"),
    (_when, "0001-01-01 00:00"),
    (_when, "9999-12-31 23:59"),
    (_when, "2020-01-01 10:00"),
    (_when, "2030-01-01 10:00"),
    (_when, "in 2 days"),
    (_when, "5 days ago"),
    (_when, "in 2 hours ago"),
    (_when, "1h 1h 1h ago"),
    (_when, "2 hours 3 hours ago"),
    (_when, "30 minutes 1 hour ago"),
    (_when, "in 5m 5m"),
    (_when, "x" * 10_000),
    (_when, "١٢:٠٠"),
    (_when, "tomorrow\x00 10:00"),
    # log text
    (_log, ""),
    (_log, "Acme"),
    (_log, "Acme | Engineer | tomorrow 10am"),
    (_log, "Acme | Engineer | tomorrow 10am | Bob | more"),
    (_log, "| | |"),
    (_log, "Acme | Engineer | tomorrow | Bob"),
    (_log, "Acme | Engineer | someday | Bob"),
    (_log, "Acme | Engineer | tomorrow 10am | Bob,"),
    (_log, "A" * (MAX_COMPANY + 1) + " | Engineer | tomorrow 10am | Bob"),
    (_log, "Acme | " + "R" * (MAX_ROLE + 1) + " | tomorrow 10am | Bob"),
    (_log, "Acme | Engineer | tomorrow 10am | Maria <not-an-email>"),
    # interviewers
    (parse_interviewers, ""),
    (parse_interviewers, " , "),
    (parse_interviewers, "Maria,,Sanjay"),
    (parse_interviewers, "Maria,"),
    (parse_interviewers, ",Maria"),
    (parse_interviewers, "Maria, maria"),
    (parse_interviewers, "Maria Lopez, MARIA   LOPEZ"),
    (parse_interviewers, "(Director)"),
    (parse_interviewers, "maria@x.io"),
    (parse_interviewers, "<maria@x.io>"),
    (parse_interviewers, "Maria <maria@x>"),
    (parse_interviewers, "Maria <>"),
    (parse_interviewers, "Maria maria@"),
    (parse_interviewers, "Maria a@b@c.io"),
    (parse_interviewers, "Maria (Director"),
    (parse_interviewers, "Maria Director)"),
    (parse_interviewers, "Maria (VP) x (Eng)"),
    (parse_interviewers, "Maria maria@x.io>"),
    (parse_interviewers, "Maria <m@x.io> (Director)"),
    (parse_interviewers, "Maria (Dir) <m@x.io> extra"),
    (parse_interviewers, "N" * (MAX_NAME + 1)),
    (parse_interviewers, "Maria (" + "T" * (MAX_TITLE + 1) + ")"),
    (parse_interviewers, ", ".join(f"P{i}" for i in range(MAX_INTERVIEWERS + 1))),
    (parse_interviewers, "Maria <" + "m" * 250 + "@x.io>"),
    # interviewer lines
    (parse_interviewer_lines, ""),
    (parse_interviewer_lines, "\n  \n"),
    (parse_interviewer_lines, ", Director"),
    (parse_interviewer_lines, "Maria, Director, not-an-email@"),
    (parse_interviewer_lines, "Maria (Director), CTO"),
    (parse_interviewer_lines, "Maria <m@x.io>, m2@x.io"),
    (parse_interviewer_lines, "Maria\nmaria"),
    (parse_interviewer_lines, "Maria, " + "T" * (MAX_TITLE + 1)),
    (parse_interviewer_lines, "\n".join(f"P{i}" for i in range(MAX_INTERVIEWERS + 1))),
    # numbers
    (parse_number, ""),
    (parse_number, "0"),
    (parse_number, "#0"),
    (parse_number, "-1"),
    (parse_number, "abc"),
    (parse_number, "3.5"),
    (parse_number, "#"),
    (parse_number, "# 3"),
    (parse_number, "##3"),
    (parse_number, "3a"),
    (parse_number, "1" * 30),
    (parse_number, "٣"),
    # lengths
    (parse_length, "0"),
    (parse_length, "-5"),
    (parse_length, str(MAX_LENGTH_MINUTES + 1)),
    (parse_length, "an hour"),
    (parse_length, "1.5"),
    (parse_length, "99999999999"),
    # text fields
    (check_company, ""),
    (check_company, " \n\t "),
    (check_company, "C" * (MAX_COMPANY + 1)),
    (check_role, ""),
    (check_role, "R" * (MAX_ROLE + 1)),
    (check_topic, "   "),
    (check_topic, "t" * (MAX_TOPIC + 1)),
    (check_notes, "n" * (MAX_NOTES + 1)),
]


@pytest.mark.parametrize(
    ("parse", "text"),
    MALFORMED,
    ids=[f"{parse.__name__}-{i}" for i, (parse, _) in enumerate(MALFORMED)],
)
def test_malformed_input_raises_input_error(parse: Callable[[str], object], text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse(text)
    assert caught.value.problem.strip()
    assert caught.value.example.strip()
    # One short sentence, even for a pasted essay.
    assert len(caught.value.problem) < 200


def test_there_are_plenty_of_malformed_cases() -> None:
    assert len(MALFORMED) >= 50


# --- property-style: random text never escapes as anything but InputError ---------------------

ALPHABET = string.printable + "|||,,,()<>@@::" + "ÄéØ李😀\u200b"
PIECES = ["mon", "last", "dec", "3", "12", "2pm", "10:30", "am", "tomorrow", "(", ")", "<", ">"]


def _random_text(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 80)))
    # Near-misses: four parts built from pieces of real input, so deeper code paths run.
    parts = [
        " ".join(
            rng.choice([*PIECES, rng.choice(string.printable)]) for _ in range(rng.randint(0, 4))
        )
        for _ in range(rng.choice([3, 4, 4, 4, 5]))
    ]
    return "|".join(parts)


def test_random_text_is_parsed_or_rejected_cleanly() -> None:
    rng = random.Random(0)
    rejected: list[InputError] = []
    for _ in range(200):
        text = _random_text(rng)
        for parse in (_log, _when, parse_interviewers, parse_interviewer_lines, parse_number):
            # Any exception other than InputError fails the test right here.
            try:
                parse(text)
            except InputError as error:
                rejected.append(error)
    assert rejected
    assert all(error.problem and error.example for error in rejected)


def test_random_log_lines_that_parse_are_valid() -> None:
    rng = random.Random(1)
    for _ in range(200):
        company = "".join(
            rng.choice(string.ascii_letters + " &") for _ in range(rng.randint(1, 20))
        )
        hour, minute = rng.randint(0, 23), rng.randint(0, 59)
        day = rng.choice(["today", "tomorrow", "yesterday", "mon", "last fri", "Dec 3", "3 Jan"])
        text = f"{company}x | Role | {day} {hour}:{minute:02d} | Ann (Lead), Bo <bo@x.io>"
        result = parse_log_text(text, now=NOW, zone=CHICAGO)
        assert result.starts_at.tzinfo is CHICAGO
        assert (result.starts_at.hour, result.starts_at.minute) == (hour, minute)
        assert len(result.interviewers) == 2

"""About fifty malformed commands, each refused where it is read: a problem and an example.

A few of them also go the whole way through the running app in tests/e2e/test_bad_input.py.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

# What reads a command's arguments, in one place: these modules may move.
from slackbot.blocks.text import build_error
from slackbot.db import SessionFactory
from slackbot.domain.fields import parse_number
from slackbot.domain.interviews import NotFound, Owner, interview_by_number, open_by_company
from slackbot.domain.invite_text import read_pasted_invite
from slackbot.domain.log_line import parse_log_text
from slackbot.domain.outcomes import split_outcome
from slackbot.domain.user_input import InputError
from slackbot.sandbox.answers import visible_text

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # Wed 09:00 in Chicago
CHICAGO = ZoneInfo("America/Chicago")
DANA = Owner("T0TEAM001", "U0DANA001")

# `/interview log <this>`
BAD_LOGS = [
    "Initrode",
    "Initrode | Data Engineer",
    "Initrode | Data Engineer | tomorrow 10:00",
    "Initrode | Data Engineer | tomorrow 10:00 | Maria | extra",
    "| Data Engineer | tomorrow 10:00 | Maria",
    "Initrode | | tomorrow 10:00 | Maria",
    "Initrode | Data Engineer | | Maria",
    "Initrode | Data Engineer | tomorrow 10:00 |",
    "Initrode | Data Engineer | tomorrow | Maria",
    "Initrode | Data Engineer | someday | Maria",
    "Initrode | Data Engineer | 25:00 | Maria",
    "Initrode | Data Engineer | tomorrow 10:75 | Maria",
    "Initrode | Data Engineer | 2026-13-01 10:00 | Maria",
    "Initrode | Data Engineer | Feb 30 10am | Maria",
    "Initrode | Data Engineer | 1999-01-01 10:00 | Maria",
    "Initrode | Data Engineer | 2031-01-01 10:00 | Maria",
    "Initrode | Data Engineer | tomorrow 10:00 | Maria,,Sanjay",
    "Initrode | Data Engineer | tomorrow 10:00 | Maria,",
    "Initrode | Data Engineer | tomorrow 10:00 | ,Maria",
    "Initrode | Data Engineer | tomorrow 10:00 | Maria <not-an-email>",
    "Initrode | Data Engineer | tomorrow 10:00 | Maria (Director",
    "Initrode | Data Engineer | tomorrow 10:00 | Maria, maria",
    "Initrode | Data Engineer | tomorrow 10:00 | " + ", ".join(f"P{n}" for n in range(13)),
    "Initrode | Data Engineer | tomorrow 10:00 | " + "M" * 81,
    "C" * 101 + " | Data Engineer | tomorrow 10:00 | Maria",
    "Initrode | " + "R" * 101 + " | tomorrow 10:00 | Maria",
    "Initrode | Data Engineer | 32/12 10:00 | Maria",
    "Initrode | Data Engineer | tomorrow 10am 11am | Maria",
    "Initrode | Data Engineer | <!channel> | Maria",
    "||||",
    "|",
    "Initrode | Data Engineer | yesterday 25pm | Maria",
    "Initrode | Data Engineer | mon | Maria",
    "Initrode | Data Engineer | tomorrow 10:00 | (Director)",
    "Initrode | Data Engineer | tomorrow 10:00 | <maria@initrode.example>",
    "Initrode | Data Engineer | 1h 1h 1h ago | Maria",
]
# `/interview edit <this>`, `/interview cancel <this>`: not a number at all.
BAD_NUMBERS = ["", "x", "0", "-3", "3.5", "#", "abc"]
# `/interview heard <this>`: no interview named, or a number that cannot be one.
BAD_HEARDS = ["", "offer", "next round", "#0 rejected"]
# A well-formed number or company that matches none of Dana's interviews.
NO_SUCH_NUMBERS = [99, 42, 77]
NO_SUCH_COMPANIES = ["Nonexistent Corp"]


def test_there_are_about_fifty_cases() -> None:
    cases = BAD_LOGS + BAD_NUMBERS + BAD_HEARDS + NO_SUCH_NUMBERS + NO_SUCH_COMPANIES
    assert len(cases) >= 50


def assert_clear(error: InputError) -> None:
    """A problem in one sentence and an example, shown escaped: it can never mention anyone."""
    assert error.problem
    assert error.example
    reply = build_error(error.problem, error.example)
    assert reply["response_type"] == "ephemeral"
    text = visible_text(reply)
    assert ":warning:" in text
    assert "For example" in text
    assert "<!channel>" not in str(reply)


@pytest.mark.parametrize("text", BAD_LOGS)
def test_a_malformed_log_is_refused_with_an_example(text: str) -> None:
    # Text without a | is first read as a pasted invite: none of these reads like one.
    if "|" not in text:
        assert read_pasted_invite(text, now=NOW, zone=CHICAGO) is None
    with pytest.raises(InputError) as refused:
        parse_log_text(text, now=NOW, zone=CHICAGO)
    assert_clear(refused.value)


@pytest.mark.parametrize("text", BAD_NUMBERS)
def test_what_is_not_an_interview_number_is_refused(text: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_number(text)
    assert_clear(refused.value)


@pytest.mark.parametrize("text", BAD_HEARDS)
def test_heard_without_an_interview_is_refused(text: str) -> None:
    def read(args: str) -> int:
        target, _ = split_outcome(args)
        return parse_number(target)

    with pytest.raises(InputError) as refused:
        read(text)
    assert_clear(refused.value)


@pytest.mark.parametrize("number", NO_SUCH_NUMBERS)
def test_a_number_that_is_not_yours_is_not_found(sessions: SessionFactory, number: int) -> None:
    with sessions() as session, pytest.raises(NotFound) as refused:
        interview_by_number(session, DANA, number)
    assert_clear(refused.value)


@pytest.mark.parametrize("company", NO_SUCH_COMPANIES)
def test_a_company_you_never_logged_matches_nothing(sessions: SessionFactory, company: str) -> None:
    target, outcome = split_outcome(f"{company} rejected")
    assert outcome is not None
    with sessions() as session:
        assert open_by_company(session, DANA, target) == []

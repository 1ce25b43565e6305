"""The CSV export: every row, local times, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from slackbot.domain.export import BOM, COLUMNS, build_export, neutralise
from slackbot.models import Interview, Interviewer, Prompt, PromptKind, PromptStatus

CHICAGO = ZoneInfo("America/Chicago")
STARTS = datetime(2026, 12, 3, 16, 0, tzinfo=UTC)
FORMULA = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("cell", [FORMULA, "+1 555 0100", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_starts_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Initrode", "2026-12-03T10:00-06:00", "a=b", "", "'quoted"])
def test_ordinary_cells_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell


def rows(content: str) -> list[dict[str, str]]:
    assert content.startswith(BOM)
    return list(csv.DictReader(io.StringIO(content.removeprefix(BOM))))


def sample() -> Interview:
    return Interview(
        number=3,
        company=FORMULA,
        role="Data Engineer",
        starts_at=STARTS,
        length_minutes=45,
        notes="line one\nline two, with a comma",
        interviewers=[
            Interviewer(name="Maria Lopez", title="Director", topic="@channel event sourcing"),
            Interviewer(name="-Sanjay", email="sanjay@initrode.example"),
        ],
        prompts=[
            Prompt(
                kind=PromptKind.THANK_YOU, status=PromptStatus.SENT, due_at=STARTS, sent_at=STARTS
            ),
            Prompt(kind=PromptKind.FOLLOW_UP, status=PromptStatus.PENDING, due_at=STARTS),
        ],
    )


def test_export_has_a_row_per_interview_interviewer_and_prompt() -> None:
    export = build_export([sample()], zone=CHICAGO, today=date(2026, 12, 9))

    assert export.filename == "follow-up-coach-export-2026-12-09.csv"
    assert (export.interviews, export.interviewers, export.prompts) == (1, 2, 2)
    table = rows(export.content)
    assert list(table[0]) == list(COLUMNS)
    assert [r["record"] for r in table] == [
        "interview",
        "interviewer",
        "interviewer",
        "prompt",
        "prompt",
    ]
    first = table[0]
    assert first["interview"] == "3"
    assert first["starts_at"] == "2026-12-03T10:00-06:00"
    assert first["ends_at"] == "2026-12-03T10:45-06:00"
    assert first["notes"] == "line one\nline two, with a comma"
    assert table[3]["prompt"] == "thank_you"
    assert table[3]["sent_at"] == "2026-12-03T10:00-06:00"
    assert table[4]["status"] == "pending"


def test_export_neutralises_user_text_in_every_record() -> None:
    table = rows(build_export([sample()], zone=CHICAGO, today=date(2026, 12, 9)).content)

    assert all(r["company"] == "'" + FORMULA for r in table)
    assert table[1]["topic"] == "'@channel event sourcing"
    assert table[2]["interviewer"] == "'-Sanjay"
    for row in table:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())


def test_empty_export_is_just_the_header() -> None:
    export = build_export([], zone=CHICAGO, today=date(2026, 12, 9))
    assert export.content == BOM + ",".join(COLUMNS) + "\r\n"

"""The CSV export of one user's interviews, interviewers and prompts. Pure."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from slackbot.domain.facts import InterviewFacts, PersonFacts, PromptFacts
from slackbot.domain.home import is_skipped_by_user

COLUMNS = (
    "record",
    "interview",
    "company",
    "role",
    "starts_at",
    "ends_at",
    "format",
    "decision_by",
    "outcome",
    "closed_at",
    "notes",
    "interviewer",
    "title",
    "email",
    "topic",
    "thanked_at",
    "prompt",
    "status",
    "due_at",
    "sent_at",
)
# A spreadsheet runs a cell starting with these as a formula (CSV injection); tab and CR
# can hide such a start from a quick look.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel only reads a CSV as UTF-8 (names like "José") when it starts with a byte-order mark.
BOM = "\ufeff"


@dataclass(frozen=True)
class Export:
    filename: str
    content: str
    interviews: int
    interviewers: int
    prompts: int


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text, never evaluates."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def build_export(interviews: Sequence[InterviewFacts], *, zone: ZoneInfo, today: date) -> Export:
    """One CSV: a row per interview, then its interviewers and its prompts, times in `zone`."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    people = prompts = 0
    for interview in interviews:
        writer.writerow(_row("interview", interview, zone))
        for person in interview.interviewers:
            writer.writerow(_row("interviewer", interview, zone, person=person))
            people += 1
        for prompt in sorted(interview.prompts, key=lambda p: (p.due_at, p.id)):
            writer.writerow(_row("prompt", interview, zone, prompt=prompt))
            prompts += 1
    return Export(
        filename=f"follow-up-coach-export-{today.isoformat()}.csv",
        content=BOM + out.getvalue(),
        interviews=len(interviews),
        interviewers=people,
        prompts=prompts,
    )


def _row(
    record: str,
    interview: InterviewFacts,
    zone: ZoneInfo,
    *,
    person: PersonFacts | None = None,
    prompt: PromptFacts | None = None,
) -> list[str]:
    # Interviewer and prompt rows repeat the interview's number and company so each row reads
    # on its own after sorting or filtering.
    cells: dict[str, object] = {
        "record": record,
        "interview": interview.number,
        "company": interview.company,
    }
    if record == "interview":
        cells.update(
            role=interview.role,
            starts_at=_when(interview.starts_at, zone),
            ends_at=_when(interview.ends_at, zone),
            format=interview.format,
            decision_by=interview.decision_by.isoformat() if interview.decision_by else None,
            outcome=interview.outcome,
            closed_at=_when(interview.closed_at, zone),
            notes=interview.notes,
        )
    if person is not None:
        cells.update(
            interviewer=person.name,
            title=person.title,
            email=person.email,
            topic=person.topic,
            thanked_at=_when(person.thanked_at, zone),
        )
    if prompt is not None:
        skipped = is_skipped_by_user(prompt)
        cells.update(
            prompt=prompt.kind,
            status="skipped by you" if skipped else prompt.status,
            due_at=_when(prompt.due_at, zone),
            # A user's skip keeps its time in sent_at; it was never sent.
            sent_at=None if skipped else _when(prompt.sent_at, zone),
        )
    return [neutralise("" if cells.get(c) is None else str(cells[c])) for c in COLUMNS]


def _when(moment: datetime | None, zone: ZoneInfo) -> str | None:
    """ISO 8601 local time with its offset: readable, and unambiguous across DST."""
    return moment.astimezone(zone).isoformat(timespec="minutes") if moment else None

"""Plain, read-only copies of a user's interviews, for everything that only displays them.

`/interview list`, Home, stats and the export read every interview of a user with its
interviewers and prompts, and nothing on those paths writes. Loading those as ORM objects costs
several times more CPU than the same rows read with three plain selects, and those cost less
again on the driver's own cursor (`slackbot.driver_sql`) than through a Session. The snapshots
carry the same attribute names as the models, and the functions that only read take either
(see `slackbot.domain.facts`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, Table, and_, bindparam, select
from sqlalchemy.orm import Session

from slackbot.domain.interviews import Owner
from slackbot.driver_sql import Driver, Prepared, driver_of
from slackbot.models import Interview, Interviewer, Prompt


@dataclass(frozen=True, slots=True)
class PersonSnapshot:
    id: int
    interview_id: int
    name: str
    title: str | None
    email: str | None
    topic: str | None
    thanked_at: datetime | None


@dataclass(frozen=True, slots=True)
class PromptSnapshot:
    id: int
    interview_id: int
    kind: str
    status: str
    due_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class InterviewSnapshot:
    id: int
    number: int
    company: str
    role: str
    starts_at: datetime
    length_minutes: int
    format: str | None
    decision_by: date | None
    notes: str | None
    outcome: str | None
    closed_at: datetime | None
    follow_up_done_at: datetime | None
    heard_at: datetime | None = None
    previous_id: int | None = None
    interviewers: tuple[PersonSnapshot, ...] = ()
    prompts: tuple[PromptSnapshot, ...] = ()

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.length_minutes)


def load_interviews(
    on: Session | Driver, owner: Owner, *, open_only: bool = False
) -> list[InterviewSnapshot]:
    """This user's interviews (or only the open ones) by start time, with people and prompts."""
    interviews, people, prompts = _QUERIES[open_only]
    driver = driver_of(on)
    who = {"team_id": owner.team_id, "user_id": owner.user_id}
    rows = driver.values(interviews, who)
    if not rows:
        return []
    by_interview = _grouped(driver.values(people, who), PersonSnapshot)
    prompts_of = _grouped(driver.values(prompts, who), PromptSnapshot)
    return [
        _interview(row, by_interview.get(row[0], ()), prompts_of.get(row[0], ())) for row in rows
    ]


def _columns(table: Table, snapshot: type[Any]) -> Select[Any]:
    """A select of the snapshot's fields that are columns of the table, in the fields' order, so
    a row fills a snapshot by position (half the cost of by name)."""
    names = [f.name for f in fields(snapshot)]
    columns = [name for name in names if name in table.c]
    # The columns must be the leading fields: the rest (an interview's interviewers and prompts)
    # come after them.
    assert columns == names[: len(columns)], snapshot
    return select(*(table.c[name] for name in columns))


def _queries(*, open_only: bool) -> tuple[Prepared, Prepared, Prepared]:
    interviews: Table = Interview.__table__  # type: ignore[assignment]
    people: Table = Interviewer.__table__  # type: ignore[assignment]
    prompts: Table = Prompt.__table__  # type: ignore[assignment]
    owned = and_(
        interviews.c.team_id == bindparam("team_id"), interviews.c.user_id == bindparam("user_id")
    )
    if open_only:
        owned = and_(owned, interviews.c.closed_at.is_(None))
    return (
        Prepared(
            _columns(interviews, InterviewSnapshot)
            .where(owned)
            .order_by(interviews.c.starts_at, interviews.c.id)
        ),
        Prepared(
            _columns(people, PersonSnapshot)
            .join(interviews, interviews.c.id == people.c.interview_id)
            .where(owned)
            .order_by(people.c.interview_id, people.c.position, people.c.id)
        ),
        Prepared(
            _columns(prompts, PromptSnapshot)
            .join(interviews, interviews.c.id == prompts.c.interview_id)
            .where(owned)
            .order_by(prompts.c.id)
        ),
    )


_QUERIES = {open_only: _queries(open_only=open_only) for open_only in (False, True)}


def _interview(row: Any, people: tuple[Any, ...], prompts: tuple[Any, ...]) -> InterviewSnapshot:
    # By position: the row's columns are the leading fields (see `_columns`), then these two.
    values: tuple[Any, ...] = (*row, people, prompts)
    return InterviewSnapshot(*values)


def _grouped(rows: list[tuple[Any, ...]], snapshot: type[Any]) -> dict[int, tuple[Any, ...]]:
    # A person's and a prompt's second column is its interview's id (see the snapshots).
    groups: defaultdict[int, list[Any]] = defaultdict(list)
    for row in rows:
        groups[row[1]].append(snapshot(*row))
    return {key: tuple(values) for key, values in groups.items()}

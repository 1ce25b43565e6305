"""Plain, read-only copies of a user's interviews, for everything that only displays them.

`/interview list`, Home, stats and the export read every interview of a user with its
interviewers and prompts. Loading those as ORM objects costs several times more CPU than the
same rows read with three plain selects (see `bench/command_latency.py`), and nothing on those
paths writes. The snapshots carry the same attribute names as the models, and the functions that
only read take either (see `slackbot.domain.facts`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from slackbot.domain.interviews import Owner
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
    interviewers: tuple[PersonSnapshot, ...] = ()
    prompts: tuple[PromptSnapshot, ...] = ()

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.length_minutes)


def load_interviews(
    session: Session, owner: Owner, *, open_only: bool = False
) -> list[InterviewSnapshot]:
    """This user's interviews (or only the open ones) by start time, with people and prompts."""
    query = _columns(Interview, InterviewSnapshot).where(
        Interview.team_id == owner.team_id, Interview.user_id == owner.user_id
    )
    if open_only:
        query = query.where(Interview.closed_at.is_(None))
    rows = session.execute(query.order_by(Interview.starts_at, Interview.id)).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    people = _grouped(
        session,
        _columns(Interviewer, PersonSnapshot)
        .where(Interviewer.interview_id.in_(ids))
        .order_by(Interviewer.interview_id, Interviewer.position, Interviewer.id),
        PersonSnapshot,
    )
    prompts = _grouped(
        session,
        _columns(Prompt, PromptSnapshot).where(Prompt.interview_id.in_(ids)).order_by(Prompt.id),
        PromptSnapshot,
    )
    return [
        InterviewSnapshot(
            **row._mapping, interviewers=people.get(row.id, ()), prompts=prompts.get(row.id, ())
        )
        for row in rows
    ]


def _columns(model: type[Any], snapshot: type[Any]) -> Select[Any]:
    """A select of exactly the snapshot's fields that are columns of the model."""
    table = model.__table__
    return select(*(table.c[f.name] for f in fields(snapshot) if f.name in table.c))


def _grouped(
    session: Session, query: Select[Any], snapshot: type[Any]
) -> dict[int, tuple[Any, ...]]:
    groups: defaultdict[int, list[Any]] = defaultdict(list)
    for row in session.execute(query):
        groups[row.interview_id].append(snapshot(**row._mapping))
    return {key: tuple(values) for key, values in groups.items()}

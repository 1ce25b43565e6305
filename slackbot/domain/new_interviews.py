"""Logging a new interview: its row, its interviewers and its first prompts, in three inserts.

A new interview has no history to reconcile, so it needs none of what the ORM's unit of work
does for an edit (`interviews.edit_interview`, `prompts.sync_prompts`), and `/interview log`
answers only once the interview is saved. The statements are prepared once and run on the
driver (`driver_sql`); the interview comes back as a snapshot, which is all its confirmation
reads.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timedelta
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Table, bindparam, func, insert, select
from sqlalchemy.orm import Session

from slackbot.domain.cadence import Preferences, Timeline, plan
from slackbot.domain.interviews import InterviewData, Owner
from slackbot.domain.snapshots import InterviewSnapshot, PersonSnapshot, PromptSnapshot
from slackbot.driver_sql import Driver, Prepared, driver_of
from slackbot.models import Interview, Interviewer, Prompt, PromptStatus

S = TypeVar("S", InterviewSnapshot, PersonSnapshot, PromptSnapshot)

_INTERVIEWS: Table = Interview.__table__  # type: ignore[assignment]
_PEOPLE: Table = Interviewer.__table__  # type: ignore[assignment]
_PROMPTS: Table = Prompt.__table__  # type: ignore[assignment]

_OWNED = (
    _INTERVIEWS.c.team_id == bindparam("team_id"),
    _INTERVIEWS.c.user_id == bindparam("user_id"),
)
_NEXT_NUMBER = Prepared(select(func.coalesce(func.max(_INTERVIEWS.c.number), 0) + 1).where(*_OWNED))
_OWNS = Prepared(select(_INTERVIEWS.c.id).where(*_OWNED, _INTERVIEWS.c.id == bindparam("id")))


def log_interview(
    on: Session | Driver,
    owner: Owner,
    data: InterviewData,
    *,
    prefs: Preferences,
    now: datetime,
    previous_id: int | None = None,
) -> InterviewSnapshot:
    """Log an interview; `previous_id` links it as the next round of an earlier one of theirs.

    Two logs by one user at once may pick the same number: the unique constraint refuses the
    second, and the caller's retry (`retrying`, `retrying_on_driver`) picks the next.
    """
    driver = driver_of(on)
    who = {"team_id": owner.team_id, "user_id": owner.user_id}
    number: int = driver.rows(_NEXT_NUMBER, who)[0][0]
    if previous_id is not None and not driver.rows(_OWNS, {**who, "id": previous_id}):
        previous_id = None
    row = _interview_row(owner, data, number, previous_id, now)
    row["id"] = driver.rows(_row_insert(_INTERVIEWS, tuple(row)), row)[0][0]
    people = _people_rows(row["id"], data, now)
    prompts = _prompt_rows(owner, row["id"], data, prefs, now, thanks_owed=bool(people))
    return _fresh(
        InterviewSnapshot,
        row,
        interviewers=tuple(
            _fresh(PersonSnapshot, person)
            for person in _inserted(driver, _PEOPLE, "position", people)
        ),
        prompts=tuple(
            _fresh(PromptSnapshot, prompt)
            for prompt in _inserted(driver, _PROMPTS, "kind", prompts)
        ),
    )


def _interview_row(
    owner: Owner, data: InterviewData, number: int, previous_id: int | None, now: datetime
) -> dict[str, Any]:
    return {
        "team_id": owner.team_id,
        "user_id": owner.user_id,
        "number": number,
        "revision": 1,
        "company": data.company,
        "role": data.role,
        "starts_at": data.starts_at,
        "length_minutes": data.length_minutes,
        "format": data.format,
        "decision_by": data.decision_by,
        "notes": data.notes,
        "previous_id": previous_id,
        "invite_uid": data.invite_uid,
        "invite_sequence": data.invite_sequence if data.invite_uid is not None else None,
        "created_at": now,
        "updated_at": now,
    }


def _people_rows(interview_id: int, data: InterviewData, now: datetime) -> list[dict[str, Any]]:
    return [
        {
            "interview_id": interview_id,
            "position": position,
            "name": entry.name,
            "title": entry.title,
            "email": entry.email,
            "created_at": now,
        }
        for position, entry in enumerate(data.interviewers)
    ]


def _prompt_rows(
    owner: Owner,
    interview_id: int,
    data: InterviewData,
    prefs: Preferences,
    now: datetime,
    *,
    thanks_owed: bool,
) -> list[dict[str, Any]]:
    # What `prompts.timeline_of` reads off an interview that has just been logged.
    timeline = Timeline(
        starts_at=data.starts_at,
        ends_at=data.starts_at + timedelta(minutes=data.length_minutes),
        decision_by=data.decision_by,
        everyone_thanked=not thanks_owed,
    )
    return [
        {
            "team_id": owner.team_id,
            "user_id": owner.user_id,
            "interview_id": interview_id,
            "kind": kind,
            "due_at": due,
            "status": PromptStatus.PENDING,
            "attempts": 0,
            "created_at": now,
        }
        for kind, due in plan(timeline, prefs, now).items()
    ]


def _inserted(
    driver: Driver, table: Table, tell: str, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Insert `rows` in one statement (none when there are none); each comes back with its new
    id, matched by the column `tell`, whose value differs from row to row."""
    if not rows:
        return []
    keys = tuple(rows[0])
    returned = driver.rows(_rows_insert(table, keys, tell, len(rows)), _numbered(rows, keys))
    ids = {told: new_id for new_id, told in returned}
    return [{**row, "id": ids[row[tell]]} for row in rows]


# The statements are built once for each shape of row (and number of rows) they are given.
@cache
def _row_insert(table: Table, keys: tuple[str, ...]) -> Prepared:
    return Prepared(insert(table).returning(table.c.id), keys)


@cache
def _rows_insert(table: Table, keys: tuple[str, ...], tell: str, count: int) -> Prepared:
    """INSERT of `count` rows at once, their parameters named `<column>_<row>`."""
    values = [
        {key: bindparam(f"{key}_{n}", type_=table.c[key].type) for key in keys}
        for n in range(count)
    ]
    return Prepared(insert(table).values(values).returning(table.c.id, table.c[tell]))


def _numbered(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, Any]:
    return {f"{key}_{n}": row[key] for n, row in enumerate(rows) for key in keys}


def _fresh(snapshot: type[S], row: dict[str, Any], **children: Any) -> S:
    """The snapshot of a row just inserted: what the row leaves unset is empty (None)."""
    columns: dict[str, Any] = {name: row.get(name) for name in _FIELDS[snapshot]}
    return snapshot(**columns, **children)


# Each snapshot's fields that are columns (not the interview's people and prompts).
_FIELDS = {
    snapshot: tuple(f.name for f in fields(snapshot) if f.name not in ("interviewers", "prompts"))
    for snapshot in (InterviewSnapshot, PersonSnapshot, PromptSnapshot)
}

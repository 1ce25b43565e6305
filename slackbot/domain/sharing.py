"""Sharing templates in a workspace: share one, list the most saved, save a copy of one."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from slackbot.db import SessionFactory, transaction
from slackbot.domain.template_forms import unique_name
from slackbot.domain.templates import owned_templates, taken_names
from slackbot.models import SharedTemplate, Template, TemplateSave

if TYPE_CHECKING:
    from slackbot.domain.interviews import Owner


POPULAR_LIMIT = 10


def share_template(
    session: Session, owner: Owner, template: Template, *, channel_id: str | None, now: datetime
) -> SharedTemplate:
    """A copy of the template others in the workspace can save; the sharer is its author."""
    shared = SharedTemplate(
        team_id=owner.team_id,
        author_user_id=owner.user_id,
        name=template.name,
        kind=template.kind,
        body=template.body,
        channel_id=channel_id,
        save_count=0,
        created_at=now,
    )
    session.add(shared)
    session.flush()
    return shared


def popular_templates(
    session: Session, team_id: str, *, limit: int = POPULAR_LIMIT
) -> list[SharedTemplate]:
    """The workspace's shared templates, most saved first (newest first among equals)."""
    query = (
        select(SharedTemplate)
        .where(SharedTemplate.team_id == team_id)
        .order_by(
            SharedTemplate.save_count.desc(),
            SharedTemplate.created_at.desc(),
            SharedTemplate.id.desc(),
        )
        .limit(limit)
    )
    return list(session.scalars(query))


class SaveStatus(enum.StrEnum):
    SAVED = "saved"
    ALREADY = "already"
    OWN = "own"


@dataclass(frozen=True)
class SaveResult:
    status: SaveStatus
    shared: SharedTemplate
    template: Template | None


def save_shared(
    session: Session, owner: Owner, shared_id: int | None, *, now: datetime
) -> SaveResult | None:
    """Copy a shared template into the user's templates; None if it is not in their workspace."""
    shared = session.get(SharedTemplate, shared_id) if shared_id is not None else None
    # The id comes from a button's value: only a template shared in the saver's workspace counts.
    if shared is None or shared.team_id != owner.team_id:
        return None
    if shared.author_user_id == owner.user_id:
        return SaveResult(SaveStatus.OWN, shared, None)
    saved_before = session.scalar(
        select(TemplateSave).where(
            TemplateSave.shared_id == shared.id, TemplateSave.user_id == owner.user_id
        )
    )
    copy = session.scalar(
        owned_templates(owner).where(Template.shared_from_id == shared.id).limit(1)
    )
    if saved_before is not None and copy is not None:
        return SaveResult(SaveStatus.ALREADY, shared, copy)
    if copy is None:
        # Also after the saver deleted their copy: a new click brings it back, uncounted.
        copy = Template(
            team_id=owner.team_id,
            user_id=owner.user_id,
            name=unique_name(shared.name, taken_names(session, owner)),
            kind=shared.kind,
            body=shared.body,
            author_user_id=shared.author_user_id,
            shared_from_id=shared.id,
            created_at=now,
            updated_at=now,
        )
        session.add(copy)
    if saved_before is None:
        session.add(
            TemplateSave(
                shared_id=shared.id, team_id=owner.team_id, user_id=owner.user_id, created_at=now
            )
        )
        session.flush()
        # In SQL, so that two people saving at once both count.
        session.execute(
            update(SharedTemplate)
            .where(SharedTemplate.id == shared.id)
            .values(save_count=SharedTemplate.save_count + 1)
        )
        session.refresh(shared)
    session.flush()
    return SaveResult(SaveStatus.SAVED, shared, copy)


def save_shared_template(
    sessions: SessionFactory, owner: Owner, shared_id: int | None, *, now: datetime
) -> SaveResult | None:
    """`save_shared` in its own transaction, run again once if a double click raced it."""
    try:
        with transaction(sessions) as session:
            return save_shared(session, owner, shared_id, now=now)
    except (IntegrityError, OperationalError):
        # The other click committed first (unique save per user; or SQLite's stale snapshot):
        # a fresh transaction sees its save and reports it as already saved.
        with transaction(sessions) as session:
            return save_shared(session, owner, shared_id, now=now)

"""Storing note templates: mine, my defaults, and which template a draft uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from slackbot.domain.notes import BUILTINS, TemplateKind
from slackbot.domain.profiles import settings_for
from slackbot.domain.template_forms import TemplateFormErrors, TemplateInput, name_key
from slackbot.domain.user_input import InputError
from slackbot.models import Template, UserSettings

if TYPE_CHECKING:
    # Only a type here: importing the interviews module would tie templates to its imports.
    from slackbot.domain.interviews import Owner


KIND_LABELS = {
    TemplateKind.THANK_YOU: "thank-you",
    TemplateKind.CARD: "thank-you card",
    TemplateKind.FOLLOW_UP: "follow-up",
    TemplateKind.CLOSURE: "closure",
}

# Which UserSettings column holds the user's default for each kind.
DEFAULT_COLUMNS = {
    TemplateKind.THANK_YOU: "default_thank_you_id",
    TemplateKind.CARD: "default_card_id",
    TemplateKind.FOLLOW_UP: "default_follow_up_id",
    TemplateKind.CLOSURE: "default_closure_id",
}


def template_for(
    session: Session, *, team_id: str, user_id: str, kind: TemplateKind
) -> tuple[str, str]:
    """The (name, body) a draft of this kind uses: the user's default, else the built-in."""
    settings = session.get(UserSettings, (team_id, user_id))
    template_id = getattr(settings, DEFAULT_COLUMNS[kind]) if settings else None
    if template_id is not None:
        template = session.get(Template, template_id)
        if (
            template
            and template.team_id == team_id
            and template.user_id == user_id
            and template.kind == kind
        ):
            return template.name, template.body
    return kind.value, BUILTINS[kind]


def owned_templates(owner: Owner) -> Select[Template]:
    return select(Template).where(
        Template.team_id == owner.team_id, Template.user_id == owner.user_id
    )


def my_templates(session: Session, owner: Owner) -> list[Template]:
    """The user's own templates, by kind (in TemplateKind order) then name."""
    order = {kind.value: position for position, kind in enumerate(TemplateKind)}
    templates = session.scalars(owned_templates(owner)).all()
    return sorted(templates, key=lambda t: (order.get(t.kind, len(order)), name_key(t.name)))


def find_template(session: Session, owner: Owner, name: str) -> Template | None:
    """The user's template with this name, compared case-insensitively."""
    key = name_key(name)
    return next(
        (t for t in session.scalars(owned_templates(owner)) if name_key(t.name) == key), None
    )


def template_by_id(session: Session, owner: Owner, template_id: int | None) -> Template | None:
    """The template with this id, only if it belongs to this user in this workspace."""
    if template_id is None:
        return None
    return session.scalar(owned_templates(owner).where(Template.id == template_id))


def taken_names(session: Session, owner: Owner) -> set[str]:
    return {name_key(t.name) for t in session.scalars(owned_templates(owner))}


def defaults_of(settings: UserSettings | None) -> dict[TemplateKind, int | None]:
    """The template id the user chose as default for each kind (None: the built-in)."""
    return {
        kind: getattr(settings, column) if settings else None
        for kind, column in DEFAULT_COLUMNS.items()
    }


def _settings(session: Session, owner: Owner, now: datetime) -> UserSettings:
    return settings_for(session, team_id=owner.team_id, user_id=owner.user_id, now=now)


def default_kind_of(session: Session, owner: Owner, template: Template) -> TemplateKind | None:
    """The kind this template is the user's default for, if any."""
    settings = session.get(UserSettings, (owner.team_id, owner.user_id))
    return next((k for k, i in defaults_of(settings).items() if i == template.id), None)


def _clear_default(session: Session, owner: Owner, template: Template, now: datetime) -> bool:
    """Stop using `template` as a default; True when it was one (its kind falls back)."""
    settings = _settings(session, owner, now)
    cleared = False
    for column in DEFAULT_COLUMNS.values():
        if getattr(settings, column) == template.id:
            setattr(settings, column, None)
            cleared = True
    if cleared:
        settings.updated_at = now
    return cleared


@dataclass(frozen=True)
class SavedTemplate:
    template: Template
    created: bool
    # Set when an edit changed the kind of a default template: that kind is back on the built-in.
    lost_default: TemplateKind | None = None


class TemplateGone(InputError):
    """The template being edited was deleted meanwhile (or never was this user's)."""


def save_template(
    session: Session, owner: Owner, data: TemplateInput, *, template_id: int | None, now: datetime
) -> SavedTemplate:
    """Create the template, or update the user's template `template_id`; names stay unique."""
    template = None
    if template_id is not None:
        template = template_by_id(session, owner, template_id)
        if template is None:
            raise TemplateGone(
                "That template was deleted meanwhile.", example="/interview template new"
            )
    clash = find_template(session, owner, data.name)
    if clash is not None and clash is not template:
        raise TemplateFormErrors(
            {"name": f"You already have a template named “{clash.name}”; pick another name."}
        )
    lost_default = None
    if template is None:
        template = Template(team_id=owner.team_id, user_id=owner.user_id, created_at=now)
        session.add(template)
    elif template.kind != data.kind and _clear_default(session, owner, template, now):
        lost_default = TemplateKind(template.kind)
    template.name, template.kind, template.body = data.name, data.kind.value, data.body
    template.updated_at = now
    try:
        session.flush()
    except IntegrityError:
        # Two submissions of the same name at once; the caller's transaction rolls back.
        raise TemplateFormErrors(
            {"name": f"You already have a template named “{data.name}”; pick another name."}
        ) from None
    return SavedTemplate(template, created=template_id is None, lost_default=lost_default)


def use_template(session: Session, owner: Owner, template: Template, *, now: datetime) -> None:
    """Make `template` the user's default for its kind: drafts of that kind start from it."""
    settings = _settings(session, owner, now)
    setattr(settings, DEFAULT_COLUMNS[TemplateKind(template.kind)], template.id)
    settings.updated_at = now


def use_builtin(session: Session, owner: Owner, kind: TemplateKind, *, now: datetime) -> bool:
    """Go back to the built-in for `kind`; True when a template of the user's was the default."""
    settings = _settings(session, owner, now)
    column = DEFAULT_COLUMNS[kind]
    changed = getattr(settings, column) is not None
    setattr(settings, column, None)
    settings.updated_at = now
    return changed


def delete_template(
    session: Session, owner: Owner, template: Template, *, now: datetime
) -> TemplateKind | None:
    """Delete the user's template; returns its kind when it was the default (now the built-in)."""
    fell_back = _clear_default(session, owner, template, now)
    kind = TemplateKind(template.kind) if template.kind in set(TemplateKind) else None
    session.delete(template)
    session.flush()
    return kind if fell_back else None

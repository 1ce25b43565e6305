"""Note templates: the built-ins, placeholders, rendering, and which template a draft uses."""

from __future__ import annotations

import enum
import re
import string
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Select, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from slackbot.db import SessionFactory, transaction
from slackbot.domain.parsing import InputError
from slackbot.domain.profiles import settings_for
from slackbot.models import SharedTemplate, Template, TemplateSave, UserSettings

if TYPE_CHECKING:
    # Only a type here: importing the interviews module would tie templates to its imports.
    from slackbot.domain.interviews import Owner

MAX_BODY = 2000
MAX_NAME = 80
UNKNOWN_TOPIC = "[what you talked about]"


class TemplateKind(enum.StrEnum):
    THANK_YOU = "thank-you"
    CARD = "thank-you-card"
    FOLLOW_UP = "follow-up"
    CLOSURE = "closure"


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

PLACEHOLDERS = (
    "interviewer",
    "first_name",
    "title",
    "company",
    "role",
    "topic",
    "interview_day",
    "my_name",
)

BUILTINS: dict[TemplateKind, str] = {
    TemplateKind.THANK_YOU: (
        "Hi {first_name},\n\n"
        "Thank you for talking with me on {interview_day} about the {role} role. I especially "
        "enjoyed hearing about {topic} — it gave me a clear picture of the work, and it made me "
        "even more excited about what I could contribute at {company}.\n\n"
        "Thanks again for your time.\n\n"
        "Best,\n{my_name}"
    ),
    TemplateKind.CARD: (
        "Dear {first_name},\n\n"
        "Thank you for meeting with me on {interview_day}. Our conversation about {topic} stayed "
        "with me, and I'd be glad to bring that energy to {company}.\n\n"
        "Warmly,\n{my_name}"
    ),
    TemplateKind.FOLLOW_UP: (
        "Hi {first_name},\n\n"
        "Since we spoke on {interview_day} about the {role} role, I've kept thinking about "
        "{topic}, and I'm still very keen to join {company}. Could you tell me where things "
        "stand and what the next step would be? I'm happy to send anything that would help.\n\n"
        "Thank you,\n{my_name}"
    ),
    TemplateKind.CLOSURE: (
        "Hi {first_name},\n\n"
        "Thank you again for considering me for the {role} role. I haven't heard back since my "
        "follow-up, so I'd like to ask whether the position is still open and where I stand. A "
        "clear answer either way would help me plan, and I'd welcome the chance to stay in "
        "touch.\n\n"
        "All the best,\n{my_name}"
    ),
}

# Offered when the user records a rejection: thanks, a request for feedback, the door kept open.
AFTER_REJECTION_NAME = "after-rejection"
AFTER_REJECTION = (
    "Hi {first_name},\n\n"
    "Thank you for letting me know, and for the time you and the team gave me while I "
    "interviewed for the {role} role. I'm disappointed, but I enjoyed learning about "
    "{company}.\n\n"
    "If you have a moment, I'd be grateful for any feedback on how I could have been a stronger "
    "candidate. And if a role that fits comes up later, I'd love to be considered.\n\n"
    "All the best,\n{my_name}"
)

_FIELD = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True, kw_only=True)
class NoteContext:
    interviewer: str
    title: str | None
    company: str
    role: str
    topic: str | None
    interview_day: str
    my_name: str


def placeholders_in(body: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(body) if name is not None]


def check_body(body: str) -> str:
    """A template body that will render: known placeholders only, within the length limit."""
    text = _drop_controls(body.replace("\r\n", "\n")).strip()
    if not text:
        raise InputError("The template is empty.", example="Hi {first_name}, thank you …")
    if len(text) > MAX_BODY:
        raise InputError(
            f"The template is {len(text)} characters; the limit is {MAX_BODY}.",
            example="Keep it to a short paragraph or two",
        )
    # The same pattern `render` substitutes with, so whatever passes here renders fully.
    unknown = sorted({n for n in _FIELD.findall(text) if n not in PLACEHOLDERS})
    if unknown:
        shown = ", ".join("{" + n + "}" for n in unknown)
        known = " ".join("{" + n + "}" for n in PLACEHOLDERS)
        raise InputError(f"Unknown placeholder {shown}. Use: {known}", example="Hi {first_name},")
    if set("{}") & set(_FIELD.sub("", text)):
        raise InputError("The template has an unmatched { or }.", example="Hi {first_name}, …")
    return text


def render(body: str, context: NoteContext) -> str:
    first = context.interviewer.split()[0] if context.interviewer.split() else ""
    values = {
        "interviewer": context.interviewer,
        "first_name": first,
        "title": context.title or "",
        "company": context.company,
        "role": context.role,
        "topic": context.topic or UNKNOWN_TOPIC,
        "interview_day": context.interview_day,
        "my_name": context.my_name,
    }
    # Substitute by pattern rather than str.format so stray braces never raise.
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), body)


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


# --- my templates: names, forms, defaults --------------------------------------------------

NAME_EXAMPLE = "Short and sincere"
# Names are typed back after `/interview template edit`, so people wrap them in quotes.
_QUOTES = "\"'`“”‘’"


def _drop_controls(text: str) -> str:
    """Remove control characters other than whitespace (PostgreSQL rejects NUL in text)."""
    return "".join(c for c in text if c.isspace() or unicodedata.category(c) != "Cc")


def normalise_name(text: str) -> str:
    """A template name as typed: one line, whitespace runs collapsed, surrounding quotes gone."""
    cleaned = " ".join(_drop_controls(text).split())
    if len(cleaned) >= 2 and cleaned[0] in _QUOTES and cleaned[-1] in _QUOTES:
        cleaned = " ".join(cleaned[1:-1].split())
    return cleaned


def name_key(name: str) -> str:
    """What two names must share to count as the same name (case-insensitive)."""
    return normalise_name(name).casefold()


def builtin_named(name: str) -> TemplateKind | None:
    """The built-in template called `name`, if it is one (`thank-you`, `closure`, …)."""
    key = name_key(name)
    return next((kind for kind in TemplateKind if kind.value == key), None)


def check_name(text: str) -> str:
    """A usable template name: present, not too long, not a built-in's name."""
    name = normalise_name(text)
    if not name:
        raise InputError("The template needs a name.", example=NAME_EXAMPLE)
    if len(name) > MAX_NAME:
        raise InputError(
            f"The name is {len(name)} characters; the most is {MAX_NAME}.", example=NAME_EXAMPLE
        )
    if builtin_named(name) is not None:
        raise InputError(
            f"“{name}” is the name of a built-in template; pick another name.",
            example=NAME_EXAMPLE,
        )
    return name


def check_kind(value: str | None) -> TemplateKind:
    if value in set(TemplateKind):
        return TemplateKind(value)
    raise InputError("Pick what kind of note this is.", example="thank-you")


@dataclass(frozen=True, kw_only=True)
class TemplateInput:
    name: str
    kind: TemplateKind
    body: str


class TemplateFormErrors(Exception):
    """The template form's bad fields, keyed `name`, `kind` and `body`, each with its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


def read_template_form(*, name: str | None, kind: str | None, body: str | None) -> TemplateInput:
    """The template the form describes, or TemplateFormErrors naming every bad field."""
    errors: dict[str, str] = {}
    checked: dict[str, object] = {}
    checks = (
        ("name", lambda: check_name(name or "")),
        ("kind", lambda: check_kind(kind)),
        ("body", lambda: check_body(body or "")),
    )
    for field, check in checks:
        try:
            checked[field] = check()
        except InputError as error:
            errors[field] = f"{error.problem} For example: {error.example}"
    if errors:
        raise TemplateFormErrors(errors)
    return TemplateInput(
        name=str(checked["name"]),
        kind=TemplateKind(str(checked["kind"])),
        body=str(checked["body"]),
    )


def _owned(owner: Owner) -> Select[tuple[Template]]:
    return select(Template).where(
        Template.team_id == owner.team_id, Template.user_id == owner.user_id
    )


def my_templates(session: Session, owner: Owner) -> list[Template]:
    """The user's own templates, by kind (in TemplateKind order) then name."""
    order = {kind.value: position for position, kind in enumerate(TemplateKind)}
    templates = session.scalars(_owned(owner)).all()
    return sorted(templates, key=lambda t: (order.get(t.kind, len(order)), name_key(t.name)))


def find_template(session: Session, owner: Owner, name: str) -> Template | None:
    """The user's template with this name, compared case-insensitively."""
    key = name_key(name)
    return next((t for t in session.scalars(_owned(owner)) if name_key(t.name) == key), None)


def template_by_id(session: Session, owner: Owner, template_id: int | None) -> Template | None:
    """The template with this id, only if it belongs to this user in this workspace."""
    if template_id is None:
        return None
    return session.scalar(_owned(owner).where(Template.id == template_id))


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name (2)`, `name (3)`, … — the first whose key is not in `taken`."""
    if name_key(name) not in taken and builtin_named(name) is None:
        return name
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = name[: MAX_NAME - len(suffix)].rstrip() + suffix
        if name_key(candidate) not in taken:
            return candidate
        number += 1


def taken_names(session: Session, owner: Owner) -> set[str]:
    return {name_key(t.name) for t in session.scalars(_owned(owner))}


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


# --- sharing ---------------------------------------------------------------------------------

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
    copy = session.scalar(_owned(owner).where(Template.shared_from_id == shared.id).limit(1))
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

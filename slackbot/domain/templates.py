"""Note templates: the built-ins, placeholders, rendering, and which template a draft uses."""

from __future__ import annotations

import enum
import re
import string
from dataclasses import dataclass

from sqlalchemy.orm import Session

from slackbot.domain.parsing import InputError
from slackbot.models import Template, UserSettings

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
        "Thank you for taking the time to talk with me on {interview_day} about the {role} role. "
        "I especially enjoyed hearing about {topic} — it gave me a clear picture of the work, and "
        "it made me even more excited about what I could contribute at {company}.\n\n"
        "Thanks again, and I look forward to hearing about next steps.\n\n"
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
        "I hope your week is going well. I wanted to follow up on my {role} interview on "
        "{interview_day}. I'm still very interested in the role and in {company}'s work on "
        "{topic}. Is there any update on the timeline, or anything more I can share?\n\n"
        "Thank you,\n{my_name}"
    ),
    TemplateKind.CLOSURE: (
        "Hi {first_name},\n\n"
        "Thank you again for considering me for the {role} role. I haven't heard back since my "
        "follow-up, so I wanted to ask whether the position is still open and where I stand. A "
        "clear answer either way would help me plan, and I'd welcome the chance to stay in "
        "touch.\n\n"
        "All the best,\n{my_name}"
    ),
}

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
    text = body.strip()
    if not text:
        raise InputError("The template is empty.", example="Hi {first_name}, thank you …")
    if len(text) > MAX_BODY:
        raise InputError(
            f"The template is {len(text)} characters; the limit is {MAX_BODY}.",
            example="Keep it to a short paragraph or two",
        )
    try:
        names = placeholders_in(text)
    except ValueError:
        raise InputError(
            "The template has an unmatched { or }.", example="Hi {first_name}, …"
        ) from None
    unknown = sorted({n for n in names if n not in PLACEHOLDERS})
    if unknown:
        shown = ", ".join("{" + n + "}" for n in unknown)
        known = " ".join("{" + n + "}" for n in PLACEHOLDERS)
        raise InputError(f"Unknown placeholder {shown}. Use: {known}", example="Hi {first_name},")
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
        if template and template.team_id == team_id and template.user_id == user_id:
            return template.name, template.body
    return kind.value, BUILTINS[kind]

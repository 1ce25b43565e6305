"""What a note says: the built-in texts, their placeholders, and rendering one for a person."""

from __future__ import annotations

import enum
import re
import string
from dataclasses import dataclass

from slackbot.domain.names import first_name, formal_name
from slackbot.domain.user_input import InputError, drop_controls

MAX_BODY = 2000
# What stands in the text for a topic nobody noted yet. The draft modal asks for it and fills
# it in; a note still holding it is never marked sent without the user being told.
TOPIC_GAP = "[what you talked about]"
GAPS = (TOPIC_GAP,)


class TemplateKind(enum.StrEnum):
    THANK_YOU = "thank-you"
    CARD = "thank-you-card"
    FOLLOW_UP = "follow-up"
    CLOSURE = "closure"


PLACEHOLDERS = (
    "interviewer",
    "first_name",
    "formal_name",
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
        "Thank you for talking with me about the {role} role {interview_day}. I especially "
        "enjoyed hearing about {topic}; it gave me a clear picture of the work and made me even "
        "more excited about what I could bring to {company}.\n\n"
        "I look forward to hearing about the next steps.\n\n"
        "Best,\n{my_name}"
    ),
    TemplateKind.CARD: (
        "Dear {formal_name},\n\n"
        "Thank you for meeting with me {interview_day}. Our conversation about {topic} has "
        "stayed with me, and I would be glad to bring that energy to the team at {company}.\n\n"
        "Warmly,\n{my_name}"
    ),
    TemplateKind.FOLLOW_UP: (
        "Hi {first_name},\n\n"
        "I've kept thinking about {topic} since we spoke {interview_day}, and I'm still very "
        "keen on the {role} role at {company}. Could you tell me where things stand and what "
        "the next step would be? I'm happy to send anything that would help.\n\n"
        "Thank you,\n{my_name}"
    ),
    TemplateKind.CLOSURE: (
        "Hi {first_name},\n\n"
        "Thank you again for considering me for the {role} role at {company}. I haven't heard "
        "back yet, so I'd like to ask whether the position is still open and where I stand. A "
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
# Templates written when {interview_day} was a bare weekday say "on {interview_day}"; the
# phrase now carries its own "on" ("on Tuesday") or none ("today").
_OLD_DAY = re.compile(r"\bon \{interview_day\}")


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
    text = drop_controls(body.replace("\r\n", "\n")).strip()
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
    """The note for one person; a topic nobody noted yet is left as TOPIC_GAP."""
    values = {
        "interviewer": context.interviewer,
        "first_name": first_name(context.interviewer),
        "formal_name": formal_name(context.interviewer),
        "title": context.title or "",
        "company": context.company,
        "role": context.role,
        "topic": context.topic or TOPIC_GAP,
        "interview_day": context.interview_day,
        "my_name": context.my_name,
    }
    body = _OLD_DAY.sub("{interview_day}", body)
    # Substitute by pattern rather than str.format so stray braces never raise.
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), body)


def gaps_in(text: str) -> list[str]:
    """The gaps still standing in a note's text."""
    return [gap for gap in GAPS if gap in text]


def fill_topic(text: str, topic: str | None) -> str:
    """The note with its topic gap filled in, when a topic is known."""
    return text.replace(TOPIC_GAP, topic) if topic else text


def word_count(text: str) -> int:
    return len(text.split())

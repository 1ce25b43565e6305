"""Drafting a note for one interviewer: which template, rendered how, and as an email link."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from slackbot.domain.days import day_phrase
from slackbot.domain.fields import check_topic
from slackbot.domain.notes import NoteContext, TemplateKind, fill_topic, render
from slackbot.domain.roles import Role, main_contact
from slackbot.domain.templates import template_for
from slackbot.models import Interview, Interviewer, InterviewFormat, PromptKind

URL_LIMIT = 3000  # Slack's limit for a button's url
# Two notes this alike (difflib's ratio over their words) read as one note sent twice.
TWIN_RATIO = 0.8
# Kinds written to several people of one interview, where a copied note would be noticed.
PERSONAL_KINDS = (TemplateKind.THANK_YOU, TemplateKind.CARD)

SUBJECTS = {
    TemplateKind.THANK_YOU: "Thank you — {role} interview",
    TemplateKind.FOLLOW_UP: "Following up on the {role} role",
    TemplateKind.CLOSURE: "{role} role — where things stand",
}


@dataclass(frozen=True)
class Draft:
    kind: TemplateKind
    template_name: str
    to: Interviewer
    # A card has no subject and goes by post.
    subject: str | None
    body: str
    uses_topic: bool
    # A colleague at the same interview whose note is nearly the same as this one.
    twin: Interviewer | None
    # Whom the follow-up goes to unless the user picks someone else.
    main_contact: Interviewer | None


def kind_for(prompt_kind: PromptKind) -> TemplateKind:
    if prompt_kind == PromptKind.FOLLOW_UP:
        return TemplateKind.FOLLOW_UP
    if prompt_kind == PromptKind.CLOSURE:
        return TemplateKind.CLOSURE
    return TemplateKind.THANK_YOU


def recipient(interview: Interview, kind: TemplateKind) -> Interviewer:
    """Follow-ups and closure notes go to the main contact; thank-yous start with the first."""
    if kind in (TemplateKind.FOLLOW_UP, TemplateKind.CLOSURE):
        return main_contact(interview.interviewers) or interview.interviewers[0]
    return interview.interviewers[0]


def person_in(interview: Interview, person_id: object) -> Interviewer | None:
    """The interviewer with this id, only if they belong to this interview."""
    return next((p for p in interview.interviewers if str(p.id) == str(person_id)), None)


def note_context(
    interview: Interview, person: Interviewer, *, zone: ZoneInfo, now: datetime, my_name: str
) -> NoteContext:
    """What a note's placeholders say for one person of an interview."""
    return NoteContext(
        interviewer=person.name,
        title=person.title,
        company=interview.company,
        role=interview.role,
        topic=person.topic,
        interview_day=day_phrase(interview.starts_at, now=now, zone=zone),
        my_name=my_name,
    )


def make_draft(
    session: Session,
    interview: Interview,
    person: Interviewer,
    *,
    kind: TemplateKind,
    zone: ZoneInfo,
    now: datetime,
    my_name: str,
    text: str | None = None,
) -> Draft:
    """The draft for `person`: rendered from the user's template, or `text` as they edited it."""
    name, template = template_for(
        session, team_id=interview.team_id, user_id=interview.user_id, kind=kind
    )
    if text is None:
        context = note_context(interview, person, zone=zone, now=now, my_name=my_name)
        text = render(template, context)
    subject = SUBJECTS[kind].format(role=interview.role) if kind in SUBJECTS else None
    twin = twin_of(text, person, interview.interviewers) if kind in PERSONAL_KINDS else None
    return Draft(
        kind=kind,
        template_name=name,
        to=person,
        subject=subject,
        body=text,
        uses_topic="{topic}" in template,
        twin=twin,
        main_contact=main_contact(interview.interviewers),
    )


def likeness(a: str, b: str) -> float:
    """How alike two notes are, 0 to 1, word by word (difflib's ratio)."""
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def twin_of(text: str, person: Interviewer, people: list[Interviewer]) -> Interviewer | None:
    """Someone else whose last draft is nearly the same as `text`."""
    for other in people:
        if other.id != person.id and other.draft and likeness(text, other.draft) >= TWIN_RATIO:
            return other
    return None


def note_topic(person: Interviewer, typed: str | None, text: str) -> str:
    """Save a topic typed in the draft and put it into the note: in its gap, or for the old one."""
    topic = check_topic(typed or "")
    old, person.topic = person.topic, topic
    if old and old != topic and old in text:
        return text.replace(old, topic)
    return fill_topic(text, topic)


def set_role(person: Interviewer, value: str | None) -> None:
    if value in set(Role):
        person.role = value


def remember_draft(person: Interviewer, kind: TemplateKind, text: str) -> None:
    """Keep the note written to this person, for the likeness check on their colleagues' notes."""
    if kind in PERSONAL_KINDS and text.strip():
        person.draft = text


def mark_card_sent(person: Interviewer, *, now: datetime) -> None:
    """A card counts as their thank-you too."""
    person.card_sent_at = person.card_sent_at or now
    person.thanked_at = person.thanked_at or now


def suggests_card(interview: Interview) -> bool:
    return interview.format == InterviewFormat.ONSITE


def mailto_url(email: str, subject: str, body: str) -> str:
    return f"mailto:{quote(email, safe='@')}?subject={quote(subject, safe='')}&body=" + quote(
        body, safe=""
    )


def email_link(draft: Draft) -> str | None:
    """The mailto: link for the draft as it stands; None when it would not fit Slack's limit."""
    if not draft.to.email or draft.subject is None:
        return None
    url = mailto_url(draft.to.email, draft.subject, draft.body)
    return url if len(url) <= URL_LIMIT else None

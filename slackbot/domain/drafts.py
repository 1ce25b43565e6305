"""Drafting a note for one interviewer: which template, rendered how, and as an email link."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from slackbot.domain.templates import NoteContext, TemplateKind, render, template_for
from slackbot.models import Interview, Interviewer, InterviewFormat, PromptKind

URL_LIMIT = 3000  # Slack's limit for a button's url

SUBJECTS = {
    TemplateKind.THANK_YOU: "Thank you — {role} interview",
    TemplateKind.CARD: "Thank you — {role} interview",
    TemplateKind.FOLLOW_UP: "Following up on the {role} role",
    TemplateKind.CLOSURE: "{role} role — where things stand",
}


@dataclass(frozen=True)
class Draft:
    kind: TemplateKind
    template_name: str
    to: Interviewer
    subject: str
    body: str


def kind_for(prompt_kind: PromptKind, interview: Interview) -> TemplateKind:
    if prompt_kind == PromptKind.FOLLOW_UP:
        return TemplateKind.FOLLOW_UP
    if prompt_kind == PromptKind.CLOSURE:
        return TemplateKind.CLOSURE
    return TemplateKind.THANK_YOU


def recipient(interview: Interview, kind: TemplateKind) -> Interviewer:
    """Follow-ups and closure notes go to a recruiter first, when one is titled so."""
    if kind in (TemplateKind.FOLLOW_UP, TemplateKind.CLOSURE):
        return interview.recruiter_first[0]
    return interview.interviewers[0]


def make_draft(
    session: Session,
    interview: Interview,
    person: Interviewer,
    *,
    kind: TemplateKind,
    zone: ZoneInfo,
    my_name: str,
) -> Draft:
    name, body = template_for(
        session, team_id=interview.team_id, user_id=interview.user_id, kind=kind
    )
    context = NoteContext(
        interviewer=person.name,
        title=person.title,
        company=interview.company,
        role=interview.role,
        topic=person.topic,
        interview_day=interview.starts_at.astimezone(zone).strftime("%A"),
        my_name=my_name,
    )
    subject = SUBJECTS[kind].format(role=interview.role)
    return Draft(
        kind=kind, template_name=name, to=person, subject=subject, body=render(body, context)
    )


def suggests_card(interview: Interview) -> bool:
    return interview.format == InterviewFormat.ONSITE


def mailto_url(email: str, subject: str, body: str, *, limit: int = URL_LIMIT) -> str:
    """A mailto: link with subject and body, shortened (never mid-escape) to fit `limit`."""
    head = f"mailto:{quote(email, safe='@')}?subject={quote(subject, safe='')}&body="
    encoded = quote(body, safe="")
    if len(head) + len(encoded) <= limit:
        return head + encoded
    room = limit - len(head) - len(quote("…", safe=""))
    cut = encoded[: max(room, 0)]
    # Never leave half of a %XX escape at the end.
    if "%" in cut[-2:]:
        cut = cut[: cut.rfind("%")]
    return head + cut + quote("…", safe="")

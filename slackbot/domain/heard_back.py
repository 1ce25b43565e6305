"""What to say when the user hears back: congratulations, the thank-yous still worth sending,
and for a rejection a gracious reply drafted from the `after-rejection` template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from slackbot.domain.cadence import Preferences
from slackbot.domain.drafts import note_context
from slackbot.domain.interviews import record_outcome
from slackbot.domain.names import join_names
from slackbot.domain.notes import AFTER_REJECTION, render
from slackbot.domain.roles import main_contact
from slackbot.models import Interview, Interviewer, Outcome


def still_to_thank(interview: Interview) -> list[Interviewer]:
    return [p for p in interview.interviewers if p.thanked_at is None]


def outcome_words(interview: Interview, outcome: Outcome) -> str:
    """One short, warm paragraph (plain text, not yet escaped) for the outcome recorded."""
    owed = still_to_thank(interview) if interview.closed_at is None else []
    reminder = (
        " A thank-you still matters, most of all now: I'll keep reminding you about "
        f"{join_names([p.name for p in owed])}."
        if owed
        else ""
    )
    if outcome == Outcome.NEXT_ROUND:
        return f"Recorded *next round* for {interview.company}. Well done!{reminder}"
    if outcome == Outcome.OFFER:
        return (
            f"Congratulations on the offer from {interview.company}! Asking to have it in writing "
            f"and for a few days to decide is normal.{reminder}"
        )
    if outcome == Outcome.REJECTED:
        return (
            f"Recorded *rejected* for {interview.company}. I'm sorry, that's hard news. A short, "
            "gracious reply leaves a good last impression and can bring useful feedback: here is "
            "a draft from the `after-rejection` template. No more prompts for this interview."
        )
    label = outcome.value.replace("-", " ")
    return f"Recorded *{label}* for {interview.company}. No more prompts for it."


def rejection_reply(interview: Interview, *, zone: ZoneInfo, now: datetime, my_name: str) -> str:
    """The after-rejection draft, to the main contact (the recruiter first)."""
    person = main_contact(interview.interviewers) or interview.interviewers[0]
    context = note_context(interview, person, zone=zone, now=now, my_name=my_name)
    return render(AFTER_REJECTION, context)


@dataclass(frozen=True)
class HeardBack:
    """An outcome recorded: what to say, and for a rejection the reply drafted."""

    outcome: Outcome
    words: str
    draft: str | None


def hear_back(
    session: Session,
    interview: Interview,
    outcome: Outcome,
    *,
    prefs: Preferences,
    now: datetime,
    my_name: str,
) -> HeardBack:
    record_outcome(session, interview, outcome, now=now, prefs=prefs)
    draft = (
        rejection_reply(interview, zone=prefs.zone, now=now, my_name=my_name)
        if outcome == Outcome.REJECTED
        else None
    )
    return HeardBack(outcome, outcome_words(interview, outcome), draft)

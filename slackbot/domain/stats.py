"""A user's numbers: pure computation over their interviews, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import median

from slackbot.domain.facts import InterviewFacts
from slackbot.domain.home import is_skipped_by_user
from slackbot.models import Outcome, PromptKind, PromptStatus

# Recruiters' rule of thumb: a thank-you counts as prompt when it goes out within a day.
THANK_YOU_WINDOW = timedelta(hours=24)
# "no-response" is closing the loop without an answer; every other outcome was an answer
# (`withdrawn` included: it is recorded through "I heard back" like the others).
NO_ANSWER = Outcome.NO_RESPONSE
SECONDS_PER_DAY = 86_400


@dataclass(frozen=True, kw_only=True)
class Stats:
    interviews: int = 0
    # Rounds logged as a next round count once, with the first round of their application.
    applications: int = 0
    interviewers: int = 0
    thanked: int = 0
    thanked_within_24h: int = 0
    follow_ups: int = 0
    # Interviews that have taken place (or were closed early): the ones one can hear back on.
    took_place: int = 0
    heard_back: int = 0
    median_days_to_hear: float | None = None
    outcomes: dict[Outcome, int] = field(default_factory=dict)

    @property
    def prompt_thanks_share(self) -> float | None:
        """Share of the thank-you notes sent that went out within 24 hours of the interview."""
        return self.thanked_within_24h / self.thanked if self.thanked else None

    @property
    def heard_back_rate(self) -> float | None:
        return self.heard_back / self.took_place if self.took_place else None


def compute_stats(interviews: Iterable[InterviewFacts], *, now: datetime) -> Stats:
    """The numbers over every interview given (open and closed; deleted ones are gone)."""
    logged = list(interviews)
    people = [(i, p) for i in logged for p in i.interviewers]
    thanked = [(i, p) for i, p in people if p.thanked_at is not None]
    within = [
        p
        for i, p in thanked
        if p.thanked_at is not None and p.thanked_at - i.ends_at <= THANK_YOU_WINDOW
    ]
    took_place = [i for i in logged if i.ends_at <= now or i.closed_at is not None]
    answered = [i for i in logged if i.outcome and Outcome(i.outcome) != NO_ANSWER]
    waits = [
        max((heard - i.ends_at).total_seconds(), 0.0) / SECONDS_PER_DAY
        for i in answered
        if (heard := i.heard_at or i.closed_at) is not None
    ]
    outcomes = {
        outcome: count
        for outcome in Outcome
        if (count := sum(1 for i in logged if i.outcome == outcome))
    }
    return Stats(
        interviews=len(logged),
        applications=_applications(logged),
        interviewers=len(people),
        thanked=len(thanked),
        thanked_within_24h=len(within),
        follow_ups=sum(1 for i in logged if followed_up(i)),
        took_place=len(took_place),
        heard_back=len(answered),
        median_days_to_hear=median(waits) if waits else None,
        outcomes=outcomes,
    )


def followed_up(interview: InterviewFacts) -> bool:
    """A follow-up prompt went out, or the user marked "I followed up".

    Skipping the follow-up from Home also records it as done (so the closure prompt can be
    planned); that skip is not a follow-up the user sent, so it is not counted.
    """
    prompts = interview.prompts
    if any(p.kind == PromptKind.FOLLOW_UP and p.status == PromptStatus.SENT for p in prompts):
        return True
    skipped = any(p.kind == PromptKind.FOLLOW_UP and is_skipped_by_user(p) for p in prompts)
    return interview.follow_up_done_at is not None and not skipped


def _applications(logged: list[InterviewFacts]) -> int:
    """Interviews that start an application: not a later round of one logged here."""
    ids = {i.id for i in logged}
    return sum(1 for i in logged if i.previous_id not in ids)

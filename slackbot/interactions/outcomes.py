"""Recording what the user heard back, from a command, a button or a prompt."""

from __future__ import annotations

from sqlalchemy.orm import Session

from slackbot.domain.heard_back import HeardBack, hear_back
from slackbot.interactions.actor import Actor
from slackbot.models import Interview, Outcome


def heard_from(actor: Actor, session: Session, interview: Interview, outcome: Outcome) -> HeardBack:
    """Record the outcome, signed with the user's name when a reply is drafted."""
    return hear_back(
        session, interview, outcome, prefs=actor.prefs, now=actor.now, my_name=actor.my_name
    )

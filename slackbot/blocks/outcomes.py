"""What an outcome leaves in the message: warm words, the rejection reply draft, next steps."""

from __future__ import annotations

from typing import Any

from slackbot.blocks import ids
from slackbot.blocks.text import actions, button, escape, section
from slackbot.models import Interview, Outcome

MARKS = {Outcome.OFFER: ":tada:", Outcome.NEXT_ROUND: ":tada:"}


def outcome_blocks(
    interview: Interview, outcome: Outcome, words: str, *, draft: str | None = None
) -> list[dict[str, Any]]:
    """`words` is plain text from the domain (escaped here); `draft` the rejection reply."""
    mark = MARKS.get(outcome, ":white_check_mark:")
    blocks = [section(f"{mark} {escape(words)}")]
    if draft:
        blocks.append(section(f"```{escape(draft)}```"))
    if outcome == Outcome.NEXT_ROUND:
        blocks.append(
            actions(
                button("Log the next round", ids.LOG_NEXT_ROUND, str(interview.id), style="primary")
            )
        )
    return blocks

"""The Undo button: put the interview back as it was, and its message with it."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from sqlalchemy import select
from sqlalchemy.orm import Session

from slackbot.blocks import ids
from slackbot.blocks.text import context
from slackbot.blocks.undo import build_nothing_to_undo, build_too_late, build_undone, undone_line
from slackbot.db import transaction
from slackbot.domain.undo import interview_of, point_by_id, still_undoable, undo
from slackbot.interactions.actor import Actor
from slackbot.interactions.home_tab import data_changed
from slackbot.interactions.prompt_messages import render_sent, rerender_prompts
from slackbot.interactions.shapes import Press, on_press
from slackbot.models import Prompt


def register(app: App) -> None:
    app.action(ids.UNDO)(handle_undo)


@on_press
def handle_undo(press: Press) -> None:
    actor = press.actor
    container = press.body.get("container") or {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    with actor.services.message_updates(actor.owner):
        with transaction(actor.services.sessions) as session:
            answer, undone = _undo(session, actor, press.value_id, channel=channel, ts=ts)
        # Pressed in Home, the republished tab shows the result; in a message, the click's own
        # response URL changes exactly the message that was clicked.
        if container.get("type") != "view":
            press.replace(answer)
    if undone is not None:
        rerender_prompts(actor, undone, everything=True, besides=ts)
        data_changed(actor)


def _undo(
    session: Session, actor: Actor, point_id: int, *, channel: str | None, ts: str | None
) -> tuple[dict[str, Any], int | None]:
    """What the message says now, and the interview put back (None when nothing was)."""
    point = point_by_id(session, actor.owner, point_id)
    interview = interview_of(session, point) if point else None
    if point is None or interview is None:
        return build_nothing_to_undo(), None
    if not still_undoable(interview, point.created_at):
        return build_too_late(interview.company), None
    undo(session, interview, point, prefs=actor.prefs, now=actor.now)
    prompt = session.scalar(
        select(Prompt).where(
            Prompt.interview_id == interview.id,
            Prompt.channel_id == channel,
            Prompt.message_ts == ts,
        )
    )
    if prompt is None:
        return build_undone(point.label, interview.company), interview.id
    # The button sat in the prompt itself: show the prompt again, its buttons back.
    message = render_sent(actor, prompt, interview)
    line = context(undone_line(point.label, interview.company))
    return {**message, "blocks": [*message["blocks"], line][:50]}, interview.id

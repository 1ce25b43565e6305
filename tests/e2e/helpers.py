"""What a Slack user would see, read from the stand-in."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import func, select

from slackbot.db import SessionFactory
from slackbot.models import Interview
from slackbot.sandbox.answers import visible_text

T = TypeVar("T")

LOG_TEXT = (
    "log Initrode | Data Engineer | tomorrow 10:00 | "
    "Maria Lopez (Director), Sanjay Rao <sanjay@initrode.example>"
)

# What a person types into the "Log an interview" modal (block id -> value).
MODAL_VALUES = {
    "company": "Initrode",
    "role": "Data Engineer",
    "date": "2026-12-04",
    "time": "13:30",
    "interviewers": "Maria Lopez, Director",
}


def command_fields(fake: Any, user: str, text: str, **changes: str | None) -> dict[str, str]:
    """A slash command's form fields as Slack posts them; a change of None drops that field."""
    fields: dict[str, str | None] = {
        "team_id": fake.team_id,
        "user_id": user,
        "command": "/interview",
        "text": text,
        "channel_id": "C0JOBS001",
        "response_url": fake.response_url(),
        "trigger_id": "111.222.abc",
        **changes,
    }
    return {k: v for k, v in fields.items() if v is not None}


def count_interviews(sessions: SessionFactory) -> int:
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Interview)) or 0)


def texts(messages: list[dict[str, Any]]) -> list[str]:
    return [visible_text(m) for m in messages]


def eventually(check: Callable[[], T], *, within: float = 5.0) -> T:
    """What the app does after acknowledging a request lands a moment later; wait for it."""
    deadline = time.monotonic() + within
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.02)


def last_response(fake: Any, url: str | None) -> dict[str, Any]:
    assert url is not None
    posts = eventually(lambda: fake.responses(url))
    assert posts, "nothing was posted to the response_url"
    return posts[-1]


def opened_view(fake: Any, *, after: int = 0) -> dict[str, Any]:
    """The newest modal opened after `after` earlier ones (views open just after the ack)."""
    views = eventually(lambda: len(fake.opened_views()) > after and fake.opened_views())
    assert views, "no view was opened"
    return views[-1]


# Long enough that an acknowledgement waiting on a held call shows up in the order of events.
HOLD_AT_MOST = 10.0
# Who is asking: looked up before the answer, each within the Slack client's own timeout.
LOOKUPS = ("auth.test", "users.info")


@contextmanager
def slack_held(fake: Any, *, passing: tuple[str, ...] = LOOKUPS) -> Iterator[list[str]]:
    """Hold every Web API call but `passing` until the block ends; yields the order of events.

    Append "answered" once a reply is in hand: if it comes first, the acknowledgement waited
    on no post, publish or modal. A call it did wait on is let through after HOLD_AT_MOST and
    so comes before "answered", which the test sees; nothing deadlocks.
    """
    order: list[str] = []
    released = threading.Event()
    handle = fake.handle

    def held(method: str, args: dict[str, Any], token: str | None) -> Any:
        if method not in passing:
            released.wait(HOLD_AT_MOST)
            order.append(method)
        return handle(method, args, token)

    fake.handle = held
    try:
        yield order
    finally:
        released.set()
        del fake.handle

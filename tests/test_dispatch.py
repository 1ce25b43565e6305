"""The dispatcher on a real database and the stand-in, with a manual clock: a prompt goes out
when it is due, once, and a prompt another process left mid-send is taken over after its lease."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from slackbot.budget import MemoryBudget
from slackbot.clock import ManualClock
from slackbot.config import Settings
from slackbot.db import SessionFactory, transaction
from slackbot.delivery import METADATA_EVENT
from slackbot.dispatch import Dispatcher
from slackbot.models import Prompt, PromptKind, PromptStatus
from slackbot.pacing import rates
from slackbot.sandbox import FakeSlack
from slackbot.slack_client import dispatcher_client
from tests.conftest import BOT_TOKEN, START
from tests.seed import DANA, log
from tests.test_pacing import Clock

LEASE = timedelta(minutes=2)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def dispatcher(
    sessions: SessionFactory, fake_slack: FakeSlack, clock: ManualClock
) -> Iterator[Dispatcher]:
    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": fake_slack.base_url},
        require_slack=False,
    )
    client = dispatcher_client(settings)
    dispatcher = Dispatcher(
        sessions=sessions,
        clock=clock,
        client_for=lambda _team: client,
        budget=MemoryBudget(rates(settings), now=Clock()),
        lease=LEASE,
    )
    yield dispatcher
    dispatcher.stop()


def _thank_you_in(sessions: SessionFactory, clock: ManualClock, hours: float) -> int:
    """An interview whose thank-you falls due `hours` from now; its prompt's id."""
    now = clock()
    with transaction(sessions) as session:
        interview = log(session, DANA, starts_at=now - timedelta(hours=2), now=now)
        [prompt] = [p for p in interview.prompts if p.kind == PromptKind.THANK_YOU]
        prompt.due_at = now + timedelta(hours=hours)
        return prompt.id


def _delivered(fake: FakeSlack) -> list[int]:
    return [
        message["metadata"]["event_payload"]["prompt_id"]
        for message in fake.dm_messages(DANA.user_id)
        if (message.get("metadata") or {}).get("event_type") == METADATA_EVENT
    ]


def test_a_prompt_goes_out_when_due_and_only_once(
    dispatcher: Dispatcher, sessions: SessionFactory, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    prompt_id = _thank_you_in(sessions, clock, hours=1)

    assert dispatcher.poll().claimed == 0
    assert _delivered(fake_slack) == []

    clock.advance(timedelta(hours=1))
    assert dispatcher.poll().sent == 1
    assert dispatcher.poll().claimed == 0
    assert _delivered(fake_slack) == [prompt_id]
    with sessions() as session:
        prompt = session.get(Prompt, prompt_id)
        assert prompt is not None
        assert prompt.status == PromptStatus.SENT
        assert prompt.sent_at == clock()


def test_a_send_left_by_another_process_is_taken_over_once_its_lease_ends(
    dispatcher: Dispatcher, sessions: SessionFactory, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    prompt_id = _thank_you_in(sessions, clock, hours=0)
    with transaction(sessions) as session:
        prompt = session.get(Prompt, prompt_id)
        assert prompt is not None
        prompt.status = PromptStatus.SENDING
        prompt.lease_owner = "a-process-that-died"
        prompt.lease_until = clock() + LEASE

    assert dispatcher.poll().claimed == 0  # still its, for all we know

    clock.advance(LEASE + timedelta(seconds=1))
    assert dispatcher.poll().sent == 1
    assert _delivered(fake_slack) == [prompt_id]

"""Delivers one claimed prompt: build it, post it once with metadata, record what happened.

Each delivery is a few short transactions around one chat.postMessage, with no retry loop of
its own: whatever Slack could not take goes back to the queue (leases.py) and is claimed again,
paced like any other send. A post that may have reached Slack (a 5xx, a broken connection, a
process that died mid-send) is looked for in the DM before it is posted again; that check is
rationed by Slack (conversations.history), so a prompt waits for it rather than risk a double.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.orm import Session

from slackbot.blocks.prompts import build_prompt
from slackbot.budget import Budget
from slackbot.clock import Clock
from slackbot.db import transaction
from slackbot.domain.cadence import in_day_hours, next_day_hours, plan
from slackbot.domain.interviews import Owner
from slackbot.domain.profiles import preferences, settings_for, zone_of
from slackbot.domain.prompts import sync_prompts, timeline_of
from slackbot.leases import Leases, log_fields
from slackbot.models import Interview, Prompt, PromptKind, PromptStatus
from slackbot.pacing import HISTORY, OPEN_DM, POST

logger = logging.getLogger(__name__)

METADATA_EVENT = "follow_up_coach_prompt"
PERMANENT_ERRORS = frozenset(
    {
        "user_not_found",
        "account_inactive",
        "cannot_dm_bot",
        "user_disabled",
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "token_expired",
        "no_permission",
        "missing_scope",
        "channel_not_found",
        "is_archived",
        "messages_tab_disabled",
        "team_access_not_granted",
        "invalid_blocks",
        "msg_too_long",
    }
)
SERVER_ERRORS = frozenset({"internal_error", "fatal_error", "service_unavailable"})
# Slack returns at most 15 messages per history call to apps outside the Marketplace; the
# prompt, if it was posted, is among the newest: it went out within one lease.
HISTORY_LIMIT = 15
MAX_PAUSE_SECONDS = 120.0

ClientFor = Callable[[str], WebClient | None]
# Told when Slack answers 429: the workspace, the method, and for how many seconds.
OnRateLimited = Callable[[str, str, float], None]


@dataclass
class Prepared:
    """A claimed prompt, ready to post: what to send and where, built in one transaction."""

    prompt_id: int
    team_id: str
    user_id: str
    kind: str
    channel_id: str | None
    may_be_posted: bool  # an earlier attempt may have reached Slack: look before posting
    message: dict[str, Any]
    revision: int
    lease_until: datetime


class Delivery:
    def __init__(
        self,
        *,
        leases: Leases,
        clock: Clock,
        client_for: ClientFor,
        budget: Budget,
        on_rate_limited: OnRateLimited,
        after_send: Callable[[WebClient, Owner], None] | None = None,
    ) -> None:
        self.leases = leases
        self.clock = clock
        self.client_for = client_for
        self.budget = budget
        self.on_rate_limited = on_rate_limited
        self.after_send = after_send
        self.metrics = leases.metrics

    def deliver(self, prompt_id: int) -> str:
        """Outcome: sent, skipped, deferred, failed or retried. Never raises."""
        try:
            return self._deliver(prompt_id)
        except Exception:
            logger.exception("prompt_id=%s delivery crashed; it will be retried", prompt_id)
            self.leases.release(prompt_id, now=self.clock(), error="crash")
            return "retried"

    def _deliver(self, prompt_id: int) -> str:
        with transaction(self.leases.sessions) as session:
            prepared = self._prepare(session, prompt_id, self.clock())
        if isinstance(prepared, str):
            return prepared
        client = self.client_for(prepared.team_id)
        if client is None:
            self._finish_failed(prompt_id, "no_installation")
            return "failed"
        if prepared.may_be_posted:
            found = self._find_posted(client, prepared)
            if isinstance(found, str):
                return found
            if found is not None:
                self._finish_sent(prepared, *found)
                return "sent"
        return self._post(client, prepared)

    def _prepare(self, session: Session, prompt_id: int, now: datetime) -> Prepared | str:
        prompt = session.get(Prompt, prompt_id)
        if (
            prompt is None
            or prompt.status != PromptStatus.SENDING
            or prompt.lease_owner != self.leases.owner
        ):
            return "skipped"
        interview = prompt.interview
        settings = settings_for(session, team_id=prompt.team_id, user_id=prompt.user_id, now=now)
        prefs = preferences(settings)
        kind = PromptKind(prompt.kind)
        wanted = plan(timeline_of(interview), prefs, now)
        if kind not in wanted:
            # Superseded: heard back, everyone thanked, or a later prompt is due at once.
            prompt.status = PromptStatus.SKIPPED
            prompt.lease_owner = None
            sync_prompts(session, interview, prefs, now)
            return "skipped"
        if not in_day_hours(now, prefs) or wanted[kind] > now:
            prompt.status = PromptStatus.PENDING
            prompt.due_at = max(wanted[kind], next_day_hours(now, prefs))
            prompt.lease_owner = None
            return "deferred"
        message = build_prompt(
            kind, interview, prompt_id=prompt.id, zone=zone_of(settings), now=now
        )
        may_be_posted = prompt.attempts > 0
        prompt.attempts += 1  # counted before posting: a crash from here on leaves it counted
        return Prepared(
            prompt_id=prompt.id,
            team_id=prompt.team_id,
            user_id=prompt.user_id,
            kind=prompt.kind,
            channel_id=settings.dm_channel_id,
            may_be_posted=may_be_posted,
            message=message,
            revision=interview.revision,
            lease_until=prompt.lease_until or now,
        )

    def _post(self, client: WebClient, prepared: Prepared) -> str:
        if self._lease_aging(prepared) and not self._renew(prepared):
            return "skipped"  # the lease lapsed and another process took the prompt over
        try:
            response = client.chat_postMessage(
                channel=prepared.user_id,
                text=prepared.message["text"],
                blocks=prepared.message["blocks"],
                metadata={
                    "event_type": METADATA_EVENT,
                    "event_payload": {"prompt_id": prepared.prompt_id},
                },
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as error:
            return self._on_error(error, prepared)
        except SlackClientError:
            # The post may have reached Slack: `attempts` stays counted, so it is looked for.
            logger.warning("prompt_id=%s connection error; will retry", prepared.prompt_id)
            self.leases.release(prepared.prompt_id, now=self.clock(), error="connection")
            return "retried"
        self._finish_sent(prepared, response["channel"], response["ts"])
        if self.after_send is not None:
            self.after_send(client, Owner(prepared.team_id, prepared.user_id))
        return "sent"

    def _on_error(self, error: SlackApiError, prepared: Prepared) -> str:
        status = error.response.status_code
        code = str(error.response.get("error") or status)
        if status == 429:
            self._rate_limited(prepared.team_id, POST, error)
            # Refused, so certainly not posted: back to the queue as it was.
            self.leases.hand_back(prepared.prompt_id, posted=True)
            self.metrics.retried.labels(prepared.kind).inc()
            return "retried"
        if code in PERMANENT_ERRORS:
            self._finish_failed(prepared.prompt_id, code)
            return "failed"
        # A 5xx may have posted it; anything else is worth another try after a backoff.
        self.leases.release(prepared.prompt_id, now=self.clock(), error=code)
        return "retried"

    def _rate_limited(self, team_id: str, method: str, error: SlackApiError) -> None:
        seconds = _retry_after(error.response.headers)
        logger.info("rate limited team_id=%s method=%s for %.0fs", team_id, method, seconds)
        self.budget.pause(team_id, method, seconds)
        self.metrics.rate_limited.labels(team_id, method).inc()
        self.on_rate_limited(team_id, method, seconds)

    def _find_posted(self, client: WebClient, prepared: Prepared) -> tuple[str, str] | str | None:
        """Was this prompt already posted by an attempt that did not record it?

        (channel, ts) when it was; None when it was not; "deferred" when Slack's budget for
        the check is spent for now: the prompt goes back to wait for it.
        """
        channel = prepared.channel_id
        methods = (HISTORY,) if channel else (OPEN_DM, HISTORY)
        for method in methods:
            if not self.budget.grant(prepared.team_id, method, want=1):
                return self._wait_for(prepared, method)
        try:
            if channel is None:
                channel = client.conversations_open(users=prepared.user_id)["channel"]["id"]
            history = client.conversations_history(
                channel=channel, limit=HISTORY_LIMIT, include_all_metadata=True
            )
        except SlackApiError as error:
            if error.response.status_code == 429:
                method = error.response.api_url.rsplit("/", 1)[-1]
                self._rate_limited(prepared.team_id, method, error)
            return self._wait_for(prepared, HISTORY)
        except SlackClientError:
            return self._wait_for(prepared, HISTORY)
        messages: list[dict[str, Any]] = history.get("messages", [])
        for message in messages:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if (
                metadata.get("event_type") == METADATA_EVENT
                and payload.get("prompt_id") == prepared.prompt_id
            ):
                return channel, message["ts"]
        return None

    def _wait_for(self, prepared: Prepared, method: str) -> str:
        """Put the prompt back until the check can run: never post without it."""
        wait = max(self.budget.ready_at(prepared.team_id, method) - self.budget.now(), 0.0)
        due_at = self.clock() + timedelta(seconds=wait)
        self.leases.hand_back(prepared.prompt_id, posted=True, due_at=due_at)
        return "deferred"

    def _lease_aging(self, prepared: Prepared) -> bool:
        """More than a quarter of the lease gone since it was last set: renew before posting."""
        lease = self.leases.lease
        return self.clock() > prepared.lease_until - lease * 3 / 4

    def _renew(self, prepared: Prepared) -> bool:
        now = self.clock()
        if not self.leases.renew(prepared.prompt_id, now):
            return False
        prepared.lease_until = now + self.leases.lease
        return True

    # -- recording ----------------------------------------------------------------------------
    def _finish_sent(self, prepared: Prepared, channel: str, ts: str) -> None:
        now = self.clock()
        with transaction(self.leases.sessions) as session:
            prompt = session.get(Prompt, prepared.prompt_id)
            if prompt is None:
                return
            interview: Interview = prompt.interview
            prompt.status = PromptStatus.SENT
            prompt.sent_at = now
            prompt.channel_id = channel
            prompt.message_ts = ts
            prompt.lease_owner = None
            prompt.lease_until = None
            # The revision the message was built from: an edit made meanwhile makes it stale.
            prompt.interview_revision = prepared.revision
            if _snooze_spent(interview, PromptKind(prompt.kind)):
                interview.snoozed_until = interview.snoozed_kind = None
            settings = settings_for(
                session, team_id=prompt.team_id, user_id=prompt.user_id, now=now
            )
            settings.dm_channel_id = channel
            session.flush()
            sync_prompts(session, interview, preferences(settings), now)
            fields = log_fields(prompt)
        self.metrics.sent.labels(prepared.kind).inc()
        logger.info("prompt sent %s", fields)

    def _finish_failed(self, prompt_id: int, error: str) -> None:
        with transaction(self.leases.sessions) as session:
            prompt = session.get(Prompt, prompt_id)
            if prompt is None:
                return
            prompt.status = PromptStatus.FAILED
            prompt.last_error = error[:255]
            prompt.lease_owner = None
            fields, kind = log_fields(prompt), prompt.kind
        self.metrics.failed.labels(kind).inc()
        # Once per prompt: a failed prompt is never claimed again.
        logger.warning("prompt failed %s error=%s", fields, error)


def _retry_after(headers: Any) -> float:
    """Slack's Retry-After in seconds (1 when missing or unreadable)."""
    for name, value in dict(headers or {}).items():
        if name.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) else value
            try:
                return min(max(float(raw), 0.0), MAX_PAUSE_SECONDS)
            except (TypeError, ValueError):
                return 1.0
    return 1.0


def _snooze_spent(interview: Interview, sent: PromptKind) -> bool:
    snoozed = interview.snoozed_kind
    if snoozed is None:
        return False
    if snoozed in (PromptKind.THANK_YOU, PromptKind.NUDGE):
        return sent == PromptKind.NUDGE
    return sent == snoozed

"""Delivers due prompts exactly once: claim with a lease, post with metadata, mark sent.

A prompt row goes pending -> sending (leased to one process) -> sent | failed | skipped.
If a process dies while sending, the lease expires and another process takes the row over;
before posting again it looks for the prompt id in the DM's recent history.
"""

from __future__ import annotations

import logging
import random
import threading
import time as monotonic_time
import uuid
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from slackbot.blocks.prompts import build_prompt
from slackbot.clock import Clock
from slackbot.db import SessionFactory, transaction
from slackbot.domain.cadence import in_day_hours, next_day_hours, plan
from slackbot.domain.interviews import Owner
from slackbot.domain.profiles import preferences, profile_is_stale, settings_for, zone_of
from slackbot.domain.prompts import sync_prompts, timeline_of
from slackbot.models import Interview, Prompt, PromptKind, PromptStatus, UserSettings
from slackbot.profiles_edge import refresh_profile

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
DISPATCH_WORKERS = 16
MAX_ATTEMPTS = 12
SEND_TRIES = 6
MAX_PAUSE_SECONDS = 60.0
HISTORY_LIMIT = 50

ClientFor = Callable[[str], WebClient | None]


@dataclass
class PollReport:
    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    deferred: int = 0
    failed: int = 0
    retried: int = 0
    outcomes: list[str] = field(default_factory=list)


class RateGate:
    """A pause shared by every sender: one 429 slows the whole pool, not one thread."""

    def __init__(self) -> None:
        self._resume_at = 0.0
        self._lock = threading.Lock()

    def pause(self, seconds: float) -> None:
        with self._lock:
            self._resume_at = max(self._resume_at, monotonic_time.monotonic() + seconds)

    def wait(self, stopping: threading.Event) -> bool:
        """Wait out a pause; False if the process is stopping meanwhile."""
        while not stopping.is_set():
            with self._lock:
                delay = self._resume_at - monotonic_time.monotonic()
            if delay <= 0:
                return True
            stopping.wait(min(delay, MAX_PAUSE_SECONDS))
        return False


class Dispatcher:
    def __init__(
        self,
        *,
        sessions: SessionFactory,
        clock: Clock,
        client_for: ClientFor,
        workers: int = DISPATCH_WORKERS,
        batch: int = 64,
        lease: timedelta = timedelta(minutes=2),
        owner: str | None = None,
        after_send: Callable[[WebClient, Owner], None] | None = None,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.client_for = client_for
        self.batch = batch
        self.lease = lease
        self.owner = owner or uuid.uuid4().hex[:16]
        self.gate = RateGate()
        self.after_send = after_send
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dispatch")
        self._stopping = threading.Event()

    # -- one poll ------------------------------------------------------------------------------
    def poll(self) -> PollReport:
        """Deliver every due prompt; reads the wall clock for each claim.

        Claims are topped up as sends finish, so the senders never wait for a whole batch
        (one slow send, a 429 pause say, holds up only itself) and at most `batch` prompts are
        leased to this process at once.
        """
        report = PollReport()
        in_flight: set[Future[str]] = set()
        more = True
        while more and not self._stopping.is_set():
            claimed = self.claim(self.clock(), limit=self.batch - len(in_flight))
            report.claimed += len(claimed)
            more = len(claimed) == self.batch - len(in_flight)
            try:
                in_flight.update(self._pool.submit(self.deliver, i) for i in claimed)
            except RuntimeError:  # the pool was shut down between the claim and the sends
                for prompt_id in claimed:
                    self._hand_back(prompt_id)
                break
            if in_flight:
                done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                _record(report, done)
        _record(report, wait(in_flight).done)
        return report

    def stop(self) -> None:
        """Take no new work; let sends already in flight finish.

        Prompts claimed but not yet being sent go back to pending at once, so another process
        (or this one, restarted) sends them without waiting for their lease to lapse.
        """
        self._stopping.set()
        self._pool.shutdown(wait=True)

    def refresh_profiles(self, within: timedelta = timedelta(days=1)) -> int:
        """Re-read the Slack time zone of users with a prompt due soon, once a day at most.

        Day hours follow the user's zone; someone who travelled should not be prompted at night.
        """
        now = self.clock()
        with self.sessions() as session:
            owners = session.execute(
                select(Prompt.team_id, Prompt.user_id)
                .where(Prompt.status == PromptStatus.PENDING, Prompt.due_at <= now + within)
                .distinct()
            ).all()
            stale = [
                Owner(team, user)
                for team, user in owners
                if profile_is_stale(session.get(UserSettings, (team, user)), now)
            ]
        for owner in stale:
            client = self.client_for(owner.team_id)
            if client is not None:
                refresh_profile(client, self.sessions, owner, now)
        return len(stale)

    # -- claiming -------------------------------------------------------------------------------
    def _due(self, now: datetime) -> ColumnElement[bool]:
        return or_(
            and_(Prompt.status == PromptStatus.PENDING, Prompt.due_at <= now),
            and_(Prompt.status == PromptStatus.SENDING, Prompt.lease_until < now),
        )

    def claim(self, now: datetime, *, limit: int | None = None) -> list[int]:
        """Lease due rows to this process; a conditional UPDATE per row makes each claim atomic."""
        if limit is not None and limit <= 0:
            return []
        with transaction(self.sessions) as session:
            query = select(Prompt.id).where(self._due(now)).order_by(Prompt.due_at)
            query = query.limit(limit or self.batch)
            if session.bind is not None and session.bind.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            candidates = list(session.scalars(query))
            claimed = []
            for prompt_id in candidates:
                result = session.execute(
                    update(Prompt)
                    .where(Prompt.id == prompt_id, self._due(now))
                    .values(
                        status=PromptStatus.SENDING,
                        lease_until=now + self.lease,
                        lease_owner=self.owner,
                        attempts=Prompt.attempts + 1,
                    )
                    .execution_options(synchronize_session=False)
                )
                if result.rowcount == 1:  # type: ignore[attr-defined]
                    claimed.append(prompt_id)
        return claimed

    # -- delivering -------------------------------------------------------------------------
    def deliver(self, prompt_id: int) -> str:
        if self._stopping.is_set():
            self._hand_back(prompt_id)
            return "deferred"
        try:
            return self._deliver(prompt_id)
        except Exception:
            logger.exception("prompt_id=%s delivery crashed; it will be retried", prompt_id)
            self._release(prompt_id, retry_in=timedelta(minutes=1), error="crash")
            return "retried"

    def _deliver(self, prompt_id: int) -> str:
        now = self.clock()
        with transaction(self.sessions) as session:
            prepared = self._prepare(session, prompt_id, now)
        if isinstance(prepared, str):
            return prepared
        client = self.client_for(prepared.team_id)
        if client is None:
            self._finish_failed(prompt_id, "no_installation")
            return "failed"
        if prepared.attempts > 1:
            found = self._find_posted(client, prepared)
            if found is not None:
                self._finish_sent(prepared, *found)
                return "sent"
        return self._post(client, prepared)

    def _prepare(self, session: Session, prompt_id: int, now: datetime) -> Prepared | str:
        prompt = session.get(Prompt, prompt_id)
        if (
            prompt is None
            or prompt.status != PromptStatus.SENDING
            or prompt.lease_owner != (self.owner)
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
            prompt.attempts -= 1
            sync_prompts(session, interview, prefs, now)
            return "skipped"
        if not in_day_hours(now, prefs) or wanted[kind] > now:
            prompt.status = PromptStatus.PENDING
            prompt.due_at = max(wanted[kind], next_day_hours(now, prefs))
            prompt.lease_owner = None
            prompt.attempts -= 1  # waiting for day hours is not a delivery attempt
            return "deferred"
        message = build_prompt(
            kind, interview, prompt_id=prompt.id, zone=zone_of(settings), now=now
        )
        return Prepared(
            prompt_id=prompt.id,
            team_id=prompt.team_id,
            user_id=prompt.user_id,
            channel_id=settings.dm_channel_id,
            attempts=prompt.attempts,
            message=message,
            revision=interview.revision,
            lease_until=prompt.lease_until or now,
        )

    def _post(self, client: WebClient, prepared: Prepared) -> str:
        uncertain = False  # a 5xx or a broken connection may still have posted the message
        for attempt in range(SEND_TRIES):
            if not self.gate.wait(self._stopping) or (attempt and self._stopping.is_set()):
                # Stopping while waiting to (re)try: nothing is in flight, hand it back.
                self._hand_back(prepared.prompt_id)
                return "deferred"
            if self._lease_aging(prepared) and not self._renew(prepared):
                return "skipped"  # the lease lapsed and another process took the prompt over
            if uncertain and (found := self._find_posted(client, prepared)) is not None:
                self._finish_sent(prepared, *found)
                return "sent"
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
                verdict = self._on_error(error, prepared, attempt)
                if verdict != "retry":
                    return verdict
                uncertain = uncertain or error.response.status_code >= 500
                continue
            except SlackClientError:
                logger.warning("prompt_id=%s connection error; backing off", prepared.prompt_id)
                self._backoff(attempt)
                uncertain = True
                continue
            self._finish_sent(prepared, response["channel"], response["ts"])
            if self.after_send is not None:
                self.after_send(client, Owner(prepared.team_id, prepared.user_id))
            return "sent"
        self._release(prepared.prompt_id, retry_in=timedelta(minutes=1), error="gave_up")
        return "retried"

    def _on_error(self, error: SlackApiError, prepared: Prepared, attempt: int) -> str:
        status = error.response.status_code
        code = str(error.response.get("error") or status)
        if status == 429:
            retry_after = _retry_after(error.response.headers)
            logger.info("rate limited; pausing all sends for %.1fs", retry_after)
            self.gate.pause(retry_after)
            return "retry"
        if status >= 500 or code in ("internal_error", "fatal_error", "service_unavailable"):
            self._backoff(attempt)
            return "retry"
        if code in PERMANENT_ERRORS or attempt >= SEND_TRIES - 1:
            self._finish_failed(prepared.prompt_id, code)
            return "failed"
        self._backoff(attempt)
        return "retry"

    def _backoff(self, attempt: int) -> None:
        monotonic_time.sleep(min(0.2 * 2**attempt, 5.0) * (0.5 + random.random() / 2))  # noqa: S311

    def _find_posted(self, client: WebClient, prepared: Prepared) -> tuple[str, str] | None:
        """Was this prompt already posted by a process that died before recording it?"""
        try:
            channel = (
                prepared.channel_id
                or client.conversations_open(users=prepared.user_id)["channel"]["id"]
            )
            history = client.conversations_history(
                channel=channel, limit=HISTORY_LIMIT, include_all_metadata=True
            )
        except SlackClientError:
            return None
        for message in history.get("messages", []):
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if (
                metadata.get("event_type") == METADATA_EVENT
                and payload.get("prompt_id") == prepared.prompt_id
            ):
                return channel, message["ts"]
        return None

    def _lease_aging(self, prepared: Prepared) -> bool:
        """More than a quarter of the lease gone since it was last set: renew before posting."""
        return self.clock() > prepared.lease_until - self.lease * 3 / 4

    def _renew(self, prepared: Prepared) -> bool:
        """Extend this process's lease just before posting; False if it is no longer ours."""
        prompt_id = prepared.prompt_id
        now = self.clock()
        with transaction(self.sessions) as session:
            result = session.execute(
                update(Prompt)
                .where(
                    Prompt.id == prompt_id,
                    Prompt.status == PromptStatus.SENDING,
                    Prompt.lease_owner == self.owner,
                )
                .values(lease_until=now + self.lease)
                .execution_options(synchronize_session=False)
            )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return False
        prepared.lease_until = now + self.lease
        return True

    # -- recording ----------------------------------------------------------------------------
    def _finish_sent(self, prepared: Prepared, channel: str, ts: str) -> None:
        now = self.clock()
        with transaction(self.sessions) as session:
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
            fields = _log_fields(prompt)
        logger.info("prompt sent %s", fields)

    def _finish_failed(self, prompt_id: int, error: str) -> None:
        with transaction(self.sessions) as session:
            prompt = session.get(Prompt, prompt_id)
            if prompt is None:
                return
            prompt.status = PromptStatus.FAILED
            prompt.last_error = error[:255]
            prompt.lease_owner = None
            fields = _log_fields(prompt)
        # Once per prompt: a failed prompt is never claimed again.
        logger.warning("prompt failed %s error=%s", fields, error)

    def _hand_back(self, prompt_id: int) -> None:
        """Return a claimed prompt untouched: pending again, due as before, lease cleared."""
        with transaction(self.sessions) as session:
            session.execute(
                update(Prompt)
                .where(
                    Prompt.id == prompt_id,
                    Prompt.status == PromptStatus.SENDING,
                    Prompt.lease_owner == self.owner,
                )
                .values(
                    status=PromptStatus.PENDING,
                    lease_owner=None,
                    lease_until=None,
                    attempts=Prompt.attempts - 1,
                )
                .execution_options(synchronize_session=False)
            )

    def _release(self, prompt_id: int, *, retry_in: timedelta, error: str) -> None:
        now = self.clock()
        with transaction(self.sessions) as session:
            prompt = session.get(Prompt, prompt_id)
            if prompt is None or prompt.status != PromptStatus.SENDING:
                return
            if prompt.attempts >= MAX_ATTEMPTS:
                prompt.status = PromptStatus.FAILED
            else:
                prompt.status = PromptStatus.PENDING
                prompt.due_at = now + retry_in
            prompt.last_error = error
            prompt.lease_owner = None


@dataclass
class Prepared:
    """A claimed prompt, ready to post: what to send and where, built in one transaction."""

    prompt_id: int
    team_id: str
    user_id: str
    channel_id: str | None
    attempts: int
    message: dict[str, Any]
    revision: int
    lease_until: datetime


def _record(report: PollReport, done: set[Future[str]]) -> None:
    for future in done:
        outcome = future.result()  # deliver() never raises
        report.outcomes.append(outcome)
        setattr(report, outcome, getattr(report, outcome) + 1)


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


def _log_fields(prompt: Prompt) -> str:
    """Ids only: never tokens, never what the user wrote."""
    return (
        f"prompt_id={prompt.id} interview_id={prompt.interview_id} team_id={prompt.team_id} "
        f"user_id={prompt.user_id} kind={prompt.kind} attempts={prompt.attempts}"
    )


def _snooze_spent(interview: Interview, sent: PromptKind) -> bool:
    snoozed = interview.snoozed_kind
    if snoozed is None:
        return False
    if snoozed in (PromptKind.THANK_YOU, PromptKind.NUDGE):
        return sent == PromptKind.NUDGE
    return sent == snoozed


def dispatcher_lag(sessions: SessionFactory, now: datetime) -> float:
    """Seconds since the oldest prompt that is due but not sent came due (0 when none)."""
    with sessions() as session:
        oldest = session.scalar(
            select(func.min(Prompt.due_at)).where(
                Prompt.status.in_((PromptStatus.PENDING, PromptStatus.SENDING)),
                Prompt.due_at <= now,
            )
        )
    return max((now - oldest).total_seconds(), 0.0) if oldest else 0.0

"""The scheduled-delivery loop: claim what each workspace may send soon, deliver, record.

Every workspace has its own budget for chat.postMessage (budget.py, shared by all processes
through the database). Each round the loop asks each workspace's budget how many posts may go
within the next second, claims that many of the workspace's due prompts (users in turn,
leases.py), and hands each to a sender thread at the moment its budget allows (delivery.py).
So a workspace with a thousand prompts due gets its rate and no more, and one that Slack paused
with a 429 waits alone: the others' prompts go out as if it were not there.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import timedelta

from slack_sdk import WebClient
from sqlalchemy import select

from slackbot.budget import Budget, SharedBudget
from slackbot.clock import Clock
from slackbot.config import Settings
from slackbot.db import SessionFactory
from slackbot.delivery import METADATA_EVENT, ClientFor, Delivery
from slackbot.domain.interviews import Owner
from slackbot.domain.profiles import profile_is_stale
from slackbot.leases import Claimed, Leases, dispatcher_lag
from slackbot.metrics import Metrics
from slackbot.models import Prompt, PromptStatus, UserSettings
from slackbot.pacing import CHANNEL_SPACING_SECONDS, POST, rates
from slackbot.slack_profiles import refresh_profile

__all__ = ["DISPATCH_WORKERS", "METADATA_EVENT", "Dispatcher", "PollReport", "dispatcher_lag"]

logger = logging.getLogger(__name__)

DISPATCH_WORKERS = 16
# Claim what the budget lets go within this many seconds: enough to keep senders busy, short
# enough that a 429 finds little already claimed.
HORIZON_SECONDS = 1.0
# While prompts are due, how often the queue is looked at again.
TICK_SECONDS = 0.25
# Outcomes after which no post was made: the budget gets the call back.
UNUSED = ("skipped", "deferred")


@dataclass
class PollReport:
    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    deferred: int = 0
    failed: int = 0
    retried: int = 0
    outcomes: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        self.outcomes.append(outcome)
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass(order=True)
class _Planned:
    at: float  # wall time the budget lets it go
    order: int
    claimed: Claimed = field(compare=False)


class Dispatcher:
    def __init__(
        self,
        *,
        sessions: SessionFactory,
        clock: Clock,
        client_for: ClientFor,
        budget: Budget | None = None,
        metrics: Metrics | None = None,
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
        self.owner = owner or uuid.uuid4().hex[:16]
        self.metrics = metrics or Metrics()
        self.budget = budget or SharedBudget(sessions, rates(Settings()))
        self.leases = Leases(sessions, owner=self.owner, lease=lease, metrics=self.metrics)
        self.delivery = Delivery(
            leases=self.leases,
            clock=clock,
            client_for=client_for,
            budget=self.budget,
            on_rate_limited=self._rate_limited,
            after_send=after_send,
        )
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dispatch")
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._paused: dict[str, float] = {}  # workspace -> wall time its posts may resume
        self._channel_free: dict[tuple[str, str], float] = {}  # (workspace, user) -> wall time
        self._order = itertools.count()

    # -- the loop ------------------------------------------------------------------------------
    def poll(self) -> PollReport:
        """Deliver every due prompt, each workspace at its own pace; return when none is left."""
        report = PollReport()
        plan: list[_Planned] = []
        running: dict[Future[str], Claimed] = {}
        while not self._stopping.is_set():
            work_due = self._top_up(plan, len(running), report)
            self._launch(plan, running)
            if not (plan or running or work_due):
                break
            timeout = TICK_SECONDS
            if plan:
                timeout = min(timeout, max(plan[0].at - self.budget.now(), 0.0))
            if running:
                done, _ = wait(running, timeout=timeout, return_when=FIRST_COMPLETED)
                self._record(report, running, done)
            else:
                self._stopping.wait(timeout)
        for item in plan:  # stopping: what was claimed but not started goes back at once
            self._unclaim(item.claimed)
        self._record(report, running, wait(running).done)
        return report

    def stop(self) -> None:
        """Take no new work; let sends already in flight finish.

        Prompts claimed but not yet being sent go back to pending at once, so another process
        (or this one, restarted) sends them without waiting for their lease to lapse.
        """
        self._stopping.set()
        self._pool.shutdown(wait=True)

    def _top_up(self, plan: list[_Planned], running: int, report: PollReport) -> bool:
        """Claim what each workspace's budget lets go soon. False when nothing is due."""
        due = self.leases.due_by_team(self.clock())
        if not due:
            return False
        now = self.budget.now()
        room = self.batch - len(plan) - running
        share = max(1, room // len(due))
        stocked = {item.claimed.team_id for item in plan if item.at > now + HORIZON_SECONDS / 2}
        self._channel_free = {k: at for k, at in self._channel_free.items() if at > now}
        for team_id, count in due.items():
            if room <= 0:
                break
            if team_id in stocked or self._paused.get(team_id, 0.0) > now:
                continue
            times = self.budget.grant(
                team_id, POST, want=min(count, share, room), horizon=HORIZON_SECONDS
            )
            if not times:
                continue
            claimed = self.leases.claim(self.clock(), team_id=team_id, limit=len(times))
            self.budget.give_back(team_id, POST, len(times) - len(claimed))
            for item, at in zip(claimed, times, strict=False):
                heapq.heappush(plan, _Planned(self._spaced(item, at), next(self._order), item))
            room -= len(claimed)
            report.claimed += len(claimed)
        return True

    def _spaced(self, item: Claimed, at: float) -> float:
        """No faster than one post a second into one user's DM (Slack's per-channel rate)."""
        key = (item.team_id, item.user_id)
        at = max(at, self._channel_free.get(key, 0.0))
        self._channel_free[key] = at + CHANNEL_SPACING_SECONDS
        return at

    def _launch(self, plan: list[_Planned], running: dict[Future[str], Claimed]) -> None:
        now = self.budget.now()
        while plan and plan[0].at <= now:
            claimed = heapq.heappop(plan).claimed
            if self._paused.get(claimed.team_id, 0.0) > now:
                self._unclaim(claimed)  # Slack paused this workspace since it was claimed
                continue
            try:
                running[self._pool.submit(self._deliver, claimed.prompt_id)] = claimed
            except RuntimeError:  # the pool was shut down: the process is stopping
                self._unclaim(claimed)

    def _deliver(self, prompt_id: int) -> str:
        if self._stopping.is_set():
            self.leases.hand_back(prompt_id)
            return "deferred"
        return self.delivery.deliver(prompt_id)

    def _record(
        self, report: PollReport, running: dict[Future[str], Claimed], done: set[Future[str]]
    ) -> None:
        for future in done:
            claimed = running.pop(future)
            outcome = future.result()  # deliver() never raises
            if outcome in UNUSED:
                self.budget.give_back(claimed.team_id, POST, 1)
            report.count(outcome)

    def _unclaim(self, claimed: Claimed) -> None:
        self.leases.hand_back(claimed.prompt_id)
        self.budget.give_back(claimed.team_id, POST, 1)

    def _rate_limited(self, team_id: str, method: str, seconds: float) -> None:
        if method == POST:
            with self._lock:
                until = self.budget.now() + seconds
                self._paused[team_id] = max(self._paused.get(team_id, 0.0), until)

    # -- housekeeping ----------------------------------------------------------------------------
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

"""Home publishes made while Home is not on screen, within a share of Slack's limit for them.

Slack takes about 100 `views.publish` a minute from one workspace (Tier 4). A Home republished
after a slash command, a DM reply or a prompt sent is not on screen (opening Home publishes at
once), so these use at most half of that, leaving the rest to what people are looking at. Past
it each user's publish waits its turn, in order; a newer change of theirs joins the turn they
hold. Busy workspaces are not refused for it: at 64 `/interview log`s a second in one workspace
the bot would otherwise send about 40 publishes a second, of which Slack takes one or two.
"""

from __future__ import annotations

import math
import threading

from slackbot.budget import Budget
from slackbot.domain.interviews import Owner
from slackbot.pacing import HOME_REFRESH


class HomePacing:
    """Each user's turn to publish an off-screen Home, from their workspace's budget."""

    def __init__(self, budget: Budget) -> None:
        self._budget = budget
        self._turns: dict[Owner, float] = {}  # the wall time each waiting user's turn comes
        self._lock = threading.Lock()

    def wait(self, owner: Owner) -> float:
        """0 when this user's off-screen publish may go now (it is counted); else the seconds
        until their turn, which is kept for them."""
        with self._lock:
            turn = self._turns.pop(owner, None)
            if turn is None:
                turn = self._budget.grant(owner.team_id, HOME_REFRESH, want=1, horizon=math.inf)[0]
            left = turn - self._budget.now()
            if left > 0:
                self._turns[owner] = turn
            return max(left, 0.0)

    def held(self, owner: Owner) -> float:
        """The seconds until the turn this user holds (0 when they hold none): a publish asked
        for before then could only be told to wait."""
        with self._lock:
            turn = self._turns.get(owner)
        return 0.0 if turn is None else max(turn - self._budget.now(), 0.0)

    def cancel(self, owner: Owner) -> None:
        """The user's Home was published on screen meanwhile: a turn they held goes back."""
        with self._lock:
            held = self._turns.pop(owner, None) is not None
        if held:
            self._budget.give_back(owner.team_id, HOME_REFRESH, 1)

"""Off-screen Home refreshes: a change made while the user waits for a turn joins that turn."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from slack_sdk import WebClient

from slackbot.clock import system_clock
from slackbot.db import SessionFactory
from slackbot.domain.interviews import Owner
from slackbot.interactions.home_tab import OFF_SCREEN_DELAY_SECONDS, refresh_home
from slackbot.services import Services
from tests.test_home_pacing import Wall
from tests.test_home_pacing import pacing as one_a_second  # one off-screen publish a second

DANA, LEE, KIM, ANA = (Owner("T1", f"U{n}") for n in range(1, 5))
CLIENT = WebClient(token="xoxb-test")


class Requests:
    """A Republisher that only notes when each job was asked for."""

    def __init__(self) -> None:
        self.delays: list[tuple[Hashable, float]] = []

    def request(self, key: Hashable, job: Any, *, delay: float) -> None:
        self.delays.append((key, delay))


def test_a_change_while_waiting_for_a_turn_is_not_run_before_it(sessions: SessionFactory) -> None:
    requests = Requests()
    pacing = one_a_second(Wall())
    services = Services(
        sessions=sessions,
        clock=system_clock,
        home_publishes=requests,  # type: ignore[arg-type]
        home_pacing=pacing,
    )
    for owner in (DANA, KIM, ANA):
        pacing.wait(owner)
    assert pacing.wait(LEE) == 3.0  # Lee's job was told: in three seconds

    refresh_home(CLIENT, services, LEE, on_screen=False)
    refresh_home(CLIENT, services, DANA, on_screen=False)

    # Lee's new change joins his turn; Dana holds none, so hers waits the usual moment.
    assert requests.delays == [(LEE, 3.0), (DANA, OFF_SCREEN_DELAY_SECONDS)]

"""Off-screen Home publishes take turns within the workspace's share of views.publish."""

from __future__ import annotations

from slackbot.budget import MemoryBudget
from slackbot.config import Settings
from slackbot.domain.interviews import Owner
from slackbot.home_pacing import HomePacing
from slackbot.pacing import rates

DANA, LEE, KIM = Owner("T1", "U1"), Owner("T1", "U2"), Owner("T1", "U3")
ELSEWHERE = Owner("T2", "U9")


class Wall:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def pacing(wall: Wall) -> HomePacing:
    # Half of 120 a minute: one off-screen publish a second per workspace.
    return HomePacing(MemoryBudget(rates(Settings(tier4_per_minute=120)), now=wall))


def test_turns_come_a_second_apart_in_one_workspace_and_not_across() -> None:
    wall = Wall()
    home = pacing(wall)

    assert home.wait(DANA) == 0
    assert home.wait(LEE) == 1.0
    assert home.wait(KIM) == 2.0
    assert home.wait(ELSEWHERE) == 0


def test_asking_again_keeps_the_turn_held_and_it_comes() -> None:
    wall = Wall()
    home = pacing(wall)
    home.wait(DANA)
    assert home.wait(LEE) == 1.0

    wall.now += 0.25
    assert home.wait(LEE) == 0.75
    assert home.wait(KIM) == 1.75
    wall.now += 0.75
    assert home.wait(LEE) == 0


def test_a_turn_given_back_is_taken_by_the_next_user() -> None:
    wall = Wall()
    home = pacing(wall)
    home.wait(DANA)
    home.wait(LEE)

    home.cancel(LEE)  # Lee opened Home meanwhile: it was published on screen

    assert home.wait(KIM) == 1.0


def test_the_turn_a_user_holds_is_known_until_it_comes() -> None:
    wall = Wall()
    home = pacing(wall)
    home.wait(DANA)
    home.wait(LEE)

    assert home.held(LEE) == 1.0
    assert home.held(KIM) == 0  # holds none
    wall.now += 0.25
    assert home.held(LEE) == 0.75
    wall.now += 0.75
    assert home.wait(LEE) == 0
    assert home.held(LEE) == 0

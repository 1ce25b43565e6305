"""Services: listings are read in a bounded number of slots."""

from __future__ import annotations

import threading

from slackbot.clock import system_clock
from slackbot.db import SessionFactory
from slackbot.services import Services
from tests.e2e.helpers import eventually


def test_a_listing_waits_for_a_free_slot(sessions: SessionFactory) -> None:
    services = Services(
        sessions=sessions, clock=system_clock, read_gate=threading.BoundedSemaphore(1)
    )
    second_read = threading.Event()

    def read() -> None:
        with services.reading():
            second_read.set()

    with services.reading():
        other = threading.Thread(target=read)
        other.start()
        assert not eventually(second_read.is_set, within=0.2)

    assert second_read.wait(5)
    other.join()

"""The Slack stand-in for benchmarks: in the benchmark's process, or in a child process.

Slack runs on other machines. A stand-in inside the benchmark's process shares its interpreter
with the benchmark's own threads (senders, timers), so its work shows up as delay in what is
measured; in a child process it does not.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from slackbot.sandbox import FakeSlack

# What the child reports when asked: called with the stand-in and the users (module-level, so
# that it can be sent to a spawned child).
Report = Callable[[FakeSlack, list[str]], Any]


def new_fake(*, team: str, token: str, latency: float, users: list[str]) -> FakeSlack:
    fake = FakeSlack(team_id=team, tokens=(token,), latency=latency)
    for user in users:
        fake.add_user(user, tz="America/Chicago")
    return fake


def _serve(channel: Connection, settings: dict[str, Any], report: Report | None) -> None:
    """Child process: serve the stand-in until asked for its report."""
    fake = new_fake(**settings)
    channel.send(fake.start())
    channel.recv()
    channel.send(report(fake, settings["users"]) if report else None)
    fake.stop()


class StandIn:
    """The stand-in, in this process or (`separate`) in a child process."""

    def __init__(
        self,
        *,
        team: str,
        token: str,
        latency: float,
        users: list[str],
        separate: bool,
        report: Report | None = None,
    ) -> None:
        self.team, self.users, self._report = team, users, report
        settings = {"team": team, "token": token, "latency": latency, "users": users}
        self._fake: FakeSlack | None = None
        self._channel: Connection | None = None
        self._process: Any = None
        self._reported = False
        if separate:
            context = multiprocessing.get_context("spawn")
            self._channel, child = context.Pipe()
            self._process = context.Process(
                target=_serve, args=(child, settings, report), daemon=True
            )
            self._process.start()
            child.close()  # so that recv() fails, rather than waits, if the child dies
            if not self._channel.poll(60):
                self.stop()
                raise RuntimeError("the stand-in process did not start")
            self.base_url = str(self._channel.recv())
        else:
            self._fake = new_fake(**settings)
            self.base_url = self._fake.start()

    def for_sender(self) -> FakeSlack:
        """What a `SlackSender` needs of the stand-in: its address and ids, to mint
        response_urls. The stand-in itself, when it runs in this process."""
        if self._fake is not None:
            return self._fake
        view = FakeSlack(team_id=self.team)
        view.base_url = self.base_url
        return view

    def report(self) -> Any:
        if self._fake is not None:
            return self._report(self._fake, self.users) if self._report else None
        assert self._channel is not None
        self._channel.send("report")
        self._reported = True
        return self._channel.recv()

    def stop(self) -> None:
        if self._fake is not None:
            self._fake.stop()
        if self._process is not None:
            # After report() the child stops by itself; otherwise it waits: end it.
            self._process.join(timeout=10 if self._reported else 0)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()

"""Slow clients cannot keep Slack from being answered: they hold a socket, never the server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import ExitStack
from urllib.parse import urlsplit

import pytest

from slackbot import server
from tests.conftest import Bot

DANA = "U0DANA001"
STALLED = 120


def _stall(bot: Bot) -> socket.socket:
    """Headers and a few body bytes of a 4 KB request, then nothing."""
    url = urlsplit(bot.runtime.url)
    sock = socket.create_connection((url.hostname, url.port), timeout=15)
    sock.sendall(
        b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b'Content-Length: 4096\r\n\r\n{"ty'
    )
    return sock


def _still_open(sock: socket.socket) -> bool:
    """Connected and silent: the server neither answered nor closed it."""
    sock.setblocking(False)
    try:
        return not sock.recv(1)
    except BlockingIOError:
        return True
    finally:
        sock.setblocking(True)


@pytest.fixture
def stalled(bot: Bot) -> Iterator[list[socket.socket]]:
    with ExitStack() as stack:
        yield [stack.enter_context(_stall(bot)) for _ in range(STALLED)]


def test_a_command_is_answered_in_time_while_120_clients_stall(
    bot: Bot, stalled: list[socket.socket]
) -> None:
    reply = bot.slack.command(DANA, "help")

    assert reply.status == 200
    assert "/interview log" in reply.text
    # Answered alongside the stalled clients, not after them: every one is still connected.
    assert all(_still_open(sock) for sock in stalled)


def test_a_request_that_never_finishes_arriving_is_closed(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "REQUEST_DEADLINE_SECONDS", 1)
    with _stall(bot) as sock:
        assert sock.recv(1024) == b""  # closed by the server, well before the 15 s timeout

"""Slack's Socket Mode side, served locally: single-use WebSocket URLs, envelopes and acks.

`FakeSlack` answers `apps.connections.open` with a URL from `SocketModeStandIn.issue_url()`.
Each URL admits one connection, which is greeted with `hello`. Envelopes go to the newest open
connection; acks are recorded with their payloads. Connections are retired the way Slack does:
`disconnect` with reason `warning` some seconds ahead, then `refresh_requested`, then a close.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

logger = logging.getLogger(__name__)
ACK_WINDOW = 3.0  # how long Slack waits for an ack


@dataclass
class Ack:
    envelope_id: str
    payload: dict[str, Any] | None
    at: float


@dataclass
class _Link:
    number: int
    connection: ServerConnection
    opened_at: float
    closed: threading.Event = field(default_factory=threading.Event)


class SocketModeStandIn:
    """A WebSocket server that plays Slack's Socket Mode endpoint towards one app."""

    def __init__(self, *, app_id: str = "A0APP0001") -> None:
        self.app_id = app_id
        self._tickets: set[str] = set()
        self._links: list[_Link] = []
        self._acks: dict[str, Ack] = {}
        self._sent_at: dict[str, float] = {}
        self._changed = threading.Condition()
        self._server: Server | None = None
        self.port = 0
        self.refused_handshakes = 0

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> None:
        self._server = serve(
            self._serve_link, "127.0.0.1", 0, process_request=self._admit, ping_interval=None
        )
        self.port = self._server.socket.getsockname()[1]
        threading.Thread(target=self._server.serve_forever, name="socket-mode", daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()

    def issue_url(self) -> str:
        """What `apps.connections.open` answers: a URL that admits exactly one connection."""
        ticket = uuid.uuid4().hex
        with self._changed:
            self._tickets.add(ticket)
        return f"ws://127.0.0.1:{self.port}/link/?ticket={ticket}&app_id={self.app_id}"

    # -- connections ---------------------------------------------------------------------------
    def _admit(self, _connection: ServerConnection, request: Request) -> Response | None:
        ticket = request.path.partition("ticket=")[2].partition("&")[0]
        with self._changed:
            if ticket in self._tickets:
                self._tickets.discard(ticket)
                return None
            self.refused_handshakes += 1
        return Response(HTTPStatus.UNAUTHORIZED, "Unauthorized", Headers(), b"bad ticket")

    def _serve_link(self, connection: ServerConnection) -> None:
        with self._changed:
            link = _Link(len(self._links) + 1, connection, time.monotonic())
            self._links.append(link)
        connection.send(json.dumps(_hello(self.app_id, len(self.open_links()))))
        with self._changed:
            self._changed.notify_all()
        try:
            for raw in connection:
                self._record_ack(raw)
        except ConnectionClosed:
            pass
        finally:
            link.closed.set()
            with self._changed:
                self._changed.notify_all()

    def _record_ack(self, raw: str | bytes) -> None:
        try:
            message = json.loads(raw)
        except ValueError:
            logger.warning("socket mode stand-in: a frame that is not JSON")
            return
        envelope_id = message.get("envelope_id") if isinstance(message, dict) else None
        if not envelope_id:
            return
        with self._changed:
            self._acks[envelope_id] = Ack(envelope_id, message.get("payload"), time.monotonic())
            self._changed.notify_all()

    def open_links(self) -> list[_Link]:
        with self._changed:
            return [link for link in self._links if not link.closed.is_set()]

    @property
    def connections_opened(self) -> int:
        with self._changed:
            return len(self._links)

    def wait_connected(self, *, count: int = 1, timeout: float = 10.0) -> None:
        """Wait until `count` connections have been opened in all, the last one still open."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not (len(self._links) >= count and not self._links[-1].closed.is_set()):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{count} Socket Mode connection(s) did not open")
                self._changed.wait(left)

    # -- what Slack sends ----------------------------------------------------------------------
    def deliver(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        accepts_response_payload: bool,
        retry_attempt: int = 0,
        retry_reason: str = "",
    ) -> str:
        """Send an envelope on the newest open connection; returns its envelope id."""
        envelope_id = str(uuid.uuid4())
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "payload": payload,
            "type": kind,
            "accepts_response_payload": accepts_response_payload,
        }
        if kind == "events_api":
            envelope["retry_attempt"] = retry_attempt
            envelope["retry_reason"] = retry_reason
        with self._changed:
            self._sent_at[envelope_id] = time.monotonic()
        # While the app swaps connections none may be open: Slack holds the envelope for the
        # next one, and the wait counts against the 3-second ack. A connection the app is
        # closing just then is passed over, as Slack would.
        deadline = time.monotonic() + ACK_WINDOW
        while True:
            link = self._newest_link(wait=max(deadline - time.monotonic(), 0.0))
            try:
                link.connection.send(json.dumps(envelope))
                return envelope_id
            except ConnectionClosed:
                link.closed.set()

    def wait_ack(self, envelope_id: str, *, timeout: float = 10.0) -> tuple[Ack, float]:
        """The ack for an envelope and how long after sending it arrived."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while envelope_id not in self._acks:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"envelope {envelope_id} was not acknowledged")
                self._changed.wait(left)
            ack = self._acks[envelope_id]
            return ack, ack.at - self._sent_at[envelope_id]

    def _newest_link(self, *, wait: float = 0.0) -> _Link:
        deadline = time.monotonic() + wait
        with self._changed:
            while True:
                links = [link for link in self._links if not link.closed.is_set()]
                if links:
                    return links[-1]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ConnectionError("no open Socket Mode connection")
                self._changed.wait(left)

    def warn_disconnect(self) -> None:
        """Slack's notice, about ten seconds before it retires the newest connection."""
        self._newest_link().connection.send(json.dumps(_disconnect("warning")))

    def retire(self, *, refresh_after: float = 1.0, close_after: float = 1.0) -> None:
        """Retire the newest connection as Slack does, in the background: warning, then
        `refresh_requested` `refresh_after` seconds later, then a close `close_after` after that.
        """
        link = self._newest_link()
        link.connection.send(json.dumps(_disconnect("warning")))

        def finish() -> None:
            if link.closed.wait(refresh_after):
                return
            with contextlib.suppress(ConnectionClosed):
                link.connection.send(json.dumps(_disconnect("refresh_requested")))
            link.closed.wait(close_after)
            link.connection.close()

        threading.Thread(target=finish, name="socket-mode-retire", daemon=True).start()

    def drop(self) -> None:
        """A bare close of the newest connection, with no notice."""
        self._newest_link().connection.close()


def _hello(app_id: str, connections: int) -> dict[str, Any]:
    return {
        "type": "hello",
        "num_connections": connections,
        "debug_info": {
            "host": "applink-sandbox",
            "build_number": 1,
            "approximate_connection_time": 18060,
        },
        "connection_info": {"app_id": app_id},
    }


def _disconnect(reason: str) -> dict[str, Any]:
    return {"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-sandbox"}}

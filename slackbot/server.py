"""HTTP serving: Bolt behind waitress and a request guard, plus `GET /healthz`."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from slack_bolt.request import BoltRequest
from waitress import wasyncore
from waitress.server import TcpWSGIServer

from slackbot.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from slackbot.replays import Answer, Replays
from slackbot.request_guard import MAX_BODY_BYTES, Refusal, admit

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
SERVER_THREADS = 32
SHUTDOWN_GRACE_SECONDS = 10
LOOP_TIMEOUT = 0.5
# Slow clients (a request trickling in, or stalled after its headers) hold only a socket here,
# never a worker thread: waitress buffers each request before handing it on. These bound how
# many sockets they can hold and for how long, so Slack always finds a free one.
CONNECTION_LIMIT = 1000
REQUEST_DEADLINE_SECONDS = 10
IDLE_TIMEOUT_SECONDS = 30

Health = Callable[[], tuple[bool, dict[str, Any]]]
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def build_wsgi(
    app: App | None,
    health: Health,
    *,
    signing_secret: str = "",
    metrics: Callable[[], bytes] | None = None,
) -> WsgiApp:
    """Route /healthz to the health check, /metrics to Prometheus's text, Slack's POSTs
    through the guard to Bolt, the rest (the OAuth pages) to Bolt's adapter; in Socket Mode
    everything else is 404."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH) if app is not None else None
    replays = Replays()

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO")
        if path == HEALTH_PATH and method == "GET":
            healthy, details = health()
            body = json.dumps(details).encode()
            status = "200 OK" if healthy else "503 Service Unavailable"
            start_response(status, [("Content-Type", "application/json")])
            return [body]
        if metrics and environ.get("PATH_INFO") == METRICS_PATH:
            start_response("200 OK", [("Content-Type", METRICS_CONTENT_TYPE)])
            return [metrics()]
        if app is not None and slack is not None:
            if method != "POST" or path != EVENTS_PATH:
                return slack(environ, start_response)
            admitted = admit(environ, secret=signing_secret, now=time.time())
            if isinstance(admitted, Refusal):
                logger.info("refused a request: %s %s", admitted.status, admitted.reason)
                response = WsgiHttpResponse(status=admitted.status, body=admitted.reason)
            else:
                answer = replays.answer(_fingerprint(admitted), lambda: _dispatch(app, admitted))
                response = WsgiHttpResponse(answer.status, headers=answer.headers, body=answer.body)
            start_response(response.status, response.get_headers())
            return response.get_body()
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Not Found"]

    return wsgi


def _fingerprint(request: BoltRequest) -> str:
    # The signature covers the timestamp and the body: the same value means the same delivery.
    return str((request.headers.get("x-slack-signature") or [""])[0])


def _dispatch(app: App, request: BoltRequest) -> Answer:
    bolt = app.dispatch(request)
    headers: dict[str, Sequence[str]] = {name: list(v) for name, v in bolt.headers.items()}
    return Answer(bolt.status, headers, bolt.body)


class _GuardedServer(TcpWSGIServer):
    """waitress, also closing connections whose request has not fully arrived in time."""

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        for channel in list(self.active_channels.values()):
            request = channel.request  # the request still arriving, if any
            if request is None or channel.requests:
                channel.arriving = None
                continue
            seen = getattr(channel, "arriving", None)
            if seen is None or seen[0] is not request:
                channel.arriving = (request, now)
            elif now - seen[1] > REQUEST_DEADLINE_SECONDS:
                channel.will_close = True


def _drain(server: TcpWSGIServer) -> None:
    """Take no new connections, and keep the loop turning until the requests in flight are
    answered: this loop sends their replies, and a worker finishing one wakes it through a
    pipe that must still be open then. At most SHUTDOWN_GRACE_SECONDS."""
    server.accepting = False
    tasks = server.task_dispatcher
    deadline = time.monotonic() + SHUTDOWN_GRACE_SECONDS
    while time.monotonic() < deadline and (
        tasks.active_count > 0
        or tasks.queue
        or any(getattr(c, "total_outbufs_len", 0) for c in list(server._map.values()))
    ):
        wasyncore.loop(timeout=0.05, map=server._map, use_poll=True, count=1)


class HttpServer:
    """A waitress server that can run in the foreground or a thread and report its port."""

    def __init__(self, wsgi: WsgiApp, *, host: str, port: int) -> None:
        self._server = _GuardedServer(
            wsgi,
            host=host,
            port=port,
            threads=SERVER_THREADS,
            ident="follow-up-coach",
            clear_untrusted_proxy_headers=True,
            connection_limit=CONNECTION_LIMIT,
            channel_timeout=IDLE_TIMEOUT_SECONDS,
            cleanup_interval=1,
            asyncore_use_poll=True,
            max_request_body_size=MAX_BODY_BYTES,
        )
        self._stopping = threading.Event()

    @property
    def port(self) -> int:
        return int(self._server.effective_port)

    def serve(self) -> None:
        """Serve until `close()`; then let requests already in flight finish."""
        logger.debug("listening on port %s", self.port)
        server = self._server
        # waitress's loop is not thread-safe, so it runs here until asked to stop, and only
        # this thread ever closes its sockets.
        while not self._stopping.is_set():
            wasyncore.loop(timeout=LOOP_TIMEOUT, map=server._map, use_poll=True, count=1)
        _drain(server)
        for channel in list(server._map.values()):
            channel.close()
        server.task_dispatcher.shutdown(timeout=SHUTDOWN_GRACE_SECONDS)

    def close(self) -> None:
        """Stop accepting connections; safe from any thread or a signal handler."""
        self._stopping.set()
        with suppress(OSError):  # the loop also wakes by itself within LOOP_TIMEOUT
            self._server.trigger.pull_trigger()

"""HTTP serving: Bolt's WSGI adapter behind waitress, plus `GET /healthz`."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from contextlib import suppress
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress import wasyncore
from waitress.server import create_server

from slackbot.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
SERVER_THREADS = 32
SHUTDOWN_GRACE_SECONDS = 10
LOOP_TIMEOUT = 0.5

Health = Callable[[], tuple[bool, dict[str, Any]]]
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def build_wsgi(
    app: App | None, health: Health, *, metrics: Callable[[], bytes] | None = None
) -> WsgiApp:
    """Route /healthz to the health check, /metrics to Prometheus's text, everything else to
    Bolt (or 404 in Socket Mode)."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH) if app is not None else None

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") == "GET":
            healthy, details = health()
            body = json.dumps(details).encode()
            status = "200 OK" if healthy else "503 Service Unavailable"
            start_response(status, [("Content-Type", "application/json")])
            return [body]
        if metrics and environ.get("PATH_INFO") == METRICS_PATH:
            start_response("200 OK", [("Content-Type", METRICS_CONTENT_TYPE)])
            return [metrics()]
        if slack is not None:
            return slack(environ, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Not Found"]

    return wsgi


class HttpServer:
    """A waitress server that can run in the foreground or a thread and report its port."""

    def __init__(self, wsgi: WsgiApp, *, host: str, port: int) -> None:
        self._server = create_server(
            wsgi,
            host=host,
            port=port,
            threads=SERVER_THREADS,
            ident="follow-up-coach",
            clear_untrusted_proxy_headers=True,
        )
        self._stopping = threading.Event()

    @property
    def port(self) -> int:
        return int(self._server.effective_port)  # type: ignore[union-attr]

    def serve(self) -> None:
        """Serve until `close()`; then let requests already in flight finish."""
        logger.debug("listening on port %s", self.port)
        server = self._server
        # waitress's loop is not thread-safe, so it runs here until asked to stop, and only
        # this thread ever closes its sockets.
        while not self._stopping.is_set():
            wasyncore.loop(timeout=LOOP_TIMEOUT, map=server._map, count=1)
        for channel in list(server._map.values()):
            channel.close()
        server.task_dispatcher.shutdown(timeout=SHUTDOWN_GRACE_SECONDS)

    def close(self) -> None:
        """Stop accepting connections; safe from any thread or a signal handler."""
        self._stopping.set()
        with suppress(OSError):  # the loop also wakes by itself within LOOP_TIMEOUT
            self._server.trigger.pull_trigger()

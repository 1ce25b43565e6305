"""The composition root: database, services, Bolt app, dispatcher and HTTP server, wired once."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from sqlalchemy import Engine

from slackbot.app import build_app
from slackbot.clock import Clock, system_clock
from slackbot.config import Settings
from slackbot.db import make_engine, make_session_factory, upgrade
from slackbot.dispatch import DISPATCH_WORKERS, Dispatcher, dispatcher_lag
from slackbot.domain.events import forget_old_events
from slackbot.domain.interviews import Owner
from slackbot.domain.retention import retention_job
from slackbot.installations import Installations
from slackbot.listeners.home import refresh_home
from slackbot.scheduler import start_scheduler
from slackbot.server import SERVER_THREADS, HttpServer, build_wsgi
from slackbot.services import (
    READ_SLOTS_SERVER,
    READ_SLOTS_SQLITE,
    REQUEST_WRITE_WAIT_SECONDS,
    Services,
)
from slackbot.slack_client import dispatcher_client, listener_client
from slackbot.view_seal import ViewSeal

logger = logging.getLogger(__name__)


class Runtime:
    """Everything one bot process runs. Tests and `preview` start it in threads."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock = system_clock,
        host: str = "0.0.0.0",  # noqa: S104 - a server is meant to be reachable
        port: int | None = None,
        engine: Engine | None = None,
    ) -> None:
        self.settings = settings
        # PostgreSQL pool: the dispatcher's senders each hold a connection while recording a
        # send; request threads hold one for a few milliseconds, so up to one per server thread
        # more can open under a burst (48 connections per process at most).
        self.engine = engine or make_engine(
            settings.database_url, pool_size=DISPATCH_WORKERS, max_overflow=SERVER_THREADS
        )
        upgrade(self.engine)
        installations = Installations(settings, self.engine) if settings.oauth else None
        slots = READ_SLOTS_SQLITE if self.engine.dialect.name == "sqlite" else READ_SLOTS_SERVER
        self.services = Services(
            sessions=make_session_factory(self.engine, write_wait=REQUEST_WRITE_WAIT_SECONDS),
            clock=clock,
            installations=installations,
            read_gate=threading.BoundedSemaphore(slots),
            view_seal=ViewSeal.for_settings(settings),
        )
        self.app: App = build_app(settings, self.services, client=listener_client(settings))
        http_app = None if settings.socket_mode else self.app
        self.server = HttpServer(
            build_wsgi(http_app, self.health, signing_secret=settings.signing_secret or ""),
            host=host,
            port=settings.port if port is None else port,
        )
        sender = dispatcher_client(settings)
        # The dispatcher is not racing Slack's 3 s: its writes wait out a busy database.
        patient = make_session_factory(self.engine)
        self.services.settings_cache.watch(patient)
        self.dispatcher = Dispatcher(
            sessions=patient,
            clock=clock,
            client_for=installations.client_for if installations else lambda _team: sender,
            lease=timedelta(seconds=settings.lease_seconds),
            after_send=self._prompt_sent,
        )
        self._threads: list[threading.Thread] = []
        self._socket_handler: Any = None
        self._scheduler: Any = None

    def _prompt_sent(self, client: WebClient, owner: Owner) -> None:
        # Upcoming prompts on Home changed.
        refresh_home(client, self.services, owner, on_screen=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    def health(self) -> tuple[bool, dict[str, Any]]:
        """Database reachability, and how late the oldest due, unsent prompt is."""
        try:
            lag = dispatcher_lag(self.services.sessions, self.services.clock())
        except Exception:
            logger.warning("health check: database unreachable")
            return False, {"ok": False, "database": "unreachable"}
        return True, {"ok": True, "database": "ok", "dispatcher_lag_seconds": round(lag, 1)}

    def start(self, *, schedule: bool = True) -> None:
        """Start serving in background threads (returns at once)."""
        if schedule:
            self._start_scheduler()
        if self.settings.socket_mode:
            self._connect_socket_mode()
        thread = threading.Thread(target=self.server.serve, name="http", daemon=True)
        thread.start()
        self._threads.append(thread)

    def run_forever(self) -> None:
        self._start_scheduler()
        if self.settings.socket_mode:
            self._connect_socket_mode()
        self.server.serve()

    def _start_scheduler(self) -> None:
        self._scheduler = start_scheduler(
            poll=self.dispatcher.poll,
            poll_seconds=self.settings.poll_seconds,
            housekeeping=self.housekeeping,
        )

    def housekeeping(self) -> None:
        """Every hour: fresh time zones for users due a prompt soon, retention, old event ids."""
        self.dispatcher.refresh_profiles()
        retention_job(self.services, self.settings.retention_days)()
        forget_old_events(self.services.sessions, now=self.services.clock())

    def stop(self) -> None:
        """Stop taking work, let HTTP requests and prompt sends in flight finish."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
        self.dispatcher.stop()
        self.services.home_publishes.close()
        self.server.close()
        if self._socket_handler is not None:
            self._socket_handler.close()
        for thread in self._threads:
            thread.join(timeout=5)
        self.engine.dispose()

    def _connect_socket_mode(self) -> None:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        self._socket_handler = SocketModeHandler(self.app, app_token=self.settings.app_token)
        self._socket_handler.connect()
        logger.info("connected to Slack in Socket Mode")

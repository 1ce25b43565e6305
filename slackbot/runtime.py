"""The composition root: database, services, Bolt app, dispatcher and HTTP server, wired once."""

from __future__ import annotations

import gc
import logging
import threading
from datetime import timedelta
from functools import partial
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from slackbot.app import LISTENER_THREADS, build_app
from slackbot.budget import MemoryBudget, SharedBudget
from slackbot.clock import Clock, system_clock
from slackbot.config import Settings
from slackbot.db import checkpoint_wal, make_session_factory, pending_migrations, upgrade
from slackbot.dispatch import DISPATCH_WORKERS, Dispatcher, dispatcher_lag
from slackbot.domain.interviews import Owner
from slackbot.domain.redeliveries import forget_old_events
from slackbot.domain.retention import retention_job
from slackbot.home_pacing import HomePacing
from slackbot.installations import Installations
from slackbot.interactions.home_tab import refresh_home
from slackbot.leases import queue_depth
from slackbot.metrics import Metrics
from slackbot.pacing import rates
from slackbot.scheduler import start_scheduler
from slackbot.server import SERVER_THREADS, SHUTDOWN_GRACE_SECONDS, HttpServer, build_wsgi
from slackbot.services import (
    READ_SLOTS_SERVER,
    READ_SLOTS_SQLITE,
    REQUEST_WRITE_WAIT_SECONDS,
    Services,
)
from slackbot.slack_client import dispatcher_client, listener_client
from slackbot.socket_mode import SocketModeConnection
from slackbot.startup import (
    Workspace,
    database_failure,
    open_database,
    port_failure,
    start_client,
    verify_bot_token,
)
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
        self.engine = engine or open_database(
            settings.database_url, pool_size=DISPATCH_WORKERS, max_overflow=SERVER_THREADS
        )
        self._migrate()
        installations = Installations(settings, self.engine) if settings.oauth else None
        slots = READ_SLOTS_SQLITE if self.engine.dialect.name == "sqlite" else READ_SLOTS_SERVER
        budgets = rates(settings)
        self.services = Services(
            sessions=make_session_factory(self.engine, write_wait=REQUEST_WRITE_WAIT_SECONDS),
            clock=clock,
            installations=installations,
            read_gate=threading.BoundedSemaphore(slots),
            view_seal=ViewSeal.for_settings(settings),
            # Home publishes are this process's own: its budget for them is kept here.
            home_pacing=HomePacing(MemoryBudget(budgets)),
        )
        self.app: App = build_app(settings, self.services, client=listener_client(settings))
        http_app = None if settings.socket_mode else self.app
        self.metrics = Metrics()
        self.metrics.watch(lag=self._lag, queue=self._queue_depth)
        port = settings.port if port is None else port
        wsgi = build_wsgi(
            http_app,
            self.health,
            signing_secret=settings.signing_secret or "",
            metrics=self.metrics.exposition,
        )
        try:
            self.server = HttpServer(wsgi, host=host, port=port)
        except OSError as error:
            self.engine.dispose()
            raise port_failure(port, error) from None
        sender = dispatcher_client(settings)
        # The dispatcher is not racing Slack's 3 s: its writes wait out a busy database.
        patient = make_session_factory(self.engine)
        self.dispatcher = Dispatcher(
            sessions=patient,
            clock=clock,
            client_for=installations.client_for if installations else lambda _team: sender,
            budget=SharedBudget(patient, budgets),
            metrics=self.metrics,
            lease=timedelta(seconds=settings.lease_seconds),
            after_send=self._prompt_sent,
        )
        self._threads: list[threading.Thread] = []
        self.socket: SocketModeConnection | None = None
        self.workspace: Workspace | None = None
        self._scheduler: Any = None
        self._stopping = threading.Event()
        self._stopped = threading.Event()

    def _migrate(self) -> None:
        try:
            pending = pending_migrations(self.engine)
            upgrade(self.engine)
        except (DBAPIError, OSError) as error:
            self.engine.dispose()
            raise database_failure(self.engine, error) from None
        self._migrated = len(pending)

    def _prompt_sent(self, client: WebClient, owner: Owner) -> None:
        # Upcoming prompts on Home changed; Home is not on screen (see home_pacing).
        refresh_home(client, self.services, owner, on_screen=False)

    def _lag(self) -> float:
        return dispatcher_lag(self.services.sessions, self.services.clock())

    def _queue_depth(self) -> float:
        return queue_depth(self.services.sessions, self.services.clock())

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
        details: dict[str, Any] = {
            "ok": True,
            "database": "ok",
            "dispatcher_lag_seconds": round(lag, 1),
        }
        if self.settings.socket_mode:
            details["socket"] = (
                "connected" if self.socket and self.socket.connected else "disconnected"
            )
        return True, details

    def start(self, *, schedule: bool = True) -> None:
        """Serve /healthz at once, then connect to Slack and start the jobs; returns when
        connected. A StartError says what stops the bot from starting."""
        thread = threading.Thread(target=self.server.serve, name="http", daemon=True)
        thread.start()
        self._threads.append(thread)
        try:
            self._connect_slack()
        except Exception:
            self.stop()
            raise
        if schedule:
            self._start_scheduler()
        logger.info("Follow-Up Coach started: %s", self.describe())

    def run_forever(self) -> None:
        self.start()
        # What start-up built lives as long as the process; the collector's full passes walked
        # it all every few seconds under load (120 ms each). Frozen, a pass takes 10 ms:
        # `/interview log` at 64/s, p99 121 ms -> 18 ms.
        gc.freeze()
        self._stopped.wait()
        logger.info("Follow-Up Coach stopped")

    def describe(self) -> str:
        """Mode, port, database (without password) and workspace, for the start line."""
        if self.settings.socket_mode:
            mode = f"Socket Mode, /healthz on port {self.server.port}"
        else:
            mode = f"HTTP on port {self.server.port}"
        where = self.engine.url.render_as_string(hide_password=True)
        if self._migrated:
            where += f" ({self._migrated} migrations applied)"
        workspace = "OAuth (many workspaces)" if self.settings.oauth else str(self.workspace)
        return f"{mode}, database {where}, workspace {workspace}"

    def _connect_slack(self) -> None:
        if self.settings.bot_token:
            client = start_client(self.settings.bot_token, api_url=self.settings.api_url)
            self.workspace = verify_bot_token(client, api_url=self.settings.api_url)
        if self.settings.socket_mode:
            assert self.settings.app_token is not None
            self.socket = SocketModeConnection(
                self.app,
                app_token=self.settings.app_token,
                api_url=self.settings.api_url,
                workers=LISTENER_THREADS,
            )
            self.socket.connect()

    def _start_scheduler(self) -> None:
        self._scheduler = start_scheduler(
            poll=self.dispatcher.poll,
            poll_seconds=self.settings.poll_seconds,
            housekeeping=self.housekeeping,
            checkpoint=partial(checkpoint_wal, self.engine),
        )

    def housekeeping(self) -> None:
        """Every hour: fresh time zones for users due a prompt soon, retention, old event ids."""
        self.dispatcher.refresh_profiles()
        retention_job(self.services, self.settings.retention_days)()
        forget_old_events(self.services.sessions, now=self.services.clock())

    def stop(self) -> None:
        """Stop taking work, let HTTP requests and prompt sends in flight finish (once: a
        second signal while stopping changes nothing)."""
        if self._stopping.is_set():
            return
        self._stopping.set()
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
        self.dispatcher.stop()
        self.services.home_publishes.close()
        self.server.close()
        if self.socket is not None:
            self.socket.close()
        for thread in self._threads:
            thread.join(timeout=SHUTDOWN_GRACE_SECONDS + 1)
        self.engine.dispose()
        self._stopped.set()

"""The App Home tab: published on app_home_opened and whenever the user's data changes."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from slackbot.blocks import ids
from slackbot.blocks.home import build_home
from slackbot.db import transaction
from slackbot.domain.home import (
    home_snapshot,
    interviews_of,
    mark_note_sent,
    settings_or_defaults,
    skip_prompt,
    snooze_prompt,
)
from slackbot.domain.interviews import Owner
from slackbot.domain.profiles import preferences, zone_of
from slackbot.domain.stats import compute_stats
from slackbot.listeners.context import actor_for, data_changed, payload_id
from slackbot.listeners.prompt_actions import rerender_prompts
from slackbot.services import Services

logger = logging.getLogger(__name__)


# Changes often come in bursts (a command, then a button, then "sent all"): Home is published
# a moment after the last of them, off the listener's thread, instead of once per change.
HOME_DELAY_SECONDS = 0.25
HOME_WORKERS = 4


class Republisher:
    """Publishes Home per user: delayed a little, at most one publish in flight per user.

    Two publishes racing could land out of order and leave Home showing older data, so a
    change made while that user's publish is in flight only marks Home stale; the publish
    runs once more when the current one is done, reading the database afresh.
    """

    def __init__(self, *, delay: float, workers: int) -> None:
        self._delay = delay
        self._guard = threading.Condition()
        self._due: dict[Hashable, tuple[float, Callable[[], None]]] = {}
        self._running: set[Hashable] = set()
        self._stale: dict[Hashable, Callable[[], None]] = {}
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="home")
        self._timer: threading.Thread | None = None

    def request(
        self, key: Hashable, publish: Callable[[], None], *, delay: float | None = None
    ) -> None:
        at = time.monotonic() + (self._delay if delay is None else delay)
        with self._guard:
            if key in self._running:
                self._stale[key] = publish
                return
            if key in self._due:
                at = min(at, self._due[key][0])
            self._due[key] = (at, publish)
            if self._timer is None:
                self._timer = threading.Thread(target=self._loop, name="home-timer", daemon=True)
                self._timer.start()
            self._guard.notify()

    def _loop(self) -> None:
        while True:
            with self._guard:
                while not self._due:
                    self._guard.wait()
                key, (at, publish) = min(self._due.items(), key=lambda item: item[1][0])
                wait = at - time.monotonic()
                if wait > 0:
                    self._guard.wait(wait)
                    continue
                del self._due[key]
                self._running.add(key)
            try:
                self._pool.submit(self._run, key, publish)
            except RuntimeError:  # the interpreter is shutting down
                return

    def _run(self, key: Hashable, publish: Callable[[], None]) -> None:
        try:
            publish()
        finally:
            with self._guard:
                self._running.discard(key)
                again = self._stale.pop(key, None)
                if again is not None:
                    self._due[key] = (time.monotonic(), again)
                    self._guard.notify()

    def forget(self, owner_of: Callable[[Hashable], bool]) -> None:
        """Drop publishes not started yet whose key matches (an app shutting down)."""
        with self._guard:
            for key in [k for k in self._due if owner_of(k)]:
                del self._due[key]
            for key in [k for k in self._stale if owner_of(k)]:
                del self._stale[key]


_REPUBLISHER = Republisher(delay=HOME_DELAY_SECONDS, workers=HOME_WORKERS)


def register(app: App) -> None:
    app.event("app_home_opened")(handle_app_home_opened)
    app.action(ids.HOME_MARK_SENT)(handle_mark_sent)
    app.action(ids.HOME_SNOOZE)(handle_snooze)
    app.action(ids.HOME_SKIP)(handle_skip)


def handle_app_home_opened(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    if event.get("tab") != "home":
        return
    # actor_for refreshes the Slack profile (time zone) when the cached copy is a day old.
    actor = actor_for(body, context, client)
    # The user is looking at the tab right now: no need to wait for a burst to settle.
    _schedule(client, actor.services, actor.owner, delay=0)


def refresh_home(client: WebClient, services: Services, owner: Owner) -> None:
    """Republish the user's Home tab after their data changed (best effort, in the background)."""
    _schedule(client, services, owner)


def _schedule(
    client: WebClient, services: Services, owner: Owner, *, delay: float | None = None
) -> None:
    # Keyed by services too: each running app (tests run several in turn) has its own.
    _REPUBLISHER.request((services, owner), partial(_publish, client, services, owner), delay=delay)


def stop_publishing(services: Services) -> None:
    """The app is stopping: publishes it still had queued are dropped."""
    _REPUBLISHER.forget(lambda key: isinstance(key, tuple) and key[0] is services)


def _publish(client: WebClient, services: Services, owner: Owner) -> None:
    try:
        client.views_publish(user_id=owner.user_id, view=_home_view(services, owner))
    except SlackApiError as error:
        logger.warning("views.publish failed: %s", error.response.get("error"))
    except (SlackClientError, OSError) as error:
        logger.warning("views.publish failed: %s", type(error).__name__)
    except Exception:
        # Home is refreshed after commands and buttons that already succeeded; a Home bug
        # must not turn their reply into "something went wrong".
        logger.exception("could not build the Home tab")


def _home_view(services: Services, owner: Owner) -> dict[str, Any]:
    now = services.clock()
    with services.sessions() as session:
        settings = settings_or_defaults(session, owner, now)
        zone, prefs = zone_of(settings), preferences(settings)
        interviews = interviews_of(session, owner)
        snapshot = home_snapshot(interviews, zone=zone, now=now)
        stats = compute_stats(interviews, now=now)
    return build_home(snapshot, stats=stats, zone=zone, day_hours=(prefs.day_start, prefs.day_end))


def handle_mark_sent(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    ack()
    actor = actor_for(body, context, client)
    with transaction(actor.services.sessions) as session:
        interview = mark_note_sent(
            session, actor.owner, _id(action), prefs=actor.prefs, now=actor.now
        )
        interview_id = interview.id if interview else None
    if interview_id is not None:
        rerender_prompts(actor, interview_id)  # the thank-you DM gets its check mark too
    data_changed(actor)


def handle_snooze(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    ack()
    actor = actor_for(body, context, client)
    with transaction(actor.services.sessions) as session:
        snooze_prompt(session, actor.owner, _id(action), prefs=actor.prefs, now=actor.now)
    data_changed(actor)


def handle_skip(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    ack()
    actor = actor_for(body, context, client)
    with transaction(actor.services.sessions) as session:
        skip_prompt(session, actor.owner, _id(action), prefs=actor.prefs, now=actor.now)
    data_changed(actor)


def _id(action: dict[str, Any]) -> int:
    found = payload_id(action.get("value"))
    return -1 if found is None else found

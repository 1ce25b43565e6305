"""The App Home tab: published on app_home_opened and whenever the user's data changes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from slackbot.blocks import ids
from slackbot.blocks.home import build_home
from slackbot.db import transaction
from slackbot.domain.home import (
    home_snapshot,
    mark_note_sent,
    skip_prompt,
    snooze_prompt,
)
from slackbot.domain.interviews import Owner
from slackbot.domain.profiles import default_settings, preferences, zone_of
from slackbot.domain.snapshots import load_interviews
from slackbot.domain.stats import compute_stats
from slackbot.domain.undo import home_undo
from slackbot.listeners.context import Press, actor_for, data_changed, on_press
from slackbot.listeners.prompt_actions import rerender_prompts
from slackbot.profiles_edge import stored_settings
from slackbot.services import Services

logger = logging.getLogger(__name__)


# After a slash command, a DM reply or a prompt sent, Home is not on screen (those happen in
# another tab, and opening Home publishes at once), so its publish waits longer and a burst of
# such changes costs one publish. Buttons and modals may well be on Home: a moment is enough to
# let a burst of clicks settle.
ON_SCREEN_DELAY_SECONDS = 0.25
OFF_SCREEN_DELAY_SECONDS = 1.5


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


def refresh_home(
    client: WebClient, services: Services, owner: Owner, *, on_screen: bool = True
) -> None:
    """Republish the user's Home tab after their data changed (best effort, in the background)."""
    delay = ON_SCREEN_DELAY_SECONDS if on_screen else OFF_SCREEN_DELAY_SECONDS
    _schedule(client, services, owner, delay=delay)


def _schedule(client: WebClient, services: Services, owner: Owner, *, delay: float) -> None:
    services.home_publishes.request(owner, partial(_publish, client, services, owner), delay=delay)


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
    stored = services.settings_cache.get(owner, partial(stored_settings, services.sessions, owner))
    # Reading Home must not recreate a settings row the user has just asked us to delete.
    settings = stored or default_settings(team_id=owner.team_id, user_id=owner.user_id, now=now)
    zone, prefs = zone_of(settings), preferences(settings)
    with services.reading() as session:
        interviews = load_interviews(session, owner)
        snapshot = home_snapshot(interviews, zone=zone, now=now)
        stats = compute_stats(interviews, now=now)
        day_hours = (prefs.day_start, prefs.day_end)
        undo = home_undo(session, owner, now=now) if not snapshot.first_time else None
        return build_home(snapshot, stats=stats, zone=zone, day_hours=day_hours, undo=undo)


@on_press
def handle_mark_sent(press: Press) -> None:
    actor = press.actor
    with transaction(actor.services.sessions) as session:
        interview = mark_note_sent(
            session, actor.owner, press.value_id, prefs=actor.prefs, now=actor.now
        )
        interview_id = interview.id if interview else None
    if interview_id is not None:
        rerender_prompts(actor, interview_id)  # the thank-you DM gets its check mark too
    data_changed(actor)


@on_press
def handle_snooze(press: Press) -> None:
    _change_prompt(press, snooze_prompt)


@on_press
def handle_skip(press: Press) -> None:
    _change_prompt(press, skip_prompt)


def _change_prompt(press: Press, change: Callable[..., object]) -> None:
    actor = press.actor
    with transaction(actor.services.sessions) as session:
        change(session, actor.owner, press.value_id, prefs=actor.prefs, now=actor.now)
    data_changed(actor)

"""Publishing a user's Home tab: when they open it, and whenever their data changes."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from slackbot.blocks.home import build_home
from slackbot.domain.home import home_snapshot
from slackbot.domain.interviews import Owner
from slackbot.domain.profiles import default_settings, preferences, zone_of
from slackbot.domain.snapshots import load_interviews
from slackbot.domain.stats import compute_stats
from slackbot.domain.undo import home_undo
from slackbot.interactions.actor import Actor
from slackbot.services import Services
from slackbot.slack_profiles import stored_settings

logger = logging.getLogger(__name__)


# After a slash command, a DM reply or a prompt sent, Home is not on screen (those happen in
# another tab, and opening Home publishes at once), so its publish waits longer and a burst of
# such changes costs one publish. Buttons and modals may well be on Home: a moment is enough to
# let a burst of clicks settle.
ON_SCREEN_DELAY_SECONDS = 0.25
OFF_SCREEN_DELAY_SECONDS = 1.5


def data_changed(actor: Actor, *, on_screen: bool = True) -> None:
    """The user's interviews or prompts changed: republish their Home tab.

    `on_screen=False` when the change was typed in a message composer (a slash command, a DM
    reply): Home is not on screen then, and can wait a little longer.
    """
    refresh_home(actor.client, actor.services, actor.owner, on_screen=on_screen)


def home_opened(actor: Actor) -> None:
    """The user is looking at the tab right now: no need to wait for a burst to settle."""
    _schedule(actor.client, actor.services, actor.owner, delay=0)


def refresh_home(
    client: WebClient, services: Services, owner: Owner, *, on_screen: bool = True
) -> None:
    """Republish the user's Home tab after their data changed (best effort, in the background).

    Off screen, the publish also waits its turn in the workspace's budget (`home_pacing`).
    """
    if on_screen:
        _schedule(client, services, owner, delay=ON_SCREEN_DELAY_SECONDS)
        return
    job = partial(_publish_in_turn, client, services, owner)
    # While the user waits for a turn, each change only joins it: woken earlier, the job would
    # just be told to wait again (64 users logging 64 a second: 606 runs for 88 publishes, now
    # 240 for 91).
    delay = max(OFF_SCREEN_DELAY_SECONDS, services.home_pacing.held(owner))
    services.home_publishes.request(owner, job, delay=delay)


def _schedule(client: WebClient, services: Services, owner: Owner, *, delay: float) -> None:
    services.home_publishes.request(owner, partial(_publish, client, services, owner), delay=delay)


def _publish_in_turn(client: WebClient, services: Services, owner: Owner) -> float | None:
    wait = services.home_pacing.wait(owner)
    if wait > 0:
        return wait
    _publish(client, services, owner)
    return None


def _publish(client: WebClient, services: Services, owner: Owner) -> None:
    services.home_pacing.cancel(owner)
    try:
        client.views_publish(user_id=owner.user_id, view=home_view(services, owner))
    except SlackApiError as error:
        logger.warning("views.publish failed: %s", error.response.get("error"))
    except (SlackClientError, OSError) as error:
        logger.warning("views.publish failed: %s", type(error).__name__)
    except Exception:
        # Home is refreshed after commands and buttons that already succeeded; a Home bug
        # must not turn their reply into "something went wrong".
        logger.exception("could not build the Home tab")


def home_view(services: Services, owner: Owner) -> dict[str, Any]:
    """The Home view of this user as it is published (it reads their settings and data)."""
    now = services.clock()
    stored = stored_settings(services.sessions, owner)
    # Reading Home must not recreate a settings row the user has just asked us to delete.
    settings = stored or default_settings(team_id=owner.team_id, user_id=owner.user_id, now=now)
    zone, prefs = zone_of(settings), preferences(settings)
    with services.reading() as driver:
        interviews = load_interviews(driver, owner)
        snapshot = home_snapshot(interviews, zone=zone, now=now)
        stats = compute_stats(interviews, now=now)
        day_hours = (prefs.day_start, prefs.day_end)
        undo = None if snapshot.first_time else home_undo(driver, owner, interviews, now=now)
        return build_home(snapshot, stats=stats, zone=zone, day_hours=day_hours, undo=undo)

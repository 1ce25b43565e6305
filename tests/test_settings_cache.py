"""The settings cache: read once per burst, dropped by this process's own writes as they commit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import delete

from slackbot.db import SessionFactory, transaction
from slackbot.domain.interviews import Owner
from slackbot.domain.profiles import default_settings
from slackbot.models import UserSettings
from slackbot.settings_cache import SettingsCache
from slackbot.slack_profiles import stored_settings

NOW = datetime(2026, 3, 2, 15, tzinfo=UTC)
DANA = Owner("T1", "U1")
EVAN = Owner("T1", "U2")


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def store(sessions: SessionFactory, owner: Owner, **values: object) -> None:
    with transaction(sessions) as session:
        row = session.get(UserSettings, (owner.team_id, owner.user_id))
        if row is None:
            row = default_settings(team_id=owner.team_id, user_id=owner.user_id, now=NOW)
            session.add(row)
        for name, value in values.items():
            setattr(row, name, value)


def counting_loader(
    sessions: SessionFactory, owner: Owner, reads: list[Owner]
) -> Callable[[], UserSettings | None]:
    def load() -> UserSettings | None:
        reads.append(owner)
        return stored_settings(sessions, owner)

    return load


def watched(sessions: SessionFactory, ticks: Ticks) -> SettingsCache:
    cache = SettingsCache(ttl=10, clock=ticks)
    cache.watch(sessions)
    return cache


def test_a_burst_reads_the_row_once_until_the_copy_expires(sessions: SessionFactory) -> None:
    ticks, reads = Ticks(), []
    cache = watched(sessions, ticks)
    store(sessions, DANA, day_start_minute=9 * 60)
    load = counting_loader(sessions, DANA, reads)

    for _ in range(5):
        assert cache.get(DANA, load).day_start_minute == 9 * 60
    assert len(reads) == 1

    ticks.now = 10.5
    cache.get(DANA, load)
    assert len(reads) == 2


def test_a_committed_change_is_seen_at_once_and_only_that_users_copy_is_dropped(
    sessions: SessionFactory,
) -> None:
    ticks, reads = Ticks(), []
    cache = watched(sessions, ticks)
    store(sessions, DANA)
    store(sessions, EVAN)
    cache.get(DANA, counting_loader(sessions, DANA, reads))
    cache.get(EVAN, counting_loader(sessions, EVAN, reads))

    store(sessions, DANA, tz_override="Europe/Lisbon")

    assert cache.get(DANA, counting_loader(sessions, DANA, reads)).tz_override == "Europe/Lisbon"
    cache.get(EVAN, counting_loader(sessions, EVAN, reads))
    assert reads == [DANA, EVAN, DANA]


def test_a_rolled_back_change_drops_nothing(sessions: SessionFactory) -> None:
    ticks, reads = Ticks(), []
    cache = watched(sessions, ticks)
    store(sessions, DANA)
    cache.get(DANA, counting_loader(sessions, DANA, reads))

    try:
        with transaction(sessions) as session:
            session.get(UserSettings, (DANA.team_id, DANA.user_id)).tz_override = "Asia/Tokyo"
            session.flush()
            raise RuntimeError("the request failed after the flush")
    except RuntimeError:
        pass

    assert cache.get(DANA, counting_loader(sessions, DANA, reads)).tz_override is None
    assert reads == [DANA]


def test_a_bulk_delete_drops_every_copy(sessions: SessionFactory) -> None:
    ticks, reads = Ticks(), []
    cache = watched(sessions, ticks)
    store(sessions, DANA)
    cache.get(DANA, counting_loader(sessions, DANA, reads))

    with transaction(sessions) as session:
        session.execute(delete(UserSettings).where(UserSettings.team_id == "T1"))

    assert cache.get(DANA, counting_loader(sessions, DANA, reads)) is None


def test_a_read_that_overlapped_a_commit_is_not_kept(sessions: SessionFactory) -> None:
    ticks, reads = Ticks(), []
    cache = watched(sessions, ticks)
    store(sessions, DANA)

    def read_then_another_request_commits() -> UserSettings | None:
        row = stored_settings(sessions, DANA)
        store(sessions, DANA, tz_override="Europe/Lisbon")
        return row

    assert cache.get(DANA, read_then_another_request_commits).tz_override is None
    # That older copy was not kept: the next request reads the committed change.
    assert cache.get(DANA, counting_loader(sessions, DANA, reads)).tz_override == "Europe/Lisbon"

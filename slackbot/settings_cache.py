"""Users' settings kept for a few seconds, so a burst of requests reads each row once.

Every request needs the acting user's settings (time zone, day hours) before it can answer, and
so does every Home publish. People act in bursts (a command, a button, a modal), so one read
serves several requests.

A write to settings through this process drops the cached copies when it commits (found through
ORM session events, so no call site has to remember), and a read that began before that commit
is not cached. This process therefore never serves its own stale copy. A change made by another
process is seen within `ttl` seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from slackbot.db import SessionFactory
from slackbot.domain.interviews import Owner
from slackbot.models import UserSettings

SETTINGS_TTL_SECONDS = 10.0
# Past this many entries, expired ones are swept out when the next is stored.
SWEEP_ABOVE = 10_000
_TOUCHED = "slackbot_settings_touched"


class SettingsCache:
    def __init__(
        self, *, ttl: float = SETTINGS_TTL_SECONDS, clock: Callable[[], float] = time.monotonic
    ):
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[Owner, tuple[float, UserSettings]] = {}
        # Bumped by every committed write to settings; a read that saw an older generation
        # may have read the row before that write, so it is not kept.
        self._generation = 0

    def get(self, owner: Owner, load: Callable[[], UserSettings | None]) -> UserSettings | None:
        """The user's stored settings (None when they have none), read with `load` if not kept."""
        with self._lock:
            entry = self._entries.get(owner)
            if entry is not None and entry[0] > self._clock():
                return entry[1]
            generation = self._generation
        settings = load()
        if settings is not None:
            self._keep(owner, settings, generation)
        return settings

    def _keep(self, owner: Owner, settings: UserSettings, generation: int) -> None:
        now = self._clock()
        with self._lock:
            if generation != self._generation:
                return
            if len(self._entries) > SWEEP_ABOVE:
                self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
            self._entries[owner] = (now + self._ttl, settings)

    def invalidate(self, owners: Iterable[Owner] | None = None) -> None:
        """Drop these users' copies (everyone's when `owners` is None)."""
        with self._lock:
            if owners is None:
                self._entries.clear()
            else:
                for owner in owners:
                    self._entries.pop(owner, None)
            self._generation += 1

    def watch(self, sessions: SessionFactory) -> None:
        """Invalidate whenever a session from `sessions` commits a change to settings."""
        event.listen(sessions, "after_flush", _note_flushed)
        event.listen(sessions, "do_orm_execute", _note_bulk)
        event.listen(sessions, "after_commit", self._after_commit)
        event.listen(sessions, "after_rollback", _forget_notes)

    def _after_commit(self, session: Session) -> None:
        if _TOUCHED in session.info:
            self.invalidate(session.info.pop(_TOUCHED))


def _note_flushed(session: Session, _context: object) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    owners = {Owner(o.team_id, o.user_id) for o in changed if isinstance(o, UserSettings)}
    if owners:
        touched = session.info.setdefault(_TOUCHED, set())
        if touched is not None:
            touched.update(owners)


def _note_bulk(state: ORMExecuteState) -> None:
    # `delete(UserSettings)` / `update(UserSettings)` statements (forget, uninstall): rare, so
    # they simply drop every copy.
    if (state.is_delete or state.is_update) and any(
        mapper.class_ is UserSettings for mapper in state.all_mappers
    ):
        state.session.info[_TOUCHED] = None


def _forget_notes(session: Session) -> None:
    session.info.pop(_TOUCHED, None)

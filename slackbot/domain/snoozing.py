"""When a snoozed prompt comes back: in hours, in days, or at a named time, always on a round
time inside day hours, and never later than the reminder already planned unless asked.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from slackbot.domain.cadence import Preferences, next_day_hours
from slackbot.domain.prompts import sync_prompts
from slackbot.domain.typed_replies import MORNING, TONIGHT, WEEKDAYS, Snooze
from slackbot.models import Interview, PromptKind, PromptStatus

MORNING_AT = time(9, 0)
TONIGHT_AT = time(19, 0)
ROUND_TO = timedelta(minutes=30)
# What a bare `snooze` means for each prompt, before the planned reminder caps it.
DEFAULT_SNOOZE = {
    PromptKind.THANK_YOU: Snooze(at=MORNING),
    PromptKind.NUDGE: Snooze(at=MORNING),
    PromptKind.FOLLOW_UP: Snooze(days=3),
    PromptKind.CLOSURE: Snooze(days=3),
}


def snooze_until(
    snooze: Snooze,
    *,
    kind: PromptKind,
    prefs: Preferences,
    now: datetime,
    planned: datetime | None,
) -> datetime:
    """The moment (aware UTC) the snoozed prompt should come back."""
    wanted = snooze if snooze.asked else DEFAULT_SNOOZE[kind]
    target = next_day_hours(_target(wanted, prefs, now), prefs)
    if not snooze.asked and planned is not None and planned > now:
        # `snooze` alone asks for "later", not "after the reminder I'd send anyway".
        target = min(target, planned)
    return target


def _target(snooze: Snooze, prefs: Preferences, now: datetime) -> datetime:
    local = now.astimezone(prefs.zone)
    if snooze.hours:
        return round_up(now + timedelta(hours=snooze.hours))
    if snooze.days:
        return _at(local.date() + timedelta(days=snooze.days), _morning(prefs), prefs)
    if snooze.at == TONIGHT:
        evening = _at(local.date(), _evening(prefs), prefs)
        return evening if evening > now else round_up(now + timedelta(hours=1))
    if snooze.at in WEEKDAYS:
        ahead = (WEEKDAYS.index(snooze.at) - local.weekday() - 1) % 7 + 1
        return _at(local.date() + timedelta(days=ahead), _morning(prefs), prefs)
    return _at(local.date() + timedelta(days=1), _morning(prefs), prefs)


def round_up(moment: datetime) -> datetime:
    """The next half hour at or after `moment` (a reminder at 4:18 PM reads oddly)."""
    moment = moment.astimezone(UTC)
    floor = moment.replace(minute=0, second=0, microsecond=0)
    steps = -(-(moment - floor) // ROUND_TO)
    return floor + steps * ROUND_TO


def _morning(prefs: Preferences) -> time:
    return max(MORNING_AT, prefs.day_start)


def _evening(prefs: Preferences) -> time:
    """19:00, or an hour before day hours end when they end earlier."""
    if prefs.day_end <= prefs.day_start or prefs.day_end > TONIGHT_AT:
        return TONIGHT_AT
    minutes = max(prefs.day_end.hour * 60 + prefs.day_end.minute - 60, 0)
    return max(time(minutes // 60, minutes % 60), prefs.day_start)


def _at(day: date, at: time, prefs: Preferences) -> datetime:
    return datetime.combine(day, at, tzinfo=prefs.zone).astimezone(UTC)


def snooze_interview(
    session: Session,
    interview: Interview,
    snooze: Snooze,
    *,
    kind: PromptKind,
    prefs: Preferences,
    now: datetime,
) -> datetime | None:
    """Snooze the interview's prompt of `kind`; returns when the next prompt is now due."""
    planned = next_due(interview)
    interview.snoozed_until = snooze_until(snooze, kind=kind, prefs=prefs, now=now, planned=planned)
    interview.snoozed_kind = kind
    session.flush()
    sync_prompts(session, interview, prefs, now)
    return next_due(interview)


def next_due(interview: Interview, kind: PromptKind | None = None) -> datetime | None:
    pending = [
        p.due_at
        for p in interview.prompts
        if p.status == PromptStatus.PENDING and (kind is None or p.kind == kind)
    ]
    return min(pending, default=None)

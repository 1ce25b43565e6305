"""When each prompt of one interview is due.

Pure functions: no I/O and no wall clock; `now` is always passed in. Every calendar rule ("09:00
the next day", "7 days later", "a business day") is evaluated as local wall time in the user's
zone and only then converted to UTC, so results stay right across daylight-saving changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from slackbot.domain.workdays import is_holiday, is_weekend
from slackbot.models import PromptKind

# Prompts in the order an interview moves through them; "latest" always means latest here.
KIND_ORDER: tuple[PromptKind, ...] = (
    PromptKind.THANK_YOU,
    PromptKind.NUDGE,
    PromptKind.FOLLOW_UP,
    PromptKind.CLOSURE,
)

THANK_YOU_DELAY = timedelta(hours=1)
# Past this a thank-you reads as an afterthought; the follow-up takes over instead.
THANK_YOU_CUTOFF = timedelta(hours=48)
NUDGE_AT = time(9, 0)
# A thank-you sent late in the evening must not be nudged first thing the next morning.
NUDGE_MIN_GAP = timedelta(hours=12)
FOLLOW_UP_AT = time(10, 0)
CLOSURE_AT = time(10, 0)


@dataclass(frozen=True, kw_only=True)
class Preferences:
    """The user's prompt settings.

    Day hours are [day_start, day_end) local time. A day_end at or before day_start wraps past
    midnight, so `day_end=time(0, 0)` means "until midnight".
    """

    zone: ZoneInfo
    day_start: time = time(8, 0)
    day_end: time = time(21, 0)
    follow_up_days: int = 7
    closure_days: int = 7
    weekend_prompts: bool = False
    # ISO country whose public holidays follow-ups and closure skip; None skips none.
    country: str | None = None


@dataclass(frozen=True, kw_only=True)
class Timeline:
    """What has happened so far to one interview (all datetimes aware UTC)."""

    starts_at: datetime
    ends_at: datetime
    decision_by: date | None = None
    thank_you_sent_at: datetime | None = None
    nudge_sent_at: datetime | None = None
    # Latest follow-up prompt sent, or "I followed up" marked.
    follow_up_sent_at: datetime | None = None
    closure_sent_at: datetime | None = None
    everyone_thanked: bool = False
    # Heard back / closed / cancelled: nothing is due.
    closed: bool = False
    # Heard back with good news while thank-yous are owed: only those still come.
    thanks_only: bool = False
    snoozed_until: datetime | None = None
    snoozed_kind: PromptKind | None = None


def in_day_hours(moment: datetime, prefs: Preferences) -> bool:
    """Whether `moment` falls inside the user's day hours (every day, weekends included)."""
    local = _local_time(moment, prefs)
    if prefs.day_start < prefs.day_end:
        return prefs.day_start <= local < prefs.day_end
    # Wrapping window (e.g. 08:00 until midnight): inside unless in the overnight gap.
    return local >= prefs.day_start or local < prefs.day_end


def next_day_hours(moment: datetime, prefs: Preferences) -> datetime:
    """`moment` (as UTC) if inside day hours, else the start of the next day hours."""
    if in_day_hours(moment, prefs):
        return _require_aware(moment).astimezone(UTC)
    local = _require_aware(moment).astimezone(prefs.zone)
    # Outside the window the next opening is today's day_start if it is still ahead, else
    # tomorrow's; this holds for wrapping windows too, whose gap lies before day_start.
    day = local.date() if local.time() < prefs.day_start else local.date() + timedelta(days=1)
    return _wall_time(day, prefs.day_start, zone=prefs.zone)


def candidates(timeline: Timeline, prefs: Preferences) -> dict[PromptKind, datetime]:
    """Every prompt still to come for this interview and when it is due (aware UTC).

    Ignores `now`: a due time in the past means "send at once"; `plan` decides which of those
    still apply. Keys follow KIND_ORDER.
    """
    if timeline.closed:
        return {}
    due: dict[PromptKind, datetime | None] = {
        PromptKind.THANK_YOU: _thank_you_due(timeline, prefs),
        PromptKind.NUDGE: _nudge_due(timeline, prefs),
        PromptKind.FOLLOW_UP: _follow_up_due(timeline, prefs),
        PromptKind.CLOSURE: _closure_due(timeline, prefs),
    }
    # A snooze replaces the normal rule for the kinds it touches (None = suppressed).
    due.update(_snooze_overrides(timeline, prefs))
    if timeline.thanks_only:
        due[PromptKind.FOLLOW_UP] = due[PromptKind.CLOSURE] = None
    return {kind: at for kind in KIND_ORDER if (at := due.get(kind)) is not None}


def plan(timeline: Timeline, prefs: Preferences, now: datetime) -> dict[PromptKind, datetime]:
    """The prompts to schedule for this interview as of `now` (due times aware UTC).

    These are the `candidates`, with stale ones removed so that only the latest applicable
    prompt goes out:

    - A thank-you is dropped once `now` is more than THANK_YOU_CUTOFF after the interview ended
      ("too late: the follow-up takes over"), even if it was due earlier.
    - When several prompts are due at once (due <= now: logged late, or after downtime), only
      the latest one by KIND_ORDER is kept; the earlier ones are dropped, not sent late.
    - A due prompt is also dropped when a later kind has already been sent, so a prompt
      skipped that way does not resurface after the later one went out.

    Prompts due in the future are always kept.
    """
    now = _require_aware(now).astimezone(UTC)
    scheduled = candidates(timeline, prefs)
    thank_you_deadline = timeline.ends_at + THANK_YOU_CUTOFF
    if PromptKind.THANK_YOU in scheduled and now > thank_you_deadline:
        del scheduled[PromptKind.THANK_YOU]
    due_now = [kind for kind, at in scheduled.items() if at <= now]
    if not due_now:
        return scheduled
    latest = max(due_now, key=KIND_ORDER.index)
    stale = {kind for kind in due_now if kind != latest or _later_kind_sent(kind, timeline)}
    return {kind: at for kind, at in scheduled.items() if kind not in stale}


def _thank_you_due(timeline: Timeline, prefs: Preferences) -> datetime | None:
    if timeline.thank_you_sent_at is not None:
        return None
    due = next_day_hours(timeline.ends_at + THANK_YOU_DELAY, prefs)
    # The same-day thank-you goes out even on a weekend: the interview happened that day.
    if _local_date(due, prefs) != _local_date(timeline.ends_at, prefs):
        due = _on_allowed_day(due, prefs, prefs.day_start)
    if due - timeline.ends_at > THANK_YOU_CUTOFF:
        return None
    return due


def _nudge_due(timeline: Timeline, prefs: Preferences) -> datetime | None:
    sent = timeline.thank_you_sent_at
    if sent is None or timeline.nudge_sent_at is not None or timeline.everyone_thanked:
        return None
    next_morning = _wall_time(
        _local_date(sent, prefs) + timedelta(days=1), NUDGE_AT, zone=prefs.zone
    )
    # Compare in UTC: the minimum gap is elapsed time, not wall time.
    due = next_day_hours(max(next_morning, sent.astimezone(UTC) + NUDGE_MIN_GAP), prefs)
    return _on_allowed_day(due, prefs, NUDGE_AT)


def _follow_up_due(timeline: Timeline, prefs: Preferences) -> datetime | None:
    if timeline.follow_up_sent_at is not None:
        return None
    if timeline.decision_by is not None:
        # The employer said "by Friday": ask on the next working day, whatever weekend_prompts.
        day = _working_day(timeline.decision_by + timedelta(days=1), prefs)
    else:
        day = _local_date(timeline.starts_at, prefs) + timedelta(days=prefs.follow_up_days)
        day = _allowed_day(day, prefs, holidays=True)
    return next_day_hours(_wall_time(day, FOLLOW_UP_AT, zone=prefs.zone), prefs)


def _closure_due(timeline: Timeline, prefs: Preferences) -> datetime | None:
    followed_up = timeline.follow_up_sent_at
    if followed_up is None or timeline.closure_sent_at is not None:
        return None
    # The spec puts closure on a business day, weekend prompts or not: it goes to an employer.
    day = _local_date(followed_up, prefs) + timedelta(days=prefs.closure_days)
    day = _working_day(day, prefs)
    return next_day_hours(_wall_time(day, CLOSURE_AT, zone=prefs.zone), prefs)


def _snooze_overrides(timeline: Timeline, prefs: Preferences) -> dict[PromptKind, datetime | None]:
    until, kind = timeline.snoozed_until, timeline.snoozed_kind
    if until is None or kind is None:
        return {}
    resumes = _on_allowed_day(next_day_hours(until, prefs), prefs, prefs.day_start)
    if kind in (PromptKind.THANK_YOU, PromptKind.NUDGE):
        # A snoozed thank-you comes back as a nudge: it names only those still not thanked.
        nudge = None if timeline.everyone_thanked else resumes
        return {PromptKind.THANK_YOU: None, PromptKind.NUDGE: nudge}
    if kind is PromptKind.FOLLOW_UP:
        # Closure is counted from the follow-up, so it waits for the re-sent one.
        return {PromptKind.FOLLOW_UP: resumes, PromptKind.CLOSURE: None}
    return {PromptKind.CLOSURE: resumes}


def _later_kind_sent(kind: PromptKind, timeline: Timeline) -> bool:
    sent = {
        PromptKind.THANK_YOU: timeline.thank_you_sent_at,
        PromptKind.NUDGE: timeline.nudge_sent_at,
        PromptKind.FOLLOW_UP: timeline.follow_up_sent_at,
        PromptKind.CLOSURE: timeline.closure_sent_at,
    }
    later = KIND_ORDER[KIND_ORDER.index(kind) + 1 :]
    return any(sent[other] is not None for other in later)


def _allowed_day(day: date, prefs: Preferences, *, holidays: bool = False) -> date:
    """`day`, or the next day the user takes prompts on (weekends per their setting).

    With `holidays`, public holidays of the user's country are skipped too: a follow-up or a
    closure request on December 25 reads as not knowing the date.
    """
    while (is_weekend(day) and not prefs.weekend_prompts) or (
        holidays and is_holiday(day, prefs.country)
    ):
        day += timedelta(days=1)
    return day


def _working_day(day: date, prefs: Preferences) -> date:
    """`day`, or the next weekday that is no public holiday: a note an employer reads then."""
    while is_weekend(day) or is_holiday(day, prefs.country):
        day += timedelta(days=1)
    return day


def _on_allowed_day(moment: datetime, prefs: Preferences, at: time) -> datetime:
    """`moment`, or `at` on the next allowed day when `moment` falls on a weekend that is off."""
    day = _local_date(moment, prefs)
    allowed = _allowed_day(day, prefs)
    if allowed == day:
        return moment
    return next_day_hours(_wall_time(allowed, at, zone=prefs.zone), prefs)


def _wall_time(day: date, at: time, *, zone: ZoneInfo) -> datetime:
    """The UTC instant of local wall time `at` on `day` in `zone`.

    Built as a local datetime first, so "10:00" stays 10:00 on either side of a DST change.
    """
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def _local_date(moment: datetime, prefs: Preferences) -> date:
    return _require_aware(moment).astimezone(prefs.zone).date()


def _local_time(moment: datetime, prefs: Preferences) -> time:
    return _require_aware(moment).astimezone(prefs.zone).time()


def _require_aware(moment: datetime) -> datetime:
    # A naive datetime would be read in the server's zone by astimezone(): fail loudly instead.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got naive {moment!r}")
    return moment

"""Prompt cadence: pure due-time rules, checked with fixed instants."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from slackbot.domain.cadence import (
    KIND_ORDER,
    Preferences,
    Timeline,
    candidates,
    in_day_hours,
    next_day_hours,
    plan,
)
from slackbot.models import PromptKind

CHICAGO = ZoneInfo("America/Chicago")
SYDNEY = ZoneInfo("Australia/Sydney")
BERLIN = ZoneInfo("Europe/Berlin")

TY, NUDGE, FU, CLOSURE = (
    PromptKind.THANK_YOU,
    PromptKind.NUDGE,
    PromptKind.FOLLOW_UP,
    PromptKind.CLOSURE,
)


def local(zone: ZoneInfo, *args: int) -> datetime:
    """A local wall time in `zone`, as aware UTC (how the rest of the app stores instants)."""
    return datetime(*args, tzinfo=zone).astimezone(UTC)


def interview(zone: ZoneInfo, start: tuple[int, ...], *, minutes: int = 60, **kw) -> Timeline:
    starts_at = local(zone, *start)
    return Timeline(starts_at=starts_at, ends_at=starts_at + timedelta(minutes=minutes), **kw)


def chicago_wednesday(**kw) -> Timeline:
    """The worked example: Wednesday 2026-12-02 14:00-15:00 America/Chicago."""
    return interview(CHICAGO, (2026, 12, 2, 14, 0), **kw)


def in_zone(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


CHI = Preferences(zone=CHICAGO)


def test_kind_order_is_the_interview_lifecycle() -> None:
    assert KIND_ORDER == (TY, NUDGE, FU, CLOSURE)


# --- day hours ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "minute", "inside"),
    [(7, 59, False), (8, 0, True), (20, 59, True), (21, 0, False), (23, 30, False), (3, 0, False)],
)
def test_in_day_hours_is_start_inclusive_end_exclusive(
    hour: int, minute: int, inside: bool
) -> None:
    assert in_day_hours(local(CHICAGO, 2026, 12, 2, hour, minute), CHI) is inside


def test_day_hours_apply_on_weekends_too() -> None:
    saturday_noon = local(CHICAGO, 2026, 12, 5, 12, 0)
    assert in_day_hours(saturday_noon, CHI)
    assert next_day_hours(saturday_noon, CHI) == saturday_noon


def test_next_day_hours_keeps_a_moment_inside_day_hours() -> None:
    moment = local(CHICAGO, 2026, 12, 2, 12, 34)
    assert next_day_hours(moment, CHI) == moment


def test_next_day_hours_before_start_is_same_morning_after_end_is_next_morning() -> None:
    early = local(CHICAGO, 2026, 12, 2, 6, 0)
    late = local(CHICAGO, 2026, 12, 2, 22, 0)
    assert next_day_hours(early, CHI) == local(CHICAGO, 2026, 12, 2, 8, 0)
    assert next_day_hours(late, CHI) == local(CHICAGO, 2026, 12, 3, 8, 0)


@pytest.mark.parametrize("day_end", [time(0, 0), time(23, 59)])
def test_day_hours_until_midnight(day_end: time) -> None:
    prefs = Preferences(zone=CHICAGO, day_end=day_end)
    assert in_day_hours(local(CHICAGO, 2026, 12, 2, 23, 30), prefs)
    assert not in_day_hours(local(CHICAGO, 2026, 12, 3, 0, 30), prefs)
    at_night = local(CHICAGO, 2026, 12, 3, 0, 30)
    assert next_day_hours(at_night, prefs) == local(CHICAGO, 2026, 12, 3, 8, 0)


def test_naive_datetimes_are_rejected() -> None:
    with pytest.raises(ValueError, match="aware"):
        in_day_hours(datetime(2026, 12, 2, 12, 0), CHI)


# --- thank-you ----------------------------------------------------------------------------


def test_thank_you_one_hour_after_the_interview_ends() -> None:
    due = candidates(chicago_wednesday(), CHI)[TY]
    assert in_zone(due, CHICAGO) == datetime(2026, 12, 2, 16, 0, tzinfo=CHICAGO)
    assert due == datetime(2026, 12, 2, 22, 0, tzinfo=UTC)


def test_thank_you_outside_day_hours_moves_to_next_morning() -> None:
    timeline = interview(SYDNEY, (2026, 12, 2, 19, 45))  # ends 20:45 -> due 21:45, past 21:00
    due = candidates(timeline, Preferences(zone=SYDNEY))[TY]
    assert in_zone(due, SYDNEY) == datetime(2026, 12, 3, 8, 0, tzinfo=SYDNEY)


def test_thank_you_custom_day_hours() -> None:
    prefs = Preferences(zone=CHICAGO, day_start=time(9, 30), day_end=time(17, 0))
    early = interview(CHICAGO, (2026, 12, 2, 6, 0))  # ends 07:00 -> due 08:00 -> 09:30
    late = interview(CHICAGO, (2026, 12, 2, 15, 30))  # ends 16:30 -> due 17:30 -> next 09:30
    assert candidates(early, prefs)[TY] == local(CHICAGO, 2026, 12, 2, 9, 30)
    assert candidates(late, prefs)[TY] == local(CHICAGO, 2026, 12, 3, 9, 30)


def test_thank_you_already_past_is_due_at_once() -> None:
    timeline = chicago_wednesday()
    now = local(CHICAGO, 2026, 12, 2, 18, 0)
    assert plan(timeline, CHI, now)[TY] <= now


def test_thank_you_skipped_more_than_48h_after_the_interview() -> None:
    timeline = chicago_wednesday()
    three_days_later = timeline.ends_at + timedelta(days=3)
    assert TY not in plan(timeline, CHI, three_days_later)
    # Just inside the window it is still sent.
    assert TY in plan(timeline, CHI, timeline.ends_at + timedelta(hours=47))


def test_no_thank_you_once_sent() -> None:
    timeline = chicago_wednesday(thank_you_sent_at=local(CHICAGO, 2026, 12, 2, 16, 0))
    assert TY not in candidates(timeline, CHI)


# --- nudge --------------------------------------------------------------------------------


def test_nudge_at_nine_the_day_after_the_thank_you() -> None:
    timeline = chicago_wednesday(thank_you_sent_at=local(CHICAGO, 2026, 12, 2, 16, 0))
    assert candidates(timeline, CHI)[NUDGE] == local(CHICAGO, 2026, 12, 3, 9, 0)


@pytest.mark.parametrize("day_end", [time(0, 0), time(23, 59)])
def test_nudge_at_least_12_hours_after_a_late_thank_you(day_end: time) -> None:
    prefs = Preferences(zone=CHICAGO, day_end=day_end)
    sent = local(CHICAGO, 2026, 12, 2, 23, 30)
    nudge = candidates(chicago_wednesday(thank_you_sent_at=sent), prefs)[NUDGE]
    assert nudge - sent == timedelta(hours=12)
    assert nudge == local(CHICAGO, 2026, 12, 3, 11, 30)


def test_nudge_moves_into_custom_day_hours() -> None:
    prefs = Preferences(zone=CHICAGO, day_start=time(10, 0))
    timeline = chicago_wednesday(thank_you_sent_at=local(CHICAGO, 2026, 12, 2, 16, 0))
    assert candidates(timeline, prefs)[NUDGE] == local(CHICAGO, 2026, 12, 3, 10, 0)


def test_no_nudge_when_everyone_thanked_or_already_nudged() -> None:
    sent = local(CHICAGO, 2026, 12, 2, 16, 0)
    thanked = chicago_wednesday(thank_you_sent_at=sent, everyone_thanked=True)
    nudged = chicago_wednesday(thank_you_sent_at=sent, nudge_sent_at=sent + timedelta(days=1))
    assert NUDGE not in candidates(thanked, CHI)
    assert NUDGE not in candidates(nudged, CHI)


def test_no_nudge_before_the_thank_you_went_out() -> None:
    assert NUDGE not in candidates(chicago_wednesday(), CHI)


# --- follow-up ----------------------------------------------------------------------------


def test_follow_up_seven_days_after_a_wednesday_is_next_wednesday_at_ten() -> None:
    due = candidates(chicago_wednesday(), CHI)[FU]
    assert due == local(CHICAGO, 2026, 12, 9, 10, 0)
    assert due.date().weekday() == 2


def test_follow_up_landing_on_a_weekend_moves_to_monday() -> None:
    monday = interview(CHICAGO, (2026, 11, 30, 11, 0))
    prefs = Preferences(zone=CHICAGO, follow_up_days=5)  # Monday + 5 = Saturday
    assert candidates(monday, prefs)[FU] == local(CHICAGO, 2026, 12, 7, 10, 0)


def test_follow_up_on_a_weekend_stays_when_weekend_prompts_are_on() -> None:
    monday = interview(CHICAGO, (2026, 11, 30, 11, 0))
    prefs = Preferences(zone=CHICAGO, follow_up_days=5, weekend_prompts=True)
    assert candidates(monday, prefs)[FU] == local(CHICAGO, 2026, 12, 5, 10, 0)


def test_follow_up_uses_the_local_date_of_the_interview() -> None:
    # 19:00 Tuesday in Chicago is already Wednesday in UTC; the local date counts.
    tuesday_evening = interview(CHICAGO, (2026, 12, 1, 19, 0))
    assert candidates(tuesday_evening, CHI)[FU] == local(CHICAGO, 2026, 12, 8, 10, 0)


def test_follow_up_first_business_day_after_decision_friday() -> None:
    timeline = chicago_wednesday(decision_by=date(2026, 12, 4))
    assert candidates(timeline, CHI)[FU] == local(CHICAGO, 2026, 12, 7, 10, 0)


def test_follow_up_after_decision_skips_weekend_even_with_weekend_prompts() -> None:
    prefs = Preferences(zone=CHICAGO, weekend_prompts=True)
    timeline = chicago_wednesday(decision_by=date(2026, 12, 4))
    assert candidates(timeline, prefs)[FU] == local(CHICAGO, 2026, 12, 7, 10, 0)


def test_follow_up_after_a_midweek_decision_date_is_the_next_day() -> None:
    timeline = chicago_wednesday(decision_by=date(2026, 12, 8))
    assert candidates(timeline, CHI)[FU] == local(CHICAGO, 2026, 12, 9, 10, 0)


def test_follow_up_moves_into_custom_day_hours() -> None:
    prefs = Preferences(zone=CHICAGO, day_start=time(11, 0))
    assert candidates(chicago_wednesday(), prefs)[FU] == local(CHICAGO, 2026, 12, 9, 11, 0)


def test_no_follow_up_once_followed_up() -> None:
    timeline = chicago_wednesday(follow_up_sent_at=local(CHICAGO, 2026, 12, 9, 10, 0))
    assert FU not in candidates(timeline, CHI)


# --- closure ------------------------------------------------------------------------------


def test_closure_seven_days_after_the_follow_up() -> None:
    timeline = chicago_wednesday(follow_up_sent_at=local(CHICAGO, 2026, 12, 9, 10, 0))
    assert candidates(timeline, CHI)[CLOSURE] == local(CHICAGO, 2026, 12, 16, 10, 0)


def test_closure_after_a_weekend_follow_up_lands_on_a_business_day() -> None:
    saturday = local(CHICAGO, 2026, 12, 12, 15, 0)
    timeline = chicago_wednesday(follow_up_sent_at=saturday)
    assert candidates(timeline, CHI)[CLOSURE] == local(CHICAGO, 2026, 12, 21, 10, 0)
    # Closure is "on a business day", whatever the weekend-prompts setting.
    weekend_ok = Preferences(zone=CHICAGO, weekend_prompts=True)
    assert candidates(timeline, weekend_ok)[CLOSURE] == local(CHICAGO, 2026, 12, 21, 10, 0)


def test_no_closure_before_a_follow_up_or_once_sent() -> None:
    followed_up = local(CHICAGO, 2026, 12, 9, 10, 0)
    done = chicago_wednesday(follow_up_sent_at=followed_up, closure_sent_at=followed_up)
    assert CLOSURE not in candidates(chicago_wednesday(), CHI)
    assert CLOSURE not in candidates(done, CHI)


# --- daylight saving ----------------------------------------------------------------------


def test_follow_up_across_us_fall_back_keeps_ten_local() -> None:
    # 2026-10-28 10:00 CDT is 15:00 UTC; after the 2026-11-01 switch 10:00 CST is 16:00 UTC.
    timeline = interview(CHICAGO, (2026, 10, 28, 10, 0))
    assert timeline.starts_at == datetime(2026, 10, 28, 15, 0, tzinfo=UTC)
    assert candidates(timeline, CHI)[FU] == datetime(2026, 11, 4, 16, 0, tzinfo=UTC)


def test_follow_up_across_eu_fall_back_keeps_ten_local() -> None:
    # 2026-10-21 10:00 CEST is 08:00 UTC; after the 2026-10-25 switch 10:00 CET is 09:00 UTC.
    timeline = interview(BERLIN, (2026, 10, 21, 10, 0))
    assert timeline.starts_at == datetime(2026, 10, 21, 8, 0, tzinfo=UTC)
    due = candidates(timeline, Preferences(zone=BERLIN))[FU]
    assert due == datetime(2026, 10, 28, 9, 0, tzinfo=UTC)


def test_follow_up_across_us_spring_forward_keeps_ten_local() -> None:
    # 2026-03-04 10:00 CST is 16:00 UTC; after the 2026-03-08 switch 10:00 CDT is 15:00 UTC.
    timeline = interview(CHICAGO, (2026, 3, 4, 10, 0))
    assert candidates(timeline, CHI)[FU] == datetime(2026, 3, 11, 15, 0, tzinfo=UTC)


def test_next_day_hours_on_us_spring_forward_morning() -> None:
    # Saturday 22:00 CST (04:00 UTC Sunday) -> Sunday 2026-03-08 08:00 CDT = 13:00 UTC.
    late = local(CHICAGO, 2026, 3, 7, 22, 0)
    assert next_day_hours(late, CHI) == datetime(2026, 3, 8, 13, 0, tzinfo=UTC)


def test_next_day_hours_on_eu_spring_forward_morning() -> None:
    # Saturday 23:00 CET (22:00 UTC) -> Sunday 2026-03-29 08:00 CEST = 06:00 UTC.
    late = local(BERLIN, 2026, 3, 28, 23, 0)
    prefs = Preferences(zone=BERLIN)
    assert next_day_hours(late, prefs) == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)


def test_next_day_hours_on_eu_fall_back_morning() -> None:
    # Saturday 23:00 CEST (21:00 UTC) -> Sunday 2026-10-25 08:00 CET = 07:00 UTC.
    late = local(BERLIN, 2026, 10, 24, 23, 0)
    prefs = Preferences(zone=BERLIN)
    assert next_day_hours(late, prefs) == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)


def test_nudge_across_us_spring_forward_is_nine_local() -> None:
    # Thank-you sent Saturday 16:00 CST; the nudge is Sunday 09:00 CDT = 14:00 UTC (~16 h later).
    timeline = interview(
        CHICAGO, (2026, 3, 7, 10, 0), thank_you_sent_at=local(CHICAGO, 2026, 3, 7, 16, 0)
    )
    weekends = Preferences(zone=CHICAGO, weekend_prompts=True)
    assert candidates(timeline, weekends)[NUDGE] == datetime(2026, 3, 8, 14, 0, tzinfo=UTC)


# --- snoozes ------------------------------------------------------------------------------


def test_snoozed_thank_you_returns_as_a_nudge_and_no_thank_you() -> None:
    until = local(CHICAGO, 2026, 12, 3, 16, 0)
    timeline = chicago_wednesday(snoozed_until=until, snoozed_kind=TY)
    due = candidates(timeline, CHI)
    assert TY not in due
    assert due[NUDGE] == until


@pytest.mark.parametrize("kind", [TY, NUDGE])
def test_snoozed_thank_you_or_nudge_comes_back_even_if_nudged(kind: PromptKind) -> None:
    sent = local(CHICAGO, 2026, 12, 2, 16, 0)
    timeline = chicago_wednesday(
        thank_you_sent_at=sent,
        nudge_sent_at=sent + timedelta(hours=17),
        snoozed_until=local(CHICAGO, 2026, 12, 3, 22, 0),  # outside day hours
        snoozed_kind=kind,
    )
    assert candidates(timeline, CHI)[NUDGE] == local(CHICAGO, 2026, 12, 4, 8, 0)


def test_snoozed_nudge_dropped_once_everyone_thanked() -> None:
    timeline = chicago_wednesday(
        thank_you_sent_at=local(CHICAGO, 2026, 12, 2, 16, 0),
        everyone_thanked=True,
        snoozed_until=local(CHICAGO, 2026, 12, 3, 16, 0),
        snoozed_kind=NUDGE,
    )
    due = candidates(timeline, CHI)
    assert NUDGE not in due
    assert TY not in due


def test_snoozed_follow_up_is_resent_and_closure_waits() -> None:
    followed_up = local(CHICAGO, 2026, 12, 9, 10, 0)
    until = local(CHICAGO, 2026, 12, 10, 10, 0)
    timeline = chicago_wednesday(
        thank_you_sent_at=local(CHICAGO, 2026, 12, 2, 16, 0),
        everyone_thanked=True,
        follow_up_sent_at=followed_up,
        snoozed_until=until,
        snoozed_kind=FU,
    )
    assert candidates(timeline, CHI) == {FU: until}


def test_snoozed_closure_comes_back_even_if_sent() -> None:
    followed_up = local(CHICAGO, 2026, 12, 9, 10, 0)
    until = local(CHICAGO, 2026, 12, 17, 6, 0)  # before day hours
    timeline = chicago_wednesday(
        thank_you_sent_at=local(CHICAGO, 2026, 12, 2, 16, 0),
        everyone_thanked=True,
        follow_up_sent_at=followed_up,
        closure_sent_at=local(CHICAGO, 2026, 12, 16, 10, 0),
        snoozed_until=until,
        snoozed_kind=CLOSURE,
    )
    assert candidates(timeline, CHI) == {CLOSURE: local(CHICAGO, 2026, 12, 17, 8, 0)}


def test_half_set_snooze_is_ignored() -> None:
    plain = candidates(chicago_wednesday(), CHI)
    only_until = chicago_wednesday(snoozed_until=local(CHICAGO, 2026, 12, 3, 12, 0))
    only_kind = chicago_wednesday(snoozed_kind=TY)
    assert candidates(only_until, CHI) == plain
    assert candidates(only_kind, CHI) == plain


# --- closed -------------------------------------------------------------------------------


def test_closed_interview_has_nothing_due() -> None:
    timeline = chicago_wednesday(
        closed=True, snoozed_until=local(CHICAGO, 2026, 12, 3, 12, 0), snoozed_kind=FU
    )
    assert candidates(timeline, CHI) == {}
    assert plan(timeline, CHI, local(CHICAGO, 2026, 12, 20, 12, 0)) == {}


# --- plan: only the latest applicable prompt ----------------------------------------------


def test_plan_keeps_future_prompts() -> None:
    timeline = chicago_wednesday()
    before = local(CHICAGO, 2026, 12, 2, 12, 0)
    assert plan(timeline, CHI, before) == candidates(timeline, CHI)
    assert list(plan(timeline, CHI, before)) == [TY, FU]


def test_plan_logged_nine_days_late_sends_only_the_follow_up() -> None:
    timeline = chicago_wednesday()
    now = timeline.ends_at + timedelta(days=9)
    assert plan(timeline, CHI, now) == {FU: local(CHICAGO, 2026, 12, 9, 10, 0)}


def test_plan_after_downtime_keeps_the_latest_due_and_future_ones() -> None:
    # Thank-you went out; the nudge and the follow-up both fell due during downtime.
    timeline = chicago_wednesday(
        thank_you_sent_at=local(CHICAGO, 2026, 12, 2, 16, 0), decision_by=date(2026, 12, 3)
    )
    now = local(CHICAGO, 2026, 12, 4, 12, 0)
    assert plan(timeline, CHI, now) == {FU: local(CHICAGO, 2026, 12, 4, 10, 0)}


def test_plan_drops_a_due_earlier_prompt_once_a_later_one_was_sent() -> None:
    # The nudge was superseded by the follow-up; it must not resurface after that went out.
    timeline = chicago_wednesday(
        thank_you_sent_at=local(CHICAGO, 2026, 12, 2, 16, 0),
        follow_up_sent_at=local(CHICAGO, 2026, 12, 9, 10, 0),
    )
    now = local(CHICAGO, 2026, 12, 9, 11, 0)
    assert plan(timeline, CHI, now) == {CLOSURE: local(CHICAGO, 2026, 12, 16, 10, 0)}


def test_plan_single_due_prompt_is_kept_with_its_due_time() -> None:
    timeline = chicago_wednesday(thank_you_sent_at=local(CHICAGO, 2026, 12, 2, 16, 0))
    now = local(CHICAGO, 2026, 12, 3, 12, 0)
    assert plan(timeline, CHI, now) == {
        NUDGE: local(CHICAGO, 2026, 12, 3, 9, 0),
        FU: local(CHICAGO, 2026, 12, 9, 10, 0),
    }


def test_plan_rejects_naive_now() -> None:
    with pytest.raises(ValueError, match="aware"):
        plan(chicago_wednesday(), CHI, datetime(2026, 12, 2, 12, 0))


# --- invariants ---------------------------------------------------------------------------

ZONES = [CHICAGO, SYDNEY, BERLIN, ZoneInfo("Asia/Kolkata"), ZoneInfo("UTC")]
HOURS = [(time(8, 0), time(21, 0)), (time(9, 30), time(17, 0)), (time(6, 0), time(0, 0))]
STARTS = [datetime(2026, m, d, h, 15, tzinfo=UTC) for m, d in [(3, 5), (10, 22)] for h in (2, 13)]


@pytest.mark.parametrize(
    ("zone", "hours", "start", "weekend"),
    list(itertools.product(ZONES, HOURS, STARTS, [False, True])),
)
def test_every_result_is_aware_utc_and_in_day_hours(
    zone: ZoneInfo, hours: tuple[time, time], start: datetime, weekend: bool
) -> None:
    prefs = Preferences(zone=zone, day_start=hours[0], day_end=hours[1], weekend_prompts=weekend)
    end = start + timedelta(minutes=45)
    timelines = [
        Timeline(starts_at=start, ends_at=end),
        Timeline(starts_at=start, ends_at=end, thank_you_sent_at=end + timedelta(hours=7)),
        Timeline(starts_at=start, ends_at=end, decision_by=start.date() + timedelta(days=3)),
        Timeline(starts_at=start, ends_at=end, follow_up_sent_at=start + timedelta(days=6)),
        Timeline(
            starts_at=start,
            ends_at=end,
            snoozed_until=start + timedelta(days=1, hours=5),
            snoozed_kind=FU,
        ),
    ]
    for timeline in timelines:
        results = list(candidates(timeline, prefs).items())
        results += plan(timeline, prefs, start + timedelta(days=4)).items()
        assert results
        for kind, due in results:
            assert due.tzinfo is UTC, kind
            assert in_day_hours(due, prefs), (kind, due.astimezone(zone))
            # Only the same-day thank-you may land on a weekend that is off.
            if kind is not TY and not weekend:
                assert due.astimezone(zone).weekday() < 5, (kind, due.astimezone(zone))

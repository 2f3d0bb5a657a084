"""Days as the person means them: date forms, day-starts-at, periods."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import pytest

from moodlog.actions import clock
from moodlog.actions.entries import place_entry
from moodlog.domain.days import Period, journal_day, read_day, read_period_length
from moodlog.errors import InvalidValue

THURSDAY = date(2026, 11, 26)
TZ = timezone(timedelta(hours=1))


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime], None]:
    """Stop the one clock at a moment, for every action a command runs."""

    def stop_at(moment: datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda given=None: given or moment)

    return stop_at


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-02", date(2026, 11, 2)),
        ("today", THURSDAY),
        ("Today", THURSDAY),
        ("yesterday", date(2026, 11, 25)),
        ("thursday", THURSDAY),  # the most recent Thursday is today
        ("wednesday", date(2026, 11, 25)),
        ("friday", date(2026, 11, 20)),
        ("mon", date(2026, 11, 23)),
        ("2024-02-29", date(2024, 2, 29)),
        ("tomorrow", date(2026, 11, 27)),
        ("3 days ago", date(2026, 11, 23)),
        ("  3   Days  AGO ", date(2026, 11, 23)),
        ("1 day ago", date(2026, 11, 25)),
        ("2 weeks ago", date(2026, 11, 12)),
        ("1 month ago", date(2026, 10, 26)),
        ("1 year ago", date(2025, 11, 26)),
        ("in 2 weeks", date(2026, 12, 10)),
        ("in 3 days", date(2026, 11, 29)),
        ("in 1 month", date(2026, 12, 26)),
        ("last monday", date(2026, 11, 23)),
        ("last thursday", date(2026, 11, 19)),  # "last" never means today
        ("last fri", date(2026, 11, 20)),
        ("next friday", date(2026, 11, 27)),
        ("next thursday", date(2026, 12, 3)),  # nor does "next"
        ("next mon", date(2026, 11, 30)),
    ],
)
def test_every_date_form_reads_as_the_day_meant(typed: str, expected: date) -> None:
    assert read_day(typed).resolve(THURSDAY) == expected


@pytest.mark.parametrize("typed", ["2026-02-30", "2026-13-01", "2025-02-29", "2026-11-31"])
def test_impossible_calendar_dates_are_refused(typed: str) -> None:
    with pytest.raises(InvalidValue, match="does not exist in the calendar"):
        read_day(typed).resolve(THURSDAY)


def test_a_month_from_a_longer_month_ends_on_the_shorter_months_last_day() -> None:
    assert read_day("1 month ago").resolve(date(2026, 3, 31)) == date(2026, 2, 28)
    assert read_day("in 1 month").resolve(date(2024, 1, 31)) == date(2024, 2, 29)
    assert read_day("1 year ago").resolve(date(2024, 2, 29)) == date(2023, 2, 28)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("thursday", THURSDAY),  # today is Thursday: today
        ("friday", date(2026, 11, 27)),
        ("wednesday", date(2026, 12, 2)),
        ("mon", date(2026, 11, 30)),
        ("last monday", date(2026, 11, 23)),  # every other form means the same day as elsewhere
        ("yesterday", date(2026, 11, 25)),
        ("2026-11-02", date(2026, 11, 2)),
    ],
)
def test_a_bare_weekday_about_the_future_is_the_coming_one(typed: str, expected: date) -> None:
    assert read_day(typed).resolve(THURSDAY, ahead=True) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "26/11/2026",
        "next week",
        "",
        "2026-1-5",
        "someday",
        "3 days",
        "in 2 fortnights",
        "last someday",
        "-3 days ago",
        "3 days from now",
    ],
)
def test_dates_in_other_forms_are_refused_with_the_forms_allowed(typed: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        read_day(typed).resolve(THURSDAY)
    message = str(refused.value)
    assert "is not a date" in message
    for form in ("YYYY-MM-DD", "tomorrow", "'3 days ago'", "'last monday'", "'in 2 weeks'"):
        assert form in message


@pytest.mark.parametrize("typed", ["200 years ago", "in 175 years", "in 999999999 years"])
def test_a_relative_date_outside_the_kept_days_is_refused(typed: str) -> None:
    with pytest.raises(InvalidValue, match="outside the days moodlog keeps"):
        read_day(typed).resolve(THURSDAY)


def test_a_moment_before_day_starts_at_belongs_to_the_day_before() -> None:
    half_past_midnight = datetime(2026, 11, 26, 0, 30, tzinfo=TZ)
    assert journal_day(half_past_midnight) == date(2026, 11, 25)
    assert journal_day(datetime(2026, 11, 26, 4, 0, tzinfo=TZ)) == date(2026, 11, 26)


def test_day_starts_at_moves_the_boundary() -> None:
    half_past_midnight = datetime(2026, 11, 26, 0, 30, tzinfo=TZ)
    assert journal_day(half_past_midnight, time(0, 0)) == date(2026, 11, 26)
    three_am = datetime(2026, 11, 26, 3, 0, tzinfo=TZ)
    assert journal_day(three_am, time(2, 0)) == date(2026, 11, 26)
    assert journal_day(three_am, time(6, 0)) == date(2026, 11, 25)


def test_a_time_without_a_date_is_in_todays_journal_day() -> None:
    one_am = datetime(2026, 11, 26, 1, 0, tzinfo=TZ)  # still 25 November's journal day
    assert place_entry(one_am, time(4, 0), None, time(23, 0)) == (date(2026, 11, 25), time(23, 0))
    morning = datetime(2026, 11, 26, 9, 0, tzinfo=TZ)
    assert place_entry(morning, time(4, 0), None, time(0, 30)) == (date(2026, 11, 26), time(0, 30))


def test_a_future_date_is_refused() -> None:
    now = datetime(2026, 11, 26, 9, 0, tzinfo=TZ)
    with pytest.raises(InvalidValue, match="in the future"):
        place_entry(now, time(4, 0), read_day("2026-11-27"), None)


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("30d", date(2026, 10, 28)),
        ("1d", THURSDAY),
        ("2w", date(2026, 11, 13)),
        ("1m", date(2026, 10, 27)),
        ("3m", date(2026, 8, 27)),
        ("1y", date(2025, 11, 27)),
        ("30", date(2026, 10, 28)),  # a bare number is days
        ("1", THURSDAY),
    ],
)
def test_a_period_covers_n_units_ending_on_its_last_day(typed: str, first: date) -> None:
    period = read_period_length(typed).ending(THURSDAY)
    assert period == Period(first, THURSDAY)


def test_the_previous_period_is_as_long_and_just_before() -> None:
    period = read_period_length("30d").ending(THURSDAY)
    assert period.days == 30
    assert period.previous() == Period(date(2026, 9, 28), date(2026, 10, 27))


@pytest.mark.parametrize("typed", ["0d", "0", "d", "3x", "-3d", "30 days", ""])
def test_period_lengths_that_are_not_lengths_are_refused(typed: str) -> None:
    with pytest.raises(InvalidValue, match=r"is not a length; .*30d, 4w, 3m, 1y \(a bare 30"):
        read_period_length(typed).ending(THURSDAY)


def test_one_clock_gives_every_command_its_today(
    moodlog: Callable[..., Any], fixed_clock: Callable[[datetime], None]
) -> None:
    fixed_clock(datetime(2026, 11, 26, 2, 30, tzinfo=TZ))  # before 04:00: still Wednesday
    assert "for 2026-11-25 at 02:30" in moodlog("add", "--mood", "6").output
    assert moodlog("config", "set", "day-starts-at", "02:00").exit_code == 0
    assert "for 2026-11-26 at 02:30" in moodlog("add", "--mood", "7").output
    listed = moodlog("list", "--last", "1d").output
    assert "2026-11-26" in listed
    assert "2026-11-25" not in listed

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
    ],
)
def test_every_date_form_reads_as_the_day_meant(typed: str, expected: date) -> None:
    assert read_day(typed).resolve(THURSDAY) == expected


@pytest.mark.parametrize("typed", ["2026-02-30", "2026-13-01", "2025-02-29", "2026-11-31"])
def test_impossible_calendar_dates_are_refused(typed: str) -> None:
    with pytest.raises(InvalidValue, match="does not exist in the calendar"):
        read_day(typed).resolve(THURSDAY)


@pytest.mark.parametrize("typed", ["26/11/2026", "next week", "", "2026-1-5", "someday"])
def test_dates_in_other_forms_are_refused_with_the_forms_allowed(typed: str) -> None:
    with pytest.raises(InvalidValue, match="YYYY-MM-DD, today, yesterday or a weekday"):
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
    ],
)
def test_a_period_covers_n_units_ending_on_its_last_day(typed: str, first: date) -> None:
    period = read_period_length(typed).ending(THURSDAY)
    assert period == Period(first, THURSDAY)


def test_the_previous_period_is_as_long_and_just_before() -> None:
    period = read_period_length("30d").ending(THURSDAY)
    assert period.days == 30
    assert period.previous() == Period(date(2026, 9, 28), date(2026, 10, 27))


@pytest.mark.parametrize("typed", ["0d", "30", "d", "3x", "-3d"])
def test_period_lengths_that_are_not_lengths_are_refused(typed: str) -> None:
    with pytest.raises(InvalidValue, match="is not a length"):
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

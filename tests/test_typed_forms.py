"""Dates, periods, sleep, doses and names as people type them, through the commands they are
typed on (docs/daily-use.md, "Dates and periods")."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import Run

Clock = Callable[[datetime], None]
TZ = timezone(timedelta(hours=1))
# Thursday 26 November 2026, mid-morning.
THURSDAY_MORNING = datetime(2026, 11, 26, 10, 0, tzinfo=TZ)


@pytest.mark.parametrize(
    ("typed", "saved_on"),
    [
        ("3 days ago", "2026-11-23"),
        ("last monday", "2026-11-23"),
        ("last thursday", "2026-11-19"),
        ("thursday", "2026-11-26"),  # a bare weekday: the most recent, today included
        ("friday", "2026-11-20"),
        ("2 weeks ago", "2026-11-12"),
        ("yesterday", "2026-11-25"),
    ],
)
def test_an_entry_goes_on_the_day_typed(
    moodlog: Run, fixed_clock: Clock, typed: str, saved_on: str
) -> None:
    fixed_clock(THURSDAY_MORNING)
    added = moodlog("add", "--date", typed, "--mood", "6")
    assert added.exit_code == 0, added.output
    assert f"for {saved_on}" in added.output
    assert "at 10:00" in added.output


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("tomorrow", "2026-11-27"), ("in 2 weeks", "2026-12-10"), ("next friday", "2026-11-27")],
)
def test_an_entry_about_a_future_day_is_still_refused(
    moodlog: Run, fixed_clock: Clock, typed: str, meant: str
) -> None:
    fixed_clock(THURSDAY_MORNING)
    refused = moodlog("add", "--date", typed, "--mood", "6")
    assert refused.exit_code == 1
    assert f"--date '{typed}' ({meant}) is in the future; an entry is about today" in refused.output
    assert "No entries" in moodlog("list").output


def test_a_date_in_no_known_form_is_refused_naming_every_form(
    moodlog: Run, fixed_clock: Clock
) -> None:
    fixed_clock(THURSDAY_MORNING)
    refused = moodlog("add", "--date", "next week", "--mood", "6")
    assert refused.exit_code == 1
    assert "--date 'next week' is not a date; use YYYY-MM-DD, today, yesterday" in refused.output
    for form in ("tomorrow", "'3 days ago'", "'in 2 weeks'", "'last monday'", "'next friday'"):
        assert form in refused.output


@pytest.mark.parametrize(
    ("typed", "saved_on"),
    [
        ("friday", "2026-11-27"),  # the coming Friday, not the last one
        ("thursday", "2026-11-26"),  # today is Thursday: today
        ("wednesday", "2026-12-02"),
        ("tomorrow", "2026-11-27"),
        ("in 2 weeks", "2026-12-10"),
        ("next thursday", "2026-12-03"),
        ("last monday", "2026-11-23"),  # an appointment may be past
    ],
)
def test_an_appointment_looks_forward(
    moodlog: Run, fixed_clock: Clock, typed: str, saved_on: str
) -> None:
    fixed_clock(THURSDAY_MORNING)
    added = moodlog("appointment", "add", typed, "--with", "Dr Rao")
    assert added.exit_code == 0, added.output
    assert f"{saved_on} with Dr Rao" in added.output


def test_an_appointment_moved_to_a_weekday_moves_forward(moodlog: Run, fixed_clock: Clock) -> None:
    fixed_clock(THURSDAY_MORNING)
    assert moodlog("appointment", "add", "2026-11-20", "--with", "Dr Rao").exit_code == 0
    moved = moodlog("appointment", "edit", "1", "--date", "tue")
    assert moved.exit_code == 0, moved.output
    assert "2026-12-01" in moved.output


@pytest.mark.parametrize("last", ["3", "3d"])
def test_a_bare_number_of_days_is_a_period(moodlog: Run, fixed_clock: Clock, last: str) -> None:
    fixed_clock(THURSDAY_MORNING)
    for day in ("2026-11-26", "2026-11-24", "2026-11-23"):
        assert moodlog("add", "--date", day, "--mood", "5").exit_code == 0
    listed = moodlog("list", "--last", last)
    assert listed.exit_code == 0, listed.output
    assert "2026-11-26" in listed.output
    assert "2026-11-24" in listed.output  # three days: the 24th, 25th and 26th
    assert "2026-11-23" not in listed.output


def test_a_period_in_no_known_form_is_refused_naming_every_form(
    moodlog: Run, fixed_clock: Clock
) -> None:
    fixed_clock(THURSDAY_MORNING)
    refused = moodlog("stats", "--last", "a month")
    assert refused.exit_code == 1
    assert "period 'a month' is not a length; use a whole number and d, w, m or y" in refused.output
    assert "30d, 4w, 3m, 1y (a bare 30 means days)" in refused.output


# --time without --date is within today's moodlog day, exactly as --date today --time: the
# day runs from day-starts-at (04:00 unless set) to the same time the next morning.
@pytest.mark.parametrize(
    ("now", "typed", "saved"),
    [
        (datetime(2026, 11, 26, 12, 0, tzinfo=TZ), "02:30", "2026-11-26 at 02:30"),
        (datetime(2026, 11, 26, 12, 0, tzinfo=TZ), "08:00", "2026-11-26 at 08:00"),
        (datetime(2026, 11, 26, 23, 59, tzinfo=TZ), "00:01", "2026-11-26 at 00:01"),
        (datetime(2026, 11, 27, 0, 1, tzinfo=TZ), "23:59", "2026-11-26 at 23:59"),
        (datetime(2026, 11, 27, 3, 59, tzinfo=TZ), "22:00", "2026-11-26 at 22:00"),
        (datetime(2026, 11, 27, 4, 0, tzinfo=TZ), "03:59", "2026-11-27 at 03:59"),
        (datetime(2026, 11, 27, 4, 0, tzinfo=TZ), "04:00", "2026-11-27 at 04:00"),
    ],
)
@pytest.mark.parametrize("with_date", [False, True])
def test_a_time_alone_is_the_same_as_with_date_today(
    moodlog: Run, fixed_clock: Clock, now: datetime, typed: str, saved: str, with_date: bool
) -> None:
    fixed_clock(now)
    date_today = ["--date", "today"] if with_date else []
    added = moodlog("add", *date_today, "--time", typed, "--mood", "6")
    assert added.exit_code == 0, added.output
    assert f"for {saved}" in added.output


@pytest.mark.parametrize("with_date", [False, True])
def test_a_time_alone_follows_a_moved_day_start(
    moodlog: Run, fixed_clock: Clock, with_date: bool
) -> None:
    fixed_clock(datetime(2026, 11, 27, 1, 30, tzinfo=TZ))
    assert moodlog("config", "set", "day-starts-at", "01:00").exit_code == 0
    date_today = ["--date", "today"] if with_date else []
    added = moodlog("add", *date_today, "--time", "00:30", "--mood", "6")
    assert added.exit_code == 0, added.output
    assert "for 2026-11-27 at 00:30" in added.output


# --- sleep ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("7.5", "7.5"),
        ("7h30", "7.5"),
        ("7:30", "7.5"),
        ("7h", "7"),
        ("7H05", "7.08"),
        ("0:45", "0.75"),
    ],
)
def test_sleep_in_hours_or_hours_and_minutes(moodlog: Run, typed: str, hours: str) -> None:
    added = moodlog("add", "--sleep", typed)
    assert added.exit_code == 0, added.output
    assert f"sleep hours   {hours}\n" in moodlog("show", "1").output
    edited = moodlog("edit", "1", "--sleep", "6:45")
    assert edited.exit_code == 0, edited.output
    assert "sleep hours   6.75\n" in edited.output


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("7h75", "sleep '7h75' has 75 minutes"),
        ("25:00", "sleep 25:00 is out of range"),
        ("7:5", "sleep '7:5' is not a number"),
        ("seven", "sleep 'seven' is not a number"),
    ],
)
def test_sleep_in_no_known_form_is_refused_naming_every_form(
    moodlog: Run, typed: str, refusal: str
) -> None:
    refused = moodlog("add", "--sleep", typed)
    assert refused.exit_code == 1
    assert refusal in refused.output
    assert "e.g. 7.5, 7h30 or 7:30" in refused.output


def test_an_imported_entries_file_may_give_sleep_in_hours_and_minutes(
    moodlog: Run, tmp_path: Path
) -> None:
    header = "id,day,time,mood,sleep_hours\n"
    written = tmp_path / "entries.csv"
    written.write_text(header + "1,2026-11-20,08:00,6,7h30\n2,2026-11-21,08:00,5,6:15\n")
    result = moodlog("import", str(written))
    assert result.exit_code == 0, result.output
    assert "sleep hours   7.5\n" in moodlog("show", "1").output
    assert "sleep hours   6.25\n" in moodlog("show", "2").output


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Café", "Über", "朋友", "नमस्ते", "Straße"])
def test_a_tag_may_use_letters_of_any_script(moodlog: Run, typed: str) -> None:
    added = moodlog("add", "--mood", "5", "--tag", typed)
    assert added.exit_code == 0, added.output
    assert f"tags          {typed}\n" in moodlog("show", "1").output  # as typed, case and all
    # Typed again in another case: the same tag, in the spelling the journal has for it.
    assert moodlog("add", "--mood", "6", "--tag", typed.upper()).exit_code == 0
    assert f"tags          {typed}\n" in moodlog("show", "2").output


def test_an_accent_typed_as_two_characters_is_the_same_tag(moodlog: Run) -> None:
    assert moodlog("add", "--mood", "5", "--tag", "Café").exit_code == 0
    assert moodlog("add", "--mood", "6", "--tag", "cafe\u0301").exit_code == 0
    assert "tags          Café\n" in moodlog("show", "2").output  # composed, first spelling


def test_one_tag_in_two_cases_is_one_tag_everywhere(moodlog: Run, journal_file: Path) -> None:
    """A tag keeps the spelling of its first use when typed in another case (an older
    journal's lower-case tags included), and two spellings within one entry are one tag."""
    assert moodlog("add", "--mood", "5", "--tag", "work").exit_code == 0
    assert moodlog("add", "--mood", "6", "--tag", "Work", "--tag", "WORK").exit_code == 0
    assert moodlog("edit", "2", "--tag", "Work", "--tag", "café").exit_code == 0
    assert moodlog("add", "--mood", "7", "--tag", "CAFÉ").exit_code == 0
    with sqlite3.connect(journal_file) as connection:
        tags = [row[0] for row in connection.execute("SELECT tags FROM entries ORDER BY id")]
    assert tags == ["work", "work;café", "café"]


def test_a_medicine_may_use_letters_of_any_script(moodlog: Run) -> None:
    added = moodlog("med", "add", "Ünïcodé", "--dose", "5mg")
    assert added.exit_code == 0, added.output
    took = moodlog("took", "ünïcodé")
    assert took.exit_code == 0, took.output
    assert "Ünïcodé" in took.output


@pytest.mark.parametrize("typed", ["a;b", "x=1", "🎮", "-start"])
def test_a_tag_of_no_letters_or_with_separators_is_still_refused(moodlog: Run, typed: str) -> None:
    refused = moodlog("add", "--mood", "5", "--tag", typed)
    assert refused.exit_code == 1
    assert f"tag {typed!r} is not a usable name; use letters of any script" in refused.output


# --- doses ------------------------------------------------------------------------------------


def _dose_of(moodlog: Run, dose_id: int) -> str:
    shown = moodlog("dose", "show", str(dose_id))
    assert shown.exit_code == 0, shown.output
    return next(line.split(None, 1)[1] for line in shown.output.splitlines() if "  dose  " in line)


def test_a_dose_typed_without_its_unit_takes_the_unit_prescribed(
    moodlog: Run, journal_file: Path
) -> None:
    assert (
        moodlog("med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning").exit_code
        == 0
    )
    took = moodlog("took", "sertraline", "--dose", "25")
    assert took.exit_code == 0, took.output
    assert "25 mg (prescribed 50 mg)" in took.output
    assert _dose_of(moodlog, 1) == "25 mg"
    assert moodlog("dose", "edit", "1", "--dose", "37.5").exit_code == 0
    assert _dose_of(moodlog, 1) == "37.5 mg"
    changed = moodlog("med", "change", "sertraline", "--dose", "100")
    assert changed.exit_code == 0, changed.output
    assert "100 mg morning" in changed.output
    with sqlite3.connect(journal_file) as connection:
        stored = connection.execute("SELECT dose FROM regimen ORDER BY id DESC LIMIT 1").fetchone()
    assert stored == ("100 mg",)


def test_a_counted_unit_and_an_as_needed_dose_are_taken_too(moodlog: Run) -> None:
    assert moodlog("med", "add", "lorazepam", "--dose", "0.5mg", "--prn").exit_code == 0
    assert moodlog("took", "lorazepam", "--dose", "1").exit_code == 0
    assert _dose_of(moodlog, 1) == "1 mg"
    schedule = "morning=2 tablets,bedtime=1 tablet"
    assert moodlog("med", "add", "lithium", "--schedule", schedule).exit_code == 0
    assert moodlog("took", "lithium", "--slot", "morning", "--dose", "3").exit_code == 0
    assert _dose_of(moodlog, 2) == "3 tablets"


def test_an_amount_alone_is_refused_where_no_unit_is_prescribed(
    moodlog: Run, journal_file: Path
) -> None:
    refused = moodlog("med", "add", "lithium", "--dose", "300")
    assert refused.exit_code == 1
    assert refused.output.strip() == (
        "moodlog: --dose '300' needs its unit, e.g. 300 mg or 300 tablets: lithium has no "
        "dose prescribed to take the unit from"
    )
    assert (
        moodlog("med", "add", "mixed", "--schedule", "morning=2 tablets,bedtime=1mg").exit_code == 0
    )
    mixed = moodlog("med", "change", "mixed", "--dose", "3")
    assert mixed.exit_code == 1
    assert "--dose '3' needs its unit" in mixed.output
    assert "has doses in mg and tablet" in mixed.output
    assert "lithium" not in moodlog("med", "list").output  # nothing was written


def test_a_dose_in_no_known_form_is_refused_naming_the_amount_alone(moodlog: Run) -> None:
    assert moodlog("med", "add", "sertraline", "--dose", "50mg").exit_code == 0
    refused = moodlog("took", "sertraline", "--dose", "fifty")
    assert refused.exit_code == 1
    assert "use an amount and a unit, e.g. 50mg" in refused.output
    assert "or an amount alone for the unit prescribed" in refused.output

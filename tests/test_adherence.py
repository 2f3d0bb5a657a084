"""Which doses are due, and adherence written one way: nothing before the journal's first day,
today's doses only once their slot's time has come, the same in `status`, `took --all`, page 1,
page 2, `stats` and the daily export; every percentage with its counts in words."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from moodlog.actions.status import today_status
from moodlog.domain.days import Period
from moodlog.domain.doses import Adherence, DueRule, ScheduledDose
from moodlog.domain.report import adherence_text
from tests.conftest import Run
from tests.test_medications import adherence_column

Clock = Callable[[datetime], None]


def ok(moodlog: Run, *args: str) -> str:
    result = moodlog(*args)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def flat(text: str) -> str:
    return " ".join(text.split())


def page_text(pdf: Path, page: int) -> str:
    return flat(PdfReader(pdf).pages[page].extract_text())


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)).astimezone()


# --- the journal's first day ------------------------------------------------------------------

# Sertraline began 120 days before the first entry: 25 mg from 06-03, 50 mg from 09-25. The
# journal begins on 10-01 with the first entry; ten days are kept, 10-01 to 10-10.
STARTED = date(2026, 6, 3)
FIRST_DAY = date(2026, 10, 1)
assert (FIRST_DAY - STARTED).days == 120


@pytest.fixture
def started_long_before(moodlog: Run, tmp_path: Path) -> Path:
    """Days 1-7 taken, day 8 missed, day 9 not logged, day 10 skipped; the report of the ten
    days (the period before them, 09-21 to 09-30, lies before the journal's first day)."""
    ok(moodlog, "med", "add", "sertraline", "--dose", "25mg", "--schedule", "morning",
       "--start", STARTED.isoformat())  # fmt: skip
    ok(moodlog, "med", "change", "sertraline", "--dose", "50mg", "--date", "2026-09-25")
    for number in range(1, 11):
        day = (FIRST_DAY + timedelta(days=number - 1)).isoformat()
        ok(moodlog, "add", "--date", day, "--mood", "5")
        if number <= 7:
            ok(moodlog, "took", "sertraline", "--date", day)
        elif number == 8:
            ok(moodlog, "missed", "sertraline", "--date", day)
        elif number == 10:
            ok(moodlog, "skipped", "sertraline", "--date", day, "--reason", "blood test")
    out = tmp_path / "report.pdf"
    ok(moodlog, "report", "--since", "2026-10-01", "--until", "2026-10-10", "--out", str(out))
    return out


# Worked out by hand: 10 doses due (10-01 to 10-10), 7 taken, 1 missed, 1 not logged,
# 1 skipped: 7 / (10 - 1) = 78%; of the 8 taken or missed, 7 = 88%.
BY_HAND = "78% · 7 taken, 1 missed, 1 not logged, 1 skipped · 88% of logged"


def test_days_before_the_journal_began_are_never_due_on_page_one(
    started_long_before: Path,
) -> None:
    text = page_text(started_long_before, 0)
    # The previous period, wholly before the first day, has nothing due: a dash.
    assert f"sertraline {BY_HAND} —" in text


def test_page_two_agrees_with_page_one_for_a_medicine_begun_before_the_journal(
    started_long_before: Path,
) -> None:
    detail = page_text(started_long_before, 1)
    # 50 mg from 09-25 to 10-10 (16 days), counted from the journal's first day: the same
    # doses as page 1's. 25 mg, shown from the previous period's first day (09-21 to 09-24,
    # 4 days), lies wholly before it.
    first_day = "from the journal's first day, 1 Oct 2026"
    assert f"50 mg · 25 Sep – 10 Oct 2026 · 16 d · {first_day}: {BY_HAND}" in detail
    before = "25 mg (before) · 21 Sep – 24 Sep 2026 · 4 d"
    assert f"{before} · nothing due (before the journal's first day)" in detail


def test_stats_and_the_daily_export_count_the_same_doses(
    started_long_before: Path, moodlog: Run
) -> None:
    stats = flat(ok(moodlog, "stats", "--since", "2026-10-01", "--until", "2026-10-10"))
    assert f"sertraline: {BY_HAND}" in stats
    assert "previous period: nothing due" in stats
    exported = ok(moodlog, "export", "--since", "2026-09-01", "--until", "2026-10-10")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert len(rows) == 40
    assert all(row["doses_scheduled"] == "0" for row in rows if row["day"] < "2026-10-01")
    counted = {
        column: sum(int(row[column]) for row in rows)
        for column in ("doses_scheduled", "doses_taken", "doses_missed", "doses_not_logged")
    }
    assert counted == {
        "doses_scheduled": 10,
        "doses_taken": 7,
        "doses_missed": 1,
        "doses_not_logged": 1,
    }


# --- doses due by their slot's time -----------------------------------------------------------

DAY = date(2025, 3, 4)


@pytest.fixture
def lithium_morning_and_bedtime(moodlog: Run) -> None:
    ok(moodlog, "med", "add", "lithium", "--schedule", "morning=300mg,bedtime=600mg",
       "--start", "2025-01-01")  # fmt: skip
    ok(moodlog, "add", "--date", DAY.isoformat(), "--mood", "6")


@pytest.mark.usefixtures("lithium_morning_and_bedtime")
def test_a_bedtime_dose_at_noon_is_neither_due_nor_not_logged(journal_file: Path) -> None:
    noon = today_status(journal_file, at(DAY, 12))
    assert [dose.label for dose in noon.doses_left] == ["lithium morning"]
    assert [dose.label for dose, _ in noon.doses_to_come] == ["lithium bedtime"]
    night = today_status(journal_file, at(DAY, 22, 30))
    assert [dose.label for dose in night.doses_left] == ["lithium morning", "lithium bedtime"]
    assert night.doses_to_come == ()


@pytest.mark.usefixtures("lithium_morning_and_bedtime")
def test_slot_time_setting_moves_when_a_dose_is_due(moodlog: Run, journal_file: Path) -> None:
    assert ok(moodlog, "config", "get", "slot-time.bedtime") == "22:00\n"
    ok(moodlog, "config", "set", "slot-time.bedtime", "21:00")
    assert ok(moodlog, "config", "get", "slot-time.bedtime") == "21:00\n"
    assert "slot-time.morning = 08:00" in ok(moodlog, "config")
    late = today_status(journal_file, at(DAY, 21, 30))
    assert [dose.label for dose in late.doses_left] == ["lithium morning", "lithium bedtime"]
    ok(moodlog, "config", "set", "slot-time.morning", "10:00")
    early = today_status(journal_file, at(DAY, 9, 30))
    assert early.doses_left == ()


def test_a_slot_time_must_be_a_time(moodlog: Run) -> None:
    result = moodlog("config", "set", "slot-time.bedtime", "25:00")
    assert result.exit_code == 1
    assert "slot-time.bedtime '25:00' is not a time" in result.stderr


@pytest.mark.usefixtures("lithium_morning_and_bedtime")
def test_at_one_in_the_morning_the_days_bedtime_dose_is_due(journal_file: Path) -> None:
    """The day starts at 04:00, so 01:00 on the 5th is still the 4th, and late in it: the 4th's
    bedtime dose (22:00) is due, and is the one left."""
    late = today_status(journal_file, at(DAY + timedelta(days=1), 1))
    assert late.day == DAY
    assert [dose.label for dose in late.doses_left] == ["lithium morning", "lithium bedtime"]


def test_times_compare_within_the_journal_day() -> None:
    """A dose at 02:00 (a clock-time schedule) is the last of a day that starts at 04:00: not
    due at 23:00, due at 03:00 the next calendar morning."""
    rule = DueRule(first_day=DAY, today=DAY, now=time(23, 0))
    night_dose = ScheduledDose("quetiapine", DAY, "02:00", None)
    assert not rule.is_due(night_dose)
    assert DueRule(first_day=DAY, today=DAY, now=time(3, 0)).is_due(night_dose)
    # A once-a-day dose is due from the day's start; nothing before the first day or after
    # today is ever due.
    assert rule.is_due(ScheduledDose("lithium", DAY, "once", None))
    assert not rule.is_due(ScheduledDose("lithium", DAY - timedelta(days=1), "once", None))
    assert not rule.is_due(ScheduledDose("lithium", DAY + timedelta(days=1), "once", None))


# --- took --all and status --------------------------------------------------------------------


@pytest.mark.usefixtures("lithium_morning_and_bedtime")
def test_took_all_in_the_morning_leaves_the_bedtime_dose_and_names_it(
    moodlog: Run, fixed_clock: Clock, journal_file: Path
) -> None:
    fixed_clock(at(DAY, 10, 52))
    output = ok(moodlog, "took", "--all")
    assert ": lithium morning taken, 300 mg, at 10:52 on 2025-03-04." in output
    assert (
        "Not yet due: lithium bedtime (22:00); log it when you take it, or now with "
        "--slot bedtime." in output
    )
    assert "lithium bedtime taken" not in output
    assert ok(moodlog, "status") == "all logged so far · next lithium bedtime at 22:00\n"
    # Named with --slot, the dose is logged though not yet due: the person says they took it.
    output = ok(moodlog, "took", "--all", "--slot", "bedtime")
    assert ": lithium bedtime taken, 600 mg, at 10:52 on 2025-03-04." in output
    assert ok(moodlog, "status") == "all logged today\n"


@pytest.mark.usefixtures("lithium_morning_and_bedtime")
def test_took_all_for_a_past_day_logs_every_dose(moodlog: Run, fixed_clock: Clock) -> None:
    fixed_clock(at(DAY, 9))
    output = ok(moodlog, "took", "--all", "--date", "2025-03-03")
    assert "lithium morning taken" in output
    assert "lithium bedtime taken" in output
    assert "Not yet due" not in output


@pytest.mark.usefixtures("lithium_morning_and_bedtime")
def test_status_names_only_the_doses_due(moodlog: Run, fixed_clock: Clock) -> None:
    fixed_clock(at(DAY, 9))
    assert ok(moodlog, "status") == "lithium morning not logged · next lithium bedtime at 22:00\n"
    fixed_clock(at(DAY, 22, 30))
    assert ok(moodlog, "status") == "lithium morning, lithium bedtime not logged\n"
    assert moodlog("status", "--quiet").exit_code == 1


@pytest.mark.usefixtures("lithium_morning_and_bedtime")
def test_adherence_today_counts_only_the_doses_due(moodlog: Run, fixed_clock: Clock) -> None:
    """At 09:00 on the 4th, the journal's first day: the morning dose is due and taken, the
    bedtime dose is not yet counted; at 23:00 it is due and not logged."""
    fixed_clock(at(DAY, 9))
    ok(moodlog, "took", "lithium")
    assert adherence_column(ok(moodlog, "med", "list"))["lithium"] == "100% · 1 taken, 0 missed"
    fixed_clock(at(DAY, 23))
    listed = adherence_column(ok(moodlog, "med", "list"))
    assert listed["lithium"] == "50% · 1 taken, 0 missed, 1 not logged · 100% of logged"


# --- the adherence text -----------------------------------------------------------------------

PERIOD = Period(date(2026, 10, 1), date(2026, 10, 30))


def counts(taken: int = 0, missed: int = 0, not_logged: int = 0, skipped: int = 0) -> Adherence:
    scheduled = taken + missed + not_logged + skipped
    return Adherence("lithium", PERIOD, PERIOD.last, scheduled, taken, missed, skipped, not_logged)


@pytest.mark.parametrize(
    ("adherence", "text"),
    [
        # 36 / 44 = 82%; of the 39 taken or missed, 36 = 92%.
        (
            counts(36, 3, 5, 1),
            "82% · 36 taken, 3 missed, 5 not logged, 1 skipped · 92% of logged",
        ),
        (counts(27, 3), "90% · 27 taken, 3 missed"),
        (counts(29, 0, 0, 1), "100% · 29 taken, 0 missed, 1 skipped"),
        # Sparse logging: 3 of 60 taken = 5%, but 3 of the 4 logged = 75%.
        (counts(3, 1, 56), "5% · 3 taken, 1 missed, 56 not logged · 75% of logged"),
        (counts(0, 0, 56), "none logged · 56 not logged"),
        (counts(0, 0, 5, 1), "none taken or missed · 5 not logged, 1 skipped"),
        (counts(0, 0, 0, 2), "nothing due · 2 skipped"),
        (counts(), "nothing due"),
        (counts(0, 4), "0% · 0 taken, 4 missed"),
    ],
)
def test_adherence_is_written_with_its_counts_in_words(adherence: Adherence, text: str) -> None:
    assert adherence_text(adherence) == text

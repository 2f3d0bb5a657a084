"""Medication management on a scripted two weeks, 2026-10-01 (Thu) to 2026-10-14 (Wed), with
answers counted by hand.

sertraline   50 mg morning from 10-01; 100 mg from 10-08, entered late (after those days were
             logged). Taken every day but 10-04 (missed) and 10-12 (not logged); 10-03 taken at
             25 mg. 14 scheduled, 12 taken, 1 missed, 0 skipped, 1 not logged: 12/14 = 86%.
lithium      morning=300mg,bedtime=600mg from 10-01. 28 scheduled. 10-03 bedtime missed, 10-05
             both skipped (held before a blood test), 10-09 morning missed, 10-12 both and 10-13
             bedtime not logged; the other 21 taken. 21 / (28 - 2) = 81%.
invega       156 mg every 28 days from 2026-09-10: due 09-10, 10-08, 11-05; taken 10-08.
concerta     1 tablet on Mon, Thu from 10-01: due 10-01, 10-05, 10-08, 10-12; never logged.
lorazepam    0.5 mg as needed: used 10-02 (panic), 10-06 (panic), 10-11 (flight).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from moodlog.actions import medications as actions
from moodlog.cli import app
from moodlog.domain.days import DaySpec, Period
from moodlog.domain.doses import (
    TAKEN,
    DayDoses,
    DoseLog,
    DoseState,
    DueRule,
    ScheduledDose,
    adherence,
    as_needed_uses,
    day_doses,
    not_yet_logged,
)
from moodlog.domain.medications import Dose, Medicine, find_medicine, parse_dose
from moodlog.storage import medications as rows
from moodlog.storage.files import private_folder
from moodlog.storage.journal import open_journal
from tests.conftest import Run, due_by_end_of, run_moodlog_process

FIRST = date(2026, 10, 1)
LAST = date(2026, 10, 14)
TWO_WEEKS = Period(FIRST, LAST)
TZ = timezone(timedelta(hours=1))


def by_end_of(today: date) -> DueRule:
    """Every dose due from the journal's first day (the first dose logged, on FIRST) through
    ``today``, today's included: as the rule stands once ``today`` is over."""
    return due_by_end_of(today, FIRST)


def days(first: date = FIRST, last: date = LAST) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def ok(moodlog: Run, *args: str) -> str:
    result = moodlog(*args)
    assert result.exit_code == 0, result.output
    return result.output


def fails(moodlog: Run, *args: str) -> str:
    """Run a command that must fail: exit 1 with one `moodlog:` line and no traceback."""
    result = moodlog(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert message.startswith("moodlog: "), message
    assert "\n" not in message
    return message


def snapshot(journal_file: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables moodlog writes, to show an error changed nothing."""
    if not journal_file.exists():
        return {}
    with sqlite3.connect(journal_file) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            for table in ("entries", "regimen", "doses", "side_effects")
        }


def dose_rows(journal_file: Path, where: str = "1", *args: object) -> list[sqlite3.Row]:
    connection = sqlite3.connect(journal_file)
    connection.row_factory = sqlite3.Row
    with connection:
        found = connection.execute(f"SELECT * FROM doses WHERE {where} ORDER BY id", args)
        return list(found.fetchall())


def write_two_weeks(moodlog: Run) -> None:
    """The scripted two weeks of the module docstring, typed as a person would."""
    ok(moodlog, "med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning",
       "--start", "2026-10-01", "--reason", "low mood")  # fmt: skip
    ok(moodlog, "med", "add", "lithium", "--schedule", "morning=300mg,bedtime=600mg",
       "--start", "2026-10-01")  # fmt: skip
    ok(moodlog, "med", "add", "invega", "--dose", "156mg", "--every", "28d",
       "--start", "2026-09-10")  # fmt: skip
    ok(moodlog, "med", "add", "concerta", "--dose", "1 tablet", "--days", "mon,thu",
       "--start", "2026-10-01")  # fmt: skip
    ok(moodlog, "med", "add", "lorazepam", "--dose", "0.5 mg", "--prn", "--start", "2026-10-01")
    for day in days():
        when = day.isoformat()
        if day == date(2026, 10, 4):
            ok(moodlog, "missed", "sertraline", "--date", when, "--reason", "forgot")
        elif day == date(2026, 10, 3):
            ok(moodlog, "took", "sert", "--date", when, "--time", "08:00", "--dose", "25mg")
        elif day == date(2026, 10, 2):
            ok(moodlog, "took", "sert", "--date", when, "--time", "08:00", "--dose", "50 mg")
        elif day != date(2026, 10, 12):
            ok(moodlog, "took", "sert", "--date", when, "--time", "08:00")
        if day == date(2026, 10, 5):
            ok(moodlog, "skipped", "lithium", "--date", when, "--reason", "blood test")
            ok(moodlog, "skipped", "lithium", "--date", when, "--reason", "blood test")
        elif day == date(2026, 10, 3):
            ok(moodlog, "took", "lith", "--date", when, "--time", "08:00")
            ok(moodlog, "missed", "lith", "--date", when)
        elif day == date(2026, 10, 9):
            ok(moodlog, "missed", "lith", "--date", when, "--slot", "morning")
            ok(moodlog, "took", "lith", "--date", when, "--slot", "bedtime", "--time", "22:30")
        elif day == date(2026, 10, 13):
            ok(moodlog, "took", "lith", "--date", when, "--time", "08:00")
        elif day != date(2026, 10, 12):
            ok(moodlog, "took", "lith", "--date", when, "--time", "08:00")
            ok(moodlog, "took", "lith", "--date", when, "--time", "22:00")
    ok(moodlog, "took", "invega", "--date", "2026-10-08", "--time", "11:00")
    ok(moodlog, "took", "loraz", "--date", "2026-10-02", "--time", "14:00", "--reason", "panic")
    ok(moodlog, "took", "loraz", "--date", "2026-10-06", "--time", "21:00", "--reason", "panic")
    ok(moodlog, "took", "loraz", "--date", "2026-10-11", "--reason", "flight")
    # Decided at the appointment on 10-08, typed in only now, after those days were logged.
    ok(moodlog, "med", "change", "sertraline", "--dose", "100mg", "--date", "2026-10-08",
       "--reason", "still low")  # fmt: skip


@pytest.fixture(scope="module")
def two_weeks_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two weeks written once per module; each test gets its own copy."""
    path = tmp_path_factory.mktemp("two-weeks") / "moodlog.db"
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(app, list(args), catch_exceptions=False)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MOODLOG_DB", str(path))
        patch.setenv("COLUMNS", "80")
        patch.setenv("NO_COLOR", "1")
        write_two_weeks(run)
    return path


@pytest.fixture
def two_weeks(two_weeks_journal: Path, journal_file: Path) -> Path:
    private_folder(journal_file.parent)
    for suffix in ("", "-wal", "-shm"):
        written = two_weeks_journal.with_name(two_weeks_journal.name + suffix)
        if written.exists():
            shutil.copy(written, journal_file.with_name(journal_file.name + suffix))
    return journal_file


def load(journal_file: Path) -> tuple[list[Medicine], list[DoseLog]]:
    with open_journal(journal_file) as journal, journal.transaction() as connection:
        return rows.load_medicines(connection), rows.doses_in(connection, TWO_WEEKS)


def day_of(journal_file: Path, name: str, day: date) -> DayDoses:
    """The day's doses of one medicine, worked out as status, lists and reports do."""
    medicines, logs = load(journal_file)
    return day_doses(next(m for m in medicines if m.name == name), day, logs)


def scheduled_doses(medicine: Medicine, day: date) -> list[ScheduledDose]:
    """The doses the regimen in force schedules on ``day``, as status and reports see them."""
    return [state.scheduled for state in day_doses(medicine, day, []).doses]


def dose_taken(state: DoseState) -> Dose | None:
    """The dose a taken log stands for, by hand: the dose it logged, else the one scheduled."""
    if state.log is None or state.log.status != TAKEN:
        return None
    return state.log.dose or state.scheduled.dose


# --- dose changes ---------------------------------------------------------------------------


def test_dose_change_keeps_the_old_dose_on_every_earlier_day(two_weeks: Path) -> None:
    taken = {day: day_of(two_weeks, "sertraline", day).doses for day in days()}
    for day in days(FIRST, date(2026, 10, 7)):
        for state in taken[day]:
            assert state.scheduled.dose == Dose(50, "mg"), day
    assert [dose_taken(s) for s in taken[date(2026, 10, 1)]] == [Dose(50, "mg")]
    assert [dose_taken(s) for s in taken[date(2026, 10, 3)]] == [Dose(25, "mg")]
    assert [dose_taken(s) for s in taken[date(2026, 10, 7)]] == [Dose(50, "mg")]


def test_dose_change_entered_late_applies_from_its_date(two_weeks: Path, moodlog: Run) -> None:
    for day in (date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 14)):
        (state,) = day_of(two_weeks, "sertraline", day).doses
        assert state.scheduled.dose == Dose(100, "mg")
        assert dose_taken(state) == Dose(100, "mg")
    # The logs themselves were not rewritten: only the 25 mg one holds a dose.
    stored = dose_rows(two_weeks, "medicine = 'sertraline' AND dose IS NOT NULL")
    assert [(row["day"], row["dose"]) for row in stored] == [("2026-10-03", "25 mg")]
    history = ok(moodlog, "med", "list", "--all")
    assert "2026-10-08*" in history
    assert "still low" in history
    assert "entered late" in history


def test_change_and_stop_add_records_and_never_rewrite_history(
    two_weeks: Path, moodlog: Run
) -> None:
    before = snapshot(two_weeks)["regimen"]
    ok(moodlog, "med", "stop", "concerta", "--date", "2026-10-15", "--reason", "not helping")
    after = snapshot(two_weeks)["regimen"]
    assert after[: len(before)] == before
    assert len(after) == len(before) + 1
    with open_journal(two_weeks) as journal, journal.transaction() as connection:
        concerta = find_medicine(rows.load_medicines(connection), "concerta")
    assert concerta.regimen_on(date(2026, 10, 14)) is not None
    assert concerta.regimen_on(date(2026, 10, 15)) is None


def test_planned_step_applies_only_from_its_future_date(moodlog: Run, journal_file: Path) -> None:
    ok(moodlog, "med", "add", "sertraline", "--dose", "50mg", "--start", "2026-10-01")
    output = ok(moodlog, "med", "change", "sertraline", "--dose", "75mg", "--date", "2026-10-20",
                "--reason", "titration")  # fmt: skip
    assert "Changed sertraline from 2026-10-20: 75 mg daily (reason: titration)." in output
    listing = ok(moodlog, "med", "list", "--until", "2026-10-14")
    assert "50 mg daily" in listing
    assert "Planned for sertraline: 75 mg daily from 2026-10-20" in listing
    with open_journal(journal_file) as journal, journal.transaction() as connection:
        (medicine,) = rows.load_medicines(connection)
    assert scheduled_doses(medicine, date(2026, 10, 19))[0].dose == Dose(50, "mg")
    assert scheduled_doses(medicine, date(2026, 10, 20))[0].dose == Dose(75, "mg")


# --- schedules ------------------------------------------------------------------------------


def test_a_dose_per_slot_schedules_each_slot_its_own_dose(two_weeks: Path) -> None:
    medicines, _ = load(two_weeks)
    lithium = find_medicine(medicines, "lithium")
    assert [(d.slot, d.dose) for d in scheduled_doses(lithium, date(2026, 10, 6))] == [
        ("morning", Dose(300, "mg")),
        ("bedtime", Dose(600, "mg")),
    ]
    regimen = lithium.regimen_on(date(2026, 10, 6))
    assert regimen is not None
    assert regimen.per_day() == Dose(900, "mg")
    assert regimen.describe() == "morning 300 mg, bedtime 600 mg"


def test_28_day_injection_is_due_every_28_days_from_its_start(two_weeks: Path) -> None:
    medicines, _ = load(two_weeks)
    invega = find_medicine(medicines, "invega")
    due = [
        day for day in days(date(2026, 9, 1), date(2026, 11, 30)) if scheduled_doses(invega, day)
    ]
    assert due == [date(2026, 9, 10), date(2026, 10, 8), date(2026, 11, 5)]


def test_weekday_medicine_is_due_only_on_its_weekdays(two_weeks: Path) -> None:
    medicines, _ = load(two_weeks)
    concerta = find_medicine(medicines, "concerta")
    due = [day for day in days() if scheduled_doses(concerta, day)]
    assert due == [date(2026, 10, 1), date(2026, 10, 5), date(2026, 10, 8), date(2026, 10, 12)]


def test_clock_time_schedule_is_ordered_through_the_day(moodlog: Run) -> None:
    output = ok(moodlog, "med", "add", "quetiapine", "--dose", "25mg", "--schedule",
                "20:00,8:00", "--start", "2026-10-01")  # fmt: skip
    assert "25 mg 08:00, 20:00" in output
    logged = ok(moodlog, "took", "quet", "--date", "2026-10-02")
    assert "quetiapine 08:00 taken" in logged


def test_as_needed_medicine_schedules_nothing(two_weeks: Path) -> None:
    medicines, _ = load(two_weeks)
    lorazepam = find_medicine(medicines, "lorazepam")
    assert all(not scheduled_doses(lorazepam, day) for day in days())


# --- adherence ------------------------------------------------------------------------------


def test_adherence_matches_hand_counted_values(two_weeks: Path) -> None:
    medicines, logs = load(two_weeks)
    today = date(2026, 11, 26)
    sertraline = adherence(
        find_medicine(medicines, "sertraline"), logs, TWO_WEEKS, by_end_of(today)
    )
    assert (sertraline.scheduled, sertraline.taken, sertraline.missed) == (14, 12, 1)
    assert (sertraline.skipped, sertraline.not_logged) == (0, 1)
    assert sertraline.percent == pytest.approx(100 * 12 / 14)
    lithium = adherence(find_medicine(medicines, "lithium"), logs, TWO_WEEKS, by_end_of(today))
    assert (lithium.scheduled, lithium.taken, lithium.missed) == (28, 21, 2)
    assert (lithium.skipped, lithium.not_logged) == (2, 3)
    assert lithium.percent == pytest.approx(100 * 21 / 26)
    invega = adherence(find_medicine(medicines, "invega"), logs, TWO_WEEKS, by_end_of(today))
    assert (invega.scheduled, invega.taken, invega.percent) == (1, 1, 100)
    concerta = adherence(find_medicine(medicines, "concerta"), logs, TWO_WEEKS, by_end_of(today))
    assert (concerta.scheduled, concerta.taken, concerta.not_logged) == (4, 0, 4)
    assert concerta.percent == 0


def adherence_column(listing: str) -> dict[str, str]:
    """Each medicine's cell under `med list`'s "adherence" heading, its wrapped lines joined."""
    lines = listing.splitlines()
    heading = next(n for n, line in enumerate(lines) if line.startswith("medicine"))
    at = lines[heading].index("adherence")
    cells: dict[str, list[str]] = {}
    for line in lines[heading + 1 :]:
        if not line.startswith(" "):
            if len(line) <= at or line[at - 1] != " ":
                break  # the table has ended
            cells[line.split()[0]] = []
        cells[list(cells)[-1]].append(line[at:].strip())
    return {name: " ".join(part for part in parts if part) for name, parts in cells.items()}


def test_med_list_shows_counts_and_adherence_with_not_logged_and_skipped_apart(
    two_weeks: Path, moodlog: Run
) -> None:
    """Counted by hand from the two weeks: sertraline 12 taken, 1 missed, 1 not logged of 14
    (12/14 = 86%, 12/13 of logged = 92%); lithium 21 taken, 2 missed, 3 not logged, 2 skipped
    of 28 (21/26 = 81%, 21/23 = 91%); concerta's 4 doses none logged."""
    listing = ok(moodlog, "med", "list", "--until", "2026-10-14")
    assert "counts for 2026-09-15 to 2026-10-14" in listing
    cells = adherence_column(listing)
    assert cells["sertraline"] == "86% · 12 taken, 1 missed, 1 not logged · 92% of logged"
    assert cells["lithium"] == ("81% · 21 taken, 2 missed, 3 not logged, 2 skipped · 91% of logged")
    assert cells["invega"] == "100% · 1 taken, 0 missed"
    assert cells["concerta"] == "none logged · 4 not logged"
    assert cells["lorazepam"] == "as needed · 3 uses"
    assert "adherence = taken / (scheduled - skipped)" in " ".join(listing.split())


def test_adherence_counts_through_today_not_past_it(two_weeks: Path) -> None:
    medicines, logs = load(two_weeks)
    today = date(2026, 10, 10)
    counted = adherence(find_medicine(medicines, "sertraline"), logs, TWO_WEEKS, by_end_of(today))
    assert counted.through == today
    assert (counted.scheduled, counted.taken, counted.missed, counted.not_logged) == (10, 9, 1, 0)
    future = adherence(
        find_medicine(medicines, "sertraline"),
        logs,
        Period(date(2026, 12, 1), LAST),
        by_end_of(today),
    )
    assert (future.scheduled, future.percent, future.through) == (0, None, None)


def test_skipped_doses_do_not_count_against_adherence(moodlog: Run, journal_file: Path) -> None:
    ok(moodlog, "med", "add", "lithium", "--dose", "300mg", "--start", "2026-10-01")
    ok(moodlog, "took", "lithium", "--date", "2026-10-01")
    ok(moodlog, "skipped", "lithium", "--date", "2026-10-02", "--reason", "blood test")
    medicines, logs = load(journal_file)
    counted = adherence(medicines[0], logs, Period(FIRST, date(2026, 10, 2)), by_end_of(LAST))
    assert (counted.taken, counted.skipped, counted.due, counted.percent) == (1, 1, 1, 100)


# --- as needed ------------------------------------------------------------------------------


def test_prn_uses_are_counted_with_their_reasons(two_weeks: Path, moodlog: Run) -> None:
    medicines, logs = load(two_weeks)
    uses = as_needed_uses(find_medicine(medicines, "lorazepam"), logs, TWO_WEEKS, by_end_of(LAST))
    assert [(u.day.isoformat(), u.reason) for u in uses] == [
        ("2026-10-02", "panic"),
        ("2026-10-06", "panic"),
        ("2026-10-11", "flight"),
    ]
    assert [u.time for u in uses] == [time(14, 0), time(21, 0), None]
    listing = ok(moodlog, "med", "list", "--until", "2026-10-14")
    assert "lorazepam as needed: 3 uses, panic (2), flight (1)" in listing


def test_prn_use_with_another_dose_keeps_that_dose(two_weeks: Path, moodlog: Run) -> None:
    output = ok(moodlog, "took", "loraz", "--date", "2026-10-13", "--dose", "1mg",
                "--reason", "panic")  # fmt: skip
    assert "1 mg (prescribed 0.5 mg)" in output
    (row,) = dose_rows(two_weeks, "day = '2026-10-13' AND medicine = 'lorazepam'")
    assert (row["slot"], row["dose"], row["reason"]) == (None, "1 mg", "panic")


# --- took, missed, skipped ------------------------------------------------------------------


def test_took_all_logs_exactly_the_days_scheduled_doses(two_weeks: Path, moodlog: Run) -> None:
    ok(moodlog, "missed", "lithium", "--date", "2026-10-15")  # the morning dose
    output = ok(moodlog, "took", "--all", "--date", "2026-10-15", "--time", "09:00")
    logged = dose_rows(two_weeks, "day = '2026-10-15' AND status = 'taken'")
    # Thursday 10-15: concerta (Mon, Thu), lithium bedtime, sertraline; not invega (not due),
    # not lorazepam (as needed), not lithium morning (logged missed already).
    assert [(row["medicine"], row["slot"]) for row in logged] == [
        ("concerta", "once"),
        ("lithium", "bedtime"),
        ("sertraline", "morning"),
    ]
    assert all(row["time"] == "09:00" for row in logged)
    assert "Logged before, left as they were: lithium morning missed." in output
    again = ok(moodlog, "took", "--all", "--date", "2026-10-15")
    assert "logged already" in again
    assert len(dose_rows(two_weeks, "day = '2026-10-15'")) == 4


def test_took_all_for_one_slot(two_weeks: Path, moodlog: Run) -> None:
    ok(moodlog, "took", "--all", "--slot", "bedtime", "--date", "2026-10-16")
    logged = dose_rows(two_weeks, "day = '2026-10-16'")
    assert [(row["medicine"], row["slot"]) for row in logged] == [("lithium", "bedtime")]


def test_took_fills_the_next_dose_not_logged(two_weeks: Path, moodlog: Run) -> None:
    first = ok(moodlog, "took", "lithium", "--date", "2026-10-16", "--time", "08:05")
    second = ok(moodlog, "took", "lithium", "--date", "2026-10-16", "--time", "22:10")
    assert "lithium morning taken, 300 mg, at 08:05 on 2026-10-16" in first
    assert "lithium bedtime taken, 600 mg, at 22:10 on 2026-10-16" in second


def test_dose_is_stored_only_when_it_differed(two_weeks: Path) -> None:
    (same, lower) = dose_rows(
        two_weeks, "medicine = 'sertraline' AND day IN ('2026-10-02', '2026-10-03')"
    )
    assert (same["dose"], same["dose_amount"]) == (None, None)
    assert (lower["dose"], lower["dose_amount"], lower["dose_unit"]) == ("25 mg", 25, "mg")


def test_naming_a_logged_slot_corrects_it_and_keeps_the_old_log(
    two_weeks: Path, moodlog: Run
) -> None:
    output = ok(moodlog, "took", "lithium", "--date", "2026-10-09", "--slot", "morn",
                "--time", "10:30")  # fmt: skip
    assert "corrects the earlier log of that dose (missed)" in output
    morning = dose_rows(
        two_weeks, "day = '2026-10-09' AND medicine = 'lithium' AND slot = 'morning'"
    )
    assert [(row["status"], row["replaces"]) for row in morning] == [
        ("missed", None),
        ("taken", morning[0]["id"]),
    ]
    medicines, logs = load(two_weeks)
    counted = adherence(find_medicine(medicines, "lithium"), logs, TWO_WEEKS, by_end_of(LAST))
    assert (counted.scheduled, counted.taken, counted.missed) == (28, 22, 1)


def test_a_dose_logged_late_has_no_time_unless_given(moodlog: Run, journal_file: Path) -> None:
    ok(moodlog, "med", "add", "sertraline", "--dose", "50mg", "--start", "2026-10-01")
    ok(moodlog, "took", "sertraline", "--date", "2026-10-02")
    (row,) = dose_rows(journal_file)
    assert row["time"] is None


def test_took_today_defaults_to_now(moodlog: Run, journal_file: Path) -> None:
    with open_journal(journal_file) as journal:
        actions.add_medicine(
            journal, "sertraline", parse_dose("50mg"), start=DaySpec.on(date(2026, 10, 1))
        )
        now = datetime(2026, 10, 5, 8, 12, 40, tzinfo=TZ)
        logged, _ = actions.log_dose(journal, "taken", "sert", now=now)
        # At 01:30 on 10-07 (still journal day 10-06, before day-starts-at 04:00), a dose
        # taken at 23:50 belongs to the evening of 10-06.
        night = datetime(2026, 10, 7, 1, 30, tzinfo=TZ)
        late, _ = actions.log_dose(journal, "taken", "sert", time=time(23, 50), now=night)
        morning = datetime(2026, 10, 7, 9, 0, tzinfo=TZ)
        missed, _ = actions.log_dose(journal, "missed", "sert", now=morning)
    assert (logged.log.day, logged.log.time) == (date(2026, 10, 5), time(8, 12))
    assert (late.log.day, late.log.time) == (date(2026, 10, 6), time(23, 50))
    assert (missed.log.day, missed.log.time) == (date(2026, 10, 7), None)


def test_not_yet_logged_names_the_days_open_doses(two_weeks: Path) -> None:
    medicines, logs = load(two_weeks)
    left = actions_not_yet_logged(medicines, logs, date(2026, 10, 13))
    assert left == ["lithium bedtime"]
    left = actions_not_yet_logged(medicines, logs, date(2026, 10, 12))
    assert left == ["concerta", "lithium morning", "lithium bedtime", "sertraline morning"]


def actions_not_yet_logged(medicines: list[Medicine], logs: list[DoseLog], day: date) -> list[str]:
    return [dose.label for dose in not_yet_logged(medicines, logs, by_end_of(day))]


# --- moodlog add --took / --missed ----------------------------------------------------------


def test_add_took_and_missed_log_doses_with_the_entry(two_weeks: Path, moodlog: Run) -> None:
    output = ok(moodlog, "add", "--date", "2026-10-16", "--time", "21:00", "--mood", "6",
                "--took", "sert", "--missed", "lithium", "--took", "lith")  # fmt: skip
    assert "Saved entry 1 for 2026-10-16" in output
    assert "sertraline morning taken, 100 mg, at 21:00" in output
    logged = dose_rows(two_weeks, "day = '2026-10-16'")
    # Doses taken are logged first, then those missed, each the next dose not yet logged.
    assert [(r["medicine"], r["slot"], r["status"], r["entry_id"]) for r in logged] == [
        ("sertraline", "morning", "taken", 1),
        ("lithium", "morning", "taken", 1),
        ("lithium", "bedtime", "missed", 1),
    ]


def test_add_with_only_doses_saves_no_entry(two_weeks: Path, moodlog: Run) -> None:
    output = ok(moodlog, "add", "--date", "2026-10-16", "--took", "sertraline")
    assert "Saved entry" not in output
    assert ": sertraline morning taken" in output
    assert snapshot(two_weeks)["entries"] == []
    (row,) = dose_rows(two_weeks, "day = '2026-10-16'")
    assert row["entry_id"] is None


def test_add_with_a_wrong_medicine_saves_neither_entry_nor_doses(
    two_weeks: Path, moodlog: Run
) -> None:
    before = snapshot(two_weeks)
    message = fails(moodlog, "add", "--mood", "6", "--took", "sertraline", "--took", "aspirin")
    assert "medicine 'aspirin' is not on your list" in message
    assert snapshot(two_weeks) == before


# --- side effects ---------------------------------------------------------------------------


def test_side_effect_recorded_then_marked_resolved(two_weeks: Path, moodlog: Run) -> None:
    output = ok(moodlog, "side-effect", "nausea", "--severity", "2", "--med", "sert",
                "--date", "2026-10-02")  # fmt: skip
    assert "nausea, moderate (2), with sertraline, since 2026-10-02" in output
    assert "nausea, moderate (2)" in ok(moodlog, "med", "list", "--until", "2026-10-14")
    resolved = ok(moodlog, "side-effect", "naus", "--resolved", "2026-10-09")
    assert "Marked resolved: nausea, moderate (2), with sertraline, 2026-10-02 to 2026-10-09" in (
        resolved
    )
    with sqlite3.connect(two_weeks) as connection:
        stored = connection.execute(
            "SELECT name, severity, medicine, onset_date, resolved_date FROM side_effects"
        ).fetchall()
    assert stored == [("nausea", 2, "sertraline", "2026-10-02", "2026-10-09")]
    assert "Side effects ongoing" not in ok(moodlog, "med", "list", "--until", "2026-10-14")
    assert "2026-10-09" in ok(moodlog, "med", "list", "--all")


def test_a_past_side_effect_can_be_recorded_whole(moodlog: Run, journal_file: Path) -> None:
    ok(moodlog, "side-effect", "dry mouth", "--severity", "1", "--date", "2026-10-01",
       "--resolved", "2026-10-05")  # fmt: skip
    with sqlite3.connect(journal_file) as connection:
        stored = connection.execute("SELECT name, resolved_date FROM side_effects").fetchall()
    assert stored == [("dry mouth", "2026-10-05")]


# --- errors: exit 1, a clear message, nothing changed --------------------------------------

ERRORS = [
    (
        ("med", "add", "x", "--dose", "50 mgs"),
        "--dose '50 mgs' is not a dose; use an amount and a unit, e.g. 50mg, 0.5 mg, 1 tablet",
    ),
    (("med", "add", "x", "--dose", "fifty mg"), "--dose 'fifty mg' is not a dose"),
    (("med", "add", "x", "--dose", "0mg"), "the amount must be above 0"),
    (("med", "add", "x", "--dose", "mg"), "--dose 'mg' is not a dose"),
    (("med", "add", "x"), "x needs --dose: an amount and a unit"),
    (("med", "add", "x", "--dose", "5mg", "--schedule", "brunch"), "'brunch' is not a slot"),
    (("med", "add", "x", "--dose", "5mg", "--schedule", "morning,08:00"), "mixes named slots"),
    (("med", "add", "x", "--dose", "5mg", "--schedule", "morning=5mgs"), "is not a dose"),
    (("med", "add", "x", "--dose", "5mg", "--days", "mon,funday"), "'funday' is not a weekday"),
    (("med", "add", "x", "--dose", "5mg", "--every", "monthly"), "is not an interval"),
    (("med", "add", "x", "--dose", "5mg", "--every", "28d", "--prn"), "exclude each other"),
    (("med", "add", "x", "--dose", "5mg", "--days", "mon", "--every", "7d"), "exclude each"),
    (("med", "add", "x", "--dose", "5mg", "--start", "2026-02-30"), "does not exist"),
    (
        ("med", "add", "x", "--dose", "5mg", "--schedule", "morning=1mg,bedtime=2mg"),
        "--dose 5 mg would not be used",
    ),
    (("med", "add", "Sertraline", "--dose", "50mg"), "sertraline is already on your list"),
    (("med", "add", "a;b", "--dose", "50mg"), "is not usable"),
    (("took", "l", "--date", "2026-10-06"), "'l' could be lithium or lorazepam"),
    (("took", "aspirin"), "your medicines are concerta, invega, lithium, lorazepam, sertraline"),
    (("took", "sertraline", "--date", "2026-09-30"), "sertraline starts on 2026-10-01"),
    (("took", "invega", "--date", "2026-10-09"), "next is on 2026-11-05"),
    (("took", "concerta", "--date", "2026-10-06"), "it is taken on Mon, Thu"),
    (("took", "sertraline", "--date", "2030-01-01"), "is in the future"),
    (("took", "sertraline", "--date", "2026-10-13"), "is logged already (taken)"),
    (("took", "lithium", "--date", "2026-10-14", "--slot", "noon"), "morning, bedtime"),
    (("took", "sertraline", "--date", "2026-10-16", "--dose", "lots"), "'lots' is not a dose"),
    (("took", "sertraline", "--date", "2026-10-16", "--time", "25:00"), "is not a time"),
    (("took",), "name the medicine taken (moodlog took sertraline), or use --all for every dose"),
    (("took", "sertraline", "--all"), "or use --all, not both"),
    (("took", "--all", "--dose", "5mg"), "--dose applies to one medicine"),
    (("took", "--all", "--date", "2026-09-01"), "no dose is scheduled on 2026-09-01"),
    (("took", "--all", "--date", "2026-10-16", "--slot", "noon"), "not a slot of 2026-10-16"),
    (("missed", "lorazepam", "--date", "2026-10-06"), "is taken as needed"),
    (("skipped", "lorazepam"), "is taken as needed"),
    (("took", "lorazepam", "--slot", "morning"), "taken as needed, not in slots"),
    (("med", "change", "sertraline"), "nothing to change for sertraline"),
    (("med", "change", "sertraline", "--dose", "100mg"), "sertraline is already 100 mg"),
    (("med", "change", "sertraline", "--dose", "1mg", "--date", "2026-09-01"), "starts on"),
    (("med", "change", "lithium", "--dose", "900mg"), "has a dose per slot"),
    (("med", "change", "lorazepam", "--days", "mon"), "is taken as needed"),
    (("med", "stop", "sertraline", "--date", "2026-10-10"), "doses logged on 2026-10-10 to"),
    (("med", "stop", "sertraline", "--date", "2026-09-01"), "sertraline starts on 2026-10-01"),
    (("med", "stop", "warfarin"), "is not on your list"),
    (("side-effect", "nausea"), "needs --severity 1-3"),
    (("side-effect", "nausea", "--severity", "4"), "--severity 4 is out of range"),
    (("side-effect", "nausea", "--severity", "two"), "--severity 'two' is not a number"),
    (("side-effect", "nausea", "--resolved", "2026-10-09"), "no open side effect is named"),
    (("side-effect", "nausea", "--severity", "1", "--med", "asp"), "is not on your list"),
    (
        ("side-effect", "nausea", "--severity", "1", "--date", "10-05", "--resolved", "today"),
        "--date '10-05' is not a date",
    ),
    (
        ("side-effect", "nausea", "--severity", "1", "--date", "2026-10-05", "--resolved", "oct"),
        "--resolved 'oct' is not a date",
    ),
]


@pytest.mark.parametrize(("args", "expected"), ERRORS, ids=[" ".join(a) for a, _ in ERRORS])
def test_every_mistake_exits_1_with_a_clear_message_and_changes_nothing(
    two_weeks: Path, moodlog: Run, args: tuple[str, ...], expected: str
) -> None:
    before = snapshot(two_weeks)
    message = fails(moodlog, *args)
    assert expected in message
    assert snapshot(two_weeks) == before


def test_dose_after_a_stop_names_the_dates(moodlog: Run, journal_file: Path) -> None:
    ok(moodlog, "med", "add", "quetiapine", "--dose", "25mg", "--start", "2026-10-01")
    ok(moodlog, "med", "stop", "quetiapine", "--date", "2026-10-10", "--reason", "drowsy")
    before = snapshot(journal_file)
    message = fails(moodlog, "took", "quetiapine", "--date", "2026-10-11")
    assert message == (
        "moodlog: quetiapine was stopped on 2026-10-10 (last day on it 2026-10-09); "
        "no dose can be logged on 2026-10-11"
    )
    assert snapshot(journal_file) == before
    ok(moodlog, "took", "quetiapine", "--date", "2026-10-09")


def test_a_stopped_medicine_can_be_started_again(moodlog: Run, journal_file: Path) -> None:
    ok(moodlog, "med", "add", "quetiapine", "--dose", "25mg", "--start", "2026-10-01")
    ok(moodlog, "med", "stop", "quetiapine", "--date", "2026-10-05")
    before = snapshot(journal_file)
    message = fails(moodlog, "med", "add", "quetiapine", "--dose", "50mg", "--start", "2026-10-03")
    assert "a new start must be on or after that day" in message
    assert snapshot(journal_file) == before
    ok(moodlog, "med", "add", "quetiapine", "--dose", "50mg", "--start", "2026-10-08")
    message = fails(moodlog, "took", "quet", "--date", "2026-10-06")
    assert "stopped on 2026-10-05 (last day on it 2026-10-04, and starts again on 2026-10-08)" in (
        message
    )
    assert "50 mg" in ok(moodlog, "took", "quet", "--date", "2026-10-08")


def test_an_open_side_effect_is_not_opened_twice(moodlog: Run, journal_file: Path) -> None:
    ok(moodlog, "side-effect", "nausea", "--severity", "2")
    before = snapshot(journal_file)
    message = fails(moodlog, "side-effect", "nausea", "--severity", "3")
    assert "is still open; mark it resolved first" in message
    assert snapshot(journal_file) == before


def test_a_side_effect_cannot_resolve_before_it_began(moodlog: Run, journal_file: Path) -> None:
    ok(moodlog, "side-effect", "tremor", "--severity", "1", "--date", "2026-10-05")
    before = snapshot(journal_file)
    message = fails(moodlog, "side-effect", "tremor", "--resolved", "2026-10-01")
    assert "--resolved 2026-10-01 is before tremor began (2026-10-05)" in message
    message = fails(moodlog, "side-effect", "tremor", "--resolved", "2030-01-01")
    assert "--resolved 2030-01-01 is in the future" in message
    assert snapshot(journal_file) == before


def test_exact_name_wins_over_a_longer_one(moodlog: Run, journal_file: Path) -> None:
    ok(moodlog, "med", "add", "lithium", "--dose", "300mg", "--start", "2026-10-01")
    ok(moodlog, "med", "add", "lithium carbonate", "--dose", "400mg", "--start", "2026-10-01")
    assert ": lithium taken, 300 mg" in ok(moodlog, "took", "LITHIUM", "--date", "2026-10-01")
    message = fails(moodlog, "took", "lith", "--date", "2026-10-02")
    assert "could be lithium or lithium carbonate" in message


def test_every_medication_command_has_an_example(moodlog: Run) -> None:
    for command in (
        ("med",),
        ("med", "add"),
        ("med", "change"),
        ("med", "stop"),
        ("med", "list"),
        ("took",),
        ("missed",),
        ("skipped",),
        ("side-effect",),
    ):
        output = ok(moodlog, *command, "--help")
        assert "Example: moodlog" in output, command


def test_dose_commands_import_no_heavy_modules() -> None:
    code = (
        "import sys, moodlog.cli, moodlog.actions.medications, moodlog.domain.doses;"
        "print(sorted(m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_the_real_entry_point_reports_a_dose_error_on_one_line(journal_file: Path) -> None:
    result = run_moodlog_process("took", "--all", "--date", "2026-10-01")
    assert result.returncode == 1
    assert result.stderr == (
        "moodlog: no dose is scheduled on 2026-10-01; see your medicines with 'moodlog med list'\n"
    )


def test_deleting_an_entry_keeps_the_doses_logged_with_it(two_weeks: Path, moodlog: Run) -> None:
    ok(moodlog, "add", "--date", "2026-10-16", "--mood", "5", "--took", "sertraline")
    ok(moodlog, "delete", "1", "--yes")
    (row,) = dose_rows(two_weeks, "day = '2026-10-16'")
    assert (row["medicine"], row["status"], row["entry_id"]) == ("sertraline", "taken", None)


def test_stopping_before_planned_steps_says_they_no_longer_apply(moodlog: Run) -> None:
    ok(moodlog, "med", "add", "sertraline", "--dose", "50mg", "--start", "2026-10-01")
    ok(moodlog, "med", "change", "sertraline", "--dose", "25mg", "--date", "2030-01-01")
    output = ok(moodlog, "med", "stop", "sertraline", "--date", "2026-10-10")
    assert "Steps planned after the stop stay in the history, unused: 2030-01-01" in output
    assert "(never in force)" in ok(moodlog, "med", "list", "--all")


def test_a_journal_from_before_medications_is_migrated_after_a_backup(
    journal_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moodlog.storage import journal as journal_module
    from moodlog.storage.migrations import MIGRATIONS

    with monkeypatch.context() as patch:
        patch.setattr(journal_module, "MIGRATIONS", MIGRATIONS[:2])
        with open_journal(journal_file):
            pass
    with open_journal(journal_file) as journal, journal.transaction() as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"regimen", "doses", "side_effects"} <= tables
    backups = list((journal_file.parent / "backups").glob("*before-0003_medications*"))
    assert len(backups) == 1


DOCS = Path(__file__).parent.parent / "docs"


def test_every_medication_command_is_in_the_docs() -> None:
    text = (DOCS / "medications.md").read_text()
    for command in ("med add", "med change", "med stop", "med list", "took", "missed",
                    "skipped", "side-effect", "add --mood 6 --took"):  # fmt: skip
        assert f"moodlog {command}" in text, command


def test_schema_doc_names_every_medication_column(journal_file: Path) -> None:
    text = (DOCS / "schema.md").read_text()
    with open_journal(journal_file) as journal, journal.transaction() as connection:
        for table in ("regimen", "doses", "side_effects"):
            assert f"### `{table}`" in text
            for column in connection.execute(f"PRAGMA table_info({table})"):
                assert f"| `{column[1]}` |" in text, (table, column[1])


def test_medicine_tables_fit_80_columns(two_weeks: Path, moodlog: Run) -> None:
    ok(moodlog, "side-effect", "nausea", "--severity", "2", "--med", "sertraline")
    ok(moodlog, "med", "change", "lithium", "--schedule", "morning=300mg,bedtime=300mg",
       "--date", "2030-01-01", "--reason", "tremor in the hands, ask about levels")  # fmt: skip
    for args in (("med", "list", "--until", "2026-10-14"), ("med", "list", "--all")):
        output = ok(moodlog, *args)
        assert max(len(line) for line in output.splitlines()) <= 80, output

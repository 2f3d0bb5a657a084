"""The medication and therapy records `moodlog stats` (and the report) read for a period, from a
journal typed in through the command line."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from moodlog.actions.records import first_entry_day, load_medication_records, load_therapy_records
from moodlog.domain.days import Period
from moodlog.domain.report import MedicationRecords, TherapyRecords
from moodlog.storage.days import first_recorded_day
from moodlog.storage.journal import open_journal
from tests.conftest import Run, due_by_end_of

PERIOD = Period(date(2025, 3, 1), date(2025, 3, 6))  # the one before: 02-23 to 02-28
LATER = date(2025, 3, 10)


def ok(moodlog: Run, *args: str) -> None:
    result = moodlog(*args)
    assert result.exit_code == 0, result.output


@pytest.fixture
def medicines(moodlog: Run) -> None:
    """Sertraline 50 mg each morning from January, 100 mg from 03-03, moved to the evening on
    03-04; lithium 300 mg mornings and 600 mg at bedtime from 02-20, stopped on 03-05;
    lorazepam as needed. Sertraline taken 03-01 and 03-02, missed 03-03; lithium's morning dose
    taken on 03-01, its bedtime dose missed; lorazepam taken on 02-25 and 03-02."""
    ok(moodlog, "med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning",
       "--start", "2025-01-01")  # fmt: skip
    ok(moodlog, "med", "add", "lithium", "--schedule", "morning=300mg,bedtime=600mg",
       "--start", "2025-02-20")  # fmt: skip
    ok(moodlog, "med", "add", "lorazepam", "--dose", "0.5mg", "--prn", "--start", "2025-01-01")
    for when in ("2025-03-01", "2025-03-02"):
        ok(moodlog, "took", "sertraline", "--date", when, "--time", "08:00")
    ok(moodlog, "missed", "sertraline", "--date", "2025-03-03")
    ok(moodlog, "took", "lithium", "--date", "2025-03-01", "--time", "08:00")
    ok(moodlog, "missed", "lithium", "--date", "2025-03-01")
    ok(moodlog, "took", "lorazepam", "--date", "2025-02-25", "--time", "22:00")
    ok(moodlog, "took", "lorazepam", "--date", "2025-03-02", "--time", "22:00")
    ok(moodlog, "med", "change", "sertraline", "--dose", "100mg", "--date", "2025-03-03",
       "--reason", "still low")  # fmt: skip
    ok(moodlog, "med", "change", "sertraline", "--schedule", "evening", "--date", "2025-03-04")
    ok(moodlog, "med", "stop", "lithium", "--date", "2025-03-05")


def medication(
    journal_file: Path, period: Period = PERIOD, today: date = LATER
) -> MedicationRecords:
    """The records as of the end of ``today``; the journal begins with its first record."""
    with open_journal(journal_file) as journal, journal.transaction(write=False) as connection:
        first_day = first_recorded_day(connection)
        assert first_day is not None
        return load_medication_records(connection, period, due_by_end_of(today, first_day))


def therapy(journal_file: Path, period: Period = PERIOD) -> TherapyRecords:
    with open_journal(journal_file) as journal, journal.transaction(write=False) as connection:
        return load_therapy_records(connection, period)


@pytest.mark.usefixtures("medicines")
def test_adherence_per_medicine_with_doses_scheduled(journal_file: Path) -> None:
    """Sertraline: 6 days, 2 taken, 1 missed, 3 not logged. Lithium: 2 a day on 03-01 to 03-04
    (stopped on the 5th): 8, 1 taken, 1 missed, 6 not logged. Lorazepam schedules nothing."""
    found = {item.medicine: item for item in medication(journal_file).adherence}
    assert set(found) == {"sertraline", "lithium"}
    sertraline, lithium = found["sertraline"], found["lithium"]
    assert (sertraline.scheduled, sertraline.taken, sertraline.missed) == (6, 2, 1)
    assert (sertraline.not_logged, sertraline.skipped) == (3, 0)
    assert sertraline.percent == pytest.approx(100 * 2 / 6)
    assert (lithium.scheduled, lithium.taken, lithium.missed, lithium.not_logged) == (8, 1, 1, 6)


@pytest.mark.usefixtures("medicines")
def test_the_previous_period_has_its_own_adherence(journal_file: Path) -> None:
    """02-23 to 02-28, but the journal begins on 02-25 (the first lorazepam dose logged): four
    sertraline and eight lithium doses due, none logged."""
    found = {item.medicine: item for item in medication(journal_file).previous_adherence}
    assert (found["sertraline"].scheduled, found["sertraline"].not_logged) == (4, 4)
    assert (found["lithium"].scheduled, found["lithium"].percent) == (8, 0)


@pytest.mark.usefixtures("medicines")
def test_each_scheduled_dose_has_its_outcome_counted_through_today(journal_file: Path) -> None:
    outcomes = medication(journal_file).doses
    assert Counter((dose.medicine, dose.status) for dose in outcomes) == {
        ("sertraline", "taken"): 2,
        ("sertraline", "missed"): 1,
        ("sertraline", "not logged"): 3,
        ("lithium", "taken"): 1,
        ("lithium", "missed"): 1,
        ("lithium", "not logged"): 6,
    }
    so_far = medication(journal_file, today=date(2025, 3, 2)).doses
    assert {dose.day for dose in so_far} == {date(2025, 3, 1), date(2025, 3, 2)}


@pytest.mark.usefixtures("medicines")
def test_as_needed_uses_of_both_periods_with_their_dose(journal_file: Path) -> None:
    uses = medication(journal_file).prn
    assert [(use.medicine, use.day) for use in uses] == [
        ("lorazepam", date(2025, 2, 25)),
        ("lorazepam", date(2025, 3, 2)),
    ]
    assert {getattr(use, "dose", None) for use in uses} == {"0.5 mg"}


@pytest.mark.usefixtures("medicines")
def test_dose_changes_of_the_period_read_as_a_provider_writes_them(journal_file: Path) -> None:
    changes = medication(journal_file).changes
    assert [(change.day, change.label, change.reason) for change in changes] == [
        (date(2025, 3, 3), "sertraline 50→100 mg", "still low"),
        (date(2025, 3, 4), "sertraline 100 mg: morning → evening", None),
        (date(2025, 3, 5), "lithium stopped", None),
    ]


@pytest.mark.usefixtures("medicines")
def test_dose_spans_in_the_period_and_the_dose_before(journal_file: Path) -> None:
    """Moving the dose to the evening keeps the 100 mg span; lithium's two doses make 900 mg a
    day. From 03-04 on, the 50 mg span (ended 03-02, in the period before) is the dose before.
    Spans begin no earlier than the period before (02-23): lithium and the 50 mg started earlier."""
    spans = medication(journal_file).spans
    assert [(span.medicine, span.dose, str(Period(span.first, span.last))) for span in spans] == [
        ("lithium", "900 mg", "2025-02-23 to 2025-03-04"),
        ("sertraline", "50 mg", "2025-02-23 to 2025-03-02"),
        ("sertraline", "100 mg", "2025-03-03 to 2025-03-06"),
    ]
    adherence = spans[2].adherence
    assert adherence is not None
    assert (adherence.scheduled, adherence.missed, adherence.not_logged) == (4, 1, 3)
    later = medication(journal_file, Period(date(2025, 3, 4), date(2025, 3, 6)))
    assert [(span.dose, span.first) for span in later.spans if span.medicine == "sertraline"] == [
        ("50 mg", date(2025, 3, 1)),  # the period before begins on 03-01
        ("100 mg", date(2025, 3, 3)),
    ]


@pytest.mark.usefixtures("medicines")
def test_entries_are_read_back_to_the_earliest_day_a_figure_needs(journal_file: Path) -> None:
    records = medication(journal_file)
    # 28 days before the change on 03-03; the spans begin no earlier than 02-23.
    assert first_entry_day(PERIOD, records) == date(2025, 2, 3)
    without_spans = MedicationRecords(changes=records.changes)
    assert first_entry_day(PERIOD, without_spans) == date(2025, 2, 3)  # 28 days before 03-03
    assert first_entry_day(PERIOD, MedicationRecords()) == date(2025, 2, 23)


def test_therapy_records_of_the_period_and_the_one_before(moodlog: Run, journal_file: Path) -> None:
    ok(moodlog, "add", "--date", "2025-02-24", "--skill", "tipp=5")
    ok(moodlog, "add", "--date", "2025-03-02", "--skill", "opposite action=6")
    ok(moodlog, "add", "--date", "2025-03-03", "--skill", "opposite action=4")
    ok(moodlog, "session", "DBT group", "--date", "2025-02-26")
    ok(moodlog, "session", "DBT group", "--date", "2025-03-05")
    ok(moodlog, "check", "gad7", "--answers", "1,1,1,1,1,1,1", "--date", "2025-01-10")
    ok(moodlog, "check", "gad7", "--answers", "2,2,2,2,2,2,2", "--date", "2025-03-20")
    found = therapy(journal_file)
    assert [use.skill for use in found.skill_uses] == ["TIPP", "Opposite action", "Opposite action"]
    assert [session.day for session in found.sessions] == [date(2025, 2, 26), date(2025, 3, 5)]
    # Codes 6 and 4: used on both days, and it didn't help either time.
    assert [
        (r.skill, r.counts.days, r.counts.used, r.counts.not_helped) for r in found.rankings
    ] == [("Opposite action", 2, 2, 2)]
    assert [(q.title, q.total, q.band) for q in found.questionnaires] == [("GAD-7", 7, "mild")]

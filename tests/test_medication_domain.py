"""The plain-Python medication rules: doses, schedules, the regimen in force on a day, and how
logs answer scheduled doses when a schedule change was entered late."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moodlog.domain.days import Period
from moodlog.domain.doses import MISSED, SKIPPED, TAKEN, DoseLog, adherence, day_doses
from moodlog.domain.medications import (
    UNITS,
    Dose,
    Medicine,
    Regimen,
    changed_regimen,
    check_can_start,
    new_regimen,
    parse_dose,
    read_interval,
    read_slots,
    read_weekdays,
    stop_record,
)
from moodlog.errors import InvalidValue
from tests.conftest import due_by_end_of

AT = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
OCT = Period(date(2026, 10, 1), date(2026, 10, 14))
# Every dose of October 1 to 14 due: the journal began on the 1st, and the 14th is over.
ALL_OF_OCT = due_by_end_of(OCT.last, OCT.first)


@pytest.mark.parametrize(
    ("typed", "dose", "shown"),
    [
        ("50mg", Dose(50, "mg"), "50 mg"),
        ("0.5 mg", Dose(0.5, "mg"), "0.5 mg"),
        ("50MG", Dose(50, "mg"), "50 mg"),
        ("1 tablet", Dose(1, "tablet"), "1 tablet"),
        ("2 tablets", Dose(2, "tablet"), "2 tablets"),
        ("0.5 tab", Dose(0.5, "tablet"), "0.5 tablet"),
        ("2.5 ml", Dose(2.5, "ml"), "2.5 ml"),
        ("2.5mL", Dose(2.5, "ml"), "2.5 ml"),
        ("100 µg", Dose(100, "mcg"), "100 mcg"),
        ("2 patches", Dose(2, "patch"), "2 patches"),
        ("1000 IU", Dose(1000, "IU"), "1000 IU"),
        (".25mg", Dose(0.25, "mg"), "0.25 mg"),
    ],
)
def test_doses_are_an_amount_and_a_unit(typed: str, dose: Dose, shown: str) -> None:
    assert parse_dose(typed) == dose
    assert str(dose) == shown


@pytest.mark.parametrize(
    "typed",
    ["50 mgs", "mg", "50", "-5mg", "0mg", "5,5mg", "", "50 mg tablet", "fifty mg", "0.0001mg"],
)
def test_what_is_not_a_dose_is_refused_with_examples(typed: str) -> None:
    with pytest.raises(InvalidValue, match=r"dose"):
        parse_dose(typed)


@given(
    st.integers(min_value=1, max_value=1_000_000_000).map(lambda n: n / 1000),
    st.sampled_from(UNITS),
)
def test_a_dose_written_out_reads_back_the_same(amount: float, unit: str) -> None:
    dose = Dose(amount, unit)
    assert parse_dose(str(dose)) == dose


def test_slots_are_kept_in_the_order_of_the_day() -> None:
    assert [s.name for s in read_slots("bedtime,morning")] == ["morning", "bedtime"]
    assert [s.name for s in read_slots("20:00, 8:00")] == ["08:00", "20:00"]
    (morning, bedtime) = read_slots("bedtime=200mg,morning=50mg")
    assert (morning.dose, bedtime.dose) == (Dose(50, "mg"), Dose(200, "mg"))


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("morning,morning", "names morning twice"),
        ("once,morning", "'once' is a schedule of one dose"),
        ("morning,8:00", "mixes named slots and clock times"),
        ("25:00", "is not a time"),
        (",", "names no slot"),
    ],
)
def test_a_wrong_schedule_says_why(typed: str, why: str) -> None:
    with pytest.raises(InvalidValue, match=why):
        read_slots(typed)


def test_weekdays_and_intervals() -> None:
    assert read_weekdays("mon,thu") == (0, 3)
    assert read_weekdays("Thursday, Mo") == (0, 3)
    assert read_weekdays("mon,tue,wed,thu,fri,sat,sun") == ()
    assert read_interval("28d") == 28
    assert read_interval("4w") == 28
    for wrong in ("t", "s", "xyz"):
        with pytest.raises(InvalidValue, match="is not a weekday"):
            read_weekdays(wrong)
    for wrong in ("28", "0d", "monthly", "400d"):
        with pytest.raises(InvalidValue, match="is not an interval"):
            read_interval(wrong)


def test_regimens_in_words() -> None:
    def words(dose: str | None, slots: str | None = None, **kw: str) -> str:
        return new_regimen(
            "x",
            parse_dose(dose) if dose is not None else None,
            read_slots(slots) if slots is not None else None,
            read_weekdays(kw["days"]) if "days" in kw else None,
            read_interval(kw["every"]) if "every" in kw else None,
            bool(kw.get("prn")),
            date(2026, 10, 1),
            AT,
        ).describe()

    assert words("50mg") == "50 mg daily"
    assert words("50mg", "morning,bedtime") == "50 mg morning, bedtime"
    assert words(None, "morning=50mg,bedtime=200mg") == "morning 50 mg, bedtime 200 mg"
    assert words("1 tablet", days="mon,thu") == "1 tablet on Mon, Thu"
    assert words("1 tablet", "morning", days="mon") == "1 tablet morning on Mon"
    assert words("156mg", every="28d") == "156 mg every 28 days from 2026-10-01"
    assert words("0.5mg", prn="yes") == "0.5 mg as needed"


def _medicine(*records: Regimen) -> Medicine:
    """A medicine whose records were recorded in the order given."""
    history = [replace(record, id=n) for n, record in enumerate(records, 1)]
    history.sort(key=lambda record: (record.effective, record.id or 0))
    return Medicine(records[0].medicine, tuple(history))


def test_a_stop_ends_a_course_and_a_change_after_it_does_not_restart_it() -> None:
    start = new_regimen(
        "sertraline", parse_dose("50mg"), None, None, None, False, date(2026, 10, 1), AT
    )
    planned = changed_regimen(start, parse_dose("100mg"), None, None, None, date(2026, 10, 20), AT)
    course = _medicine(start, planned)
    stop = stop_record(course, date(2026, 10, 10), AT)
    stopped = _medicine(start, stop, planned)
    assert stopped.regimen_on(date(2026, 10, 9)) is not None
    assert stopped.regimen_on(date(2026, 10, 10)) is None
    assert stopped.regimen_on(date(2026, 10, 25)) is None
    assert not stopped.applies(planned)
    # Stopped, so it can be started again (the unused planned step does not hold it).
    check_can_start(stopped, date(2026, 10, 30))
    with pytest.raises(InvalidValue, match="a new start must be on or after that day"):
        check_can_start(stopped, date(2026, 10, 5))


def test_the_interval_of_a_change_counts_from_the_change() -> None:
    start = new_regimen("invega", parse_dose("156mg"), None, None, 28, False, date(2026, 9, 10), AT)
    dose_only = changed_regimen(start, parse_dose("234mg"), None, None, None, date(2026, 10, 1), AT)
    assert dose_only.schedule is not None
    assert dose_only.schedule.every_from == date(2026, 9, 10)
    moved = changed_regimen(start, None, None, None, 28, date(2026, 10, 12), AT)
    assert moved.schedule is not None
    assert moved.schedule.every_from == date(2026, 10, 12)


def _log(day: int, slot: str, status: str = TAKEN, n: int = 0) -> DoseLog:
    return DoseLog(
        "sertraline",
        date(2026, 10, day),
        status,
        AT + timedelta(minutes=n),
        slot=slot,
        id=n or None,
    )


def test_a_schedule_change_entered_late_keeps_every_logged_dose_counted() -> None:
    start = new_regimen(
        "sertraline",
        parse_dose("50mg"),
        read_slots("morning"),
        None,
        None,
        False,
        date(2026, 10, 1),
        AT,
    )
    # Logged as "morning" on 10-05; later the move to bedtime is entered, dated 10-03.
    moved = changed_regimen(start, None, read_slots("bedtime"), None, None, date(2026, 10, 3), AT)
    medicine = _medicine(start, moved)
    state = day_doses(medicine, date(2026, 10, 5), [_log(5, "morning", n=1)])
    assert [(d.scheduled.slot, d.status) for d in state.doses] == [("bedtime", TAKEN)]
    assert state.unscheduled == ()


def test_logs_beyond_a_reduced_schedule_are_kept_apart() -> None:
    start = new_regimen(
        "sertraline",
        parse_dose("50mg"),
        read_slots("morning,bedtime"),
        None,
        None,
        False,
        date(2026, 10, 1),
        AT,
    )
    reduced = changed_regimen(start, None, read_slots("morning"), None, None, date(2026, 10, 3), AT)
    medicine = _medicine(start, reduced)
    logs = [_log(5, "morning", n=1), _log(5, "bedtime", n=2)]
    counted = adherence(medicine, logs, Period(date(2026, 10, 5), date(2026, 10, 5)), ALL_OF_OCT)
    assert (counted.scheduled, counted.taken, counted.unscheduled) == (1, 1, 1)


def test_adherence_is_undefined_when_every_dose_was_skipped() -> None:
    start = new_regimen(
        "lithium", parse_dose("300mg"), None, None, None, False, date(2026, 10, 1), AT
    )
    medicine = Medicine("lithium", (start,))
    logs = [
        DoseLog("lithium", date(2026, 10, 1), SKIPPED, AT, slot="once"),
        DoseLog("lithium", date(2026, 10, 2), SKIPPED, AT, slot="once"),
    ]
    counted = adherence(medicine, logs, Period(date(2026, 10, 1), date(2026, 10, 2)), ALL_OF_OCT)
    assert (counted.scheduled, counted.skipped, counted.due, counted.percent) == (2, 2, 0, None)


def test_a_corrected_log_is_counted_once() -> None:
    start = new_regimen(
        "sertraline", parse_dose("50mg"), None, None, None, False, date(2026, 10, 1), AT
    )
    medicine = Medicine("sertraline", (start,))
    missed = _log(1, "once", MISSED, n=1)
    taken = DoseLog(
        "sertraline", date(2026, 10, 1), TAKEN, AT + timedelta(hours=1), slot="once", replaces=1
    )
    counted = adherence(
        medicine, [missed, taken], Period(date(2026, 10, 1), date(2026, 10, 1)), ALL_OF_OCT
    )
    assert (counted.scheduled, counted.taken, counted.missed) == (1, 1, 0)


def test_a_dose_change_reads_as_a_prescriber_writes_it() -> None:
    """A change of dose shows both doses; one that only moves the dose's time says the dose it
    keeps and both times; one recorded again as it was (a review that kept it, written as a
    record of its own) says it is unchanged."""
    from moodlog.domain.dose_history import dose_changes

    start = new_regimen(
        "sertraline",
        parse_dose("50mg"),
        read_slots("morning"),
        None,
        None,
        False,
        date(2026, 9, 1),
        AT,
    )
    up = changed_regimen(start, parse_dose("100mg"), None, None, None, date(2026, 10, 2), AT)
    moved = changed_regimen(up, None, read_slots("evening"), None, None, date(2026, 10, 5), AT)
    kept = replace(moved, effective=date(2026, 10, 9), reason="reviewed at appointment")
    changes = dose_changes(_medicine(start, up, moved, kept), OCT)
    assert [change.label for change in changes] == [
        "sertraline 50→100 mg",
        "sertraline 100 mg: morning → evening",
        "sertraline 100 mg evening: unchanged",
    ]

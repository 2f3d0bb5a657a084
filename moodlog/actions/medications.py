"""Medicines, dose logs and side effects: each command one transaction on the journal.

Regimen history is never rewritten: `med change` and `med stop` add dated records, and a dose
log named again by its slot is corrected by a new log that points at the old one.

A message that tells the person which value to give names it by ``labels`` (plain words unless
the command line passes its options' names).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from moodlog.actions import clock
from moodlog.actions.listing import DAILY_PERIOD, Edited, listing_period
from moodlog.actions.sign_watch import announce_signs
from moodlog.domain.days import (
    DaySpec,
    Period,
    PeriodLength,
    day_until_today,
    journal_day,
    parse_time,
    read_period_length,
    resolve_day,
)
from moodlog.domain.doses import (
    MISSED,
    SKIPPED,
    TAKEN,
    DayDoses,
    DoseLog,
    DoseState,
    adherence,
    as_needed_uses,
    current_logs,
    day_doses,
)
from moodlog.domain.entries import check_name
from moodlog.domain.listing import Listing
from moodlog.domain.medication_summaries import (
    AllTaken,
    LoggedDose,
    MedicineList,
    MedicineRemoval,
    MedicineSummary,
    RegimenChange,
    RegimenHistory,
    SideEffectLogged,
    Withdrawal,
)
from moodlog.domain.medications import (
    IN_WORDS,
    START,
    STOP,
    Dose,
    Medicine,
    MedicineLabels,
    Regimen,
    Slot,
    TypedDose,
    changed_regimen,
    check_can_start,
    check_medicine_name,
    find_medicine,
    new_regimen,
    stop_record,
    withdrawal_record,
)
from moodlog.domain.names import match_name, matching
from moodlog.domain.side_effects import SideEffect, check_resolved
from moodlog.domain.sign_records import ShownSign
from moodlog.errors import InvalidValue, NotFound
from moodlog.storage import medications as rows
from moodlog.storage.journal import Journal

LIST_PERIOD = read_period_length("30d")


# --- the regimen -----------------------------------------------------------------------------


def add_medicine(
    journal: Journal,
    name: str,
    dose: Dose | TypedDose | None,
    slots: tuple[Slot, ...] | None = None,
    weekdays: tuple[int, ...] | None = None,
    every_days: int | None = None,
    prn: bool = False,
    start: DaySpec | None = None,
    reason: str | None = None,
    now: datetime | None = None,
    labels: MedicineLabels = IN_WORDS,
) -> Regimen:
    """Put a medicine on the list from ``start`` (default today; past or future)."""
    now = clock.now(now)
    with journal.transaction() as connection:
        today = clock.today(journal, now)
        checked_name = check_medicine_name(name)
        start_day = resolve_day(start, today)
        prescribed = [slot.dose for slot in slots or ()]
        in_unit = _in_unit(dose, prescribed, checked_name, labels)
        record = new_regimen(
            checked_name, in_unit, slots, weekdays, every_days, prn, start_day, now, reason, labels
        )
        existing = [m for m in rows.load_medicines(connection) if m.key == checked_name.casefold()]
        check_can_start(existing[0] if existing else None, start_day)
        return replace(record, id=rows.insert_regimen(connection, record))


def change_medicine(
    journal: Journal,
    name: str,
    dose: Dose | TypedDose | None = None,
    slots: tuple[Slot, ...] | None = None,
    weekdays: tuple[int, ...] | None = None,
    every_days: int | None = None,
    date: DaySpec | None = None,
    reason: str | None = None,
    now: datetime | None = None,
    labels: MedicineLabels = IN_WORDS,
) -> RegimenChange:
    """A new dose or schedule from ``date`` on (default today): in the past when entered late,
    in the future for a planned titration or taper step."""
    now = clock.now(now)
    with journal.transaction() as connection:
        today = clock.today(journal, now)
        medicine = find_medicine(rows.load_medicines(connection), name)
        day = resolve_day(date, today)
        previous = medicine.regimen_on(day)
        if previous is None:
            raise InvalidValue(
                f"{medicine.why_not_on(day)}; a change on {day.isoformat()} would not apply "
                f"(to take it again, add it with 'moodlog med add {medicine.name} --start D')"
            )
        prescribed = [*_doses_of(previous), *(slot.dose for slot in slots or ())]
        in_unit = _in_unit(dose, prescribed, f"{medicine.name} on {day.isoformat()}", labels)
        record = changed_regimen(
            previous, in_unit, slots, weekdays, every_days, day, now, reason, labels
        )
        record = replace(record, id=rows.insert_regimen(connection, record))
        return RegimenChange(record, previous, medicine.planned_after(day))


def stop_medicine(
    journal: Journal,
    name: str,
    date: DaySpec | None = None,
    reason: str | None = None,
    now: datetime | None = None,
    labels: MedicineLabels = IN_WORDS,
) -> RegimenChange:
    """Stop a medicine from ``date`` on (default today): ``date`` is the first day without it.
    Refused when doses are logged on days it would no longer be taken. Records dated after the
    stop (planned steps) stay in the history but no longer apply."""
    now = clock.now(now)
    with journal.transaction() as connection:
        today = clock.today(journal, now)
        medicine = find_medicine(rows.load_medicines(connection), name)
        day = resolve_day(date, today)
        previous = medicine.regimen_on(day)
        record = stop_record(medicine, day, now, reason)
        assert previous is not None
        stopped = Medicine(medicine.name, (*medicine.history, record))
        orphaned = [
            log
            for log in rows.doses_in(connection, Period(day, max(day, today)))
            if log.medicine.casefold() == medicine.key and stopped.regimen_on(log.day) is None
        ]
        if orphaned:
            first = min(log.day for log in orphaned)
            last = max(log.day for log in orphaned)
            when = first.isoformat() + (f" to {last.isoformat()}" if last != first else "")
            raise InvalidValue(
                f"{medicine.name} has doses logged on {when}; a stop dated {day.isoformat()} "
                "means no dose from that day on. Date the stop the day after its last dose: "
                f"{labels.date} {(last + timedelta(days=1)).isoformat()}"
            )
        record = replace(record, id=rows.insert_regimen(connection, record))
        later = [r for r in medicine.history if r.effective > day and medicine.applies(r)]
        return RegimenChange(record, previous, later)


def withdraw_record(
    journal: Journal,
    name: str,
    record_id: int,
    reason: str | None = None,
    now: datetime | None = None,
) -> Withdrawal:
    """Withdraw a change or stop of the medicine entered by mistake, by a new record dated today:
    from then on it was never in force, and the history before it stands as it was."""
    now = clock.now(now)
    with journal.transaction() as connection:
        return withdraw_in(connection, name, record_id, clock.today(journal, now), now, reason)


def withdraw_in(
    connection: sqlite3.Connection,
    name: str,
    record_id: int,
    today: date,
    now: datetime,
    reason: str | None,
) -> Withdrawal:
    """Withdraw a regimen record inside the open transaction (`med change --withdraw`, and
    `moodlog undo` of a change or stop)."""
    medicine = find_medicine(rows.load_medicines(connection), name)
    record = rows.get_regimen(connection, record_id)
    withdrawal = withdrawal_record(medicine, record, today, now, reason)
    withdrawal = replace(withdrawal, id=rows.insert_regimen(connection, withdrawal))
    corrected = find_medicine(rows.load_medicines(connection), medicine.name)
    return Withdrawal(withdrawal, record, corrected.regimen_on(record.effective))


def medicine_to_remove(journal: Journal, name: str) -> MedicineRemoval:
    """A medicine about to be removed, with how many of its records would go."""
    with journal.transaction(write=False) as connection:
        medicine = find_medicine(rows.load_medicines(connection), name)
        return _removal(medicine, rows.records_of_medicine(connection, medicine))


def remove_medicine(journal: Journal, name: str) -> MedicineRemoval:
    """Remove a medicine for good: its regimen records, dose logs and side effects, their text
    overwritten in the file, not just unlinked."""
    with journal.transaction() as connection:
        medicine = find_medicine(rows.load_medicines(connection), name)
        removed = _removal(medicine, rows.delete_medicine(connection, medicine))
    journal.forget_old_versions()
    return removed


def _removal(medicine: Medicine, counts: dict[str, int]) -> MedicineRemoval:
    return MedicineRemoval(medicine, counts["regimen"], counts["doses"], counts["side_effects"])


def list_medicines(
    journal: Journal, until: DaySpec | None = None, now: datetime | None = None
) -> MedicineList:
    """The regimen in force on ``until`` (default today) and planned starts, each with its
    counts and adherence over the 30 days ending that day."""
    now = clock.now(now)
    with journal.transaction() as connection:
        rule = clock.due_rule(journal, now)
        day = resolve_day(until, rule.today)
        period = LIST_PERIOD.ending(day)
        logs = rows.doses_in(connection, period)
        summaries: list[MedicineSummary] = []
        stopped: list[tuple[Medicine, Regimen]] = []
        for medicine in rows.load_medicines(connection):
            regimen = medicine.regimen_on(day)
            planned = medicine.planned_after(day)
            if regimen is None and not any(r.kind == START for r in planned):
                stops = [r for r in medicine.records_until(day) if r.kind == STOP]
                if stops and stops[-1].effective in period:
                    stopped.append((medicine, stops[-1]))
                continue
            summaries.append(
                MedicineSummary(
                    medicine,
                    regimen,
                    adherence(medicine, logs, period, rule),
                    as_needed_uses(medicine, logs, period, rule),
                    planned,
                )
            )
        effects = [e for e in rows.all_side_effects(connection) if e.ongoing_on(day)]
        return MedicineList(day, period, summaries, stopped, effects)


def regimen_history(journal: Journal, now: datetime | None = None) -> RegimenHistory:
    """Every regimen record, dated, with reasons, and every side effect."""
    now = clock.now(now)
    with journal.transaction() as connection:
        return RegimenHistory(
            clock.today(journal, now),
            rows.all_regimen(connection),
            rows.all_side_effects(connection),
        )


# --- dose logs -------------------------------------------------------------------------------


def dose_moment(
    now: datetime, starts_at: time, day: DaySpec | None, clock: time | None
) -> tuple[date, time | None]:
    """The day a dose is logged for and the time it was taken: the day typed (default today,
    the moodlog day running now), at ``clock``; with no clock time, now when the day is today,
    else unknown. A clock time alone is within today's moodlog day, as for an entry."""
    today = journal_day(now, starts_at)
    clock_now = now.time().replace(second=0, microsecond=0)
    logged_on = day_until_today(day, today, "a dose is logged on")
    return logged_on, clock or (clock_now if logged_on == today else None)


def _day_logs(connection: sqlite3.Connection, day: date) -> list[DoseLog]:
    return rows.doses_in(connection, Period(day, day))


def _slot_key(text: str) -> str:
    """A slot as typed; a clock time in the HH:MM it is stored as."""
    return parse_time(text, "slot").strftime("%H:%M") if ":" in text else text


def _find_slot(state: DayDoses, text: str) -> DoseState:
    names = ", ".join(dose.scheduled.slot for dose in state.doses)
    return match_name(
        _slot_key(text),
        state.doses,
        "slot",
        name_of=lambda dose: dose.scheduled.slot,
        unknown=f"is not one of {state.medicine}'s doses on {state.day.isoformat()}; "
        f"its doses that day: {names}",
    )


def _not_due(medicine: Medicine, regimen: Regimen, day: date) -> InvalidValue:
    assert regimen.schedule is not None
    upcoming = regimen.schedule.next_due(day)
    following = f"; the next is on {upcoming.isoformat()}" if upcoming else ""
    return InvalidValue(
        f"{medicine.name} has no dose scheduled on {day.isoformat()} "
        f"(it is taken {regimen.schedule.when()}{following})"
    )


def _in_unit(
    dose: Dose | TypedDose | None,
    prescribed: Iterable[Dose | None],
    whose: str,
    labels: MedicineLabels,
) -> Dose | None:
    """The dose given, in the unit of the doses ``prescribed`` when typed as an amount alone
    (``--dose 25``)."""
    if isinstance(dose, TypedDose):
        return dose.in_unit_of(prescribed, whose, labels.dose)
    return dose


def _doses_of(regimen: Regimen) -> list[Dose | None]:
    """The doses a regimen prescribes: its own and its slots'."""
    slots = regimen.schedule.slots if regimen.schedule is not None else ()
    return [regimen.dose, *(slot.dose for slot in slots)]


def _differs(dose: Dose | None, prescribed: Dose | None) -> Dose | None:
    """The dose typed, kept only when it is not the one prescribed."""
    return None if dose == prescribed else dose


def _log_one(
    connection: sqlite3.Connection,
    medicines: list[Medicine],
    status: str,
    name: str,
    day: date,
    clock: time | None,
    now: datetime,
    slot: str | None = None,
    dose: Dose | TypedDose | None = None,
    reason: str | None = None,
    entry_id: int | None = None,
    labels: MedicineLabels = IN_WORDS,
) -> LoggedDose:
    medicine = find_medicine(medicines, name)
    regimen = medicine.regimen_on(day)
    if regimen is None:
        raise InvalidValue(medicine.not_taken_on(day))
    note = (" ".join(reason.split()) or None) if reason else None
    if regimen.as_needed:
        if status != TAKEN:
            raise InvalidValue(
                f"{medicine.name} is taken as needed, so no dose of it is scheduled to be "
                f"{status}; log a use with 'moodlog took {medicine.name}'"
            )
        if slot is not None:
            raise InvalidValue(f"slot {slot!r}: {medicine.name} is taken as needed, not in slots")
        in_unit = _in_unit(dose, [regimen.dose], f"{medicine.name} on {day.isoformat()}", labels)
        log = DoseLog(
            medicine.name,
            day,
            TAKEN,
            now,
            None,
            clock,
            _differs(in_unit, regimen.dose),
            note,
            entry_id,
        )
        before = _use_just_before(log, _day_logs(connection, day))
        saved = rows.insert_dose(connection, log)
        return LoggedDose(saved, medicine.name, regimen.dose, just_before=before)
    state = day_doses(medicine, day, _day_logs(connection, day))
    if not state.doses:
        raise _not_due(medicine, regimen, day)
    if slot is not None:
        target = _find_slot(state, slot)
    else:
        open_doses = [dose_state for dose_state in state.doses if dose_state.log is None]
        if not open_doses:
            logged = ", ".join(
                f"{d.scheduled.slot} {d.status}" if len(state.doses) > 1 else d.status
                for d in state.doses
            )
            raise InvalidValue(
                f"every dose of {medicine.name} scheduled on {day.isoformat()} is logged already "
                f"({logged}); to correct one, name it with {labels.slot}, e.g. {labels.slot} "
                f"{state.doses[-1].scheduled.slot}"
            )
        target = open_doses[0]
    scheduled = target.scheduled
    in_unit = _in_unit(dose, [scheduled.dose], f"{scheduled.label} on {day.isoformat()}", labels)
    if clock is None and target.log is not None and target.log.status == status == TAKEN:
        clock = target.log.time  # correcting a dose taken keeps the time it was taken
    log = DoseLog(
        medicine=medicine.name,
        day=day,
        status=status,
        recorded_at=now,
        slot=scheduled.slot,
        time=clock if status == TAKEN else None,
        dose=_differs(in_unit, scheduled.dose) if status == TAKEN else None,
        reason=note,
        entry_id=entry_id,
        replaces=target.log.id if target.log else None,
    )
    saved = rows.insert_dose(connection, log)
    return LoggedDose(saved, scheduled.label, scheduled.dose, target.log)


SLIP_WINDOW = timedelta(minutes=10)


def _moment(log: DoseLog) -> datetime:
    """When a dose was taken: its day at its time, else when it was logged."""
    if log.time is None:
        return log.recorded_at.replace(tzinfo=None)
    return datetime.combine(log.day, log.time)


def _use_just_before(log: DoseLog, day_logs: list[DoseLog]) -> DoseLog | None:
    """The latest as-needed use of the same medicine taken within a few minutes of ``log``: a
    second `took` so soon is as likely a slip as a second dose, so it is named (not refused)."""
    key = log.medicine.casefold()
    near = [
        other
        for other in day_logs
        if other.slot is None
        and other.medicine.casefold() == key
        and abs(_moment(other) - _moment(log)) <= SLIP_WINDOW
    ]
    return max(near, key=lambda other: other.id or 0, default=None)


def log_dose(
    journal: Journal,
    status: str,
    medicine: str,
    date: DaySpec | None = None,
    time: time | None = None,
    slot: str | None = None,
    dose: Dose | TypedDose | None = None,
    reason: str | None = None,
    now: datetime | None = None,
    labels: MedicineLabels = IN_WORDS,
) -> tuple[LoggedDose, list[ShownSign]]:
    """Log one dose of ``medicine`` taken, missed or skipped: the next dose of the day not yet
    logged, or the one named by ``slot`` (a dose logged already is corrected by the new log);
    with the warning signs that began to show (announced once per episode)."""
    if status not in (TAKEN, MISSED, SKIPPED):
        raise InvalidValue(f"status {status!r} is not one of taken, missed, skipped")
    now = clock.now(now)
    with journal.transaction() as connection:
        day, taken_at = dose_moment(now, clock.day_starts_at(connection), date, time)
        medicines = rows.load_medicines(connection)
        logged = _log_one(
            connection,
            medicines,
            status,
            medicine,
            day,
            taken_at,
            now,
            slot,
            dose,
            reason,
            labels=labels,
        )
        return logged, announce_signs(journal, connection, now)


def take_all(
    journal: Journal,
    date: DaySpec | None = None,
    time: time | None = None,
    slot: str | None = None,
    reason: str | None = None,
    now: datetime | None = None,
) -> tuple[AllTaken, list[ShownSign]]:
    """Mark taken every dose of the day that is due and not logged yet (all of a past day's;
    today's once their slot's time has come; as-needed medicines have none), and name those
    left because they are not due yet. With ``slot``, every dose of that slot not logged yet,
    due or not: the person says they took it. Doses logged already stay."""
    now = clock.now(now)
    with journal.transaction() as connection:
        rule = clock.due_rule(journal, now)
        day, taken_at = dose_moment(now, rule.day_starts_at, date, time)
        rule = rule.from_day(day)  # logging the day's doses makes it part of the journal
        logs = _day_logs(connection, day)
        states = [
            dose
            for medicine in rows.load_medicines(connection)
            for dose in day_doses(medicine, day, logs).doses
        ]
        if not states:
            raise InvalidValue(
                f"no dose is scheduled on {day.isoformat()}; see your medicines with "
                "'moodlog med list'"
            )
        not_due: list[DoseState] = []
        if slot is not None:
            slots = list(dict.fromkeys(dose.scheduled.slot for dose in states))
            chosen = match_name(
                _slot_key(slot),
                slots,
                "slot",
                unknown=f"is not a slot of {day.isoformat()}; the day's slots: {', '.join(slots)}",
            )
            states = [dose for dose in states if dose.scheduled.slot == chosen]
        else:
            not_due = [
                state for state in states if state.log is None and not rule.is_due(state.scheduled)
            ]
            states = [state for state in states if state not in not_due]
        note = (" ".join(reason.split()) or None) if reason else None
        logged = []
        for state in states:
            if state.log is not None:
                continue
            scheduled = state.scheduled
            log = DoseLog(
                scheduled.medicine, day, TAKEN, now, scheduled.slot, taken_at, reason=note
            )
            logged.append(
                LoggedDose(rows.insert_dose(connection, log), scheduled.label, scheduled.dose)
            )
        done = AllTaken(
            day,
            logged,
            [state for state in states if state.log is not None],
            [(state.scheduled, rule.slot_time(state.scheduled.slot)) for state in not_due],
        )
        return done, announce_signs(journal, connection, now)


def log_entry_doses(
    journal: Journal,
    day: date,
    clock: time | None,
    took: list[str],
    missed: list[str],
    entry_id: int | None,
    now: datetime,
    labels: MedicineLabels = IN_WORDS,
    answered: Sequence[tuple[str, str, str]] = (),
) -> list[LoggedDose]:
    """The doses an entry names as taken or missed, and those ``answered`` in the check-in
    (medicine, slot, taken / missed / skipped), logged inside its transaction; messages call
    the values by ``labels`` (plain words unless the command line passes its options)."""
    if not took and not missed and not answered:
        return []
    connection = journal.connection
    medicines = rows.load_medicines(connection)
    logged = [
        _log_one(
            connection, medicines, TAKEN, name, day, clock, now, entry_id=entry_id, labels=labels
        )
        for name in took
    ]
    logged += [
        _log_one(
            connection, medicines, MISSED, name, day, None, now, entry_id=entry_id, labels=labels
        )
        for name in missed
    ]
    logged += [
        _log_one(
            connection,
            medicines,
            status,
            name,
            day,
            clock if status == TAKEN else None,
            now,
            slot,
            entry_id=entry_id,
            labels=labels,
        )
        for name, slot, status in answered
    ]
    return logged


# --- side effects ----------------------------------------------------------------------------


def record_side_effect(
    journal: Journal,
    name: str,
    severity: int | None = None,
    medicine: str | None = None,
    date: DaySpec | None = None,
    resolved: DaySpec | None = None,
    now: datetime | None = None,
    labels: MedicineLabels = IN_WORDS,
) -> SideEffectLogged:
    """With ``severity``, a new side effect from ``date`` (default today), resolved already if
    ``resolved`` is given. Without it, ``resolved`` marks the open side effect of that name."""
    now = clock.now(now)
    with journal.transaction() as connection:
        today = clock.today(journal, now)
        effect_name = check_name(name, "side effect")
        med = find_medicine(rows.load_medicines(connection), medicine).name if medicine else None
        resolved_day = resolved.resolve(today) if resolved else None
        effects = rows.all_side_effects(connection)
        if severity is None:
            return _resolve(connection, effects, effect_name, med, date, resolved, today, labels)
        onset = day_until_today(date, today, "a side effect began")
        effect = SideEffect(effect_name, severity, onset, now, med, resolved_day)
        if resolved is not None and resolved_day is not None:
            check_resolved(effect, resolved_day, today, resolved.label)
        else:
            same = [
                e
                for e in effects
                if e.is_open and e.name == effect_name and (e.medicine or "") == (med or "")
            ]
            if same:
                raise InvalidValue(
                    f"{same[0].describe()} is still open; mark it resolved first with "
                    f"'moodlog side-effect {effect_name} --resolved D'"
                )
        return SideEffectLogged(
            replace(effect, id=rows.insert_side_effect(connection, effect)), False
        )


def _resolve(
    connection: sqlite3.Connection,
    effects: list[SideEffect],
    name: str,
    medicine: str | None,
    onset: DaySpec | None,
    resolved: DaySpec | None,
    today: date,
    labels: MedicineLabels,
) -> SideEffectLogged:
    # The command line refuses both first, naming its options.
    if resolved is None:
        raise InvalidValue(
            f"side effect {name!r} needs a severity for a new one, or the day it resolved"
        )
    if onset is not None:
        raise InvalidValue(
            f"{onset.label} sets when a new side effect began; to mark {name} resolved give "
            "only the day it resolved"
        )
    open_effects = [
        e for e in effects if e.is_open and (medicine is None or e.medicine == medicine)
    ]
    matches = matching(name, open_effects, lambda effect: effect.name)
    if not matches:
        listed = "; ".join(e.describe() for e in open_effects) or "none"
        raise NotFound(f"no open side effect is named {name!r} (open: {listed})")
    if len(matches) > 1:
        listed = "; ".join(e.describe() for e in matches)
        raise InvalidValue(
            f"side effect {name!r} could be {listed}; name it fully or add "
            f"{labels.medicine} MEDICINE"
        )
    effect = matches[0]
    resolved_day = resolved.resolve(today)
    check_resolved(effect, resolved_day, today, resolved.label)
    assert effect.id is not None
    rows.resolve_side_effect(connection, effect.id, resolved_day)
    return SideEffectLogged(replace(effect, resolved=resolved_day), True)


# --- correcting dose logs --------------------------------------------------------------------


def list_doses(
    journal: Journal,
    last: PeriodLength | None = None,
    since: DaySpec | None = None,
    until: DaySpec | None = None,
    medicine: str | None = None,
    now: datetime | None = None,
) -> Listing[DoseLog]:
    """The dose logs that count in a period (the last 14 days unless one is given), of one
    medicine or all; a log corrected by a later one is left out, as every figure leaves it."""
    with journal.transaction(write=False) as connection:
        period = listing_period(connection, last, since, until, DAILY_PERIOD, now)
        logs = current_logs(rows.doses_of(connection, period))
        if medicine is not None:
            key = find_medicine(rows.load_medicines(connection), medicine).key
            logs = [log for log in logs if log.medicine.casefold() == key]
    return Listing(
        period, sorted(logs, key=lambda log: (log.day, log.time or time.max, log.id or 0))
    )


def show_dose(journal: Journal, dose_id: int) -> DoseLog:
    with journal.transaction(write=False) as connection:
        return rows.get_dose(connection, dose_id)


@dataclass(frozen=True)
class DoseChanges:
    """What `moodlog dose edit` was told to change (None: keep)."""

    status: str | None = None
    day: DaySpec | None = None
    time: time | None = None
    slot: str | None = None
    dose: Dose | TypedDose | None = None
    reason: str | None = None
    clear_reason: bool = False

    def any(self) -> bool:
        given = (self.status, self.day, self.time, self.slot, self.dose, self.reason)
        return any(value is not None for value in given) or self.clear_reason


def _check_status(text: str) -> str:
    status = text.strip().lower()
    if status not in (TAKEN, MISSED, SKIPPED):
        raise InvalidValue(f"status {text!r} is not one of taken, missed, skipped")
    return status


def edit_dose(
    journal: Journal,
    dose_id: int,
    changes: DoseChanges,
    now: datetime | None = None,
    labels: MedicineLabels = IN_WORDS,
) -> Edited[DoseLog]:
    """Change a dose log in place, checked as `took`, `missed` and `skipped` check a new one:
    the medicine must be taken that day, a scheduled dose names a slot of the day not logged by
    another log, an as-needed use is always taken; only a dose taken has a time and a dose."""
    if changes.reason is not None and changes.clear_reason:
        raise InvalidValue("give --reason or --clear-reason, not both")
    now = clock.now(now)
    with journal.transaction() as connection:
        before = rows.get_dose(connection, dose_id)
        later = rows.corrected_by(connection, dose_id)
        if later is not None:
            raise InvalidValue(
                f"dose {dose_id} was corrected by dose {later}, which is the one that counts; "
                f"edit that one: moodlog dose edit {later}"
            )
        medicine = find_medicine(rows.load_medicines(connection), before.medicine)
        day = before.day
        if changes.day is not None:
            today = journal_day(now, clock.day_starts_at(connection))
            day = day_until_today(changes.day, today, "a dose is logged on")
        status = _check_status(changes.status) if changes.status is not None else before.status
        if status != TAKEN and (changes.time is not None or changes.dose is not None):
            raise InvalidValue(
                f"only a dose taken has a time and a dose; dose {dose_id} is {status}"
            )
        regimen = medicine.regimen_on(day)
        if regimen is None:
            raise InvalidValue(medicine.not_taken_on(day))
        reason = before.reason
        if changes.reason is not None:
            reason = " ".join(changes.reason.split()) or None
        if changes.clear_reason:
            reason = None
        taken_at = (changes.time or before.time) if status == TAKEN else None
        if regimen.as_needed:
            if status != TAKEN:
                raise InvalidValue(
                    f"{medicine.name} is taken as needed, so a use of it is only ever taken"
                )
            if changes.slot is not None:
                raise InvalidValue(
                    f"slot {changes.slot!r}: {medicine.name} is taken as needed, not in slots"
                )
            slot, prescribed, whose = None, regimen.dose, medicine.name
        else:
            own = {dose_id, *rows.earlier_versions(connection, before)}
            others = [log for log in _day_logs(connection, day) if log.id not in own]
            state = day_doses(medicine, day, others)
            if not state.doses:
                raise _not_due(medicine, regimen, day)
            wanted = changes.slot or before.slot
            slots = [dose.scheduled.slot for dose in state.doses]
            if changes.slot is None and wanted not in slots:
                open_doses = [dose for dose in state.doses if dose.log is None]
                wanted = (open_doses or state.doses)[0].scheduled.slot
            assert wanted is not None
            target = _find_slot(state, wanted)
            if target.log is not None:
                raise InvalidValue(
                    f"{target.scheduled.label} on {day.isoformat()} is logged already (dose "
                    f"{target.log.id}); change that one, or name another dose with {labels.slot}"
                )
            slot, prescribed = target.scheduled.slot, target.scheduled.dose
            whose = target.scheduled.label
        typed = _in_unit(changes.dose, [prescribed], f"{whose} on {day.isoformat()}", labels)
        taken_dose = (typed or before.dose) if status == TAKEN else None
        after = replace(
            before,
            day=day,
            status=status,
            slot=slot,
            time=taken_at,
            dose=_differs(taken_dose, prescribed),
            reason=reason,
        )
        if after != before:
            rows.update_dose(connection, after)
    if after.reason != before.reason:
        journal.forget_old_versions()
    return Edited(before, after)


def delete_dose(journal: Journal, dose_id: int) -> tuple[DoseLog, int]:
    """Delete a dose log for good, with the earlier logs of that dose it corrected; returns
    the log and how many earlier ones went with it."""
    with journal.transaction() as connection:
        deleted = rows.delete_dose(connection, dose_id)
    journal.forget_old_versions()
    return deleted


# --- correcting side effects -----------------------------------------------------------------


def list_side_effects(
    journal: Journal,
    last: PeriodLength | None = None,
    since: DaySpec | None = None,
    until: DaySpec | None = None,
    now: datetime | None = None,
) -> Listing[SideEffect]:
    """The side effects ongoing on some day of a period; with no period given, every one."""
    with journal.transaction(write=False) as connection:
        period = listing_period(connection, last, since, until, None, now)
        if period is None:
            return Listing(None, rows.all_side_effects(connection))
        return Listing(period, rows.side_effects_during(connection, period))


def show_side_effect(journal: Journal, effect_id: int) -> SideEffect:
    with journal.transaction(write=False) as connection:
        return rows.get_side_effect(connection, effect_id)


@dataclass(frozen=True)
class SideEffectChanges:
    """What `moodlog side-effect edit` was told to change (None: keep)."""

    name: str | None = None
    severity: int | None = None
    medicine: str | None = None
    clear_medicine: bool = False
    onset: DaySpec | None = None
    resolved: DaySpec | None = None
    ongoing: bool = False

    def any(self) -> bool:
        given = (self.name, self.severity, self.medicine, self.onset, self.resolved)
        return any(value is not None for value in given) or self.clear_medicine or self.ongoing


def edit_side_effect(
    journal: Journal, effect_id: int, changes: SideEffectChanges, now: datetime | None = None
) -> Edited[SideEffect]:
    """Change a side effect's name, severity, medicine, onset or resolved day; it resolves on
    a day from its onset to today."""
    if changes.medicine is not None and changes.clear_medicine:
        raise InvalidValue("give --med or --clear-med, not both")
    if changes.resolved is not None and changes.ongoing:
        raise InvalidValue("give --resolved or --ongoing, not both")
    now = clock.now(now)
    with journal.transaction() as connection:
        today = clock.today(journal, now)
        before = rows.get_side_effect(connection, effect_id)
        after = before
        if changes.name is not None:
            after = replace(after, name=check_name(changes.name, "side effect"))
        if changes.severity is not None:
            after = replace(after, severity=changes.severity)
        if changes.medicine is not None:
            medicines = rows.load_medicines(connection)
            after = replace(after, medicine=find_medicine(medicines, changes.medicine).name)
        if changes.clear_medicine:
            after = replace(after, medicine=None)
        if changes.onset is not None:
            after = replace(
                after, onset=day_until_today(changes.onset, today, "a side effect began")
            )
        if changes.ongoing:
            after = replace(after, resolved=None)
        if changes.resolved is not None:
            after = replace(after, resolved=changes.resolved.resolve(today))
        if after.resolved is not None:
            label = changes.resolved.label if changes.resolved else "resolved date"
            check_resolved(after, after.resolved, today, label)
        if after != before:
            rows.update_side_effect(connection, after)
    if after.name != before.name:
        journal.forget_old_versions()
    return Edited(before, after)


def delete_side_effect(journal: Journal, effect_id: int) -> SideEffect:
    """Delete a side effect for good: its name is overwritten in the file, not just unlinked."""
    with journal.transaction() as connection:
        deleted = rows.delete_side_effect(connection, effect_id)
    journal.forget_old_versions()
    return deleted

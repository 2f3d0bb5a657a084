"""Medication rows: the ``regimen``, ``doses`` and ``side_effects`` tables.

Regimen rows are only ever inserted: a change, a stop or a withdrawn change is a new row, so
the history a provider reads is the history as it was recorded (docs/schema.md). A dose logged
again by its slot is a new row that corrects the earlier one (``replaces``); `moodlog dose edit`
and `dose delete` change or remove a dose log itself.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from moodlog.domain.days import Period
from moodlog.domain.doses import DoseLog
from moodlog.domain.medications import (
    STOP,
    WEEKDAY_NAMES,
    WITHDRAW,
    Dose,
    Medicine,
    Regimen,
    Schedule,
    medicines_from,
    read_slots,
)
from moodlog.domain.side_effects import SideEffect
from moodlog.errors import NotFound
from moodlog.storage.rows import (
    all_rows,
    delete_row,
    get_row,
    insert_record,
    record_row,
    row_values,
    rows_in,
    stored,
    update_row,
)

# Column orders as moodlog reads and writes them (and as the export writes them).
REGIMEN_COLUMNS = (
    "id",
    "medicine",
    "kind",
    "effective_date",
    "dose",
    "dose_amount",
    "dose_unit",
    "schedule",
    "days",
    "every_days",
    "every_from",
    "prn",
    "reason",
    "recorded_at",
    "withdraws",
)
DOSE_COLUMNS = (
    "id",
    "medicine",
    "day",
    "slot",
    "status",
    "time",
    "dose",
    "dose_amount",
    "dose_unit",
    "reason",
    "entry_id",
    "replaces",
    "recorded_at",
)
SIDE_EFFECT_COLUMNS = (
    "id",
    "name",
    "severity",
    "medicine",
    "onset_date",
    "resolved_date",
    "recorded_at",
)


def _dose_values(dose: Dose | None) -> dict[str, Any]:
    if dose is None:
        return {"dose": None, "dose_amount": None, "dose_unit": None}
    return {"dose": str(dose), "dose_amount": dose.amount, "dose_unit": dose.unit}


def _dose(amount: float | None, unit: str | None) -> Dose | None:
    return Dose(amount, unit) if amount is not None and unit is not None else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# --- regimen ---------------------------------------------------------------------------------


def regimen_row(record: Regimen) -> dict[str, Any]:
    schedule = record.schedule
    return {
        "id": record.id,
        "medicine": record.medicine,
        "kind": record.kind,
        "effective_date": record.effective.isoformat(),
        **_dose_values(record.dose),
        "schedule": schedule.slots_text() if schedule else None,
        "days": schedule.days_text() if schedule else None,
        "every_days": schedule.every_days if schedule else None,
        "every_from": schedule.every_from.isoformat() if schedule and schedule.every_from else None,
        "prn": int(record.as_needed),
        "reason": record.reason,
        "recorded_at": record.recorded_at.isoformat(timespec="seconds"),
        "withdraws": record.withdraws,
    }


def regimen_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Regimen:
    values = dict(zip(REGIMEN_COLUMNS, row, strict=True))
    schedule: Schedule | None = None
    if values["kind"] not in (STOP, WITHDRAW):
        schedule = Schedule(
            slots=read_slots(values["schedule"]) if values["schedule"] else (),
            weekdays=tuple(
                WEEKDAY_NAMES.index(day) for day in (values["days"] or "").split(";") if day
            ),
            every_days=values["every_days"],
            every_from=_day(values["every_from"]),
            as_needed=bool(values["prn"]),
        )
    return Regimen(
        id=values["id"],
        medicine=values["medicine"],
        kind=values["kind"],
        effective=date.fromisoformat(values["effective_date"]),
        recorded_at=datetime.fromisoformat(values["recorded_at"]),
        dose=_dose(values["dose_amount"], values["dose_unit"]),
        schedule=schedule,
        reason=values["reason"],
        withdraws=values["withdraws"],
    )


def insert_regimen(connection: sqlite3.Connection, record: Regimen) -> int:
    return insert_record(connection, "regimen", regimen_row(record))


def all_regimen(connection: sqlite3.Connection) -> list[Regimen]:
    """Every regimen record, oldest first by date, then in the order recorded."""
    rows = all_rows(connection, "regimen", REGIMEN_COLUMNS, "effective_date, id")
    return [regimen_from_row(row) for row in rows]


def load_medicines(connection: sqlite3.Connection) -> list[Medicine]:
    """Every medicine ever on the list, each with its whole regimen history."""
    return medicines_from(all_regimen(connection))


def get_regimen(connection: sqlite3.Connection, record_id: int) -> Regimen:
    row = get_row(
        connection,
        "regimen",
        REGIMEN_COLUMNS,
        record_id,
        "regimen record",
        "moodlog med list --all",
    )
    return regimen_from_row(row)


# The tables whose records name a medicine (as typed, any case), in the order they are deleted.
_NAMING_A_MEDICINE = ("doses", "side_effects", "regimen")


def _ids_naming(connection: sqlite3.Connection, table: str, medicine: Medicine) -> list[int]:
    # Names match as moodlog matches them, ignoring case beyond ASCII too.
    rows = connection.execute(f"SELECT id, medicine FROM {table} WHERE medicine IS NOT NULL")
    return [int(row[0]) for row in rows if str(row[1]).casefold() == medicine.key]


def records_of_medicine(connection: sqlite3.Connection, medicine: Medicine) -> dict[str, int]:
    """How many regimen records, dose logs and side effects name the medicine, by table."""
    return {table: len(_ids_naming(connection, table, medicine)) for table in _NAMING_A_MEDICINE}


def delete_medicine(connection: sqlite3.Connection, medicine: Medicine) -> dict[str, int]:
    """Delete every record naming the medicine (secure_delete overwrites their bytes); how
    many went, by table. A record another refers to goes after it: a dose log a later one
    corrects, a regimen record a withdrawal names."""
    counts = {}
    for table in _NAMING_A_MEDICINE:
        ids = _ids_naming(connection, table, medicine)
        counts[table] = len(ids)
        newest_first = sorted(ids, reverse=True)
        for record_id in newest_first:
            delete_row(connection, table, record_id)
    return counts


# --- doses -----------------------------------------------------------------------------------


def dose_row(log: DoseLog) -> dict[str, Any]:
    return {
        "id": log.id,
        "medicine": log.medicine,
        "day": log.day.isoformat(),
        "slot": log.slot,
        "status": log.status,
        "time": log.time.strftime("%H:%M") if log.time else None,
        **_dose_values(log.dose),
        "reason": log.reason,
        "entry_id": log.entry_id,
        "replaces": log.replaces,
        "recorded_at": log.recorded_at.isoformat(timespec="seconds"),
    }


def dose_from_row(row: sqlite3.Row | tuple[Any, ...]) -> DoseLog:
    values = dict(zip(DOSE_COLUMNS, row, strict=True))
    return DoseLog(
        id=values["id"],
        medicine=values["medicine"],
        day=date.fromisoformat(values["day"]),
        slot=values["slot"],
        status=values["status"],
        time=time.fromisoformat(values["time"]) if values["time"] else None,
        dose=_dose(values["dose_amount"], values["dose_unit"]),
        reason=values["reason"],
        entry_id=values["entry_id"],
        replaces=values["replaces"],
        recorded_at=datetime.fromisoformat(values["recorded_at"]),
    )


def insert_dose(connection: sqlite3.Connection, log: DoseLog) -> DoseLog:
    """Save a dose log; returns it with its id."""
    return replace(log, id=insert_record(connection, "doses", dose_row(log)))


def doses_in(connection: sqlite3.Connection, period: Period) -> list[DoseLog]:
    """Every dose log (corrected ones too) of the period's days, in the order recorded."""
    return [dose_from_row(row) for row in rows_in(connection, "doses", DOSE_COLUMNS, period, "id")]


def get_dose(connection: sqlite3.Connection, dose_id: int) -> DoseLog:
    row = get_row(connection, "doses", DOSE_COLUMNS, dose_id, "dose", "moodlog dose list")
    return dose_from_row(row)


def doses_of(connection: sqlite3.Connection, period: Period | None) -> list[DoseLog]:
    """Every dose log of the period's days (None: ever), in the order recorded."""
    if period is None:
        return [dose_from_row(row) for row in all_rows(connection, "doses", DOSE_COLUMNS, "id")]
    return doses_in(connection, period)


def corrected_by(connection: sqlite3.Connection, dose_id: int) -> int | None:
    """The id of the log that corrects this one, if any."""
    row = connection.execute("SELECT id FROM doses WHERE replaces = ?", (dose_id,)).fetchone()
    return int(row[0]) if row else None


def earlier_versions(connection: sqlite3.Connection, log: DoseLog) -> list[int]:
    """The ids of the logs ``log`` corrects, directly or through another, newest first."""
    found: list[int] = []
    replaced = log.replaces
    while replaced is not None and replaced not in found:
        found.append(replaced)
        row = connection.execute("SELECT replaces FROM doses WHERE id = ?", (replaced,)).fetchone()
        replaced = row[0] if row else None
    return found


def update_dose(connection: sqlite3.Connection, log: DoseLog) -> None:
    """Save a changed dose log over the one with its id; the logs it corrects move to its day,
    so they stay known as corrected wherever the day is read."""
    assert log.id is not None
    values = {
        key: value
        for key, value in dose_row(log).items()
        if key in ("day", "slot", "status", "time", "dose", "dose_amount", "dose_unit", "reason")
    }
    update_row(connection, "doses", log.id, values)
    for earlier in earlier_versions(connection, log):
        update_row(connection, "doses", earlier, {"day": log.day})


def delete_dose(connection: sqlite3.Connection, dose_id: int) -> tuple[DoseLog, int]:
    """Delete a dose log and the earlier logs of that dose it corrected (else the earliest
    would count again); returns the log and how many earlier ones went with it. A log that
    corrects this one stays, and now stands alone."""
    log = get_dose(connection, dose_id)
    earlier = earlier_versions(connection, log)
    connection.execute("UPDATE doses SET replaces = NULL WHERE replaces = ?", (dose_id,))
    for gone in (dose_id, *earlier):
        delete_row(connection, "doses", gone)
    return log, len(earlier)


# --- side effects ----------------------------------------------------------------------------


def side_effect_row(effect: SideEffect) -> dict[str, Any]:
    return {
        **record_row(effect, ("id", "name", "severity", "medicine", "recorded_at")),
        "onset_date": stored(effect.onset),
        "resolved_date": stored(effect.resolved),
    }


def side_effect_from_row(row: sqlite3.Row | tuple[Any, ...]) -> SideEffect:
    values = row_values(SIDE_EFFECT_COLUMNS, row, days=("onset_date", "resolved_date"))
    onset, resolved = values.pop("onset_date"), values.pop("resolved_date")
    return SideEffect(onset=onset, resolved=resolved, **values)


def insert_side_effect(connection: sqlite3.Connection, effect: SideEffect) -> int:
    return insert_record(connection, "side_effects", side_effect_row(effect))


def all_side_effects(connection: sqlite3.Connection) -> list[SideEffect]:
    rows = all_rows(connection, "side_effects", SIDE_EFFECT_COLUMNS, "onset_date, id")
    return [side_effect_from_row(row) for row in rows]


def resolve_side_effect(connection: sqlite3.Connection, effect_id: int, resolved: date) -> None:
    """Fill in the day a side effect resolved (the one field that is filled in later)."""
    cursor = connection.execute(
        "UPDATE side_effects SET resolved_date = ? WHERE id = ? AND resolved_date IS NULL",
        (resolved.isoformat(), effect_id),
    )
    if cursor.rowcount != 1:
        raise NotFound(f"side effect {effect_id} is not open; see 'moodlog med list --all'")


def get_side_effect(connection: sqlite3.Connection, effect_id: int) -> SideEffect:
    row = get_row(
        connection,
        "side_effects",
        SIDE_EFFECT_COLUMNS,
        effect_id,
        "side effect",
        "moodlog side-effect list",
    )
    return side_effect_from_row(row)


def side_effects_during(connection: sqlite3.Connection, period: Period) -> list[SideEffect]:
    """The side effects ongoing on some day of the period, oldest onset first."""
    rows = connection.execute(
        f"SELECT {', '.join(SIDE_EFFECT_COLUMNS)} FROM side_effects WHERE onset_date <= ? "
        "AND (resolved_date IS NULL OR resolved_date >= ?) ORDER BY onset_date, id",
        (period.last.isoformat(), period.first.isoformat()),
    ).fetchall()
    return [side_effect_from_row(row) for row in rows]


def update_side_effect(connection: sqlite3.Connection, effect: SideEffect) -> None:
    """Save a changed side effect over the one with its id (its recorded_at stays)."""
    assert effect.id is not None
    values = side_effect_row(effect)
    del values["id"], values["recorded_at"]
    update_row(connection, "side_effects", effect.id, values)


def delete_side_effect(connection: sqlite3.Connection, effect_id: int) -> SideEffect:
    effect = get_side_effect(connection, effect_id)
    delete_row(connection, "side_effects", effect_id)
    return effect

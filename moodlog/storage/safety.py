"""Safety flag rows: the ``safety_flags`` table.

A flag belongs to the entry or questionnaire that raised it: it follows an edited entry and goes
with a deleted one (the foreign keys cascade).
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any

from moodlog.domain.days import Period
from moodlog.domain.safety import SafetyAlert, SafetyFlag
from moodlog.storage.rows import insert_record
from moodlog.storage.settings import get_setting

# The column order as moodlog reads and writes it: the contract of docs/schema.md.
SAFETY_FLAG_COLUMNS = (
    "id",
    "day",
    "trigger",
    "detail",
    "source",
    "entry_id",
    "questionnaire_id",
    "recorded_at",
)

_SELECT = f"SELECT {', '.join(SAFETY_FLAG_COLUMNS)} FROM safety_flags"


def _from_row(row: tuple[Any, ...]) -> SafetyFlag:
    values = dict(zip(SAFETY_FLAG_COLUMNS, row, strict=True))
    return SafetyFlag(
        id=values["id"],
        day=date.fromisoformat(values["day"]),
        trigger=values["trigger"],
        detail=values["detail"],
        source=values["source"],
        entry_id=values["entry_id"],
        questionnaire_id=values["questionnaire_id"],
        recorded_at=datetime.fromisoformat(values["recorded_at"]),
    )


def insert_flag(connection: sqlite3.Connection, flag: SafetyFlag) -> int:
    values = (
        flag.day.isoformat(),
        flag.trigger,
        flag.detail,
        flag.source,
        flag.entry_id,
        flag.questionnaire_id,
        flag.recorded_at.isoformat(timespec="seconds"),
    )
    flag.id = insert_record(
        connection, "safety_flags", dict(zip(SAFETY_FLAG_COLUMNS[1:], values, strict=True))
    )
    return flag.id


def safety_alert(connection: sqlite3.Connection, flags: list[SafetyFlag]) -> SafetyAlert | None:
    """The alert to show at once for flags a command just raised, with the person's
    ``crisis-resources``; None when there are none."""
    if not flags:
        return None
    return SafetyAlert(tuple(flags), get_setting(connection, "crisis-resources"))


def flags_of_entry(connection: sqlite3.Connection, entry_id: int) -> list[SafetyFlag]:
    rows = connection.execute(f"{_SELECT} WHERE entry_id = ? ORDER BY id", (entry_id,))
    return [_from_row(row) for row in rows.fetchall()]


def replace_flags_of_entry(
    connection: sqlite3.Connection, entry_id: int, flags: list[SafetyFlag]
) -> list[SafetyFlag]:
    """Make the entry's stored flags what its answers now raise. A flag that says the same as
    before keeps its first recorded-at time. Returns the stored flags."""
    before = {(flag.trigger, flag.detail): flag for flag in flags_of_entry(connection, entry_id)}
    connection.execute("DELETE FROM safety_flags WHERE entry_id = ?", (entry_id,))
    for flag in flags:
        earlier = before.get((flag.trigger, flag.detail))
        if earlier is not None:
            flag.recorded_at = earlier.recorded_at
        insert_flag(connection, flag)
    return flags


def safety_flags_in(connection: sqlite3.Connection, period: Period) -> list[SafetyFlag]:
    """Every safety flag of the period, oldest first (for the report)."""
    rows = connection.execute(
        f"{_SELECT} WHERE day BETWEEN ? AND ? ORDER BY day, recorded_at, id",
        (period.first.isoformat(), period.last.isoformat()),
    )
    return [_from_row(row) for row in rows.fetchall()]

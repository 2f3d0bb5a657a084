"""Safety flag rows: the ``safety_flags`` table.

A flag belongs to the entry or questionnaire that raised it: it follows an edited entry and goes
with a deleted one (the foreign keys cascade).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from moodlog.domain.days import Period
from moodlog.domain.safety import SafetyAlert, SafetyFlag
from moodlog.storage.rows import row_values, rows_in, save_record
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
    return SafetyFlag(**row_values(SAFETY_FLAG_COLUMNS, row))


def insert_flag(connection: sqlite3.Connection, flag: SafetyFlag) -> int:
    return save_record(connection, "safety_flags", flag, SAFETY_FLAG_COLUMNS)


def safety_alert(connection: sqlite3.Connection, flags: list[SafetyFlag]) -> SafetyAlert | None:
    """The alert to show at once for flags a command just raised, with the person's
    ``crisis-resources``; None when there are none."""
    if not flags:
        return None
    return SafetyAlert(tuple(flags), get_setting(connection, "crisis-resources"))


def flags_of_entry(connection: sqlite3.Connection, entry_id: int) -> list[SafetyFlag]:
    rows = connection.execute(f"{_SELECT} WHERE entry_id = ? ORDER BY id", (entry_id,))
    return [_from_row(row) for row in rows.fetchall()]


def flags_of_questionnaire(
    connection: sqlite3.Connection, questionnaire_id: int
) -> list[SafetyFlag]:
    rows = connection.execute(
        f"{_SELECT} WHERE questionnaire_id = ? ORDER BY id", (questionnaire_id,)
    )
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
    rows = rows_in(connection, "safety_flags", SAFETY_FLAG_COLUMNS, period, "day, recorded_at, id")
    return [_from_row(row) for row in rows]

"""The journal's tables as export and import see them: each table's columns in order (the
contract of docs/csv.md, the same as docs/schema.md), the column a period is chosen by, and raw
reads and writes of rows.

Rows are read and written exactly as SQLite holds them, without going through the records of
the domain, so an export is what the journal holds and a restore puts back just that.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from moodlog.storage import driver
from moodlog.storage.appointments import APPOINTMENT_COLUMNS, QUESTION_COLUMNS
from moodlog.storage.entries import ENTRY_COLUMNS, entry_row
from moodlog.storage.medications import (
    DOSE_COLUMNS,
    REGIMEN_COLUMNS,
    SIDE_EFFECT_COLUMNS,
    dose_row,
    regimen_row,
    side_effect_row,
)
from moodlog.storage.questionnaires import QUESTIONNAIRE_COLUMNS, questionnaire_row
from moodlog.storage.rows import record_row
from moodlog.storage.safety import SAFETY_FLAG_COLUMNS
from moodlog.storage.therapy import SESSION_COLUMNS, SKILL_COLUMNS, SKILL_USE_COLUMNS
from moodlog.storage.warning_signs import EPISODE_COLUMNS, WARNING_SIGN_COLUMNS

SETTING_COLUMNS = ("key", "value")
SCALE_COLUMNS = ("name", "min", "max", "description", "preset")


@dataclass(frozen=True)
class Table:
    """One table of the journal: its columns in export order, the date column a period is
    chosen by (None: the table is exported whole), and the order of its rows."""

    name: str
    columns: tuple[str, ...]
    dated_by: str | None
    order: str = "id"


# Every table a whole-journal export holds, in the order a restore writes them (a table comes
# after the ones its rows refer to).
JOURNAL_TABLES: tuple[Table, ...] = (
    Table("settings", SETTING_COLUMNS, None, "key"),
    Table("scales", SCALE_COLUMNS, None, "rowid"),
    Table("skills", SKILL_COLUMNS, None, "rowid"),
    Table("entries", ENTRY_COLUMNS, "day"),
    Table("questionnaires", QUESTIONNAIRE_COLUMNS, "day"),
    Table("safety_flags", SAFETY_FLAG_COLUMNS, "day"),
    Table("regimen", REGIMEN_COLUMNS, "effective_date"),
    Table("doses", DOSE_COLUMNS, "day"),
    Table("side_effects", SIDE_EFFECT_COLUMNS, "onset_date"),
    Table("skill_uses", SKILL_USE_COLUMNS, "day"),
    Table("sessions", SESSION_COLUMNS, "day"),
    Table("appointments", APPOINTMENT_COLUMNS, "day"),
    Table("questions", QUESTION_COLUMNS, "asked_on"),
    Table("warning_signs", WARNING_SIGN_COLUMNS, None),
    Table("warning_sign_episodes", EPISODE_COLUMNS, "first_day"),
)
TABLES = {table.name: table for table in JOURNAL_TABLES}

# The one-row-per-record tables `moodlog export --table` offers (docs/csv.md lists them).
RECORD_TABLES = (
    "entries",
    "doses",
    "regimen",
    "skill_uses",
    "sessions",
    "questionnaires",
    "side_effects",
    "appointments",
    "questions",
    "warning_signs",
)


def _scale_row(scale: Any) -> dict[str, Any]:
    return {
        "name": scale.name,
        "min": scale.low,
        "max": scale.high,
        "description": scale.description,
        "preset": scale.preset,
    }


def _skill_row(skill: Any) -> dict[str, Any]:
    return {**record_row(skill, SKILL_COLUMNS), "built_in": int(skill.built_in)}


# How a record of the domain becomes its row, for the tables whose columns are not simply its
# attributes.
_ROWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "scales": _scale_row,
    "skills": _skill_row,
    "entries": entry_row,
    "questionnaires": questionnaire_row,
    "regimen": regimen_row,
    "doses": dose_row,
    "side_effects": side_effect_row,
}


def record_values(table: str, record: Any) -> dict[str, Any]:
    """A record of ``table`` as its row holds it and the export writes it: each column, in the
    table's order, to its value (days and moments as ISO text)."""
    columns = TABLES[table].columns
    row = _ROWS[table](record) if table in _ROWS else record_row(record, columns)
    return {column: row[column] for column in columns}


def read_rows(
    connection: sqlite3.Connection,
    table: Table,
    first: date | None = None,
    last: date | None = None,
) -> list[tuple[Any, ...]]:
    """The table's rows as stored, in its column order, oldest id first; with ``first`` or
    ``last``, only those whose date column falls in that range (both days included)."""
    where: list[str] = []
    parameters: list[str] = []
    if table.dated_by is not None:
        if first is not None:
            where.append(f"{table.dated_by} >= ?")
            parameters.append(first.isoformat())
        if last is not None:
            where.append(f"{table.dated_by} <= ?")
            parameters.append(last.isoformat())
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    sql = f"SELECT {', '.join(table.columns)} FROM {table.name}{clause} ORDER BY {table.order}"
    return connection.execute(sql, parameters).fetchall()


@dataclass(frozen=True)
class Column:
    """A column as the journal declares it: its type, whether it may be empty when a row is
    written, and whether it is the key rows are found by (an id SQLite can choose, or a
    name)."""

    name: str
    type: str  # INTEGER, REAL or TEXT
    required: bool
    key: bool = False


def declared_columns(connection: sqlite3.Connection, table: Table) -> dict[str, Column]:
    columns = {}
    for _, name, kind, not_null, _, primary_key in connection.execute(
        f"PRAGMA table_info({table.name})"
    ):
        columns[name] = Column(
            name, str(kind).upper(), bool(not_null) and not primary_key, bool(primary_key)
        )
    return columns


# Rows a journal holds from its making rather than from the person: the FHIR namespace.
_MADE_WITH_THE_JOURNAL = {"settings": " WHERE key <> 'fhir.id-namespace'"}


def row_counts(connection: sqlite3.Connection) -> dict[str, int]:
    """How many rows each table of the journal holds, for the tables that hold any; a row every
    new journal holds (its FHIR namespace) does not count."""
    counts = {}
    for table in JOURNAL_TABLES:
        where = _MADE_WITH_THE_JOURNAL.get(table.name, "")
        sql = f"SELECT count(*) FROM {table.name}{where}"
        count = int(connection.execute(sql).fetchone()[0])
        if count:
            counts[table.name] = count
    return counts


def _insert_sql(table: Table, columns: Sequence[str]) -> str:
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})"


def insert_row(
    connection: sqlite3.Connection, table: Table, columns: Sequence[str], values: Sequence[Any]
) -> None:
    """Write one row as given (ids included). Raises an integrity error (storage/driver.py)
    when the journal's checks refuse it; the transaction goes on without it."""
    connection.execute(_insert_sql(table, columns), tuple(values))


def insert_rows(
    connection: sqlite3.Connection,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> list[tuple[int, Exception]]:
    """Write the rows as given (ids included): at once when the journal's checks accept them
    all, else row by row, to say which rows it refuses (index, error). Rows it accepts stay
    written; the caller rolls the transaction back when any was refused."""
    savepoint = f"insert_{table.name}"
    connection.execute(f"SAVEPOINT {savepoint}")
    try:
        connection.executemany(_insert_sql(table, columns), rows)
    except driver.INTEGRITY_ERRORS:
        connection.execute(f"ROLLBACK TO {savepoint}")
    else:
        connection.execute(f"RELEASE {savepoint}")
        return []
    connection.execute(f"RELEASE {savepoint}")
    refused = []
    for index, row in enumerate(rows):
        try:
            insert_row(connection, table, columns, row)
        except driver.INTEGRITY_ERRORS as error:
            refused.append((index, error))
    return refused


def defer_reference_checks(connection: sqlite3.Connection) -> None:
    """Check references (a dose's entry_id, a flag's questionnaire_id) when asked, not row by
    row, so rows can be written in any order within this transaction."""
    connection.execute("PRAGMA defer_foreign_keys = ON")


def broken_references(
    connection: sqlite3.Connection, tables: Iterable[str]
) -> list[tuple[str, int, str]]:
    """Rows of ``tables`` that refer to a row no table holds: (table, id, column)."""
    problems = []
    for name in tables:
        # foreign_key_list rows: id, seq, parent table, column, ...
        column_of = {
            row[0]: str(row[3]) for row in connection.execute(f"PRAGMA foreign_key_list({name})")
        }
        for table, rowid, _, key in connection.execute(f"PRAGMA foreign_key_check({name})"):
            problems.append((str(table), int(rowid), column_of[key]))
    return problems


def highest_id_given(connection: sqlite3.Connection, table: Table) -> int:
    """The highest id the table has ever given, to a record still there or deleted (0 for
    none); a new record gets a higher one (docs/schema.md, "Ids are never reused")."""
    row = connection.execute(
        "SELECT seq FROM sqlite_sequence WHERE name = ?", (table.name,)
    ).fetchone()
    return int(row[0]) if row else 0


def schema_steps(connection: sqlite3.Connection) -> list[str]:
    """The schema steps (migrations) this journal has taken, in order."""
    return [
        row[0] for row in connection.execute("SELECT name FROM schema_migrations ORDER BY name")
    ]

"""The undo history: what the last changes made, so `moodlog undo` can take them back
(docs/corrections.md; what it keeps and for how long: docs/privacy.md).

A command that changes records runs its write transaction with TEMP triggers on every record
table (made inside that transaction, gone with it; a TEMP trigger lives in this connection
only, so another program writing to the journal records nothing). They note each row the
command added, the values it replaced in a row it changed, and the whole of a row it removed
while editing. A command that deletes records runs instead with triggers that drop from the
history every change that touched a row it deleted or changed, so a deletion keeps no copy.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

KEPT_CHANGES = 20
KEPT_FOR = timedelta(days=7)

# Tables of moodlog's own bookkeeping, which no command's change is about.
_NOT_RECORDS = ("schema_migrations", "last_check", "undo_changes", "undo_rows")
# A row removed while editing refers to its parent by these columns: a deleted parent takes
# such a change with it.
_PARENT_COLUMNS = {"entries": "entry_id", "questionnaires": "questionnaire_id"}


@dataclass(frozen=True)
class Change:
    """One change in the history: when, by which command (its words, no values typed)."""

    id: int
    made_at: datetime
    command: str


@dataclass(frozen=True)
class TouchedRow:
    """A row a change touched: ``what`` is added, changed or removed; ``old_values`` the values
    it replaced (changed) or the whole row (removed), by column."""

    table: str
    key: int
    what: str
    old_values: dict[str, Any]


def record_tables(connection: sqlite3.Connection) -> dict[str, list[str]]:
    """The record tables and their columns, as the journal has them now."""
    marks = ", ".join("?" for _ in _NOT_RECORDS)
    tables: dict[str, list[str]] = {}
    for table, column in connection.execute(
        "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p "
        f"WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN ({marks}) "
        "ORDER BY m.name, p.cid",
        _NOT_RECORDS,
    ):
        tables.setdefault(table, []).append(column)
    return tables


def start_change(
    connection: sqlite3.Connection,
    command: str,
    now: datetime,
    change: int | None = None,
    only_adds: bool = False,
) -> int:
    """A new change in the history (or the command's ``change`` again, for its next write
    transaction), and the triggers that note what this transaction does to every record table
    under it; for a command that ``only_adds`` rows, the triggers of added rows alone. Returns
    the change's id."""
    known = (
        change is not None
        and connection.execute("SELECT 1 FROM undo_changes WHERE id = ?", (change,)).fetchone()
    )
    if not known:
        cursor = connection.execute(
            "INSERT INTO undo_changes (made_at, command) VALUES (?, ?)",
            (now.isoformat(timespec="seconds"), command),
        )
        change = cursor.lastrowid
    assert change is not None
    for table, columns in record_tables(connection).items():
        _recording_triggers(connection, change, table, columns, only_adds)
    return change


def _merged(older: str, newer: str) -> str:
    """JSON of the values of ``older`` (noted first, so the oldest) over those of ``newer``."""
    return (
        "(SELECT json_group_object(key, value) FROM ("
        f"SELECT key, value FROM json_each({newer}) WHERE key NOT IN "
        f"(SELECT key FROM json_each({older})) "
        f"UNION ALL SELECT key, value FROM json_each({older})))"
    )


def _recording_triggers(
    connection: sqlite3.Connection, change: int, table: str, columns: list[str], only_adds: bool
) -> None:
    name = f"undo_{table}"
    quoted = f'"{table}"'
    whole = "json_object(" + ", ".join(f"'{c}', OLD.\"{c}\"" for c in columns) + ")"
    replaced = (
        "(SELECT json_group_object(k, v) FROM ("
        + " UNION ALL ".join(
            f'SELECT \'{c}\' AS k, OLD."{c}" AS v WHERE OLD."{c}" IS NOT NEW."{c}"' for c in columns
        )
        + "))"
    )
    this_row = f"change_id = {change} AND table_name = '{table}'"
    connection.execute(
        f"CREATE TEMP TRIGGER {name}_added AFTER INSERT ON main.{quoted} BEGIN "
        "INSERT INTO undo_rows (change_id, table_name, row_key, what) "
        f"VALUES ({change}, '{table}', NEW.rowid, 'added') "
        "ON CONFLICT (change_id, table_name, row_key) DO NOTHING; END"
    )
    if only_adds:
        return
    connection.execute(
        f"CREATE TEMP TRIGGER {name}_changed AFTER UPDATE ON main.{quoted} BEGIN "
        "INSERT INTO undo_rows (change_id, table_name, row_key, what, old_values) "
        f"VALUES ({change}, '{table}', OLD.rowid, 'changed', {replaced}) "
        "ON CONFLICT (change_id, table_name, row_key) DO UPDATE SET old_values = "
        f"{_merged('undo_rows.old_values', 'excluded.old_values')} "
        "WHERE undo_rows.what = 'changed'; END"
    )
    connection.execute(
        f"CREATE TEMP TRIGGER {name}_removed AFTER DELETE ON main.{quoted} BEGIN "
        "INSERT INTO undo_rows (change_id, table_name, row_key, what, old_values) "
        f"SELECT {change}, '{table}', OLD.rowid, 'removed', {whole} WHERE NOT EXISTS ("
        f"SELECT 1 FROM undo_rows WHERE {this_row} AND row_key = OLD.rowid AND what = 'added') "
        "ON CONFLICT (change_id, table_name, row_key) DO UPDATE SET what = 'removed', "
        f"old_values = {_merged('undo_rows.old_values', 'excluded.old_values')}; "
        f"DELETE FROM undo_rows WHERE {this_row} AND row_key = OLD.rowid AND what = 'added'; "
        "END"
    )


def start_forgetting(connection: sqlite3.Connection) -> None:
    """Triggers for a transaction that is not a change to take back (a deletion): a row it
    deletes or changes takes every change that touched it out of the history, old values and
    all. Nothing is made when the history is empty."""
    if connection.execute("SELECT 1 FROM undo_changes LIMIT 1").fetchone() is None:
        return
    for table in record_tables(connection):
        touched = (
            f"SELECT change_id FROM undo_rows WHERE table_name = '{table}' AND row_key = OLD.rowid"
        )
        parent = _PARENT_COLUMNS.get(table)
        if parent:
            touched += (
                " UNION SELECT change_id FROM undo_rows WHERE what = 'removed' "
                f"AND json_extract(old_values, '$.{parent}') = OLD.rowid"
            )
        for event in ("DELETE", "UPDATE"):
            connection.execute(
                f"CREATE TEMP TRIGGER forget_{table}_{event.lower()} AFTER {event} "
                f'ON main."{table}" BEGIN DELETE FROM undo_changes WHERE id IN ({touched}); END'
            )


def stop_triggers(connection: sqlite3.Connection) -> None:
    """Drop this transaction's triggers (they would outlive it in the connection otherwise)."""
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM temp.sqlite_master WHERE type = 'trigger' "
            "AND (name LIKE 'undo\\_%' ESCAPE '\\' OR name LIKE 'forget\\_%' ESCAPE '\\')"
        )
    ]
    for name in names:
        connection.execute(f'DROP TRIGGER temp."{name}"')


def end_change(connection: sqlite3.Connection, change: int, now: datetime) -> bool:
    """Close the change: dropped when it touched nothing; then keep only the last
    :data:`KEPT_CHANGES` changes of the last :data:`KEPT_FOR`. True when values an edit
    replaced left the history, so the file's old copies of them should be forgotten."""
    stop_triggers(connection)
    if not connection.execute("SELECT 1 FROM undo_rows WHERE change_id = ?", (change,)).fetchone():
        connection.execute("DELETE FROM undo_changes WHERE id = ?", (change,))
    oldest = (now - KEPT_FOR).isoformat(timespec="seconds")
    old = (
        "SELECT id FROM undo_changes WHERE made_at < ? OR id NOT IN "
        f"(SELECT id FROM undo_changes ORDER BY id DESC LIMIT {KEPT_CHANGES})"
    )
    held_text = connection.execute(
        f"SELECT 1 FROM undo_rows WHERE old_values IS NOT NULL AND change_id IN ({old}) LIMIT 1",
        (oldest,),
    ).fetchone()
    connection.execute(f"DELETE FROM undo_changes WHERE id IN ({old})", (oldest,))
    return held_text is not None


def last_change(connection: sqlite3.Connection) -> tuple[Change, list[TouchedRow]] | None:
    """The newest change in the history and the rows it touched, in the order it touched them;
    None when the history is empty."""
    row = connection.execute(
        "SELECT id, made_at, command FROM undo_changes ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    change = Change(row[0], datetime.fromisoformat(row[1]), row[2])
    touched = [
        TouchedRow(table, key, what, json.loads(old) if old else {})
        for table, key, what, old in connection.execute(
            "SELECT table_name, row_key, what, old_values FROM undo_rows "
            "WHERE change_id = ? ORDER BY id",
            (change.id,),
        )
    ]
    return change, touched


def current_row(connection: sqlite3.Connection, table: str, key: int) -> dict[str, Any] | None:
    """The row of ``table`` with rowid ``key`` as it is now, by column; None when it is gone."""
    cursor = connection.execute(f'SELECT * FROM "{table}" WHERE rowid = ?', (key,))
    row = cursor.fetchone()
    if row is None:
        return None
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


def take_back(connection: sqlite3.Connection, row: TouchedRow) -> None:
    """Take back what a change did to one row: an added row goes, a changed one gets its
    replaced values back, a removed one comes back as it was, with its key."""
    table = f'"{row.table}"'
    if row.what == "added":
        connection.execute(f"DELETE FROM {table} WHERE rowid = ?", (row.key,))
    elif row.what == "changed":
        if row.old_values:
            assignments = ", ".join(f'"{column}" = ?' for column in row.old_values)
            connection.execute(
                f"UPDATE {table} SET {assignments} WHERE rowid = ?",
                (*row.old_values.values(), row.key),
            )
    else:
        values = {k: v for k, v in row.old_values.items() if k != "id"}
        columns = ", ".join(["rowid", *(f'"{column}"' for column in values)])
        marks = ", ".join("?" for _ in range(len(values) + 1))
        connection.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", (row.key, *values.values())
        )


def defer_references(connection: sqlite3.Connection) -> None:
    """Check references when the transaction commits, not row by row (a parent row comes back
    after the rows that name it)."""
    connection.execute("PRAGMA defer_foreign_keys = ON")


def forget_change(connection: sqlite3.Connection, change: int) -> None:
    """Take a change out of the history (it was taken back)."""
    connection.execute("DELETE FROM undo_changes WHERE id = ?", (change,))


def forget_all(connection: sqlite3.Connection) -> int:
    """Empty the history; returns how many changes it held."""
    count = int(connection.execute("SELECT count(*) FROM undo_changes").fetchone()[0])
    connection.execute("DELETE FROM undo_changes")
    return count


# A medicine's regimen records that were never in force: withdrawals, and what they withdrew.
_WITHDRAWN_HISTORY = (
    "FROM regimen WHERE medicine = ?1 COLLATE NOCASE AND (kind = 'withdraw' OR id IN "
    "(SELECT withdraws FROM regimen WHERE withdraws IS NOT NULL))"
)


def records_naming_medicine(connection: sqlite3.Connection, medicine: str, start: int) -> int:
    """How many records other than its start ``start`` name ``medicine``: regimen records in
    force (a withdrawn change, and its withdrawal, never were), dose logs, side effects."""
    count = connection.execute(
        "SELECT (SELECT count(*) FROM regimen WHERE medicine = ?1 COLLATE NOCASE "
        f"AND id != ?2 AND id NOT IN (SELECT id {_WITHDRAWN_HISTORY})) "
        "+ (SELECT count(*) FROM doses WHERE medicine = ?1 COLLATE NOCASE) "
        "+ (SELECT count(*) FROM side_effects WHERE medicine = ?1 COLLATE NOCASE)",
        (medicine, start),
    ).fetchone()[0]
    return int(count)


def remove_withdrawn_history(connection: sqlite3.Connection, medicine: str) -> None:
    """Remove a medicine's withdrawals and the records they withdrew, with the medicine itself
    going (as `moodlog med remove` removes every record of a medicine)."""
    withdrawn = [
        row[0]
        for row in connection.execute(
            "SELECT withdraws FROM regimen WHERE medicine = ? COLLATE NOCASE AND kind = 'withdraw'",
            (medicine,),
        )
    ]
    connection.execute(
        "DELETE FROM regimen WHERE medicine = ? COLLATE NOCASE AND kind = 'withdraw'",
        (medicine,),
    )
    connection.executemany("DELETE FROM regimen WHERE id = ?", [(key,) for key in withdrawn])

"""Writing and reading one record's row: the one INSERT every table's module uses, and the
conversions between a record's values and its columns that the record tables share."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol

from moodlog.domain.days import Period
from moodlog.errors import NotFound


class Record(Protocol):
    """A record saved as one row; ``id`` is None until it is saved."""

    id: int | None


def insert_record(connection: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    """Insert ``row`` (column -> value; an ``id`` key is left to SQLite) into ``table``;
    returns the new row's id."""
    values = {name: value for name, value in row.items() if name != "id"}
    columns = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    cursor = connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def stored(value: object) -> object:
    """A value as its column holds it: a moment in ISO 8601 to the second, a day as its ISO
    date, anything else as it is."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def record_row(record: object, columns: Sequence[str]) -> dict[str, Any]:
    """The row of a record whose attributes are named as its table's ``columns``."""
    return {name: stored(getattr(record, name)) for name in columns}


def save_record(
    connection: sqlite3.Connection, table: str, record: Record, columns: Sequence[str]
) -> int:
    """Insert a record whose attributes are named as ``table``'s ``columns``; the record gets
    its new id, which is returned."""
    record.id = insert_record(connection, table, record_row(record, columns))
    return record.id


def row_values(
    columns: Sequence[str], row: Sequence[Any], days: Sequence[str] = ("day",)
) -> dict[str, Any]:
    """A row's values by column, the ``days`` columns (when filled) read back as dates and
    ``recorded_at`` as the moment it is."""
    values = dict(zip(columns, row, strict=True))
    for name in days:
        values[name] = date.fromisoformat(values[name]) if values[name] else None
    values["recorded_at"] = datetime.fromisoformat(values["recorded_at"])
    return values


def rows_in(
    connection: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    period: Period,
    order: str = "day, id",
) -> list[tuple[Any, ...]]:
    """The ``columns`` of the rows of ``table`` whose day is in the period, in ``order``."""
    return connection.execute(
        f"SELECT {', '.join(columns)} FROM {table} WHERE day BETWEEN ? AND ? ORDER BY {order}",
        (period.first.isoformat(), period.last.isoformat()),
    ).fetchall()


def all_rows(
    connection: sqlite3.Connection, table: str, columns: Sequence[str], order: str
) -> list[tuple[Any, ...]]:
    """The ``columns`` of every row of ``table``, in ``order``."""
    return connection.execute(
        f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"
    ).fetchall()


def get_row(
    connection: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    record_id: int,
    kind: str,
    listed_by: str,
) -> tuple[Any, ...]:
    """The ``columns`` of the row of ``table`` with ``record_id``; a record that is not there
    is refused, naming the ``kind`` of record and the command ``listed_by`` that lists ids."""
    row: tuple[Any, ...] | None = connection.execute(
        f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?", (record_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"{kind} {record_id} is not in the journal; '{listed_by}' shows the ids")
    return row


def update_row(
    connection: sqlite3.Connection, table: str, record_id: int, values: dict[str, Any]
) -> None:
    """Set the columns of ``values`` (column -> value, as :func:`stored` keeps it) in the row of
    ``table`` with ``record_id``."""
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    connection.execute(
        f"UPDATE {table} SET {assignments} WHERE id = :id",
        {**{name: stored(value) for name, value in values.items()}, "id": record_id},
    )


def delete_row(connection: sqlite3.Connection, table: str, record_id: int) -> None:
    """Delete the row of ``table`` with ``record_id`` (secure_delete overwrites its bytes)."""
    connection.execute(f"DELETE FROM {table} WHERE id = ?", (record_id,))

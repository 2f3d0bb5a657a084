"""Writing one record's row: the one INSERT every table's module uses."""

from __future__ import annotations

import sqlite3
from typing import Any


def insert_record(connection: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    """Insert ``row`` (column -> value; an ``id`` key is left to SQLite) into ``table``;
    returns the new row's id."""
    values = {name: value for name, value in row.items() if name != "id"}
    columns = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    cursor = connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)
    assert cursor.lastrowid is not None
    return cursor.lastrowid

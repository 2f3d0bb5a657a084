"""Warning-sign rows: the ``warning_signs`` table, and ``warning_sign_episodes``, the episodes
of a sign already announced (docs/schema.md)."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from moodlog.domain.entries import split_pairs
from moodlog.domain.names import name_key
from moodlog.domain.warning_signs import WarningSign
from moodlog.storage.rows import all_rows, delete_row, get_row, row_values, save_record, update_row

WARNING_SIGN_COLUMNS = ("id", "name", "rule", "plan", "preset", "recorded_at")
EPISODE_COLUMNS = ("id", "sign_id", "first_day", "rule", "announced_at", "note")


def _sign(row: tuple[Any, ...]) -> WarningSign:
    return WarningSign(**row_values(WARNING_SIGN_COLUMNS, row, days=()))


def insert_sign(connection: sqlite3.Connection, sign: WarningSign) -> int:
    return save_record(connection, "warning_signs", sign, WARNING_SIGN_COLUMNS)


def list_signs(connection: sqlite3.Connection) -> list[WarningSign]:
    return [_sign(row) for row in all_rows(connection, "warning_signs", WARNING_SIGN_COLUMNS, "id")]


def get_sign(connection: sqlite3.Connection, sign_id: int) -> WarningSign:
    row = get_row(
        connection,
        "warning_signs",
        WARNING_SIGN_COLUMNS,
        sign_id,
        "warning sign",
        "moodlog warn list",
    )
    return _sign(row)


def update_sign(connection: sqlite3.Connection, sign: WarningSign) -> None:
    """Save a changed sign over the one with its id (its recorded_at stays)."""
    assert sign.id is not None
    values = {"name": sign.name, "rule": sign.rule, "plan": sign.plan, "preset": sign.preset}
    update_row(connection, "warning_signs", sign.id, values)


def delete_sign(connection: sqlite3.Connection, sign_id: int) -> WarningSign:
    """Delete a sign for good, with the episodes announced for it."""
    sign = get_sign(connection, sign_id)
    delete_row(connection, "warning_signs", sign_id)
    return sign


def urge_names(connection: sqlite3.Connection) -> list[str]:
    """Every urge name the journal's entries rated, in the spelling first used."""
    names: dict[str, str] = {}
    for (text,) in connection.execute(
        "SELECT DISTINCT urges FROM entries WHERE urges IS NOT NULL AND urges != ''"
    ):
        for name in split_pairs(text):
            names.setdefault(name_key(name), name)
    return list(names.values())


def episode_notes(connection: sqlite3.Connection) -> dict[tuple[int, date], str]:
    """What the person noted they did about an episode: by sign id and the episode's first
    day, for every episode with a note."""
    return {
        (sign_id, date.fromisoformat(first_day)): note
        for sign_id, first_day, note in connection.execute(
            "SELECT sign_id, first_day, note FROM warning_sign_episodes "
            "WHERE note IS NOT NULL AND note != ''"
        )
    }

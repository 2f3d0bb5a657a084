"""Warning-sign rows: the ``warning_signs`` table, and ``warning_sign_episodes``, the episodes
of a sign already announced (docs/schema.md)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any

from moodlog.domain.entries import split_pairs
from moodlog.domain.names import name_key
from moodlog.domain.sign_records import WarningSign
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


def episode_notes(connection: sqlite3.Connection) -> dict[int, list[tuple[date, str]]]:
    """What the person noted they did about each episode: by sign id, (the first day the
    episode had when noted or announced, the note), earliest first. A back-filled entry may
    have moved an episode's first day since: match a note to the episode whose days hold it."""
    notes: dict[int, list[tuple[date, str]]] = {}
    for sign_id, first_day, note in connection.execute(
        "SELECT sign_id, first_day, note FROM warning_sign_episodes "
        "WHERE note IS NOT NULL AND note != '' ORDER BY sign_id, first_day"
    ):
        notes.setdefault(sign_id, []).append((date.fromisoformat(first_day), note))
    return notes


def note_episode(
    connection: sqlite3.Connection,
    sign_id: int,
    days: tuple[date, date],
    rule: str,
    note: str,
    now: datetime,
) -> bool:
    """Note what the person did about the sign's episode over ``days`` (its first and last
    day, the first as early as the episode may have begun): on the latest row of an episode
    beginning within them, else on a new row for the episode, which then counts as announced
    (the person knows of it). True when it replaces a note written before."""
    first, last = days
    found = connection.execute(
        "SELECT id, note FROM warning_sign_episodes "
        "WHERE sign_id = ? AND first_day BETWEEN ? AND ? ORDER BY first_day DESC LIMIT 1",
        (sign_id, first.isoformat(), last.isoformat()),
    ).fetchone()
    if found is not None:
        update_row(connection, "warning_sign_episodes", found[0], {"note": note})
        return bool(found[1])
    connection.execute(
        "INSERT INTO warning_sign_episodes (sign_id, first_day, rule, announced_at, note) "
        "VALUES (?, ?, ?, ?, ?)",
        (sign_id, first.isoformat(), rule, now.isoformat(timespec="seconds"), note),
    )
    return False

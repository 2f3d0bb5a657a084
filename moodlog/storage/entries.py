"""Entry rows: the ``entries`` table."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time
from typing import Any

from moodlog.domain.days import Period
from moodlog.domain.entries import (
    Entry,
    join_names,
    join_pairs,
    split_names,
    split_pairs,
)
from moodlog.errors import NotFound
from moodlog.storage.rows import insert_record

# The column order of the `entries` table as moodlog reads and writes it (and as the export
# writes it): the contract of docs/schema.md.
ENTRY_COLUMNS = (
    "id",
    "day",
    "time",
    "recorded_at",
    "backfilled",
    "mood",
    "anxiety",
    "irritability",
    "energy",
    "sleep_hours",
    "sleep_quality",
    "symptoms",
    "tags",
    "note",
    "note_shared",
    "urges",
    "acted",
    "import_key",
)

_SELECT = f"SELECT {', '.join(ENTRY_COLUMNS)} FROM entries"


def entry_row(entry: Entry) -> dict[str, Any]:
    """An entry as the values of its row."""
    return {
        "id": entry.id,
        "day": entry.day.isoformat(),
        "time": entry.time.strftime("%H:%M"),
        "recorded_at": entry.recorded_at.isoformat(timespec="seconds"),
        "backfilled": int(entry.backfilled),
        "mood": entry.mood,
        "anxiety": entry.anxiety,
        "irritability": entry.irritability,
        "energy": entry.energy,
        "sleep_hours": entry.sleep_hours,
        "sleep_quality": entry.sleep_quality,
        "symptoms": join_pairs(entry.symptoms),
        "tags": join_names(entry.tags),
        "note": entry.note,
        "note_shared": int(entry.note_shared),
        "urges": join_pairs(entry.urges),
        "acted": join_names(entry.acted),
        "import_key": entry.import_key,
    }


def entry_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Entry:
    values = dict(zip(ENTRY_COLUMNS, row, strict=True))
    return Entry(
        id=values["id"],
        day=date.fromisoformat(values["day"]),
        time=time.fromisoformat(values["time"]),
        recorded_at=datetime.fromisoformat(values["recorded_at"]),
        backfilled=bool(values["backfilled"]),
        mood=values["mood"],
        anxiety=values["anxiety"],
        irritability=values["irritability"],
        energy=values["energy"],
        sleep_hours=values["sleep_hours"],
        sleep_quality=values["sleep_quality"],
        symptoms=split_pairs(values["symptoms"]),
        tags=split_names(values["tags"]),
        note=values["note"],
        note_shared=bool(values["note_shared"]),
        urges={name: int(level) for name, level in split_pairs(values["urges"]).items()},
        acted=split_names(values["acted"]),
        import_key=values["import_key"],
    )


def insert_entry(connection: sqlite3.Connection, entry: Entry) -> int:
    return insert_record(connection, "entries", entry_row(entry))


def update_entry(connection: sqlite3.Connection, entry: Entry) -> None:
    row = entry_row(entry)
    assignments = ", ".join(f"{name} = :{name}" for name in row if name != "id")
    connection.execute(f"UPDATE entries SET {assignments} WHERE id = :id", row)


def get_entry(connection: sqlite3.Connection, entry_id: int) -> Entry:
    row = connection.execute(f"{_SELECT} WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise NotFound(f"entry {entry_id} is not in the journal; 'moodlog list' shows the ids")
    return entry_from_row(row)


def delete_entry(connection: sqlite3.Connection, entry_id: int) -> Entry:
    entry = get_entry(connection, entry_id)
    connection.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
    return entry


def delete_doses_of_entry(connection: sqlite3.Connection, entry_id: int) -> int:
    """Delete the dose logs made with an entry (`moodlog add --took/--missed`), but a log that
    a later log corrects, which no longer counts and is still referred to. How many went."""
    cursor = connection.execute(
        "DELETE FROM doses WHERE entry_id = ? AND id NOT IN "
        "(SELECT replaces FROM doses WHERE replaces IS NOT NULL)",
        (entry_id,),
    )
    return cursor.rowcount


def entries_in(connection: sqlite3.Connection, period: Period, day_starts_at: time) -> list[Entry]:
    """The period's entries in the order of their days: by day, then by the moment each is
    about within its day, whose small hours (before ``day_starts_at``) come last."""
    rows = connection.execute(
        f"{_SELECT} WHERE day BETWEEN ? AND ? ORDER BY day, time < ?, time, id",
        (period.first.isoformat(), period.last.isoformat(), day_starts_at.strftime("%H:%M")),
    ).fetchall()
    return [entry_from_row(row) for row in rows]


def logged_days(connection: sqlite3.Connection, period: Period) -> set[date]:
    """The days of the period with at least one entry."""
    rows = connection.execute(
        "SELECT DISTINCT day FROM entries WHERE day BETWEEN ? AND ?",
        (period.first.isoformat(), period.last.isoformat()),
    )
    return {date.fromisoformat(row[0]) for row in rows}


def import_keys(connection: sqlite3.Connection, source: str) -> set[str]:
    """The import keys of the entries an import from ``source`` (a plain word: ``daylio``)
    saved."""
    rows = connection.execute(
        "SELECT import_key FROM entries WHERE import_key LIKE ?", (f"{source}:%",)
    )
    return {row[0] for row in rows}


def tag_spellings(connection: sqlite3.Connection) -> list[str]:
    """Every tag the journal's entries use, in the spelling of its first use."""
    rows = connection.execute(
        "SELECT tags FROM entries WHERE tags IS NOT NULL GROUP BY tags ORDER BY min(id)"
    )
    return list(dict.fromkeys(tag for row in rows for tag in split_names(row[0])))


def last_entry_ids(connection: sqlite3.Connection) -> dict[str, int]:
    """Each logged day (ISO date) and the id of its last entry."""
    rows = connection.execute("SELECT day, max(id) FROM entries GROUP BY day")
    return {row[0]: row[1] for row in rows}

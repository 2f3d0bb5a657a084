"""Symptom scale rows."""

from __future__ import annotations

import sqlite3

from moodlog.domain.entries import split_pairs
from moodlog.domain.scales import Scale, preset_scales
from moodlog.errors import InvalidValue, NotFound, escaped


def list_scales(connection: sqlite3.Connection) -> list[Scale]:
    rows = connection.execute(
        "SELECT name, min, max, description, preset FROM scales ORDER BY preset IS NOT NULL, "
        "preset, rowid"
    ).fetchall()
    return [
        Scale(name, low, high, description, preset) for name, low, high, description, preset in rows
    ]


def add_scale(connection: sqlite3.Connection, scale: Scale) -> None:
    existing = connection.execute("SELECT 1 FROM scales WHERE name = ?", (scale.name,)).fetchone()
    if existing:
        raise InvalidValue(
            f"scale {scale.name!r} already exists; remove it first to change its range"
        )
    _insert(connection, scale)


def _insert(connection: sqlite3.Connection, scale: Scale) -> None:
    connection.execute(
        "INSERT INTO scales (name, min, max, description, preset) VALUES (?, ?, ?, ?, ?)",
        (scale.name, scale.low, scale.high, scale.description, scale.preset),
    )


def get_scale(connection: sqlite3.Connection, name: str) -> Scale:
    key = name.strip().lower()
    row = connection.execute(
        "SELECT name, min, max, description, preset FROM scales WHERE name = ?", (key,)
    ).fetchone()
    if row is None:
        raise NotFound(f"scale {escaped(key)} is not in the journal; 'moodlog scales' lists them")
    return Scale(*row)


def ratings_of(connection: sqlite3.Connection, name: str) -> dict[int, float]:
    """The value each entry holds on the scale ``name``, by entry id, oldest first."""
    rows = connection.execute(
        "SELECT id, symptoms FROM entries WHERE ';' || symptoms LIKE ? ORDER BY day, id",
        (f"%;{name}=%",),
    ).fetchall()
    ratings = {}
    for entry_id, symptoms in rows:
        pairs = split_pairs(symptoms)
        if name in pairs:
            ratings[int(entry_id)] = pairs[name]
    return ratings


def update_scale(connection: sqlite3.Connection, scale: Scale) -> None:
    """Save a scale's changed range or description over the one with its name."""
    connection.execute(
        "UPDATE scales SET min = ?, max = ?, description = ? WHERE name = ?",
        (scale.low, scale.high, scale.description, scale.name),
    )


def remove_scale(connection: sqlite3.Connection, name: str) -> int:
    """Remove a scale; the values already recorded on it stay in their entries. Returns how many
    entries hold a value for it."""
    scale = get_scale(connection, name)
    connection.execute("DELETE FROM scales WHERE name = ?", (scale.name,))
    return len(ratings_of(connection, scale.name))


def apply_presets(connection: sqlite3.Connection, names: list[str]) -> list[Scale]:
    """Add each preset's scales that are not there yet; returns the ones added."""
    added: list[Scale] = []
    for name in names:
        for scale in preset_scales(name):
            if not connection.execute(
                "SELECT 1 FROM scales WHERE name = ?", (scale.name,)
            ).fetchone():
                _insert(connection, scale)
                added.append(scale)
    return added

"""Symptom scale rows."""

from __future__ import annotations

import sqlite3

from moodlog.domain.scales import Scale, preset_scales
from moodlog.errors import InvalidValue, NotFound


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


def remove_scale(connection: sqlite3.Connection, name: str) -> int:
    """Remove a scale; the values already recorded on it stay in their entries. Returns how many
    entries hold a value for it."""
    key = name.strip().lower()
    if not connection.execute("SELECT 1 FROM scales WHERE name = ?", (key,)).fetchone():
        raise NotFound(f"scale {name!r} is not one of your scales; see 'moodlog scales'")
    connection.execute("DELETE FROM scales WHERE name = ?", (key,))
    count = connection.execute(
        "SELECT count(*) FROM entries WHERE ';' || symptoms LIKE ?", (f"%;{key}=%",)
    ).fetchone()[0]
    return int(count)


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

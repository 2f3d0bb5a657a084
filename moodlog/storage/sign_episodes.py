"""The episodes of warning signs already announced (``warning_sign_episodes``), so a sign is
announced once per episode (docs/warning-signs.md)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime


def announced_within(
    connection: sqlite3.Connection, sign_id: int, first_day: date, last_day: date
) -> bool:
    """True when an episode of the sign beginning between ``first_day`` and ``last_day`` was
    announced: the episode showing over those days (a back-filled entry may have moved its
    first day since)."""
    row = connection.execute(
        "SELECT 1 FROM warning_sign_episodes WHERE sign_id = ? AND first_day BETWEEN ? AND ? "
        "LIMIT 1",
        (sign_id, first_day.isoformat(), last_day.isoformat()),
    ).fetchone()
    return row is not None


def record_announcement(
    connection: sqlite3.Connection, sign_id: int, first_day: date, rule: str, now: datetime
) -> None:
    """Note that the episode of the sign beginning on ``first_day`` (under ``rule``, as it was
    then) has been announced."""
    connection.execute(
        "INSERT INTO warning_sign_episodes (sign_id, first_day, rule, announced_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (sign_id, first_day) DO NOTHING",
        (sign_id, first_day.isoformat(), rule, now.isoformat(timespec="seconds")),
    )

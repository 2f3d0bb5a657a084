"""The journal's first day: one indexed look-up, light enough for `moodlog status` (which runs
at every shell prompt) and `moodlog add`."""

from __future__ import annotations

import sqlite3
from datetime import date


def first_recorded_day(connection: sqlite3.Connection) -> date | None:
    """The first day with anything logged on it: an entry, a dose, a skill, a session or a
    questionnaire (a regimen's start or an appointment alone does not count)."""
    row = connection.execute(
        "SELECT min(day) FROM (SELECT min(day) AS day FROM entries "
        "UNION ALL SELECT min(day) FROM doses UNION ALL SELECT min(day) FROM skill_uses "
        "UNION ALL SELECT min(day) FROM sessions UNION ALL SELECT min(day) FROM questionnaires)"
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def last_entry_day(connection: sqlite3.Connection) -> date | None:
    """The last day with an entry (one indexed look-up)."""
    row = connection.execute("SELECT max(day) FROM entries").fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None

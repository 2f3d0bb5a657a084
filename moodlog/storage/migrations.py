"""The journal's schema, as named migrations applied in order.

Each migration runs with its record in ``schema_migrations`` in one transaction, so a journal
is always at a whole step. A migration, once released, is never edited: a change to the schema
is a new migration at the end of the list. docs/schema.md describes the result.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_entries_and_settings",
        """
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            time TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            backfilled INTEGER NOT NULL DEFAULT 0 CHECK (backfilled IN (0, 1)),
            mood REAL CHECK (mood BETWEEN 0 AND 10),
            anxiety REAL CHECK (anxiety BETWEEN 0 AND 10),
            irritability REAL CHECK (irritability BETWEEN 0 AND 10),
            energy REAL CHECK (energy BETWEEN 0 AND 10),
            sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24),
            sleep_quality INTEGER CHECK (sleep_quality BETWEEN 1 AND 5),
            tags TEXT,
            note TEXT,
            note_shared INTEGER NOT NULL DEFAULT 0 CHECK (note_shared IN (0, 1)),
            urges TEXT,
            acted TEXT
        );
        CREATE INDEX entries_by_day ON entries (day, time);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ),
    Migration(
        "0002_symptom_scales",
        """
        CREATE TABLE scales (
            name TEXT PRIMARY KEY,
            min REAL NOT NULL,
            max REAL NOT NULL CHECK (max > min),
            description TEXT NOT NULL DEFAULT '',
            preset TEXT
        );
        ALTER TABLE entries ADD COLUMN symptoms TEXT;
        """,
    ),
    Migration(
        "0005_appointments_questions",
        """
        CREATE TABLE appointments (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            with_whom TEXT,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX appointments_by_day ON appointments (day);
        CREATE TABLE questions (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            asked_on TEXT NOT NULL,
            done_on TEXT,
            recorded_at TEXT NOT NULL
        );
        """,
    ),
)

MIGRATION_NAMES = tuple(migration.name for migration in MIGRATIONS)

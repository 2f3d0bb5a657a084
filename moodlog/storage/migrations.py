"""The journal's schema, as named migrations applied in order.

Each migration runs with its record in ``schema_migrations`` in one transaction, so a journal
is always at a whole step. A migration, once released, is never edited: a change to the schema
is a new migration at the end of the list. docs/schema.md describes the result.

SQLite cannot change a table's CHECK constraints in place, so such a migration rebuilds the
table in SQLite's own way (``rebuilds_tables``): with references unchecked, it creates the
new table, copies every row (ids kept), drops the old one, renames the new one and recreates
its indexes; the references are checked before the step commits. Dropping the old table with
references checked would delete the rows that refer to it (a questionnaire's safety flags).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str
    rebuilds_tables: bool = False


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
        "0003_medications",
        """
        CREATE TABLE regimen (
            id INTEGER PRIMARY KEY,
            medicine TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('start', 'change', 'stop')),
            effective_date TEXT NOT NULL,
            dose TEXT,
            dose_amount REAL CHECK (dose_amount > 0),
            dose_unit TEXT,
            schedule TEXT,
            days TEXT,
            every_days INTEGER CHECK (every_days >= 1),
            every_from TEXT,
            prn INTEGER NOT NULL DEFAULT 0 CHECK (prn IN (0, 1)),
            reason TEXT,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX regimen_by_medicine ON regimen (medicine COLLATE NOCASE, effective_date);
        CREATE TABLE doses (
            id INTEGER PRIMARY KEY,
            medicine TEXT NOT NULL,
            day TEXT NOT NULL,
            slot TEXT,
            status TEXT NOT NULL CHECK (status IN ('taken', 'missed', 'skipped')),
            time TEXT,
            dose TEXT,
            dose_amount REAL CHECK (dose_amount > 0),
            dose_unit TEXT,
            reason TEXT,
            entry_id INTEGER REFERENCES entries (id) ON DELETE SET NULL,
            replaces INTEGER REFERENCES doses (id),
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX doses_by_day ON doses (day, medicine);
        CREATE INDEX doses_by_entry ON doses (entry_id);
        CREATE TABLE side_effects (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),
            medicine TEXT,
            onset_date TEXT NOT NULL,
            resolved_date TEXT CHECK (resolved_date IS NULL OR resolved_date >= onset_date),
            recorded_at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        "0004_therapy",
        """
        CREATE TABLE skills (
            name TEXT PRIMARY KEY,
            category TEXT NOT NULL CHECK (category IN ('cbt', 'dbt', 'own')),
            module TEXT,
            description TEXT NOT NULL DEFAULT '',
            built_in INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1))
        );
        CREATE TABLE skill_uses (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            skill TEXT NOT NULL,
            category TEXT NOT NULL CHECK (category IN ('cbt', 'dbt', 'own')),
            module TEXT,
            score INTEGER CHECK (score BETWEEN 0 AND 7),
            entry_id INTEGER REFERENCES entries (id) ON DELETE CASCADE,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX skill_uses_by_day ON skill_uses (day);
        CREATE INDEX skill_uses_by_entry ON skill_uses (entry_id);
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            kind TEXT NOT NULL,
            note TEXT,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX sessions_by_day ON sessions (day);
        CREATE TABLE questionnaires (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            instrument TEXT NOT NULL CHECK (instrument IN ('phq9', 'gad7')),
            item1 INTEGER NOT NULL CHECK (item1 BETWEEN 0 AND 3),
            item2 INTEGER NOT NULL CHECK (item2 BETWEEN 0 AND 3),
            item3 INTEGER NOT NULL CHECK (item3 BETWEEN 0 AND 3),
            item4 INTEGER NOT NULL CHECK (item4 BETWEEN 0 AND 3),
            item5 INTEGER NOT NULL CHECK (item5 BETWEEN 0 AND 3),
            item6 INTEGER NOT NULL CHECK (item6 BETWEEN 0 AND 3),
            item7 INTEGER NOT NULL CHECK (item7 BETWEEN 0 AND 3),
            item8 INTEGER CHECK (item8 BETWEEN 0 AND 3),
            item9 INTEGER CHECK (item9 BETWEEN 0 AND 3),
            difficulty INTEGER CHECK (difficulty BETWEEN 0 AND 3),
            total INTEGER NOT NULL,
            band TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            CHECK (
                (instrument = 'phq9' AND item8 IS NOT NULL AND item9 IS NOT NULL)
                OR (instrument = 'gad7' AND item8 IS NULL AND item9 IS NULL
                    AND difficulty IS NULL)
            )
        );
        CREATE INDEX questionnaires_by_day ON questionnaires (instrument, day);
        CREATE TABLE safety_flags (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            trigger TEXT NOT NULL,
            detail TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('entry', 'questionnaire')),
            entry_id INTEGER REFERENCES entries (id) ON DELETE CASCADE,
            questionnaire_id INTEGER REFERENCES questionnaires (id) ON DELETE CASCADE,
            recorded_at TEXT NOT NULL,
            CHECK ((source = 'entry') = (entry_id IS NOT NULL)),
            CHECK ((source = 'questionnaire') = (questionnaire_id IS NOT NULL))
        );
        CREATE INDEX safety_flags_by_day ON safety_flags (day);
        CREATE INDEX safety_flags_by_entry ON safety_flags (entry_id);
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
    Migration(
        "0006_entry_import_key",
        """
        ALTER TABLE entries ADD COLUMN import_key TEXT;
        CREATE UNIQUE INDEX entries_by_import_key ON entries (import_key)
            WHERE import_key IS NOT NULL;
        """,
    ),
    Migration(
        "0007_gad7_difficulty",
        # The GAD-7 ends with the same unscored difficulty question as the PHQ-9.
        """
        CREATE TABLE questionnaires_new (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            instrument TEXT NOT NULL CHECK (instrument IN ('phq9', 'gad7')),
            item1 INTEGER NOT NULL CHECK (item1 BETWEEN 0 AND 3),
            item2 INTEGER NOT NULL CHECK (item2 BETWEEN 0 AND 3),
            item3 INTEGER NOT NULL CHECK (item3 BETWEEN 0 AND 3),
            item4 INTEGER NOT NULL CHECK (item4 BETWEEN 0 AND 3),
            item5 INTEGER NOT NULL CHECK (item5 BETWEEN 0 AND 3),
            item6 INTEGER NOT NULL CHECK (item6 BETWEEN 0 AND 3),
            item7 INTEGER NOT NULL CHECK (item7 BETWEEN 0 AND 3),
            item8 INTEGER CHECK (item8 BETWEEN 0 AND 3),
            item9 INTEGER CHECK (item9 BETWEEN 0 AND 3),
            difficulty INTEGER CHECK (difficulty BETWEEN 0 AND 3),
            total INTEGER NOT NULL,
            band TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            CHECK (
                (instrument = 'phq9' AND item8 IS NOT NULL AND item9 IS NOT NULL)
                OR (instrument = 'gad7' AND item8 IS NULL AND item9 IS NULL)
            )
        );
        INSERT INTO questionnaires_new (
            id, day, instrument, item1, item2, item3, item4, item5, item6, item7, item8, item9,
            difficulty, total, band, recorded_at
        )
        SELECT
            id, day, instrument, item1, item2, item3, item4, item5, item6, item7, item8, item9,
            difficulty, total, band, recorded_at
        FROM questionnaires;
        DROP TABLE questionnaires;
        ALTER TABLE questionnaires_new RENAME TO questionnaires;
        CREATE INDEX questionnaires_by_day ON questionnaires (instrument, day);
        """,
        rebuilds_tables=True,
    ),
    Migration(
        "0008_last_check",
        # The day SQLite's full integrity check last found the journal whole: the check runs
        # on the first write of a day (docs/privacy.md). One row.
        """
        CREATE TABLE last_check (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            day TEXT NOT NULL
        );
        """,
    ),
    Migration(
        "0009_ids_never_reused",
        # Every record's id is given once: AUTOINCREMENT keeps the highest id ever given (in
        # sqlite_sequence) and never gives it or a lower one again, so a deleted record's id is
        # never another record's. Each table is rebuilt with its ids, columns, checks,
        # references and indexes as they were; the highest id each table holds starts its
        # sequence. In the order of their references: a table after the ones it refers to.
        # last_check is left as it is: its one row is always id 1.
        """
        CREATE TABLE entries_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
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
            acted TEXT,
            symptoms TEXT,
            import_key TEXT
        );
        INSERT INTO entries_new (
            id, day, time, recorded_at, backfilled, mood, anxiety, irritability, energy,
            sleep_hours, sleep_quality, tags, note, note_shared, urges, acted, symptoms,
            import_key
        )
        SELECT
            id, day, time, recorded_at, backfilled, mood, anxiety, irritability, energy,
            sleep_hours, sleep_quality, tags, note, note_shared, urges, acted, symptoms,
            import_key
        FROM entries;
        DROP TABLE entries;
        ALTER TABLE entries_new RENAME TO entries;
        CREATE INDEX entries_by_day ON entries (day, time);
        CREATE UNIQUE INDEX entries_by_import_key ON entries (import_key)
            WHERE import_key IS NOT NULL;
        CREATE TABLE questionnaires_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            day TEXT NOT NULL,
            instrument TEXT NOT NULL CHECK (instrument IN ('phq9', 'gad7')),
            item1 INTEGER NOT NULL CHECK (item1 BETWEEN 0 AND 3),
            item2 INTEGER NOT NULL CHECK (item2 BETWEEN 0 AND 3),
            item3 INTEGER NOT NULL CHECK (item3 BETWEEN 0 AND 3),
            item4 INTEGER NOT NULL CHECK (item4 BETWEEN 0 AND 3),
            item5 INTEGER NOT NULL CHECK (item5 BETWEEN 0 AND 3),
            item6 INTEGER NOT NULL CHECK (item6 BETWEEN 0 AND 3),
            item7 INTEGER NOT NULL CHECK (item7 BETWEEN 0 AND 3),
            item8 INTEGER CHECK (item8 BETWEEN 0 AND 3),
            item9 INTEGER CHECK (item9 BETWEEN 0 AND 3),
            difficulty INTEGER CHECK (difficulty BETWEEN 0 AND 3),
            total INTEGER NOT NULL,
            band TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            CHECK (
                (instrument = 'phq9' AND item8 IS NOT NULL AND item9 IS NOT NULL)
                OR (instrument = 'gad7' AND item8 IS NULL AND item9 IS NULL)
            )
        );
        INSERT INTO questionnaires_new (
            id, day, instrument, item1, item2, item3, item4, item5, item6, item7, item8, item9,
            difficulty, total, band, recorded_at
        )
        SELECT
            id, day, instrument, item1, item2, item3, item4, item5, item6, item7, item8, item9,
            difficulty, total, band, recorded_at
        FROM questionnaires;
        DROP TABLE questionnaires;
        ALTER TABLE questionnaires_new RENAME TO questionnaires;
        CREATE INDEX questionnaires_by_day ON questionnaires (instrument, day);
        CREATE TABLE safety_flags_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            day TEXT NOT NULL,
            trigger TEXT NOT NULL,
            detail TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('entry', 'questionnaire')),
            entry_id INTEGER REFERENCES entries (id) ON DELETE CASCADE,
            questionnaire_id INTEGER REFERENCES questionnaires (id) ON DELETE CASCADE,
            recorded_at TEXT NOT NULL,
            CHECK ((source = 'entry') = (entry_id IS NOT NULL)),
            CHECK ((source = 'questionnaire') = (questionnaire_id IS NOT NULL))
        );
        INSERT INTO safety_flags_new (
            id, day, trigger, detail, source, entry_id, questionnaire_id, recorded_at
        )
        SELECT
            id, day, trigger, detail, source, entry_id, questionnaire_id, recorded_at
        FROM safety_flags;
        DROP TABLE safety_flags;
        ALTER TABLE safety_flags_new RENAME TO safety_flags;
        CREATE INDEX safety_flags_by_day ON safety_flags (day);
        CREATE INDEX safety_flags_by_entry ON safety_flags (entry_id);
        CREATE TABLE regimen_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            medicine TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('start', 'change', 'stop')),
            effective_date TEXT NOT NULL,
            dose TEXT,
            dose_amount REAL CHECK (dose_amount > 0),
            dose_unit TEXT,
            schedule TEXT,
            days TEXT,
            every_days INTEGER CHECK (every_days >= 1),
            every_from TEXT,
            prn INTEGER NOT NULL DEFAULT 0 CHECK (prn IN (0, 1)),
            reason TEXT,
            recorded_at TEXT NOT NULL
        );
        INSERT INTO regimen_new (
            id, medicine, kind, effective_date, dose, dose_amount, dose_unit, schedule, days,
            every_days, every_from, prn, reason, recorded_at
        )
        SELECT
            id, medicine, kind, effective_date, dose, dose_amount, dose_unit, schedule, days,
            every_days, every_from, prn, reason, recorded_at
        FROM regimen;
        DROP TABLE regimen;
        ALTER TABLE regimen_new RENAME TO regimen;
        CREATE INDEX regimen_by_medicine ON regimen (medicine COLLATE NOCASE, effective_date);
        CREATE TABLE doses_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            medicine TEXT NOT NULL,
            day TEXT NOT NULL,
            slot TEXT,
            status TEXT NOT NULL CHECK (status IN ('taken', 'missed', 'skipped')),
            time TEXT,
            dose TEXT,
            dose_amount REAL CHECK (dose_amount > 0),
            dose_unit TEXT,
            reason TEXT,
            entry_id INTEGER REFERENCES entries (id) ON DELETE SET NULL,
            replaces INTEGER REFERENCES doses (id),
            recorded_at TEXT NOT NULL
        );
        INSERT INTO doses_new (
            id, medicine, day, slot, status, time, dose, dose_amount, dose_unit, reason,
            entry_id, replaces, recorded_at
        )
        SELECT
            id, medicine, day, slot, status, time, dose, dose_amount, dose_unit, reason,
            entry_id, replaces, recorded_at
        FROM doses;
        DROP TABLE doses;
        ALTER TABLE doses_new RENAME TO doses;
        CREATE INDEX doses_by_day ON doses (day, medicine);
        CREATE INDEX doses_by_entry ON doses (entry_id);
        CREATE TABLE side_effects_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),
            medicine TEXT,
            onset_date TEXT NOT NULL,
            resolved_date TEXT CHECK (resolved_date IS NULL OR resolved_date >= onset_date),
            recorded_at TEXT NOT NULL
        );
        INSERT INTO side_effects_new (
            id, name, severity, medicine, onset_date, resolved_date, recorded_at
        )
        SELECT
            id, name, severity, medicine, onset_date, resolved_date, recorded_at
        FROM side_effects;
        DROP TABLE side_effects;
        ALTER TABLE side_effects_new RENAME TO side_effects;
        CREATE TABLE skill_uses_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            day TEXT NOT NULL,
            skill TEXT NOT NULL,
            category TEXT NOT NULL CHECK (category IN ('cbt', 'dbt', 'own')),
            module TEXT,
            score INTEGER CHECK (score BETWEEN 0 AND 7),
            entry_id INTEGER REFERENCES entries (id) ON DELETE CASCADE,
            recorded_at TEXT NOT NULL
        );
        INSERT INTO skill_uses_new (
            id, day, skill, category, module, score, entry_id, recorded_at
        )
        SELECT id, day, skill, category, module, score, entry_id, recorded_at FROM skill_uses;
        DROP TABLE skill_uses;
        ALTER TABLE skill_uses_new RENAME TO skill_uses;
        CREATE INDEX skill_uses_by_day ON skill_uses (day);
        CREATE INDEX skill_uses_by_entry ON skill_uses (entry_id);
        CREATE TABLE sessions_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            day TEXT NOT NULL,
            kind TEXT NOT NULL,
            note TEXT,
            recorded_at TEXT NOT NULL
        );
        INSERT INTO sessions_new (id, day, kind, note, recorded_at)
        SELECT id, day, kind, note, recorded_at FROM sessions;
        DROP TABLE sessions;
        ALTER TABLE sessions_new RENAME TO sessions;
        CREATE INDEX sessions_by_day ON sessions (day);
        CREATE TABLE appointments_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            day TEXT NOT NULL,
            with_whom TEXT,
            recorded_at TEXT NOT NULL
        );
        INSERT INTO appointments_new (id, day, with_whom, recorded_at)
        SELECT id, day, with_whom, recorded_at FROM appointments;
        DROP TABLE appointments;
        ALTER TABLE appointments_new RENAME TO appointments;
        CREATE INDEX appointments_by_day ON appointments (day);
        CREATE TABLE questions_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            asked_on TEXT NOT NULL,
            done_on TEXT,
            recorded_at TEXT NOT NULL
        );
        INSERT INTO questions_new (id, text, asked_on, done_on, recorded_at)
        SELECT id, text, asked_on, done_on, recorded_at FROM questions;
        DROP TABLE questions;
        ALTER TABLE questions_new RENAME TO questions;
        """,
        rebuilds_tables=True,
    ),
    Migration(
        "0010_withdrawn_dose_changes",
        # A wrong dose change (or stop) is withdrawn by a new record, never rewritten: kind
        # 'withdraw' names the record it withdraws in ``withdraws`` (docs/medications.md). The
        # table is rebuilt with its ids, checks and index as they were; its sequence keeps the
        # highest id it ever gave, a deleted newest record's too (the copy alone would start it
        # at the highest id held).
        """
        CREATE TABLE regimen_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            medicine TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('start', 'change', 'stop', 'withdraw')),
            effective_date TEXT NOT NULL,
            dose TEXT,
            dose_amount REAL CHECK (dose_amount > 0),
            dose_unit TEXT,
            schedule TEXT,
            days TEXT,
            every_days INTEGER CHECK (every_days >= 1),
            every_from TEXT,
            prn INTEGER NOT NULL DEFAULT 0 CHECK (prn IN (0, 1)),
            reason TEXT,
            recorded_at TEXT NOT NULL,
            withdraws INTEGER REFERENCES regimen (id),
            CHECK ((kind = 'withdraw') = (withdraws IS NOT NULL))
        );
        INSERT INTO regimen_new (
            id, medicine, kind, effective_date, dose, dose_amount, dose_unit, schedule, days,
            every_days, every_from, prn, reason, recorded_at
        )
        SELECT
            id, medicine, kind, effective_date, dose, dose_amount, dose_unit, schedule, days,
            every_days, every_from, prn, reason, recorded_at
        FROM regimen;
        DELETE FROM sqlite_sequence WHERE name = 'regimen_new';
        INSERT INTO sqlite_sequence (name, seq)
        SELECT 'regimen_new', seq FROM sqlite_sequence WHERE name = 'regimen';
        DROP TABLE regimen;
        ALTER TABLE regimen_new RENAME TO regimen;
        CREATE INDEX regimen_by_medicine ON regimen (medicine COLLATE NOCASE, effective_date);
        CREATE UNIQUE INDEX regimen_withdrawn_once ON regimen (withdraws)
            WHERE withdraws IS NOT NULL;
        """,
        rebuilds_tables=True,
    ),
    Migration(
        "0011_undo_history",
        # What `moodlog undo` needs to take back the last changes (docs/corrections.md): one row
        # per change a command made, and one per row it touched, keyed by the row's rowid. Only
        # a changed row's replaced values and a removed row's values are kept; a deletion and
        # the limits (20 changes, 7 days) remove them (docs/privacy.md).
        """
        CREATE TABLE undo_changes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            made_at TEXT NOT NULL,
            command TEXT NOT NULL
        );
        CREATE TABLE undo_rows (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            change_id INTEGER NOT NULL REFERENCES undo_changes (id) ON DELETE CASCADE,
            table_name TEXT NOT NULL,
            row_key INTEGER NOT NULL,
            what TEXT NOT NULL CHECK (what IN ('added', 'changed', 'removed')),
            old_values TEXT,
            CHECK ((what = 'added') = (old_values IS NULL)),
            UNIQUE (change_id, table_name, row_key)
        );
        CREATE INDEX undo_rows_by_row ON undo_rows (table_name, row_key);
        """,
    ),
    Migration(
        "0012_warning_signs",
        # Warning signs (docs/warning-signs.md): each sign's rule as its kept text and the plan
        # agreed for it; and each episode of a sign already announced (the first day it showed),
        # so a sign is announced once per episode, with what the person noted they did.
        """
        CREATE TABLE warning_signs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            rule TEXT NOT NULL,
            plan TEXT,
            preset TEXT,
            recorded_at TEXT NOT NULL
        );
        CREATE TABLE warning_sign_episodes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sign_id INTEGER NOT NULL REFERENCES warning_signs (id) ON DELETE CASCADE,
            first_day TEXT NOT NULL,
            rule TEXT NOT NULL,
            announced_at TEXT NOT NULL,
            note TEXT,
            UNIQUE (sign_id, first_day)
        );
        """,
    ),
    Migration(
        "0013_fhir_id_namespace",
        # The journal's own random namespace for the FHIR export's ids (docs/fhir.md), made
        # when the journal is made or upgraded, so an export only ever reads. A version 4 UUID
        # from SQLite's randomness (seeded by the system's); a namespace already set is kept.
        """
        INSERT OR IGNORE INTO settings (key, value)
        SELECT 'fhir.id-namespace', lower(
            hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
            || substr(hex(randomblob(2)), 2) || '-'
            || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2)
            || '-' || hex(randomblob(6))
        );
        """,
    ),
)

MIGRATION_NAMES = tuple(migration.name for migration in MIGRATIONS)

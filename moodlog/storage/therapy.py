"""Therapy rows: the person's own ``skills``, ``skill_uses`` and ``sessions``.

The built-in skills live in code (:data:`moodlog.domain.therapy.BUILT_IN_SKILLS`); the
``skills`` table holds only the ones the person added.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from moodlog.domain.days import Period
from moodlog.domain.therapy import BUILT_IN_SKILLS, Session, Skill, SkillUse
from moodlog.storage.rows import (
    all_rows,
    delete_row,
    get_row,
    row_values,
    rows_in,
    save_record,
    update_row,
)

# Column orders as moodlog reads and writes them (and as the export writes them): the contract
# of docs/schema.md.
SKILL_COLUMNS = ("name", "category", "module", "description", "built_in")
SKILL_USE_COLUMNS = (
    "id",
    "day",
    "skill",
    "category",
    "module",
    "score",
    "entry_id",
    "recorded_at",
)
SESSION_COLUMNS = ("id", "day", "kind", "note", "recorded_at")


def own_skills(connection: sqlite3.Connection) -> list[Skill]:
    rows = connection.execute(
        f"SELECT {', '.join(SKILL_COLUMNS)} FROM skills ORDER BY rowid"
    ).fetchall()
    return [
        Skill(name, category, module, description, bool(built_in))
        for name, category, module, description, built_in in rows
    ]


def catalogue(connection: sqlite3.Connection) -> list[Skill]:
    """Every skill a person can log: the built-in ones, then their own."""
    return [*BUILT_IN_SKILLS, *own_skills(connection)]


def add_skill(connection: sqlite3.Connection, skill: Skill) -> None:
    connection.execute(
        f"INSERT INTO skills ({', '.join(SKILL_COLUMNS)}) VALUES (?, ?, ?, ?, ?)",
        (skill.name, skill.category, skill.module, skill.description, int(skill.built_in)),
    )


def uses_of_skill(connection: sqlite3.Connection, name: str) -> int:
    """How many skill uses name the skill ``name`` (as the catalogue writes it)."""
    row = connection.execute("SELECT count(*) FROM skill_uses WHERE skill = ?", (name,)).fetchone()
    return int(row[0])


def update_skill(connection: sqlite3.Connection, name: str, skill: Skill) -> None:
    """Save a changed skill of the person's own over the one named ``name``; its logged uses
    follow it (name, category and module), so they keep pointing at it."""
    connection.execute(
        "UPDATE skills SET name = ?, category = ?, module = ?, description = ? WHERE name = ?",
        (skill.name, skill.category, skill.module, skill.description, name),
    )
    connection.execute(
        "UPDATE skill_uses SET skill = ?, category = ?, module = ? WHERE skill = ?",
        (skill.name, skill.category, skill.module, name),
    )


def delete_skill(connection: sqlite3.Connection, name: str) -> int:
    """Delete a skill of the person's own and every use logged of it; returns how many uses
    went."""
    cursor = connection.execute("DELETE FROM skill_uses WHERE skill = ?", (name,))
    connection.execute("DELETE FROM skills WHERE name = ?", (name,))
    return cursor.rowcount


def _skill_use_from_row(row: tuple[Any, ...]) -> SkillUse:
    return SkillUse(**row_values(SKILL_USE_COLUMNS, row))


def insert_skill_use(connection: sqlite3.Connection, use: SkillUse) -> int:
    return save_record(connection, "skill_uses", use, SKILL_USE_COLUMNS)


def skill_uses_of_entry(connection: sqlite3.Connection, entry_id: int) -> list[SkillUse]:
    rows = connection.execute(
        f"SELECT {', '.join(SKILL_USE_COLUMNS)} FROM skill_uses WHERE entry_id = ? ORDER BY id",
        (entry_id,),
    ).fetchall()
    return [_skill_use_from_row(row) for row in rows]


def delete_skill_uses_of_entry(connection: sqlite3.Connection, entry_id: int) -> None:
    connection.execute("DELETE FROM skill_uses WHERE entry_id = ?", (entry_id,))


def move_skill_uses_of_entry(connection: sqlite3.Connection, entry_id: int, day: date) -> None:
    """Keep an entry's skill uses on the entry's day when the entry moves to another day."""
    connection.execute(
        "UPDATE skill_uses SET day = ? WHERE entry_id = ?", (day.isoformat(), entry_id)
    )


def skill_uses_in(connection: sqlite3.Connection, period: Period | None) -> list[SkillUse]:
    """Every skill logged in the period (None: ever), oldest first (for the report, stats,
    export and `moodlog skill-use list`)."""
    if period is None:
        rows = all_rows(connection, "skill_uses", SKILL_USE_COLUMNS, "day, id")
    else:
        rows = rows_in(connection, "skill_uses", SKILL_USE_COLUMNS, period)
    return [_skill_use_from_row(row) for row in rows]


def get_skill_use(connection: sqlite3.Connection, use_id: int) -> SkillUse:
    row = get_row(
        connection, "skill_uses", SKILL_USE_COLUMNS, use_id, "skill use", "moodlog skill-use list"
    )
    return _skill_use_from_row(row)


def update_skill_use(connection: sqlite3.Connection, use: SkillUse) -> None:
    """Save a changed skill use over the one with its id (its day, entry and recorded_at
    stay)."""
    assert use.id is not None
    values = {"skill": use.skill, "category": use.category, "module": use.module}
    update_row(connection, "skill_uses", use.id, {**values, "score": use.score})


def delete_skill_use(connection: sqlite3.Connection, use_id: int) -> SkillUse:
    use = get_skill_use(connection, use_id)
    delete_row(connection, "skill_uses", use_id)
    return use


def insert_session(connection: sqlite3.Connection, session: Session) -> int:
    return save_record(connection, "sessions", session, SESSION_COLUMNS)


def sessions_in(connection: sqlite3.Connection, period: Period | None) -> list[Session]:
    """Every therapy session attended in the period (None: ever), oldest first."""
    if period is None:
        rows = all_rows(connection, "sessions", SESSION_COLUMNS, "day, id")
    else:
        rows = rows_in(connection, "sessions", SESSION_COLUMNS, period)
    return [Session(**row_values(SESSION_COLUMNS, row)) for row in rows]


def get_session(connection: sqlite3.Connection, session_id: int) -> Session:
    row = get_row(
        connection, "sessions", SESSION_COLUMNS, session_id, "session", "moodlog session list"
    )
    return Session(**row_values(SESSION_COLUMNS, row))


def update_session(connection: sqlite3.Connection, session: Session) -> None:
    """Save a changed session over the one with its id (its recorded_at stays)."""
    assert session.id is not None
    values = {"day": session.day, "kind": session.kind, "note": session.note}
    update_row(connection, "sessions", session.id, values)


def delete_session(connection: sqlite3.Connection, session_id: int) -> Session:
    session = get_session(connection, session_id)
    delete_row(connection, "sessions", session_id)
    return session

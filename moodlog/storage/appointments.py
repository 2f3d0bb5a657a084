"""Appointment and question rows: the ``appointments`` and ``questions`` tables."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any

from moodlog.domain.appointments import Appointment, Question
from moodlog.errors import NotFound

APPOINTMENT_COLUMNS = ("id", "day", "with_whom", "recorded_at")
QUESTION_COLUMNS = ("id", "text", "asked_on", "done_on", "recorded_at")


def _appointment(row: tuple[Any, ...]) -> Appointment:
    values = dict(zip(APPOINTMENT_COLUMNS, row, strict=True))
    return Appointment(
        id=values["id"],
        day=date.fromisoformat(values["day"]),
        with_whom=values["with_whom"],
        recorded_at=datetime.fromisoformat(values["recorded_at"]),
    )


def _question(row: tuple[Any, ...]) -> Question:
    values = dict(zip(QUESTION_COLUMNS, row, strict=True))
    return Question(
        id=values["id"],
        text=values["text"],
        asked_on=date.fromisoformat(values["asked_on"]),
        done_on=date.fromisoformat(values["done_on"]) if values["done_on"] else None,
        recorded_at=datetime.fromisoformat(values["recorded_at"]),
    )


def insert_appointment(connection: sqlite3.Connection, appointment: Appointment) -> int:
    cursor = connection.execute(
        "INSERT INTO appointments (day, with_whom, recorded_at) VALUES (?, ?, ?)",
        (
            appointment.day.isoformat(),
            appointment.with_whom,
            appointment.recorded_at.isoformat(timespec="seconds"),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def list_appointments(connection: sqlite3.Connection) -> list[Appointment]:
    rows = connection.execute(
        f"SELECT {', '.join(APPOINTMENT_COLUMNS)} FROM appointments ORDER BY day, id"
    ).fetchall()
    return [_appointment(row) for row in rows]


def delete_appointment(connection: sqlite3.Connection, appointment_id: int) -> Appointment:
    row = connection.execute(
        f"SELECT {', '.join(APPOINTMENT_COLUMNS)} FROM appointments WHERE id = ?",
        (appointment_id,),
    ).fetchone()
    if row is None:
        raise NotFound(
            f"appointment {appointment_id} is not in the journal; "
            "'moodlog appointment list' shows the ids"
        )
    connection.execute("DELETE FROM appointments WHERE id = ?", (appointment_id,))
    return _appointment(row)


def insert_question(connection: sqlite3.Connection, question: Question) -> int:
    cursor = connection.execute(
        "INSERT INTO questions (text, asked_on, done_on, recorded_at) VALUES (?, ?, ?, ?)",
        (
            question.text,
            question.asked_on.isoformat(),
            question.done_on.isoformat() if question.done_on else None,
            question.recorded_at.isoformat(timespec="seconds"),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def get_question(connection: sqlite3.Connection, question_id: int) -> Question:
    row = connection.execute(
        f"SELECT {', '.join(QUESTION_COLUMNS)} FROM questions WHERE id = ?", (question_id,)
    ).fetchone()
    if row is None:
        raise NotFound(
            f"question {question_id} is not in the journal; 'moodlog ask --list' shows the ids"
        )
    return _question(row)


def list_questions(connection: sqlite3.Connection) -> list[Question]:
    rows = connection.execute(
        f"SELECT {', '.join(QUESTION_COLUMNS)} FROM questions ORDER BY asked_on, id"
    ).fetchall()
    return [_question(row) for row in rows]


def mark_question_done(connection: sqlite3.Connection, question_id: int, day: date) -> None:
    connection.execute(
        "UPDATE questions SET done_on = ? WHERE id = ?", (day.isoformat(), question_id)
    )

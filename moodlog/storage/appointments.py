"""Appointment and question rows: the ``appointments`` and ``questions`` tables."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from moodlog.domain.appointments import Appointment, Question
from moodlog.errors import NotFound
from moodlog.storage.rows import all_rows, row_values, save_record

APPOINTMENT_COLUMNS = ("id", "day", "with_whom", "recorded_at")
QUESTION_COLUMNS = ("id", "text", "asked_on", "done_on", "recorded_at")


def _appointment(row: tuple[Any, ...]) -> Appointment:
    return Appointment(**row_values(APPOINTMENT_COLUMNS, row))


def _question(row: tuple[Any, ...]) -> Question:
    return Question(**row_values(QUESTION_COLUMNS, row, days=("asked_on", "done_on")))


def insert_appointment(connection: sqlite3.Connection, appointment: Appointment) -> int:
    return save_record(connection, "appointments", appointment, APPOINTMENT_COLUMNS)


def list_appointments(connection: sqlite3.Connection) -> list[Appointment]:
    rows = all_rows(connection, "appointments", APPOINTMENT_COLUMNS, "day, id")
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
    return save_record(connection, "questions", question, QUESTION_COLUMNS)


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
    rows = all_rows(connection, "questions", QUESTION_COLUMNS, "asked_on, id")
    return [_question(row) for row in rows]


def mark_question_done(connection: sqlite3.Connection, question_id: int, day: date) -> None:
    connection.execute(
        "UPDATE questions SET done_on = ? WHERE id = ?", (day.isoformat(), question_id)
    )

"""Appointment and question rows: the ``appointments`` and ``questions`` tables."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from moodlog.domain.appointments import Appointment, Question
from moodlog.domain.days import Period
from moodlog.storage.rows import (
    all_rows,
    delete_row,
    get_row,
    row_values,
    rows_in,
    save_record,
    update_row,
)

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


def get_appointment(connection: sqlite3.Connection, appointment_id: int) -> Appointment:
    row = get_row(
        connection,
        "appointments",
        APPOINTMENT_COLUMNS,
        appointment_id,
        "appointment",
        "moodlog appointment list",
    )
    return _appointment(row)


def appointments_in(connection: sqlite3.Connection, period: Period) -> list[Appointment]:
    rows = rows_in(connection, "appointments", APPOINTMENT_COLUMNS, period)
    return [_appointment(row) for row in rows]


def update_appointment(connection: sqlite3.Connection, appointment: Appointment) -> None:
    """Save a changed appointment over the one with its id (its recorded_at stays)."""
    assert appointment.id is not None
    values = {"day": appointment.day, "with_whom": appointment.with_whom}
    update_row(connection, "appointments", appointment.id, values)


def delete_appointment(connection: sqlite3.Connection, appointment_id: int) -> Appointment:
    appointment = get_appointment(connection, appointment_id)
    delete_row(connection, "appointments", appointment_id)
    return appointment


def insert_question(connection: sqlite3.Connection, question: Question) -> int:
    return save_record(connection, "questions", question, QUESTION_COLUMNS)


def get_question(connection: sqlite3.Connection, question_id: int) -> Question:
    row = get_row(
        connection, "questions", QUESTION_COLUMNS, question_id, "question", "moodlog ask list"
    )
    return _question(row)


def list_questions(connection: sqlite3.Connection) -> list[Question]:
    rows = all_rows(connection, "questions", QUESTION_COLUMNS, "asked_on, id")
    return [_question(row) for row in rows]


def mark_question_done(connection: sqlite3.Connection, question_id: int, day: date) -> None:
    connection.execute(
        "UPDATE questions SET done_on = ? WHERE id = ?", (day.isoformat(), question_id)
    )


def questions_in(connection: sqlite3.Connection, period: Period) -> list[Question]:
    """The questions asked on a day of the period, oldest first."""
    rows = connection.execute(
        f"SELECT {', '.join(QUESTION_COLUMNS)} FROM questions "
        "WHERE asked_on BETWEEN ? AND ? ORDER BY asked_on, id",
        (period.first.isoformat(), period.last.isoformat()),
    ).fetchall()
    return [_question(row) for row in rows]


def update_question_text(connection: sqlite3.Connection, question_id: int, text: str) -> None:
    update_row(connection, "questions", question_id, {"text": text})


def delete_question(connection: sqlite3.Connection, question_id: int) -> Question:
    question = get_question(connection, question_id)
    delete_row(connection, "questions", question_id)
    return question

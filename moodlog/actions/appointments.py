"""`moodlog appointment` and `moodlog ask`: appointments with a provider, and the questions
to ask at the next one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from moodlog.actions import clock
from moodlog.domain.appointments import (
    Appointment,
    Question,
    check_question,
    check_with,
    last_appointment,
    next_appointment,
)
from moodlog.domain.days import DaySpec
from moodlog.errors import InvalidValue
from moodlog.storage import appointments as rows
from moodlog.storage.journal import Journal


@dataclass(frozen=True)
class AppointmentList:
    appointments: list[Appointment]
    today: date
    last: Appointment | None  # where a report made today starts by default
    next: Appointment | None


def add_appointment(
    journal: Journal, on: DaySpec, with_text: str | None, now: datetime | None = None
) -> Appointment:
    """Record an appointment, past or upcoming."""
    now = clock.now(now)
    with journal.transaction() as connection:
        day = on.resolve(clock.today(journal, now))
        with_whom = check_with(with_text)
        for existing in rows.list_appointments(connection):
            same_person = (existing.with_whom or "").casefold() == (with_whom or "").casefold()
            if existing.day == day and same_person:
                raise InvalidValue(
                    f"appointment {existing} is already in the journal (id {existing.id}); "
                    "'moodlog appointment list' shows them all"
                )
        appointment = Appointment(day=day, with_whom=with_whom, recorded_at=now)
        appointment.id = rows.insert_appointment(connection, appointment)
    return appointment


def list_appointments(journal: Journal, now: datetime | None = None) -> AppointmentList:
    now = clock.now(now)
    with journal.transaction() as connection:
        today = clock.today(journal, now)
        appointments = rows.list_appointments(connection)
    return AppointmentList(
        appointments,
        today,
        last_appointment(appointments, today),
        next_appointment(appointments, today),
    )


def delete_appointment(journal: Journal, appointment_id: int) -> Appointment:
    with journal.transaction() as connection:
        deleted = rows.delete_appointment(connection, appointment_id)
    journal.forget_old_versions()
    return deleted


def ask(journal: Journal, text: str, now: datetime | None = None) -> Question:
    """Save a question for the provider; it is listed on each report until marked done."""
    now = clock.now(now)
    question_text = check_question(text)
    with journal.transaction() as connection:
        question = Question(text=question_text, asked_on=clock.today(journal, now), recorded_at=now)
        question.id = rows.insert_question(connection, question)
    return question


def open_questions(journal: Journal, now: datetime | None = None) -> list[Question]:
    now = clock.now(now)
    with journal.transaction() as connection:
        today = clock.today(journal, now)
        return [question for question in rows.list_questions(connection) if question.open_on(today)]


def mark_done(journal: Journal, question_id: int, now: datetime | None = None) -> Question:
    """Mark a question done (asked and answered): it leaves the next reports."""
    now = clock.now(now)
    with journal.transaction() as connection:
        question = rows.get_question(connection, question_id)
        if question.done_on is not None:
            raise InvalidValue(
                f"question {question_id} was already marked done on {question.done_on}"
            )
        question.done_on = clock.today(journal, now)
        question.done_on = max(question.done_on, question.asked_on)
        rows.mark_question_done(connection, question_id, question.done_on)
    return question

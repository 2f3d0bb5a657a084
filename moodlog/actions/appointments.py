"""`moodlog appointment` and `moodlog ask`: appointments with a provider, and the questions
to ask at the next one."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date, datetime

from moodlog.actions import clock
from moodlog.actions.listing import Edited, listing_period
from moodlog.domain.appointments import (
    Appointment,
    Question,
    check_question,
    check_with,
    last_appointment,
    next_appointment,
)
from moodlog.domain.days import DaySpec, Period, PeriodLength
from moodlog.domain.listing import Listing
from moodlog.errors import InvalidValue
from moodlog.storage import appointments as rows
from moodlog.storage.journal import Journal


@dataclass(frozen=True)
class AppointmentList:
    appointments: list[Appointment]
    today: date
    last: Appointment | None  # where a report made today starts by default
    next: Appointment | None
    period: Period | None = None  # the period listed; None: every appointment


def _refuse_the_same_appointment(connection: sqlite3.Connection, appointment: Appointment) -> None:
    """One appointment per day and person: a second one is most likely the first typed again."""
    with_whom = (appointment.with_whom or "").casefold()
    for existing in rows.list_appointments(connection):
        same_person = (existing.with_whom or "").casefold() == with_whom
        if existing.id != appointment.id and existing.day == appointment.day and same_person:
            raise InvalidValue(
                f"appointment {existing} is already in the journal (id {existing.id}); "
                "'moodlog appointment list' shows them all"
            )


def add_appointment(
    journal: Journal, on: DaySpec, with_text: str | None, now: datetime | None = None
) -> Appointment:
    """Record an appointment, past or upcoming."""
    now = clock.now(now)
    with journal.transaction() as connection:
        day = on.resolve(clock.today(journal, now), ahead=True)
        appointment = Appointment(day=day, with_whom=check_with(with_text), recorded_at=now)
        _refuse_the_same_appointment(connection, appointment)
        appointment.id = rows.insert_appointment(connection, appointment)
    return appointment


def list_appointments(
    journal: Journal,
    last: PeriodLength | None = None,
    since: DaySpec | None = None,
    until: DaySpec | None = None,
    now: datetime | None = None,
) -> AppointmentList:
    """The appointments of a period (with none given, all of them), and which of all of them
    is the last before today and the next."""
    now = clock.now(now)
    with journal.transaction(write=False) as connection:
        today = clock.today(journal, now)
        every = rows.list_appointments(connection)
        period = listing_period(connection, last, since, until, None, now)
        listed = every if period is None else rows.appointments_in(connection, period)
    return AppointmentList(
        listed,
        today,
        last_appointment(every, today),
        next_appointment(every, today),
        period,
    )


def show_appointment(journal: Journal, appointment_id: int) -> Appointment:
    with journal.transaction(write=False) as connection:
        return rows.get_appointment(connection, appointment_id)


def edit_appointment(
    journal: Journal,
    appointment_id: int,
    on: DaySpec | None,
    with_text: str | None,
    clear_with: bool = False,
    now: datetime | None = None,
) -> Edited[Appointment]:
    """Move an appointment to another day (past or upcoming) or change whom it is with."""
    if with_text is not None and clear_with:
        raise InvalidValue("give --with or --clear-with, not both")
    now = clock.now(now)
    with journal.transaction() as connection:
        before = rows.get_appointment(connection, appointment_id)
        after = replace(before)
        if on is not None:
            after.day = on.resolve(clock.today(journal, now), ahead=True)
        if with_text is not None:
            after.with_whom = check_with(with_text)
        if clear_with:
            after.with_whom = None
        if after != before:
            _refuse_the_same_appointment(connection, after)
            rows.update_appointment(connection, after)
    if after.with_whom != before.with_whom:
        journal.forget_old_versions()
    return Edited(before, after)


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


def list_questions(
    journal: Journal,
    last: PeriodLength | None = None,
    since: DaySpec | None = None,
    until: DaySpec | None = None,
    now: datetime | None = None,
) -> Listing[Question]:
    """The questions asked in a period, done ones too; with no period given, all of them."""
    with journal.transaction(write=False) as connection:
        period = listing_period(connection, last, since, until, None, now)
        questions = (
            rows.list_questions(connection)
            if period is None
            else rows.questions_in(connection, period)
        )
    return Listing(period, questions)


def show_question(journal: Journal, question_id: int) -> Question:
    with journal.transaction(write=False) as connection:
        return rows.get_question(connection, question_id)


def edit_question(journal: Journal, question_id: int, text: str) -> Edited[Question]:
    """Reword a question; whether it is done stays as it was."""
    question_text = check_question(text)
    with journal.transaction() as connection:
        before = rows.get_question(connection, question_id)
        after = replace(before, text=question_text)
        if after != before:
            rows.update_question_text(connection, question_id, question_text)
    if after != before:
        journal.forget_old_versions()
    return Edited(before, after)


def delete_question(journal: Journal, question_id: int) -> Question:
    """Delete a question for good: its text is overwritten in the file, not just unlinked."""
    with journal.transaction() as connection:
        deleted = rows.delete_question(connection, question_id)
    journal.forget_old_versions()
    return deleted


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

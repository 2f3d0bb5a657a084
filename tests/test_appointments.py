"""Appointments and the questions to ask at the next one."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

from moodlog.domain.appointments import Appointment, Question, last_appointment
from tests.conftest import Run

NOW = datetime(2025, 3, 1, 12, 0).astimezone()


def test_appointment_added_shows_in_the_list(moodlog: Run) -> None:
    added = moodlog("appointment", "add", "2025-01-10", "--with", "Dr Rao")
    assert added.exit_code == 0, added.output
    assert "2025-01-10 with Dr Rao" in added.output
    listed = moodlog("appointment", "list")
    assert listed.exit_code == 0, listed.output
    assert "2025-01-10" in listed.output
    assert "Dr Rao" in listed.output


def test_upcoming_appointment_is_listed_as_next(moodlog: Run) -> None:
    upcoming = (date.today() + timedelta(days=10)).isoformat()
    past = (date.today() - timedelta(days=20)).isoformat()
    moodlog("appointment", "add", past, "--with", "Dr Rao")
    moodlog("appointment", "add", upcoming, "--with", "Dr Rao")
    listed = moodlog("appointment", "list")
    assert "last: reports start here" in listed.output
    assert "next" in listed.output


def test_same_appointment_twice_is_refused(moodlog: Run) -> None:
    moodlog("appointment", "add", "2025-01-10", "--with", "Dr Rao")
    again = moodlog("appointment", "add", "2025-01-10", "--with", "dr rao")
    assert again.exit_code == 1
    assert "already in the journal" in again.output


def test_two_providers_on_one_day_are_both_kept(moodlog: Run) -> None:
    assert moodlog("appointment", "add", "2025-01-10", "--with", "Dr Rao").exit_code == 0
    assert moodlog("appointment", "add", "2025-01-10", "--with", "therapist").exit_code == 0


def test_appointment_on_a_date_that_does_not_exist_names_the_date(moodlog: Run) -> None:
    result = moodlog("appointment", "add", "2025-02-30")
    assert result.exit_code == 1
    assert "2025-02-30" in result.output
    assert "Traceback" not in result.output


def test_appointment_recorded_by_mistake_can_be_deleted(moodlog: Run) -> None:
    moodlog("appointment", "add", "2025-01-10")
    deleted = moodlog("appointment", "delete", "1", "--yes")
    assert deleted.exit_code == 0, deleted.output
    assert "No appointments yet" in moodlog("appointment", "list").output
    missing = moodlog("appointment", "delete", "1", "--yes")
    assert missing.exit_code == 1
    assert "appointment 1 is not in the journal" in missing.output


def test_question_stays_listed_until_marked_done(moodlog: Run) -> None:
    asked = moodlog("ask", "Could the new dose be why I wake at 4?")
    assert asked.exit_code == 0, asked.output
    assert "Could the new dose be why I wake at 4?" in moodlog("ask", "--list").output
    done = moodlog("ask", "--done", "1")
    assert done.exit_code == 0, done.output
    assert "No open questions" in moodlog("ask", "--list").output


def test_marking_a_question_done_twice_says_when(moodlog: Run) -> None:
    moodlog("ask", "Is this dose right?")
    moodlog("ask", "--done", "1")
    again = moodlog("ask", "--done", "1")
    assert again.exit_code == 1
    assert "already marked done" in again.output


def test_ask_needs_one_thing_to_do(moodlog: Run) -> None:
    nothing = moodlog("ask")
    assert nothing.exit_code == 1
    assert "--list" in nothing.output
    both = moodlog("ask", "A question", "--list")
    assert both.exit_code == 1


def test_empty_question_is_refused(moodlog: Run) -> None:
    result = moodlog("ask", "   ")
    assert result.exit_code == 1
    assert "empty" in result.output


def test_unknown_question_id_names_it(moodlog: Run) -> None:
    result = moodlog("ask", "--done", "7")
    assert result.exit_code == 1
    assert "question 7 is not in the journal" in result.output


def test_tables_use_the_documented_names(moodlog: Run, journal_file: Path) -> None:
    moodlog("appointment", "add", "2025-01-10", "--with", "Dr Rao")
    moodlog("ask", "Is this dose right?")
    with sqlite3.connect(journal_file) as connection:
        appointment = connection.execute("SELECT day, with_whom FROM appointments").fetchone()
        question = connection.execute("SELECT text, done_on FROM questions").fetchone()
    assert appointment == ("2025-01-10", "Dr Rao")
    assert question == ("Is this dose right?", None)


def test_the_last_appointment_is_the_latest_before_the_day() -> None:
    appointments = [
        Appointment(date(2025, 1, 10), "Dr Rao", NOW, 1),
        Appointment(date(2025, 2, 7), "Dr Rao", NOW, 2),
        Appointment(date(2025, 3, 7), "Dr Rao", NOW, 3),
    ]
    assert last_appointment(appointments, date(2025, 3, 1)) == appointments[1]
    # On the morning of an appointment, the report is for it: the period starts at the one before.
    assert last_appointment(appointments, date(2025, 2, 7)) == appointments[0]
    assert last_appointment(appointments, date(2025, 1, 10)) is None


def test_a_question_is_open_from_asking_until_done() -> None:
    question = Question("Why?", date(2025, 1, 5), NOW, done_on=date(2025, 1, 20))
    assert not question.open_on(date(2025, 1, 4))
    assert question.open_on(date(2025, 1, 5))
    assert question.open_on(date(2025, 1, 19))
    assert not question.open_on(date(2025, 1, 20))

"""Appointments with a provider and the questions to ask at the next one.

The report's default period runs from the last appointment to today. "The last appointment"
is the latest one dated *before* the report's last day: on the morning of an appointment,
today's appointment is the one the report is for, not the start of its period.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from moodlog.domain.dates import day_text
from moodlog.domain.days import (
    DaySpec,
    Period,
    PeriodLength,
    read_period_length,
    resolve_day,
    resolve_period,
)
from moodlog.errors import InvalidValue

MAX_WITH = 80
MAX_QUESTION = 500


@dataclass
class Appointment:
    day: date
    with_whom: str | None
    recorded_at: datetime
    id: int | None = None

    def __str__(self) -> str:
        return self.day.isoformat() + (f" with {self.with_whom}" if self.with_whom else "")


@dataclass
class Question:
    """A question for the provider, listed on every report until it is marked done."""

    text: str
    asked_on: date
    recorded_at: datetime
    done_on: date | None = None
    id: int | None = None

    def open_on(self, day: date) -> bool:
        """True when the question had been asked and was not yet done on ``day``."""
        return self.asked_on <= day and (self.done_on is None or self.done_on > day)


def check_with(text: str | None) -> str | None:
    """Who the appointment is with (a name or a role), or None."""
    if text is None or not text.strip():
        return None
    name = " ".join(text.split())
    if len(name) > MAX_WITH:
        raise InvalidValue(
            f"who it is with ({text!r}) is {len(name)} characters long; allowed: up to {MAX_WITH}"
        )
    return name


def check_question(text: str) -> str:
    """A question on one line, as it will be printed on the report."""
    question = " ".join(text.split())
    if not question:
        raise InvalidValue('the question is empty; write it in quotes, e.g. moodlog ask "..."')
    if len(question) > MAX_QUESTION:
        raise InvalidValue(
            f"the question is {len(question)} characters long; allowed: up to {MAX_QUESTION}"
        )
    return question


def last_appointment(appointments: Iterable[Appointment], before: date) -> Appointment | None:
    """The latest appointment dated before ``before`` (the report's last day), if any."""
    earlier = [appointment for appointment in appointments if appointment.day < before]
    return max(
        earlier, key=lambda appointment: (appointment.day, appointment.id or 0), default=None
    )


def next_appointment(appointments: Iterable[Appointment], on_or_after: date) -> Appointment | None:
    """The first appointment on or after ``on_or_after``, if any: the one a report is for."""
    later = [appointment for appointment in appointments if appointment.day >= on_or_after]
    return min(later, key=lambda appointment: (appointment.day, appointment.id or 0), default=None)


DEFAULT_REPORT_LENGTH = read_period_length("30d")


def report_period(
    today: date,
    appointments: Iterable[Appointment],
    last: PeriodLength | None,
    since: DaySpec | None,
    until: DaySpec | None,
    since_appointment: bool,
    default_end: date | None = None,
) -> tuple[Period, str]:
    """The report's period and, in words, why: a length (``last``) or a first day (``since``)
    as given; else since the last appointment before the period's last day; else the last 30
    days. The period ends on ``until``, else ``default_end`` (a later day holding an entry made
    where the clock was ahead), else today. The command line refuses more than one of them,
    naming its options."""
    if sum((last is not None, since is not None, since_appointment)) > 1:
        raise InvalidValue(
            "a report's period is a length, a first day or since the last appointment, not two"
        )
    if last or since:
        period = resolve_period(today, last, since, until, DEFAULT_REPORT_LENGTH, default_end)
        return period, (f"the last {last}" if last else f"since {day_text(period.first)}")
    end = resolve_day(until, today) if until is not None else default_end or today
    appointment = last_appointment(appointments, end)
    if appointment is not None:
        with_whom = f" with {appointment.with_whom}" if appointment.with_whom else ""
        words = f"since the appointment on {day_text(appointment.day)}{with_whom}"
        return Period(appointment.day, end), words
    if since_appointment:
        raise InvalidValue(
            f"no appointment is recorded before {end} for the report to start from; add one "
            "with 'moodlog appointment add D' or choose a period with --last 30d"
        )
    period = resolve_period(
        today, DEFAULT_REPORT_LENGTH, None, until, DEFAULT_REPORT_LENGTH, default_end
    )
    return period, "the last 30 days, no appointment recorded before them"

"""The ``daily`` export: one row for every day of a period, logged or not. Plain Python.

A day's 0-10 scales are the mean of its entries (with mood's lowest and highest), sleep is the
latest recorded value of the day, symptoms the mean on each scale, urges the
strongest of the day, polarity the day's kind where elevation is tracked
(:func:`moodlog.domain.polarity.day_polarity`, as page 1 counts days). Doses are counted with
:func:`moodlog.domain.doses.day_doses` under the one rule of what is due
(:class:`moodlog.domain.doses.DueRule`: nothing before the journal's first day, today's doses
once their time has come), as adherence counts them everywhere, so a day's counts match the
report's and `moodlog med list`'s. docs/csv.md describes each column.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from moodlog.domain.appointments import Appointment
from moodlog.domain.days import Period, time_in_day
from moodlog.domain.doses import (
    NOT_LOGGED,
    STATUSES,
    DoseLog,
    DueRule,
    current_logs,
    day_doses,
    due_doses,
)
from moodlog.domain.entries import Entry, join_names, join_pairs
from moodlog.domain.medications import STOP, Medicine
from moodlog.domain.polarity import day_polarity
from moodlog.domain.questionnaires import Questionnaire
from moodlog.domain.safety import SafetyFlag, flagged_per_day
from moodlog.domain.therapy import (
    COULD_NOT,
    HELPED,
    NO_CODE,
    NOT_HELPED,
    NOT_THOUGHT_ABOUT,
    THOUGHT_ABOUT,
    Session,
    SkillUse,
    count_skills,
)

DAILY_COLUMNS = (
    "day",
    "logged",
    "entries",
    "backfilled",
    "mood",
    "mood_low",
    "mood_high",
    "anxiety",
    "irritability",
    "energy",
    "sleep_hours",
    "sleep_quality",
    "symptoms",
    "urges",
    "acted",
    "tags",
    "doses_scheduled",
    "doses_taken",
    "doses_missed",
    "doses_skipped",
    "doses_not_logged",
    "doses",
    "prn_uses",
    "skill_uses",
    "skills",
    "skills_used",
    "skills_helped",
    "skills_not_helped",
    "skills_no_code",
    "skills_could_not",
    "skills_thought_about",
    "skills_not_thought_about",
    "sessions",
    "phq9",
    "gad7",
    "safety_flags",
    "appointments",
    "polarity",
)


@dataclass
class JournalRecords:
    """What the daily table is made from: the period's records of every kind."""

    entries: Sequence[Entry] = ()
    medicines: Sequence[Medicine] = ()
    dose_logs: Sequence[DoseLog] = ()
    skill_uses: Sequence[SkillUse] = ()
    sessions: Sequence[Session] = ()
    questionnaires: Sequence[Questionnaire] = ()
    safety_flags: Sequence[SafetyFlag] = ()
    appointments: Sequence[Appointment] = ()


@dataclass
class _Day:
    entries: list[Entry] = field(default_factory=list)
    dose_logs: dict[str, list[DoseLog]] = field(default_factory=dict)  # by medicine key
    skill_uses: list[SkillUse] = field(default_factory=list)
    sessions: int = 0
    totals: dict[str, int] = field(default_factory=dict)  # instrument -> latest total
    safety_flags: int = 0
    appointments: int = 0


def _average(values: Sequence[float]) -> float:
    try:
        return math.fsum(values) / len(values)
    except OverflowError:  # values near the largest float: divide first
        return math.fsum(value / len(values) for value in values)


def _mean(values: Iterable[float]) -> float | None:
    listed = list(values)
    return _average(listed) if listed else None


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _group(records: JournalRecords, period: Period) -> dict[date, _Day]:
    days: dict[date, _Day] = defaultdict(_Day)
    first, last = period.first, period.last
    for entry in records.entries:
        if first <= entry.day <= last:
            days[entry.day].entries.append(entry)
    for log in current_logs(records.dose_logs):
        if first <= log.day <= last:
            days[log.day].dose_logs.setdefault(log.medicine.casefold(), []).append(log)
    for use in records.skill_uses:
        if use.day in period:
            days[use.day].skill_uses.append(use)
    for session in records.sessions:
        if session.day in period:
            days[session.day].sessions += 1
    for questionnaire in sorted(records.questionnaires, key=lambda q: q.id or 0):
        if questionnaire.day in period:
            days[questionnaire.day].totals[questionnaire.instrument] = questionnaire.total
    # A record (an entry or a questionnaire) that met two triggers is one flag.
    for day, count in flagged_per_day(records.safety_flags).items():
        if day in period:
            days[day].safety_flags = count
    for appointment in records.appointments:
        if appointment.day in period:
            days[appointment.day].appointments += 1
    return days


def _entry_values(entries: list[Entry]) -> list[Any]:
    """The columns from ``logged`` to ``tags`` for one day's entries (in the order of the
    day)."""
    if not entries:
        return [0, 0, 0, *([None] * 12)]
    moods = [entry.mood for entry in entries if entry.mood is not None]
    by_recording = sorted(entries, key=lambda entry: (entry.recorded_at, entry.id or 0))
    sleep = [entry.sleep_hours for entry in by_recording if entry.sleep_hours is not None]
    quality = [entry.sleep_quality for entry in by_recording if entry.sleep_quality is not None]
    symptoms: dict[str, list[float]] = defaultdict(list)
    urges: dict[str, int] = {}
    for entry in entries:
        for name, value in entry.symptoms.items():
            symptoms[name].append(value)
        for name, level in entry.urges.items():
            urges[name] = max(level, urges.get(name, level))
    symptom_means = {name: _average(values) for name, values in sorted(symptoms.items())}
    return [
        1,
        len(entries),
        sum(entry.backfilled for entry in entries),
        _mean(moods),
        min(moods, default=None),
        max(moods, default=None),
        _mean(entry.anxiety for entry in entries if entry.anxiety is not None),
        _mean(entry.irritability for entry in entries if entry.irritability is not None),
        _mean(entry.energy for entry in entries if entry.energy is not None),
        sleep[-1] if sleep else None,
        quality[-1] if quality else None,
        join_pairs(symptom_means),
        join_pairs({name: urges[name] for name in sorted(urges)}),
        join_names(_unique(name for entry in entries for name in entry.acted)),
        join_names(_unique(tag for entry in entries for tag in entry.tags)),
    ]


@dataclass(frozen=True)
class _Medicine:
    """A medicine as the daily table looks it up day after day: its key, its first day, and
    whether it is only ever taken as needed (then a day without a log of it holds nothing)."""

    medicine: Medicine
    key: str
    begins: date
    as_needed_only: bool

    @classmethod
    def of(cls, medicine: Medicine) -> _Medicine:
        never_scheduled = all(r.kind == STOP or r.as_needed for r in medicine.history)
        return cls(medicine, medicine.key, medicine.history[0].effective, never_scheduled)


def _dose_values(
    medicines: Sequence[_Medicine], day: date, logs: dict[str, list[DoseLog]], rule: DueRule
) -> list[Any]:
    """The columns from ``doses_scheduled`` to ``prn_uses``: the doses due under ``rule``
    (none before the journal's first day; today's once their time has come) and any logged."""
    counts = dict.fromkeys((*STATUSES, NOT_LOGGED), 0)
    statuses: list[str] = []
    as_needed = 0
    for plan in medicines:
        mine = logs.get(plan.key)
        if mine is None and (plan.as_needed_only or plan.begins > day or day < rule.first_day):
            continue  # nothing due and nothing logged
        state = due_doses(day_doses(plan.medicine, day, mine or ()), rule)
        as_needed += len(state.as_needed)
        for dose in state.doses:
            status = dose.status
            counts[status] += 1
            statuses.append(f"{dose.scheduled.label}={status}")
    return [sum(counts.values()), *counts.values(), ";".join(statuses) or None, as_needed]


def _therapy_values(day: _Day) -> list[Any]:
    """The columns from ``skill_uses`` to ``appointments``: skill logs counted by diary-card
    group (never a mean of the codes, which are categories)."""
    counts = count_skills(day.skill_uses)
    return [
        len(day.skill_uses),
        join_names(_unique(use.skill for use in day.skill_uses)),
        counts.used,
        *(
            counts.of(group)
            for group in (HELPED, NOT_HELPED, NO_CODE, COULD_NOT, THOUGHT_ABOUT, NOT_THOUGHT_ABOUT)
        ),
        day.sessions,
        day.totals.get("phq9"),
        day.totals.get("gad7"),
        day.safety_flags,
        day.appointments,
    ]


def daily_rows(records: JournalRecords, period: Period, rule: DueRule) -> list[tuple[Any, ...]]:
    """One row per day of ``period`` in :data:`DAILY_COLUMNS` order, oldest first, its doses
    counted as ``rule`` says. Days with nothing recorded have their counts at 0 and every other
    value empty (None)."""
    days = _group(records, period)
    medicines = [_Medicine.of(medicine) for medicine in records.medicines if medicine.history]
    empty = _Day()
    rows = []
    for offset in range(period.days):
        day = period.first + timedelta(days=offset)
        records_of_day = days.get(day, empty)
        entries = sorted(
            records_of_day.entries,
            key=lambda entry: (time_in_day(entry.time, rule.day_starts_at), entry.id or 0),
        )
        rows.append(
            (
                day.isoformat(),
                *_entry_values(entries),
                *_dose_values(medicines, day, records_of_day.dose_logs, rule),
                *_therapy_values(records_of_day),
                day_polarity(entries),
            )
        )
    return rows

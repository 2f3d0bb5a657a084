"""A scripted journal for report tests: entries, appointments, questions, and the medication and
therapy records the report takes as plain data (built here by hand, as those parts of the
journal will build them)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from moodlog.analysis.report import ReportInputs
from moodlog.domain.appointments import Appointment, Question
from moodlog.domain.days import Period
from moodlog.domain.entries import Entry
from moodlog.domain.questionnaires import GAD7, PHQ9, answered
from moodlog.domain.report import (
    DoseChange,
    DoseOutcome,
    DoseSpan,
    MedicationRecords,
    PrnUse,
    TherapyRecords,
)
from moodlog.domain.safety import SafetyFlag
from moodlog.domain.scales import PRESETS
from moodlog.domain.therapy import Session, SkillUse, rank_skills

# The records the report takes, given as plain values.


@dataclass(frozen=True)
class MedicineAdherence:
    """An adherence record given as plain values (``percent`` as the adherence function
    computed it)."""

    medicine: str
    taken: int
    scheduled: int
    skipped: int
    not_logged: int
    missed: int
    percent: float | None


@dataclass(frozen=True)
class SideEffect:
    """A side-effect record given as plain values."""

    name: str
    severity: int
    onset: date
    resolved: date | None = None
    medicine: str | None = None


FIRST = date(2025, 1, 6)
LAST = date(2025, 2, 4)  # 30 days
GENERATED = datetime(2025, 2, 4, 9, 30).astimezone()


def entry(day: date, **values: object) -> Entry:
    moment = datetime.combine(day, time(21, 0)).astimezone()
    return Entry(day=day, time=time(21, 0), recorded_at=moment, **values)  # type: ignore[arg-type]


def scripted_entries(period: Period, bipolar: bool = False) -> list[Entry]:
    entries = []
    for index in range(period.days):
        day = period.first + timedelta(days=index)
        if index % 9 == 4:
            continue  # not logged
        mood = round(4 + 2 * math.sin(index / 5), 1)
        symptoms = {}
        if bipolar:
            symptoms = {"elevated": float(index % 4 == 0) * 2, "depressed": float(index % 5 == 1)}
        entries.append(
            entry(
                day,
                mood=mood,
                anxiety=float(6 - index % 4),
                sleep_hours=5.0 if index % 6 == 0 else 7.5,
                symptoms=symptoms,
                tags=["travel"] if index == period.days - 12 else [],
                urges={"self-harm": 1} if index == period.days - 10 else {},
            )
        )
    return entries


def medication(period: Period) -> MedicationRecords:
    change_day = period.first + timedelta(days=14)
    doses = []
    for index in range(period.days):
        day = period.first + timedelta(days=index)
        status = "taken"
        if index in (3, 17):
            status = "missed"
        elif index == 9:
            status = "skipped"
        elif index == 25:
            status = "not logged"
        doses.append(DoseOutcome("sertraline", day, status))  # type: ignore[arg-type]
    adherence = MedicineAdherence("sertraline", 26, 30, 1, 1, 2, 100 * 26 / 29)
    return MedicationRecords(
        adherence=(adherence,),
        previous_adherence=(MedicineAdherence("sertraline", 25, 30, 0, 3, 2, 100 * 25 / 30),),
        doses=tuple(doses),
        prn=(
            PrnUse("lorazepam", period.first + timedelta(days=5)),
            PrnUse("lorazepam", period.first + timedelta(days=18)),
        ),
        changes=(DoseChange("sertraline", change_day, "50 mg", "100 mg", "still low"),),
        spans=(
            DoseSpan(
                "sertraline",
                "50 mg",
                period.first - timedelta(days=30),
                change_day - timedelta(days=1),
            ),
            DoseSpan("sertraline", "100 mg", change_day, period.last, adherence),
        ),
        side_effects=(SideEffect("nausea", 2, change_day + timedelta(days=1), None, "sertraline"),),
    )


def therapy(period: Period) -> TherapyRecords:
    uses = tuple(
        SkillUse(
            period.first + timedelta(days=index),
            "Opposite action",
            "dbt",
            "emotion regulation",
            5,
            GENERATED,
        )
        for index in range(0, period.days, 3)
    )
    on_day_20 = period.first + timedelta(days=20)
    on_day_minus_20 = period.first - timedelta(days=20)
    return TherapyRecords(
        skill_uses=uses,
        sessions=(Session(period.first + timedelta(days=7), "DBT group", None, GENERATED),),
        rankings=tuple(rank_skills(uses)),
        questionnaires=(
            # 16 moderately severe, 12 moderate, 8 mild
            answered(PHQ9, (2, 2, 2, 2, 2, 2, 2, 2, 0), 1, on_day_minus_20, GENERATED),
            answered(PHQ9, (2, 2, 2, 2, 1, 1, 1, 1, 0), 1, on_day_20, GENERATED),
            answered(GAD7, (2, 2, 1, 1, 1, 1, 0), None, on_day_20, GENERATED),
        ),
        safety_flags=(
            SafetyFlag(on_day_20, "self-harm-urge", "self-harm urge 3 of 5", "entry", GENERATED),
        ),
    )


def full_inputs(bipolar: bool = False, days: int = 30, notes: bool = True) -> ReportInputs:
    period = Period(LAST - timedelta(days=days - 1), LAST)
    entries = scripted_entries(Period(period.previous().first, period.last), bipolar)
    if notes:
        entries[-3].note, entries[-3].note_shared = "Slept badly before the exam", True
        entries[-5].note = "My private thought"
    scales = list(PRESETS["bipolar"]) if bipolar else list(PRESETS["depression"])
    return ReportInputs(
        period=period,
        generated=GENERATED,
        entries=entries,
        scales=scales,
        appointments=[
            Appointment(period.first, "Dr Rao", GENERATED, 1),
            Appointment(LAST + timedelta(days=2), "Dr Rao", GENERATED, 2),
        ],
        questions=[
            Question("Is 100 mg the right dose?", LAST - timedelta(days=3), GENERATED, id=1)
        ],
        reason="since the appointment on " + period.first.isoformat(),
        medication=medication(period),
        therapy=therapy(period),
    )

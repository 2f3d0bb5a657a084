"""The medication and therapy records of a period, read from the journal in the shapes the
analysis takes (:mod:`moodlog.domain.report`): what `moodlog report` and `moodlog stats` both
read, inside the command's one transaction.

Adherence is always the one adherence function's (:func:`moodlog.domain.doses.adherence`);
skills are ranked by :func:`moodlog.domain.therapy.rank_skills`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, timedelta
from typing import cast

from moodlog.analysis.report import CHANGE_WINDOW_DAYS
from moodlog.domain.days import Period
from moodlog.domain.dose_history import dose_changes, dose_spans, withdrawn_changes
from moodlog.domain.doses import (
    Adherence,
    DayDoses,
    DoseLog,
    DueRule,
    adherence,
    as_needed_uses,
    doses_by_day,
)
from moodlog.domain.medications import Medicine
from moodlog.domain.report import (
    DoseChange,
    DoseOutcome,
    DoseSpan,
    DoseStatus,
    MedicationRecords,
    PrnUse,
    TherapyRecords,
    WithdrawnChange,
    side_effect_status,
)
from moodlog.domain.therapy import rank_skills
from moodlog.storage import medications as medication_rows
from moodlog.storage import questionnaires as questionnaire_rows
from moodlog.storage import safety as safety_rows
from moodlog.storage import therapy as therapy_rows


def load_medication_records(
    connection: sqlite3.Connection, period: Period, rule: DueRule, with_spans: bool = True
) -> MedicationRecords:
    """Every medicine's records for ``period`` (:func:`medication_and_dose_days`)."""
    return medication_and_dose_days(connection, period, rule, with_spans)[0]


def medication_and_dose_days(
    connection: sqlite3.Connection,
    period: Period,
    rule: DueRule,
    with_spans: bool = True,
    also: Period | None = None,
) -> tuple[MedicationRecords, dict[str, dict[date, DayDoses]]]:
    """Every medicine's records for ``period``, counting the doses ``rule`` says were due: none
    before the journal's first day, none after today, today's once their time has come.

    ``adherence`` and ``previous_adherence``: the adherence function's result for each medicine
    with doses scheduled in the period (and in the one before). ``doses``: each dose scheduled
    on the period's days so far, with what became of it. ``prn``: as-needed uses of both
    periods. ``changes``: starts, changes and stops dated in the period. ``spans``: each dose a
    medicine was on in the period and the one before, with the adherence of its days (left out
    when ``with_spans`` is False: `moodlog stats` does not show dose against response).
    ``side_effects``: those touching the period.

    With them, each medicine's doses day by day, by its name, worked out once over the days
    these figures need and the days of ``also`` (the report's warning signs read them too).
    """
    medicines = medication_rows.load_medicines(connection)
    previous = period.previous()
    spans = {
        medicine.key: dose_spans(medicine, period) if with_spans else [] for medicine in medicines
    }
    first = min([previous.first, *(days.first for found in spans.values() for _, days in found)])
    reach = Period(first, period.last)
    if also is not None:
        reach = Period(min(reach.first, also.first), max(reach.last, also.last))
    logs = medication_rows.doses_in(connection, reach)
    # Each medicine's days are worked out once, then counted for every figure below.
    states = {medicine.key: doses_by_day(medicine, logs, reach, rule) for medicine in medicines}

    this_period: list[Adherence] = []
    previous_period: list[Adherence] = []
    changes: list[DoseChange] = []
    withdrawn: list[WithdrawnChange] = []
    prn: list[PrnUse] = []
    dose_spans_found: list[DoseSpan] = []
    for medicine in medicines:
        by_day = states[medicine.key]
        this = adherence(medicine, logs, period, rule, by_day)
        if this.scheduled:
            this_period.append(this)
            earlier = adherence(medicine, logs, previous, rule, by_day)
            if earlier.scheduled:
                previous_period.append(earlier)
        prn += _prn_uses(medicine, as_needed_uses(medicine, logs, previous, rule, by_day))
        prn += _prn_uses(medicine, as_needed_uses(medicine, logs, period, rule, by_day))
        changes += dose_changes(medicine, period)
        withdrawn += withdrawn_changes(medicine, period)
        for text, days in spans[medicine.key]:
            counted = adherence(medicine, logs, days, rule, by_day)
            dose_spans_found.append(
                DoseSpan(medicine.name, text, days.first, days.last, counted, counted.since)
            )
    effects = [
        effect
        for effect in medication_rows.all_side_effects(connection)
        if side_effect_status(effect, period) is not None
    ]
    records = MedicationRecords(
        adherence=tuple(this_period),
        previous_adherence=tuple(previous_period),
        doses=tuple(_outcomes(medicines, states, period, rule)),
        prn=tuple(prn),
        changes=tuple(sorted(changes, key=lambda change: change.day)),
        spans=tuple(dose_spans_found),
        side_effects=tuple(effects),
        withdrawn=tuple(sorted(withdrawn, key=lambda gone: gone.change.day)),
    )
    return records, {medicine.name: states[medicine.key] for medicine in medicines}


def _prn_uses(medicine: Medicine, uses: Iterable[DoseLog]) -> list[PrnUse]:
    """As-needed doses under the medicine's own name, with the dose taken (the one logged with
    ``--dose``, else the one prescribed that day)."""
    found = []
    for use in uses:
        regimen = medicine.regimen_on(use.day)
        dose = use.dose or (regimen.dose if regimen else None)
        found.append(PrnUse(medicine.name, use.day, str(dose) if dose else None, use.reason))
    return found


def _outcomes(
    medicines: list[Medicine],
    states: dict[str, dict[date, DayDoses]],
    period: Period,
    rule: DueRule,
) -> list[DoseOutcome]:
    """Each dose due on the period's days so far and what became of it."""
    outcomes = []
    for medicine in medicines:
        for day in rule.counted_days(period):
            for state in states[medicine.key][day].doses:
                status = cast(DoseStatus, state.status)
                outcomes.append(DoseOutcome(medicine.name, day, status, state.scheduled.slot))
    return outcomes


def load_therapy_records(connection: sqlite3.Connection, period: Period) -> TherapyRecords:
    """Skill uses and sessions of the period and the one before, the period's skills ranked,
    every questionnaire up to the period's last day, and the period's safety flags."""
    both = Period(period.previous().first, period.last)
    uses = therapy_rows.skill_uses_in(connection, both)
    return TherapyRecords(
        skill_uses=tuple(uses),
        sessions=tuple(therapy_rows.sessions_in(connection, both)),
        rankings=tuple(rank_skills(use for use in uses if use.day in period)),
        questionnaires=tuple(
            questionnaire_rows.questionnaires_in(connection, Period(date.min, period.last))
        ),
        safety_flags=tuple(safety_rows.safety_flags_in(connection, period)),
    )


def first_entry_day(period: Period, medication: MedicationRecords) -> date:
    """The first day whose entries the analysis needs: the previous period's first day, or
    earlier for a dose span (dose against response) or the 28 days before a dose change."""
    starts = [period.previous().first, *(span.first for span in medication.spans)]
    starts += [change.day - timedelta(days=CHANGE_WINDOW_DAYS) for change in medication.changes]
    return min(starts)

"""The report's medication and therapy records, built from the journal's own records in plain
Python: adherence from the one adherence function, dose outcomes from the same day-by-day
schedule, dose changes and dose spans from the regimen history, skills ranked by the therapy
code. `moodlog report` and `moodlog stats` both take their figures from here."""

from __future__ import annotations

from datetime import date, timedelta

from moodlog.domain.days import Period
from moodlog.domain.doses import (
    Adherence,
    DayDoses,
    DoseLog,
    adherence,
    as_needed_uses,
    counted_days,
    doses_by_day,
)
from moodlog.domain.medications import START, STOP, Medicine, Regimen
from moodlog.domain.questionnaires import Questionnaire
from moodlog.domain.report import (
    DoseChange,
    DoseOutcome,
    DoseSpan,
    MedicationRecords,
    TherapyRecords,
    side_effect_status,
)
from moodlog.domain.safety import SafetyFlag
from moodlog.domain.side_effects import SideEffect
from moodlog.domain.therapy import Session, SkillUse, rank_skills

# How far back "the dose before" a period reaches, at the most, so a medicine taken for years
# does not pull years of entries into a 30-day report.
DOSE_BEFORE_DAYS = 90


def _dose_text(record: Regimen) -> str | None:
    """A regimen's daily dose as the report writes it (``100 mg``); None for a stop."""
    if record.kind == STOP or record.schedule is None:
        return None
    per_day = record.per_day()
    return str(per_day) if per_day is not None else record.describe()


def dose_changes(medicine: Medicine, period: Period) -> list[DoseChange]:
    """Starts, dose changes and stops of ``medicine`` dated in the period (as-needed medicines
    included: starting or stopping one is a change a provider wants to see)."""
    changes: list[DoseChange] = []
    for record in medicine.history:
        if record.effective not in period or not medicine.applies(record):
            continue
        before_record = medicine.regimen_on(record.effective - timedelta(days=1))
        before = _dose_text(before_record) if before_record else None
        after = _dose_text(record)
        if record.kind != START and before == after and record.kind != STOP:
            continue  # a schedule change at the same daily dose is not a dose change
        if record.kind == STOP and before_record is None:
            continue
        changes.append(DoseChange(medicine.name, record.effective, before, after, record.reason))
    return changes


DayStates = dict[date, DayDoses]


def dose_spans(
    medicine: Medicine, by_day: DayStates, period: Period, today: date
) -> list[DoseSpan]:
    """Each dose ``medicine`` was on within the period, and the dose before it (reaching back at
    most :data:`DOSE_BEFORE_DAYS`), with its days and adherence over them (``by_day`` from
    :func:`~moodlog.domain.doses.doses_by_day` covering those days)."""
    last = min(period.last, today)
    if last < period.first:
        return []
    earliest = period.first - timedelta(days=DOSE_BEFORE_DAYS)
    spans: list[DoseSpan] = []
    start: date | None = None
    current: str | None = None
    day = earliest
    while day <= last:
        regimen = medicine.regimen_on(day)
        dose = None if regimen is None or regimen.as_needed else _dose_text(regimen)
        if dose != current:
            if current is not None and start is not None:
                end = day - timedelta(days=1)
                spans.append(_span(medicine, current, start, end, by_day, today))
            start, current = day, dose
        day += timedelta(days=1)
    if current is not None and start is not None:
        spans.append(_span(medicine, current, start, last, by_day, today))
    inside = [span for span in spans if span.last >= period.first]
    before = [span for span in spans if span.last < period.first]
    return ([before[-1]] if before and inside else []) + inside


def _span(
    medicine: Medicine, dose: str, first: date, last: date, by_day: DayStates, today: date
) -> DoseSpan:
    days = Period(first, last)
    return DoseSpan(medicine.name, dose, first, last, adherence(medicine, (), days, today, by_day))


def dose_outcomes(
    medicine: Medicine, by_day: DayStates, period: Period, today: date
) -> list[DoseOutcome]:
    """Every scheduled dose of the period (through today) and what became of it."""
    outcomes: list[DoseOutcome] = []
    for day in counted_days(period, today):
        state = by_day[day]
        outcomes.extend(
            DoseOutcome(medicine.name, day, dose.status, dose.scheduled.slot)  # type: ignore[arg-type]
            for dose in state.doses
        )
    return outcomes


def _touches(medicine: Medicine, period: Period) -> bool:
    """Whether the medicine was in force on any day of the period."""
    if medicine.regimen_on(period.first) is not None:
        return True
    return any(record.effective in period for record in medicine.history)


def medication_records(
    medicines: list[Medicine],
    logs: list[DoseLog],
    side_effects: list[SideEffect],
    period: Period,
    today: date,
) -> MedicationRecords:
    """The report's medication records for ``period`` (``logs`` must cover the previous period
    and the dose before, see :func:`logs_needed_from`)."""
    previous = period.previous()
    both = Period(previous.first, period.last)
    current = [m for m in medicines if _touches(m, period)]
    scheduled = [m for m in current if any(not r.as_needed for r in m.history if r.schedule)]
    # Each medicine's days are worked out once, then counted for every figure.
    reach = Period(logs_needed_from(period), period.last)
    states = {m.key: doses_by_day(m, logs, reach, today) for m in scheduled}

    def counted(over: Period) -> tuple[Adherence, ...]:
        results = (adherence(m, (), over, today, states[m.key]) for m in scheduled)
        return tuple(result for result in results if result.scheduled)

    return MedicationRecords(
        adherence=counted(period),
        previous_adherence=counted(previous),
        doses=tuple(
            outcome for m in scheduled for outcome in dose_outcomes(m, states[m.key], period, today)
        ),
        prn=tuple(use for m in medicines for use in as_needed_uses(m, logs, both, today)),
        changes=tuple(
            sorted(
                (change for m in current for change in dose_changes(m, period)),
                key=lambda change: (change.day, change.medicine),
            )
        ),
        spans=tuple(
            span for m in scheduled for span in dose_spans(m, states[m.key], period, today)
        ),
        side_effects=tuple(
            effect for effect in side_effects if side_effect_status(effect, period) is not None
        ),
    )


def logs_needed_from(period: Period) -> date:
    """The first day whose dose logs :func:`medication_records` reads."""
    return min(period.previous().first, period.first - timedelta(days=DOSE_BEFORE_DAYS))


def therapy_records(
    skill_uses: list[SkillUse],
    sessions: list[Session],
    questionnaires: list[Questionnaire],
    safety_flags: list[SafetyFlag],
    period: Period,
) -> TherapyRecords:
    """The report's therapy records: skill uses of the period and the one before, the period's
    sessions, its skills ranked, every questionnaire up to its last day, its safety flags."""
    return TherapyRecords(
        skill_uses=tuple(skill_uses),
        sessions=tuple(session for session in sessions if session.day in period),
        rankings=tuple(rank_skills(use for use in skill_uses if use.day in period)),
        questionnaires=tuple(q for q in questionnaires if q.day <= period.last),
        safety_flags=tuple(flag for flag in safety_flags if flag.day in period),
    )

"""Page 1's figures: the header, the key figures beside the previous period (means,
adherence, PRN use, skills, questionnaires, sessions, polarity) and the lists under the
timeline (dose changes, side effects, safety flags, questions, notes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from moodlog.analysis.daily import ordinal_date
from moodlog.analysis.report.shared import (
    MAX_NOTES,
    SHORT_NIGHT_HOURS,
    ReportInputs,
    tracks_elevation,
)
from moodlog.domain.appointments import Appointment, Question
from moodlog.domain.days import Period
from moodlog.domain.entries import Entry
from moodlog.domain.polarity import day_polarity
from moodlog.domain.questionnaires import Questionnaire
from moodlog.domain.report import (
    AdherenceRecord,
    DoseChange,
    SideEffectRecord,
    SideEffectStatus,
    WithdrawnChange,
    side_effect_status,
)
from moodlog.domain.safety import FlaggedRecord
from moodlog.domain.therapy import SkillCounts, count_skills

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Header:
    period: Period
    reason: str
    days_logged: int
    backfilled: int  # entries of the period recorded on a later day
    generated: datetime
    next_appointment: Appointment | None
    include_notes: bool
    weekly: bool
    safety_flags: int = 0  # records of the period that raised a safety flag

    @property
    def days_line(self) -> str:
        return f"{self.days_logged} of {self.period.days} day" + (
            "" if self.period.days == 1 else "s"
        )


@dataclass(frozen=True)
class Gap:
    """A run of days in a row with no entry."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class Logging:
    """How the period was logged: days with at least one entry, entries back-filled (recorded on
    a later day), and the longest run of days not logged (the earliest, when two are as long)."""

    days: int
    days_logged: int
    backfilled: int
    longest_gap: Gap | None


@dataclass(frozen=True)
class AdherenceFigure:
    medicine: str
    this: AdherenceRecord | None
    previous: AdherenceRecord | None


@dataclass(frozen=True)
class CountFigure:
    label: str
    this: int
    previous: int


@dataclass(frozen=True)
class SkillFigure:
    """Skill logs by diary-card group, this period and the previous one."""

    this: SkillCounts
    previous: SkillCounts


@dataclass(frozen=True)
class QuestionnaireFigure:
    """One form's first and latest answer of the period (the same one when answered once;
    None when not answered in it), and the previous period's latest."""

    title: str
    first: Questionnaire | None
    latest: Questionnaire | None
    previous: Questionnaire | None


@dataclass(frozen=True)
class Polarity:
    """Where elevation is tracked: the period's elevated, depressed and mixed days (out of the
    days that rated elevation or depression) and its nights under 6 hours (out of the nights
    with sleep recorded). moodlog.domain.polarity says what each kind of day is."""

    elevated: int
    depressed: int
    mixed: int
    rated: int
    short_nights: int
    nights: int


@dataclass(frozen=True)
class PolarityFigure:
    this: Polarity
    previous: Polarity


@dataclass(frozen=True)
class Comparison:
    """A value's mean over days before and days after (a dose change; for a
    :class:`MeanFigure`, the previous period and this one), with how many days had it."""

    before: float | None
    n_before: int
    after: float | None
    n_after: int

    @property
    def change(self) -> float | None:
        """After less before; None unless both sides have days."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class MeanFigure(Comparison):
    """A measure's mean over the period (``after``, the mean of its days' means) beside the
    previous period's (``before``), each with the days it was recorded on."""

    label: str
    unit: str


@dataclass(frozen=True)
class KeyFigures:
    previous_period: Period
    means: tuple[MeanFigure, ...]
    adherence: tuple[AdherenceFigure, ...]
    prn: tuple[CountFigure, ...]
    skills: SkillFigure | None
    questionnaires: tuple[QuestionnaireFigure, ...]
    sessions: CountFigure | None = None  # therapy sessions attended (None: none recorded)
    polarity: PolarityFigure | None = None  # only where elevation is tracked


@dataclass(frozen=True)
class Note:
    day: date
    text: str
    shared: bool


@dataclass(frozen=True)
class Lists:
    changes: tuple[DoseChange, ...]
    side_effects: tuple[tuple[SideEffectStatus, SideEffectRecord], ...]
    safety_flags: tuple[FlaggedRecord, ...]  # oldest first
    questions: tuple[Question, ...]
    notes: tuple[Note, ...]
    earlier_notes: int  # shared notes of the period left out (older than the MAX_NOTES shown)
    # Changes dated in the period and withdrawn: listed apart, never in force.
    withdrawn: tuple[WithdrawnChange, ...] = ()


def polarity(entries: Sequence[Entry], daily: pd.DataFrame, period: Period) -> Polarity:
    """Elevated, depressed and mixed days and nights under 6 hours of ``period``; ``daily`` is
    its daily frame (:meth:`DailyValues.over`), whose sleep is each day's latest recorded."""
    by_day: dict[date, list[Entry]] = {}
    for entry in entries:
        if entry.day in period:
            by_day.setdefault(entry.day, []).append(entry)
    kinds = [day_polarity(day_entries) for day_entries in by_day.values()]
    sleep = [float(hours) for hours in daily["sleep_hours"].dropna()]
    return Polarity(
        elevated=kinds.count("elevated"),
        depressed=kinds.count("depressed"),
        mixed=kinds.count("mixed"),
        rated=sum(1 for kind in kinds if kind is not None),
        short_nights=sum(1 for hours in sleep if hours < SHORT_NIGHT_HOURS),
        nights=len(sleep),
    )


def logging_summary(daily: pd.DataFrame) -> Logging:
    """Days logged, entries back-filled and the longest gap, from a daily frame
    (:meth:`DailyValues.over`)."""
    logged = [bool(value) for value in daily["logged"]]
    ordinals = [int(ordinal) for ordinal in daily.index]
    longest: tuple[int, int] | None = None
    start: int | None = None
    for position, is_logged in enumerate([*logged, True]):  # a logged day closes the last run
        if not is_logged and start is None:
            start = position
        elif is_logged and start is not None:
            if longest is None or position - start > longest[1] - longest[0] + 1:
                longest = (start, position - 1)
            start = None
    gap = None
    if longest is not None:
        gap = Gap(ordinal_date(ordinals[longest[0]]), ordinal_date(ordinals[longest[1]]))
    return Logging(
        days=len(logged),
        days_logged=sum(logged),
        backfilled=int(daily["backfilled"].sum()),
        longest_gap=gap,
    )


def _mean(series: pd.Series) -> tuple[float | None, int]:
    values = series.dropna()
    return (float(values.mean()) if len(values) else None), len(values)


# (label, column of the daily frame, unit): the means page 1 sets beside the previous period.
KEY_MEASURES: tuple[tuple[str, str, str], ...] = (
    ("Mood", "mood", "0-10"),
    ("Anxiety", "anxiety", "0-10"),
    ("Sleep", "sleep_hours", "hours"),
)


def mean_figures(
    daily: pd.DataFrame,
    previous: pd.DataFrame,
    measures: Sequence[tuple[str, str, str]] = KEY_MEASURES,
) -> tuple[MeanFigure, ...]:
    """Each measure's mean over the period (the mean of its days' means) beside the previous
    period's; ``measures`` are (label, column, unit), columns of both frames."""
    figures = []
    for label, column, unit in measures:
        before, n_before = _mean(previous[column])
        after, n_after = _mean(daily[column])
        figures.append(MeanFigure(before, n_before, after, n_after, label, unit))
    return tuple(figures)


def key_figures(inputs: ReportInputs, daily: pd.DataFrame, previous: pd.DataFrame) -> KeyFigures:
    period = inputs.period
    means = mean_figures(daily, previous)
    medication, therapy = inputs.medication, inputs.therapy
    earlier = {item.medicine: item for item in medication.previous_adherence}
    adherence = tuple(
        AdherenceFigure(item.medicine, item, earlier.get(item.medicine))
        for item in medication.adherence
    )
    prn_medicines = sorted({use.medicine for use in medication.prn})
    prn = tuple(
        CountFigure(
            f"{medicine} PRN",
            sum(1 for use in medication.prn if use.medicine == medicine and use.day in period),
            sum(
                1
                for use in medication.prn
                if use.medicine == medicine and use.day in period.previous()
            ),
        )
        for medicine in prn_medicines
    )
    skills = None
    if therapy.skill_uses:
        skills = SkillFigure(
            count_skills(use for use in therapy.skill_uses if use.day in period),
            count_skills(use for use in therapy.skill_uses if use.day in period.previous()),
        )
    questionnaires = [
        figure
        for title in ("PHQ-9", "GAD-7")
        if (figure := questionnaire_figure(therapy.questionnaires, title, period)) is not None
    ]
    sessions = None
    if therapy.sessions:
        sessions = CountFigure(
            "Sessions attended",
            sum(1 for session in therapy.sessions if session.day in period),
            sum(1 for session in therapy.sessions if session.day in period.previous()),
        )
    polarity_figure = None
    if tracks_elevation(inputs):
        polarity_figure = PolarityFigure(
            polarity(inputs.entries, daily, period),
            polarity(inputs.entries, previous, period.previous()),
        )
    return KeyFigures(
        previous_period=period.previous(),
        means=means,
        adherence=adherence,
        prn=prn,
        skills=skills,
        questionnaires=tuple(questionnaires),
        sessions=sessions,
        polarity=polarity_figure,
    )


def questionnaire_figure(
    answers: Sequence[Questionnaire], title: str, period: Period
) -> QuestionnaireFigure | None:
    """The form's first and latest answer in ``period`` and the latest of the period before
    (in the order answered: day, then time recorded); None when neither period has one."""
    ordered = sorted((q for q in answers if q.title == title), key=lambda q: (q.day, q.recorded_at))
    now = [q for q in ordered if q.day in period]
    before = [q for q in ordered if q.day in period.previous()]
    if not now and not before:
        return None
    return QuestionnaireFigure(
        title,
        now[0] if now else None,
        now[-1] if now else None,
        before[-1] if before else None,
    )


def lists(inputs: ReportInputs, flagged: Sequence[FlaggedRecord]) -> Lists:
    period = inputs.period
    medication = inputs.medication
    effects = []
    for effect in medication.side_effects:
        status = side_effect_status(effect, period)
        if status is not None:
            effects.append((status, effect))
    effects.sort(key=lambda item: (("new", "ongoing", "resolved").index(item[0]), item[1].onset))
    notes = list(
        Note(entry.day, entry.note.strip(), entry.note_shared)
        for entry in inputs.entries
        if entry.day in period
        and entry.note
        and entry.note.strip()
        and (entry.note_shared or inputs.include_notes)
    )
    return Lists(
        changes=tuple(
            sorted(
                (change for change in medication.changes if change.day in period),
                key=lambda change: change.day,
            )
        ),
        side_effects=tuple(effects),
        safety_flags=tuple(flagged),
        withdrawn=tuple(gone for gone in medication.withdrawn if gone.change.day in period),
        questions=tuple(inputs.questions),
        notes=tuple(notes[-MAX_NOTES:]),
        earlier_notes=max(0, len(notes) - MAX_NOTES),
    )

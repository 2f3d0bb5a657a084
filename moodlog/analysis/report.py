"""Every figure of the provider report, computed once from the journal's records.

:func:`analyse` turns :class:`ReportInputs` (plain records read from the journal) into a
:class:`Report`: the header, the key figures beside the previous period, the timeline's series
on shared dates, the lists under it, and the detail views. The rendering code only draws what
is here; nothing on the report is computed anywhere else. `moodlog stats`
(:mod:`moodlog.analysis.stats`) calls these same functions on the same inputs, so the terminal
and the report never disagree.

Choices a provider may ask about (docs/report.md says the same):

- a day's value is the mean of its entries; a period's mean is the mean of its days' means;
- periods over 120 days are drawn as weekly means (weeks Monday to Sunday);
- "sleep against mood" compares days after a night under 6 hours with days after 6 hours or
  more (the day's mood, the night before's sleep); "skill days against the next day's anxiety"
  compares the anxiety of the day after a day with a skill used against the day after a logged
  day without one. Each gives its n; the Pearson correlation (sleep hours with mood; a skill
  day, 1 or 0, with the next day's anxiety) is given only when both groups have at least
  7 days.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from moodlog.analysis.daily import (
    DailyValues,
    ordinal_date,
    symptom_frame,
    tag_days,
    urge_frame,
    weekday_of,
)
from moodlog.domain.appointments import Appointment, Question, next_appointment
from moodlog.domain.dates import month_text, tick_text
from moodlog.domain.days import Period
from moodlog.domain.entries import Entry
from moodlog.domain.polarity import DEPRESSION_SCALE, ELEVATION_SCALE, day_polarity
from moodlog.domain.questionnaires import Questionnaire
from moodlog.domain.report import (
    DAY_STATUS_ORDER,
    AdherenceRecord,
    DoseChange,
    DoseSpan,
    MedicationRecords,
    SideEffectRecord,
    SideEffectStatus,
    TherapyRecords,
    side_effect_status,
)
from moodlog.domain.safety import FlaggedRecord, flagged_records
from moodlog.domain.scales import Scale
from moodlog.domain.therapy import SkillCounts, SkillRanking, count_skills

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

WEEKLY_OVER_DAYS = 120
CHANGE_WINDOW_DAYS = 28
SHORT_NIGHT_HOURS = 6.0
MIN_GROUP_DAYS = 7
URGE_WEEKS_MAX = 26  # a longer diary-card grid is drawn by month
LIFE_CHART_SCALES = (ELEVATION_SCALE, DEPRESSION_SCALE)
MAX_NOTES = 20  # the most recent notes of a long period; the rest are counted, not printed


@dataclass(frozen=True)
class ReportInputs:
    """What the report is made from, read from the journal in one transaction.

    ``entries`` reach back to the previous period's first day (and to the earliest dose span,
    for dose against response); ``questions`` are the ones not yet marked done: they are for
    the coming appointment, whatever period the report covers.
    """

    period: Period
    generated: datetime
    entries: Sequence[Entry]
    scales: Sequence[Scale] = ()
    appointments: Sequence[Appointment] = ()
    questions: Sequence[Question] = ()
    include_notes: bool = False
    reason: str = ""  # why this period: "since your appointment on 2025-01-10"
    medication: MedicationRecords = field(default_factory=MedicationRecords)
    therapy: TherapyRecords = field(default_factory=TherapyRecords)


# --- page 1: header and key figures -------------------------------------------------------


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
class KeyFigures:
    previous_period: Period
    means: tuple[MeanFigure, ...]
    adherence: tuple[AdherenceFigure, ...]
    prn: tuple[CountFigure, ...]
    skills: SkillFigure | None
    questionnaires: tuple[QuestionnaireFigure, ...]
    sessions: CountFigure | None = None  # therapy sessions attended (None: none recorded)
    polarity: PolarityFigure | None = None  # only where elevation is tracked


# --- page 1: the timeline -----------------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    day: date
    position: float
    kind: Literal["appointment", "dose change"]
    label: str


@dataclass(frozen=True)
class AdherenceStrip:
    """One medicine's row: per day its status, or per week its adherence (0-1, NaN when none
    was logged)."""

    medicine: str
    positions: npt.NDArray[np.float64]
    widths: npt.NDArray[np.float64]
    statuses: tuple[str, ...] = ()
    rates: npt.NDArray[np.float64] | None = None


@dataclass(frozen=True)
class PrnTicks:
    medicine: str
    positions: npt.NDArray[np.float64]
    counts: npt.NDArray[np.int64]


@dataclass(frozen=True)
class Timeline:
    """Everything drawn on page 1's panels, on one axis: position 0 is the period's first day;
    in weekly mode each row is a week (position its middle, ``width`` its days)."""

    period: Period
    weekly: bool
    series: pd.DataFrame  # position index; mood, anxiety (+_low, _high, _trend), sleep_hours
    life_chart: pd.DataFrame | None  # position index; elevated, depressed (0-3), or None
    tags: dict[str, list[float]]
    markers: tuple[Marker, ...]
    adherence: tuple[AdherenceStrip, ...]
    prn: tuple[PrnTicks, ...]
    skills: pd.Series | None  # position index; skills used per day (or week)
    sessions: tuple[float, ...]
    has_medicines: bool
    has_therapy: bool
    safety_flags: tuple[float, ...] = ()  # positions of the days with a safety flag

    def position(self, day: date) -> float:
        return float((day - self.period.first).days)


# --- page 1: the lists --------------------------------------------------------------------


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


# --- pages 2+: detail ---------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    n: int
    median: float
    q1: float
    q3: float
    low: float
    high: float
    values: tuple[float, ...]


@dataclass(frozen=True)
class DoseResponse:
    span: DoseSpan
    in_period: bool
    mood: Spread | None
    anxiety: Spread | None


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
class ChangeComparison:
    """Mood and anxiety in the 28 days before a dose change and the 28 days from it (fewer when
    the period ends sooner), each with its n."""

    change: DoseChange
    days_after: int
    mood: Comparison
    anxiety: Comparison


@dataclass(frozen=True)
class ScaleRow:
    name: str
    low: float
    high: float
    values: pd.Series  # position index (day or week), NaN when not recorded
    widths: npt.NDArray[np.float64]  # days each value covers (1, or the week's days)


@dataclass(frozen=True)
class UrgeGrid:
    by: Literal["week", "month"]
    columns: tuple[str, ...]  # column labels
    urges: tuple[str, ...]
    levels: npt.NDArray[np.float64]  # urges × columns, highest level; NaN when none recorded
    acted: npt.NDArray[np.bool_]  # urges × columns


@dataclass(frozen=True)
class GroupComparison:
    """Two groups of days and a value compared between them (see the module's docstring)."""

    what: str
    group_a: str
    n_a: int
    mean_a: float | None
    group_b: str
    n_b: int
    mean_b: float | None
    correlation: float | None  # only when both groups have MIN_GROUP_DAYS days or more
    x: tuple[float, ...] = ()
    y: tuple[float, ...] = ()

    @property
    def enough(self) -> bool:
        return self.n_a >= MIN_GROUP_DAYS and self.n_b >= MIN_GROUP_DAYS


@dataclass(frozen=True)
class Coverage:
    """Logging by week: each week's Monday, its days in the period, days logged, and days
    whose every entry was back-filled."""

    weeks: tuple[date, ...]
    days: npt.NDArray[np.int64]
    logged: npt.NDArray[np.int64]
    backfilled: npt.NDArray[np.int64]


@dataclass(frozen=True)
class WeekdayPattern:
    mood: tuple[float | None, ...]  # Monday … Sunday
    anxiety: tuple[float | None, ...]
    days: tuple[int, ...]


@dataclass(frozen=True)
class Details:
    dose_response: tuple[DoseResponse, ...]
    changes: tuple[ChangeComparison, ...]
    scales: tuple[ScaleRow, ...]
    urges: UrgeGrid | None
    questionnaires: tuple[Questionnaire, ...]
    rankings: tuple[SkillRanking, ...]
    sleep_mood: GroupComparison
    skill_anxiety: GroupComparison | None
    coverage: Coverage
    weekday: WeekdayPattern


@dataclass(frozen=True)
class Report:
    header: Header
    key_figures: KeyFigures
    timeline: Timeline
    lists: Lists
    details: Details
    has_medicines: bool
    has_therapy: bool
    bipolar: bool


# --- analysis -----------------------------------------------------------------------------


def has_data(inputs: ReportInputs) -> bool:
    """True when the period holds anything to report: an entry, or a medication or therapy
    record of the period."""
    period = inputs.period
    if any(entry.day in period for entry in inputs.entries):
        return True
    medication, therapy = inputs.medication, inputs.therapy
    return (
        any(dose.day in period for dose in medication.doses)
        or any(use.day in period for use in medication.prn)
        or any(change.day in period for change in medication.changes)
        or any(use.day in period for use in therapy.skill_uses)
        or any(session.day in period for session in therapy.sessions)
        or any(answer.day in period for answer in therapy.questionnaires)
    )


def analyse(inputs: ReportInputs) -> Report:
    period = inputs.period
    days = DailyValues(inputs.entries)
    daily = days.over(period)
    previous = days.over(period.previous())
    weekly = period.days > WEEKLY_OVER_DAYS
    bipolar = tracks_elevation(inputs)
    logged = logging_summary(daily)
    flagged = period_flags(inputs)
    header = Header(
        period=period,
        reason=inputs.reason,
        days_logged=logged.days_logged,
        backfilled=logged.backfilled,
        generated=inputs.generated,
        next_appointment=next_appointment(inputs.appointments, period.last),
        include_notes=inputs.include_notes,
        weekly=weekly,
        safety_flags=len(flagged),
    )
    return Report(
        header=header,
        key_figures=key_figures(inputs, daily, previous),
        timeline=timeline(inputs, daily, weekly, bipolar, flagged),
        lists=lists(inputs, flagged),
        details=details(inputs, days, daily, weekly),
        has_medicines=not inputs.medication.is_empty(),
        has_therapy=not inputs.therapy.is_empty(),
        bipolar=bipolar,
    )


def tracks_elevation(inputs: ReportInputs) -> bool:
    """Whether the journal tracks elevation (the bipolar preset's scales)."""
    return any(scale.name in LIFE_CHART_SCALES for scale in inputs.scales)


def period_flags(inputs: ReportInputs) -> tuple[FlaggedRecord, ...]:
    """The period's safety flags, one per record that raised any, oldest first: what page 1
    counts, lists and marks, and what `moodlog stats` counts."""
    period = inputs.period
    return tuple(
        flagged_records(flag for flag in inputs.therapy.safety_flags if flag.day in period)
    )


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


def _week_bins(period: Period) -> tuple[list[int], list[int]]:
    """The first and last ordinal of each week (Monday to Sunday) of the period, clipped."""
    first, last = period.first.toordinal(), period.last.toordinal()
    starts, ends = [], []
    start = first
    while start <= last:
        end = min(start + 6 - weekday_of(start), last)
        starts.append(start)
        ends.append(end)
        start = end + 1
    return starts, ends


def _to_weeks(frame: pd.DataFrame, period: Period, how: dict[str, str]) -> pd.DataFrame:
    """Aggregate a day-indexed frame (ordinal index) by week, Monday to Sunday, clipped to the
    period; the result is indexed by each week's middle position and carries its ``width``."""
    import numpy as np
    import pandas as pd

    first = period.first.toordinal()
    ordinals = frame.index.to_numpy()
    week_start = np.maximum(ordinals - (ordinals - 1) % 7, first)
    grouped = frame.groupby(week_start).agg(how)
    starts = grouped.index.to_numpy()
    ends = np.minimum(starts - (starts - 1) % 7 + 6, period.last.toordinal())
    grouped.index = pd.Index((starts + ends) / 2 - first)
    grouped["width"] = (ends - starts + 1).astype("float64")
    return grouped


def _day_positions(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    positioned = frame.copy()
    positioned.index = frame.index.to_numpy() - period.first.toordinal()
    positioned["width"] = 1.0
    return positioned


def timeline(
    inputs: ReportInputs,
    daily: pd.DataFrame,
    weekly: bool,
    bipolar: bool,
    flagged: Sequence[FlaggedRecord],
) -> Timeline:
    import numpy as np
    import pandas as pd

    period = inputs.period
    first = period.first.toordinal()
    columns = [
        "mood",
        "mood_low",
        "mood_high",
        "mood_trend",
        "anxiety",
        "anxiety_low",
        "anxiety_high",
        "anxiety_trend",
        "sleep_hours",
    ]
    if weekly:
        # A week's dot is the mean of its days' means, its range the lowest and highest day.
        series = _to_weeks(
            daily[["mood", "anxiety", "sleep_hours"]].assign(
                mood_low=daily["mood"],
                mood_high=daily["mood"],
                anxiety_low=daily["anxiety"],
                anxiety_high=daily["anxiety"],
            ),
            period,
            {
                "mood": "mean",
                "mood_low": "min",
                "mood_high": "max",
                "anxiety": "mean",
                "anxiety_low": "min",
                "anxiety_high": "max",
                "sleep_hours": "mean",
            },
        )
        series["mood_trend"] = np.nan
        series["anxiety_trend"] = np.nan
    else:
        series = _day_positions(daily[columns], period)
    life_chart = None
    if bipolar:
        worst = symptom_frame(inputs.entries, period, how="max")
        chart = pd.DataFrame(
            {name: worst.get(name, np.nan) for name in LIFE_CHART_SCALES},
            index=worst.index,
        )
        life_chart = (
            _to_weeks(chart, period, {name: "max" for name in LIFE_CHART_SCALES})
            if weekly
            else _day_positions(chart, period)
        )
    tags = {
        tag: [float(day - first) for day in days]
        for tag, days in tag_days(inputs.entries, period).items()
    }
    markers = [
        Marker(
            appointment.day,
            float((appointment.day - period.first).days),
            "appointment",
            "appointment" + (f" ({appointment.with_whom})" if appointment.with_whom else ""),
        )
        for appointment in inputs.appointments
        if appointment.day in period
    ]
    markers += [
        Marker(change.day, float((change.day - period.first).days), "dose change", change.label)
        for change in inputs.medication.changes
        if change.day in period
    ]
    markers.sort(key=lambda marker: (marker.day, marker.kind))
    skills = None
    therapy = inputs.therapy
    if therapy.skill_uses:
        counts = pd.Series(
            [use.day.toordinal() for use in therapy.skill_uses if use.day in period and use.used],
            dtype="int64",
        ).value_counts()
        per_day = counts.reindex(pd.RangeIndex(first, period.last.toordinal() + 1), fill_value=0)
        skills_frame = per_day.to_frame("skills").astype("float64")
        skills_frame = (
            _to_weeks(skills_frame, period, {"skills": "sum"})
            if weekly
            else _day_positions(skills_frame, period)
        )
        skills = skills_frame["skills"]
    return Timeline(
        period=period,
        weekly=weekly,
        series=series,
        life_chart=life_chart,
        tags=tags,
        markers=tuple(markers),
        adherence=adherence_strips(inputs.medication, period, weekly),
        prn=prn_ticks(inputs.medication, period),
        skills=skills,
        sessions=tuple(
            float((session.day - period.first).days)
            for session in therapy.sessions
            if session.day in period
        ),
        has_medicines=not inputs.medication.is_empty(),
        has_therapy=not therapy.is_empty(),
        safety_flags=tuple(
            float((day - period.first).days) for day in sorted({flag.day for flag in flagged})
        ),
    )


def adherence_strips(
    medication: MedicationRecords, period: Period, weekly: bool
) -> tuple[AdherenceStrip, ...]:
    """Per medicine with scheduled doses: each day's most telling status (DAY_STATUS_ORDER),
    or in weekly mode each week's share of due doses taken, taken ÷ (scheduled − skipped).

    The weekly shade counts the dose outcomes it is given; it is a picture, not a figure. The
    adherence printed anywhere on the report is the adherence function's own result."""
    import numpy as np
    import pandas as pd

    doses = [dose for dose in medication.doses if dose.day in period]
    if not doses:
        return ()
    frame = pd.DataFrame(
        {
            "medicine": [dose.medicine for dose in doses],
            "day": [dose.day.toordinal() for dose in doses],
            "rank": [DAY_STATUS_ORDER.index(dose.status) for dose in doses],
            "taken": [dose.status == "taken" for dose in doses],
            "due": [dose.status != "skipped" for dose in doses],
            "logged": [dose.status != "not logged" for dose in doses],
        }
    )
    first = period.first.toordinal()
    order = [item.medicine for item in medication.adherence]
    medicines = sorted(
        set(frame["medicine"]),
        key=lambda m: (m not in order, order.index(m) if m in order else 0, m),
    )
    strips = []
    for medicine in medicines:
        rows = frame[frame["medicine"] == medicine]
        if weekly:
            by_day = rows.groupby("day")[["taken", "due", "logged"]].sum()
            weeks = _to_weeks(by_day, period, {"taken": "sum", "due": "sum", "logged": "sum"})
            rates = np.where(
                (weeks["due"] > 0) & (weeks["logged"] > 0),
                weeks["taken"] / weeks["due"].where(weeks["due"] > 0, 1),
                np.nan,
            )
            strips.append(
                AdherenceStrip(
                    medicine,
                    weeks.index.to_numpy(dtype="float64"),
                    weeks["width"].to_numpy(dtype="float64"),
                    rates=rates.astype("float64"),
                )
            )
        else:
            worst = rows.groupby("day")["rank"].min()
            strips.append(
                AdherenceStrip(
                    medicine,
                    (worst.index.to_numpy() - first).astype("float64"),
                    np.ones(len(worst)),
                    statuses=tuple(DAY_STATUS_ORDER[int(rank)] for rank in worst),
                )
            )
    return tuple(strips)


def prn_ticks(medication: MedicationRecords, period: Period) -> tuple[PrnTicks, ...]:
    import numpy as np

    ticks = []
    for medicine in sorted({use.medicine for use in medication.prn}):
        counts: dict[int, int] = {}
        for use in medication.prn:
            if use.medicine == medicine and use.day in period:
                offset = (use.day - period.first).days
                counts[offset] = counts.get(offset, 0) + 1
        if counts:
            ticks.append(
                PrnTicks(
                    medicine,
                    np.array(sorted(counts), dtype="float64"),
                    np.array([counts[day] for day in sorted(counts)], dtype="int64"),
                )
            )
    return tuple(ticks)


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
        questions=tuple(inputs.questions),
        notes=tuple(notes[-MAX_NOTES:]),
        earlier_notes=max(0, len(notes) - MAX_NOTES),
    )


def _spread(values: pd.Series) -> Spread | None:
    present = values.dropna()
    if present.empty:
        return None
    q1, median, q3 = (float(v) for v in present.quantile([0.25, 0.5, 0.75]))
    return Spread(
        n=len(present),
        median=median,
        q1=q1,
        q3=q3,
        low=float(present.min()),
        high=float(present.max()),
        values=tuple(float(v) for v in present),
    )


def dose_response(inputs: ReportInputs, days: DailyValues) -> tuple[DoseResponse, ...]:
    """For each dose span, the spread of the daily mood and anxiety means on its days."""
    spans = inputs.medication.spans
    if not spans:
        return ()
    first = min(span.first for span in spans)
    last = max(span.last for span in spans)
    daily = days.over(Period(first, last))
    rows = []
    for span in spans:
        on_dose = daily.loc[span.first.toordinal() : span.last.toordinal()]
        rows.append(
            DoseResponse(
                span=span,
                in_period=span.last >= inputs.period.first,
                mood=_spread(on_dose["mood"]),
                anxiety=_spread(on_dose["anxiety"]),
            )
        )
    return tuple(rows)


def change_comparisons(inputs: ReportInputs, days: DailyValues) -> tuple[ChangeComparison, ...]:
    """For each dose change of the period: mood and anxiety over the 28 days before it and the
    28 days from it (up to the period's last day)."""
    period = inputs.period
    rows = []
    for change in inputs.medication.changes:
        if change.day not in period:
            continue
        window = Period(
            change.day - timedelta(days=CHANGE_WINDOW_DAYS),
            min(change.day + timedelta(days=CHANGE_WINDOW_DAYS - 1), period.last),
        )
        daily = days.over(window)
        split = change.day.toordinal()
        compared = {}
        for name in ("mood", "anxiety"):
            before = daily.loc[: split - 1, name].dropna()
            after = daily.loc[split:, name].dropna()
            compared[name] = Comparison(
                float(before.mean()) if len(before) else None,
                len(before),
                float(after.mean()) if len(after) else None,
                len(after),
            )
        rows.append(
            ChangeComparison(
                change, (window.last - change.day).days + 1, compared["mood"], compared["anxiety"]
            )
        )
    return tuple(rows)


def scale_rows(inputs: ReportInputs, daily: pd.DataFrame, weekly: bool) -> tuple[ScaleRow, ...]:
    """Irritability, energy, sleep quality and each symptom scale with values in the period."""
    period = inputs.period
    symptoms = symptom_frame(inputs.entries, period)
    ranges = {scale.name: (scale.low, scale.high) for scale in inputs.scales}
    columns: list[tuple[str, float, float, pd.Series]] = [
        ("irritability", 0, 10, daily["irritability"]),
        ("energy", 0, 10, daily["energy"]),
        ("sleep quality", 1, 5, daily["sleep_quality"]),
    ]
    known = [scale.name for scale in inputs.scales if scale.name in symptoms]
    others = sorted(name for name in symptoms.columns if name not in ranges)
    for name in [*known, *others]:
        values = symptoms[name]
        low, high = ranges.get(name, (float(values.min()), float(values.max())))
        columns.append((name, low, high, values))
    rows = []
    for name, low, high, values in columns:
        if values.notna().sum() == 0:
            continue
        frame = values.to_frame("value")
        placed = (
            _to_weeks(frame, period, {"value": "mean"}) if weekly else _day_positions(frame, period)
        )
        rows.append(
            ScaleRow(name, low, high, placed["value"], placed["width"].to_numpy(dtype="float64"))
        )
    return tuple(rows)


def urge_grid(inputs: ReportInputs) -> UrgeGrid | None:
    """The DBT diary card's urges: the highest level of each urge per week (per month when the
    period has more than 26 weeks), and whether it was acted on."""
    import numpy as np

    period = inputs.period
    urges = urge_frame(inputs.entries, period)
    if urges.empty:
        return None
    starts, _ = _week_bins(period)
    by: Literal["week", "month"] = "week" if len(starts) <= URGE_WEEKS_MAX else "month"
    if by == "week":
        keys = [start for start in starts]
        labels = [tick_text(date.fromordinal(start)) for start in starts]
        column_of = np.searchsorted(np.array(keys), urges["day"].to_numpy(), side="right") - 1
    else:
        months = []
        cursor = period.first.replace(day=1)
        while cursor <= period.last:
            months.append(cursor)
            cursor = (cursor + timedelta(days=32)).replace(day=1)
        keys = [month.toordinal() for month in months]
        labels = [month_text(month) for month in months]
        column_of = np.searchsorted(np.array(keys), urges["day"].to_numpy(), side="right") - 1
    names = list(dict.fromkeys(sorted(urges["urge"], key=_urge_order)))
    levels = np.full((len(names), len(keys)), np.nan)
    acted = np.zeros((len(names), len(keys)), dtype=bool)
    for row, name in enumerate(names):
        mask = (urges["urge"] == name).to_numpy()
        for column, level, did in zip(
            column_of[mask],
            urges["level"].to_numpy()[mask],
            urges["acted"].to_numpy()[mask],
            strict=True,
        ):
            if not np.isnan(level):
                current = levels[row, column]
                levels[row, column] = level if np.isnan(current) else max(current, level)
            acted[row, column] |= bool(did)
    return UrgeGrid(by, tuple(labels), tuple(names), levels, acted)


def _urge_order(name: str) -> tuple[int, str]:
    from moodlog.domain.entries import BUILT_IN_URGES

    return (BUILT_IN_URGES.index(name) if name in BUILT_IN_URGES else len(BUILT_IN_URGES), name)


def sleep_against_mood(daily: pd.DataFrame) -> GroupComparison:
    both = daily[["sleep_hours", "mood"]].dropna()
    short = both[both["sleep_hours"] < SHORT_NIGHT_HOURS]
    enough = both[both["sleep_hours"] >= SHORT_NIGHT_HOURS]
    correlation = None
    if len(short) >= MIN_GROUP_DAYS and len(enough) >= MIN_GROUP_DAYS:
        correlation = _pearson(both["sleep_hours"], both["mood"])
    return GroupComparison(
        what="mood",
        group_a=f"after a night under {SHORT_NIGHT_HOURS:g} h",
        n_a=len(short),
        mean_a=float(short["mood"].mean()) if len(short) else None,
        group_b=f"after {SHORT_NIGHT_HOURS:g} h or more",
        n_b=len(enough),
        mean_b=float(enough["mood"].mean()) if len(enough) else None,
        correlation=correlation,
        x=tuple(float(v) for v in both["sleep_hours"]),
        y=tuple(float(v) for v in both["mood"]),
    )


def skill_days_against_next_anxiety(
    inputs: ReportInputs, daily: pd.DataFrame
) -> GroupComparison | None:
    """Next-day anxiety after a day with a skill used, against after a logged day without."""
    if not inputs.therapy.skill_uses:
        return None
    used_days = {
        use.day.toordinal()
        for use in inputs.therapy.skill_uses
        if use.day in inputs.period and use.used
    }
    next_anxiety = daily["anxiety"].shift(-1)
    logged = daily[daily["logged"]].index
    skill_day = logged.isin(sorted(used_days))
    following = next_anxiety.loc[logged]
    with_skill = following[skill_day].dropna()
    without = following[~skill_day].dropna()
    correlation = None
    if len(with_skill) >= MIN_GROUP_DAYS and len(without) >= MIN_GROUP_DAYS:
        import pandas as pd

        indicator = pd.Series(skill_day.astype("float64"), index=logged)
        paired = pd.DataFrame({"skill": indicator, "anxiety": following}).dropna()
        correlation = _pearson(paired["skill"], paired["anxiety"])
    return GroupComparison(
        what="next day's anxiety",
        group_a="after a day with a skill used",
        n_a=len(with_skill),
        mean_a=float(with_skill.mean()) if len(with_skill) else None,
        group_b="after a logged day without",
        n_b=len(without),
        mean_b=float(without.mean()) if len(without) else None,
        correlation=correlation,
    )


def _pearson(x: pd.Series, y: pd.Series) -> float | None:
    if x.std() == 0 or y.std() == 0:
        return None
    return float(x.corr(y))


def coverage(daily: pd.DataFrame, period: Period) -> Coverage:
    import numpy as np

    starts, ends = _week_bins(period)
    logged = daily["logged"].to_numpy()
    all_backfilled = (daily["backfilled"] == daily["entries"]).to_numpy() & logged
    first = period.first.toordinal()
    logged_counts, backfilled_counts = [], []
    for start, end in zip(starts, ends, strict=True):
        logged_counts.append(int(logged[start - first : end - first + 1].sum()))
        backfilled_counts.append(int(all_backfilled[start - first : end - first + 1].sum()))
    return Coverage(
        weeks=tuple(date.fromordinal(start - weekday_of(start)) for start in starts),
        days=np.array([end - start + 1 for start, end in zip(starts, ends, strict=True)]),
        logged=np.array(logged_counts),
        backfilled=np.array(backfilled_counts),
    )


def weekday_pattern(daily: pd.DataFrame) -> WeekdayPattern:
    weekdays = (daily.index.to_numpy() - 1) % 7
    grouped = daily.groupby(weekdays)
    mood = grouped["mood"].mean().reindex(range(7))
    anxiety = grouped["anxiety"].mean().reindex(range(7))
    days = grouped["mood"].count().reindex(range(7), fill_value=0)

    def values(series: pd.Series) -> tuple[float | None, ...]:
        return tuple(None if math.isnan(value) else float(value) for value in series)

    return WeekdayPattern(values(mood), values(anxiety), tuple(int(n) for n in days))


def details(inputs: ReportInputs, days: DailyValues, daily: pd.DataFrame, weekly: bool) -> Details:
    period = inputs.period
    therapy = inputs.therapy
    return Details(
        dose_response=dose_response(inputs, days),
        changes=change_comparisons(inputs, days),
        scales=scale_rows(inputs, daily, weekly),
        urges=urge_grid(inputs),
        questionnaires=tuple(
            sorted((q for q in therapy.questionnaires if q.day in period), key=lambda q: q.day)
        ),
        rankings=tuple(therapy.rankings),
        sleep_mood=sleep_against_mood(daily),
        skill_anxiety=skill_days_against_next_anxiety(inputs, daily),
        coverage=coverage(daily, period),
        weekday=weekday_pattern(daily),
    )

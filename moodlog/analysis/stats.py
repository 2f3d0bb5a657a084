"""`moodlog stats`: the report's figures, for the terminal.

Every figure here comes from :mod:`moodlog.analysis.report`'s own functions, called on the same
:class:`~moodlog.analysis.report.ReportInputs` the report is made from: the means beside the
previous period (:func:`mean_figures`: the report's three key measures, then the other scales),
adherence, PRN uses, skills, sessions, the latest questionnaires and, where elevation is
tracked, the polarity counts (:func:`key_figures`), the safety flags (:func:`period_flags`), days
logged and the longest gap (:func:`logging_summary`), sleep against mood and skill days against
the next day's anxiety (:func:`sleep_against_mood`, :func:`skill_days_against_next_anxiety`),
and each dose change with 28 days either side (:func:`change_comparisons`).

The one thing computed here is what the report draws as charts instead: each measure's
sparkline. Its points are the days' means, or, when the period has more days than
:data:`SPARKLINE_POINTS`, the means of its weeks (Monday to Sunday, as the report's weekly
mode), months, quarters or years, the shortest that fits; a point is the mean of the logged
days' means inside it, and empty when none was logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from moodlog.analysis.daily import DailyValues, symptom_frame
from moodlog.analysis.report import (
    KEY_MEASURES,
    ChangeComparison,
    GroupComparison,
    KeyFigures,
    Logging,
    MeanFigure,
    ReportInputs,
    change_comparisons,
    has_data,
    key_figures,
    logging_summary,
    mean_figures,
    period_flags,
    skill_days_against_next_anxiety,
    sleep_against_mood,
)
from moodlog.domain.days import Period
from moodlog.domain.safety import FlaggedRecord
from moodlog.domain.therapy import SkillRanking

if TYPE_CHECKING:
    import pandas as pd

# At most this many points in a sparkline: it fits on an 80-column line after its label, and
# shows two months day by day.
SPARKLINE_POINTS = 64
SLEEP_HOURS_TOP = 12.0  # a sparkline's top block for sleep: 12 hours or more

Unit = Literal["day", "week", "month", "quarter", "year"]
UNITS: tuple[Unit, ...] = ("day", "week", "month", "quarter", "year")

# The scales after the report's key three: (label, column of the daily frame, unit).
OTHER_MEASURES: tuple[tuple[str, str, str], ...] = (
    ("Irritability", "irritability", "0-10"),
    ("Energy", "energy", "0-10"),
    ("Sleep quality", "sleep_quality", "1-5"),
)
RANGES = {
    "mood": (0.0, 10.0),
    "anxiety": (0.0, 10.0),
    "irritability": (0.0, 10.0),
    "energy": (0.0, 10.0),
    "sleep_hours": (0.0, SLEEP_HOURS_TOP),
    "sleep_quality": (1.0, 5.0),
}
SYMPTOM = "symptom:"  # symptom scales' columns, so a scale's name never clashes with a core one


@dataclass(frozen=True)
class MeasureLine:
    """One measure: its mean beside the previous period's, and its sparkline's points on the
    scale from ``low`` to ``high`` (None where nothing was logged)."""

    figure: MeanFigure
    low: float
    high: float
    points: tuple[float | None, ...]


@dataclass(frozen=True)
class Stats:
    period: Period
    logging: Logging
    unit: Unit  # what one sparkline point is: a day, or the mean of a week, month, …
    measures: tuple[MeasureLine, ...]
    key_figures: KeyFigures
    rankings: tuple[SkillRanking, ...]
    sleep_mood: GroupComparison
    skill_anxiety: GroupComparison | None
    changes: tuple[ChangeComparison, ...]
    has_medicines: bool
    has_data: bool
    safety_flags: tuple[FlaggedRecord, ...] = ()


def _next_start(day: date, unit: Unit) -> date:
    """The first day of the unit after the one ``day`` is in."""
    if unit == "day":
        return day + timedelta(days=1)
    if unit == "week":
        return day + timedelta(days=7 - day.weekday())
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    index = day.year * 12 + day.month - 1
    index = index - index % months + months
    return date(index // 12, index % 12 + 1, 1)


def bins(period: Period, unit: Unit) -> list[Period]:
    """The period cut into days, weeks (Monday to Sunday), calendar months, quarters or years,
    the first and last clipped to the period."""
    cut = []
    first = period.first
    while first <= period.last:
        following = _next_start(first, unit)
        cut.append(Period(first, min(following - timedelta(days=1), period.last)))
        first = following
    return cut


def sparkline_unit(period: Period, points: int = SPARKLINE_POINTS) -> Unit:
    """The shortest unit that cuts the period into at most ``points`` pieces."""
    for unit in UNITS[:-1]:
        if len(bins(period, unit)) <= points:
            return unit
    return UNITS[-1]


def sparkline_points(values: pd.Series, cut: list[Period]) -> tuple[float | None, ...]:
    """The mean of the values (indexed by day ordinal) in each piece; None where there are none."""
    import numpy as np

    starts = np.array([piece.first.toordinal() for piece in cut])
    present = values.dropna()
    if present.empty:
        return tuple(None for _ in cut)
    piece = np.searchsorted(starts, present.index.to_numpy(), side="right") - 1
    means = present.groupby(piece).mean()
    return tuple(float(means[index]) if index in means.index else None for index in range(len(cut)))


def _frames(inputs: ReportInputs, days: DailyValues) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The daily frames of the period and the previous one, each with a column per symptom
    scale recorded in either (its days' means) beside the core scales."""
    period, previous = inputs.period, inputs.period.previous()
    symptoms = symptom_frame(inputs.entries, Period(previous.first, period.last))
    symptoms = symptoms.add_prefix(SYMPTOM)
    frames = []
    for part in (period, previous):
        daily = days.over(part)
        if len(symptoms.columns):
            daily = daily.join(symptoms.loc[part.first.toordinal() : part.last.toordinal()])
        frames.append(daily)
    return frames[0], frames[1]


def _measures(
    inputs: ReportInputs, daily: pd.DataFrame, previous: pd.DataFrame
) -> list[tuple[tuple[str, str, str], float, float]]:
    """Which measures to show, each with its sparkline's scale: the report's key three always,
    the other scales when recorded in the period or the one before."""

    def recorded(column: str) -> bool:
        return bool(daily[column].notna().any() or previous[column].notna().any())

    shown = [(measure, *RANGES[measure[1]]) for measure in KEY_MEASURES]
    shown += [(measure, *RANGES[measure[1]]) for measure in OTHER_MEASURES if recorded(measure[1])]
    ranges = {scale.name: (scale.low, scale.high) for scale in inputs.scales}
    names = [column[len(SYMPTOM) :] for column in daily.columns if column.startswith(SYMPTOM)]
    known = [scale.name for scale in inputs.scales if scale.name in names]
    for name in [*known, *sorted(name for name in names if name not in ranges)]:
        column = SYMPTOM + name
        if name in ranges:
            low, high = ranges[name]
        else:  # a scale since removed: its values' own range
            values = [*daily[column].dropna(), *previous[column].dropna()]
            low, high = float(min(values)), float(max(values))
        shown.append(((name, column, f"{low:g}-{high:g}"), float(low), float(high)))
    return shown


def summarise(inputs: ReportInputs, points: int = SPARKLINE_POINTS) -> Stats:
    """Everything `moodlog stats` prints, from the report's own functions."""
    period = inputs.period
    days = DailyValues(inputs.entries)
    daily, previous = _frames(inputs, days)
    measures = _measures(inputs, daily, previous)
    figures = mean_figures(daily, previous, [measure for measure, _, _ in measures])
    unit = sparkline_unit(period, points)
    cut = bins(period, unit)
    lines = tuple(
        MeasureLine(figure, low, high, sparkline_points(daily[measure[1]], cut))
        for figure, (measure, low, high) in zip(figures, measures, strict=True)
    )
    return Stats(
        period=period,
        logging=logging_summary(daily),
        unit=unit,
        measures=lines,
        key_figures=key_figures(inputs, daily, previous),
        rankings=tuple(inputs.therapy.rankings),
        sleep_mood=sleep_against_mood(daily),
        skill_anxiety=skill_days_against_next_anxiety(inputs, daily),
        changes=change_comparisons(inputs, days),
        has_medicines=not inputs.medication.is_empty(),
        has_data=has_data(inputs),
        safety_flags=period_flags(inputs),
    )

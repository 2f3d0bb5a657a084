"""The detail pages: dose against response, mood and anxiety around each dose change, the
other scales, the urges grid, questionnaires, skill rankings, sleep against mood, skill days
against the next day's anxiety, logging coverage and the weekday pattern."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from moodlog.analysis.daily import DailyValues, symptom_frame, urge_frame, weekday_of
from moodlog.analysis.report.page_one import Comparison
from moodlog.analysis.report.shared import (
    CHANGE_WINDOW_DAYS,
    MIN_GROUP_DAYS,
    SHORT_NIGHT_HOURS,
    URGE_WEEKS_MAX,
    ReportInputs,
    day_positions,
    to_weeks,
    week_bins,
)
from moodlog.domain.dates import month_text, tick_text
from moodlog.domain.days import Period
from moodlog.domain.questionnaires import Questionnaire
from moodlog.domain.report import DoseChange, DoseSpan
from moodlog.domain.therapy import SkillRanking

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd


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
            to_weeks(frame, period, {"value": "mean"}) if weekly else day_positions(frame, period)
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
    starts, _ = week_bins(period)
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

    starts, ends = week_bins(period)
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

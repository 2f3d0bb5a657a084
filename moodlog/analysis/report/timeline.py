"""Page 1's timeline: the mood, anxiety and sleep series on one axis, the life chart, tags,
appointment and dose-change markers, each medicine's adherence strip, PRN ticks, skills,
sessions and safety flags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from moodlog.analysis.daily import symptom_frame, tag_days
from moodlog.analysis.report.shared import (
    LIFE_CHART_SCALES,
    ReportInputs,
    day_positions,
    to_weeks,
)
from moodlog.domain.days import Period
from moodlog.domain.report import (
    DAY_STATUS_ORDER,
    MedicationRecords,
    SignOnReport,
    isolate,
    isolated_label,
    signs_shown,
)
from moodlog.domain.safety import FlaggedRecord

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd


@dataclass(frozen=True)
class Marker:
    day: date
    position: float
    kind: Literal["appointment", "dose change"]
    label: str


@dataclass(frozen=True)
class SignBand:
    """A warning sign that showed in the period: each episode as the positions of its first
    day and of the day after its last (clipped to the period)."""

    name: str
    spans: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class AdherenceStrip:
    """One medicine's row: per day its status, or per week the share of its scheduled doses
    of each status (``shares``: a row per week, a column per :data:`WEEK_STATUSES`)."""

    medicine: str
    positions: npt.NDArray[np.float64]
    widths: npt.NDArray[np.float64]
    statuses: tuple[str, ...] = ()
    shares: npt.NDArray[np.float64] | None = None


WEEK_STATUSES = ("taken", "missed", "skipped", "not logged")


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
    safety_flags: tuple[float, ...] = ()  # positions of the days with a safety flag
    signs: tuple[SignBand, ...] = ()  # the warning signs that showed, the latest first

    def position(self, day: date) -> float:
        return float((day - self.period.first).days)


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
        series = to_weeks(
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
        series = day_positions(daily[columns], period)
    life_chart = None
    if bipolar:
        worst = symptom_frame(inputs.entries, period, how="max")
        chart = pd.DataFrame(
            {name: worst.get(name, np.nan) for name in LIFE_CHART_SCALES},
            index=worst.index,
        )
        life_chart = (
            to_weeks(chart, period, {name: "max" for name in LIFE_CHART_SCALES})
            if weekly
            else day_positions(chart, period)
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
            "appointment"
            + (f" ({isolate(appointment.with_whom)})" if appointment.with_whom else ""),
        )
        for appointment in inputs.appointments
        if appointment.day in period
    ]
    markers += [
        Marker(
            change.day,
            float((change.day - period.first).days),
            "dose change",
            isolated_label(change),
        )
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
            to_weeks(skills_frame, period, {"skills": "sum"})
            if weekly
            else day_positions(skills_frame, period)
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
        safety_flags=tuple(
            float((day - period.first).days) for day in sorted({flag.day for flag in flagged})
        ),
        signs=sign_bands(inputs.warning_signs, period),
    )


def sign_bands(signs: Sequence[SignOnReport], period: Period) -> tuple[SignBand, ...]:
    """The warning signs that showed in the period, the latest first (as page 1 lists them),
    each episode clipped to it."""
    bands = []
    for sign in signs_shown(tuple(signs)):
        spans = tuple(
            (
                float((max(episode.first, period.first) - period.first).days),
                float(((episode.last or period.last) - period.first).days + 1),
            )
            for episode in sign.episodes
        )
        bands.append(SignBand(sign.name, spans))
    return tuple(bands)


def adherence_strips(
    medication: MedicationRecords, period: Period, weekly: bool
) -> tuple[AdherenceStrip, ...]:
    """Per medicine with scheduled doses: each day's most telling status (DAY_STATUS_ORDER),
    or in weekly mode each week's doses by status, as shares of the week's scheduled doses: a
    week of missed doses is told apart from a week not logged.

    The weekly shares count the dose outcomes they are given; they are a picture, not a
    figure. The adherence printed anywhere on the report is the adherence function's own."""
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
            **{status: [dose.status == status for dose in doses] for status in WEEK_STATUSES},
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
            by_day = rows.groupby("day")[list(WEEK_STATUSES)].sum()
            weeks = to_weeks(by_day, period, {status: "sum" for status in WEEK_STATUSES})
            counts = weeks[list(WEEK_STATUSES)].to_numpy(dtype="float64")
            strips.append(
                AdherenceStrip(
                    medicine,
                    weeks.index.to_numpy(dtype="float64"),
                    weeks["width"].to_numpy(dtype="float64"),
                    shares=counts / counts.sum(axis=1, keepdims=True),
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

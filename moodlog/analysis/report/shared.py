"""What every page of the report is made from: the records read from the journal
(:class:`ReportInputs`), the figures' thresholds, and the weeks (Monday to Sunday) a long period
is drawn by."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from moodlog.analysis.daily import weekday_of
from moodlog.domain.appointments import Appointment, Question
from moodlog.domain.days import Period
from moodlog.domain.entries import Entry
from moodlog.domain.polarity import DEPRESSION_SCALE, ELEVATION_SCALE
from moodlog.domain.report import MedicationRecords, SignOnReport, TherapyRecords
from moodlog.domain.safety import FlaggedRecord, flagged_records
from moodlog.domain.scales import Scale

if TYPE_CHECKING:
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
    warning_signs: tuple[SignOnReport, ...] = ()  # every sign, with its episodes in the period


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


def week_bins(period: Period) -> tuple[list[int], list[int]]:
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


def to_weeks(frame: pd.DataFrame, period: Period, how: dict[str, str]) -> pd.DataFrame:
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


def day_positions(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    positioned = frame.copy()
    positioned.index = frame.index.to_numpy() - period.first.toordinal()
    positioned["width"] = 1.0
    return positioned

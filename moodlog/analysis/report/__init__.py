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

from dataclasses import dataclass

from moodlog.analysis.daily import DailyValues
from moodlog.analysis.report.details import (
    ChangeComparison,
    Coverage,
    Details,
    DoseResponse,
    GroupComparison,
    ScaleRow,
    Spread,
    UrgeGrid,
    WeekdayPattern,
    change_comparisons,
    coverage,
    details,
    dose_response,
    scale_rows,
    skill_days_against_next_anxiety,
    sleep_against_mood,
    urge_grid,
    weekday_pattern,
)
from moodlog.analysis.report.page_one import (
    KEY_MEASURES,
    AdherenceFigure,
    Comparison,
    CountFigure,
    Gap,
    Header,
    KeyFigures,
    Lists,
    Logging,
    MeanFigure,
    Note,
    Polarity,
    PolarityFigure,
    QuestionnaireFigure,
    SkillFigure,
    key_figures,
    lists,
    logging_summary,
    mean_figures,
    polarity,
    questionnaire_figure,
)
from moodlog.analysis.report.shared import (
    CHANGE_WINDOW_DAYS,
    LIFE_CHART_SCALES,
    MAX_NOTES,
    MIN_GROUP_DAYS,
    SHORT_NIGHT_HOURS,
    URGE_WEEKS_MAX,
    WEEKLY_OVER_DAYS,
    ReportInputs,
    period_flags,
    tracks_elevation,
)
from moodlog.analysis.report.timeline import (
    WEEK_STATUSES,
    AdherenceStrip,
    Marker,
    PrnTicks,
    SignBand,
    Timeline,
    adherence_strips,
    prn_ticks,
    timeline,
)
from moodlog.domain.appointments import next_appointment
from moodlog.domain.report import SignOnReport


@dataclass(frozen=True)
class Report:
    header: Header
    key_figures: KeyFigures
    timeline: Timeline
    lists: Lists
    details: Details
    has_medicines: bool
    bipolar: bool
    warning_signs: tuple[SignOnReport, ...] = ()  # every sign, with its episodes in the period


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
        bipolar=bipolar,
        warning_signs=tuple(inputs.warning_signs),
    )


__all__ = [
    "CHANGE_WINDOW_DAYS",
    "KEY_MEASURES",
    "LIFE_CHART_SCALES",
    "MAX_NOTES",
    "MIN_GROUP_DAYS",
    "SHORT_NIGHT_HOURS",
    "URGE_WEEKS_MAX",
    "WEEKLY_OVER_DAYS",
    "WEEK_STATUSES",
    "AdherenceFigure",
    "AdherenceStrip",
    "ChangeComparison",
    "Comparison",
    "CountFigure",
    "Coverage",
    "Details",
    "DoseResponse",
    "Gap",
    "GroupComparison",
    "Header",
    "KeyFigures",
    "Lists",
    "Logging",
    "Marker",
    "MeanFigure",
    "Note",
    "Polarity",
    "PolarityFigure",
    "PrnTicks",
    "QuestionnaireFigure",
    "Report",
    "ReportInputs",
    "ScaleRow",
    "SignBand",
    "SkillFigure",
    "Spread",
    "Timeline",
    "UrgeGrid",
    "WeekdayPattern",
    "adherence_strips",
    "analyse",
    "change_comparisons",
    "coverage",
    "details",
    "dose_response",
    "has_data",
    "key_figures",
    "lists",
    "logging_summary",
    "mean_figures",
    "period_flags",
    "polarity",
    "prn_ticks",
    "questionnaire_figure",
    "scale_rows",
    "skill_days_against_next_anxiety",
    "sleep_against_mood",
    "timeline",
    "tracks_elevation",
    "urge_grid",
    "weekday_pattern",
]

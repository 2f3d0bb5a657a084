"""`moodlog stats`: the period's records read in one transaction and summed up by the report's
own analysis (:mod:`moodlog.analysis.stats`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from moodlog.actions import clock
from moodlog.actions.records import first_entry_day, load_medication_records, load_therapy_records
from moodlog.domain.days import DaySpec, Period, PeriodLength, read_period_length, resolve_period
from moodlog.storage.entries import entries_in
from moodlog.storage.journal import Journal
from moodlog.storage.scales import list_scales

if TYPE_CHECKING:
    from moodlog.analysis.report import ReportInputs
    from moodlog.analysis.stats import Stats

DEFAULT_PERIOD = read_period_length("30d")


@dataclass(frozen=True)
class StatsRequest:
    """What was typed after `moodlog stats`."""

    last: PeriodLength | None = None
    since: DaySpec | None = None
    until: DaySpec | None = None


def read_inputs(journal: Journal, request: StatsRequest, now: datetime) -> ReportInputs:
    """The period's entries, medicines and therapy, as the report reads them, in one read."""
    from moodlog.analysis.report import ReportInputs

    with journal.transaction(write=False) as connection:
        rule = clock.due_rule(journal, now)
        period = resolve_period(
            rule.today,
            request.last,
            request.since,
            request.until,
            DEFAULT_PERIOD,
            clock.period_end(connection, rule.today),
        )
        medication = load_medication_records(connection, period, rule, with_spans=False)
        therapy = load_therapy_records(connection, period)
        entries = entries_in(
            connection,
            Period(first_entry_day(period, medication), period.last),
            rule.day_starts_at,
        )
        return ReportInputs(
            period=period,
            generated=now,
            entries=entries,
            scales=list_scales(connection),
            medication=medication,
            therapy=therapy,
        )


def journal_stats(journal: Journal, request: StatsRequest, now: datetime | None = None) -> Stats:
    """Everything `moodlog stats` prints for the period the request names (default: the last
    30 days)."""
    from moodlog.analysis.stats import summarise

    inputs = read_inputs(journal, request, clock.now(now))
    return summarise(inputs)

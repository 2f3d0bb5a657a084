"""What the commands of every kind of record share: the period a `moodlog KIND list` covers,
and a record as it was before an edit and as it is after.

Records a person makes every day (entries, dose logs, skill uses) are listed for the last 14
days unless a period is given; the others (sessions, questionnaires, side effects,
appointments, questions) are few, so all of them are listed unless a period is given
(docs/corrections.md).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

from moodlog.actions import clock
from moodlog.domain.days import (
    DaySpec,
    Period,
    PeriodLength,
    journal_day,
    read_period_length,
    resolve_period,
)

DAILY_PERIOD = read_period_length("14d")

Changed = TypeVar("Changed")


@dataclass(frozen=True)
class Edited(Generic[Changed]):
    """A record as it was before an edit and as it is now."""

    before: Changed
    after: Changed

    @property
    def changed(self) -> bool:
        return self.before != self.after


def listing_period(
    connection: sqlite3.Connection,
    last: PeriodLength | None,
    since: DaySpec | None,
    until: DaySpec | None,
    default_last: PeriodLength | None,
    now: datetime | None = None,
) -> Period | None:
    """The period a listing covers: the one typed; with none typed, ``default_last`` ending
    on the journal's last day, or every record when ``default_last`` is None."""
    if last is None and since is None and until is None and default_last is None:
        return None
    today: date = journal_day(clock.now(now), clock.day_starts_at(connection))
    return resolve_period(
        today, last, since, until, default_last or DAILY_PERIOD, clock.period_end(connection, today)
    )

"""The one clock: the moment now, and today as the journal counts days.

Every action asks here, so "today" means the same everywhere: a day starts at the
``day-starts-at`` setting (default 04:00), so at 00:30 it is still yesterday. Actions take an
optional ``now`` and pass it through :func:`now`, so a test fixes the moment by passing
``now=`` to the action, or, for a whole command, by replacing :func:`now` in this module
(``monkeypatch.setattr(clock, "now", ...)``, as the ``fixed_clock`` test fixture does).

Kept free of heavy imports: `moodlog status` runs at every shell prompt.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta

from moodlog.domain.days import Period, journal_day, parse_time
from moodlog.domain.doses import DEFAULT_SLOT_TIMES, DueRule
from moodlog.domain.settings import SLOT_TIME
from moodlog.storage.days import first_recorded_day, last_entry_day
from moodlog.storage.journal import Journal
from moodlog.storage.settings import all_settings, get_setting


def now(given: datetime | None = None) -> datetime:
    """``given`` when the caller fixed the moment, else the aware local time now."""
    return given if given is not None else datetime.now().astimezone()


def day_starts_at(connection: sqlite3.Connection) -> time:
    """The journal's ``day-starts-at`` setting."""
    return parse_time(get_setting(connection, "day-starts-at"), "day-starts-at")


def today(journal: Journal, moment: datetime | None = None) -> date:
    """Today as the journal counts days (before ``day-starts-at`` it is still yesterday), at
    ``moment`` (default: now)."""
    return journal_day(now(moment), day_starts_at(journal.connection))


# How far ahead a clock elsewhere can run: UTC+14 is 26 hours ahead of UTC-12.
_ZONE_REACH = timedelta(days=2)


def period_end(connection: sqlite3.Connection, today: date) -> date:
    """The day a look back ends on unless told: today, or a later day that holds an entry
    recorded where the clock was ahead (before a change of time zone), so that entry is in the
    period rather than after it. Each entry keeps its own day; only the end moves, and no
    further than a time zone reaches."""
    latest = last_entry_day(connection)
    if latest is not None and today < latest <= today + _ZONE_REACH:
        return latest
    return today


def whole_journal(
    connection: sqlite3.Connection, today: date, first: date | None = None, last: date | None = None
) -> Period:
    """The journal's days: from ``first`` (else its first recorded day) to ``last`` (else
    :func:`period_end`); a journal with nothing recorded is the one day ``last``."""
    last = last or period_end(connection, today)
    first = first or first_recorded_day(connection) or last
    return Period(min(first, last), last)


def due_rule(journal: Journal, moment: datetime | None = None) -> DueRule:
    """Which doses count as due at ``moment`` (default: now): none before the journal's first
    day (with nothing recorded yet, the journal begins today), none after today, and today's
    once their slot's time (the ``slot-time.NAME`` settings) has come."""
    connection = journal.connection
    moment = now(moment)
    settings = all_settings(connection)
    starts_at = parse_time(settings["day-starts-at"], "day-starts-at")
    today = journal_day(moment, starts_at)
    slot_times = tuple(
        (slot, parse_time(settings[SLOT_TIME + slot], SLOT_TIME + slot))
        for slot in DEFAULT_SLOT_TIMES
    )
    return DueRule(
        first_day=first_recorded_day(connection) or today,
        today=today,
        now=moment.time().replace(second=0, microsecond=0),
        day_starts_at=starts_at,
        slot_times=slot_times,
    )

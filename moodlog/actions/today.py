"""Today as the journal counts days. Kept apart from the entry actions so that `moodlog status`,
which runs at every shell prompt, can ask for it without loading them."""

from __future__ import annotations

from datetime import date, datetime, time

from moodlog.domain.days import journal_day, parse_time
from moodlog.storage.journal import Journal
from moodlog.storage.settings import get_setting


def current_day(journal: Journal, now: datetime) -> date:
    """Today as the journal counts days (before ``day-starts-at`` it is still yesterday)."""
    return journal_day(now, day_starts_at(journal))


def day_starts_at(journal: Journal) -> time:
    return parse_time(get_setting(journal.connection, "day-starts-at"), "day-starts-at")

"""What the day's check-in (`moodlog add` with no values in a terminal) offers: the person's
own scales, their recent tags, the skills catalogue and today's doses due and not logged yet,
read in one short transaction before the first question. The answers are saved afterwards by
:func:`moodlog.actions.entries.add_entry`, all in one transaction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from moodlog.actions import clock
from moodlog.domain.days import DaySpec, Period, day_until_today
from moodlog.domain.doses import ScheduledDose, not_yet_logged
from moodlog.domain.scales import Scale
from moodlog.domain.therapy import Skill
from moodlog.storage import medications as medication_rows
from moodlog.storage import therapy as therapy_rows
from moodlog.storage.entries import entries_in
from moodlog.storage.journal import Journal
from moodlog.storage.scales import list_scales

# The tags offered: the most used of the last few weeks, so the usual ones are a number away.
RECENT_TAG_DAYS = 30
RECENT_TAGS = 5


@dataclass
class CheckInOffer:
    """What the check-in asks about beyond the core values, and the day it is about (checked
    before the first question, so a day in the future is refused before any answer)."""

    day: date
    today: date
    scales: list[Scale] = field(default_factory=list)
    recent_tags: list[str] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    doses_due: list[ScheduledDose] = field(default_factory=list)


def check_in_offer(
    journal: Journal, day: DaySpec | None = None, now: datetime | None = None
) -> CheckInOffer:
    """The day the entry is about (``day``, default today), the person's scales, the
    ``RECENT_TAGS`` tags used on most entries of the last ``RECENT_TAG_DAYS`` days (most used
    first, ties by the latest use), the skills catalogue, and, when the entry is about today,
    each dose due by now under the one rule of due doses (as `status` and `took --all` count
    them) that is not logged yet."""
    now = clock.now(now)
    with journal.transaction(write=False) as connection:
        rule = clock.due_rule(journal, now)
        entry_day = day_until_today(day, rule.today, "an entry is about")
        recent = Period(rule.today - timedelta(days=RECENT_TAG_DAYS - 1), rule.today)
        counts: Counter[str] = Counter()
        latest: dict[str, int] = {}
        for order, entry in enumerate(entries_in(connection, recent, rule.day_starts_at)):
            for tag in entry.tags:
                counts[tag] += 1
                latest[tag] = order
        tags = sorted(counts, key=lambda tag: (-counts[tag], -latest[tag]))[:RECENT_TAGS]
        doses: list[ScheduledDose] = []
        if entry_day == rule.today:
            medicines = medication_rows.load_medicines(connection)
            logs = medication_rows.doses_in(connection, Period(rule.today, rule.today))
            doses = not_yet_logged(medicines, logs, rule.from_day(rule.today))
        return CheckInOffer(
            day=entry_day,
            today=rule.today,
            scales=list_scales(connection),
            recent_tags=tags,
            skills=therapy_rows.catalogue(connection),
            doses_due=doses,
        )

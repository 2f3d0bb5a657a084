"""`moodlog demo`: a believable journal in a folder of its own, never the real one.

The story (scaled to the number of days): a low stretch at the start, a slow recovery in the
second half, a run of short nights with a dip in mood two days later, a few life events, a
second entry on some days, a few days not logged at all. Seeded, so the same days give the same
journal.
"""

from __future__ import annotations

import math
import random
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from moodlog.actions.entries import current_day
from moodlog.actions.report import Progress, ReportRequest, make_report
from moodlog.domain.appointments import Appointment, Question
from moodlog.domain.entries import Entry
from moodlog.errors import InvalidValue
from moodlog.storage.appointments import insert_appointment, insert_question
from moodlog.storage.entries import insert_entry
from moodlog.storage.journal import Journal, open_journal
from moodlog.storage.paths import JOURNAL_NAME, locate_journal
from moodlog.storage.scales import apply_presets

MAX_DEMO_DAYS = 3650 * 3

_NOTES = (
    ("Walked to the shops, felt a bit lighter.", True),
    ("Hard to get out of bed. Stayed in most of the day.", True),
    ("Called my sister, good talk.", False),
    ("Racing thoughts at night, could not switch off.", True),
    ("Work was a lot today.", False),
    ("Cooked a proper dinner for the first time in weeks.", False),
)


_QUESTIONS = (
    ("Could the short nights be why my mood dipped afterwards?", False),
    ("Is it normal to feel more tired in the first weeks?", True),
)


@dataclass(frozen=True)
class DemoJournal:
    path: Path
    first: date
    last: date
    entries: int
    appointments: int = 0
    report: tuple[Path, ...] = ()


def demo_folder(out: str | None) -> Path:
    """The folder for the demo journal: ``--out`` or a new temporary folder; never the folder of
    the real journal."""
    if out is None:
        return Path(tempfile.mkdtemp(prefix="moodlog-demo-"))
    folder = Path(out).expanduser().absolute()
    target = folder / JOURNAL_NAME
    real = locate_journal(None).path
    if target.resolve() == real.resolve():
        raise InvalidValue(
            f"--out {out} is where your real journal lives; the demo needs a folder of its own"
        )
    if target.exists():
        raise InvalidValue(
            f"--out {out} already holds a journal ({target}); choose an empty or new folder"
        )
    return folder


def _mood_on(index: int, days: int, rng: random.Random) -> float:
    """The story's mood for day ``index`` of ``days``."""
    progress = index / max(days - 1, 1)
    if days > 400:
        # Years: seasons, with a slow wave of better and worse stretches.
        base = 5.5 + 1.2 * math.sin(2 * math.pi * index / 365.25) + 0.8 * math.sin(index / 97)
    elif progress < 0.4:
        base = 3.8
    else:
        base = 3.8 + 2.6 * min(1.0, (progress - 0.4) / 0.45)
    return base + rng.gauss(0, 0.8)


def _short_nights(days: int) -> range:
    start = int(days * 0.62)
    return range(start, start + max(2, days // 20))


def fill_demo(journal: Journal, days: int, today: date, now: datetime) -> int:
    """Write the story's entries for ``days`` days ending ``today``; returns how many."""
    rng = random.Random(20261126 + days)
    short_nights = _short_nights(days)
    first = today - timedelta(days=days - 1)
    count = 0
    with journal.transaction() as connection:
        apply_presets(connection, ["depression"])
        for index in range(days):
            day = first + timedelta(days=index)
            if rng.random() < 0.1 and index not in (0, days - 1):
                continue  # not logged: the report must show gaps as gaps
            sleep = rng.gauss(7.2, 0.7)
            mood = _mood_on(index, days, rng)
            if index in short_nights:
                sleep = rng.gauss(4.8, 0.5)
            if index - 2 in short_nights:
                mood -= 1.8
            mood = min(10.0, max(0.0, round(mood * 2) / 2))
            anxiety = min(10, max(0, round(8 - mood * 0.8 + rng.gauss(0, 1))))
            tags: list[str] = []
            if rng.random() < 0.25:
                tags.append("exercise")
            if rng.random() < 0.08:
                tags.append("argument")
            if index == days // 3:
                tags.append("travel")
            note, shared = rng.choice(_NOTES) if rng.random() < 0.15 else (None, False)
            evening = Entry(
                day=day,
                time=time(21, rng.randrange(0, 60)),
                recorded_at=datetime.combine(day, time(21, 30), now.tzinfo),
                mood=mood,
                anxiety=anxiety,
                irritability=min(10, max(0, round(rng.gauss(3, 1.2)))),
                energy=min(10, max(0, round(mood * 0.8 + rng.gauss(0, 1)))),
                sleep_hours=round(min(11.0, max(3.0, sleep)) * 4) / 4,
                sleep_quality=min(5, max(1, round((sleep - 3) / 1.2))),
                symptoms={"low-interest": min(3, max(0, round((6 - mood) / 1.5)))},
                tags=tags,
                note=note,
                note_shared=shared,
            )
            if rng.random() < 0.3 or days > 400:
                morning = Entry(
                    day=day,
                    time=time(8, rng.randrange(0, 60)),
                    recorded_at=datetime.combine(day, time(8, 45), now.tzinfo),
                    mood=min(10.0, max(0.0, mood - 0.5)),
                    anxiety=min(10, anxiety + 1),
                )
                insert_entry(connection, morning)
                count += 1
            insert_entry(connection, evening)
            count += 1
    return count


def fill_appointments(journal: Journal, days: int, today: date, now: datetime) -> int:
    """Appointments with the psychiatrist every five weeks or so from the first day (the last
    one a few weeks ago), the next one in six days; a question answered at the last appointment
    and one still open. Returns how many appointments."""
    first = today - timedelta(days=days - 1)
    visits = [first]
    while visits[-1] + timedelta(days=35) <= today - timedelta(days=14):
        visits.append(visits[-1] + timedelta(days=35))
    visits.append(today + timedelta(days=6))
    with journal.transaction() as connection:
        for day in visits:
            insert_appointment(connection, Appointment(day, "Dr Rao (psychiatrist)", now))
        for text, answered in _QUESTIONS:
            asked = max(first, today - timedelta(days=10 if not answered else 40))
            done = visits[-2] if answered and visits[-2] >= asked else None
            insert_question(connection, Question(text, asked, now, done_on=done))
    return len(visits)


def make_demo(
    days: int,
    out: str | None,
    now: datetime | None = None,
    cwd: Path | None = None,
    progress: Progress | None = None,
) -> DemoJournal:
    """Write the demo journal in its own folder, and its report (the whole story) beside it."""
    if not 1 <= days <= MAX_DEMO_DAYS:
        raise InvalidValue(f"--days {days} is out of range; allowed: 1 to {MAX_DEMO_DAYS}")
    now = now or datetime.now().astimezone()
    step = progress or (lambda _: None)
    folder = demo_folder(out)
    path = folder / JOURNAL_NAME
    with open_journal(path) as journal:
        today = current_day(journal, now)
        step(f"writing {days} days of entries")
        count = fill_demo(journal, days, today, now)
        appointments = fill_appointments(journal, days, today, now)
        first = today - timedelta(days=days - 1)
        request = ReportRequest(since=first.isoformat(), out=str(folder))
        written = make_report(journal, request, now=now, cwd=cwd, progress=progress)
    return DemoJournal(path, first, today, count, appointments, tuple(written.paths))

"""`moodlog demo`: a believable journal in a folder of its own, never the real one.

The story (scaled to the number of days): a low stretch at the start; the sertraline dose goes
up a quarter of the way in, and mood recovers some weeks later; a stretch of missed doses; a run
of short nights with a dip in mood two days later; skills practised on many days and a weekly
therapy session; PHQ-9 and GAD-7 every two weeks; a few life events, a second entry on some
days, a few days not logged at all; appointments every five weeks and an open question.
Seeded, so the same days give the same journal.
"""

from __future__ import annotations

import math
import random
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from moodlog.actions import clock
from moodlog.actions.report import Progress, ReportRequest, make_report
from moodlog.domain.appointments import Appointment, Question
from moodlog.domain.days import DaySpec
from moodlog.domain.doses import MISSED, SKIPPED, TAKEN, DoseLog
from moodlog.domain.entries import Entry, read_skill_use
from moodlog.domain.medications import (
    Dose,
    Slot,
    changed_regimen,
    new_regimen,
    parse_dose,
    read_slots,
)
from moodlog.domain.questionnaires import GAD7, PHQ9, answered
from moodlog.domain.therapy import Session, check_skill_use, skill_use
from moodlog.errors import InvalidValue
from moodlog.storage import medications as medication_rows
from moodlog.storage import therapy as therapy_rows
from moodlog.storage.appointments import insert_appointment, insert_question
from moodlog.storage.entries import insert_entry, last_entry_ids
from moodlog.storage.journal import Journal, open_journal
from moodlog.storage.paths import JOURNAL_NAME, locate_journal
from moodlog.storage.questionnaires import insert_questionnaire
from moodlog.storage.scales import apply_presets
from moodlog.storage.targets import check_target

MAX_DEMO_DAYS = 3650 * 3
DEMO_FOLDER = "a new folder, or one that holds no journal"

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


def read_demo_days(text: str, label: str = "days") -> int:
    """How many days the demo tells: a whole number from 1 to :data:`MAX_DEMO_DAYS`."""
    try:
        days = int(text)
    except ValueError:
        raise InvalidValue(
            f"{label} {text!r} is not a whole number; allowed: 1 to {MAX_DEMO_DAYS}"
        ) from None
    if not 1 <= days <= MAX_DEMO_DAYS:
        raise InvalidValue(f"{label} {days} is out of range; allowed: 1 to {MAX_DEMO_DAYS}")
    return days


def demo_folder(out: str | None, out_label: str = "folder", real: Path | None = None) -> Path:
    """The folder for the demo journal: ``out`` or a new temporary folder; never the folder of
    the real journal (``real``, by default the one moodlog finds without ``--db``), nor a file
    (see :mod:`moodlog.storage.targets`). ``out_label`` is what ``out`` is called in
    messages."""
    if out is None:
        return Path(tempfile.mkdtemp(prefix="moodlog-demo-"))
    folder = Path(out).expanduser().absolute()
    target = folder / JOURNAL_NAME
    real = real or locate_journal(None).path
    check_target(folder, real, out_label, out, DEMO_FOLDER)
    if folder.exists() and not folder.is_dir():
        raise InvalidValue(f"{out_label} {out} is a file; allowed: {DEMO_FOLDER}")
    if target.resolve() == real.resolve():
        raise InvalidValue(
            f"{out_label} {out} is where your real journal lives; the demo needs a folder of its "
            "own"
        )
    if target.exists():
        raise InvalidValue(
            f"{out_label} {out} already holds a journal ({target}); choose an empty or new folder"
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


# The medicines of the story: (name, dose, schedule); the last is taken as needed.
_MEDICINES = (
    ("sertraline", "50mg", "morning"),
    ("lamotrigine", None, "morning=100mg,bedtime=100mg"),
    ("quetiapine", "50mg", "bedtime"),
)
_SKILLS = ("opposite", "tipp", "check the facts", "behavioural activation", "wise mind", "stop")


def _missed_stretch(days: int) -> range:
    start = int(days * 0.5)
    return range(start, start + max(2, days // 18))


def _dose(text: str | None) -> Dose | None:
    return parse_dose(text) if text is not None else None


def _slots(text: str | None) -> tuple[Slot, ...] | None:
    return read_slots(text) if text is not None else None


def fill_treatment(journal: Journal, days: int, today: date, now: datetime) -> None:
    """The story's medicines, doses, skills, sessions and questionnaires, beside its entries."""
    rng = random.Random(4242 + days)
    first = today - timedelta(days=days - 1)
    increase = first + timedelta(days=max(1, days // 5))
    # The medicines were started before the journal was: the story opens on a steady regimen.
    started = first - timedelta(days=120)
    missed = _missed_stretch(days)
    with journal.transaction() as connection:
        for name, dose, slots in _MEDICINES:
            medication_rows.insert_regimen(
                connection,
                new_regimen(name, _dose(dose), _slots(slots), None, None, False, started, now),
            )
        medication_rows.insert_regimen(
            connection,
            new_regimen(
                "lorazepam", parse_dose("0.5mg"), None, None, None, True, started, now, "panic"
            ),
        )
        sertraline = medication_rows.load_medicines(connection)
        current = next(m for m in sertraline if m.name == "sertraline").history[-1]
        step_doses = ("100mg", "150mg")  # up from 50 mg, then reviewed up and down over years
        # Reviewed about every 400 days after the first increase, each change in date order.
        change_days = [increase + timedelta(days=n) for n in range(0, days, 400)]
        change_days = [day for day in change_days if day <= today]
        for number, day in enumerate(change_days):
            reason = "still low after 6 weeks" if number == 0 else "reviewed at appointment"
            current = changed_regimen(
                current, parse_dose(step_doses[number % 2]), None, None, None, day, now, reason
            )
            medication_rows.insert_regimen(connection, current)
        medicines = medication_rows.load_medicines(connection)
        catalogue = therapy_rows.catalogue(connection)
        entry_ids = last_entry_ids(connection)
        for index in range(days):
            day = first + timedelta(days=index)
            logged = day.isoformat() in entry_ids
            for medicine in medicines:
                regimen = medicine.regimen_on(day)
                if regimen is None or regimen.schedule is None:
                    continue
                if regimen.as_needed:
                    if rng.random() < 0.05:
                        at = time(rng.randrange(9, 22), rng.randrange(0, 60))
                        log = DoseLog(medicine.name, day, TAKEN, now, None, at, reason="panic")
                        medication_rows.insert_dose(connection, log)
                    continue
                for slot in regimen.schedule.slots:
                    if not logged and rng.random() < 0.7:
                        continue  # a day not logged leaves most doses not logged
                    status = TAKEN
                    if (index in missed and medicine.name == "sertraline") or rng.random() < 0.03:
                        status = MISSED
                    elif medicine.name == "quetiapine" and index == days // 3:
                        status = SKIPPED
                    medication_rows.insert_dose(
                        connection, DoseLog(medicine.name, day, status, now, slot.name)
                    )
            entry_id = entry_ids.get(day.isoformat())
            if entry_id is not None and rng.random() < 0.45:
                for text in rng.sample(_SKILLS, rng.choice((1, 1, 2))):
                    skill, _ = check_skill_use(catalogue, read_skill_use(text))
                    score = rng.randint(3, 7)
                    therapy_rows.insert_skill_use(
                        connection, skill_use(skill, score, day, now, entry_id)
                    )
            if index % 7 == 3:
                therapy_rows.insert_session(connection, Session(day, "individual", None, now))
            if index % 14 == 0:
                low = max(0.0, 6.5 - _mood_on(index, days, rng))
                for instrument, weight in ((PHQ9, 4.0), (GAD7, 3.0)):
                    target = min(instrument.highest, round(low * weight + rng.gauss(2, 1)))
                    answers = [0] * len(instrument.items)
                    scored = [n for n in range(len(answers)) if not (instrument is PHQ9 and n == 8)]
                    for _ in range(max(0, target)):
                        n = rng.choice([n for n in scored if answers[n] < 3] or [scored[0]])
                        answers[n] = min(3, answers[n] + 1)
                    difficulty = 1 if any(answers) else None
                    insert_questionnaire(
                        connection, answered(instrument, answers, difficulty, day, now)
                    )


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
    out_label: str = "folder",
    paper: str | None = None,
    real: Path | None = None,
) -> DemoJournal:
    """Write ``days`` days (see :func:`read_demo_days`) of the demo journal in its own folder,
    and its report (the whole story) beside it; never in the folder of ``real``, the person's
    journal."""
    now = clock.now(now)
    step = progress or (lambda _: None)
    folder = demo_folder(out, out_label, real)
    path = folder / JOURNAL_NAME
    with open_journal(path) as journal:
        today = clock.today(journal, now)
        step(f"writing {days} days of entries")
        count = fill_demo(journal, days, today, now)
        fill_treatment(journal, days, today, now)
        appointments = fill_appointments(journal, days, today, now)
        first = today - timedelta(days=days - 1)
        request = ReportRequest(since=DaySpec.on(first), out=str(folder), paper=paper)
        written = make_report(journal, request, now=now, cwd=cwd, progress=progress)
    return DemoJournal(path, first, today, count, appointments, tuple(written.paths))

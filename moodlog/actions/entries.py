"""Adding, editing and deleting entries: each one transaction on the journal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, NamedTuple

from moodlog.actions import clock
from moodlog.actions.sign_watch import announce_signs
from moodlog.domain.days import (
    DaySpec,
    Period,
    PeriodLength,
    day_until_today,
    journal_day,
    read_period_length,
    resolve_period,
)
from moodlog.domain.entries import Entry, TypedSkillUse, Urge, check_tag, urge_name
from moodlog.domain.names import spelled_as_known
from moodlog.domain.safety import SafetyAlert, SafetyFlag, entry_flags, new_flags
from moodlog.domain.scales import TypedSymptom, check_symptom
from moodlog.domain.sign_records import ShownSign
from moodlog.storage import entries as entry_rows
from moodlog.storage import safety as safety_rows
from moodlog.storage.journal import Journal
from moodlog.storage.scales import list_scales

if TYPE_CHECKING:
    # The skills catalogue is loaded only when a skill is logged or shown, the medicines only
    # when a dose is, and the search only by `list`, so that `moodlog add --mood 6` pays for
    # none of them.
    from moodlog.domain.medication_summaries import LoggedDose
    from moodlog.domain.medications import MedicineLabels
    from moodlog.domain.search import EntrySearch
    from moodlog.domain.therapy import Skill, SkillUse


class DoseAnswer(NamedTuple):
    """A scheduled dose answered in the check-in: the medicine, its slot, and taken, missed or
    skipped."""

    medicine: str
    slot: str
    status: str


@dataclass
class EntryValues:
    """What the person typed for an entry: the day, time, scores and urges read already; the
    symptoms, tags, acted-on urges and skills still to be checked against the journal (a skill
    split already into its name and score). ``None`` means not given."""

    date: DaySpec | None = None
    time: time | None = None
    mood: float | None = None
    anxiety: float | None = None
    irritability: float | None = None
    energy: float | None = None
    sleep: float | None = None
    sleep_quality: float | None = None
    symptoms: list[TypedSymptom] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    note: str | None = None
    share: bool | None = None
    urges: list[Urge] = field(default_factory=list)
    acted: list[str] = field(default_factory=list)
    skills: list[TypedSkillUse] = field(default_factory=list)
    took: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    dose_answers: list[DoseAnswer] = field(default_factory=list)

    def names_doses(self) -> bool:
        return bool(self.took or self.missed or self.dose_answers)

    def changes_nothing(self) -> bool:
        """For `edit`: no value given to change (an empty ``--note ''`` empties the note)."""
        placed = (self.date, self.time, self.note, self.share)
        return self.is_empty() and all(value is None for value in placed)

    def is_empty(self) -> bool:
        scores = (self.mood, self.anxiety, self.irritability, self.energy, self.sleep)
        return all(score is None for score in (*scores, self.sleep_quality)) and not any(
            (
                self.symptoms,
                self.tags,
                self.note,
                self.urges,
                self.acted,
                self.skills,
                self.took,
                self.missed,
                self.dose_answers,
            )
        )


@dataclass
class EntryDetails:
    """An entry with what was logged with it: its skill uses, the doses marked taken or missed,
    and its safety flags. ``alert`` is set when this command raised a flag, so the crisis
    message is shown at once. When only doses were given, no entry is saved (``entry.id`` is
    None): doses alone don't make a day logged."""

    entry: Entry
    skill_uses: list[SkillUse] = field(default_factory=list)
    safety_flags: list[SafetyFlag] = field(default_factory=list)
    alert: SafetyAlert | None = None
    doses: list[LoggedDose] = field(default_factory=list)
    signs: list[ShownSign] = field(default_factory=list)  # warning signs that began to show


LIST_PERIOD = read_period_length("14d")

# Each score typed, and the entry's field it goes in.
_SCORES = (
    ("mood", "mood"),
    ("anxiety", "anxiety"),
    ("irritability", "irritability"),
    ("energy", "energy"),
    ("sleep", "sleep_hours"),
    ("sleep_quality", "sleep_quality"),
)


def place_entry(
    now: datetime, day_starts_at: time, day: DaySpec | None, clock: time | None
) -> tuple[date, time]:
    """The day and local time an entry is about: the day typed (default today, the moodlog
    day running now), at ``clock`` (default the clock time now). A clock time alone is within
    today's moodlog day, as with ``--date today``: before ``day-starts-at`` it is the small
    hours at the end of today (docs/daily-use.md)."""
    today = journal_day(now, day_starts_at)
    at = clock or now.time().replace(second=0, microsecond=0)
    return day_until_today(day, today, "an entry is about"), at


def _apply_values(entry: Entry, values: EntryValues, journal: Journal) -> None:
    for attribute, column in _SCORES:
        score = getattr(values, attribute)
        if score is not None:
            setattr(entry, column, score)
    if values.symptoms:
        scales = list_scales(journal.connection)
        for typed in values.symptoms:
            name, value = check_symptom(scales, typed)
            entry.symptoms[name] = value
    if values.tags:
        tags = entry.tags + [check_tag(tag) for tag in values.tags]
        entry.tags = spelled_as_known(tags, entry_rows.tag_spellings(journal.connection))
    if values.note is not None:
        entry.note = values.note if values.note.strip() else None
    if values.share is not None:
        entry.note_shared = values.share
    for name, level in values.urges:
        entry.urges[name] = level
    for text in values.acted:
        name = urge_name(text)
        if name not in entry.acted:
            entry.acted.append(name)


def _log_skills(
    journal: Journal, entry: Entry, typed: list[TypedSkillUse], now: datetime
) -> list[SkillUse]:
    """Log the skills typed with the entry; the same skill twice keeps the last score."""
    if not typed:
        return []
    from moodlog.domain.therapy import check_skill_use, skill_use
    from moodlog.storage import therapy as therapy_rows

    catalogue = therapy_rows.catalogue(journal.connection)
    checked: dict[str, tuple[Skill, int | None]] = {}
    for one in typed:
        skill, score = check_skill_use(catalogue, one)
        checked.pop(skill.name, None)
        checked[skill.name] = (skill, score)
    uses = [skill_use(skill, score, entry.day, now, entry.id) for skill, score in checked.values()]
    for use in uses:
        therapy_rows.insert_skill_use(journal.connection, use)
    return uses


def add_entry(
    journal: Journal,
    values: EntryValues,
    now: datetime | None = None,
    dose_labels: MedicineLabels | None = None,
) -> EntryDetails:
    """Check what was typed and save it as a new entry, with the skills used and the doses it
    names taken or missed (logged for the entry's day), all in one transaction. Answers that
    call for the crisis message are flagged in the same transaction and returned as
    ``alert``."""
    now = clock.now(now)
    with journal.transaction() as connection:
        starts_at = clock.day_starts_at(journal.connection)
        day, at = place_entry(now, starts_at, values.date, values.time)
        today = journal_day(now, starts_at)
        entry = Entry(
            day=day,
            time=at,
            recorded_at=now,
            backfilled=today > day,
        )
        _apply_values(entry, values, journal)
        if entry.has_values() or values.skills or not values.names_doses():
            entry.id = entry_rows.insert_entry(connection, entry)
        uses = _log_skills(journal, entry, values.skills, now)
        flags = entry_flags(entry, now) if entry.id is not None else []
        for flag in flags:
            safety_rows.insert_flag(connection, flag)
        doses: list[LoggedDose] = []
        if values.names_doses():
            from moodlog.actions.medications import log_entry_doses
            from moodlog.domain.medications import IN_WORDS

            # A dose's time is known when it was typed, or when the dose is today's.
            dose_clock = at if values.time or day == today else None
            doses = log_entry_doses(
                journal,
                day,
                dose_clock,
                values.took,
                values.missed,
                entry.id,
                now,
                dose_labels or IN_WORDS,
                values.dose_answers,
            )
        alert = safety_rows.safety_alert(connection, flags)
        signs = announce_signs(journal, connection, now)
    return EntryDetails(entry, uses, flags, alert, doses, signs)


def edit_entry(
    journal: Journal,
    entry_id: int,
    values: EntryValues,
    clear: list[str],
    now: datetime | None = None,
    dose_labels: MedicineLabels | None = None,
) -> EntryDetails:
    """Change the values given (and empty the fields named in ``clear``, each one of
    ``CLEARABLE``); the rest stay. Skills given replace the entry's skills, and doses given
    taken or missed replace the dose logs made with the entry (logged for its day, as `add`
    does). The entry's safety flags follow its answers; the crisis message is shown for what
    the edit newly raised."""
    from moodlog.storage import therapy as therapy_rows

    now = clock.now(now)
    with journal.transaction() as connection:
        entry = entry_rows.get_entry(connection, entry_id)
        flags_before = safety_rows.flags_of_entry(connection, entry_id)
        clear_skills = bool(values.skills)
        for name in clear:
            if name == "skills":
                clear_skills = True
            else:
                _clear(entry, name)
        if values.date or values.time:
            starts_at = clock.day_starts_at(journal.connection)
            entry.day, entry.time = place_entry(
                now,
                starts_at,
                values.date or DaySpec.on(entry.day),
                values.time or entry.time,
            )
            entry.backfilled = journal_day(entry.recorded_at, starts_at) > entry.day
        if values.tags:
            entry.tags = []
        _apply_values(entry, values, journal)
        entry_rows.update_entry(connection, entry)
        if clear_skills:
            therapy_rows.delete_skill_uses_of_entry(connection, entry_id)
        else:
            therapy_rows.move_skill_uses_of_entry(connection, entry_id, entry.day)
        _log_skills(journal, entry, values.skills, now)
        doses = _replace_doses(journal, entry, values, now, dose_labels)
        flags = safety_rows.replace_flags_of_entry(connection, entry_id, entry_flags(entry, now))
        edited = EntryDetails(
            entry,
            therapy_rows.skill_uses_of_entry(connection, entry_id),
            flags,
            safety_rows.safety_alert(connection, new_flags(flags_before, flags)),
            doses,
        )
    journal.forget_old_versions()  # a replaced or cleared note must not linger in the log
    return edited


def _replace_doses(
    journal: Journal,
    entry: Entry,
    values: EntryValues,
    now: datetime,
    dose_labels: MedicineLabels | None,
) -> list[LoggedDose]:
    """The doses typed with `edit --took/--missed`, in place of those logged with the entry
    before: logged for the entry's day, at its time when the time was typed or the day is
    today (as `add` logs them)."""
    if (not values.took and not values.missed) or entry.id is None:
        return []
    from moodlog.actions.medications import log_entry_doses
    from moodlog.domain.medications import IN_WORDS

    entry_rows.delete_doses_of_entry(journal.connection, entry.id)
    today = journal_day(now, clock.day_starts_at(journal.connection))
    dose_clock = entry.time if values.time or entry.day == today else None
    return log_entry_doses(
        journal,
        entry.day,
        dose_clock,
        values.took,
        values.missed,
        entry.id,
        now,
        dose_labels or IN_WORDS,
    )


def _clear(entry: Entry, key: str) -> None:
    if key == "symptoms":
        entry.symptoms = {}
    elif key == "tags":
        entry.tags = []
    elif key == "urges":
        entry.urges, entry.acted = {}, []
    elif key == "note":
        entry.note, entry.note_shared = None, False
    else:
        column = {"sleep": "sleep_hours", "sleep-quality": "sleep_quality"}.get(key, key)
        setattr(entry, column, None)


def show_entry(journal: Journal, entry_id: int) -> Entry:
    with journal.transaction(write=False) as connection:
        return entry_rows.get_entry(connection, entry_id)


def entry_details(journal: Journal, entry_id: int) -> EntryDetails:
    """An entry with its skill uses and safety flags, as `moodlog show` prints it."""
    from moodlog.storage import therapy as therapy_rows

    with journal.transaction(write=False) as connection:
        return EntryDetails(
            entry_rows.get_entry(connection, entry_id),
            therapy_rows.skill_uses_of_entry(connection, entry_id),
            safety_rows.flags_of_entry(connection, entry_id),
        )


def delete_entry(journal: Journal, entry_id: int) -> Entry:
    """Delete an entry for good: its row is overwritten in the file (secure_delete), and the
    write-ahead log is emptied of the page that held it."""
    with journal.transaction() as connection:
        deleted = entry_rows.delete_entry(connection, entry_id)
    journal.forget_old_versions()
    return deleted


def list_entries(
    journal: Journal,
    last: PeriodLength | None,
    since: DaySpec | None,
    until: DaySpec | None,
    now: datetime | None = None,
    search: EntrySearch | None = None,
) -> tuple[Period, list[Entry]]:
    """The entries of a period (default: the last 14 days); with a search, those it finds, in
    the whole journal unless a period is given (docs/daily-use.md)."""
    with journal.transaction(write=False) as connection:
        starts_at = clock.day_starts_at(connection)
        today = journal_day(clock.now(now), starts_at)
        end = clock.period_end(connection, today)
        if search is not None and last is None and since is None:
            period = clock.whole_journal(
                connection, today, last=until.resolve(today) if until is not None else end
            )
        else:
            period = resolve_period(today, last, since, until, LIST_PERIOD, end)
        entries = entry_rows.entries_in(connection, period, starts_at)
    if search is not None:
        entries = [entry for entry in entries if search.matches(entry)]
    return period, entries

"""`moodlog skills`, `skills add`, `session` and `check`: each one transaction on the journal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from moodlog.actions import clock
from moodlog.actions.listing import listing_period
from moodlog.domain.days import DaySpec, PeriodLength, day_until_today
from moodlog.domain.entries import check_name
from moodlog.domain.listing import Listing
from moodlog.domain.questionnaires import (
    WINDOW_DAYS,
    Answers,
    Difficulty,
    Instrument,
    Questionnaire,
    answered,
    check_answers,
    check_difficulty,
)
from moodlog.domain.safety import SafetyAlert, SafetyFlag, questionnaire_flags
from moodlog.domain.therapy import (
    DEFAULT_SESSION_KIND,
    GROUP_ORDER,
    OWN,
    Session,
    Skill,
    SkillCategory,
    check_session_note,
    new_skill,
)
from moodlog.errors import InvalidValue
from moodlog.storage import questionnaires as questionnaire_rows
from moodlog.storage import safety as safety_rows
from moodlog.storage import therapy as therapy_rows
from moodlog.storage.journal import Journal

# What the terminal asks when the person answers a questionnaire there: every item's answer
# (0-3), then the difficulty (0-3) or None.
AskAnswers = Callable[[Instrument], tuple[tuple[int, ...], int | None]]


def list_skills(journal: Journal, wanted: str | None = None) -> list[Skill]:
    """The catalogue (of one category: cbt, dbt or own), in the order it is listed: CBT, the
    DBT modules, then the person's own."""
    with journal.transaction(write=False) as connection:
        skills = therapy_rows.catalogue(connection)
    chosen = [skill for skill in skills if wanted is None or skill.category == wanted]
    return sorted(chosen, key=lambda skill: GROUP_ORDER.index(skill.group))


def add_skill(
    journal: Journal,
    name: str,
    category: SkillCategory = OWN,
    description: str = "",
) -> Skill:
    """Add a skill of the person's own to the catalogue, in ``category`` (and DBT module)."""
    with journal.transaction() as connection:
        skill = new_skill(name, category, description, therapy_rows.catalogue(connection))
        therapy_rows.add_skill(connection, skill)
    return skill


def log_session(
    journal: Journal,
    kind: str | None,
    day: DaySpec | None,
    note: str | None,
    now: datetime | None = None,
) -> Session:
    """Record a therapy session attended (kind: individual, group, dbt skills group, ...)."""
    now = clock.now(now)
    session_kind = check_name(kind, "session kind") if kind else DEFAULT_SESSION_KIND
    session_note = check_session_note(note)
    with journal.transaction() as connection:
        attended = day_until_today(day, clock.today(journal, now), "a session attended is about")
        session = Session(attended, session_kind, session_note, now)
        therapy_rows.insert_session(connection, session)
    return session


def list_sessions(
    journal: Journal,
    last: PeriodLength | None = None,
    since: DaySpec | None = None,
    until: DaySpec | None = None,
    now: datetime | None = None,
) -> Listing[Session]:
    """The sessions of a period; with no period given, every session."""
    with journal.transaction(write=False) as connection:
        period = listing_period(connection, last, since, until, None, now)
        return Listing(period, therapy_rows.sessions_in(connection, period))


def show_session(journal: Journal, session_id: int) -> Session:
    with journal.transaction(write=False) as connection:
        return therapy_rows.get_session(connection, session_id)


@dataclass(frozen=True)
class SessionChanges:
    """What `moodlog session edit` was told to change (None: keep)."""

    kind: str | None = None
    day: DaySpec | None = None
    note: str | None = None
    clear_note: bool = False

    def any(self) -> bool:
        return any((self.kind, self.day, self.note, self.clear_note))


@dataclass(frozen=True)
class Edited:
    """A record as it was before an edit and as it is now."""

    before: Session
    after: Session

    @property
    def changed(self) -> bool:
        return self.before != self.after


def edit_session(
    journal: Journal, session_id: int, changes: SessionChanges, now: datetime | None = None
) -> Edited:
    """Change a session's kind, day or note; what was not given stays."""
    if changes.note is not None and changes.clear_note:
        raise InvalidValue("give --note or --clear note, not both")
    now = clock.now(now)
    with journal.transaction() as connection:
        before = therapy_rows.get_session(connection, session_id)
        after = before
        if changes.kind is not None:
            after = replace(after, kind=check_name(changes.kind, "session kind"))
        if changes.day is not None:
            today = clock.today(journal, now)
            after = replace(
                after, day=day_until_today(changes.day, today, "a session attended is about")
            )
        if changes.note is not None:
            after = replace(after, note=check_session_note(changes.note))
        if changes.clear_note:
            after = replace(after, note=None)
        if after != before:
            therapy_rows.update_session(connection, after)
    if after.note != before.note:
        journal.forget_old_versions()
    return Edited(before, after)


def delete_session(journal: Journal, session_id: int) -> Session:
    """Delete a session for good: its note is overwritten in the file, not just unlinked."""
    with journal.transaction() as connection:
        deleted = therapy_rows.delete_session(connection, session_id)
    journal.forget_old_versions()
    return deleted


@dataclass
class CheckResult:
    """A questionnaire just answered and saved, the same questionnaire answered within the two
    weeks it covers (if any), and the safety alert it raised (if any)."""

    questionnaire: Questionnaire
    overlapping: Questionnaire | None
    safety_flags: list[SafetyFlag]
    alert: SafetyAlert | None


def take_questionnaire(
    journal: Journal,
    instrument: Instrument,
    typed_answers: Answers | None,
    typed_difficulty: Difficulty | None,
    day: DaySpec | None,
    ask: AskAnswers,
    now: datetime | None = None,
) -> CheckResult:
    """Score and save a PHQ-9 or GAD-7: from the answers typed, else by asking each item with
    ``ask`` (which, when there is no terminal to ask in, says what to type instead).

    Everything typed is checked before anything is asked or saved. The asking happens outside
    any transaction, so the journal is not locked while the person thinks.
    """
    now = clock.now(now)
    difficulty = (
        check_difficulty(instrument, typed_difficulty) if typed_difficulty is not None else None
    )
    answers = check_answers(instrument, typed_answers) if typed_answers is not None else None
    answered_on = day_until_today(day, clock.today(journal, now), "a questionnaire is about")
    if answers is None:
        answers, difficulty = ask(instrument)
    questionnaire = answered(instrument, answers, difficulty, answered_on, now)
    with journal.transaction() as connection:
        overlapping = questionnaire_rows.nearest_other(
            connection, instrument.key, answered_on, WINDOW_DAYS
        )
        questionnaire_rows.insert_questionnaire(connection, questionnaire)
        flags = questionnaire_flags(questionnaire)
        for flag in flags:
            safety_rows.insert_flag(connection, flag)
        alert = safety_rows.safety_alert(connection, flags)
    return CheckResult(questionnaire, overlapping, flags, alert)

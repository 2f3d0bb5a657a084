"""`moodlog skills`, `skills add`, `session` and `check`: each one transaction on the journal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from moodlog.actions import clock
from moodlog.actions.listing import DAILY_PERIOD, Edited, listing_period
from moodlog.actions.sign_watch import announce_signs
from moodlog.domain.days import DaySpec, Period, PeriodLength, day_until_today
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
from moodlog.domain.sign_records import ShownSign
from moodlog.domain.therapy import (
    DEFAULT_SESSION_KIND,
    GROUP_ORDER,
    OWN,
    Session,
    Skill,
    SkillCategory,
    SkillUse,
    check_description,
    check_score,
    check_session_note,
    find_skill,
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


def _own_skill(catalogue: list[Skill], name: str) -> Skill:
    """The skill of the person's own that ``name`` finds; a built-in one is refused."""
    skill = find_skill(catalogue, name)
    if skill.built_in:
        raise InvalidValue(
            f"{skill.name} is a built-in skill; only skills of your own can be changed or deleted"
        )
    return skill


@dataclass(frozen=True)
class SkillShown:
    """A skill of the catalogue and how many uses of it the journal holds."""

    skill: Skill
    uses: int


def show_skill(journal: Journal, name: str) -> SkillShown:
    with journal.transaction(write=False) as connection:
        skill = find_skill(therapy_rows.catalogue(connection), name)
        return SkillShown(skill, therapy_rows.uses_of_skill(connection, skill.name))


@dataclass(frozen=True)
class SkillChanges:
    """What `moodlog skills edit` was told to change (None: keep)."""

    name: str | None = None
    category: SkillCategory | None = None
    description: str | None = None

    def any(self) -> bool:
        return any(value is not None for value in (self.name, self.category, self.description))


def edit_skill(journal: Journal, name: str, changes: SkillChanges) -> Edited[Skill]:
    """Rename a skill of the person's own, or change its category or description; its logged
    uses follow it in the same transaction."""
    with journal.transaction() as connection:
        catalogue = therapy_rows.catalogue(connection)
        before = _own_skill(catalogue, name)
        after = before
        if changes.name is not None and changes.name != before.name:
            others = [skill for skill in catalogue if skill.name != before.name]
            after = replace(after, name=new_skill(changes.name, OWN, "", others).name)
        if changes.category is not None:
            after = replace(after, category=changes.category[0], module=changes.category[1])
        if changes.description is not None:
            after = replace(after, description=check_description(changes.description))
        if after != before:
            therapy_rows.update_skill(connection, before.name, after)
    if after.description != before.description or after.name != before.name:
        journal.forget_old_versions()
    return Edited(before, after)


def skill_to_delete(journal: Journal, name: str) -> SkillShown:
    """A skill of the person's own about to be deleted, with how many uses would go with it."""
    with journal.transaction(write=False) as connection:
        skill = _own_skill(therapy_rows.catalogue(connection), name)
        return SkillShown(skill, therapy_rows.uses_of_skill(connection, skill.name))


def delete_skill(journal: Journal, name: str) -> SkillShown:
    """Delete a skill of the person's own and every use logged of it, for good."""
    with journal.transaction() as connection:
        skill = _own_skill(therapy_rows.catalogue(connection), name)
        uses = therapy_rows.delete_skill(connection, skill.name)
    journal.forget_old_versions()
    return SkillShown(skill, uses)


def list_skill_uses(
    journal: Journal,
    last: PeriodLength | None = None,
    since: DaySpec | None = None,
    until: DaySpec | None = None,
    now: datetime | None = None,
) -> Listing[SkillUse]:
    """The skill uses of a period; with no period given, the last 14 days."""
    with journal.transaction(write=False) as connection:
        period = listing_period(connection, last, since, until, DAILY_PERIOD, now)
        return Listing(period, therapy_rows.skill_uses_in(connection, period))


def show_skill_use(journal: Journal, use_id: int) -> SkillUse:
    with journal.transaction(write=False) as connection:
        return therapy_rows.get_skill_use(connection, use_id)


@dataclass(frozen=True)
class SkillUseChanges:
    """What `moodlog skill-use edit` was told to change (None: keep). ``code`` is the
    diary-card code as typed, 0-7, or ``none`` to clear it."""

    skill: str | None = None
    code: str | None = None

    def any(self) -> bool:
        return self.skill is not None or self.code is not None


def edit_skill_use(journal: Journal, use_id: int, changes: SkillUseChanges) -> Edited[SkillUse]:
    """Change a skill use's skill or diary-card code. The use stays with its entry, so the
    entry shows the change; an entry holds each skill once, so a skill the entry already has
    is refused."""
    with journal.transaction() as connection:
        before = therapy_rows.get_skill_use(connection, use_id)
        after = replace(before)
        catalogue = therapy_rows.catalogue(connection)
        if changes.skill is not None:
            skill = find_skill(catalogue, changes.skill)
            after = replace(after, skill=skill.name, category=skill.category, module=skill.module)
            if skill.name != before.skill and before.entry_id is not None:
                for other in therapy_rows.skill_uses_of_entry(connection, before.entry_id):
                    if other.skill == skill.name:
                        raise InvalidValue(
                            f"entry {before.entry_id} already holds {skill.name} (skill use "
                            f"{other.id}); edit or delete that one"
                        )
        if changes.code is not None:
            if changes.code.strip().lower() == "none":
                after = replace(after, score=None)
            else:
                skill = next(
                    (one for one in catalogue if one.name == after.skill),
                    Skill(after.skill, after.category, after.module, "", built_in=False),
                )
                after = replace(after, score=check_score(skill, changes.code))
        if after != before:
            therapy_rows.update_skill_use(connection, after)
    return Edited(before, after)


def delete_skill_use(journal: Journal, use_id: int) -> SkillUse:
    """Delete a skill use for good; its entry stays, without it."""
    with journal.transaction() as connection:
        deleted = therapy_rows.delete_skill_use(connection, use_id)
    journal.forget_old_versions()
    return deleted


@dataclass(frozen=True)
class SavedSession:
    """A session just recorded, and one of the same kind recorded on the same day before it:
    as likely a slip as a second session, so it is named (not refused)."""

    session: Session
    same_day: Session | None = None


def log_session(
    journal: Journal,
    kind: str | None,
    day: DaySpec | None,
    note: str | None,
    now: datetime | None = None,
) -> SavedSession:
    """Record a therapy session attended (kind: individual, group, dbt skills group, ...)."""
    now = clock.now(now)
    # An empty kind typed is a mistake to say, not the default kind.
    session_kind = check_name(kind, "session kind") if kind is not None else DEFAULT_SESSION_KIND
    session_note = check_session_note(note)
    with journal.transaction() as connection:
        attended = day_until_today(day, clock.today(journal, now), "a session attended is about")
        same_day = [
            other
            for other in therapy_rows.sessions_in(connection, Period(attended, attended))
            if other.kind.casefold() == session_kind.casefold()
        ]
        session = Session(attended, session_kind, session_note, now)
        therapy_rows.insert_session(connection, session)
    return SavedSession(session, same_day[-1] if same_day else None)


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
        return any(value is not None for value in (self.kind, self.day, self.note)) or (
            self.clear_note
        )


def edit_session(
    journal: Journal, session_id: int, changes: SessionChanges, now: datetime | None = None
) -> Edited[Session]:
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
    signs: list[ShownSign] = field(default_factory=list)  # warning signs that began to show


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
        signs = announce_signs(journal, connection, now)
    return CheckResult(questionnaire, overlapping, flags, alert, signs)


def list_questionnaires(
    journal: Journal,
    last: PeriodLength | None = None,
    since: DaySpec | None = None,
    until: DaySpec | None = None,
    now: datetime | None = None,
) -> Listing[Questionnaire]:
    """The questionnaires of a period; with no period given, every one."""
    with journal.transaction(write=False) as connection:
        period = listing_period(connection, last, since, until, None, now)
        return Listing(period, questionnaire_rows.questionnaires_in(connection, period))


@dataclass(frozen=True)
class QuestionnaireShown:
    """A questionnaire and the safety flags it raised."""

    questionnaire: Questionnaire
    flags: list[SafetyFlag]


def show_questionnaire(journal: Journal, questionnaire_id: int) -> QuestionnaireShown:
    with journal.transaction(write=False) as connection:
        questionnaire = questionnaire_rows.get_questionnaire(connection, questionnaire_id)
        flags = safety_rows.flags_of_questionnaire(connection, questionnaire_id)
        return QuestionnaireShown(questionnaire, flags)


def move_questionnaire(
    journal: Journal, questionnaire_id: int, day: DaySpec, now: datetime | None = None
) -> Edited[Questionnaire]:
    """Move a questionnaire to the day it was really about (its answers are re-taken, not
    edited); its safety flags move with it."""
    now = clock.now(now)
    with journal.transaction() as connection:
        before = questionnaire_rows.get_questionnaire(connection, questionnaire_id)
        moved = day_until_today(day, clock.today(journal, now), "a questionnaire is about")
        after = replace(before, day=moved)
        if moved != before.day:
            questionnaire_rows.move_questionnaire(connection, questionnaire_id, moved)
    return Edited(before, after)


def delete_questionnaire(journal: Journal, questionnaire_id: int) -> QuestionnaireShown:
    """Delete a questionnaire for good, and the safety flags it raised with it."""
    with journal.transaction() as connection:
        flags = safety_rows.flags_of_questionnaire(connection, questionnaire_id)
        deleted = questionnaire_rows.delete_questionnaire(connection, questionnaire_id)
    journal.forget_old_versions()
    return QuestionnaireShown(deleted, flags)

"""`moodlog skills`, `skills add`, `session` and `check`: each one transaction on the journal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from moodlog.actions import clock
from moodlog.domain.days import DaySpec, day_until_today
from moodlog.domain.entries import check_name
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

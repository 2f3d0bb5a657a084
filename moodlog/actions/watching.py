"""The work behind the watch (:mod:`moodlog.actions.sign_watch`), for a journal that has
warning signs: each rule read over the few days it needs (docs/warning-signs.md, "Watched every
day")."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

from moodlog.actions import clock
from moodlog.domain.days import Period
from moodlog.domain.doses import DayDoses, DueRule
from moodlog.domain.names import name_key
from moodlog.domain.questionnaires import Questionnaire
from moodlog.domain.sign_days import (
    History,
    days_needed,
    dose_days_of,
    history_of,
    holds_on,
    medicines_named,
    names_a_score,
)
from moodlog.domain.sign_records import ShownSign, WarningSign
from moodlog.domain.sign_watch import (
    ONE_DAY,
    episode_start,
    judged_days,
    status_day,
    touches_safety,
)
from moodlog.domain.warning_signs import Rule, read_rule
from moodlog.storage import sign_episodes
from moodlog.storage.entries import entries_in
from moodlog.storage.journal import Journal
from moodlog.storage.settings import get_setting

# Days read back at first to find where an episode began; each further try reads this many
# times more (an episode rarely lasts long; a gap in logging may).
_FIRST_LOOK_BACK = 31
_LOOK_FURTHER = 8


def _history(
    connection: sqlite3.Connection, rules: list[Rule], period: Period, due: DueRule
) -> History:
    """The history that decides ``rules`` on every day of ``period`` (and no day before it).
    Doses and questionnaires are read only when a rule names them."""
    needed = days_needed(rules, period)
    dose_days: dict[str, dict[date, DayDoses]] = {}
    named = medicines_named(rules)
    if named:
        from moodlog.storage.medications import doses_in, load_medicines

        medicines = [m for m in load_medicines(connection) if name_key(m.name) in named]
        dose_days = dose_days_of(medicines, doses_in(connection, needed), needed, due)
    answered: list[Questionnaire] = []
    if names_a_score(rules):
        from moodlog.storage.questionnaires import questionnaires_in

        answered = questionnaires_in(connection, needed)
    entries = entries_in(connection, needed, due.day_starts_at)
    return history_of(entries, dose_days, answered, needed, due)


def _first_day(
    connection: sqlite3.Connection,
    rule: Rule,
    day: date,
    history: History,
    decided_from: date,
    due: DueRule,
) -> date:
    """The first day of the episode of ``rule`` showing on ``day``, reading further back as
    long as it keeps holding (never before the journal's first day)."""
    found = episode_start(rule, history, day, decided_from)
    look_back = _FIRST_LOOK_BACK
    while found is None:
        decided_from = max(due.first_day, day - timedelta(days=look_back))
        history = _history(connection, [rule], Period(decided_from, day), due)
        found = episode_start(rule, history, day, decided_from)
        look_back *= _LOOK_FURTHER
    return found


def _rules(signs: list[WarningSign]) -> list[Rule]:
    return [read_rule(sign.rule) for sign in signs]


def announce(
    journal: Journal, connection: sqlite3.Connection, signs: list[WarningSign], now: datetime
) -> list[ShownSign]:
    """Of ``signs``, those whose episode, including today or yesterday, has not been announced
    yet, each noted as announced now (:func:`moodlog.actions.sign_watch.announce_signs`)."""
    due = clock.due_rule(journal, now)
    rules = _rules(signs)
    yesterday = due.today - ONE_DAY
    history = _history(connection, rules, Period(yesterday, due.today), due)
    resources: str | None = None
    shown = []
    for sign, rule in zip(signs, rules, strict=True):
        held = [day for day in judged_days(rule, due.today) if holds_on(rule, history, day)]
        if not held:
            continue
        latest = held[0]
        first = _first_day(connection, rule, latest, history, yesterday, due)
        assert sign.id is not None
        if sign_episodes.announced_within(connection, sign.id, first, latest):
            continue
        sign_episodes.record_announcement(connection, sign.id, first, sign.rule, now)
        safety = touches_safety(rule)
        if safety and resources is None:
            resources = get_setting(connection, "crisis-resources")
        shown.append(ShownSign(sign, first, resources if safety else None))
    return shown


def showing(
    connection: sqlite3.Connection, signs: list[WarningSign], due: DueRule, today_logged: bool
) -> list[WarningSign]:
    """Of ``signs``, those that hold on the day `moodlog status` judges
    (:func:`moodlog.actions.sign_watch.showing_signs`)."""
    day = status_day(due.today, today_logged)
    rules = _rules(signs)
    history = _history(connection, rules, Period(day, day), due)
    return [sign for sign, rule in zip(signs, rules, strict=True) if holds_on(rule, history, day)]

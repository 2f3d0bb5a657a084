"""Watching the warning signs day by day (docs/warning-signs.md, "Watched every day"): which
days a sign is judged on, where the episode showing on a day began, and which signs touch
safety. Plain Python, so the check after `moodlog add` and `moodlog status` stays light.

The days judged are today and yesterday, so an entry back-filled for an older day updates the
history but announces nothing. A day not over yet is not a day without an entry: a rule about
the absence of data (``no entry for 3 days``) is judged on yesterday alone, and holds from the
day after the last empty day it counts.
"""

from __future__ import annotations

from datetime import date, timedelta

from moodlog.domain.names import name_key
from moodlog.domain.questionnaires import PHQ9, PHQ9_SAFETY_ITEM
from moodlog.domain.safety import SELF_HARM, SUICIDAL_THOUGHTS
from moodlog.domain.sign_days import History, holds_on
from moodlog.domain.warning_signs import Acted, NoEntry, Rule, Score, Value

ONE_DAY = timedelta(days=1)
_SAFETY_NAMES = {name_key(SELF_HARM), name_key(SUICIDAL_THOUGHTS)}


def touches_safety(rule: Rule) -> bool:
    """A rule over the suicidal-thoughts or self-harm urge (its strength or acting on it), or
    over PHQ-9 item 9 (or such a condition joined with ``and``): its announcement also shows
    the crisis resources."""
    if rule.also:
        return any(touches_safety(part) for part in rule.parts)
    subject = rule.subject
    if isinstance(subject, Value | Acted):
        return name_key(subject.name) in _SAFETY_NAMES and (
            isinstance(subject, Acted) or subject.urge
        )
    if isinstance(subject, Score):
        return subject.instrument == PHQ9.key and subject.item == PHQ9_SAFETY_ITEM
    return False


def judged_days(rule: Rule, today: date) -> tuple[date, ...]:
    """The days whose episodes are announced, latest first: today and yesterday; yesterday
    alone for ``no entry``, since today is not over."""
    yesterday = today - ONE_DAY
    return (yesterday,) if isinstance(rule.subject, NoEntry) else (today, yesterday)


def status_day(today: date, today_logged: bool) -> date:
    """The day `moodlog status` judges a sign on: today once it has an entry, else yesterday
    (before anything is logged today, today's values are not in yet)."""
    return today if today_logged else today - ONE_DAY


def episode_start(rule: Rule, history: History, day: date, decided_from: date) -> date | None:
    """The first day of the episode that holds on ``day``; None when it still holds on
    ``decided_from``, the first day the history read decides, so more days must be read."""
    while True:
        before = day - ONE_DAY
        if before < history.first_day:
            return day
        if before < decided_from:
            return None
        if not holds_on(rule, history, before):
            return day
        day = before

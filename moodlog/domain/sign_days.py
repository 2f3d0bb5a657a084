"""What a warning sign's rule means, day by day: each day's values as the report and the daily
export define them, and the episodes in which a rule holds. Plain Python, so the check after
`moodlog add` stays light.

A day's value (docs/warning-signs.md): the mean of its entries for mood, anxiety,
irritability, energy and the person's scales; the highest for `elevated` and `depressed` (as
page 1 counts polarity) and for an urge; the latest recorded night's sleep and its quality
(as the daily export keeps them). Doses are the ones due under the one rule of what is due
(:class:`moodlog.domain.doses.DueRule`), with their status. A day with no value for a rule does
not meet it: a day not logged breaks "in a row" and counts as not meeting it in "N of M days".
No rule holds before the journal's first day.

An episode begins on the first day a rule holds and ends on the first day it no longer holds;
it is given as (first day, last day it held), the last day None while it still holds on the
last day looked at.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from moodlog.domain.days import Period
from moodlog.domain.doses import MISSED, NOT_LOGGED, DayDoses, DoseLog, DueRule, doses_by_day
from moodlog.domain.entries import Entry
from moodlog.domain.medications import Medicine
from moodlog.domain.names import name_key
from moodlog.domain.polarity import DEPRESSION_SCALE, ELEVATION_SCALE
from moodlog.domain.questionnaires import WINDOW_DAYS, Questionnaire
from moodlog.domain.warning_signs import (
    Acted,
    Dose,
    Episode,
    NoEntry,
    Rule,
    Score,
    Tag,
    Value,
)

# Scales whose day value is the day's highest, as page 1 counts elevated and depressed days.
_HIGHEST_OF_DAY = (ELEVATION_SCALE, DEPRESSION_SCALE)


@dataclass
class DayValues:
    """One day as rules read it; keys are names as moodlog compares them (:func:`name_key`)."""

    logged: bool = False
    values: dict[str, float] = field(default_factory=dict)  # core values and scales
    urges: dict[str, float] = field(default_factory=dict)
    acted: set[str] = field(default_factory=set)
    tags: Counter[str] = field(default_factory=Counter)  # entries carrying each tag
    doses: dict[str, Counter[str]] = field(default_factory=dict)  # medicine -> due doses by status
    scores: dict[str, Questionnaire] = field(default_factory=dict)  # latest of the day


_NOTHING = DayValues()


@dataclass
class History:
    """The days rules are checked over: the journal's first day and each day's values (a day
    missing here had nothing recorded)."""

    first_day: date
    days: dict[date, DayValues] = field(default_factory=dict)

    # Each span of days as asked once, shared by every rule read over the same days; a history
    # is complete before any rule is read over it.
    _spans: dict[tuple[date, date], list[DayValues]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def on(self, day: date) -> DayValues:
        return self.days.get(day, _NOTHING)

    def each_day(self, first: date, last: date) -> list[DayValues]:
        """The values of each day from ``first`` to ``last``."""
        found = self._spans.get((first, last))
        if found is None:
            get = self.days.get
            found = [get(day, _NOTHING) for day in _days(first, last)]
            self._spans[(first, last)] = found
        return found


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _entry_values(entries: Sequence[Entry]) -> DayValues:
    """A day's values from its entries, in the order they were recorded."""
    day = DayValues(logged=bool(entries))
    by_recording = sorted(entries, key=lambda entry: (entry.recorded_at, entry.id or 0))
    for name in ("mood", "anxiety", "irritability", "energy"):
        rated = [getattr(entry, name) for entry in entries if getattr(entry, name) is not None]
        if rated:
            day.values[name] = _mean(rated)
    for name, attribute in (("sleep", "sleep_hours"), ("sleep quality", "sleep_quality")):
        given = [getattr(e, attribute) for e in by_recording if getattr(e, attribute) is not None]
        if given:
            day.values[name] = given[-1]
    scales: dict[str, list[float]] = defaultdict(list)
    for entry in entries:
        for name, value in entry.symptoms.items():
            scales[name_key(name)].append(value)
        for name, level in entry.urges.items():
            key = name_key(name)
            day.urges[key] = max(level, day.urges.get(key, level))
        day.acted.update(name_key(name) for name in entry.acted)
        day.tags.update({name_key(tag) for tag in entry.tags})
    for key, rated in scales.items():
        day.values[key] = max(rated) if key in _HIGHEST_OF_DAY else _mean(rated)
    return day


def history_of(
    entries: Iterable[Entry],
    dose_days: Mapping[str, Mapping[date, DayDoses]],
    questionnaires: Iterable[Questionnaire],
    period: Period,
    rule: DueRule,
) -> History:
    """The days of ``period`` as rules read them. ``dose_days``: each medicine's doses that
    count under ``rule``, day by day (:func:`dose_days_of`), by the medicine's name; days
    outside ``period`` are left out of each."""
    by_day: dict[date, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.day in period:
            by_day[entry.day].append(entry)
    history = History(rule.first_day, {day: _entry_values(found) for day, found in by_day.items()})
    for name, days in dose_days.items():
        key = name_key(name)
        for day, state in days.items():
            if state.doses and day in period:
                counts = Counter(dose.status for dose in state.doses)
                history.days.setdefault(day, DayValues()).doses[key] = counts
    for questionnaire in sorted(questionnaires, key=lambda q: (q.day, q.id or 0)):
        if questionnaire.day in period:
            day_values = history.days.setdefault(questionnaire.day, DayValues())
            day_values.scores[questionnaire.instrument] = questionnaire
    return history


def dose_days_of(
    medicines: Iterable[Medicine], logs: Iterable[DoseLog], period: Period, rule: DueRule
) -> dict[str, dict[date, DayDoses]]:
    """Each medicine's doses that count under ``rule`` on the days of ``period``, by its name:
    what :func:`history_of` takes."""
    logs = list(logs)
    return {
        medicine.name: doses_by_day(medicine, logs, period, rule)
        for medicine in medicines
        if medicine.history
    }


def medicines_named(rules: Iterable[Rule]) -> set[str]:
    """The medicines (as :func:`name_key` gives them) that any condition of ``rules`` names."""
    return {
        name_key(part.subject.medicine)
        for rule in rules
        for part in rule.parts
        if isinstance(part.subject, Dose)
    }


def names_a_score(rules: Iterable[Rule]) -> bool:
    """True when any condition of ``rules`` is over a questionnaire's score."""
    return any(isinstance(part.subject, Score) for rule in rules for part in rule.parts)


# --- one day --------------------------------------------------------------------------------


def _day_value(rule: Rule, day: DayValues) -> float | None:
    """The day's value a rule compares, or None when the day has none."""
    subject = rule.subject
    assert isinstance(subject, Value)
    key = name_key(subject.name)
    return day.urges.get(key) if subject.urge else day.values.get(key)


def _count(rule: Rule, day: DayValues) -> int:
    """How many times the day meets the rule's condition: tagged entries, missed (or not
    taken) doses; for the others 1 or 0."""
    subject = rule.subject
    if isinstance(subject, Tag):
        return day.tags.get(name_key(subject.name), 0)
    if isinstance(subject, Dose):
        counts = day.doses.get(name_key(subject.medicine))
        if counts is None:
            return 0
        missed = counts.get(MISSED, 0)
        return missed if subject.status == MISSED else missed + counts.get(NOT_LOGGED, 0)
    if isinstance(subject, Acted):
        return int(name_key(subject.name) in day.acted)
    if isinstance(subject, NoEntry):
        return int(not day.logged)
    assert rule.comparison is not None
    value = _day_value(rule, day)
    return int(value is not None and rule.comparison.holds(value))


def _latest_score(history: History, day: date, instrument: str) -> Questionnaire | None:
    for back in range(WINDOW_DAYS):
        found = history.on(day - timedelta(days=back)).scores.get(instrument)
        if found is not None:
            return found
    return None


def _met_on(rule: Rule, history: History, day: date) -> int:
    """How many times ``day`` meets the rule's condition (before any span of days)."""
    if day < history.first_day:
        return 0
    subject = rule.subject
    if isinstance(subject, Score):
        answered = _latest_score(history, day, subject.instrument)
        if answered is None or rule.comparison is None:
            return 0
        value = answered.total if subject.item is None else answered.answers[subject.item - 1]
        return int(rule.comparison.holds(value))
    if rule.mean_over is not None:
        assert rule.comparison is not None
        days = (history.on(day - timedelta(days=back)) for back in range(rule.mean_over))
        values = [rated for one in days if (rated := _day_value(rule, one)) is not None]
        return int(bool(values) and rule.comparison.holds(_mean(values)))
    return _count(rule, history.on(day))


def holds_on(rule: Rule, history: History, day: date) -> bool:
    """True when the rule holds on ``day``: its condition met over the days its span asks;
    for conditions joined with ``and``, each over its own days."""
    if rule.also:
        return all(holds_on(part, history, day) for part in rule.parts)
    span = rule.span
    met = [_met_on(rule, history, day - timedelta(days=back)) for back in range(span.days)]
    if span.kind == "in a row":
        return all(met)
    if span.kind == "of":
        return sum(1 for times in met if times) >= span.count
    return sum(met) >= span.count


def _episodes_day_by_day(rule: Rule, history: History, period: Period) -> list[Episode]:
    """The episodes of ``rule`` in ``period``, asking :func:`holds_on` day by day."""
    found: list[Episode] = []
    began: date | None = None
    day = period.first
    while day <= period.last:
        if holds_on(rule, history, day):
            began = began or day
        elif began is not None:
            found.append((began, day - timedelta(days=1)))
            began = None
        day += timedelta(days=1)
    if began is not None:
        found.append((began, None))
    return found


def episodes(rule: Rule, history: History, period: Period) -> list[Episode]:
    """The episodes of ``rule`` in ``period``: (first day, last day it held), the last day
    None when it still holds on the period's last day. An episode under way when the period
    begins is given from the period's first day.

    The same days :func:`holds_on` finds day by day, in one pass: each day's condition is read
    once, and the span's days met (or times met) slide along with it, so ten years of twenty
    signs stay quick on the report. A rule of conditions joined with ``and`` (each with its own
    span) is asked day by day."""
    if rule.also:
        return _episodes_day_by_day(rule, history, period)
    span = rule.span
    start = period.first - timedelta(days=span.days - 1)
    met = _met_each_day(rule, history, start, period.last)
    found: list[Episode] = []
    began: date | None = None
    days_met = 0  # days of the span that meet the condition
    times_met = 0  # times the condition is met in the span
    for index, times in enumerate(met):
        days_met += times > 0
        times_met += times
        if index >= span.days:
            dropped = met[index - span.days]
            days_met -= dropped > 0
            times_met -= dropped
        if index < span.days - 1:
            continue
        if span.kind == "in a row":
            holds = days_met == span.days
        elif span.kind == "of":
            holds = days_met >= span.count
        else:
            holds = times_met >= span.count
        if holds:
            began = began or start + timedelta(days=index)
        elif began is not None:
            found.append((began, start + timedelta(days=index - 1)))
            began = None
    if began is not None:
        found.append((began, None))
    return found


def _met_each_day(rule: Rule, history: History, first: date, last: date) -> list[int]:
    """What :func:`_met_on` gives for each day from ``first`` to ``last``, in one pass: a
    questionnaire's latest score and a mean's days carried along rather than looked up again
    for every day."""
    subject = rule.subject
    if isinstance(subject, Score):
        met = _scores_met(rule, subject, history, first, last)
    elif rule.mean_over is not None:
        met = _means_met(rule, rule.mean_over, history, first, last)
    else:
        count = _counter(rule)
        met = [count(day) for day in history.each_day(first, last)]
    before_journal = min(max((history.first_day - first).days, 0), len(met))
    met[:before_journal] = [0] * before_journal  # no rule holds before the journal's first day
    return met


def _counter(rule: Rule) -> Callable[[DayValues], int]:
    """:func:`_count` for one rule, its name looked up once rather than on every day."""
    subject = rule.subject
    if isinstance(subject, Tag):
        tag = name_key(subject.name)
        return lambda day: day.tags.get(tag, 0)
    if isinstance(subject, Acted):
        acted = name_key(subject.name)
        return lambda day: int(acted in day.acted)
    if isinstance(subject, NoEntry):
        return lambda day: int(not day.logged)
    if isinstance(subject, Value):
        comparison = rule.comparison
        assert comparison is not None
        value = _valuer(subject)

        def compared(day: DayValues) -> int:
            found = value(day)
            return int(found is not None and comparison.holds(found))

        return compared
    return lambda day: _count(rule, day)


def _valuer(subject: Value) -> Callable[[DayValues], float | None]:
    """:func:`_day_value` for one subject, its name looked up once."""
    key = name_key(subject.name)
    if subject.urge:
        return lambda day: day.urges.get(key)
    return lambda day: day.values.get(key)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _scores_met(rule: Rule, subject: Score, history: History, first: date, last: date) -> list[int]:
    """Each day's latest answered questionnaire of the two weeks its questions cover, held
    against the rule."""
    met: list[int] = []
    latest: Questionnaire | None = None
    latest_day = first
    for day in _days(first - timedelta(days=WINDOW_DAYS - 1), last):
        answered = history.on(day).scores.get(subject.instrument)
        if answered is not None:
            latest, latest_day = answered, day
        if day < first:
            continue
        if latest is None or (day - latest_day).days >= WINDOW_DAYS or rule.comparison is None:
            met.append(0)
            continue
        value = latest.total if subject.item is None else latest.answers[subject.item - 1]
        met.append(int(rule.comparison.holds(value)))
    return met


# Day values as whole multiples of the smallest step a float can take, so a running sum of them
# is exact and its mean is the one math.fsum gives over the same days.
_FLOAT_STEP_BITS = 1100


def _exact(value: float) -> int:
    numerator, denominator = value.as_integer_ratio()
    return numerator << (_FLOAT_STEP_BITS - denominator.bit_length() + 1)


def _means_met(rule: Rule, days: int, history: History, first: date, last: date) -> list[int]:
    """Each day's mean over the ``days`` ending on it (the days with a value), held against
    the rule: a running sum and count of the days in the window."""
    assert rule.comparison is not None
    met: list[int] = []
    window: list[int | None] = []
    total = 0
    counted = 0
    subject = rule.subject
    assert isinstance(subject, Value)
    day_value = _valuer(subject)
    for index, one in enumerate(history.each_day(first - timedelta(days=days - 1), last)):
        value = day_value(one)
        exact = None if value is None else _exact(value)
        window.append(exact)
        if exact is not None:
            total += exact
            counted += 1
        if index >= days:
            dropped = window[index - days]
            if dropped is not None:
                total -= dropped
                counted -= 1
        if index < days - 1:
            continue
        # The sum rounded once, then divided, as math.fsum(values) / len(values) gives it.
        mean = (total / (1 << _FLOAT_STEP_BITS)) / counted if counted else None
        met.append(int(mean is not None and rule.comparison.holds(mean)))
    return met


def days_needed(rules: Iterable[Rule], period: Period) -> Period:
    """The days whose records decide ``rules`` over ``period``: the period and, before it, the
    days its first day looks back over."""
    back = max((rule.days_needed for rule in rules), default=1)
    return Period(period.first - timedelta(days=back - 1), period.last)

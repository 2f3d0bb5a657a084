"""A warning sign's episodes found in one pass over the days are the ones found by asking, day
by day, whether the rule holds on each: random histories, random rules of every kind."""

from __future__ import annotations

import math
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from moodlog.domain.days import Period
from moodlog.domain.doses import MISSED, NOT_LOGGED, SKIPPED, TAKEN
from moodlog.domain.questionnaires import Questionnaire
from moodlog.domain.sign_days import DayValues, History, episodes, holds_on
from moodlog.domain.warning_signs import (
    Acted,
    Comparison,
    Dose,
    Episode,
    NoEntry,
    Rule,
    Score,
    Span,
    Subject,
    Tag,
    Value,
)

START = date(2026, 1, 1)
LENGTH = 60  # days a history may hold

# Day values as the day's mean of entries gives them: tenths and thirds too, whose sums a float
# cannot hold exactly, so a mean over several days is tested where rounding could tip it.
ratings = (
    st.integers(0, 10).map(float)
    | st.integers(0, 100).map(lambda n: n / 10)
    | st.integers(0, 30).map(lambda n: n / 3)
)


@st.composite
def day_values(draw: st.DrawFn, day: date) -> DayValues:
    values = DayValues(logged=draw(st.booleans()))
    for name in draw(st.sets(st.sampled_from(["mood", "elevated"]))):
        values.values[name] = draw(ratings)
    if draw(st.booleans()):
        values.urges["self-harm"] = draw(ratings)
    if draw(st.booleans()):
        values.acted.add("self-harm")
    values.tags = Counter({"spending": draw(st.integers(0, 3))})
    if draw(st.booleans()):
        statuses = draw(st.lists(st.sampled_from([TAKEN, MISSED, SKIPPED, NOT_LOGGED])))
        values.doses["lithium"] = Counter(statuses)
    if draw(st.integers(0, 4)) == 0:
        answers = tuple(draw(st.lists(st.integers(0, 3), min_size=9, max_size=9)))
        values.scores["phq9"] = Questionnaire(
            day, "phq9", answers, None, sum(answers), "", datetime(2026, 1, 1, tzinfo=UTC)
        )
    return values


@st.composite
def histories(draw: st.DrawFn) -> History:
    first_day = START + timedelta(days=draw(st.integers(0, 20)))
    days = {
        START + timedelta(days=n): draw(day_values(START + timedelta(days=n)))
        for n in sorted(draw(st.sets(st.integers(0, LENGTH - 1))))
    }
    return History(first_day, days)


comparisons = st.builds(
    Comparison, st.sampled_from(["<", "<=", ">", ">=", "=="]), ratings | st.integers(0, 27)
)


SUBJECTS: list[Subject] = [
    Value("mood"),
    Value("elevated"),
    Value("self-harm", urge=True),
    Dose(MISSED, "lithium"),
    Dose("not taken", "lithium"),
    Tag("spending"),
    Acted("self-harm"),
    Score("phq9"),
    Score("phq9", 9),
    NoEntry(),
]


@st.composite
def rules(draw: st.DrawFn) -> Rule:
    subject = draw(st.sampled_from(SUBJECTS))
    compared = isinstance(subject, Value | Score)
    comparison = draw(comparisons) if compared else None
    mean_over = draw(st.none() | st.integers(1, 8)) if isinstance(subject, Value) else None
    kind = draw(st.sampled_from(["in a row", "of", "times"]))
    days = draw(st.integers(1, 7))
    count = draw(st.integers(1, days if kind == "of" else 10))
    return Rule(subject, comparison, mean_over, Span(kind, days, count))


def day_by_day(rule: Rule, history: History, period: Period) -> list[Episode]:
    """The episodes from asking whether the rule holds on each day of the period."""
    found: list[Episode] = []
    began: date | None = None
    for n in range((period.last - period.first).days + 1):
        day = period.first + timedelta(days=n)
        if holds_on(rule, history, day):
            began = began or day
        elif began is not None:
            found.append((began, day - timedelta(days=1)))
            began = None
    if began is not None:
        found.append((began, None))
    return found


@settings(max_examples=400, deadline=None)
@given(
    rule=rules(),
    history=histories(),
    first=st.integers(-5, LENGTH + 5),
    length=st.integers(1, LENGTH),
)
def test_episodes_found_in_one_pass_are_the_ones_found_day_by_day(
    rule: Rule, history: History, first: int, length: int
) -> None:
    period = Period(START + timedelta(days=first), START + timedelta(days=first + length - 1))
    assert episodes(rule, history, period) == day_by_day(rule, history, period)


def test_a_mean_carried_from_day_to_day_keeps_no_rounding_of_the_days_it_dropped() -> None:
    # Mood 0.1, then 0.2, then 0.3: the mean over one day is each day's own value, so
    # "<= 0.2" holds on the first two days. A float sum that added 0.2 and took 0.1 away again
    # would hold 0.20000000000000004 on the second day and end the episode a day early.
    history = History(START, {})
    for n, mood in enumerate((0.1, 0.2, 0.3)):
        history.days[START + timedelta(days=n)] = DayValues(True, {"mood": mood})
    rule = Rule(Value("mood"), Comparison("<=", 0.2), mean_over=1)
    period = Period(START, START + timedelta(days=2))
    assert episodes(rule, history, period) == [(START, START + timedelta(days=1))]


@settings(max_examples=300, deadline=None)
@given(
    history=histories(),
    mean_over=st.integers(1, 8),
    operator=st.sampled_from(["<=", ">=", "=="]),
    at=st.integers(0, LENGTH - 1),
    span=st.integers(1, 3),
)
def test_a_mean_over_days_at_its_threshold_holds_as_it_does_day_by_day(
    history: History, mean_over: int, operator: str, at: int, span: int
) -> None:
    # The threshold is a mean that some day's days really have, so the rule sits on its edge
    # where a running sum's rounding would tip it.
    day = START + timedelta(days=at)
    window = [history.on(day - timedelta(days=back)) for back in range(mean_over)]
    moods = [one.values["mood"] for one in window if "mood" in one.values]
    threshold = math.fsum(moods) / len(moods) if moods else 0.0
    rule = Rule(Value("mood"), Comparison(operator, threshold), mean_over, Span("in a row", span))
    period = Period(START, START + timedelta(days=LENGTH - 1))
    assert episodes(rule, history, period) == day_by_day(rule, history, period)

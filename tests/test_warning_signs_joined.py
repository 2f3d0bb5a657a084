"""Rules joined with `and`: each condition with its own days, all holding on the day
(docs/warning-signs.md, "Joining conditions")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

import pytest

from moodlog.domain.sign_watch import touches_safety
from moodlog.domain.warning_signs import PRESETS, read_rule
from moodlog.errors import InvalidValue
from tests.conftest import Run
from tests.test_warning_signs import JOURNAL, day, entry, replayed


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (
            "sleep < 6 on 2 nights in a row and energy >= 7",
            "sleep < 6 on 2 nights in a row and energy >= 7",
        ),
        ("Mood<=3 for 5 days AND missed lith", "mood <= 3 on 5 days in a row and missed Lithium"),
        (
            "phq9 >= 15 and tag crying 2 times in 7 days",
            "phq9 >= 15 and tag crying 2 times in 7 days",
        ),
        ('tag "rock and roll" and elevated >= 2', 'tag "rock and roll" and elevated >= 2'),
        (
            "anxiety mean over 7 days >= 7 and sleep < 5 and foc <= 1",
            "anxiety mean over 7 days >= 7 and sleep < 5 and focus <= 1",
        ),
    ],
)
def test_joined_rules_read_and_are_kept_in_one_written_form(typed: str, kept: str) -> None:
    rule = read_rule(typed, JOURNAL)
    assert rule.text == kept
    assert read_rule(kept).text == kept


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "sleep < 6 and",
            "rule 'sleep < 6 and': word 4, 'and', needs a condition after it; "
            'e.g. "sleep < 5 on 2 nights in a row"',
        ),
        (
            "mood <= 3 and no entry for 2 days",
            "rule 'mood <= 3 and no entry for 2 days': word 4, 'and', cannot join `no entry` to "
            'another condition; e.g. "sleep < 6 on 2 nights in a row and energy >= 7"',
        ),
        (
            "no entry for 3 days and mood <= 3",
            "rule 'no entry for 3 days and mood <= 3': word 6, 'and', cannot join `no entry` to "
            'another condition; e.g. "sleep < 6 on 2 nights in a row and energy >= 7"',
        ),
        (
            "sleep < 6 and energy",
            "rule 'sleep < 6 and energy' ends too soon: needs a comparison: <, <=, >, >= or =; "
            'e.g. "sleep < 6 on 2 nights in a row and energy >= 7"',
        ),
        (
            "sleep < 6 and energy >= 11",
            "rule 'sleep < 6 and energy >= 11': word 7, '11', is outside energy's range, "
            '0 to 10; e.g. "sleep < 6 on 2 nights in a row and energy >= 7"',
        ),
    ],
)
def test_a_bad_joined_rule_is_one_line_naming_the_word(typed: str, message: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        read_rule(typed, JOURNAL)
    assert str(refused.value) == message


def test_each_joined_condition_keeps_its_own_days_and_all_hold_on_the_day() -> None:
    # Short nights on days 2-4 and 7-8; high energy on days 3, 5, 7 and 8 (day 6 not logged).
    entries = [
        entry(1, sleep_hours=8.0, energy=5.0),
        entry(2, sleep_hours=5.0, energy=8.0),  # one short night only: not yet 2 in a row
        entry(3, sleep_hours=5.5, energy=7.0),  # 2 short nights, energy 7: holds
        entry(4, sleep_hours=4.0, energy=6.0),  # 3 short nights but energy 6: does not
        entry(5, sleep_hours=7.0, energy=9.0),  # a full night: does not
        entry(7, sleep_hours=5.0, energy=9.0),  # day 6 not logged breaks the row
        entry(8, sleep_hours=5.0, energy=7.5),  # 2 short nights (7, 8), energy 7.5: holds
        entry(9, sleep_hours=5.0, energy=8.0),  # holds
        entry(10, sleep_hours=5.0),  # no energy rated: does not
    ]
    rule = "sleep < 6 on 2 nights in a row and energy >= 7"
    assert replayed(rule, entries, 10) == [(day(3), day(3)), (day(8), day(9))]
    # Each condition alone, for comparison: the joined rule holds only where both do.
    assert replayed("sleep < 6 on 2 nights in a row", entries, 10) == [
        (day(3), day(4)),
        (day(8), None),
    ]
    assert replayed("energy >= 7", entries, 10) == [
        (day(2), day(3)),
        (day(5), day(5)),
        (day(7), day(9)),
    ]


def test_the_mania_early_preset_is_less_sleep_with_more_energy() -> None:
    rule = read_rule(PRESETS["mania-early"].rule)
    assert rule.text == "sleep < 6 on 2 nights in a row and energy >= 7"
    entries = [entry(1, sleep_hours=5.0, energy=8.0), entry(2, sleep_hours=5.0, energy=8.0)]
    assert replayed(rule.text, entries, 3) == [(day(2), day(2))]
    # Short nights with ordinary energy are not the sign.
    calm = [entry(1, sleep_hours=5.0, energy=5.0), entry(2, sleep_hours=5.0, energy=5.0)]
    assert replayed(rule.text, calm, 3) == []


def test_a_joined_rule_touching_safety_shows_the_crisis_resources() -> None:
    assert touches_safety(read_rule("sleep < 5 and urge self-harm >= 3"))
    assert touches_safety(read_rule("mood <= 3 and phq9 item 9 >= 1"))
    assert not touches_safety(read_rule("sleep < 5 and energy >= 7"))


def test_the_mania_early_preset_is_announced_after_an_add(
    moodlog: Run, fixed_clock: Callable[[datetime], None]
) -> None:
    fixed_clock(datetime.combine(day(1), time(20)).astimezone())
    assert moodlog("add", "--sleep", "5", "--energy", "5").exit_code == 0
    assert moodlog("warn", "add", "--preset", "mania-early").exit_code == 0
    fixed_clock(datetime.combine(day(2), time(20)).astimezone())
    calm = moodlog("add", "--sleep", "5", "--energy", "6")
    assert "is showing" not in calm.output  # two short nights, but energy 6
    wired = moodlog("add", "--energy", "9")  # the day's energy now 7.5
    assert (
        "short sleep, more energy (sleep < 6 on 2 nights in a row and energy >= 7), since "
        "2025-03-02." in wired.output
    )

"""Safety: answers about suicide or self-harm show the crisis resources at once, are flagged for
the next report, and never block or lose the entry."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run

TELLS_NO_ONE = "moodlog tells no one and sends nothing"
FLAGGED = "flagged on your next report"


def flags(journal_file: Path) -> list[tuple[Any, ...]]:
    if not journal_file.exists():
        return []
    with sqlite3.connect(journal_file) as connection:
        return connection.execute(
            "SELECT day, trigger, detail, source, entry_id, questionnaire_id FROM safety_flags "
            "ORDER BY id"
        ).fetchall()


def entries(journal_file: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(journal_file) as connection:
        return connection.execute("SELECT id, day, mood, urges, acted FROM entries").fetchall()


def assert_crisis_message(output: str) -> None:
    assert "call or text 988" in output
    assert "your local emergency number" in output
    assert TELLS_NO_ONE in output
    assert FLAGGED in output


def test_phq9_item_9_above_0_shows_the_crisis_resources_and_is_flagged(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog("check", "phq9", "--answers", "1,1,1,1,0,0,0,0,1", "--date", "2026-01-05")
    assert result.exit_code == 0, result.output
    assert_crisis_message(result.output)
    assert "Your answers are saved." in result.output
    assert flags(journal_file) == [
        (
            "2026-01-05",
            "phq9-item9",
            "PHQ-9 item 9 (thoughts of being better off dead or of hurting yourself): Several days",
            "questionnaire",
            None,
            1,
        )
    ]


def test_phq9_item_9_at_0_shows_no_crisis_message(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("check", "phq9", "--answers", "3,3,3,3,3,3,3,3,0", "--date", "2026-01-05")
    assert result.exit_code == 0, result.output
    assert TELLS_NO_ONE not in result.output
    assert flags(journal_file) == []


def test_a_high_gad7_shows_no_crisis_message(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("check", "gad7", "--answers", "3,3,3,3,3,3,3", "--date", "2026-01-05")
    assert TELLS_NO_ONE not in result.output
    assert flags(journal_file) == []


def test_suicidal_thoughts_above_0_show_the_crisis_resources_and_are_flagged(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog("add", "--date", "2026-01-05", "--mood", "2", "--urge", "suicidal-thoughts=1")
    assert result.exit_code == 0, result.output
    assert "Saved entry 1" in result.output
    assert "Your entry is saved." in result.output
    assert_crisis_message(result.output)
    assert flags(journal_file) == [
        ("2026-01-05", "suicidal-thoughts", "suicidal thoughts 1 of 5", "entry", 1, None)
    ]
    assert entries(journal_file) == [(1, "2026-01-05", 2.0, "suicidal-thoughts=1", None)]


def test_a_self_harm_urge_of_3_shows_the_crisis_resources_and_is_flagged(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog("add", "--date", "2026-01-05", "--urge", "self-harm=3")
    assert result.exit_code == 0, result.output
    assert_crisis_message(result.output)
    assert flags(journal_file) == [
        ("2026-01-05", "self-harm-urge", "self-harm urge 3 of 5", "entry", 1, None)
    ]


def test_a_self_harm_urge_of_2_is_saved_without_a_crisis_message(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog("add", "--date", "2026-01-05", "--urge", "self-harm=2")
    assert result.exit_code == 0, result.output
    assert TELLS_NO_ONE not in result.output
    assert "988" not in result.output
    assert flags(journal_file) == []
    assert entries(journal_file) == [(1, "2026-01-05", None, "self-harm=2", None)]


def test_acting_on_self_harm_shows_the_crisis_resources_and_is_flagged(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog("add", "--date", "2026-01-05", "--urge", "self-harm=1", "--acted", "self-harm")
    assert result.exit_code == 0, result.output
    assert_crisis_message(result.output)
    assert flags(journal_file) == [
        ("2026-01-05", "acted-self-harm", "acted on self-harm", "entry", 1, None)
    ]


def test_acting_on_suicidal_thoughts_is_flagged_too(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("add", "--date", "2026-01-05", "--acted", "suicidal-thoughts")
    assert result.exit_code == 0, result.output
    assert_crisis_message(result.output)
    assert [flag[1] for flag in flags(journal_file)] == ["acted-suicidal-thoughts"]


def test_every_trigger_of_one_entry_is_named_in_one_message(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog(
        "add",
        "--date",
        "2026-01-05",
        "--urge",
        "suicidal-thoughts=2",
        "--urge",
        "self-harm=4",
        "--acted",
        "self-harm",
    )
    assert result.exit_code == 0, result.output
    assert result.output.count(TELLS_NO_ONE) == 1
    assert (
        "You noted: suicidal thoughts 2 of 5; self-harm urge 4 of 5; acted on self-harm."
        in result.output
    )
    assert [flag[1] for flag in flags(journal_file)] == [
        "suicidal-thoughts",
        "self-harm-urge",
        "acted-self-harm",
    ]


def test_other_urges_even_strong_ones_raise_no_flag(moodlog: Run, journal_file: Path) -> None:
    result = moodlog(
        "add", "--urge", "substance-use=5", "--acted", "binge-eating", "--urge", "self-harm=0"
    )
    assert result.exit_code == 0, result.output
    assert TELLS_NO_ONE not in result.output
    assert flags(journal_file) == []


def test_a_changed_crisis_resources_setting_is_what_is_printed(
    moodlog: Run, journal_file: Path
) -> None:
    resources = "Samaritans: call 116 123, free, day or night. Emergency: 999"
    changed = moodlog("config", "set", "crisis-resources", resources)
    assert changed.exit_code == 0, changed.output
    result = moodlog("add", "--date", "2026-01-05", "--urge", "suicidal-thoughts=3")
    assert result.exit_code == 0, result.output
    assert f"  {resources}" in result.output
    assert "988" not in result.output
    assert TELLS_NO_ONE in result.output
    assert FLAGGED in result.output
    check = moodlog("check", "phq9", "--answers", "0,0,0,0,0,0,0,0,2", "--date", "2026-01-05")
    assert resources in check.output
    assert "988" not in check.output


def test_crisis_resources_keeps_its_lines(moodlog: Run) -> None:
    moodlog("config", "set", "crisis-resources", "Lifeline: 13 11 14\nEmergency: 000")
    result = moodlog("add", "--urge", "suicidal-thoughts=1")
    assert "  Lifeline: 13 11 14\n  Emergency: 000\n" in result.output


def test_the_default_crisis_resources_name_988_and_the_local_emergency_number(
    moodlog: Run,
) -> None:
    result = moodlog("config", "get", "crisis-resources")
    assert result.exit_code == 0, result.output
    assert "988" in result.output
    assert "your local emergency number" in result.output


@pytest.mark.parametrize("value", ["", "   ", "x" * 501])
def test_crisis_resources_cannot_be_emptied_or_overlong(moodlog: Run, value: str) -> None:
    result = moodlog("config", "set", "crisis-resources", value)
    assert result.exit_code == 1
    assert "crisis-resources" in result.output
    assert "988" in moodlog("config", "get", "crisis-resources").output


def test_the_crisis_message_needs_no_answer_and_the_entry_is_listed(moodlog: Run) -> None:
    result = moodlog("add", "--date", "2026-01-05", "--mood", "1", "--urge", "self-harm=5")
    assert result.exit_code == 0, result.output
    listed = moodlog("list", "--since", "2026-01-05", "--until", "2026-01-05")
    assert "1 of 1 days logged" in listed.output


def test_show_marks_the_flag_of_an_entry(moodlog: Run) -> None:
    moodlog("add", "--date", "2026-01-05", "--urge", "self-harm=4")
    shown = moodlog("show", "1")
    assert "safety flag   self-harm urge 4 of 5 (on your next report)" in shown.output


def test_editing_an_urge_up_shows_the_message_and_down_removes_the_flag(
    moodlog: Run, journal_file: Path
) -> None:
    moodlog("add", "--date", "2026-01-05", "--urge", "self-harm=2")
    raised = moodlog("edit", "1", "--urge", "self-harm=3")
    assert raised.exit_code == 0, raised.output
    assert_crisis_message(raised.output)
    assert [flag[1] for flag in flags(journal_file)] == ["self-harm-urge"]
    unchanged = moodlog("edit", "1", "--mood", "4")
    assert TELLS_NO_ONE not in unchanged.output
    assert [flag[1] for flag in flags(journal_file)] == ["self-harm-urge"]
    lowered = moodlog("edit", "1", "--urge", "self-harm=1")
    assert lowered.exit_code == 0, lowered.output
    assert TELLS_NO_ONE not in lowered.output
    assert flags(journal_file) == []


def test_a_flag_moves_with_its_entry_and_goes_when_it_is_deleted(
    moodlog: Run, journal_file: Path
) -> None:
    moodlog("add", "--date", "2026-01-05", "--urge", "suicidal-thoughts=1")
    moodlog("edit", "1", "--date", "2026-01-03")
    assert [flag[0] for flag in flags(journal_file)] == ["2026-01-03"]
    moodlog("delete", "1", "--yes")
    assert flags(journal_file) == []


def test_an_entry_refused_for_another_value_stores_no_flag(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog("add", "--urge", "suicidal-thoughts=2", "--mood", "11")
    assert result.exit_code == 1
    assert flags(journal_file) == []

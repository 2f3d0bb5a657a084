"""Adding, listing, showing, editing and deleting entries, as a person would at the terminal."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.conftest import Run, run_moodlog_process


def rows(journal_file: Path, sql: str = "SELECT * FROM entries") -> list[sqlite3.Row]:
    connection = sqlite3.connect(journal_file)
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_every_field_is_saved_as_typed(moodlog: Run, journal_file: Path) -> None:
    moodlog("init", "--preset", "adhd")
    result = moodlog(
        "add", "--date", "2026-11-20", "--time", "21:15",
        "--mood", "6.5", "--anxiety", "3", "--irritability", "2", "--energy", "7",
        "--sleep", "7.25", "--sleep-quality", "4", "--symptom", "focus=2",
        "--symptom", "restless=1", "--tag", "exercise", "--tag", "Travel",
        "--note", "Walked by the river", "--share",
        "--urge", "substance-use=2", "--urge", "gaming=3", "--acted", "gaming",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Saved entry 1 for 2026-11-20" in result.output
    (row,) = rows(journal_file)
    assert (row["day"], row["time"]) == ("2026-11-20", "21:15")
    assert (row["mood"], row["anxiety"], row["irritability"], row["energy"]) == (6.5, 3, 2, 7)
    assert (row["sleep_hours"], row["sleep_quality"]) == (7.25, 4)
    assert row["symptoms"] == "focus=2;restlessness=1"
    assert row["tags"] == "exercise;Travel"  # kept as typed
    assert (row["note"], row["note_shared"]) == ("Walked by the river", 1)
    assert row["urges"] == "substance-use=2;gaming=3"
    assert row["acted"] == "gaming"
    recorded = datetime.fromisoformat(row["recorded_at"])
    assert recorded.tzinfo is not None


@pytest.mark.parametrize(
    ("option", "value", "allowed"),
    [
        ("--mood", "11", "from 0 to 10"),
        ("--mood", "-0.5", "from 0 to 10"),
        ("--mood", "great", "is not a number"),
        ("--anxiety", "10.5", "from 0 to 10"),
        ("--anxiety", "4.5", "not a whole number"),
        ("--irritability", "-1", "from 0 to 10"),
        ("--energy", "12", "from 0 to 10"),
        ("--sleep", "25", "from 0 to 24"),
        ("--sleep", "lots", "is not a number"),
        ("--sleep", "nan", "is not a number"),
        ("--sleep-quality", "0", "from 1 to 5"),
        ("--sleep-quality", "6", "from 1 to 5"),
        ("--urge", "self-harm=6", "from 0 (no urge) to 5"),
        ("--urge", "self-harm", "NAME=VALUE"),
        ("--symptom", "focus=2", "not one of your scales"),
        ("--tag", "a;b", "not a usable name"),
        ("--date", "2026-02-30", "does not exist in the calendar"),
        ("--date", "someday", "is not a date"),
        ("--time", "25:00", "HH:MM"),
    ],
)
def test_a_value_out_of_range_is_refused_with_what_is_allowed(
    moodlog: Run, journal_file: Path, option: str, value: str, allowed: str
) -> None:
    result = moodlog("add", "--mood", "5", option, value)
    assert result.exit_code == 1
    assert allowed in result.output
    assert value.split("=", maxsplit=1)[0] in result.output
    assert "Traceback" not in result.output
    # A date or time is refused while the command line is read, before a journal is opened.
    assert not journal_file.exists() or rows(journal_file) == []


def test_a_symptom_out_of_its_own_scale_range_is_refused(moodlog: Run, journal_file: Path) -> None:
    moodlog("scales", "add", "headache", "--min", "0", "--max", "10")
    result = moodlog("add", "--symptom", "headache=11")
    assert result.exit_code == 1
    assert "headache 11 is out of range; allowed: 0 to 10" in result.output
    assert moodlog("add", "--symptom", "head=7").exit_code == 0
    assert rows(journal_file)[0]["symptoms"] == "headache=7"


def test_several_entries_on_one_day_are_all_kept(moodlog: Run, journal_file: Path) -> None:
    for hour, mood in (("08:00", "4"), ("13:00", "5"), ("21:00", "7")):
        assert moodlog("add", "-d", "2026-11-20", "-t", hour, "-m", mood).exit_code == 0
    listed = moodlog("list", "--since", "2026-11-20", "--until", "2026-11-20")
    assert listed.exit_code == 0, listed.output
    assert "1 of 1 days logged" in listed.output
    assert [row["mood"] for row in rows(journal_file)] == [4, 5, 7]


def test_a_back_filled_entry_keeps_its_day_and_when_it_was_recorded(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog("add", "--date", "yesterday", "--mood", "3")
    assert result.exit_code == 0, result.output
    assert "(back-filled)" in result.output
    (row,) = rows(journal_file)
    recorded = datetime.fromisoformat(row["recorded_at"])
    assert row["backfilled"] == 1
    assert date.fromisoformat(row["day"]) < recorded.date() or recorded.hour < 4
    shown = moodlog("show", "1")
    assert "(back-filled)" in shown.output
    assert row["recorded_at"] in shown.output


def test_half_past_midnight_alone_is_in_todays_moodlog_day(
    moodlog: Run, journal_file: Path, fixed_clock: Callable[[datetime], None]
) -> None:
    # At noon on 26 November, 00:30 is the small hours that end today's moodlog day (the same
    # as --date today --time 00:30); last night's 00:30 is --date yesterday.
    fixed_clock(datetime(2026, 11, 26, 12, 0).astimezone())
    moodlog("add", "--time", "00:30", "--mood", "4")
    moodlog("add", "--date", "yesterday", "--time", "00:30", "--mood", "4")
    assert [(row["day"], row["time"]) for row in rows(journal_file)] == [
        ("2026-11-26", "00:30"),
        ("2026-11-25", "00:30"),
    ]


def test_an_entry_made_at_half_past_midnight_lands_on_the_day_before(
    moodlog: Run, journal_file: Path, fixed_clock: Callable[[datetime], None]
) -> None:
    fixed_clock(datetime(2026, 11, 26, 0, 30).astimezone())
    moodlog("add", "--mood", "4")
    assert [row["day"] for row in rows(journal_file)] == ["2026-11-25"]


def test_day_starts_at_setting_moves_where_half_past_midnight_lands(
    moodlog: Run, journal_file: Path, fixed_clock: Callable[[datetime], None]
) -> None:
    fixed_clock(datetime(2026, 11, 26, 0, 30).astimezone())
    assert moodlog("config", "set", "day-starts-at", "00:00").exit_code == 0
    moodlog("add", "--mood", "4")
    assert [row["day"] for row in rows(journal_file)] == ["2026-11-26"]


def test_note_dash_reads_the_note_from_standard_input(moodlog: Run, journal_file: Path) -> None:
    secret = "Felt the old panic on the bus.\nUsed paced breathing; it passed."
    result = moodlog("add", "--mood", "5", "--note", "-", input=secret + "\n")
    assert result.exit_code == 0, result.output
    (row,) = rows(journal_file)
    assert row["note"] == secret
    assert row["note_shared"] == 0


def test_add_with_no_values_outside_a_terminal_never_waits(journal_home: Path) -> None:
    finished = run_moodlog_process("add", input="")
    assert finished.returncode == 1
    assert "nothing to record" in finished.stderr
    assert "Traceback" not in finished.stderr


def test_edit_changes_only_the_values_given(moodlog: Run, journal_file: Path) -> None:
    moodlog("add", "-d", "2026-11-20", "-m", "4", "-a", "6", "--tag", "work", "--note", "tired")
    result = moodlog("edit", "1", "--mood", "5.5", "--tag", "rest", "--clear", "note")
    assert result.exit_code == 0, result.output
    (row,) = rows(journal_file)
    assert (row["mood"], row["anxiety"], row["tags"], row["note"]) == (5.5, 6, "rest", None)
    assert moodlog("edit", "1", "--date", "2026-11-19").exit_code == 0
    assert rows(journal_file)[0]["day"] == "2026-11-19"


def test_edit_refuses_a_bad_value_and_keeps_the_entry(moodlog: Run, journal_file: Path) -> None:
    moodlog("add", "-d", "2026-11-20", "-m", "4")
    before = [tuple(row) for row in rows(journal_file)]
    result = moodlog("edit", "1", "--mood", "4", "--anxiety", "99")
    assert result.exit_code == 1
    assert [tuple(row) for row in rows(journal_file)] == before
    assert moodlog("edit", "7", "--mood", "4").exit_code == 1


def test_delete_removes_the_entry_and_asks_first(moodlog: Run, journal_file: Path) -> None:
    moodlog("add", "-m", "4")
    moodlog("add", "-m", "6")
    refused = moodlog("delete", "1")  # not a terminal, no --yes: refuses rather than guess
    assert refused.exit_code == 1
    assert "--yes" in refused.output
    assert len(rows(journal_file)) == 2
    deleted = moodlog("delete", "1", "--yes")
    assert deleted.exit_code == 0, deleted.output
    assert [row["id"] for row in rows(journal_file)] == [2]
    missing = moodlog("delete", "1", "--yes")
    assert missing.exit_code == 1
    assert "entry 1 is not in the journal" in missing.output


def test_show_prints_every_field(moodlog: Run) -> None:
    moodlog(
        "add", "-d", "2026-11-20", "-t", "20:00", "-m", "6", "-s", "8", "-q", "4",
        "--urge", "self-harm=1", "--note", "line one\nline two",
    )  # fmt: skip
    shown = moodlog("show", "1")
    assert shown.exit_code == 0, shown.output
    for expected in ("2026-11-20 at 20:00", "mood", "sleep hours   8", "self-harm 1", "line two"):
        assert expected in shown.output


def test_list_period_options(moodlog: Run) -> None:
    moodlog("add", "-d", "2026-11-01", "-m", "3")
    moodlog("add", "-d", "2026-11-10", "-m", "7")
    listed = moodlog("list", "--since", "2026-11-05", "--until", "2026-11-12")
    assert "2026-11-10" in listed.output
    assert "2026-11-01" not in listed.output
    assert "1 of 8 days logged" in listed.output
    both = moodlog("list", "--last", "7d", "--since", "2026-11-01")
    assert both.exit_code == 1
    assert "either --last or --since" in both.output

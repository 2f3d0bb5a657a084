"""`--json` (docs/json.md): each command's document read back with json.loads and compared,
value by value, with the CSV export of the same records, and figures with the same figures
worked out by hand."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from tests.conftest import Run

NOTE = 'Harbour walk 🌊 — שלום עולם, "quoted", two\nlines'
NOW = datetime(2026, 3, 10, 12, 0).astimezone()


def ok(moodlog: Run, *args: str) -> str:
    result = moodlog(*args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def document(moodlog: Run, *args: str) -> Any:
    text = ok(moodlog, *args, "--json")
    assert text.endswith("}\n")
    assert not text.endswith("\n\n")
    assert "\x1b" not in text  # no colour codes
    assert "\\u" not in text  # characters as they are
    return json.loads(text)


def exported(moodlog: Run, table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(ok(moodlog, "export", "--table", table))))


def same(value: Any, cell: str) -> bool:
    """A JSON value and the CSV cell of the same column: null is the empty cell, a number the
    same number, text the same text."""
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return str(int(value)) == cell
    if isinstance(value, int | float):
        return cell != "" and float(cell) == value
    return bool(value == cell)


def assert_same_records(records: list[dict[str, Any]], rows: list[dict[str, str]]) -> None:
    by_id = {row["id"]: row for row in rows}
    assert records, "nothing listed"
    for record in records:
        row = by_id[str(record["id"])]
        assert list(record) == [column for column in row if column != "symptom_scales"]
        for column, value in record.items():
            assert same(value, row[column]), (column, value, row[column])


@pytest.fixture
def journal(moodlog: Run, fixed_clock: Callable[[datetime], None]) -> Run:
    """A journal with records of every kind in the first days of March 2026."""
    fixed_clock(NOW)
    for args in (
        ("init", "--preset", "adhd"),
        (
            "med",
            "add",
            "sertraline",
            "--dose",
            "50mg",
            "--schedule",
            "morning",
            "--start",
            "2026-03-01",
        ),
        (
            "add",
            "--date",
            "2026-03-02",
            "--mood",
            "4",
            "--anxiety",
            "6",
            "--tag",
            "Café",
            "--note",
            NOTE,
            "--skill",
            "opposite=5",
            "--symptom",
            "focus=2",
        ),
        (
            "add",
            "--date",
            "2026-03-02",
            "--mood",
            "5.5",
            "--sleep",
            "7h30",
            "--share",
            "--note",
            "مرحبا",
        ),
        ("add", "--date", "2026-03-04", "--mood", "7", "--urge", "self-harm=1"),
        ("took", "sertraline", "--date", "2026-03-02"),
        ("took", "sertraline", "--date", "2026-03-03"),
        ("missed", "sertraline", "--date", "2026-03-04", "--reason", "forgot 😴"),
        ("skipped", "sertraline", "--date", "2026-03-05", "--reason", "advice"),
        ("side-effect", "nausea", "--severity", "2", "--med", "sertraline", "--date", "2026-03-03"),
        ("session", "dbt skills group", "--date", "2026-03-05", "--note", NOTE),
        ("check", "gad7", "--answers", "1,2,1,0,1,2,1", "--date", "2026-03-06"),
        ("appointment", "add", "2026-03-20", "--with", "Dr Rao"),
        ("ask", "Is 50 mg right? 🤔"),
    ):
        ok(moodlog, *args)
    return moodlog


def test_list_json_holds_the_exported_entries_value_for_value(journal: Run) -> None:
    found = document(journal, "list", "--since", "2026-03-01", "--until", "2026-03-10")
    assert found["period"] == {"since": "2026-03-01", "until": "2026-03-10"}
    assert [entry["note"] for entry in found["entries"]] == [NOTE, "مرحبا", None]
    assert found["entries"][0]["tags"] == "Café"
    assert_same_records(found["entries"], exported(journal, "entries"))


@pytest.mark.parametrize(
    ("command", "table"),
    [
        (("dose", "list", "--since", "2026-03-01"), "doses"),
        (("side-effect", "list"), "side_effects"),
        (("skill-use", "list", "--since", "2026-03-01"), "skill_uses"),
        (("session", "list"), "sessions"),
        (("check", "list"), "questionnaires"),
        (("appointment", "list"), "appointments"),
        (("ask", "list"), "questions"),
        (("ask", "--list"), "questions"),
    ],
)
def test_each_listing_holds_its_exported_records(
    journal: Run, command: tuple[str, ...], table: str
) -> None:
    found = document(journal, *command)
    assert list(found) == ["period", table]
    assert_same_records(found[table], exported(journal, table))


@pytest.mark.parametrize(
    ("command", "table"),
    [
        ("show", "entries"),
        ("dose show", "doses"),
        ("side-effect show", "side_effects"),
        ("skill-use show", "skill_uses"),
        ("session show", "sessions"),
        ("check show", "questionnaires"),
        ("appointment show", "appointments"),
        ("ask show", "questions"),
    ],
)
def test_each_show_is_its_exported_record(journal: Run, command: str, table: str) -> None:
    shown = document(journal, *command.split(), "1")
    columns = [column for column in exported(journal, table)[0] if column != "symptom_scales"]
    record = {column: shown[column] for column in columns}
    assert_same_records([record], exported(journal, table))


def test_show_of_an_entry_carries_its_skill_uses(journal: Run) -> None:
    shown = document(journal, "show", "1")
    assert shown["note"] == NOTE
    assert [use["skill"] for use in shown["skill_uses"]] == ["Opposite action"]
    assert shown["safety_flags"] == []


def test_a_private_note_is_shown_as_the_export_shows_it(journal: Run) -> None:
    """The export carries every note with its note_shared flag (docs/privacy.md); --json shows
    no more than that."""
    entries = document(journal, "list", "--since", "2026-03-01")["entries"]
    rows = exported(journal, "entries")
    assert [(e["note"], e["note_shared"]) for e in entries] == [
        (row["note"] or None, int(row["note_shared"])) for row in rows
    ]


def test_stats_mean_mood_is_the_mean_of_the_days_means(journal: Run) -> None:
    found = document(journal, "stats", "--since", "2026-03-01", "--until", "2026-03-10")
    rows = exported(journal, "entries")
    by_day: dict[str, list[float]] = {}
    for row in rows:
        by_day.setdefault(row["day"], []).append(float(row["mood"]))
    day_means = [sum(moods) / len(moods) for moods in by_day.values()]
    mood = next(line for line in found["measures"] if line["measure"] == "mood")
    assert mood["mean"] == pytest.approx(sum(day_means) / len(day_means))  # (4.75 + 7) / 2
    assert mood["days"] == 2
    assert found["logged"] == 2
    assert found["days"] == 10


def test_med_list_adherence_is_counted_by_hand(journal: Run) -> None:
    found = document(journal, "med", "list", "--until", "2026-03-05")
    (sertraline,) = found["medicines"]
    # Due from the journal's first day (the first entry, 2 March) to 5 March, one a day:
    # taken on the 2nd and 3rd, missed the 4th, skipped the 5th.
    assert sertraline["doses_scheduled"] == 4
    assert sertraline["doses_taken"] == 2
    assert sertraline["doses_missed"] == 1
    assert sertraline["doses_skipped"] == 1
    assert sertraline["doses_not_logged"] == 0
    assert sertraline["adherence"] == pytest.approx(100 * 2 / (4 - 1))
    assert sertraline["regimen"]["dose"] == "50 mg"
    assert [effect["name"] for effect in found["side_effects"]] == ["nausea"]


def test_stats_adherence_is_the_daily_exports_dose_counts(journal: Run) -> None:
    found = document(journal, "stats", "--since", "2026-03-01", "--until", "2026-03-05")
    daily = list(
        csv.DictReader(
            io.StringIO(ok(journal, "export", "--since", "2026-03-01", "--until", "2026-03-05"))
        )
    )
    (counted,) = found["adherence"]
    for column in ("doses_scheduled", "doses_taken", "doses_missed", "doses_skipped"):
        assert counted[column] == sum(int(row[column]) for row in daily), column


def test_status_json_names_what_is_left(journal: Run) -> None:
    found = document(journal, "status")
    assert found["day"] == "2026-03-10"
    assert found["logged"] == 0
    assert [dose["medicine"] for dose in found["doses_not_logged"]] == ["sertraline"]


def test_status_json_without_a_journal(moodlog: Run) -> None:
    found = document(moodlog, "status")
    assert found == {
        "day": None,
        "journal": 0,
        "locked": 0,
        "logged": 0,
        "doses_not_logged": [],
        "doses_to_come": [],
        "warning_signs": [],
    }


def test_catalogues_list_as_the_whole_journal_export_names_them(journal: Run) -> None:
    scales = document(journal, "scales")["scales"]
    whole = json.loads(ok(journal, "export", "--format", "json"))["tables"]

    def by_name(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(records, key=lambda record: str(record["name"]))

    assert by_name(scales) == by_name(whole["scales"])
    ok(journal, "skills", "add", "Box breathing", "--category", "own")
    own = document(journal, "skills", "--category", "own")["skills"]
    assert own == [
        {
            "name": "Box breathing",
            "category": "own",
            "module": None,
            "description": "",
            "built_in": 0,
        }
    ]


def test_a_scale_or_a_skill_shown_is_its_exported_record_and_its_count(journal: Run) -> None:
    whole = json.loads(ok(journal, "export", "--format", "json"))["tables"]
    focus = document(journal, "scales", "show", "focus")
    (exported_focus,) = [scale for scale in whole["scales"] if scale["name"] == "focus"]
    assert focus == {**exported_focus, "entries_rating_it": 1}  # one entry rates focus
    skill = document(journal, "skills", "show", "opposite")
    listed = document(journal, "skills")["skills"]  # the catalogue: built-in ones included
    (exported_skill,) = [one for one in listed if one["name"] == "Opposite action"]
    uses = [use for use in whole["skill_uses"] if use["skill"] == "Opposite action"]
    assert skill == {**exported_skill, "uses": len(uses)}


def test_json_is_only_for_the_list_of_questions(journal: Run) -> None:
    result = journal("ask", "A question", "--json")
    assert result.exit_code == 1
    assert "--json goes with --list" in result.output

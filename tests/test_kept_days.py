"""Days moodlog can compute with: 1900-01-01 to 2200-12-31. A day outside, typed after any
date option or found in any file imported, is refused with one line naming the value and the
range, exit 1, and nothing is written."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from moodlog.cli.types import TypedValue
from tests.command_lines import command_at, seed_journal, write_import_files
from tests.conftest import Run
from tests.test_cli import ALL_COMMANDS

OUTSIDE = ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01"]
RANGE = "outside the days moodlog keeps, 1900-01-01 to 2200-12-31"

# Every option (or argument) that takes a date, each on a line that works with a good day
# ("{day}" is where the day goes; "{tmp}" the test's folder).
DATE_LINES: dict[tuple[str, str], list[str]] = {
    ("add", "--date"): ["add", "--mood", "5", "--date", "{day}"],
    ("edit", "--date"): ["edit", "1", "--date", "{day}"],
    ("list", "--since"): ["list", "--since", "{day}"],
    ("list", "--until"): ["list", "--until", "{day}"],
    ("med add", "--start"): ["med", "add", "lithium", "--dose", "300mg", "--start", "{day}"],
    ("med change", "--date"): ["med", "change", "sertraline", "--dose", "75mg", "--date", "{day}"],
    ("med stop", "--date"): ["med", "stop", "lorazepam", "--date", "{day}"],
    ("med list", "--until"): ["med", "list", "--until", "{day}"],
    ("took", "--date"): ["took", "sertraline", "--date", "{day}"],
    ("missed", "--date"): ["missed", "sertraline", "--date", "{day}"],
    ("skipped", "--date"): ["skipped", "sertraline", "--date", "{day}"],
    ("side-effect log", "--date"): [
        "side-effect",
        "headache",
        "--severity",
        "1",
        "--date",
        "{day}",
    ],
    ("side-effect log", "--resolved"): ["side-effect", "nausea", "--resolved", "{day}"],
    ("side-effect list", "--since"): ["side-effect", "list", "--since", "{day}"],
    ("side-effect list", "--until"): ["side-effect", "list", "--until", "{day}"],
    ("side-effect edit", "--date"): ["side-effect", "edit", "1", "--date", "{day}"],
    ("side-effect edit", "--resolved"): ["side-effect", "edit", "1", "--resolved", "{day}"],
    ("dose list", "--since"): ["dose", "list", "--since", "{day}"],
    ("dose list", "--until"): ["dose", "list", "--until", "{day}"],
    ("dose edit", "--date"): ["dose", "edit", "1", "--date", "{day}"],
    ("session log", "--date"): ["session", "cbt", "--date", "{day}"],
    ("session list", "--since"): ["session", "list", "--since", "{day}"],
    ("session list", "--until"): ["session", "list", "--until", "{day}"],
    ("session edit", "--date"): ["session", "edit", "1", "--date", "{day}"],
    ("check log", "--date"): ["check", "gad7", "--answers", "1,1,1,1,1,1,1", "--date", "{day}"],
    ("check list", "--since"): ["check", "list", "--since", "{day}"],
    ("check list", "--until"): ["check", "list", "--until", "{day}"],
    ("check edit", "--date"): ["check", "edit", "1", "--date", "{day}"],
    ("skill-use list", "--since"): ["skill-use", "list", "--since", "{day}"],
    ("skill-use list", "--until"): ["skill-use", "list", "--until", "{day}"],
    ("appointment add", "appointment date"): ["appointment", "add", "{day}"],
    ("appointment list", "--since"): ["appointment", "list", "--since", "{day}"],
    ("appointment list", "--until"): ["appointment", "list", "--until", "{day}"],
    ("appointment edit", "--date"): ["appointment", "edit", "1", "--date", "{day}"],
    ("warn test", "--since"): ["warn", "test", "--since", "{day}"],
    ("warn test", "--until"): ["warn", "test", "--until", "{day}"],
    ("warn did", "--date"): ["warn", "did", "mood logged", "called Sam", "--date", "{day}"],
    ("ask list", "--since"): ["ask", "list", "--since", "{day}"],
    ("ask list", "--until"): ["ask", "list", "--until", "{day}"],
    ("report", "--since"): ["report", "--since", "{day}", "--out", "{tmp}/r.pdf"],
    ("report", "--until"): ["report", "--until", "{day}", "--out", "{tmp}/r.pdf"],
    ("export", "--since"): ["export", "--table", "daily", "--since", "{day}"],
    ("export", "--until"): ["export", "--table", "daily", "--until", "{day}"],
    ("stats", "--since"): ["stats", "--since", "{day}"],
    ("stats", "--until"): ["stats", "--until", "{day}"],
}


def _date_parameters() -> Iterator[tuple[str, str]]:
    for path in ALL_COMMANDS:
        for param in command_at(path).params:
            if isinstance(param.type, TypedValue) and param.type.name == "date":
                long_names = [name for name in param.opts if name.startswith("--")]
                yield " ".join(path), (long_names[0] if long_names else param.type._label or "")


def test_every_date_option_has_a_line_here() -> None:
    assert sorted(set(_date_parameters()) - DATE_LINES.keys()) == []
    assert sorted(DATE_LINES.keys() - set(_date_parameters())) == []


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "moodlog.db"
    seed_journal(path)
    return path


def _contents(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


# A day each line works with (the seeded journal's records are dated today).
KEPT = "kept"
GOOD_DAY = {("med stop", "--date"): "2030-01-01"}


@pytest.mark.parametrize("day", [KEPT, *OUTSIDE])
@pytest.mark.parametrize("option", DATE_LINES, ids=" ".join)
def test_a_day_outside_the_kept_days_is_refused_by_every_date_option(
    moodlog: Run, seeded: Path, tmp_path: Path, option: tuple[str, str], day: str
) -> None:
    journal = tmp_path / "moodlog.db"
    shutil.copy(seeded, journal)
    before = _contents(journal)
    typed = GOOD_DAY.get(option, "today") if day == KEPT else day
    line = [t.replace("{day}", typed).replace("{tmp}", str(tmp_path)) for t in DATE_LINES[option]]
    result = moodlog("--db", str(journal), *line)
    if day == KEPT:  # the line itself works
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1
    assert result.output == f"moodlog: {option[1]} {day!r} is {RANGE}\n"
    assert _contents(journal) == before
    assert not (tmp_path / "r.pdf").exists()


def test_a_long_period_reaching_before_1900_names_the_range(moodlog: Run) -> None:
    assert moodlog("add", "--mood", "6").exit_code == 0  # list reads only a journal that is
    result = moodlog("list", "--until", "1900-01-10", "--last", "30d")
    assert result.exit_code == 1
    assert result.output == (
        "moodlog: period '30d' is too long; moodlog keeps the days 1900-01-01 to 2200-12-31\n"
    )


def test_the_first_and_last_kept_days_are_accepted(moodlog: Run) -> None:
    assert moodlog("appointment", "add", "2200-12-31").exit_code == 0
    assert moodlog("add", "--mood", "5", "--date", "1900-01-01").exit_code == 0
    assert "1900-01-01" in moodlog("list", "--since", "1900-01-01", "--until", "1900-01-01").output


# --- imports ---------------------------------------------------------------------------------


def _refused_import(moodlog: Run, tmp_path: Path, name: str, text: str, *options: str) -> str:
    """Import the file into a fresh journal: it must be refused and the journal left empty."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    journal = tmp_path / "fresh.db"
    result = moodlog("--db", str(journal), "import", str(path), *options)
    assert result.exit_code == 1, result.output
    assert "so nothing was imported" in result.output
    with sqlite3.connect(journal) as connection:
        assert connection.execute("SELECT count(*) FROM entries").fetchone() == (0,)
    return result.output


@pytest.mark.parametrize("day", OUTSIDE)
@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("entries", "day"),
        ("entries", "recorded_at"),
        ("regimen", "effective_date"),
        ("doses", "day"),
        ("sessions", "day"),
        ("appointments", "day"),
        ("side_effects", "onset_date"),
    ],
)
def test_a_whole_journal_json_with_a_day_outside_imports_nothing(
    moodlog: Run, tmp_path: Path, table: str, column: str, day: str
) -> None:
    journal = tmp_path / "full.db"
    seed_journal(journal)
    document = json.loads(moodlog("--db", str(journal), "export", "-f", "json").stdout)
    record = document["tables"][table][0]
    value = f"{day}T12:00:00+00:00" if column == "recorded_at" else day
    record[column] = value
    if table == "side_effects":
        record["resolved_date"] = None
    output = _refused_import(moodlog, tmp_path, "all.json", json.dumps(document))
    assert f"tables.{table}[0] (id {record['id']}): {column} {value!r} is {RANGE}" in output


@pytest.mark.parametrize("day", OUTSIDE)
def test_an_entries_csv_with_a_day_outside_imports_nothing(
    moodlog: Run, tmp_path: Path, day: str
) -> None:
    moodlog("add", "--mood", "5", "--date", "2026-01-06")
    rows = list(csv.DictReader(io.StringIO(moodlog("export", "-t", "entries", "-f", "csv").stdout)))
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerow(rows[0])
    writer.writerow({**rows[0], "id": "2", "day": day, "recorded_at": "", "import_key": ""})
    output = _refused_import(moodlog, tmp_path, "entries.csv", text.getvalue())
    assert f"line 3: day {day!r} is {RANGE}" in output


@pytest.mark.parametrize("day", OUTSIDE)
def test_a_daylio_export_with_a_day_outside_imports_nothing(
    moodlog: Run, tmp_path: Path, day: str
) -> None:
    write_import_files(tmp_path)
    text = (tmp_path / "daylio.csv").read_text().replace("2026-10-01", day)
    output = _refused_import(moodlog, tmp_path, "phone.csv", text, "--from", "daylio")
    assert f"line 3: full_date {day!r} is {RANGE}" in output

"""`moodlog import` of moodlog's own exports: whole, all or nothing, and never twice."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moodlog.actions.export import ExportRequest, export_journal
from moodlog.actions.importing import ImportRequest, import_file
from moodlog.domain.appointments import Appointment, Question
from moodlog.domain.entries import BUILT_IN_URGES, Entry
from moodlog.domain.spreadsheet import spreadsheet_safe, without_mark
from moodlog.domain.therapy import Session
from moodlog.storage.appointments import insert_appointment, insert_question
from moodlog.storage.entries import ENTRY_COLUMNS, insert_entry
from moodlog.storage.journal import open_journal
from moodlog.storage.therapy import insert_session
from tests.conftest import Run, days_ago
from tests.test_export import TABLE_NAMES, fill_every_table

EXPORTS = [(table, "csv") for table in TABLE_NAMES] + [
    *((table, "json") for table in TABLE_NAMES),
    ("all", "json"),
]


def exports_of(journal_path: Path) -> dict[tuple[str, str], str]:
    """Every export of the journal: each table as CSV and JSON, and the whole journal."""
    with open_journal(journal_path) as journal:
        return {
            (table, fmt): export_journal(journal, ExportRequest(table=table, format=fmt)).text
            for table, fmt in EXPORTS
        }


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def imported(moodlog: Run, *args: str) -> str:
    """Run the command (an import), which must succeed; its output."""
    result = moodlog(*args)
    assert result.exit_code == 0, result.output
    return result.output


def rows_of(journal: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(journal)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


# --- the whole journal ---------------------------------------------------------------------------


def test_whole_journal_round_trip_gives_the_same_export_of_every_table(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    fill_every_table(moodlog)
    before = exports_of(journal_file)
    saved = write(tmp_path / "all.json", before[("all", "json")])
    restored = tmp_path / "restored.db"
    output = imported(moodlog, "--db", str(restored), "import", str(saved))
    assert "Restored the whole journal from all.json" in output
    assert "4 entries" in output
    assert exports_of(restored) == before


def test_restored_journal_keeps_settings_scales_skills_and_references(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    fill_every_table(moodlog)
    saved = write(tmp_path / "all.json", exports_of(journal_file)[("all", "json")])
    restored = tmp_path / "restored.db"
    imported(moodlog, "--db", str(restored), "import", str(saved))
    assert moodlog("--db", str(restored), "config", "get", "day-starts-at").output == "05:00\n"
    assert "focus" in moodlog("--db", str(restored), "scales").output
    assert "Box breathing" in moodlog("--db", str(restored), "skills", "--category", "own").output
    show = moodlog("--db", str(restored), "show", "1").output
    assert "Opposite action" in show
    assert "self-harm" in show


def test_whole_journal_imported_again_adds_nothing(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    fill_every_table(moodlog)
    saved = write(tmp_path / "all.json", exports_of(journal_file)[("all", "json")])
    restored = tmp_path / "restored.db"
    imported(moodlog, "--db", str(restored), "import", str(saved))
    again = imported(moodlog, "--db", str(restored), "import", str(saved))
    assert "Nothing to add from all.json" in again
    assert exports_of(restored) == exports_of(journal_file)


def test_whole_journal_into_a_journal_holding_other_records_is_refused_untouched(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    fill_every_table(moodlog)
    saved = write(tmp_path / "all.json", exports_of(journal_file)[("all", "json")])
    other = tmp_path / "other.db"
    moodlog("--db", str(other), "add", "--mood", "5")
    before = exports_of(other)
    result = moodlog("--db", str(other), "import", str(saved))
    assert result.exit_code == 1
    assert "restored into an empty journal only" in result.output
    assert "1 entries" in result.output
    assert exports_of(other) == before


def test_dry_run_says_what_it_would_restore_and_saves_nothing(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    fill_every_table(moodlog)
    saved = write(tmp_path / "all.json", exports_of(journal_file)[("all", "json")])
    restored = tmp_path / "restored.db"
    output = imported(moodlog, "--db", str(restored), "import", str(saved), "--dry-run")
    assert "Would restore the whole journal" in output
    assert "Nothing was saved (--dry-run)." in output
    assert not restored.exists()  # checked against an empty journal in memory


def _document(moodlog: Run, journal_file: Path) -> dict[str, object]:
    fill_every_table(moodlog)
    document: dict[str, object] = json.loads(exports_of(journal_file)[("all", "json")])
    return document


def test_a_bad_record_in_the_journal_json_imports_nothing_and_is_named(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    document = _document(moodlog, journal_file)
    tables = document["tables"]
    assert isinstance(tables, dict)
    tables["entries"][2]["mood"] = 11
    tables["doses"][0]["day"] = "2026-02-30"
    tables["sessions"][0]["kind"] = 5
    saved = write(tmp_path / "bad.json", json.dumps(document))
    restored = tmp_path / "restored.db"
    result = moodlog("--db", str(restored), "import", str(saved))
    assert result.exit_code == 1
    assert "bad.json: 3 records cannot be imported, so nothing was imported" in result.output
    assert "tables.entries[2] (id 3): mood 11 is out of range" in result.output
    assert "tables.doses[0] (id 1): day '2026-02-30' is not a date" in result.output
    assert "tables.sessions[0] (id 1): kind 5 is not text" in result.output
    assert rows_of(restored, "SELECT count(*) FROM entries") == [(0,)]


def test_a_record_refused_by_the_journals_checks_or_a_broken_reference_imports_nothing(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    document = _document(moodlog, journal_file)
    tables = document["tables"]
    assert isinstance(tables, dict)
    # The same id twice: each record is sound alone, the journal refuses the second.
    tables["side_effects"].append(dict(tables["side_effects"][0]))
    tables["doses"][0]["entry_id"] = 99
    saved = write(tmp_path / "bad.json", json.dumps(document))
    restored = tmp_path / "restored.db"
    result = moodlog("--db", str(restored), "import", str(saved))
    assert result.exit_code == 1
    assert "tables.side_effects[1] (id 1): the journal refuses it: UNIQUE constraint" in (
        result.output
    )
    assert "tables.doses (id 1): entry_id refers to a record that is not in the file" in (
        result.output
    )
    assert rows_of(restored, "SELECT count(*) FROM side_effects") == [(0,)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(moodlog=2), "was written by a newer moodlog (format 2)"),
        (
            lambda d: d["schema"].append("0099_future"),
            "was written by a newer moodlog (schema step 0099_future)",
        ),
        (lambda d: d["tables"].update(moods=[]), "has tables this moodlog does not know (moods)"),
        (lambda d: d.pop("moodlog"), 'is not a moodlog journal export (it has no "moodlog"'),
    ],
)
def test_a_journal_json_from_a_newer_moodlog_or_another_program_is_refused(
    moodlog: Run, tmp_path: Path, change: object, message: str
) -> None:
    moodlog("add", "--mood", "5")
    document = json.loads(moodlog("export", "-f", "json").stdout)
    change(document)  # type: ignore[operator]
    saved = write(tmp_path / "x.json", json.dumps(document))
    result = moodlog("--db", str(tmp_path / "new.db"), "import", str(saved))
    assert result.exit_code == 1
    assert message in result.output


def test_a_one_table_json_or_a_daily_csv_is_explained_not_imported(
    moodlog: Run, tmp_path: Path
) -> None:
    moodlog("add", "--mood", "5")
    one = write(tmp_path / "e.json", moodlog("export", "-t", "entries", "-f", "json").stdout)
    result = moodlog("import", str(one))
    assert result.exit_code == 1
    assert "is a one-table JSON export" in result.output
    daily = write(tmp_path / "days.csv", moodlog("export").stdout)
    result = moodlog("import", str(daily))
    assert result.exit_code == 1
    assert "is moodlog's daily export" in result.output
    doses = write(tmp_path / "doses.csv", moodlog("export", "-t", "doses").stdout)
    result = moodlog("import", str(doses))
    assert "is moodlog's doses export; of the CSV exports only entries can be imported" in (
        result.output
    )


def test_a_file_that_is_not_there_or_not_text_is_a_clear_error(
    moodlog: Run, tmp_path: Path
) -> None:
    missing = moodlog("import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1
    assert "nope.csv does not exist" in missing.output
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"day,mood\n2026-01-01,5\n\xff\xfe\n")
    result = moodlog("import", str(binary))
    assert result.exit_code == 1
    assert "photo.csv is not UTF-8 text (line 3" in result.output
    other = write(tmp_path / "other.csv", "name,score\nx,1\n")
    result = moodlog("import", str(other))
    assert "is not a file moodlog can import: its header (name,score)" in result.output


# --- the entries CSV -----------------------------------------------------------------------------


def test_entries_csv_round_trip_into_an_empty_journal_gives_the_same_file(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    fill_every_table(moodlog)
    moodlog("delete", "2", "--yes")  # ids with a gap stay as they were
    before = exports_of(journal_file)
    saved = write(tmp_path / "entries.csv", before[("entries", "csv")])
    other = tmp_path / "other.db"
    output = imported(moodlog, "--db", str(other), "import", str(saved))
    assert "Imported 3 entries from entries.csv (moodlog entries CSV)." in output
    assert "raise 1 safety flag" in output
    after = exports_of(other)
    assert after[("entries", "csv")] == before[("entries", "csv")]
    assert after[("entries", "json")] == before[("entries", "json")]


def test_a_very_long_note_goes_out_and_back_whole(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    # Longer than a note may be typed (100,000 characters), as one imported from another app
    # can be: it is kept whole.
    note = "a long letter to myself, line after line\n" * 5000  # about 200 KB
    moodlog("add", "--mood", "5", "--note", "short for now")
    with sqlite3.connect(journal_file) as connection:
        connection.execute("UPDATE entries SET note = ?", (note,))
    connection.close()
    exported = moodlog("export", "-t", "entries").stdout_bytes.decode()
    saved = write(tmp_path / "entries.csv", exported)
    other = tmp_path / "other.db"
    imported(moodlog, "--db", str(other), "import", str(saved))
    assert rows_of(other, "SELECT note FROM entries") == [(note,)]


def test_entries_csv_imported_twice_adds_nothing(moodlog: Run, tmp_path: Path) -> None:
    moodlog("add", "--mood", "5", "--note", "one")
    saved = write(tmp_path / "entries.csv", moodlog("export", "-t", "entries").stdout)
    output = imported(moodlog, "import", str(saved))
    assert "Nothing to add from entries.csv" in output
    other = tmp_path / "other.db"
    imported(moodlog, "--db", str(other), "import", str(saved))
    assert "Nothing to add" in imported(moodlog, "--db", str(other), "import", str(saved))


# Notes a spreadsheet would run, and notes that merely look marked.
FORMULA_LIKE_NOTES = (
    "=SUM(A1:A9)",
    "+1 better",
    "-2 today",
    "@home",
    "\tindented",
    "\rafter a return",
    "'quoted, as I wrote it",
    "'=marked by me",
    "''@twice",
    "plain",
)


def test_a_spreadsheet_safe_export_imports_as_the_plain_one_and_only_once(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    for note in FORMULA_LIKE_NOTES:
        assert moodlog("add", "--mood", "5", "--tag", "work", "--note", note).exit_code == 0
    plain = moodlog("export", "-t", "entries").stdout_bytes.decode()
    safe = moodlog("export", "-t", "entries", "--spreadsheet-safe").stdout_bytes.decode()
    assert safe != plain
    saved = write(tmp_path / "for-excel.csv", safe)
    other = tmp_path / "other.db"
    output = imported(moodlog, "--db", str(other), "import", str(saved))
    assert f"Imported {len(FORMULA_LIKE_NOTES)} entries" in output
    assert exports_of(other)[("entries", "csv")] == plain
    assert rows_of(other, "SELECT note FROM entries ORDER BY id") == [
        (note,) for note in FORMULA_LIKE_NOTES
    ]
    assert "Nothing to add" in imported(moodlog, "--db", str(other), "import", str(saved))
    assert "Nothing to add" in imported(moodlog, "import", str(saved))
    assert exports_of(other)[("entries", "csv")] == plain
    assert exports_of(journal_file)[("entries", "csv")] == plain


def test_a_spreadsheet_safe_export_reads_into_pandas_with_its_mark_column(
    moodlog: Run, tmp_path: Path
) -> None:
    import pandas as pd

    moodlog("add", "--mood", "5", "--note", "=1+1")
    safe = moodlog("export", "-t", "entries", "--spreadsheet-safe").stdout_bytes.decode()
    frame = pd.read_csv(io.StringIO(safe), keep_default_na=False, na_values=[""])
    assert list(frame.columns) == [*ENTRY_COLUMNS, "symptom_scales", "spreadsheet_safe"]
    assert frame["note"].tolist() == ["'=1+1"]
    assert frame["spreadsheet_safe"].tolist() == [1]


def test_a_row_without_the_mark_is_imported_as_written_and_a_bad_mark_is_named(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    # A row added by hand in a spreadsheet has no mark: its apostrophe is the person's own.
    text = (
        "day,mood,note,spreadsheet_safe\r\n"
        f"{days_ago(2)},5,'=from the export,1\r\n"
        f"{days_ago(1)},6,'=typed by hand,\r\n"
    )
    saved = write(tmp_path / "edited.csv", text)
    imported(moodlog, "import", str(saved))
    assert rows_of(journal_file, "SELECT note FROM entries ORDER BY id") == [
        ("=from the export",),
        ("'=typed by hand",),
    ]
    bad = write(tmp_path / "bad.csv", f"day,mood,spreadsheet_safe\r\n{days_ago(1)},5,yes\r\n")
    result = moodlog("import", str(bad))
    assert result.exit_code == 1
    assert "line 2: spreadsheet_safe 'yes' is not a mark; allowed: 1" in result.output


@given(st.text(st.sampled_from("'=+-@\t\r a"), max_size=6) | st.text(max_size=20))
def test_the_spreadsheet_mark_comes_off_exactly_and_leaves_no_formula(text: str) -> None:
    marked = spreadsheet_safe(text)
    assert not marked.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert marked in (text, "'" + text)
    assert without_mark(marked) == text


def test_entries_whose_ids_are_taken_get_new_ones(moodlog: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    moodlog("--db", str(other), "add", "--mood", "5", "--note", "other journal")
    moodlog("add", "--date", days_ago(2), "--mood", "7", "--note", "mine")
    moodlog("add", "--date", days_ago(1), "--mood", "8")
    saved = write(tmp_path / "entries.csv", moodlog("export", "-t", "entries").stdout)
    output = imported(moodlog, "--db", str(other), "import", str(saved))
    assert "Imported 2 entries" in output
    assert "1 of them got new ids" in output
    assert rows_of(other, "SELECT id, note FROM entries ORDER BY id") == [
        (1, "other journal"),
        (2, None),
        (3, "mine"),
    ]


def test_a_hand_made_entries_csv_with_a_few_columns_is_imported_and_checked_like_add(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    made = write(
        tmp_path / "mine.csv",
        'day,mood,tags,note\n2026-03-01,6.5,Work;  long   walk,"first\nsecond"\n2026-03-02,4,,\n',
    )
    output = imported(moodlog, "import", str(made))
    assert "Imported 2 entries" in output
    assert rows_of(journal_file, "SELECT day, time, mood, tags, note, backfilled FROM entries") == [
        ("2026-03-01", "12:00", 6.5, "Work;long walk", "first\nsecond", 0),
        ("2026-03-02", "12:00", 4.0, None, None, 0),
    ]
    assert "Nothing to add" in imported(moodlog, "import", str(made))


def test_a_file_with_one_bad_row_imports_nothing_and_names_its_line_and_value(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    made = write(
        tmp_path / "mine.csv",
        "day,time,mood,anxiety,note\n"
        '2026-03-01,08:00,6,2,"a note\nover two lines"\n'
        "2026-03-02,08:00,11,2,\n"
        "2026-03-03,08:00,5,2,\n",
    )
    result = moodlog("import", str(made))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "moodlog: mine.csv: 1 row cannot be imported, so nothing was imported; fix it and import "
        "the file again:"
    )
    assert lines[1] == (
        "  line 4: mood 11 is out of range; allowed: a number from 0 to 10 (0 lowest "
        "possible, 5 your usual self, 10 best)"
    )
    assert rows_of(journal_file, "SELECT count(*) FROM entries") == [(0,)]


def test_every_bad_row_is_reported_with_its_line(moodlog: Run, tmp_path: Path) -> None:
    made = write(
        tmp_path / "mine.csv",
        "day,time,anxiety,tags,urges,mood\n"
        "2026-13-01,08:00,2,,,\n"
        "2026-03-02,25:00,2.5,,,\n"
        "2026-03-03,08:00,2,a=b,,\n"
        "2026-03-04,08:00,2,,self-harm=9,\n"
        ",08:00,,,,5\n"
        "2026-03-06,08:00,2,,\n",
    )
    result = moodlog("import", str(made))
    assert result.exit_code == 1
    output = result.output
    assert "6 rows cannot be imported" in output
    assert "line 2: day '2026-13-01' is not a date; use YYYY-MM-DD" in output
    assert "line 3: time '25:00' is not a time" in output
    assert "line 3: anxiety 2.5 is not a whole number" in output
    assert "line 4: tag 'a=b' is not a usable name" in output
    assert "line 5: urge self-harm 9 is out of range" in output
    assert "line 6: day is empty" in output
    assert "line 7: has 5 fields; the header has 6" in output


def test_a_column_that_is_not_an_entries_column_is_named(moodlog: Run, tmp_path: Path) -> None:
    made = write(tmp_path / "mine.csv", "day,mood,weather\n2026-03-01,5,rain\n")
    result = moodlog("import", str(made))
    assert result.exit_code == 1
    assert "mine.csv has columns that are not in moodlog's entries CSV: weather;" in result.output


def test_mood_map_is_refused_for_moodlogs_own_files(moodlog: Run, tmp_path: Path) -> None:
    made = write(tmp_path / "mine.csv", "day,mood\n2026-03-01,5\n")
    result = moodlog("import", str(made), "--mood-map", "super=9")
    assert result.exit_code == 1
    assert "--mood-map is for Daylio's export" in result.output
    result = moodlog("import", str(made), "--from", "daylio")
    assert "is moodlog's entries CSV, not Daylio's export" in result.output
    result = moodlog("import", str(made), "--from", "paper")
    assert "--from 'paper' is not known; allowed: moodlog, daylio" in result.output


# --- a large file in a terminal -----------------------------------------------------------------


def _big_entries_csv(path: Path, rows: int) -> Path:
    lines = ["day,time,mood,note"]
    first = date(2010, 1, 1)
    for n in range(rows):
        lines.append(f"{first + timedelta(days=n // 2)},{8 + 12 * (n % 2):02d}:00,5,note {n}")
    return write(path, "\n".join(lines) + "\n")


def test_a_large_import_shows_a_progress_bar_in_a_terminal_and_nothing_when_piped(
    journal_file: Path, tmp_path: Path
) -> None:
    big = _big_entries_csv(tmp_path / "big.csv", 12_000)
    assert big.stat().st_size > 256 * 1024
    main, follower = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "moodlog", "--db", str(journal_file), "import", str(big)],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "COLUMNS": "80"},
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    output, _ = process.communicate(timeout=120)
    os.close(main)
    assert process.returncode == 0, seen
    assert b"import" in seen
    assert b"\xe2\x94\x81" in seen  # the bar
    assert b"Imported 12000 entries" in output
    piped = subprocess.run(
        [sys.executable, "-m", "moodlog", "--db", str(tmp_path / "b.db"), "import", str(big)],
        capture_output=True,
        check=True,
    )
    assert piped.stderr == b""


# --- a round trip of anything a person can write -------------------------------------------------

# Any Unicode a journal can hold: everything but lone surrogates, which UTF-8 (and so SQLite)
# cannot store. Newlines, quotes, commas, NUL, right-to-left text and emoji included.
TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)
WORD = st.from_regex(r"[a-z0-9][a-z0-9_'-]{0,8}", fullmatch=True)
NAME = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
OWN_URGE = NAME.filter(lambda name: not any(b.startswith(name) for b in BUILT_IN_URGES))
URGE = st.one_of(st.sampled_from(BUILT_IN_URGES), OWN_URGE)
WHOLE = st.integers(0, 10).map(float)
FINITE = st.floats(allow_nan=False, allow_infinity=False)
ZONE = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
# Recent days: the daily export runs from the first day to today, for every example.
DAY = st.dates(date.today() - timedelta(days=60), date.today() - timedelta(days=2))


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    day = draw(DAY)
    urges = draw(st.dictionaries(URGE, st.integers(0, 5), max_size=3))
    return Entry(
        day=day,
        time=draw(st.times().map(lambda t: t.replace(second=0, microsecond=0))),
        recorded_at=datetime.combine(
            day + timedelta(days=draw(st.integers(0, 3))),
            draw(st.times()).replace(microsecond=0),
            draw(ZONE),
        ),
        backfilled=draw(st.booleans()),
        mood=draw(st.none() | st.floats(0, 10)),
        anxiety=draw(st.none() | WHOLE),
        irritability=draw(st.none() | WHOLE),
        energy=draw(st.none() | WHOLE),
        sleep_hours=draw(st.none() | st.floats(0, 24)),
        sleep_quality=draw(st.none() | st.integers(1, 5).map(float)),
        symptoms=draw(st.dictionaries(NAME, FINITE, max_size=3)),
        tags=draw(st.lists(NAME, max_size=4, unique=True)),
        note=draw(st.none() | TEXT),
        note_shared=draw(st.booleans()),
        urges=urges,
        acted=draw(st.lists(st.sampled_from(sorted(urges) or ["self-harm"]), unique=True)),
    )


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    journal_entries=st.lists(entries(), max_size=6),
    session_notes=st.lists(st.none() | TEXT, max_size=3),
    # The journal refuses a blank question (blank as Python reads it: U+0085 is a space, as
    # `ask` and import read it); SQLite's length() stops at a NUL character.
    questions=st.lists(
        TEXT.filter(lambda text: text.strip() != "" and text.lstrip(" ")[:1] != "\0"),
        max_size=3,
    ),
    with_whom=st.lists(st.none() | TEXT, max_size=2),
)
def test_export_import_export_loses_nothing_whatever_was_written(
    journal_entries: list[Entry],
    session_notes: list[str | None],
    questions: list[str],
    with_whom: list[str | None],
) -> None:
    moment = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    # In memory where the system has it: three journals per example, each synced on commit.
    memory = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(dir=memory) as folder:
        work = Path(folder)
        source = work / "source.db"
        with open_journal(source) as journal, journal.transaction() as connection:
            for entry in journal_entries:
                insert_entry(connection, entry)
            for n, note in enumerate(session_notes):
                insert_session(connection, Session(date(2024, 1, 1 + n), "therapy", note, moment))
            for text in questions:
                insert_question(connection, Question(text, date(2024, 2, 1), moment))
            for whom in with_whom:
                insert_appointment(connection, Appointment(date(2024, 3, 1), whom, moment))
        before = exports_of(source)

        restored = work / "restored.db"
        saved = write(work / "all.json", before[("all", "json")])
        with open_journal(restored) as journal:
            import_file(journal, ImportRequest(str(saved)))
        assert exports_of(restored) == before
        with open_journal(restored) as journal:
            again = import_file(journal, ImportRequest(str(saved)))
        assert again.added == {}

        from_csv = work / "from_csv.db"
        saved = write(work / "entries.csv", before[("entries", "csv")])
        with open_journal(from_csv) as journal:
            import_file(journal, ImportRequest(str(saved)))
        after = exports_of(from_csv)
        assert after[("entries", "csv")] == before[("entries", "csv")]
        assert after[("entries", "json")] == before[("entries", "json")]

        from_safe = work / "from_safe.db"
        with open_journal(source) as journal:
            request = ExportRequest(table="entries", format="csv", spreadsheet_safe=True)
            safe = export_journal(journal, request).text
        saved = write(work / "for-excel.csv", safe)
        with open_journal(from_safe) as journal:
            import_file(journal, ImportRequest(str(saved)))
            again = import_file(journal, ImportRequest(str(saved)))
        assert again.added == {}
        assert exports_of(from_safe)[("entries", "csv")] == before[("entries", "csv")]


def test_the_entries_csv_is_read_back_by_the_csv_module_as_written(moodlog: Run) -> None:
    moodlog("add", "--mood", "5", "--note", 'quote " comma , cr \r lf \n tab \t end')
    text = moodlog("export", "-t", "entries").stdout_bytes.decode()
    (row,) = csv.DictReader(io.StringIO(text, newline=""))
    assert list(row) == [*ENTRY_COLUMNS, "symptom_scales"]
    assert row["note"] == 'quote " comma , cr \r lf \n tab \t end'
    assert time.fromisoformat(row["time"])

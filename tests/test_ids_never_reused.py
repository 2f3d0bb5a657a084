"""A record's id is given once: a deleted record's id never comes back, in any table, across a
migration of an older journal and after a restore of a whole-journal export."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from moodlog.storage.journal import open_journal
from tests.conftest import Run, days_ago
from tests.test_export import fill_every_table

FIXTURES = Path(__file__).parent / "fixtures"

# Every table whose rows are records with an id of their own (last_check's one row is id 1).
RECORD_TABLES = (
    "entries",
    "regimen",
    "doses",
    "side_effects",
    "skill_uses",
    "sessions",
    "questionnaires",
    "safety_flags",
    "appointments",
    "questions",
)


def ok(moodlog: Run, *args: str) -> str:
    result = moodlog(*args)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def saved_id(output: str, kind: str) -> int:
    found = re.search(rf"Saved {kind} (\d+)", output)
    assert found, output
    return int(found.group(1))


def sequences(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return dict(connection.execute("SELECT name, seq FROM sqlite_sequence").fetchall())


def test_an_entry_deleted_last_leaves_its_id_unused(moodlog: Run) -> None:
    first = saved_id(ok(moodlog, "add", "--mood", "5"), "entry")
    second = saved_id(ok(moodlog, "add", "--mood", "6"), "entry")
    assert (first, second) == (1, 2)
    ok(moodlog, "delete", "2", "--yes")
    assert saved_id(ok(moodlog, "add", "--mood", "7"), "entry") == 3
    ok(moodlog, "delete", "3", "--yes")
    ok(moodlog, "delete", "1", "--yes")
    assert saved_id(ok(moodlog, "add", "--mood", "4"), "entry") == 4
    result = moodlog("show", "2")
    assert result.exit_code != 0


def test_an_appointment_deleted_last_leaves_its_id_unused(moodlog: Run) -> None:
    assert saved_id(ok(moodlog, "appointment", "add", days_ago(3)), "appointment") == 1
    assert saved_id(ok(moodlog, "appointment", "add", days_ago(2)), "appointment") == 2
    ok(moodlog, "appointment", "delete", "2", "--yes")
    assert saved_id(ok(moodlog, "appointment", "add", days_ago(1)), "appointment") == 3


def _delete_and_add_again(path: Path, table: str) -> tuple[int, int]:
    """Delete the table's newest row, then write the same values again without an id: the id
    it had and the id the new row gets."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
        kept = [column for column in columns if column != "id"]
        newest = connection.execute(
            f"SELECT id, {', '.join(kept)} FROM {table} ORDER BY id DESC LIMIT 1"
        ).fetchone()
        connection.execute(f"DELETE FROM {table} WHERE id = ?", (newest[0],))
        marks = ", ".join("?" for _ in kept)
        cursor = connection.execute(
            f"INSERT INTO {table} ({', '.join(kept)}) VALUES ({marks})", newest[1:]
        )
        connection.commit()
        return int(newest[0]), int(cursor.lastrowid or 0)
    finally:
        connection.close()


@pytest.mark.parametrize("table", RECORD_TABLES)
def test_no_table_gives_a_deleted_id_again(moodlog: Run, journal_file: Path, table: str) -> None:
    fill_every_table(moodlog)
    deleted, added = _delete_and_add_again(journal_file, table)
    assert added == deleted + 1


def _counts_and_rows(connection: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    return {
        table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in RECORD_TABLES
    }


def _frozen(path: Path, fixture: str) -> dict[str, list[tuple[object, ...]]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    try:
        connection.executescript((FIXTURES / fixture).read_text())
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in RECORD_TABLES
            if table in tables
        }
    finally:
        connection.close()


@pytest.mark.parametrize(
    "fixture", ["journal_0001.sql", "journal_0006.sql", "journal_0008.sql", "journal_0009.sql"]
)
def test_an_older_journal_keeps_its_ids_and_references_through_the_migration(
    journal_file: Path, fixture: str
) -> None:
    before = _frozen(journal_file, fixture)
    open_journal(journal_file).close()
    connection = sqlite3.connect(journal_file)
    try:
        after = _counts_and_rows(connection)
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        steps = [row[0] for row in connection.execute("SELECT name FROM schema_migrations")]
        indexes = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        declared = {
            row[0]: row[1]
            for row in connection.execute("SELECT name, sql FROM sqlite_master WHERE type='table'")
        }
    finally:
        connection.close()
    assert steps[-1] == "0013_fhir_id_namespace"
    for table, rows in before.items():
        # Every row with its id and every value (references included) as it was; columns a
        # later step added follow them.
        assert [row[: len(rows[0])] for row in after[table]] == rows, table
    for table in RECORD_TABLES:
        assert "AUTOINCREMENT" in declared[table], table
        assert "_new" not in declared[table], table
    assert {
        "entries_by_day",
        "entries_by_import_key",
        "regimen_by_medicine",
        "doses_by_day",
        "doses_by_entry",
        "skill_uses_by_day",
        "skill_uses_by_entry",
        "sessions_by_day",
        "questionnaires_by_day",
        "safety_flags_by_day",
        "safety_flags_by_entry",
        "appointments_by_day",
    } <= indexes
    # Each table's sequence starts at the highest id it held.
    held = sequences(journal_file)
    for table, rows in before.items():
        assert held.get(table, 0) == max((int(str(row[0])) for row in rows), default=0), table


def test_a_migrated_journal_gives_a_deleted_newest_entry_id_to_no_one(
    moodlog: Run, journal_file: Path
) -> None:
    before = _frozen(journal_file, "journal_0008.sql")
    assert [row[0] for row in before["entries"]] == [1, 2, 4, 5, 6]
    assert before["doses"][-1][10] == 6  # the newest dose was logged with entry 6
    ok(moodlog, "delete", "6", "--yes")
    assert saved_id(ok(moodlog, "add", "--mood", "5"), "entry") == 7
    with sqlite3.connect(journal_file) as connection:
        entry_of_dose = connection.execute(
            "SELECT entry_id FROM doses WHERE id = ?", (before["doses"][-1][0],)
        ).fetchone()
    assert entry_of_dose == (None,)  # the deleted entry's dose log stays, unlinked


def test_a_restored_journal_continues_above_the_restored_ids(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    fill_every_table(moodlog)
    ok(moodlog, "delete", "2", "--yes")
    export = tmp_path / "journal.json"
    ok(moodlog, "export", "--format", "json", "--out", str(export))
    with sqlite3.connect(journal_file) as connection:
        original = _counts_and_rows(connection)
    fresh = tmp_path / "fresh.db"
    ok(moodlog, "--db", str(fresh), "import", str(export))
    with sqlite3.connect(fresh) as connection:
        restored = _counts_and_rows(connection)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert restored == original
    held = sequences(fresh)
    for table, rows in original.items():
        if rows:
            assert held[table] == max(int(str(row[0])) for row in rows), table
    newest = max(int(str(row[0])) for row in original["entries"])
    added = saved_id(ok(moodlog, "--db", str(fresh), "add", "--mood", "5"), "entry")
    assert added == newest + 1
    # The restored journal round-trips: its own export is the file it came from.
    again = tmp_path / "again.json"
    ok(moodlog, "--db", str(fresh), "export", "--format", "json", "--out", str(again))
    second = tmp_path / "second.db"
    ok(moodlog, "--db", str(second), "import", str(again))
    with sqlite3.connect(second) as connection:
        assert _counts_and_rows(connection)["entries"][:-1] == original["entries"]


def test_an_entries_csv_gives_no_entry_an_id_the_journal_gave_before(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    ok(moodlog, "add", "--date", days_ago(3), "--mood", "4")
    ok(moodlog, "add", "--date", days_ago(2), "--mood", "5", "--note", "wrong day")
    ok(moodlog, "delete", "2", "--yes")
    other = tmp_path / "other.db"
    ok(moodlog, "--db", str(other), "add", "--date", days_ago(1), "--mood", "6")
    ok(moodlog, "--db", str(other), "add", "--date", days_ago(1), "--mood", "7")
    export = tmp_path / "entries.csv"
    ok(moodlog, "--db", str(other), "export", "-t", "entries", "--out", str(export))
    # The file's entry 1 is taken here and its entry 2 was given (and deleted): both get new ids.
    assert "2 of them got new ids" in ok(moodlog, "import", str(export))
    with sqlite3.connect(journal_file) as connection:
        held = connection.execute("SELECT id, mood FROM entries ORDER BY id").fetchall()
    assert held == [(1, 4.0), (3, 6.0), (4, 7.0)]


def test_the_entries_csv_carries_its_scales_into_a_fresh_journal(
    moodlog: Run, tmp_path: Path
) -> None:
    ok(moodlog, "init", "--preset", "anxiety")
    ok(moodlog, "scales", "add", "headache", "--min", "-2", "--max", "7.5")
    ok(moodlog, "add", "--date", days_ago(2), "--mood", "5", "--symptom", "worry=2")
    ok(moodlog, "add", "--date", days_ago(1), "--symptom", "worry=1", "--symptom", "headache=-1")
    export = tmp_path / "entries.csv"
    ok(moodlog, "export", "-t", "entries", "--out", str(export))
    fresh = tmp_path / "fresh.db"
    imported = ok(moodlog, "--db", str(fresh), "import", str(export))
    assert "Added 2 symptom scales" in imported
    scales = ok(moodlog, "--db", str(fresh), "scales")
    assert "worry" in scales
    assert "headache" in scales
    stats = ok(moodlog, "--db", str(fresh), "stats", "--since", days_ago(2))
    assert "worry (0-3)" in stats
    assert "headache (-2-7.5)" in stats
    ok(moodlog, "--db", str(fresh), "add", "--symptom", "worry=3")
    refused = moodlog("--db", str(fresh), "add", "--symptom", "headache=8")
    assert refused.exit_code != 0


def test_an_entries_csv_without_ranges_names_the_scales_to_add(
    moodlog: Run, tmp_path: Path
) -> None:
    # An export of an older moodlog: no symptom_scales column.
    old = tmp_path / "old.csv"
    old.write_text(f"day,mood,symptoms\n{days_ago(1)},5,worry=2;focus=1\n")
    fresh = tmp_path / "fresh.db"
    refused = moodlog("--db", str(fresh), "import", str(old))
    assert refused.exit_code == 1
    assert "worry, focus" in refused.output
    assert "moodlog scales add worry --min" in refused.output
    ok(moodlog, "--db", str(fresh), "scales", "add", "worry", "--min", "0", "--max", "3")
    ok(moodlog, "--db", str(fresh), "scales", "add", "focus", "--min", "0", "--max", "4")
    assert "Imported 1 entry" in ok(moodlog, "--db", str(fresh), "import", str(old))


def test_a_symptom_outside_the_range_its_file_gives_is_refused(
    moodlog: Run, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(f"day,symptoms,symptom_scales\n{days_ago(1)},worry=5,worry=0..3\n")
    fresh = tmp_path / "fresh.db"
    refused = moodlog("--db", str(fresh), "import", str(bad))
    assert refused.exit_code == 1
    assert "symptom worry 5 is out of range" in refused.output
    with sqlite3.connect(fresh) as connection:
        assert connection.execute("SELECT count(*) FROM scales").fetchone()[0] == 0
        assert connection.execute("SELECT count(*) FROM entries").fetchone()[0] == 0


def test_the_withdrawal_step_keeps_the_regimen_sequence_past_a_deleted_newest_record(
    moodlog: Run, journal_file: Path
) -> None:
    # Step 0010 rebuilds the regimen table; the highest id it ever gave must survive the copy,
    # even when the record that had it is gone (the copy alone would start at the highest held).
    before = _frozen(journal_file, "journal_0009.sql")
    assert [row[0] for row in before["regimen"]] == [1, 2, 3, 4, 5, 6]
    with sqlite3.connect(journal_file) as connection:
        connection.execute("DELETE FROM regimen WHERE id = 6")
    assert sequences(journal_file)["regimen"] == 6
    result = ok(moodlog, "med", "change", "sertraline", "--withdraw", "3", "--reason", "slip")
    assert "Saved as record 7" in result
    with sqlite3.connect(journal_file) as connection:
        kinds = connection.execute("SELECT id, kind, withdraws FROM regimen").fetchall()
    assert kinds[-1] == (7, "withdraw", 3)
    # The frozen journal's second change (record 3, 150 mg) is gone from what applies: the
    # 100 mg change of record 2 is in force today.
    assert "100 mg morning, evening" in ok(moodlog, "med", "list")

"""`moodlog undo`: each command that adds or changes records is taken back whole, table for
table; regimen records are withdrawn, never erased; deletions keep no copy; the history is
kept short (20 changes, 7 days) and `undo --clear` forgets it, text and all."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from tests.command_lines import DAYLIO_CSV, SAMPLE_LINES, seed_journal
from tests.conftest import Run

UNDOABLE = [
    "add",
    "edit",
    "scales add",
    "scales edit",
    "init",
    "config set",
    "med add",
    "took",
    "missed",
    "skipped",
    "side-effect",
    "side-effect edit",
    "dose edit",
    "skills add",
    "skills edit",
    "skill-use edit",
    "session",
    "session edit",
    "check",
    "check edit",
    "appointment add",
    "appointment edit",
    "ask",
    "ask edit",
    "ask done",
    "import",
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "moodlog.db"
    seed_journal(path)
    return path


def _copy(seeded: Path, journal_file: Path) -> None:
    journal_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copy(seeded, journal_file)
    journal_file.chmod(0o600)


def tables(journal_file: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the journal, row for row (SQLite's own id counter left out)."""
    connection = sqlite3.connect(journal_file)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name != 'sqlite_sequence' ORDER BY name"
            )
        ]
        return {
            name: connection.execute(f'SELECT rowid, * FROM "{name}" ORDER BY rowid').fetchall()
            for name in names
        }
    finally:
        connection.close()


def _line(name: str, tmp: Path) -> list[str]:
    (tmp / "daylio.csv").write_text(DAYLIO_CSV, encoding="utf-8")
    return [word.replace("{tmp}", str(tmp)) for word in SAMPLE_LINES[name]]


@pytest.mark.parametrize("name", UNDOABLE)
def test_undo_takes_a_command_back_leaving_every_table_as_before(
    moodlog: Run, journal_file: Path, seeded: Path, tmp_path: Path, name: str
) -> None:
    _copy(seeded, journal_file)
    before = tables(journal_file)
    ran = moodlog(*_line(name, tmp_path))
    assert ran.exit_code == 0, ran.output
    assert tables(journal_file) != before
    undone = moodlog("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert f"by 'moodlog {name}'" in undone.output
    assert tables(journal_file) == before


@pytest.mark.parametrize("name", ["med change", "med stop"])
def test_undo_of_a_dose_change_or_stop_withdraws_it(
    moodlog: Run, journal_file: Path, seeded: Path, tmp_path: Path, name: str
) -> None:
    _copy(seeded, journal_file)
    before = tables(journal_file)
    assert moodlog(*_line(name, tmp_path)).exit_code == 0
    made = tables(journal_file)["regimen"][-1]
    undone = moodlog("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert f"Withdrew medicine record {made[0]}" in undone.output
    after = tables(journal_file)
    # The record stays, and a withdrawal of it follows; nothing else changed.
    assert after["regimen"][:-1] == [*before["regimen"], made]
    withdrawal = dict(zip(_columns(journal_file, "regimen"), after["regimen"][-1][1:], strict=True))
    assert (withdrawal["kind"], withdrawal["withdraws"]) == ("withdraw", made[0])
    assert {k: v for k, v in after.items() if k != "regimen"} == {
        k: v for k, v in before.items() if k != "regimen"
    }


def _columns(journal_file: Path, table: str) -> list[str]:
    connection = sqlite3.connect(journal_file)
    try:
        return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    finally:
        connection.close()


def test_undo_twice_goes_back_two_changes(moodlog: Run, journal_file: Path) -> None:
    assert moodlog("add", "--mood", "6").exit_code == 0
    first = tables(journal_file)
    assert moodlog("add", "--mood", "2", "--note", "typo").exit_code == 0
    second = tables(journal_file)
    assert moodlog("edit", "2", "--mood", "7").exit_code == 0
    undone = moodlog("undo", "--yes")
    assert "entry 2 changed: mood 7 → 2" not in undone.output  # shows old → now, in that order
    assert "entry 2 changed: mood 2 → 7" in undone.output
    assert tables(journal_file) == second
    again = moodlog("undo", "--yes")
    assert "entry 2 added" in again.output
    assert tables(journal_file) == first
    listed = moodlog("list")
    assert "typo" not in listed.output
    # Ids stay as issued: the next entry is 3, not 2 again.
    assert "Saved entry 3" in moodlog("add", "--mood", "5").output


def test_undo_without_a_terminal_says_what_it_would_undo_and_changes_nothing(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("add", "--mood", "2").exit_code == 0
    before = tables(journal_file)
    asked = moodlog("undo")
    assert asked.exit_code == 1
    assert "entry 1 added" in asked.output
    assert "needs --yes" in asked.output
    assert tables(journal_file) == before


def test_nothing_to_undo_is_said_plainly(moodlog: Run) -> None:
    result = moodlog("undo", "--yes")
    assert result.exit_code == 0
    assert result.output.startswith("Nothing to undo")


def test_a_deletion_is_not_undone_and_takes_its_record_out_of_the_history(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("add", "--mood", "6").exit_code == 0
    assert moodlog("add", "--mood", "2").exit_code == 0
    assert moodlog("delete", "2", "--yes").exit_code == 0
    undone = moodlog("undo", "--yes")
    # The deletion is not taken back, and the add of entry 2 has left the history with it.
    assert "entry 1 added" in undone.output
    assert tables(journal_file)["entries"] == []


def test_undo_of_med_add_removes_the_medicine_unless_records_name_it(moodlog: Run) -> None:
    assert moodlog("med", "add", "lithium", "--dose", "300mg", "--prn").exit_code == 0
    assert moodlog("took", "lithium").exit_code == 0
    assert moodlog("undo", "--yes").exit_code == 0  # the use
    assert moodlog("undo", "--yes").exit_code == 0  # the medicine
    assert "lithium" not in moodlog("med", "list", "--all").output
    assert moodlog("med", "add", "lithium", "--dose", "300mg", "--prn").exit_code == 0
    assert moodlog("took", "lithium").exit_code == 0
    assert moodlog("dose", "list").exit_code == 0
    # The use is kept once the history has let it go: the start cannot go under it.
    assert moodlog("undo", "--clear").exit_code == 0
    assert moodlog("undo", "--yes").output.startswith("Nothing to undo")


def _bytes_on_disk(journal_file: Path) -> bytes:
    """The journal and its side files, as anyone with the disk could read them."""
    return b"".join(path.read_bytes() for path in sorted(journal_file.parent.glob("moodlog.db*")))


SECRET = "wombat-cobalt-7731"


def test_an_edited_notes_old_text_is_gone_after_undo_clear(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("add", "--mood", "4", "--note", SECRET).exit_code == 0
    assert moodlog("edit", "1", "--note", "nothing to see").exit_code == 0
    # Kept so that undo can put it back...
    assert SECRET.encode() in _bytes_on_disk(journal_file)
    cleared = moodlog("undo", "--clear")
    assert cleared.exit_code == 0, cleared.output
    assert "Forgot the undo history (2 changes)" in cleared.output
    assert SECRET.encode() not in _bytes_on_disk(journal_file)
    assert moodlog("undo", "--yes").output.startswith("Nothing to undo")


def test_an_edited_notes_old_text_is_gone_after_20_more_changes(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("add", "--mood", "4", "--note", SECRET).exit_code == 0
    assert moodlog("edit", "1", "--note", "nothing to see").exit_code == 0
    for mood in range(19):
        assert moodlog("add", "--mood", str(mood % 10)).exit_code == 0
    # The edit is still one of the last 20 changes.
    assert SECRET.encode() in _bytes_on_disk(journal_file)
    assert moodlog("add", "--mood", "5").exit_code == 0
    assert SECRET.encode() not in _bytes_on_disk(journal_file)
    connection = sqlite3.connect(journal_file)
    try:
        kept = connection.execute("SELECT count(*) FROM undo_changes").fetchone()[0]
    finally:
        connection.close()
    assert kept == 20


def test_a_deleted_entry_leaves_no_old_text_in_the_history(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("add", "--mood", "4", "--note", SECRET).exit_code == 0
    assert moodlog("edit", "1", "--note", "second thoughts").exit_code == 0
    assert moodlog("delete", "1", "--yes").exit_code == 0
    assert SECRET.encode() not in _bytes_on_disk(journal_file)
    assert moodlog("undo", "--yes").output.startswith("Nothing to undo")


def test_changes_older_than_7_days_are_let_go(
    moodlog: Run, journal_file: Path, fixed_clock: Any
) -> None:
    from datetime import datetime, timedelta

    start = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    fixed_clock(start)
    assert moodlog("add", "--mood", "4", "--note", SECRET).exit_code == 0
    assert moodlog("edit", "1", "--note", "later").exit_code == 0
    fixed_clock(start + timedelta(days=7, minutes=1))
    assert moodlog("add", "--mood", "6").exit_code == 0
    assert SECRET.encode() not in _bytes_on_disk(journal_file)
    assert "entry 2 added" in moodlog("undo", "--yes").output
    assert moodlog("undo", "--yes").output.startswith("Nothing to undo")


# --- Slips named as they happen ---------------------------------------------------------------


def _rows(journal_file: Path, table: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(journal_file) as connection:
        return connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


def test_a_second_session_of_the_same_kind_on_a_day_is_named_and_undo_takes_it_back(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("session", "group", "--date", "2026-11-20").exit_code == 0
    other_kind = moodlog("session", "individual", "--date", "2026-11-20")
    assert "recorded already" not in other_kind.output
    before = _rows(journal_file, "sessions")
    second = moodlog("session", "Group", "--date", "2026-11-20")
    assert second.exit_code == 0, second.output
    assert second.output.splitlines()[-1] == (
        "A group session on 2026-11-20 was recorded already (session 1); if this one is a "
        "slip, moodlog undo takes it back."
    )
    assert moodlog("undo", "--yes").exit_code == 0
    assert _rows(journal_file, "sessions") == before


def test_a_took_for_a_slot_already_taken_is_named_and_undo_takes_it_back(
    moodlog: Run, journal_file: Path
) -> None:
    start = ("--start", "2026-01-01")
    made = moodlog("med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning", *start)
    assert made.exit_code == 0, made.output
    first = moodlog("took", "sertraline", "--date", "2026-11-20", "--time", "08:10")
    assert "logged taken already" not in first.output
    before = _rows(journal_file, "doses")
    again = moodlog("took", "sertraline", "--date", "2026-11-20", "--slot", "morning")
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[-1] == (
        "sertraline morning was logged taken already at 08:10 (dose 1); if this one is a slip, "
        "moodlog undo takes it back."
    )
    missed = moodlog("missed", "sertraline", "--date", "2026-11-20", "--slot", "morning")
    assert "logged taken already" not in missed.output  # a correction, said as one
    assert moodlog("undo", "--yes").exit_code == 0
    assert moodlog("undo", "--yes").exit_code == 0
    assert _rows(journal_file, "doses") == before


def test_an_as_needed_use_within_minutes_names_undo_and_undo_takes_it_back(
    moodlog: Run, journal_file: Path
) -> None:
    start = ("--start", "2026-01-01")
    assert moodlog("med", "add", "lorazepam", "--dose", "1mg", "--prn", *start).exit_code == 0
    assert moodlog("took", "lorazepam", "--time", "14:02").exit_code == 0
    before = _rows(journal_file, "doses")
    second = moodlog("took", "lorazepam", "--time", "14:03")
    assert second.output.splitlines()[-1].endswith(
        "if this one is a slip, moodlog undo takes it back."
    )
    assert moodlog("undo", "--yes").exit_code == 0
    assert _rows(journal_file, "doses") == before


def test_undo_twice_takes_back_a_dose_change_and_then_the_medicine_itself(
    moodlog: Run, journal_file: Path
) -> None:
    start = ("--start", "2026-11-01")
    assert moodlog("add", "--mood", "5").exit_code == 0
    before = _rows(journal_file, "regimen")
    assert moodlog("med", "add", "sertraline", "--dose", "50mg", *start).exit_code == 0
    changed = moodlog("med", "change", "sertraline", "--dose", "100mg", "--date", "2026-11-20")
    assert changed.exit_code == 0, changed.output
    withdrawn = moodlog("undo", "--yes")
    assert "Withdrew medicine record 2" in withdrawn.output
    assert [row[2] for row in _rows(journal_file, "regimen")] == ["start", "change", "withdraw"]
    removed = moodlog("undo", "--yes")
    assert removed.exit_code == 0, removed.output
    assert _rows(journal_file, "regimen") == before
    assert "No medicines recorded yet." in moodlog("med", "list", "--all").output

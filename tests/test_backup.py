"""`moodlog backup`: a copy that opens as a journal, taken even while another process writes."""

from __future__ import annotations

import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.test_journal_file import ADD_MANY


def _count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(connection.execute("SELECT count(*) FROM entries").fetchone()[0])
    finally:
        connection.close()


def test_backup_goes_to_the_backups_folder_by_default(moodlog: Run, journal_home: Path) -> None:
    moodlog("add", "--mood", "6", "--note", "kept")
    result = moodlog("backup")
    assert result.exit_code == 0, result.output
    (copy,) = (journal_home / "backups").glob("moodlog-backup-*.db")
    assert str(copy) in result.output
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert _count(copy) == 1
    assert moodlog("--db", str(copy), "show", "1").output.count("kept") == 1


def test_backup_refuses_to_overwrite(moodlog: Run, tmp_path: Path) -> None:
    moodlog("add", "--mood", "6")
    target = tmp_path / "copy.db"
    assert moodlog("backup", "--out", str(target)).exit_code == 0
    again = moodlog("backup", "--out", str(target))
    assert again.exit_code == 1
    assert "already exists" in again.output


def test_a_backup_taken_while_another_process_adds_entries_is_a_valid_journal(
    moodlog: Run, tmp_path: Path
) -> None:
    moodlog("add", "--mood", "5")
    writer = subprocess.Popen(
        [sys.executable, "-c", ADD_MANY, "150", "writer"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    copies = []
    try:
        for n in range(5):
            target = tmp_path / f"during-{n}.db"
            result = moodlog("backup", "--out", str(target))
            assert result.exit_code == 0, result.output
            copies.append(target)
    finally:
        _, errors = writer.communicate(timeout=300)
    assert writer.returncode == 0, errors
    counts = [_count(copy) for copy in copies]
    assert all(1 <= count <= 151 for count in counts)
    assert counts == sorted(counts)


def test_a_backup_whose_name_is_taken_at_the_last_moment_takes_the_next_one(
    moodlog: Run, journal_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another moodlog copying in the same second takes the name first."""
    from moodlog.storage import journal
    from moodlog.storage.files import move_into_place

    assert moodlog("add", "--mood", "6").exit_code == 0
    place = move_into_place
    taken: list[Path] = []

    def someone_else_first(temporary: Path, target: Path) -> None:
        if not taken:
            target.write_bytes(b"the other copy")
            taken.append(target)
        place(temporary, target)

    monkeypatch.setattr(journal, "move_into_place", someone_else_first)
    result = moodlog("backup")
    assert result.exit_code == 0, result.output
    (other,) = taken
    assert other.read_bytes() == b"the other copy"
    (mine,) = [path for path in (journal_home / "backups").iterdir() if path != other]
    # The day's name was taken: the next copy of the day carries the time too.
    assert re.fullmatch(re.escape(other.name.removesuffix(".db")) + r"-\d{6}\.db", mine.name)
    assert _count(mine) == 1

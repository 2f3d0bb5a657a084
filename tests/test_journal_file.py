"""The journal file: where it lives, who can read it, migrations, and files it must not touch."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from moodlog.storage.journal import APPLICATION_ID, open_journal
from moodlog.storage.migrations import MIGRATION_NAMES
from moodlog.storage.paths import locate_journal
from tests.conftest import Run, run_moodlog_process

FIXTURES = Path(__file__).parent / "fixtures"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def test_folders_are_0700_and_files_0600_even_under_umask_000(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_umask: None
) -> None:
    home = tmp_path / "deep" / "moodlog"
    monkeypatch.setenv("MOODLOG_HOME", str(home))
    assert moodlog("add", "--mood", "5", "--note", "private").exit_code == 0
    assert mode(home) == 0o700
    assert mode(home.parent) == 0o700
    journal = home / "moodlog.db"
    assert mode(journal) == 0o600
    # SQLite's side files, while a connection is open, take the journal's mode.
    with open_journal(journal) as opened, opened.transaction() as connection:
        connection.execute("INSERT INTO settings VALUES ('day-starts-at', '05:00')")
        for side in home.glob("moodlog.db-*"):
            assert mode(side) == 0o600, side


def test_an_existing_folder_keeps_its_mode(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "mine"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    monkeypatch.setenv("MOODLOG_DB", str(shared / "journal.db"))
    assert moodlog("add", "--mood", "5").exit_code == 0
    assert mode(shared) == 0o755
    assert mode(shared / "journal.db") == 0o600


def test_the_journal_is_found_by_db_then_moodlog_db_then_moodlog_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOODLOG_HOME", str(tmp_path / "home"))
    assert locate_journal().path == tmp_path / "home" / "moodlog.db"
    monkeypatch.setenv("MOODLOG_DB", str(tmp_path / "env.db"))
    assert locate_journal().path == tmp_path / "env.db"
    assert locate_journal(str(tmp_path / "option.db")).path == tmp_path / "option.db"
    monkeypatch.delenv("MOODLOG_DB")
    monkeypatch.delenv("MOODLOG_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert locate_journal().path == tmp_path / "xdg" / "moodlog" / "moodlog.db"


def test_db_option_chooses_the_journal(moodlog: Run, tmp_path: Path, journal_file: Path) -> None:
    other = tmp_path / "other.db"
    assert moodlog("--db", str(other), "add", "--mood", "5").exit_code == 0
    assert other.exists()
    assert not journal_file.exists()
    where = moodlog("--db", str(other), "where")
    assert str(other) in where.output
    assert "--db" in where.output


def test_a_new_journal_uses_wal_secure_delete_and_is_marked_as_moodlogs(journal_file: Path) -> None:
    with open_journal(journal_file) as opened:
        connection = opened.connection
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        applied = [row[0] for row in connection.execute("SELECT name FROM schema_migrations")]
        assert applied == list(MIGRATION_NAMES)


def _journal_from_fixture(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.executescript((FIXTURES / "journal_0001.sql").read_text())
    connection.close()


def test_migrating_an_older_journal_keeps_every_row_and_leaves_a_backup(
    moodlog: Run, journal_file: Path
) -> None:
    _journal_from_fixture(journal_file)
    listed = moodlog("list", "--since", "2026-09-01", "--until", "2026-09-02")
    assert listed.exit_code == 0, listed.output
    assert "2 of 2 days logged" in listed.output
    shown = moodlog("show", "1")
    assert "Long day. Could not switch off." in shown.output
    assert "self-harm 1" in shown.output
    assert moodlog("config", "get", "day-starts-at").output.strip() == "05:00"

    (backup,) = (journal_file.parent / "backups").glob("*.db")
    assert "before-0002" in backup.name
    assert _same_rows(backup, journal_file, "entries")
    assert mode(backup) == 0o600
    old = sqlite3.connect(backup)
    assert [r[0] for r in old.execute("SELECT name FROM schema_migrations")] == [MIGRATION_NAMES[0]]
    assert old.execute("SELECT value FROM settings").fetchall() == [("05:00",)]
    old.close()
    # The migrated journal took the new step and can hold its new data.
    assert moodlog("scales", "add", "headache", "--min", "0", "--max", "10").exit_code == 0
    assert moodlog("add", "-d", "2026-09-03", "--symptom", "headache=4").exit_code == 0


def _same_rows(first: Path, second: Path, table: str) -> bool:
    a, b = sqlite3.connect(first), sqlite3.connect(second)
    try:
        columns = [row[1] for row in a.execute(f"PRAGMA table_info({table})")]
        query = f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid"
        return a.execute(query).fetchall() == b.execute(query).fetchall()
    finally:
        a.close()
        b.close()


def test_a_journal_from_a_newer_moodlog_is_refused_untouched(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("add", "--mood", "5").exit_code == 0
    connection = sqlite3.connect(journal_file)
    connection.execute(
        "INSERT INTO schema_migrations VALUES ('0099_from_the_future', '2030-01-01T00:00:00')"
    )
    connection.execute(f"PRAGMA user_version = {len(MIGRATION_NAMES) + 1}")
    connection.commit()
    connection.close()
    before = digest(journal_file)
    for command in (["add", "--mood", "6"], ["list"]):
        result = moodlog(*command)
        assert result.exit_code == 1
        assert "newer moodlog" in result.output
        assert "0099_from_the_future" in result.output
    assert digest(journal_file) == before


@pytest.mark.parametrize(
    "content",
    [
        b"garbage\n",
        b"SQLite format 2\x00" + bytes(200),
        bytes(range(256)) * 40,
    ],
    ids=["text", "wrong-header", "random-bytes"],
)
def test_a_file_that_is_not_a_journal_is_reported_and_left_byte_for_byte(
    moodlog: Run, journal_file: Path, content: bytes
) -> None:
    journal_file.parent.mkdir(parents=True)
    journal_file.write_bytes(content)
    for command in (["list"], ["add", "--mood", "5"]):
        result = moodlog(*command)
        assert result.exit_code == 1
        assert "is not a moodlog journal" in result.output
        assert "Traceback" not in result.output
    assert journal_file.read_bytes() == content
    assert sorted(p.name for p in journal_file.parent.iterdir()) == ["moodlog.db"]


def test_an_sqlite_database_of_another_program_is_left_untouched(
    moodlog: Run, journal_file: Path
) -> None:
    journal_file.parent.mkdir(parents=True)
    other = sqlite3.connect(journal_file)
    other.execute("CREATE TABLE bookmarks (url TEXT)")
    other.execute("INSERT INTO bookmarks VALUES ('https://example.org')")
    other.commit()
    other.close()
    before = digest(journal_file)
    result = moodlog("add", "--mood", "5")
    assert result.exit_code == 1
    assert "SQLite database of another program" in result.output
    assert digest(journal_file) == before


def test_a_truncated_journal_is_reported_without_a_traceback(
    moodlog: Run, journal_file: Path
) -> None:
    for day in range(1, 28):
        moodlog("add", "-d", f"2026-10-{day:02d}", "-m", "5", "--note", "x" * 2000)
    data = journal_file.read_bytes()
    journal_file.write_bytes(data[: len(data) // 3])
    result = run_moodlog_process("list", "--last", "3m")
    assert result.returncode == 1, result.stdout
    assert "damaged" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_journal_path_that_is_a_folder_is_refused(moodlog: Run, journal_file: Path) -> None:
    journal_file.mkdir(parents=True)
    result = moodlog("list")
    assert result.exit_code == 1
    assert "it is a folder" in result.output


def test_moodlog_home_pointing_at_a_file_is_a_clear_error(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("not a folder")
    monkeypatch.setenv("MOODLOG_HOME", str(plain))
    result = moodlog("add", "--mood", "5")
    assert result.exit_code == 1
    assert "is a file, not a folder" in result.output
    assert plain.read_text() == "not a folder"


# Used by test_backup.py; tests/test_concurrency.py has 4 processes adding at once.
ADD_MANY = """
import sys
from moodlog.cli import app
for n in range(int(sys.argv[1])):
    try:
        app(["add", "--mood", "5", "--note", f"{sys.argv[2]} {n}"], standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            raise
"""


def _ended_process_number() -> int:
    """The number of a process that has run and ended (so no process has it, barring reuse)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _leftover(journal: Path, pid: int, minutes_old: float, suffix: str = "") -> Path:
    """What a moodlog killed while making ``journal`` leaves beside it."""
    leftover = journal.with_name(f".{journal.name}.{pid}.tmp{suffix}")
    leftover.write_bytes(b"SQLite format 3\x00")
    moment = time.time() - minutes_old * 60
    os.utime(leftover, (moment, moment))
    return leftover


def test_leftovers_of_a_journal_being_made_are_removed_once_their_process_is_gone(
    moodlog: Run, journal_file: Path
) -> None:
    journal_file.parent.mkdir(parents=True, exist_ok=True)
    ended = _ended_process_number()
    dead = _leftover(journal_file, ended, minutes_old=5)
    dead_log = _leftover(journal_file, ended, minutes_old=5, suffix="-journal")
    # Just made: its maker may run on another machine sharing the folder.
    just_made = _leftover(journal_file, _ended_process_number(), minutes_old=0)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        alive = _leftover(journal_file, running.pid, minutes_old=5)
        a_day_old = _leftover(journal_file, running.pid, minutes_old=25 * 60, suffix="-journal")
        someone_elses = journal_file.with_name(f".notes.db.{ended}.tmp")
        someone_elses.write_bytes(b"")
        os.utime(someone_elses, (0, 0))

        assert moodlog("add", "--mood", "6").exit_code == 0
        assert not dead.exists()
        assert not dead_log.exists()
        assert not a_day_old.exists()  # no journal takes a day to make: the number was reused
        assert just_made.exists()
        assert alive.exists()  # another moodlog, making the journal right now
        assert someone_elses.exists()
    finally:
        running.kill()
        running.wait()
    assert "6" in moodlog("list").output


def test_a_leftover_linked_to_the_journal_goes_and_the_journal_stays(
    moodlog: Run, journal_file: Path
) -> None:
    """Killed between linking the new journal into place and removing its temporary name, a
    moodlog leaves two names for one file: only the temporary name goes."""
    assert moodlog("add", "--mood", "6").exit_code == 0
    leftover = journal_file.with_name(f".{journal_file.name}.{_ended_process_number()}.tmp")
    os.link(journal_file, leftover)
    os.utime(leftover, (time.time() - 300, time.time() - 300))
    before = digest(journal_file)
    assert "6" in moodlog("list").output
    assert not leftover.exists()
    assert digest(journal_file) == before

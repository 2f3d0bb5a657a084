"""Never writing over what is not moodlog's to replace: every --out refuses the journal (however
the path reaches it), its -wal and -shm files, a backup of it, a device and a pipe; and an empty
or foreign file where the journal should be is refused, never made a journal, unless `moodlog
init --adopt-empty` is asked to."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run

Target = Callable[[Path, Path], Path]  # (the journal, a scratch folder) -> the --out path


def _journal(journal: Path, _: Path) -> Path:
    return journal


def _through_dots(journal: Path, scratch: Path) -> Path:
    start = scratch / "nowhere"
    return start / os.path.relpath(journal, start)


def _wal(journal: Path, _: Path) -> Path:
    return journal.with_name(journal.name + "-wal")


def _shm(journal: Path, _: Path) -> Path:
    return journal.with_name(journal.name + "-shm")


def _symlink(journal: Path, scratch: Path) -> Path:
    link = scratch / "report.pdf"
    link.symlink_to(journal)
    return link


def _hard_link(journal: Path, scratch: Path) -> Path:
    link = scratch / "export.csv"
    os.link(journal, link)
    return link


def _backup(journal: Path, _: Path) -> Path:
    (copy,) = (journal.parent / "backups").glob("*.db")
    return copy


def _copy_elsewhere(journal: Path, scratch: Path) -> Path:
    (copy,) = (journal.parent / "backups").glob("*.db")
    moved = scratch / "moodlog-2026-11.db"
    copy.rename(moved)
    return moved


def _device(_: Path, scratch: Path) -> Path:
    device = scratch / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device needs root")
    return device


def _fifo(_: Path, scratch: Path) -> Path:
    fifo = scratch / "pipe"
    os.mkfifo(fifo)
    return fifo


TARGETS = {
    "the journal": (_journal, "is the journal itself"),
    "the journal through ..": (_through_dots, "is the journal itself"),
    "its -wal": (_wal, "is the journal's -wal file"),
    "its -shm": (_shm, "is the journal's -shm file"),
    "a symlink to it": (_symlink, "is the journal itself"),
    "a hard link to it": (_hard_link, "is the journal itself"),
    "a backup": (_backup, "is a file in the journal's backups folder"),
    "a backup kept elsewhere": (_copy_elsewhere, "is a moodlog journal (a backup or a copy)"),
    "a character device": (_device, "is a character device, not a regular file or a folder"),
    "a FIFO": (_fifo, "is a named pipe (FIFO), not a regular file or a folder"),
}
COMMANDS = {
    "report": ("a new file, an ordinary file that is not the journal's, or a folder",),
    "export": ("a new file, an ordinary file that is not the journal's, or a folder",),
    "backup": ("a new file, or a folder",),
    "demo": ("a new folder, or one that holds no journal",),
}


def _state(path: Path) -> tuple[int, int, int, bytes | None]:
    """What a file is: its kind and mode, its identity on disk, and (a regular one) its bytes."""
    found = os.lstat(path)
    content = path.read_bytes() if stat.S_ISREG(found.st_mode) else None
    return found.st_mode, found.st_ino, found.st_size, content


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("target", TARGETS)
def test_every_out_refuses_what_is_not_moodlogs_to_replace(
    moodlog: Run, journal_file: Path, tmp_path: Path, command: str, target: str
) -> None:
    assert moodlog("add", "--mood", "6", "--note", "mine").exit_code == 0
    assert moodlog("backup").exit_code == 0
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    make, why = TARGETS[target]
    if command == "backup" and target.startswith("a backup"):
        why = "is a file that already exists; moodlog will not overwrite it"  # any file, for it
    out = make(journal_file, scratch)
    before = {path: _state(path) for path in (journal_file, out) if os.path.lexists(path)}
    listing = sorted(os.listdir(journal_file.parent)), sorted(os.listdir(scratch))
    result = moodlog(command, "--out", str(out))
    assert result.exit_code == 1, result.output
    (allowed,) = COMMANDS[command]
    assert result.output.startswith(f"moodlog: --out {out} {why}")
    assert result.output.endswith(f"; allowed: {allowed}\n")
    assert result.output.count("\n") == 1
    assert {path: _state(path) for path in before} == before
    assert (sorted(os.listdir(journal_file.parent)), sorted(os.listdir(scratch))) == listing


def test_the_journal_named_through_db_and_out_alike_is_not_replaced_by_a_report(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case that once replaced the journal with a PDF."""
    monkeypatch.chdir(tmp_path)
    assert moodlog("--db", "j.pdf", "add", "--mood", "5").exit_code == 0
    before = (tmp_path / "j.pdf").read_bytes()
    result = moodlog("--db", "j.pdf", "report", "--out", "j.pdf")
    assert result.exit_code == 1
    assert result.output == (
        f"moodlog: --out j.pdf is the journal itself ({tmp_path / 'j.pdf'}); allowed: a new "
        "file, an ordinary file that is not the journal's, or a folder\n"
    )
    assert (tmp_path / "j.pdf").read_bytes() == before
    assert moodlog("--db", "j.pdf", "list").output.count("5") >= 1


def test_an_ordinary_file_and_a_folder_are_still_written(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    assert moodlog("add", "--mood", "6").exit_code == 0
    old = tmp_path / "old.csv"
    old.write_text("an older export\n")
    assert moodlog("export", "--out", str(old)).exit_code == 0
    assert old.read_text().startswith("day,logged,")
    folder = tmp_path / "exports"
    folder.mkdir()
    assert moodlog("export", "--out", str(folder)).exit_code == 0
    assert len(list(folder.glob("moodlog-daily-*-*.csv"))) == 1
    assert moodlog("backup", "--out", str(folder)).exit_code == 0
    assert len(list(folder.glob("*.db"))) == 1


def test_a_report_page_that_would_land_on_the_journal_is_refused(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PNG pages are named after --out (NAME-1.png, …); one of them may be the journal."""
    monkeypatch.chdir(tmp_path)
    journal = tmp_path / "r-1.png"
    assert moodlog("--db", str(journal), "add", "--mood", "5").exit_code == 0
    before = journal.read_bytes()
    result = moodlog("--db", str(journal), "report", "--format", "png", "--out", "r.png")
    assert result.exit_code == 1
    assert result.output.startswith(f"moodlog: the report's file {journal} is the journal itself")
    assert journal.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["r-1.png"]


@pytest.fixture
def empty_file(tmp_path: Path) -> Path:
    empty = tmp_path / "empty.db"
    empty.touch()
    empty.chmod(0o644)
    return empty


@pytest.fixture
def link_to_empty(empty_file: Path, tmp_path: Path) -> Path:
    link = tmp_path / "link.db"
    link.symlink_to(empty_file)
    return link


@pytest.mark.parametrize("how", ["empty_file", "link_to_empty"])
@pytest.mark.parametrize(
    "line", [["add", "--mood", "6"], ["list"], ["report"], ["status"], ["backup"]]
)
def test_an_empty_file_where_the_journal_should_be_is_refused_untouched(
    moodlog: Run,
    empty_file: Path,
    link_to_empty: Path,
    tmp_path: Path,
    how: str,
    line: list[str],
) -> None:
    journal = empty_file if how == "empty_file" else link_to_empty
    listing = sorted(os.listdir(tmp_path))
    result = moodlog("--db", str(journal), *line)
    assert result.exit_code == 1
    assert result.output == (
        f"moodlog: {journal} is an empty file, not a moodlog journal; moodlog left it untouched. "
        "Point --db or MOODLOG_DB at your journal, or start a new journal in this file with "
        "'moodlog init --adopt-empty'\n"
    )
    assert empty_file.read_bytes() == b""
    assert stat.S_IMODE(empty_file.stat().st_mode) == 0o644
    assert sorted(os.listdir(tmp_path)) == listing


def test_a_foreign_file_or_a_device_where_the_journal_should_be_is_refused(
    moodlog: Run, tmp_path: Path
) -> None:
    foreign = tmp_path / "notes.txt"
    foreign.write_text("my own notes\n")
    result = moodlog("--db", str(foreign), "add", "--mood", "6")
    assert result.exit_code == 1
    assert "is not a moodlog journal (it is not an SQLite database)" in result.output
    assert foreign.read_text() == "my own notes\n"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = moodlog("--db", str(fifo), "list")
    assert result.exit_code == 1
    assert result.output.startswith(
        f"moodlog: {fifo} is not a moodlog journal (it is not a regular file)"
    )
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("how", ["empty_file", "link_to_empty"])
def test_init_adopts_an_empty_file_when_asked_and_makes_it_private(
    moodlog: Run, empty_file: Path, link_to_empty: Path, how: str
) -> None:
    journal = empty_file if how == "empty_file" else link_to_empty
    result = moodlog("--db", str(journal), "init", "--adopt-empty")
    assert result.exit_code == 0, result.output
    assert result.output == f"Your journal is {journal} (readable only by you).\n"
    assert stat.S_IMODE(empty_file.stat().st_mode) == 0o600
    assert journal.is_symlink() == (how == "link_to_empty")
    assert moodlog("--db", str(journal), "add", "--mood", "7").exit_code == 0
    assert "7" in moodlog("--db", str(journal), "list").output


def test_init_with_a_preset_adopts_too_and_plain_init_asks_for_one(
    moodlog: Run, empty_file: Path
) -> None:
    plain = moodlog("--db", str(empty_file), "init")
    assert plain.exit_code == 1
    assert plain.output == (
        "moodlog: give --preset NAME (one of depression, anxiety, bipolar, adhd, psychosis) or "
        "--adopt-empty\n"
    )
    assert moodlog("--db", str(empty_file), "init", "--preset", "adhd").exit_code == 1
    assert empty_file.read_bytes() == b""
    both = moodlog("--db", str(empty_file), "init", "--adopt-empty", "--preset", "adhd")
    assert both.exit_code == 0, both.output
    assert both.output.startswith("Added symptom scales: ")
    assert stat.S_IMODE(empty_file.stat().st_mode) == 0o600


def test_a_journal_that_does_not_exist_is_still_created_private(
    moodlog: Run, tmp_path: Path
) -> None:
    journal = tmp_path / "new" / "mine.db"
    assert moodlog("--db", str(journal), "add", "--mood", "6").exit_code == 0
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert sorted(path.name for path in journal.parent.iterdir()) == ["mine.db"]


def _sqlite_file(path: Path, *statements: str) -> Path:
    connection = sqlite3.connect(path)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()
    path.chmod(0o644)
    return path


FOREIGN_SQLITE = {
    "a table of its own": ("CREATE TABLE t (a)",),
    "no tables": ("PRAGMA user_version = 3",),
    "no tables, in WAL mode": ("PRAGMA journal_mode = WAL",),
}


@pytest.mark.parametrize("kind", FOREIGN_SQLITE)
@pytest.mark.parametrize(
    "line", [["add", "--mood", "6"], ["list"], ["status"], ["backup"], ["init", "--preset", "adhd"]]
)
def test_an_sqlite_file_without_moodlogs_mark_is_refused_byte_identical(
    moodlog: Run, tmp_path: Path, kind: str, line: list[str]
) -> None:
    journal = _sqlite_file(tmp_path / "other.db", *FOREIGN_SQLITE[kind])
    before = journal.read_bytes()
    listing = sorted(os.listdir(tmp_path))
    result = moodlog("--db", str(journal), *line)
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 1
    assert result.output.startswith(f"moodlog: {journal} is ")
    assert "not a moodlog journal" in result.output
    if kind != "a table of its own":
        assert result.output.endswith(
            "is an SQLite database with no tables and no moodlog mark, not a moodlog journal; "
            "moodlog left it untouched. Point --db or MOODLOG_DB at your journal, or start a new "
            "journal in this file with 'moodlog init --adopt-empty'\n"
        )
    assert journal.read_bytes() == before
    assert stat.S_IMODE(journal.stat().st_mode) == 0o644
    assert sorted(os.listdir(tmp_path)) == listing


def test_init_adopts_an_sqlite_file_with_no_tables_when_asked(moodlog: Run, tmp_path: Path) -> None:
    journal = _sqlite_file(tmp_path / "other.db", "PRAGMA user_version = 0")
    result = moodlog("--db", str(journal), "init", "--adopt-empty")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert moodlog("--db", str(journal), "add", "--mood", "7").exit_code == 0
    assert "7" in moodlog("--db", str(journal), "list").output


def test_a_journal_cut_short_after_moodlog_marked_it_still_opens(
    moodlog: Run, tmp_path: Path
) -> None:
    """A journal killed between its mark and its first table is moodlog's own: it opens."""
    journal = _sqlite_file(tmp_path / "mine.db", "PRAGMA application_id = 1297043268")
    journal.chmod(0o600)
    assert moodlog("--db", str(journal), "add", "--mood", "7").exit_code == 0
    assert "7" in moodlog("--db", str(journal), "list").output

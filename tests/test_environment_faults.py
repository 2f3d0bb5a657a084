"""Faults of the machine rather than of the person: a read-only folder or journal, a full disk,
MOODLOG_HOME pointing at a file, a reader that goes away. Each gets one clear line on stderr and
exit 1, and nothing is half-written: the journal keeps every row it had and no partial file is
left behind.

Tests run as root here, where file permissions do not stop writes; the real read-only tests
then run moodlog with root's power to override permissions taken away (the capabilities
CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped), and the same messages are also checked with
the faults simulated in-process, which works everywhere.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import resource
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from moodlog.errors import JournalError
from moodlog.storage import files, journal
from tests.command_lines import sample_line, seed_journal, write_import_files
from tests.conftest import Run
from tests.test_cli import ALL_COMMANDS

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def _as_a_plain_user() -> None:
    """In the child, before moodlog starts: give up root's power to ignore permissions."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _permissions_hold(tmp_path: Path) -> bool:
    """Whether a read-only file stops a write for a child started with _as_a_plain_user."""
    probe = tmp_path / "probe"
    probe.write_text("")
    probe.chmod(0o400)
    try:
        tried = subprocess.run(
            [sys.executable, "-c", f"open({str(probe)!r}, 'a')"],
            preexec_fn=_as_a_plain_user,
            capture_output=True,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        probe.unlink()
    return tried.returncode != 0


@pytest.fixture
def as_a_plain_user(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    if not _permissions_hold(tmp_path):
        pytest.skip("file permissions cannot be made to hold here (root with its capabilities)")

    def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "moodlog", *args],
            input=input,
            preexec_fn=_as_a_plain_user,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and a digest of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def entry_count(path: Path) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(connection.execute("SELECT count(*) FROM entries").fetchone()[0])
    finally:
        connection.close()


def one_line(stderr: str) -> str:
    assert stderr.startswith("moodlog: "), stderr
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    return stderr


@pytest.fixture
def restore_modes(journal_home: Path) -> Iterator[None]:
    yield
    for path in [journal_home, *journal_home.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)


# --- A read-only folder or journal ----------------------------------------------------------


def test_a_read_only_folder_is_named_and_the_journal_left_as_it_was(
    moodlog: Run,
    journal_file: Path,
    as_a_plain_user: Callable[..., subprocess.CompletedProcess[str]],
    restore_modes: None,
) -> None:
    assert moodlog("add", "--mood", "5", "--note", "kept").exit_code == 0
    folder = journal_file.parent
    before = snapshot(folder)
    folder.chmod(0o500)
    for line in (["add", "--mood", "6"], ["list"], ["delete", "1", "--yes"]):
        result = as_a_plain_user(*line)
        assert result.returncode == 1, result.stderr
        assert one_line(result.stderr) == (
            f"moodlog: the folder {folder} is read-only; moodlog writes its -wal and -shm files "
            "beside the journal, even to read it. Make the folder writable, or move the journal "
            "to one that is\n"
        )
    assert snapshot(folder) == before


def test_a_read_only_journal_can_be_read_but_not_written(
    moodlog: Run,
    journal_file: Path,
    as_a_plain_user: Callable[..., subprocess.CompletedProcess[str]],
    restore_modes: None,
) -> None:
    assert moodlog("add", "--mood", "5", "--note", "kept").exit_code == 0
    journal_file.chmod(0o400)
    before = journal_file.read_bytes()
    for line in (["add", "--mood", "6"], ["edit", "1", "--mood", "2"], ["delete", "1", "--yes"]):
        result = as_a_plain_user(*line)
        assert result.returncode == 1, result.stderr
        assert one_line(result.stderr) == (
            f"moodlog: the journal {journal_file} is read-only (its permissions, or a read-only "
            "disk); moodlog cannot save to it; nothing was saved\n"
        )
    listed = as_a_plain_user("list")
    assert listed.returncode == 0, listed.stderr
    assert "kept" in listed.stdout
    assert journal_file.read_bytes() == before


def test_a_new_journal_in_a_read_only_folder_is_refused_with_its_name(
    journal_home: Path,
    as_a_plain_user: Callable[..., subprocess.CompletedProcess[str]],
    restore_modes: None,
) -> None:
    journal_home.mkdir(mode=0o500)
    result = as_a_plain_user("add", "--mood", "6")
    assert result.returncode == 1
    assert one_line(result.stderr) == (
        f"moodlog: cannot create {journal_home / 'moodlog.db'}: Permission denied\n"
    )
    assert list(journal_home.iterdir()) == []


def test_a_journal_that_refuses_writes_says_so_wherever_this_runs(
    moodlog: Run, journal_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same message as above, from SQLite's own read-only refusal (no permissions needed:
    the connection is made query-only)."""
    assert moodlog("add", "--mood", "5").exit_code == 0
    before = journal_file.read_bytes()
    set_pragmas = journal._set_connection_pragmas

    def read_only(connection: sqlite3.Connection) -> None:
        set_pragmas(connection)
        connection.execute("PRAGMA query_only = ON")

    monkeypatch.setattr(journal, "_set_connection_pragmas", read_only)
    result = moodlog("add", "--mood", "6", "--note", "not saved")
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        f"moodlog: the journal {journal_file} is read-only (its permissions, or a read-only "
        "disk); moodlog cannot save to it; nothing was saved\n"
    )
    monkeypatch.undo()
    assert journal_file.read_bytes() == before
    assert entry_count(journal_file) == 1


def _failing_open(code: int, where: str) -> Callable[..., int]:
    real_open = os.open

    def fake_open(path: str | Path, flags: int, mode: int = 0o777) -> int:
        if where in str(path) and flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, mode)

    return fake_open


def test_a_read_only_file_system_is_named_in_the_message(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "open", _failing_open(errno.EROFS, "moodlog.db"))
    result = moodlog("add", "--mood", "6")
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        f"moodlog: cannot create {journal_file}: Read-only file system\n"
    )
    monkeypatch.undo()
    assert moodlog("add", "--mood", "6").exit_code == 0
    monkeypatch.setattr(os, "open", _failing_open(errno.EROFS, "report"))
    out = tmp_path / "report.pdf"
    result = moodlog("report", "--out", str(out))
    assert result.exit_code == 1
    assert one_line(result.stderr) == f"moodlog: cannot write {out}: Read-only file system\n"
    assert list(tmp_path.glob("*report*")) == []


# --- A full disk ------------------------------------------------------------------------------


def test_a_full_disk_while_saving_an_entry_saves_nothing(
    moodlog: Run, journal_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's own 'database or disk is full', made by capping the pages it may use."""
    assert moodlog("add", "--mood", "5").exit_code == 0
    set_pragmas = journal._set_connection_pragmas

    def nearly_full(connection: sqlite3.Connection) -> None:
        set_pragmas(connection)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    monkeypatch.setattr(journal, "_set_connection_pragmas", nearly_full)
    result = moodlog("add", "--mood", "6", "--skill", "opposite=5", "--note", "x" * 100_000)
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        f"moodlog: the disk holding {journal_file} is full; nothing was saved. Free some space "
        "and try again\n"
    )
    monkeypatch.undo()
    assert entry_count(journal_file) == 1
    assert "opposite" not in moodlog("skills").output.split("used")[-1]


def _with_file_size_limit(limit: int) -> Callable[[], None]:
    """Writes past ``limit`` bytes fail as on a full disk (EFBIG instead of ENOSPC)."""

    def limit_writes() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_writes


def _run_with_limit(
    limit: int, *args: str, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "moodlog", *args],
        input=input,
        preexec_fn=_with_file_size_limit(limit),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_disk_that_fills_up_during_a_real_write_keeps_the_journal_whole(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("add", "--mood", "5").exit_code == 0
    before = snapshot(journal_file.parent)
    # The longest note a person may type (100,000 characters) needs more room than is left.
    result = _run_with_limit(65_536, "add", "--mood", "6", "--note", "-", input="x" * 100_000)
    assert result.returncode == 1
    assert one_line(result.stderr) == (
        f"moodlog: could not write or read the journal {journal_file} (disk I/O error: the disk "
        "may be full, removed or failing); nothing was saved\n"
    )
    assert snapshot(journal_file.parent) == before
    assert entry_count(journal_file) == 1


def test_a_backup_on_a_full_disk_leaves_no_partial_copy(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    seed_journal(journal_file)
    copy = tmp_path / "copy.db"
    result = _run_with_limit(journal_file.stat().st_size // 2, "backup", "--out", str(copy))
    assert result.returncode == 1
    assert one_line(result.stderr) == (
        f"moodlog: could not copy the journal to {copy} (disk I/O error)\n"
    )
    assert not list(tmp_path.glob("copy.db*"))


def test_an_upgrade_that_cannot_back_up_first_changes_nothing(journal_file: Path) -> None:
    journal_file.parent.mkdir(parents=True)
    connection = sqlite3.connect(journal_file)
    connection.executescript((Path(__file__).parent / "fixtures" / "journal_0001.sql").read_text())
    connection.close()
    before = snapshot(journal_file.parent)
    result = _run_with_limit(journal_file.stat().st_size // 2, "list")
    assert result.returncode == 1
    assert "could not copy the journal to" in one_line(result.stderr)
    assert f"so {journal_file} was left as it was" in result.stderr
    assert snapshot(journal_file.parent) == before
    assert not list((journal_file.parent / "backups").glob("*"))


def _failing_writes(code: int) -> Callable[[int, bytes], int]:
    def fake_write(descriptor: int, data: bytes) -> int:
        raise OSError(code, os.strerror(code))

    return fake_write


def test_a_report_on_a_full_disk_leaves_no_partial_file(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert moodlog("add", "--mood", "5").exit_code == 0
    monkeypatch.setattr(os, "write", _failing_writes(errno.ENOSPC))
    out = tmp_path / "report.pdf"
    result = moodlog("report", "--out", str(out))
    assert result.exit_code == 1
    assert one_line(result.stderr) == f"moodlog: cannot write {out}: No space left on device\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["moodlog-home"]


def test_png_pages_are_all_written_or_none(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moodlog.render import report

    assert moodlog("add", "--mood", "5").exit_code == 0
    write = files.write_private_file
    calls: list[Path] = []

    def second_page_fails(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise JournalError(f"cannot write {path}: No space left on device")
        write(path, data)

    monkeypatch.setattr(report, "write_private_file", second_page_fails)
    result = moodlog("report", "--format", "png", "--out", str(tmp_path / "pages"))
    assert result.exit_code == 1
    # (The pages may be written by the drawing process, so `calls` may stay empty here.)
    assert "pages-2.png: No space left on device" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["moodlog-home"]


# --- MOODLOG_HOME pointing at a file ----------------------------------------------------------


def test_every_command_with_moodlog_home_pointing_at_a_file_says_so_and_writes_nothing(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "notes.txt"
    plain.write_text("not a folder\n")
    monkeypatch.setenv("MOODLOG_HOME", str(plain))
    monkeypatch.chdir(tmp_path)
    write_import_files(tmp_path)
    before = snapshot(tmp_path)
    for path in ALL_COMMANDS:
        if path in {("where",), ("demo",)}:
            continue
        result = moodlog(*sample_line(path, tmp_path))
        assert result.exit_code == 1, (path, result.output)
        assert one_line(result.stderr) == (
            f"moodlog: {plain} is a file, not a folder; moodlog needs a folder there\n"
        ), path
        assert snapshot(tmp_path) == before, path
    where = moodlog("where")
    assert str(plain / "moodlog.db") in where.output


# --- A reader that goes away ------------------------------------------------------------------


def test_output_into_a_pipe_closed_early_ends_quietly(moodlog: Run) -> None:
    for day in range(1, 15):
        assert moodlog("add", "--date", f"2026-10-{day:02d}", "--mood", "5").exit_code == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "moodlog", "list", "--since", "2026-10-01", "--until", "2026-10-14"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # as `moodlog list | head -0` does
    errors = process.stderr.read()
    process.wait(timeout=60)
    assert errors == ""
    assert process.returncode == 0

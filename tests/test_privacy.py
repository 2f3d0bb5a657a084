"""Privacy: only the person can read what moodlog writes, a deleted note is gone from the file,
moodlog never touches the network, and a report carries private notes only when asked.

tests/test_journal_file.py checks the journal's own modes; this checks every file every command
writes (journal, backups, reports, exports, the demo) under umask 000.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from moodlog.cli import app
from tests.command_lines import sample_line, seed_journal, write_import_files
from tests.conftest import Run
from tests.test_cli import ALL_COMMANDS


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


# --- Who can read what moodlog writes ---------------------------------------------------------


def test_every_file_any_command_writes_is_0600_in_0700_folders_under_umask_000(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_umask: None
) -> None:
    home = tmp_path / "deep" / "moodlog"
    monkeypatch.setenv("MOODLOG_HOME", str(home))
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    write_import_files(out)
    (out / "daylio.csv").chmod(0o600)
    monkeypatch.chdir(out)
    monkeypatch.setattr(tempfile, "tempdir", str(out))  # demo's default folder
    seed_journal(home / "moodlog.db")
    runner = CliRunner()
    lines = [sample_line(path, out) for path in ALL_COMMANDS]
    lines += [
        ["report", "--last", "30d", "--out", str(out / "new" / "deeper" / "r.pdf")],
        ["report", "--last", "30d", "--format", "png", "--out", str(out / "pages" / "p")],
        ["backup"],  # into backups/ beside the journal
        ["demo", "--days", "10"],  # a new temporary folder
    ]
    lines += [
        ["export", "--out", str(out / "exports" / "daily.csv")],
        ["export", "--table", "entries", "--out", str(out / "entries.csv")],
    ]
    for line in lines:
        result = runner.invoke(app, line)
        assert result.exit_code == 0, (line, result.output)
    written = [home.parent, *home.parent.rglob("*"), *out.rglob("*")]
    assert len(written) >= 15
    for path in written:
        if path.name == "daylio.csv":
            continue
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path
    made = {path.suffix for path in written}
    assert {".db", ".pdf", ".png"} <= made


def test_a_migration_backup_is_private_under_umask_000(
    moodlog: Run, journal_file: Path, open_umask: None
) -> None:
    journal_file.parent.mkdir(mode=0o700, parents=True)
    connection = sqlite3.connect(journal_file)
    connection.executescript((Path(__file__).parent / "fixtures" / "journal_0001.sql").read_text())
    connection.close()
    assert moodlog("list").exit_code == 0
    backups = journal_file.parent / "backups"
    assert mode(backups) == 0o700
    (copy,) = backups.iterdir()
    assert mode(copy) == 0o600


# --- A deleted note is gone from the file -----------------------------------------------------

SECRET = "zebra-violet-4711 told no one about the pills"


def _bytes_on_disk(journal_file: Path) -> bytes:
    """The journal and its side files, as anyone with the disk could read them."""
    return b"".join(path.read_bytes() for path in sorted(journal_file.parent.glob("moodlog.db*")))


@pytest.mark.parametrize("reader_open", [False, True], ids=["alone", "while-another-reads"])
@pytest.mark.parametrize(
    "forget",
    [["delete", "1", "--yes"], ["edit", "1", "--clear", "note"], ["edit", "1", "--note", "ok"]],
    ids=["delete", "clear-note", "replace-note"],
)
def test_a_deleted_note_leaves_no_trace_in_the_journal_or_its_log(
    moodlog: Run, journal_file: Path, forget: list[str], reader_open: bool
) -> None:
    """With SQLite's secure_delete on, a deleted row is overwritten in the file; the write-ahead
    log must not keep the old page either, even while another moodlog (a shell prompt's status
    line, say) has the journal open."""
    assert moodlog("add", "--mood", "5").exit_code == 0  # the journal exists, in WAL mode
    reader = sqlite3.connect(journal_file) if reader_open else None
    try:
        if reader is not None:
            reader.execute("SELECT count(*) FROM entries").fetchall()
        assert moodlog("add", "--mood", "3", "--note", SECRET).exit_code == 0
        assert moodlog("edit", "2", "--mood", "4").exit_code == 0  # the page written again
        assert SECRET.encode() in _bytes_on_disk(journal_file)
        forget = [word.replace("1", "2") for word in forget]
        result = moodlog(*forget)
        assert result.exit_code == 0, result.output
        if forget[0] == "edit":
            # The values an edit replaced stay in the undo history until it forgets them
            # (docs/privacy.md); forgetting them leaves nothing behind either.
            assert SECRET.encode() in _bytes_on_disk(journal_file)
            assert moodlog("undo", "--clear").exit_code == 0
        assert SECRET.encode() not in _bytes_on_disk(journal_file)
    finally:
        if reader is not None:
            reader.close()
    assert SECRET.encode() not in _bytes_on_disk(journal_file)


LINGERS = "Another program is reading the journal, so the old text stays in"


@pytest.mark.parametrize(
    ("forget", "next_write"),
    [
        (["delete", "2", "--yes"], ["add", "--mood", "7"]),
        # An edit's replaced note is kept for undo until the history forgets it.
        (["edit", "2", "--clear", "note"], ["undo", "--clear"]),
    ],
    ids=["delete", "clear-note"],
)
def test_a_note_deleted_while_another_program_reads_is_forgotten_at_the_next_write(
    moodlog: Run, journal_file: Path, forget: list[str], next_write: list[str]
) -> None:
    """A reader in the middle of a read transaction keeps SQLite from forgetting the old
    versions: the command says so, and the next write after the reader is done forgets them,
    though the reader's program is still open (so SQLite's own cleanup at the last close never
    comes)."""
    assert moodlog("add", "--mood", "5").exit_code == 0
    open_elsewhere = sqlite3.connect(journal_file)  # a status line that stays open
    reader = sqlite3.connect(journal_file, isolation_level=None)
    try:
        open_elsewhere.execute("SELECT count(*) FROM entries").fetchall()
        assert moodlog("add", "--mood", "3", "--note", SECRET).exit_code == 0
        reader.execute("BEGIN")
        assert reader.execute("SELECT note FROM entries WHERE id = 2").fetchone() == (SECRET,)
        result = moodlog(*forget)
        assert result.exit_code == 0, result.output
        assert result.output.count(LINGERS) == 1
        assert "until that program closes; moodlog removes it at its next write" in result.output
        assert SECRET.encode() in _bytes_on_disk(journal_file)
        # While the reader still reads, a write forgets nothing, and does not wait for it.
        assert moodlog("add", "--mood", "6").exit_code == 0
        assert SECRET.encode() in _bytes_on_disk(journal_file)
        reader.execute("COMMIT")
        reader.close()
        assert SECRET.encode() in _bytes_on_disk(journal_file)  # nothing forgot it yet
        later = moodlog(*next_write)
        assert later.exit_code == 0
        assert LINGERS not in later.output
        assert SECRET.encode() not in _bytes_on_disk(journal_file)
        assert not journal_file.with_name("moodlog.db-forget").exists()
    finally:
        reader.close()
        open_elsewhere.close()
    assert SECRET.encode() not in _bytes_on_disk(journal_file)


def test_an_appointment_deleted_while_another_program_reads_says_so_too(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("appointment", "add", "2026-12-01", "--with", "Dr Zebra-Violet").exit_code == 0
    reader = sqlite3.connect(journal_file, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM appointments").fetchall()
        result = moodlog("appointment", "delete", "1", "--yes")
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Deleted appointment 1")
        assert result.output.splitlines()[-1].startswith(LINGERS)
    finally:
        reader.close()


def test_a_delete_with_no_one_reading_says_nothing_more(moodlog: Run, journal_file: Path) -> None:
    moodlog("add", "--mood", "3", "--note", SECRET)
    result = moodlog("delete", "1", "--yes")
    assert result.output == "Deleted entry 1.\n"


# --- No network, ever -------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any use of a socket is recorded and refused."""
    attempts: list[str] = []

    def refuse(what: str) -> object:
        def refused(*args: object, **kwargs: object) -> object:
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise OSError(f"moodlog tried to use the network: {what}")

        return refused

    monkeypatch.setattr(socket.socket, "__init__", refuse("socket.socket()"))
    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "socketpair", refuse("socketpair"))
    return attempts


def test_the_network_refusal_itself_works(no_network: list[str]) -> None:
    with pytest.raises(OSError, match="network"):
        socket.create_connection(("example.org", 80))
    with pytest.raises(OSError, match="network"):
        socket.socket()
    assert len(no_network) == 2
    no_network.clear()


def test_no_command_opens_a_network_socket(
    no_network: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, journal_file: Path
) -> None:
    seed_journal(journal_file)
    write_import_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    runner = CliRunner()
    lines = [sample_line(path, tmp_path) for path in ALL_COMMANDS]
    lines += [["report", "--last", "30d", "--format", "png", "--out", str(tmp_path / "p")]]
    lines += [["--help"], ["--version"], *([*path, "--help"] for path in ALL_COMMANDS)]
    for line in lines:
        result = runner.invoke(app, line)
        assert result.exit_code == 0, (line, result.output)
        assert no_network == [], line


# --- What a report carries --------------------------------------------------------------------

PRIVATE = [
    "Nobody should read this one",
    "\u05e9\u05dc\u05d5\u05dd private \u05e9\u05dc\u05d5\u05dd",
    "thought about the bridge again",
]
SHARED = ["Told my sister how I feel", "Slept better after the walk"]


def _report_text(moodlog: Run, out: Path, *options: str) -> str:
    period = ("--since", "2025-03-01", "--until", "2025-03-10")
    result = moodlog("report", *period, "--out", str(out), *options)
    assert result.exit_code == 0, result.output
    return " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())


def test_a_report_carries_private_notes_only_when_asked(moodlog: Run, tmp_path: Path) -> None:
    for day, note in enumerate(PRIVATE, 1):
        assert moodlog("add", "-d", f"2025-03-0{day}", "-m", "4", "--note", note).exit_code == 0
    for day, note in enumerate(SHARED, 5):
        added = moodlog("add", "-d", f"2025-03-0{day}", "-m", "6", "--note", note, "--share")
        assert added.exit_code == 0
    assert (
        moodlog("session", "dbt", "-d", "2025-03-03", "--note", "whispered-confession").exit_code
        == 0
    )
    plain = _report_text(moodlog, tmp_path / "plain.pdf")
    for note in SHARED:
        assert note in plain
    for note in [*PRIVATE, "whispered-confession"]:
        for word in note.split():
            if len(word) > 5:
                assert word not in plain, word
    asked = _report_text(moodlog, tmp_path / "asked.pdf", "--include-notes")
    assert "Nobody should read this one" in asked
    assert "thought about the bridge again" in asked


def test_an_export_is_the_persons_own_copy_private_notes_included(
    moodlog: Run, tmp_path: Path, open_umask: None
) -> None:
    assert moodlog("add", "--mood", "4", "--note", PRIVATE[0]).exit_code == 0
    assert moodlog("session", "dbt", "--note", "whispered-confession").exit_code == 0
    out = tmp_path / "new" / "all.json"
    result = moodlog("export", "--table", "all", "--format", "json", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert mode(out.parent) == 0o700
    assert mode(out) == 0o600
    text = out.read_text()
    assert PRIVATE[0] in text
    assert "whispered-confession" in text

"""A journal moodlog cannot use (truncated, random bytes, another program's database, one from a
newer moodlog) gets a clear one-line message and exit 1 from every command, and is left exactly
as it was: same bytes, and no file added beside it.

tests/test_journal_file.py checks the messages of the first commands a person types; this runs
every command's sample line against every kind of damage.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from moodlog.cli import app
from moodlog.storage.damage import SQLITE_HEADER
from moodlog.storage.migrations import MIGRATION_NAMES
from tests.command_lines import sample_line, seed_journal, write_import_files
from tests.test_cli import ALL_COMMANDS

# Commands that never open the journal, and check-journal, whose report on a damaged journal
# (on standard output, with a recovered copy beside it) tests/test_damage.py checks.
NOT_OPENING = {("where",), ("demo",), ("check-journal",)}


def _good_journal(path: Path) -> bytes:
    seed_journal(path)
    connection = sqlite3.connect(path)
    for day in range(1, 29):
        connection.execute(
            "INSERT INTO entries (day, time, recorded_at, mood, note) VALUES (?, ?, ?, ?, ?)",
            (f"2026-10-{day:02d}", "21:00", "2026-10-28T21:00:00+00:00", 5, "x" * 3000),
        )
    connection.commit()
    connection.close()
    return path.read_bytes()


def _newer(path: Path) -> bytes:
    _good_journal(path)
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO schema_migrations VALUES ('0099_later', '2031-01-01')")
    connection.execute(f"PRAGMA user_version = {len(MIGRATION_NAMES) + 1}")
    connection.commit()
    connection.close()
    return path.read_bytes()


def _other_program(path: Path) -> bytes:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")  # its side files must not be left behind
    connection.execute("CREATE TABLE moz_places (url TEXT)")
    connection.execute("INSERT INTO moz_places VALUES ('https://example.org')")
    connection.commit()
    connection.close()
    return path.read_bytes()


def _truncated(fraction: float) -> Callable[[Path], bytes]:
    def make(path: Path) -> bytes:
        data = _good_journal(path)
        return data[: max(1, int(len(data) * fraction))]

    return make


def _random_after_header(path: Path) -> bytes:
    return SQLITE_HEADER + random.Random(3).randbytes(8192)


DAMAGE: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "cut-in-the-header": (lambda path: _good_journal(path)[:10], "is damaged"),
    "cut-after-the-header": (lambda path: _good_journal(path)[:60], "is damaged"),
    "cut-to-one-page": (lambda path: _good_journal(path)[:4096], "is damaged"),
    "cut-in-half": (_truncated(0.5), "is damaged"),
    "last-byte-missing": (lambda path: _good_journal(path)[:-1], "is damaged"),
    "random-bytes": (lambda _: random.Random(1).randbytes(20_000), "not an SQLite database"),
    "random-after-sqlite-header": (_random_after_header, "is damaged"),
    "another-programs-database": (_other_program, "SQLite database of another program"),
    "from-a-newer-moodlog": (_newer, "written by a newer moodlog"),
}


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The bytes of each damaged journal, made once."""
    made = {}
    for name, (make, _) in DAMAGE.items():
        path = tmp_path_factory.mktemp(name) / "moodlog.db"
        made[name] = make(path)
    return made


def wreck_first_page(journal_file: Path, name: str) -> None:
    """Write random bytes over the first page of the table or index ``name``: a journal whose
    header is whole and one of its pages damaged."""
    connection = sqlite3.connect(journal_file)
    (root,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)
    ).fetchone()
    (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    with journal_file.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(random.Random(5).randbytes(page_size))


def _digest(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
    }


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_every_command_refuses_a_damaged_journal_and_leaves_it_byte_for_byte(
    kind: str,
    damaged: dict[str, bytes],
    journal_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal_file.parent.mkdir(parents=True)
    journal_file.write_bytes(damaged[kind])
    before = _digest(journal_file.parent)
    monkeypatch.chdir(tmp_path)
    write_import_files(tmp_path)
    message = DAMAGE[kind][1]
    runner = CliRunner()
    for path in ALL_COMMANDS:
        if path in NOT_OPENING:
            continue
        line = sample_line(path, tmp_path)
        result = runner.invoke(app, line)
        shown = f"{kind}: moodlog {' '.join(line)}\n{result.output}"
        assert result.exit_code == 1, shown
        assert result.exception is None or isinstance(result.exception, SystemExit), shown
        assert result.stderr.count("\n") == 1, shown
        assert message in result.stderr, shown
        assert str(journal_file) in result.stderr, shown
        assert _digest(journal_file.parent) == before, shown
    assert not (tmp_path / "report.pdf").exists()
    assert not (tmp_path / "copy.db").exists()


def test_a_damaged_page_inside_the_journal_is_reported_by_the_command_that_reads_it(
    journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal_file.parent.mkdir(parents=True)
    _good_journal(journal_file)
    wreck_first_page(journal_file, "entries")
    before = _digest(journal_file.parent)
    monkeypatch.chdir(tmp_path)
    for line in (["list", "--last", "3m"], ["show", "1"], ["add", "--mood", "5"], ["report"]):
        result = CliRunner().invoke(app, line)
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(f"moodlog: {journal_file} is damaged (")
        assert result.stderr.endswith(
            "moodlog left it untouched and saves nothing to it: there is no whole backup in its "
            "backups/ folder (see docs/privacy.md), and 'moodlog check-journal' copies what can "
            "still be read\n"
        )
        assert result.stderr.count("\n") == 1
        assert _digest(journal_file.parent) == before

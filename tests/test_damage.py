"""Damage is noticed before it spreads: SQLite's full integrity check runs before `backup`,
`import` and a schema upgrade, and on the first write of a day; a damaged journal is refused
with one line naming the damage and the way out, and left byte-for-byte as it was.
`moodlog check-journal` names the damage and copies the readable rows into a new journal.

Each damage is checked to be one SQLite's integrity check finds before moodlog is asked
about it. tests/test_damaged_journals.py runs every command against files moodlog cannot
open at all.
"""

from __future__ import annotations

import hashlib
import random
import re
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from moodlog.cli import app
from tests.command_lines import write_import_files
from tests.test_damaged_journals import _good_journal

FIXTURES_0006 = Path(__file__).parent / "fixtures" / "journal_0006.sql"

PAGE = 4096


def _page_of(path: Path, name: str, one_row: bool = False) -> int:
    """A leaf page of table or index ``name`` (holding one row when ``one_row``)."""
    connection = sqlite3.connect(path)
    (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    assert page_size == PAGE
    rows = connection.execute(
        "SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
        (name,),
    ).fetchall()
    connection.close()
    pages = [page for page, cells in rows if not one_row or cells == 1]
    return int(pages[len(pages) // 2])


def _flip(path: Path, offset: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        (byte,) = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte ^ 0xFF]))


def _header(path: Path) -> None:
    _flip(path, 20)  # bytes reserved at the end of each page


def _table_page(path: Path) -> None:
    page = _page_of(path, "entries", one_row=True)
    with path.open("r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(random.Random(5).randbytes(PAGE))


def _index_page(path: Path) -> None:
    _flip(path, (_page_of(path, "entries_by_day") - 1) * PAGE + 1)  # its first free block


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 3 * PAGE])  # whole pages, so only the check sees it


DAMAGE: dict[str, Callable[[Path], None]] = {
    "header": _header,
    "table-page": _table_page,
    "index-page": _index_page,
    "truncated": _truncated,
}


def _check(path: Path) -> list[str]:
    """SQLite's own verdict, read without changing the file."""
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?immutable=1", uri=True)
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        connection.close()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    lines = [line for (text,) in rows for line in str(text).splitlines()]
    return [line for line in lines if line not in ("ok", "*** in database main ***")]


def _last_checked_yesterday(path: Path) -> None:
    """Make the next write the first of the day."""
    connection = sqlite3.connect(path)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    connection.execute("UPDATE last_check SET day = ?", (yesterday,))
    connection.commit()
    connection.close()


def _folder(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _damaged_journal(journal_file: Path, kind: str) -> list[str]:
    journal_file.parent.mkdir(parents=True, exist_ok=True)
    _good_journal(journal_file)
    assert CliRunner().invoke(app, ["add", "--mood", "5"]).exit_code == 0  # records the check
    _last_checked_yesterday(journal_file)
    DAMAGE[kind](journal_file)
    problems = _check(journal_file)
    assert problems, f"{kind}: SQLite does not see this damage"
    return problems


def _refusal(stderr: str, journal_file: Path) -> None:
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith(f"moodlog: {journal_file} is damaged ("), stderr
    assert "moodlog left it untouched" in stderr
    assert "'moodlog check-journal' copies what can still be read" in stderr


@pytest.mark.parametrize("kind", list(DAMAGE))
@pytest.mark.parametrize(
    "line",
    [
        ["add", "--mood", "6"],  # the first write of the day
        ["backup"],
        ["backup", "--out", "{tmp}/copy.db"],
        ["import", "{tmp}/entries.csv"],
    ],
    ids=["first-write-of-the-day", "backup", "backup-out", "import"],
)
def test_a_damaged_journal_is_refused_with_one_line_and_left_byte_for_byte(
    kind: str,
    line: list[str],
    journal_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problems = _damaged_journal(journal_file, kind)
    monkeypatch.chdir(tmp_path)
    write_import_files(tmp_path)
    before = _folder(journal_file.parent)
    result = CliRunner().invoke(app, [part.replace("{tmp}", str(tmp_path)) for part in line])
    assert result.exit_code == 1, result.output
    _refusal(result.stderr, journal_file)
    if kind in ("table-page", "index-page"):
        # The check's first problem names the damage.
        assert f"is damaged ({problems[0]})" in result.stderr
    assert _folder(journal_file.parent) == before
    assert not (tmp_path / "copy.db").exists()


def test_the_refusal_names_the_newest_whole_backup(journal_file: Path, journal_home: Path) -> None:
    journal_file.parent.mkdir(parents=True)
    _good_journal(journal_file)
    runner = CliRunner()
    made = []
    for _ in range(2):
        result = runner.invoke(app, ["backup"])
        assert result.exit_code == 0, result.output
        made.append(re.search(r"Backed up to (\S+)", result.stdout)[1])  # type: ignore[index]
    _last_checked_yesterday(journal_file)
    _index_page(journal_file)
    before = journal_file.read_bytes()
    result = runner.invoke(app, ["add", "--mood", "4"])
    assert result.exit_code == 1
    _refusal(result.stderr, journal_file)
    assert f"the newest whole backup is {made[-1]} " in result.stderr
    assert journal_file.read_bytes() == before


def test_a_damaged_journal_of_an_older_schema_is_neither_copied_nor_upgraded(
    journal_file: Path, journal_home: Path
) -> None:
    journal_file.parent.mkdir(parents=True)
    old = sqlite3.connect(journal_file)
    old.executescript(FIXTURES_0006.read_text())
    old.close()
    page = _page_of(journal_file, "questionnaires")
    _flip(journal_file, (page - 1) * PAGE + 1)
    assert _check(journal_file)
    before = _folder(journal_file.parent)
    result = CliRunner().invoke(app, ["list"])
    assert result.exit_code == 1
    _refusal(result.stderr, journal_file)
    assert _folder(journal_file.parent) == before
    assert not (journal_home / "backups").exists()


def test_check_journal_says_a_whole_journal_is_whole_and_writes_nothing(
    journal_file: Path,
) -> None:
    journal_file.parent.mkdir(parents=True)
    _good_journal(journal_file)
    before = _folder(journal_file.parent)
    result = CliRunner().invoke(app, ["check-journal"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"The journal is whole: {journal_file} passed SQLite's full integrity check.\n"
    )
    assert _folder(journal_file.parent) == before


def test_check_journal_names_the_damage_and_copies_the_readable_rows(
    journal_file: Path,
) -> None:
    problems = _damaged_journal(journal_file, "table-page")
    before = journal_file.read_bytes()
    result = CliRunner().invoke(app, ["check-journal"])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{journal_file} is damaged: {problems[0]}"
    copy = journal_file.with_name(f"moodlog-recovered-{date.today().isoformat()}.db")
    assert f"What could be read is in {copy} (the journal itself was not changed)." in lines
    assert "Could not be read:" in lines
    # 28 long entries, 2 seeded, 1 added by the test: one page lost, one entry on it.
    assert "  entries: up to 1 row in a damaged stretch (30 rows copied)" in lines
    assert journal_file.read_bytes() == before
    assert copy.stat().st_mode & 0o777 == 0o600
    assert _check(copy) == []
    recovered = sqlite3.connect(copy)
    ids = [row[0] for row in recovered.execute("SELECT id FROM entries ORDER BY id")]
    medicines = recovered.execute("SELECT count(*) FROM regimen").fetchone()[0]
    recovered.close()
    assert len(ids) == 30
    assert len(set(range(1, 32)) - set(ids)) == 1
    assert medicines == 3  # the seeded sertraline, lorazepam and melatonin
    # The copy is a journal moodlog opens and writes to.
    assert CliRunner().invoke(app, ["--db", str(copy), "add", "--mood", "5"]).exit_code == 0
    # A second check writes a second copy, never over the first.
    first = copy.read_bytes()
    assert CliRunner().invoke(app, ["check-journal"]).exit_code == 1
    assert len(list(journal_file.parent.glob("moodlog-recovered-*.db"))) == 2
    assert copy.read_bytes() == first


def test_backups_are_named_by_day_and_the_newest_five_are_kept(
    journal_file: Path, journal_home: Path
) -> None:
    journal_file.parent.mkdir(parents=True)
    _good_journal(journal_file)
    made = []
    for _ in range(7):
        result = CliRunner().invoke(app, ["backup"])
        assert result.exit_code == 0, result.output
        made.append(Path(re.search(r"Backed up to (\S+)", result.stdout)[1]))  # type: ignore[index]
    today = date.today().isoformat()
    assert made[0].name == f"moodlog-backup-{today}.db"
    assert all(path.name.startswith(f"moodlog-backup-{today}-") for path in made[1:])
    kept = sorted(path.name for path in (journal_home / "backups").iterdir())
    assert kept == sorted(path.name for path in made[2:])


@pytest.mark.parametrize("kind", ["header", "index-page", "truncated"])
def test_check_journal_rescues_a_copy_of_every_damaged_journal_it_can_read(
    kind: str, journal_file: Path
) -> None:
    problems = _damaged_journal(journal_file, kind)
    before = journal_file.read_bytes()
    result = CliRunner().invoke(app, ["check-journal"])
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(f"{journal_file} is damaged: {problems[0]}\n")
    copy = journal_file.with_name(f"moodlog-recovered-{date.today().isoformat()}.db")
    assert f"What could be read is in {copy}" in result.stdout
    assert journal_file.read_bytes() == before
    assert _check(copy) == []
    recovered = sqlite3.connect(copy)
    (entries,) = recovered.execute("SELECT count(*) FROM entries").fetchone()
    recovered.close()
    if kind != "truncated":
        # Neither damage is in a table's rows: every entry (28, 2 seeded, 1 added) is there.
        assert entries == 31
        assert "Every row could be read." in result.stdout

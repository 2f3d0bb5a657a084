"""What SQLite reports, told apart by its result code: each fault made for real and met through a
journal transaction, so the line the person reads follows SQLite's code, not its wording."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from moodlog.errors import JournalError
from moodlog.storage.journal import Journal, open_journal


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with open_journal(tmp_path / "moodlog.db") as opened:
        opened.connection.execute("CREATE TEMP TABLE note (text TEXT CHECK (text != 'full'))")
        yield opened


def fault(journal: Journal, sql: str, *values: object) -> str:
    """The line moodlog says when ``sql`` fails inside a transaction."""
    with pytest.raises(JournalError) as raised, journal.transaction() as connection:
        connection.execute(sql, values)
    return str(raised.value)


def test_another_program_holding_the_journal_says_busy(journal: Journal) -> None:
    other = sqlite3.connect(journal.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    journal.connection.execute("PRAGMA busy_timeout = 0")
    assert "stayed busy for 30 s" in fault(journal, "SELECT 1")
    other.close()


def test_a_full_journal_says_the_disk_is_full(journal: Journal) -> None:
    pages = journal.connection.execute("PRAGMA page_count").fetchone()[0]
    journal.connection.execute(f"PRAGMA max_page_count = {pages}")
    insert = "INSERT INTO settings (key, value) VALUES ('filler', ?)"
    assert "is full; nothing was saved" in fault(journal, insert, "x" * 100_000)


def test_a_refused_change_that_mentions_full_is_not_a_full_disk(journal: Journal) -> None:
    """The old rule, 'full' anywhere in the message, took this for a full disk."""
    message = fault(journal, "INSERT INTO note VALUES ('full')")
    assert "refused the change (CHECK constraint failed" in message


def test_a_read_only_connection_says_read_only(journal: Journal) -> None:
    journal.connection.execute("PRAGMA query_only = ON")
    assert "is read-only (its permissions" in fault(journal, "INSERT INTO note VALUES ('x')")


def test_an_error_without_a_code_is_passed_on_in_its_own_words(journal: Journal) -> None:
    """An error the sqlite3 module raises itself carries no code: whatever its words, it is not
    taken for a full disk or a busy journal."""
    with pytest.raises(JournalError) as raised, journal.transaction():
        raise sqlite3.OperationalError("the disk is full, or locked")
    assert str(raised.value).endswith("cannot be used: the disk is full, or locked")

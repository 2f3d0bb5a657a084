"""The docs keep up with the code: a command missing from them fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import ALL_COMMANDS

DOCS = Path(__file__).parent.parent / "docs"


def _all_docs() -> str:
    return "\n".join(path.read_text() for path in sorted(DOCS.glob("*.md")))


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=" ".join)
def test_every_command_is_documented(command: tuple[str, ...]) -> None:
    assert f"moodlog {' '.join(command)}" in _all_docs()


def test_every_table_of_the_journal_is_in_the_schema_doc(journal_file: Path) -> None:
    import sqlite3

    from moodlog.storage.journal import open_journal

    open_journal(journal_file).close()
    connection = sqlite3.connect(journal_file)
    tables = {
        name: [column[1] for column in connection.execute(f"PRAGMA table_info({name})")]
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    connection.close()
    schema = (DOCS / "schema.md").read_text()
    for table, columns in tables.items():
        assert f"## `{table}`" in schema, table
        for column in columns:
            assert f"`{column}`" in schema, f"{table}.{column}"

"""`moodlog check-journal`: the full check on demand and, for a damaged journal, a recovered
copy of what can still be read.

The damaged journal is only ever read, and without a lock or a side file where it has no
write-ahead log (``immutable``), so checking it never changes it. The copy is a fresh journal
with this moodlog's schema, filled table by table and row by row: a row SQLite cannot read,
or one the fresh journal refuses (a value the damage changed, a reference to a row that was
lost), is left out and counted.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from moodlog.errors import JournalError
from moodlog.storage import driver
from moodlog.storage.damage import SQLITE_HEADER, integrity_problems, is_encrypted
from moodlog.storage.files import missing_folders, move_into_place, temporary_beside
from moodlog.storage.journal import APPLICATION_ID, encrypted_key, open_journal
from moodlog.storage.settings import keep_fhir_namespace, take_fhir_namespace

if TYPE_CHECKING:
    from moodlog.storage.cipher import Key

# Ids between the rows read from the start of a table and those read from its end are looked
# up one by one; a gap wider than this is left unread (moodlog's ids count up from 1).
_LARGEST_GAP = 2_000_000


@dataclass(frozen=True)
class TableRescue:
    """What became of one table's rows."""

    table: str
    copied: int
    unread: int = 0  # ids in a damaged stretch that could not be read (some may never have existed)
    refused: int = 0  # rows read, but refused by the fresh journal
    whole_table_lost: bool = False
    lost_after: int | None = None  # the rows after this id could not be read, nor counted


@dataclass(frozen=True)
class JournalCheck:
    path: Path
    problems: list[str]
    copy: Path | None = None
    tables: list[TableRescue] = field(default_factory=list)
    schema_unreadable: str | None = None  # why no table could be read at all
    encrypted: bool = False  # checked only: its rows are not copied out into a plain file


def _read_only(path: Path, key: Key | None = None) -> sqlite3.Connection:
    """A connection that reads ``path`` as it is (an encrypted journal with its ``key``). With a
    write-ahead log beside it the log is part of the journal, so SQLite must open it the usual
    way (and completes it on close)."""
    if path.with_name(path.name + "-wal").exists():
        connection = driver.connect(path, key, isolation_level=None)
        connection.execute("PRAGMA query_only = ON")
        return connection
    return driver.connect(f"{path.absolute().as_uri()}?immutable=1", key, uri=True)


def _check_encrypted(path: Path) -> JournalCheck:
    """The full check of an encrypted journal, with its passphrase. What can be read of a
    damaged one is not copied out: a rescued copy would be a plain file."""
    connection = _read_only(path, encrypted_key(path))
    try:
        return JournalCheck(path, integrity_problems(connection), encrypted=True)
    finally:
        connection.close()


def check_journal(path: Path) -> JournalCheck:
    """Run the full check on the journal at ``path``; when it finds damage, copy what can be
    read into a new journal beside it."""
    if not path.is_file():
        missing_folders(path.parent)  # a path through a file is a mistake to say
        raise JournalError(f"there is no journal at {path}")
    with path.open("rb") as handle:
        start = handle.read(len(SQLITE_HEADER))
    if start and not SQLITE_HEADER.startswith(start[: len(SQLITE_HEADER)]):
        if is_encrypted(path):
            return _check_encrypted(path)
        raise JournalError(f"{path} is not an SQLite database; moodlog left it untouched")
    if len(start) < len(SQLITE_HEADER):
        return JournalCheck(path, ["cut short inside its header"], schema_unreadable="no header")
    connection = _read_only(path)
    try:
        _not_another_programs(connection, path)
        problems = integrity_problems(connection)
        if not problems:
            return JournalCheck(path, [])
        # Read the list of tables even where it names a page that is gone (a journal cut
        # short): SQLite then refuses to load the schema at all, unless told to tolerate it.
        # The connection cannot write, so this changes nothing.
        connection.execute("PRAGMA writable_schema = ON")
        try:
            tables = _tables(connection)
        except sqlite3.DatabaseError as error:
            return JournalCheck(path, problems, schema_unreadable=str(error))
        copy = recovered_path(path)
        rescued = _rescue(connection, tables, copy)
        return JournalCheck(path, problems, copy, rescued)
    finally:
        connection.close()


def _not_another_programs(connection: sqlite3.Connection, path: Path) -> None:
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError:
        return  # too damaged to tell: the check says what it can
    if application_id not in (0, APPLICATION_ID) or (tables and "schema_migrations" not in tables):
        raise JournalError(
            f"{path} is not a moodlog journal (it is an SQLite database of another program); "
            "moodlog left it untouched"
        )


def _tables(connection: sqlite3.Connection) -> list[str]:
    """The journal's tables in the order they were made, so a table is filled before the
    tables that refer to it."""
    return [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT IN ('schema_migrations', 'last_check') ORDER BY rowid"
        )
    ]


def recovered_path(path: Path) -> Path:
    """A free name beside the journal: moodlog-recovered-2026-12-01.db, with the time for
    another the same day."""
    now = datetime.now()
    candidate = path.with_name(f"{path.stem}-recovered-{now:%Y-%m-%d}.db")
    counter = 0
    while candidate.exists() or candidate.is_symlink():
        counter += 1
        extra = "" if counter == 1 else f"-{counter}"
        candidate = path.with_name(f"{path.stem}-recovered-{now:%Y-%m-%d-%H%M%S}{extra}.db")
    return candidate


def _rescue(damaged: sqlite3.Connection, tables: list[str], target: Path) -> list[TableRescue]:
    """Fill a fresh journal, made under a temporary name, with what can be read, then give it
    the name ``target`` (never over a file that is there)."""
    temporary = temporary_beside(target)
    for leftover in (temporary, *_side_files(temporary)):
        leftover.unlink(missing_ok=True)
    try:
        with open_journal(temporary) as fresh:
            fresh.checked = fresh.day_recorded = True  # a new, whole journal
            with fresh.transaction() as connection:
                # References are checked once every table is in (a table may have been
                # rebuilt after the ones that refer to it); rows whose row referred to was lost
                # are then left out too.
                connection.execute("PRAGMA defer_foreign_keys = ON")
                # The damaged journal's FHIR namespace, if it can be read, keeps its ids.
                made = take_fhir_namespace(connection)
                rescued = [_rescue_table(damaged, connection, table) for table in tables]
                orphans = _drop_orphans(connection)
                keep_fhir_namespace(connection, made)
        rescued = [
            replace(
                rescue,
                copied=rescue.copied - orphans.get(rescue.table, 0),
                refused=rescue.refused + orphans.get(rescue.table, 0),
            )
            for rescue in rescued
        ]
        try:
            move_into_place(temporary, target)
        except FileExistsError:
            raise JournalError(f"{target} appeared while moodlog wrote it; try again") from None
    finally:
        for leftover in (temporary, *_side_files(temporary)):
            leftover.unlink(missing_ok=True)
    return rescued


def _drop_orphans(connection: sqlite3.Connection) -> dict[str, int]:
    """Delete the rows that refer to a row that is not there, until none does; how many of
    each table."""
    dropped: dict[str, int] = {}
    while broken := connection.execute("PRAGMA foreign_key_check").fetchall():
        for table, rowid in {(str(row[0]), int(row[1])) for row in broken}:
            connection.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            dropped[table] = dropped.get(table, 0) + 1
    return dropped


def _side_files(path: Path) -> tuple[Path, ...]:
    return tuple(path.with_name(path.name + side) for side in ("-wal", "-shm", "-journal"))


def _rescue_table(
    damaged: sqlite3.Connection, fresh: sqlite3.Connection, table: str
) -> TableRescue:
    try:
        theirs = [str(row[1]) for row in damaged.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.DatabaseError:
        return TableRescue(table, 0, whole_table_lost=True)
    ours = [str(row[1]) for row in fresh.execute(f'PRAGMA table_info("{table}")')]
    columns = [name for name in theirs if name in ours]
    if not columns:
        return TableRescue(table, 0)  # a table this moodlog no longer has
    listed = ", ".join(f'"{name}"' for name in columns)
    insert = (
        f'INSERT INTO "{table}" (rowid, {listed}) '
        f"VALUES ({', '.join('?' for _ in range(len(columns) + 1))})"
    )
    select = f'SELECT rowid, {listed} FROM "{table}"'
    forward, stopped = _rows_until_damage(damaged, f"{select} ORDER BY rowid")
    rows = list(forward)
    unread = 0
    lost_after: int | None = None
    if stopped:
        backward, _ = _rows_until_damage(damaged, f"{select} ORDER BY rowid DESC")
        rows += backward
        low = _rowid(forward[-1]) if forward else 0
        if not backward:
            if not forward:
                return TableRescue(table, 0, whole_table_lost=True)
            lost_after = low  # nothing read from the end: how many rows follow is unknown
        elif _rowid(backward[-1]) - low - 1 <= _LARGEST_GAP:
            for rowid in range(low + 1, _rowid(backward[-1])):
                try:
                    found = damaged.execute(f"{select} WHERE rowid = ?", (rowid,)).fetchone()
                except sqlite3.DatabaseError:
                    unread += 1
                    continue
                if found is not None:
                    rows.append(tuple(found))
        else:
            unread = _rowid(backward[-1]) - low - 1
    copied = refused = 0
    seen: set[int] = set()
    for row in sorted(rows, key=_rowid):
        rowid = _rowid(row)
        if rowid in seen:
            continue
        seen.add(rowid)
        try:
            fresh.execute("SAVEPOINT row")
            fresh.execute(insert, row)
            fresh.execute("RELEASE row")
            copied += 1
        except sqlite3.Error:
            fresh.execute("ROLLBACK TO row")
            fresh.execute("RELEASE row")
            refused += 1
    return TableRescue(table, copied, unread, refused, lost_after=lost_after)


def _rowid(row: tuple[object, ...]) -> int:
    return int(cast(int, row[0]))


def _rows_until_damage(
    connection: sqlite3.Connection, sql: str
) -> tuple[list[tuple[object, ...]], bool]:
    """The rows ``sql`` gives until SQLite meets damage, and whether it did."""
    rows: list[tuple[object, ...]] = []
    try:
        for row in connection.execute(sql):
            rows.append(tuple(row))
    except sqlite3.DatabaseError:
        return rows, True
    return rows, False

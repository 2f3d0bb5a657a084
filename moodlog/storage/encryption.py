"""Turning a journal encrypted, plain again, or onto a new passphrase: one way for all three.

SQLCipher's ``sqlcipher_export`` writes every table, index and trigger of the journal into a
new file beside it (under a hidden temporary name), encrypted with the new key or plain. The
copy is checked (SQLite's full integrity check, and every table's row count against the
journal's) and only then takes the journal's name, by a rename, which is atomic: a crash at any
moment leaves the old journal or the new one, whole, and never neither.

While it works, the journal is held: its write-ahead log is first folded in and removed
(leaving no log of the old file to be read against the new one), and it is then locked
exclusively until the new file has its name, so no other moodlog writes to the file being
replaced. The old file's bytes are overwritten with zeros before it is let go; docs/privacy.md
says what that does and does not do on an SSD or in a backup.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from moodlog.errors import JournalError
from moodlog.storage import driver
from moodlog.storage.cipher import Key, connect
from moodlog.storage.damage import (
    backups_newest_first,
    backups_with_salt,
    integrity_problems,
    is_copy_of,
    starts_plain,
)
from moodlog.storage.files import (
    SIDE_FILES,
    create_private_file,
    overwrite_with_zeros,
    remove_leftovers,
    sync_folder,
    temporary_beside,
    zero_and_remove,
)
from moodlog.storage.journal import BUSY_TIMEOUT_SECONDS, is_busy, journal_fault


def change_key(path: Path, old: Key | None, new: Key | None) -> None:
    """Rewrite the journal at ``path`` (opened with ``old``; None: plain) so that it opens with
    ``new`` (None: plain), swapping the checked copy in. The journal must be whole and at this
    moodlog's schema (open it with open_journal first). A journal reached through a symbolic
    link is swapped in its own folder, the link left pointing at it."""
    path = path.resolve()
    refuse_other_names(path)
    remove_leftovers(path)
    temporary = temporary_beside(path)
    for leftover in (temporary, *_beside(temporary)):
        leftover.unlink(missing_ok=True)
    try:
        source = connect(path, old, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except driver.ERRORS as error:
        raise journal_fault(path, error, old) from None
    try:
        _hold(source, path)
        create_private_file(temporary, named=path)
        counts = _export(source, path, temporary, new)
        _check_copy(temporary, new, counts, path)
        _swap(temporary, path)
    except driver.ERRORS as error:
        raise journal_fault(path, error, old) from None
    finally:
        source.close()
        for leftover in (temporary, *_beside(temporary)):
            _let_go(leftover, plain=new is None)


def refuse_other_names(path: Path) -> None:
    """Refuse a journal with another name (a hard link): the swap gives the new file this name
    only, and the other one would keep the old bytes, then zeros."""
    try:
        names = os.stat(path).st_nlink
    except OSError:
        return  # no journal: opening it says so
    if names > 1:
        raise JournalError(
            f"the journal {path} has another name too (a hard link), which would keep the old "
            "file, then zeros; remove that name, or make the journal a file of its own (a "
            "copy), and try again; nothing was changed"
        )


def _let_go(leftover: Path, plain: bool) -> None:
    """Remove a temporary file of the swap; one of a plain copy (decrypt interrupted, or its
    copy refused) is overwritten with zeros first."""
    if not plain:
        leftover.unlink(missing_ok=True)
        return
    with contextlib.suppress(FileNotFoundError):
        zero_and_remove(leftover)


def _beside(path: Path) -> tuple[Path, ...]:
    return tuple(path.with_name(path.name + side) for side in SIDE_FILES)


def _hold(source: sqlite3.Connection, path: Path) -> None:
    """Fold the write-ahead log into the journal and remove it (leaving WAL mode needs every
    other connection closed), then keep the journal locked until this connection closes."""
    # The log emptied first (its file cut to nothing), so that what it held of the journal's
    # recent changes is not simply left in a deleted file's blocks at full length.
    source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    held_elsewhere = JournalError(
        f"another program has the journal {path} open (a shell prompt's status line?); "
        "close it and try again; nothing was changed"
    )
    try:
        # Another process holding the journal open makes this fail at once, without waiting.
        mode = source.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except driver.OPERATIONAL_ERRORS as error:
        if is_busy(error):
            raise held_elsewhere from None
        raise
    if str(mode).lower() != "delete":
        raise held_elsewhere
    source.execute("PRAGMA locking_mode = EXCLUSIVE")


def _still_held(source: sqlite3.Connection, path: Path) -> None:
    """Between leaving WAL mode and the exclusive lock, another moodlog (a shell prompt's
    status) may have opened the journal and put it back in WAL mode: its log would then be
    left beside the new file. Refused then, before anything is written."""
    mode = str(source.execute("PRAGMA main.journal_mode").fetchone()[0]).lower()
    if mode != "delete" or os.path.lexists(path.with_name(path.name + "-wal")):
        raise JournalError(
            f"the journal {path} was busy (another program opened it meanwhile); "
            "try again; nothing was changed"
        )


def _export(
    source: sqlite3.Connection, path: Path, temporary: Path, new: Key | None
) -> dict[str, int]:
    """Write the journal into ``temporary`` under the exclusive lock, which a write to the
    journal's header takes and the exclusive locking mode keeps; every table's row count."""
    key_sql = new.sql if new is not None else "''"
    source.execute(f"ATTACH DATABASE ? AS copy KEY {key_sql}", (str(temporary),))
    try:
        source.execute("BEGIN EXCLUSIVE")
        try:
            _still_held(source, path)
            version = int(source.execute("PRAGMA main.user_version").fetchone()[0])
            application = int(source.execute("PRAGMA main.application_id").fetchone()[0])
            source.execute(f"PRAGMA main.user_version = {version}")  # the lock, kept
            source.execute("SELECT sqlcipher_export('copy')")
            source.execute(f"PRAGMA copy.user_version = {version}")
            source.execute(f"PRAGMA copy.application_id = {application}")
            counts = _row_counts(source, "main")
            source.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(*driver.ERRORS):
                source.execute("ROLLBACK")
            raise
    finally:
        source.execute("DETACH DATABASE copy")
    if not counts:
        raise JournalError(f"the journal {path} holds no tables; nothing was changed")
    return counts


def _row_counts(connection: sqlite3.Connection, schema: str) -> dict[str, int]:
    names = [
        str(row[0])
        for row in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    return {
        name: int(connection.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0])
        for name in names
    }


def _check_copy(temporary: Path, new: Key | None, counts: dict[str, int], path: Path) -> None:
    """The copy opens with the new key, passes the full check and holds as many rows in every
    table as the journal; it is then put in WAL mode (written in its header) like every
    journal."""
    copy = connect(temporary, new, isolation_level=None)
    try:
        problems = integrity_problems(copy)
        found = _row_counts(copy, "main")
        if problems or found != counts:
            why = problems[0] if problems else "its tables hold other numbers of rows"
            raise JournalError(
                f"the new copy of the journal did not check out ({why}); {path} was left as it was"
            )
        copy.execute("PRAGMA journal_mode = WAL")
    finally:
        copy.close()
    descriptor = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _swap(temporary: Path, path: Path) -> None:
    """Give the checked copy the journal's name, then overwrite the old file's bytes with zeros
    (a moodlog that waited on the lock then finds no journal in it, rather than writing where no
    one will read)."""
    old = os.open(path, os.O_RDWR)
    try:
        os.replace(temporary, path)
        sync_folder(path.parent)
        overwrite_with_zeros(old)
    finally:
        os.close(old)


def plain_copies(path: Path) -> list[Path]:
    """The plain (unencrypted) copies of the journal moodlog made and can name: the copies in
    ``backups/`` (by `moodlog backup`, or before an upgrade) and the recovered copies beside it,
    beside the journal itself and beside the name it was reached by (a symbolic link)."""
    found = []
    candidates = []
    for name in _names(path):
        candidates += backups_newest_first(name)
        with contextlib.suppress(OSError):
            candidates += sorted(
                copy for copy in name.parent.iterdir() if is_copy_of(name, copy, recovered=True)
            )
    for candidate in _once(candidates):
        if candidate.is_file() and not candidate.is_symlink() and starts_plain(candidate):
            found.append(candidate)
    return found


def copies_with_key(path: Path, key: Key) -> list[Path]:
    """The copies of the journal in ``backups/`` encrypted with ``key`` (its salt at their
    start): after a new passphrase, the ones the old passphrase still opens."""
    copies = _once(copy for name in _names(path) for copy in backups_with_salt(name, key.salt))
    return [copy for copy in copies if not copy.is_symlink()]


def _names(path: Path) -> list[Path]:
    """The journal itself, and ``path`` when it is a symbolic link to it (whose folder holds
    the copies made through the link)."""
    real = path.resolve()
    return [real] if path.absolute() == real else [real, path.absolute()]


def _once(copies: Iterable[Path]) -> list[Path]:
    """Each file once, though two names reach it (a folder through a symbolic link)."""
    seen: set[Path] = set()
    kept = []
    for copy in copies:
        if copy.resolve() not in seen:
            seen.add(copy.resolve())
            kept.append(copy)
    return kept


def remove_for_good(path: Path) -> None:
    """Overwrite the file's bytes with zeros, then remove it (and its side files)."""
    try:
        zero_and_remove(path)
        for side in _beside(path):
            side.unlink(missing_ok=True)
    except OSError as error:
        raise JournalError(f"cannot remove {path}: {error.strerror}") from None

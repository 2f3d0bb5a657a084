"""Noticing damage: SQLite's full integrity check, the day it last found the journal whole, and
the one line that names the damage and the way out.

The full check reads every page of the journal (about 50 ms on a 10-year journal, see
docs/performance.md), so a write runs it only on the first write of a day; `backup`, `import`
and a schema upgrade run it every time, before they write anything.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from moodlog.errors import JournalError
from moodlog.storage import driver

if TYPE_CHECKING:
    from moodlog.storage.cipher import Key

# Every plain SQLite file starts with these bytes; an encrypted one starts with its salt.
SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite prefixes the problems of the main database with this line.
_IN_MAIN = "*** in database main ***"

# Automatic backups: moodlog-backup-2026-12-01.db, then with the time for another of the same
# day (moodlog-backup-2026-12-01-153012.db), and the older form moodlog-backup-20261201-153012.db.
_DATED = r"-(?:(\d{4})-(\d{2})-(\d{2})|(\d{4})(\d{2})(\d{2}))(?:-(\d{6}))?(?:-(\d+))?\.db"
_BACKUP_NAME = re.compile(_DATED + "$")
# What follows the journal's name in its own copies: `moodlog backup`'s, one taken before a
# schema step (before-0004_therapy), or check-journal's recovered copy beside it. A migration's
# name holds no "-", so moodlog-work.db's copies never pass for moodlog.db's.
_OWN_COPY = re.compile(r"-(?:backup|before-\d{4}_[a-z0-9_]+)" + _DATED)
_RECOVERED_COPY = re.compile(r"-recovered" + _DATED)


def integrity_problems(connection: sqlite3.Connection) -> list[str]:
    """What SQLite's full integrity check finds wrong with the journal, one problem a line,
    empty when it is whole. A journal too damaged for the check to run gives SQLite's own
    message."""
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    except driver.DATABASE_ERRORS as error:
        return [str(error)]
    problems: list[str] = []
    for (text,) in rows:
        for line in str(text).splitlines():
            problem = line.strip()
            if problem and problem not in (_IN_MAIN, "ok"):
                problems.append(problem)
    return problems


def today() -> str:
    """The day a check counts for: the local calendar day."""
    return date.today().isoformat()


def last_whole_day(connection: sqlite3.Connection) -> str | None:
    """The day the full check last found the journal whole, if it ever ran."""
    row = connection.execute("SELECT day FROM last_check WHERE id = 1").fetchone()
    return None if row is None else str(row[0])


def remember_whole(connection: sqlite3.Connection, day: str) -> None:
    """Record, in the open write transaction, that the journal was whole on ``day``."""
    connection.execute(
        "INSERT INTO last_check (id, day) VALUES (1, ?) "
        "ON CONFLICT (id) DO UPDATE SET day = excluded.day",
        (day,),
    )


def backup_order(path: Path) -> tuple[str, str, int] | None:
    """The moment an automatic backup's name gives (day, time, counter), for putting backups
    in order; None for a name moodlog did not give."""
    found = _BACKUP_NAME.search(path.name)
    if found is None:
        return None
    parts = found.groups()
    day = "".join(parts[0:3]) if parts[0] else "".join(parts[3:6])
    return day, parts[6] or "", int(parts[7] or 0)


def is_copy_of(journal: Path, copy: Path, recovered: bool = False) -> bool:
    """Whether ``copy`` is named as moodlog names the copies of ``journal`` in ``backups/``
    (moodlog-backup-2026-12-01.db, moodlog-before-0004_therapy-2026-12-01.db), or with
    ``recovered`` check-journal's copy beside it (moodlog-recovered-2026-12-01.db): never the
    copies of another journal whose name starts the same (moodlog-work.db's)."""
    stem = journal.stem
    if not copy.name.startswith(stem):
        return False
    pattern = _RECOVERED_COPY if recovered else _OWN_COPY
    return pattern.fullmatch(copy.name[len(stem) :]) is not None


def backups_newest_first(journal: Path) -> list[Path]:
    """The copies of the journal in the ``backups/`` folder beside it, newest first."""
    folder = journal.parent / "backups"
    try:
        found = [path for path in folder.iterdir() if is_copy_of(journal, path) and path.is_file()]
    except OSError:
        return []
    # Two copies of one day named without a time (a backup and an upgrade's) are told apart
    # by when they were written.
    dated = [
        ((order, path.stat().st_mtime_ns), path)
        for path in found
        if (order := backup_order(path)) is not None
    ]
    return [path for _, path in sorted(dated, reverse=True)]


def _is_whole(copy: Path, key: Key | None) -> bool:
    """Whether the copy at ``copy`` passes the full check, read without a lock or a side file
    (``immutable``), so looking at it never changes it; an encrypted copy is read with ``key``."""
    uri = f"{copy.absolute().as_uri()}?immutable=1"
    try:
        connection = driver.connect(uri, key, uri=True)
    except driver.ERRORS:
        return False
    try:
        return not integrity_problems(connection)
    finally:
        connection.close()


def starts_plain(path: Path) -> bool:
    """Whether the file at ``path`` starts as plain SQLite does (an encrypted one does not)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def is_encrypted(path: Path) -> bool:
    """Whether the file at ``path`` is not plain SQLite but could be an encrypted journal."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError:
        return False
    return not header.startswith(SQLITE_HEADER) and could_be_encrypted(header, size)


def could_be_encrypted(header: bytes, size: int) -> bool:
    """Whole pages of SQLCipher's size (4096 bytes), starting with its salt: anything else that
    is not plain SQLite is no journal, encrypted or not."""
    return len(header) >= 16 and header[:16] != bytes(16) and size >= 4096 and size % 4096 == 0


def _starts_encrypted(path: Path) -> bool:
    """Whether the file at ``path`` has a whole salt where plain SQLite's header would be: a
    file cut short inside that header is a plain journal's."""
    try:
        with path.open("rb") as handle:
            start = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return len(start) == len(SQLITE_HEADER) and start != SQLITE_HEADER


def newest_whole_backup(journal: Path, key: Key | None = None) -> tuple[Path, bool] | None:
    """The newest copy in ``backups/`` that is itself whole: the one to restore, and whether it
    is plain. For an encrypted journal (its ``key`` given) a copy encrypted with that key comes
    first; a plain copy (from before it was encrypted) only when there is none."""
    plain: Path | None = None
    for copy in backups_newest_first(journal):
        with contextlib.suppress(OSError):
            if starts_plain(copy):
                if plain is None and _is_whole(copy, None):
                    if key is None:
                        return copy, True
                    plain = copy
            elif key is not None and _salt(copy) == key.salt and _is_whole(copy, key):
                return copy, False
    return None if plain is None else (plain, True)


def backups_with_salt(journal: Path, salt: bytes) -> list[Path]:
    """The copies in ``backups/`` starting with ``salt``, newest first: an encrypted journal's
    backups are written with its key and salt, so these were made with the key the journal
    has now (a new passphrase brings a new salt), whole or not."""
    found: list[Path] = []
    for copy in backups_newest_first(journal):
        with contextlib.suppress(OSError):
            if _salt(copy) == salt:
                found.append(copy)
    return found


def starts_emptied(path: Path) -> bool:
    """Whether the file at ``path`` starts with as many zero bytes as a salt has: an encrypted
    file's salt is random (all zeros one time in 2^128) and plain SQLite starts with its name,
    so this is a file whose bytes were overwritten with zeros, as encrypt, decrypt and
    passphrase do to the journal's old file when they put the new one in its place."""
    from moodlog.storage.cipher import SALT_BYTES

    try:
        return _salt(path) == bytes(SALT_BYTES)
    except OSError:
        return False


def _salt(path: Path) -> bytes:
    from moodlog.storage.cipher import SALT_BYTES

    with path.open("rb") as handle:
        return handle.read(SALT_BYTES)


def damaged(path: Path, problem: str | None = None, key: Key | None = None) -> JournalError:
    """The one line for a damaged journal: the damage (the check's first problem, or what
    SQLite said) and the way out. An encrypted journal (its ``key`` given, or a file that is
    not plain SQLite) is pointed at a backup encrypted like it."""
    what = f" ({problem})" if problem else ""
    encrypted = key is not None or _starts_encrypted(path)
    found = newest_whole_backup(path, key)
    if found is None:
        restore = "there is no whole backup in its backups/ folder"
    elif encrypted and found[1]:
        restore = (
            f"the newest whole backup is {found[0]} (plain, from before the journal was "
            "encrypted: restoring it leaves the journal plain and without what came later)"
        )
    else:
        restore = f"the newest whole backup is {found[0]}"
    if encrypted:
        return JournalError(
            f"{path} is damaged{what}; moodlog left it untouched and saves nothing to it: "
            f"{restore} (see docs/privacy.md)"
        )
    return JournalError(
        f"{path} is damaged{what}; moodlog left it untouched and saves nothing to it: {restore} "
        "(see docs/privacy.md), and 'moodlog check-journal' copies what can still be read"
    )

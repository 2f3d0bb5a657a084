"""Which SQLite driver a connection comes from: the standard library's sqlite3 for a plain
journal, sqlcipher3 for an encrypted one (storage/cipher.py). The two raise exceptions of
different classes; the storage layer catches both through these tuples (read them as
``driver.ERRORS`` at the moment of catching), which sqlcipher3's classes join once it is
loaded, so that the rest of moodlog only ever sees moodlog's own errors."""

from __future__ import annotations

import sqlite3
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from moodlog.storage.cipher import Key

ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
INTEGRITY_ERRORS: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)
OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError,)


def join(module: ModuleType) -> None:
    """Catch ``module``'s exceptions (a DB-API driver built on SQLite) wherever sqlite3's are."""
    # Module globals on purpose: an except clause reads them when it catches.
    global ERRORS, DATABASE_ERRORS, INTEGRITY_ERRORS, OPERATIONAL_ERRORS  # noqa: PLW0603
    if module.Error in ERRORS:
        return
    ERRORS = (*ERRORS, module.Error)
    DATABASE_ERRORS = (*DATABASE_ERRORS, module.DatabaseError)
    INTEGRITY_ERRORS = (*INTEGRITY_ERRORS, module.IntegrityError)
    OPERATIONAL_ERRORS = (*OPERATIONAL_ERRORS, module.OperationalError)


def connect(target: str | Path, key: Key | None, **options: Any) -> sqlite3.Connection:
    """A connection to ``target``: the standard library's for a plain file (``key`` None),
    SQLCipher's keyed with ``key`` for an encrypted one, sqlcipher3 loaded only then."""
    if key is None:
        connection: sqlite3.Connection = sqlite3.connect(target, **options)
        return connection
    from moodlog.storage.cipher import connect as keyed

    return keyed(target, key, **options)

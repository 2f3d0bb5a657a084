"""The names a journal holds (its medicines, own skills, scales, tags and warning signs), read
for shell completion: the file is opened only if it is there, and only to read, so completing
never creates a journal, changes one, leaves a file beside it or waits on one."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from moodlog.domain.therapy import BUILT_IN_SKILLS
from moodlog.storage.entries import tag_spellings

Reader = Callable[[sqlite3.Connection], list[str]]


def _column(query: str) -> Reader:
    return lambda connection: [str(row[0]) for row in connection.execute(query)]


_READERS: dict[str, Reader] = {
    "medicine": _column("SELECT DISTINCT medicine FROM regimen ORDER BY medicine"),
    "skill": _column("SELECT name FROM skills ORDER BY name"),
    "scale": _column("SELECT name FROM scales ORDER BY name"),
    "tag": tag_spellings,
    "warning sign": _column("SELECT name FROM warning_signs ORDER BY name"),
}


def journal_names(path: Path, kind: str) -> list[str]:
    """The journal's names of ``kind`` (medicine, skill, scale, tag or warning sign), each once
    whatever its case; none when there is no journal at ``path`` or it cannot be read. Skills
    include the built-in catalogue."""
    found: list[str] = [skill.name for skill in BUILT_IN_SKILLS] if kind == "skill" else []
    if path.is_file():
        with contextlib.suppress(sqlite3.Error):
            found += _read(path, _READERS[kind])
    seen: dict[str, str] = {}
    for name in found:
        seen.setdefault(name.casefold(), name)
    return sorted(seen.values(), key=str.casefold)


def _read(path: Path, reader: Reader) -> list[str]:
    # mode=rw never creates the file (it is there: checked above), and query_only refuses any
    # write; not mode=ro, whose connection to a journal in WAL mode leaves its -wal and -shm
    # files behind, as it may not remove them. A short timeout, since a shell waiting on a
    # busy journal would look frozen.
    connection = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, timeout=0.5)
    try:
        connection.execute("PRAGMA query_only = ON")
        return reader(connection)
    finally:
        connection.close()

"""The names a journal holds (its medicines, own skills, scales and tags), read for shell
completion: the file is opened only if it is there, and only to read, so completing never
creates a journal, changes one, leaves a file beside it or waits on one."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from moodlog.domain.therapy import BUILT_IN_SKILLS

_QUERIES = {
    "medicine": "SELECT DISTINCT medicine FROM regimen ORDER BY medicine",
    "skill": "SELECT name FROM skills ORDER BY name",
    "scale": "SELECT name FROM scales ORDER BY name",
    "tag": "SELECT DISTINCT tags FROM entries WHERE tags IS NOT NULL AND tags != ''",
}


def journal_names(path: Path, kind: str) -> list[str]:
    """The journal's names of ``kind`` (medicine, skill, scale or tag), each once whatever its
    case; none when there is no journal at ``path`` or it cannot be read. Skills include the
    built-in catalogue."""
    found: list[str] = [skill.name for skill in BUILT_IN_SKILLS] if kind == "skill" else []
    if path.is_file():
        with contextlib.suppress(sqlite3.Error):
            found += _read(path, _QUERIES[kind])
    if kind == "tag":
        found = [tag for tags in found for tag in tags.split(";") if tag]
    seen: dict[str, str] = {}
    for name in found:
        seen.setdefault(name.casefold(), name)
    return sorted(seen.values(), key=str.casefold)


def _read(path: Path, query: str) -> list[str]:
    # mode=rw never creates the file (it is there: checked above), and query_only refuses any
    # write; not mode=ro, whose connection to a journal in WAL mode leaves its -wal and -shm
    # files behind, as it may not remove them. A short timeout, since a shell waiting on a
    # busy journal would look frozen.
    connection = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, timeout=0.5)
    try:
        connection.execute("PRAGMA query_only = ON")
        return [str(row[0]) for row in connection.execute(query)]
    finally:
        connection.close()

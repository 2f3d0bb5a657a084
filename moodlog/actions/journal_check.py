"""`moodlog check-journal`: SQLite's full integrity check on demand, and a recovered copy of a
damaged journal (docs/privacy.md)."""

from __future__ import annotations

from pathlib import Path

from moodlog.storage.recovery import JournalCheck, check_journal


def check_the_journal(path: Path) -> JournalCheck:
    """Check the journal at ``path`` without changing it; for a damaged one, write what can
    be read into a new journal beside it."""
    return check_journal(path)

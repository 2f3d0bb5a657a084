"""Where the journal lives. Resolved when called, never at import:
``--db``, then ``MOODLOG_DB``, then ``MOODLOG_HOME``, then platformdirs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

JOURNAL_NAME = "moodlog.db"


@dataclass(frozen=True)
class JournalLocation:
    path: Path
    source: str  # which of --db, MOODLOG_DB, MOODLOG_HOME or the platform default chose it

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def backups(self) -> Path:
        return self.folder / "backups"


def locate_journal(db_option: str | None = None) -> JournalLocation:
    if db_option:
        return JournalLocation(Path(db_option).expanduser().absolute(), "--db")
    if os.environ.get("MOODLOG_DB"):
        return JournalLocation(Path(os.environ["MOODLOG_DB"]).expanduser().absolute(), "MOODLOG_DB")
    if os.environ.get("MOODLOG_HOME"):
        home = Path(os.environ["MOODLOG_HOME"]).expanduser().absolute()
        return JournalLocation(home / JOURNAL_NAME, "MOODLOG_HOME")
    import platformdirs

    return JournalLocation(
        platformdirs.user_data_path("moodlog") / JOURNAL_NAME, "the platform's data folder"
    )

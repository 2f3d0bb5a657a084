"""`moodlog backup`: a consistent copy of the journal, safe while another moodlog writes."""

from __future__ import annotations

from pathlib import Path

from moodlog.storage.journal import Journal, backup_path, copy_journal, new_backup
from moodlog.storage.targets import NEW_FILE_OR_FOLDER, out_target


def back_up(journal: Journal, out: str | None, out_label: str = "file") -> Path:
    """Copy the journal through SQLite's backup API into ``out`` or, by default, a timestamped
    file in the ``backups/`` folder beside it. The copy is a journal of its own, mode 0600.
    ``out_label`` is what ``out`` is called in messages. A damaged journal is refused before
    anything is written, so a copy is never of a damaged journal; of its own copies in
    ``backups/``, the newest few are kept. The copy of an encrypted journal is encrypted with
    the same key: it opens with the same passphrase."""
    journal.check_whole()
    if out is None:
        return new_backup(journal.connection, journal.path, "backup", journal.key)
    target, _ = out_target(
        out,
        Path.cwd(),
        journal.path,
        out_label,
        lambda folder: backup_path(journal.path, "backup", folder),
        NEW_FILE_OR_FOLDER,
        replace=False,
    )
    copy_journal(journal.connection, target, journal.key)
    return target

"""`moodlog backup`: a consistent copy of the journal, safe while another moodlog writes."""

from __future__ import annotations

from pathlib import Path

from moodlog.storage.journal import Journal, backup_path, copy_journal, new_backup
from moodlog.storage.targets import NEW_FILE_OR_FOLDER, check_target, names_folder


def back_up(journal: Journal, out: str | None, out_label: str = "file") -> Path:
    """Copy the journal through SQLite's backup API into ``out`` or, by default, a timestamped
    file in the ``backups/`` folder beside it. The copy is a journal of its own, mode 0600.
    ``out_label`` is what ``out`` is called in messages. A damaged journal is refused before
    anything is written, so a copy is never of a damaged journal; of its own copies in
    ``backups/``, the newest few are kept."""
    journal.check_whole()
    if out is None:
        return new_backup(journal.connection, journal.path, "backup")
    target = Path(out).expanduser().absolute()
    check_target(target, journal.path, out_label, out, NEW_FILE_OR_FOLDER, replace=False)
    if names_folder(out, target):
        target = target / backup_path(journal.path, "backup").name
        check_target(target, journal.path, out_label, str(target), NEW_FILE_OR_FOLDER, False)
    copy_journal(journal.connection, target)
    return target

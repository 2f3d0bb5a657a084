"""`moodlog encrypt`, `moodlog decrypt` and `moodlog passphrase`: the journal encrypted with a
passphrase, plain again, or onto a new passphrase (storage/encryption.py does the swap)."""

from __future__ import annotations

from pathlib import Path

from moodlog.errors import JournalError
from moodlog.storage.cipher import Key, load, new_key
from moodlog.storage.encryption import change_key, plain_copies, remove_for_good
from moodlog.storage.journal import open_journal
from moodlog.storage.passphrase import new_passphrase


def _whole_journal(path: Path) -> Key | None:
    """Open the journal (migrated, its passphrase asked if it is encrypted), check it whole, and
    give its key (None: plain)."""
    with open_journal(path, create=False) as journal:
        journal.check_whole()
        return journal.key


def ready_to_encrypt(path: Path) -> None:
    """Refuse, before anything is asked: no encryption extra, no journal, a damaged one, or one
    already encrypted."""
    load()
    if _whole_journal(path) is not None:
        raise JournalError(
            f"the journal {path} is already encrypted; 'moodlog passphrase' changes its passphrase"
        )


def encrypt(path: Path) -> list[Path]:
    """Encrypt the plain journal at ``path`` with a new passphrase; the plain copies of it that
    are left (backups, copies taken before an upgrade, recovered copies)."""
    change_key(path, None, new_key(new_passphrase()))
    return plain_copies(path)


def decrypt(path: Path) -> None:
    """Make the encrypted journal at ``path`` plain again."""
    key = _whole_journal(path)
    if key is None:
        raise JournalError(f"the journal {path} is not encrypted; nothing was changed")
    change_key(path, key, None)


def change_passphrase(path: Path) -> None:
    """Give the encrypted journal at ``path`` a new passphrase (and a new salt)."""
    key = _whole_journal(path)
    if key is None:
        raise JournalError(
            f"the journal {path} is not encrypted; 'moodlog encrypt' encrypts it with a passphrase"
        )
    change_key(path, key, new_key(new_passphrase()))


def remove_copies(copies: list[Path]) -> None:
    for copy in copies:
        remove_for_good(copy)

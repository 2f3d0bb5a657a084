"""`moodlog encrypt`, `moodlog decrypt` and `moodlog passphrase`: the journal encrypted with a
passphrase, plain again, or onto a new passphrase (storage/encryption.py does the swap)."""

from __future__ import annotations

from pathlib import Path

from moodlog.errors import JournalError
from moodlog.storage.cipher import Key, load, new_key
from moodlog.storage.encryption import change_key, plain_copies, remove_for_good
from moodlog.storage.journal import open_journal
from moodlog.storage.passphrase import forget, keyring_wanted, new_passphrase, remember


def _whole_journal(path: Path) -> Key | None:
    """Open the journal (migrated, its passphrase asked if it is encrypted), check it whole, and
    give its key (None: plain)."""
    with open_journal(path, create=False) as journal:
        journal.check_whole()
        return journal.key


def ready_to_encrypt(path: Path, remembering: bool = False) -> None:
    """Refuse, before anything is asked: no encryption extra (nor the keyring package, to
    ``remembering``), no journal, a damaged one, or one already encrypted."""
    load()
    if remembering:
        keyring_wanted()
    if _whole_journal(path) is not None:
        raise JournalError(
            f"the journal {path} is already encrypted; 'moodlog passphrase' changes its passphrase"
        )


def encrypt(path: Path, remembering: bool = False) -> list[Path]:
    """Encrypt the plain journal at ``path`` with a new passphrase (its key then kept in the OS
    keyring when ``remembering``); the plain copies of it that are left (backups, copies taken
    before an upgrade, recovered copies)."""
    key = new_key(new_passphrase())
    change_key(path, None, key)
    if remembering:
        remember(path, key.stored)
    return plain_copies(path)


def decrypt(path: Path) -> None:
    """Make the encrypted journal at ``path`` plain again; a key of it kept in the OS keyring
    is removed."""
    key = _whole_journal(path)
    if key is None:
        raise JournalError(f"the journal {path} is not encrypted; nothing was changed")
    change_key(path, key, None)
    forget(path)


def change_passphrase(path: Path, remembering: bool = False) -> None:
    """Give the encrypted journal at ``path`` a new passphrase (and a new salt). Its new key is
    kept in the OS keyring when ``remembering`` or when the old one was kept there."""
    if remembering:
        keyring_wanted()
    key = _whole_journal(path)
    if key is None:
        raise JournalError(
            f"the journal {path} is not encrypted; 'moodlog encrypt' encrypts it with a passphrase"
        )
    new = new_key(new_passphrase())
    change_key(path, key, new)
    if forget(path) or remembering:
        remember(path, new.stored)


def remove_copies(copies: list[Path]) -> None:
    for copy in copies:
        remove_for_good(copy)

"""`moodlog encrypt`, `moodlog decrypt` and `moodlog passphrase`: the journal encrypted with a
passphrase, plain again, or onto a new passphrase (storage/encryption.py does the swap)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from moodlog.errors import JournalError
from moodlog.storage.cipher import Key, load, new_key
from moodlog.storage.encryption import (
    change_key,
    copies_with_key,
    plain_copies,
    remove_for_good,
)
from moodlog.storage.journal import is_encrypted, open_journal
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
    # Said before its passphrase is asked for, which encrypting would not need.
    if is_encrypted(path) or _whole_journal(path) is not None:
        raise JournalError(
            f"the journal {path} is already encrypted; 'moodlog passphrase' changes its passphrase"
        )


@dataclass(frozen=True)
class Encrypted:
    """What `moodlog encrypt` left: the plain copies of the journal still there (backups,
    copies taken before an upgrade, recovered copies), and why the keyring did not keep the
    key, if it was asked to and did not."""

    plain_copies: list[Path]
    not_kept: str | None = None


def encrypt(path: Path, remembering: bool = False) -> Encrypted:
    """Encrypt the plain journal at ``path`` with a new passphrase, its key then kept in the OS
    keyring when ``remembering``. A keyring failing then is said, not raised: the journal is
    encrypted by then, and its plain copies are still to be offered."""
    key = new_key(new_passphrase())
    change_key(path, None, key)
    not_kept = None
    if remembering:
        try:
            remember(path, key.stored)
        except JournalError as error:
            not_kept = str(error)
    return Encrypted(plain_copies(path), not_kept)


def decrypt(path: Path) -> None:
    """Make the encrypted journal at ``path`` plain again; a key of it kept in the OS keyring
    is removed."""
    key = _whole_journal(path)
    if key is None:
        raise JournalError(f"the journal {path} is not encrypted; nothing was changed")
    change_key(path, key, None)
    forget(path)


def change_passphrase(path: Path, remembering: bool = False) -> list[Path]:
    """Give the encrypted journal at ``path`` a new passphrase (and a new salt). Its new key is
    kept in the OS keyring when ``remembering`` or when the old one was kept there. The older
    copies of it that open without the new passphrase (with the old one, or plain) are
    returned, to be offered for removal."""
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
    return copies_with_key(path, key) + plain_copies(path)


def remove_copies(copies: list[Path]) -> None:
    for copy in copies:
        remove_for_good(copy)

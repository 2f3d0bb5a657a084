"""`moodlog encrypt`, `moodlog decrypt` and `moodlog passphrase`: the journal encrypted with a
passphrase, plain again, or onto a new passphrase (storage/encryption.py does the swap)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from moodlog.errors import JournalError
from moodlog.storage.cipher import Key, load, new_key
from moodlog.storage.damage import is_encrypted
from moodlog.storage.encryption import (
    change_key,
    copies_with_key,
    plain_copies,
    refuse_other_names,
    remove_for_good,
)
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
    ``remembering``), no journal, a damaged one, one already encrypted, or one with another
    name (a hard link)."""
    load()
    if remembering:
        keyring_wanted()
    refuse_other_names(path)
    # Said before its passphrase is asked for, which encrypting would not need.
    if is_encrypted(path) or _whole_journal(path) is not None:
        raise JournalError(
            f"the journal {path} is already encrypted; 'moodlog passphrase' changes its passphrase"
        )


@dataclass(frozen=True)
class KeyChanged:
    """What `moodlog encrypt` or `moodlog passphrase` left: the older copies of the journal
    that open without the new passphrase (plain, or with the old one), and why the keyring did
    not keep the new key, if it was to and did not."""

    copies: list[Path]
    not_kept: str | None = None


def _keep(path: Path, key: Key) -> str | None:
    """Keep the key in the keyring; what went wrong, in a line, rather than an error: the
    journal has its new key by then, and its older copies are still to be offered."""
    try:
        remember(path, key.stored)
    except JournalError as error:
        return str(error)
    return None


def encrypt(path: Path, remembering: bool = False) -> KeyChanged:
    """Encrypt the plain journal at ``path`` with a new passphrase, its key then kept in the OS
    keyring when ``remembering``. A keyring failing then is said, not raised: the journal is
    encrypted by then, and its plain copies are still to be offered."""
    key = new_key(new_passphrase())
    change_key(path, None, key)
    return KeyChanged(plain_copies(path), _keep(path, key) if remembering else None)


def ready_to_decrypt(path: Path) -> None:
    """Refuse, before anything is asked: no journal, a plain or damaged one, no encryption
    extra, or a journal with another name (a hard link)."""
    # A plain journal opens without a passphrase, and says it is not encrypted.
    if not is_encrypted(path) and _whole_journal(path) is None:
        raise JournalError(f"the journal {path} is not encrypted; nothing was changed")
    load()
    refuse_other_names(path)


def decrypt(path: Path) -> bool:
    """Make the encrypted journal at ``path`` plain again; a key of it kept in the OS keyring
    is removed: whether there was one."""
    key = _whole_journal(path)
    if key is None:
        raise JournalError(f"the journal {path} is not encrypted; nothing was changed")
    change_key(path, key, None)
    return forget(path)


def change_passphrase(path: Path, remembering: bool = False) -> KeyChanged:
    """Give the encrypted journal at ``path`` a new passphrase (and a new salt). Its new key is
    kept in the OS keyring when ``remembering`` or when the old one was kept there. The older
    copies of it that open without the new passphrase (with the old one, or plain) are
    returned, to be offered for removal."""
    if remembering:
        keyring_wanted()
    refuse_other_names(path)
    key = _whole_journal(path)
    if key is None:
        raise JournalError(
            f"the journal {path} is not encrypted; 'moodlog encrypt' encrypts it with a passphrase"
        )
    new = new_key(new_passphrase())
    change_key(path, key, new)
    kept_before = forget(path)  # the old key no longer opens it
    not_kept = _keep(path, new) if kept_before or remembering else None
    return KeyChanged(copies_with_key(path, key) + plain_copies(path), not_kept)


def remove_copies(copies: list[Path]) -> None:
    for copy in copies:
        remove_for_good(copy)

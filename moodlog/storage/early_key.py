"""An encrypted journal's key, worked out while Python is still loading the rest of moodlog.

SQLCipher's key derivation (256,000 rounds of PBKDF2-HMAC-SHA512; 0.14-0.24 s on the machine of
docs/performance.md) is most of what an encrypted journal adds to `moodlog add`. OpenSSL lets
go of Python's lock while it derives, so a thread can derive on the second core while the first
loads the command line (about 0.15 s of imports and parsing): the key is then ready, or nearly,
when the command opens the journal. moodlog's entry starts it for the daily commands only, and
only when MOODLOG_PASSPHRASE_COMMAND gives the passphrase: a thread never asks on the terminal.

The key is used only for the journal it was worked out for (the same file, the same salt);
otherwise the command works it out again as it always does. What went wrong in the thread (the
passphrase command failing) is said by the command, once, as if it had run the command itself.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from moodlog.errors import JournalError

if TYPE_CHECKING:
    from moodlog.storage.cipher import Key


@dataclass
class _Early:
    """What the thread found for the journal at ``path``: its salt, and the key or the error."""

    path: Path
    key: Key | None = None
    salt: bytes = b""
    error: JournalError | None = None


_started: tuple[_Early, threading.Thread] | None = None


def start(path: Path) -> None:
    """Start working out the key of the journal at ``path``, if it is encrypted and
    MOODLOG_PASSPHRASE_COMMAND is set; nothing otherwise."""
    global _started  # noqa: PLW0603 (one command, one journal, one key)
    from moodlog.storage.passphrase import passphrase_command_set

    if not passphrase_command_set():
        return
    early = _Early(path)
    thread = threading.Thread(target=_derive, args=(early,), name="moodlog-key", daemon=True)
    thread.start()
    _started = (early, thread)


def _derive(early: _Early) -> None:
    from moodlog.storage.damage import is_encrypted

    if not is_encrypted(early.path):
        return  # no journal yet, plain SQLite, or not a journal at all: nothing to derive
    from moodlog.storage.cipher import derive_key, load, salt_of
    from moodlog.storage.passphrase import current_passphrase

    try:
        salt = salt_of(early.path)
    except JournalError:
        return  # no longer readable: the command says so
    try:
        load()
        early.key = derive_key(current_passphrase(early.path), salt)
    except JournalError as error:
        early.error = error
    except Exception:  # anything else: the command works the key out again, and says it
        return
    early.salt = salt


def early_key(path: Path, salt: bytes) -> Key | None:
    """The key worked out at the start for the journal at ``path`` starting with ``salt``, once
    the thread is done; None when none was started for it. What went wrong there is raised."""
    global _started
    started, _started = _started, None
    if started is None:
        return None
    early, thread = started
    thread.join()
    if early.salt != salt or not _same_file(early.path, path):
        return None
    if early.error is not None:
        raise early.error
    return early.key


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False

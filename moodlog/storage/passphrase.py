"""Getting the passphrase of an encrypted journal, in this order: the command named by
MOODLOG_PASSPHRASE_COMMAND (``pass``, 1Password's CLI, a keyring helper), else the journal's
key kept in the OS keyring (`moodlog encrypt --remember`, when the keyring package is
installed; the derived key is kept, never the passphrase), else a prompt on the terminal;
outside a terminal with none of these, a one-line error, never a wait. `status` in a shell
prompt uses only the kept key. The keyring is asked only for a journal whose key the person
chose to keep there: a note beside the journal says so (a locked keyring would otherwise open
its unlock window at every shell prompt). A new passphrase
(`moodlog encrypt`, `moodlog passphrase`) comes from MOODLOG_NEW_PASSPHRASE_COMMAND, else is
asked twice on the terminal.

The passphrase is never an argument (which `ps` shows) nor in any environment: a command is
run without a shell, with moodlog's own environment, and only the first line of what it prints
is kept. It is handled as bytes and never put in a message.
"""

from __future__ import annotations

import getpass
import os
import shlex
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from moodlog.errors import JournalError

PASSPHRASE_COMMAND = "MOODLOG_PASSPHRASE_COMMAND"
NEW_PASSPHRASE_COMMAND = "MOODLOG_NEW_PASSPHRASE_COMMAND"
KEYRING_SERVICE = "moodlog"  # a journal's key is kept under its path


class PassphraseNeeded(JournalError):
    """An encrypted journal, and no way to ask for its passphrase without waiting."""


def passphrase_command_set() -> bool:
    """Whether MOODLOG_PASSPHRASE_COMMAND names a command: it then comes first, before the
    keyring (not even imported) and the prompt."""
    return bool(os.environ.get(PASSPHRASE_COMMAND))


def current_passphrase(path: Path) -> bytes:
    """The passphrase of the encrypted journal at ``path``: from MOODLOG_PASSPHRASE_COMMAND,
    else typed on the terminal; outside a terminal, :class:`PassphraseNeeded` rather than a
    wait."""
    command = os.environ.get(PASSPHRASE_COMMAND)
    if command:
        return _from_command(command, PASSPHRASE_COMMAND)
    if _in_a_terminal():
        return _prompt(f"Passphrase for {path}: ")
    raise PassphraseNeeded(
        f"{path} is encrypted and no passphrase can be asked for here (not a terminal); set "
        f"{PASSPHRASE_COMMAND} to a command that prints it (see docs/privacy.md)"
    )


def new_passphrase() -> bytes:
    """A new passphrase: from MOODLOG_NEW_PASSPHRASE_COMMAND, else typed twice."""
    command = os.environ.get(NEW_PASSPHRASE_COMMAND)
    if command:
        return _from_command(command, NEW_PASSPHRASE_COMMAND)
    if not _in_a_terminal():
        raise JournalError(
            f"a new passphrase is asked on a terminal, and this is not one; set "
            f"{NEW_PASSPHRASE_COMMAND} to a command that prints it; nothing was changed"
        )
    first = _prompt("New passphrase: ")
    if not first:
        raise JournalError("an empty passphrase protects nothing; nothing was changed")
    if _prompt("The new passphrase again: ") != first:
        raise JournalError("the two passphrases differ; nothing was changed")
    return first


def _in_a_terminal() -> bool:
    """Whether a person at a terminal can be asked: the passphrase is read from the terminal
    itself (getpass opens /dev/tty), so standard input may be a pipe (`echo note | moodlog add
    --note -`) as long as moodlog shows on a terminal; cron and scripts have neither."""
    for stream in (sys.stdin, sys.stderr):
        try:
            if stream.isatty():
                return True
        except (AttributeError, ValueError):
            continue
    return False


def _prompt(text: str) -> bytes:
    try:
        typed = getpass.getpass(text)
    except EOFError:
        raise JournalError("no passphrase was typed; nothing was changed") from None
    return typed.encode("utf-8", "surrogateescape")


def _from_command(command: str, variable: str) -> bytes:
    """The first line the command prints. Its standard input and error stay the terminal's, for
    a tool that asks there itself (gpg's pinentry)."""
    try:
        words = shlex.split(command)
    except ValueError as error:
        raise JournalError(f"{variable} is not a command moodlog can read ({error})") from None
    if not words:
        raise JournalError(f"{variable} is set but empty")
    try:
        done = subprocess.run(words, stdout=subprocess.PIPE, check=False)
    except OSError as error:
        raise JournalError(
            f"{variable} could not run {words[0]}: {error.strerror or error}"
        ) from None
    if done.returncode != 0:
        raise JournalError(
            f"{variable} ({words[0]}) failed with exit status {done.returncode}; no passphrase"
        )
    line = done.stdout.split(b"\n", 1)[0].removesuffix(b"\r")
    if not line:
        raise JournalError(f"{variable} ({words[0]}) printed no passphrase on its first line")
    return line


def _keyring() -> Any:
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def keyring_wanted() -> ModuleType:
    """The keyring package, for `--remember`; a one-line error when it is not installed, or
    when the keyring it would use keeps nothing safely."""
    found = _keyring()
    if found is None:
        raise JournalError(
            "--remember keeps the key in your system's keyring through the keyring package; "
            "install it with pip install keyring; nothing was changed"
        )
    backend = _writing_backend(found.get_keyring())
    if not _safe(backend):
        raise JournalError(
            "--remember needs a keyring that keeps secrets locked (macOS Keychain, Windows "
            "Credential Manager, GNOME Keyring, KWallet); the keyring here "
            f"({type(backend).__module__}.{type(backend).__name__}) would keep the key in a "
            "plain file or not at all; nothing was changed"
        )
    return found  # type: ignore[no-any-return]


def _writing_backend(backend: Any) -> Any:
    """The backend a key is written to: the first of a chain (keyring's ChainerBackend writes
    to its backends in order of priority)."""
    chained = getattr(backend, "backends", None)
    return chained[0] if chained else backend


def _safe(backend: Any) -> bool:
    """A keyring of the system (priority 1 or more), not keyring's stand-ins that keep nothing
    (fail, null) nor keyrings.alt's files (a plain or weakly encrypted file in the home)."""
    module = type(backend).__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")):
        return False
    try:
        return float(backend.priority) >= 1
    except (TypeError, ValueError, RuntimeError):
        return False


def _entry(path: Path) -> str:
    """The name a journal's key is kept under: its real path, the same through a symlink or
    a "..", so the key kept for it is found whichever way the journal is named."""
    return str(path.resolve())


def kept_key_note(path: Path) -> Path:
    """The note beside the journal at ``path`` saying its key is kept in the OS keyring. It
    holds no secret; without it moodlog never asks the keyring about this journal."""
    real = path.resolve()
    return real.with_name(f".{real.name}.key-in-keyring")


def note_key_kept(path: Path) -> None:
    """Write the note that the key of the journal at ``path`` is kept in the keyring (0600)."""
    descriptor = os.open(kept_key_note(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as note:
        note.write(
            f"The key of {path.resolve().name} is kept in this computer's keyring (moodlog "
            "encrypt --remember). Without this note moodlog does not look there.\n"
        )


def remembered(path: Path) -> str | None:
    """What the OS keyring keeps for the journal at ``path``, if the person chose to keep its
    key there (the note beside it) and the keyring package is installed and works here; None
    otherwise, without asking the keyring (nor importing it)."""
    if not kept_key_note(path).exists():
        return None
    found = _keyring()
    if found is None:
        return None
    try:
        kept = found.get_password(KEYRING_SERVICE, _entry(path))
    except found.errors.KeyringError:
        return None
    return None if kept is None else str(kept)


def remember(path: Path, stored: str) -> None:
    """Keep ``stored`` (the journal's derived key) in the OS keyring under the journal's path.
    Called once the journal is encrypted: a keyring that cannot keep it is said as such."""
    why = _not_kept(path, stored)
    if why is not None:
        raise JournalError(
            f"the keyring could not keep the key ({why}); the journal is encrypted all the same, "
            "and its passphrase is asked for"
        )


def _not_kept(path: Path, stored: str) -> str | None:
    """Keep the key and the note saying so; why it could not be, or None."""
    found = _keyring()
    if found is None:
        return "the keyring package is not installed"
    if not _safe(_writing_backend(found.get_keyring())):
        return "this keyring would keep it in a plain file or not at all"
    try:
        found.set_password(KEYRING_SERVICE, _entry(path), stored)
    except found.errors.KeyringError as error:
        return type(error).__name__
    try:
        note_key_kept(path)
    except OSError as error:
        return f"the note saying so could not be written beside the journal: {error.strerror}"
    return None


def forget(path: Path) -> bool:
    """Remove the journal's key from the OS keyring, and the note saying it is kept there;
    True when a key was kept (the note was there, or the keyring had one), even if a locked
    keyring could not give it up: a new key is then to be kept in its place."""
    note = kept_key_note(path)
    noted = note.exists()
    note.unlink(missing_ok=True)
    found = _keyring()
    if found is None:
        return noted
    try:
        if found.get_password(KEYRING_SERVICE, _entry(path)) is None:
            return noted
        found.delete_password(KEYRING_SERVICE, _entry(path))
    except found.errors.KeyringError:
        return noted
    return True

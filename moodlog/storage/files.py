"""Private files and folders: folders 0700, files 0600, whatever the umask; writes are atomic."""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Callable
from pathlib import Path

from moodlog.errors import JournalError
from moodlog.storage.damage import is_copy_of

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def missing_folders(folder: Path) -> list[Path]:
    """The folders of ``folder``'s path that do not exist yet, innermost first; an error when
    the path runs through a file (MOODLOG_HOME pointing at one, say)."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    if current.exists() and not current.is_dir():
        raise JournalError(f"{current} is a file, not a folder; moodlog needs a folder there")
    return missing


def private_folder(folder: Path) -> Path:
    """Create ``folder`` and any missing parents as 0700; folders that exist are left as they
    are (they may be the person's own, such as their home)."""
    for path in reversed(missing_folders(folder)):
        try:
            path.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue
        except OSError as error:
            raise JournalError(f"cannot create folder {path}: {error.strerror}") from None
        os.chmod(path, FOLDER_MODE)  # mkdir's mode is filtered by the umask; chmod is not
    return folder


def create_private_file(path: Path, named: Path | None = None) -> bool:
    """Create an empty 0600 file unless one is there; True when this call created it. A failure
    names ``named`` (the file this one will become), else ``path``."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    except OSError as error:
        raise JournalError(f"cannot create {named or path}: {error.strerror}") from None
    try:
        os.fchmod(descriptor, FILE_MODE)
    finally:
        os.close(descriptor)
    return True


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (where the system allows it)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def temporary_beside(path: Path) -> Path:
    """A name for writing ``path``'s content before it takes its place: hidden, in the same
    folder (so the final rename stays on one file system), and this process's own."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


# A journal is made in milliseconds: a leftover of one being made is this old at most while its
# process lives (even on another machine sharing the folder, whose processes this one cannot
# see), and one older than a day is no journal being made, whatever process has its number now.
LEFTOVER_GRACE_SECONDS = 60.0
LEFTOVER_MAX_AGE_SECONDS = 24 * 3600.0


# SQLite's side files of a temporary copy: its rollback journal, or its log and index in WAL mode.
SIDE_FILES = ("-journal", "-wal", "-shm")


def remove_leftovers(path: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files a moodlog killed while making ``path`` left beside it (see
    :func:`temporary_beside`, and SQLite's side files of one), and those of a copy of it being
    made in ``backups/`` (a killed `moodlog backup`), their bytes overwritten with zeros first
    (one may be the plain copy an interrupted decrypt or backup was writing), and return them.
    A leftover whose process still runs is another moodlog making the file right now, and is
    kept unless it is older than a day."""
    now = time.time() if now is None else now
    removed = _remove_leftovers_in(path.parent, lambda made: made == path.name, now)
    removed += _remove_leftovers_in(
        path.parent / "backups", lambda made: is_copy_of(path, path.with_name(made)), now
    )
    return removed


def _remove_leftovers_in(folder: Path, made_here: Callable[[str], bool], now: float) -> list[Path]:
    """The leftovers in ``folder`` of files whose name ``made_here`` accepts, removed."""
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        bare = name
        for side in SIDE_FILES:
            bare = bare.removesuffix(side)
        made, dot, number = bare.removeprefix(".").removesuffix(".tmp").rpartition(".")
        if (
            not name.startswith(".")
            or not bare.endswith(".tmp")
            or not dot
            or not number.isdigit()
            or not made_here(made)
        ):
            continue
        leftover = folder / name
        try:
            age = now - leftover.lstat().st_mtime
        except OSError:
            continue
        if age < LEFTOVER_GRACE_SECONDS:
            continue
        if age < LEFTOVER_MAX_AGE_SECONDS and _running(int(number)):
            continue
        with contextlib.suppress(OSError):
            zero_and_remove(leftover)
            removed.append(leftover)
    return removed


_ZEROS = bytes(1 << 16)


def overwrite_with_zeros(descriptor: int) -> None:
    """Write zeros over every byte of the open file, and wait until they are on the disk."""
    size = os.fstat(descriptor).st_size
    os.lseek(descriptor, 0, os.SEEK_SET)
    written = 0
    while written < size:
        written += os.write(descriptor, _ZEROS[: min(len(_ZEROS), size - written)])
    os.fsync(descriptor)


def zero_and_remove(path: Path) -> None:
    """Overwrite the file's bytes with zeros, then remove it: a leftover may be a plain copy of
    an encrypted journal (docs/privacy.md says what zeros do and do not reach). A symlink, or
    a file with another name, is only removed."""
    if path.is_symlink():
        path.unlink()
        return
    descriptor = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    try:
        # Bytes another name still holds (a new journal linked into place before its
        # temporary name went) are that file's, not a leftover's.
        if os.fstat(descriptor).st_nlink == 1:
            overwrite_with_zeros(descriptor)
    finally:
        os.close(descriptor)
    path.unlink()


def _running(pid: int) -> bool:
    """Whether a process numbered ``pid`` runs on this machine (this one included)."""
    if pid <= 0 or pid == os.getpid():
        return pid > 0
    try:
        os.kill(pid, 0)  # signal 0 only asks
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it runs, as another user
    return True


def move_into_place(temporary: Path, target: Path) -> None:
    """Give the whole file ``temporary`` the name ``target``, unless a file already has that
    name (FileExistsError): through a hard link where the file system has them, which cannot
    overwrite; else (FAT and exFAT sticks) a rename after a check."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.replace(temporary, target)
    else:
        temporary.unlink()
    sync_folder(target.parent)


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically as a 0600 file: a temporary file in the same folder,
    flushed to disk, then renamed over the target, so a crash leaves the old file or the new one,
    never half of one."""
    private_folder(path.parent)
    temporary = temporary_beside(path)
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            os.fchmod(descriptor, FILE_MODE)
            view = memoryview(data)
            while view:
                written = os.write(descriptor, view)
                view = view[written:]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
        sync_folder(path.parent)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise JournalError(f"cannot write {path}: {error.strerror}") from None

"""Private files and folders: folders 0700, files 0600, whatever the umask; writes are atomic."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from moodlog.errors import JournalError

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(folder: Path) -> Path:
    """Create ``folder`` and any missing parents as 0700; folders that exist are left as they
    are (they may be the person's own, such as their home)."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    if current.exists() and not current.is_dir():
        raise JournalError(f"{current} is a file, not a folder; moodlog needs a folder there")
    for path in reversed(missing):
        try:
            path.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue
        except OSError as error:
            raise JournalError(f"cannot create folder {path}: {error.strerror}") from None
        os.chmod(path, FOLDER_MODE)  # mkdir's mode is filtered by the umask; chmod is not
    return folder


def create_private_file(path: Path) -> bool:
    """Create an empty 0600 file unless one is there; True when this call created it."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    except OSError as error:
        raise JournalError(f"cannot create {path}: {error.strerror}") from None
    try:
        os.fchmod(descriptor, FILE_MODE)
    finally:
        os.close(descriptor)
    return True


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically as a 0600 file: a temporary file in the same folder,
    flushed to disk, then renamed over the target, so a crash leaves the old file or the new one,
    never half of one."""
    private_folder(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
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
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise JournalError(f"cannot write {path}: {error.strerror}") from None

"""Where a command may write a file the person named (``--out``): a new file, an ordinary file
it replaces, or a folder to put one in. Never the journal (however the path reaches it: a
symlink, ``..``, a hard link), its -wal or -shm file, a file in its backups folder or any other
moodlog journal (a backup kept elsewhere), nor a device, a pipe or a socket, which a rename
would replace by an ordinary file. docs/data-location.md says it for the person."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from moodlog.errors import InvalidValue
from moodlog.storage.damage import SQLITE_HEADER
from moodlog.storage.journal import APPLICATION_ID

FILE_OR_FOLDER = "a new file, an ordinary file that is not the journal's, or a folder"
NEW_FILE_OR_FOLDER = "a new file, or a folder"

# SQLite's side files: the write-ahead log, its index, and the rollback journal.
SIDE_FILES = ("-wal", "-shm", "-journal")
BACKUPS_FOLDER = "backups"

_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def check_target(
    target: Path,
    journal: Path,
    label: str,
    typed: str,
    allowed: str = FILE_OR_FOLDER,
    replace: bool = True,
) -> None:
    """Refuse ``target`` (an absolute path, ``typed`` as the person typed it for ``label``) when
    it is not a file moodlog may write: one line naming it and ``allowed``. Without ``replace``
    (a backup), an existing file is refused too."""
    why = _not_ours(target, journal, replace)
    if why is not None:
        raise InvalidValue(f"{label} {typed} is {why}; allowed: {allowed}")


def out_target(
    typed: str,
    cwd: Path,
    journal: Path,
    label: str,
    in_folder: Callable[[Path], Path],
    allowed: str = FILE_OR_FOLDER,
    replace: bool = True,
) -> tuple[Path, bool]:
    """The file ``--out`` (``typed``, relative to ``cwd``) names, and whether it named a folder
    (:func:`names_folder`), in which case the file is ``in_folder(folder)``: the command's usual
    name there. Both the path typed and the file are checked (:func:`check_target`)."""
    target = Path(typed).expanduser()
    if not target.is_absolute():
        target = cwd / target
    check_target(target, journal, label, typed, allowed, replace)
    if not names_folder(typed, target):
        return target, False
    inside = in_folder(target)
    check_target(inside, journal, label, str(inside), allowed, replace)
    return inside, True


def names_folder(typed: str, target: Path) -> bool:
    """Whether ``--out`` as typed names a folder to put the command's usual file in: a path
    ending in a separator (``reports/``), made 0700 with any missing parents when the file is
    written, or a folder that exists. Refused when it ends in a separator but is a file."""
    separators = tuple(sep for sep in (os.sep, os.altsep) if sep)
    if typed.endswith(separators):
        found = _status(target)
        if found is not None and not stat.S_ISDIR(found.st_mode):
            raise InvalidValue(
                f"{typed} ends in {typed[-1]}, which names a folder, but {target} is a file; "
                "give the file's name without it, or another folder"
            )
        return True
    return target.is_dir()


def _status(path: Path) -> os.stat_result | None:
    """The file ``path`` leads to, through symlinks; None when there is none (or it cannot be
    looked at, which the write itself will then report)."""
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def _same(first: Path, second: Path) -> bool:
    """The same file: the same place once symlinks and ``..`` are followed, or (a hard link)
    the same file on disk."""
    if first.resolve() == second.resolve():
        return True
    one, other = _status(first), _status(second)
    return one is not None and other is not None and os.path.samestat(one, other)


def _not_ours(target: Path, journal: Path, replace: bool) -> str | None:
    """Why moodlog must not write ``target``, or None when it may."""
    if _same(target, journal):
        return f"the journal itself ({journal})"
    for side in SIDE_FILES:
        for named in (journal, journal.resolve()):
            if _same(target, named.with_name(named.name + side)):
                return f"the journal's {side} file"
    found = _status(target)
    if found is None or stat.S_ISDIR(found.st_mode):
        return None
    for is_kind, kind in _KINDS:
        if is_kind(found.st_mode):
            return f"{kind}, not a regular file or a folder"
    if not stat.S_ISREG(found.st_mode):
        return "not a regular file or a folder"
    if not replace:
        return "a file that already exists; moodlog will not overwrite it"
    if target.resolve().parent == journal.resolve().parent / BACKUPS_FOLDER:
        return "a file in the journal's backups folder"
    if _is_moodlog_journal(target):
        return "a moodlog journal (a backup or a copy); moodlog never writes over one"
    return None


def _is_moodlog_journal(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    # The application id sits at bytes 68 to 71 of SQLite's header.
    return header.startswith(SQLITE_HEADER) and header[68:72] == APPLICATION_ID.to_bytes(4, "big")

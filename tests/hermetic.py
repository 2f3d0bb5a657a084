"""No test can touch the person's own folders, and the run proves it.

Three layers, from the outside in:

- At session start every place a program looks for a user's files (``HOME``, the ``XDG_*``
  folders, ``MOODLOG_HOME``, matplotlib's ``MPLCONFIGDIR``) points into one session folder, so
  even code that runs outside a test (collection, module fixtures) never sees the real ones.
  matplotlib keeps that one config folder for the whole run: its font cache is built once.
- Each test then gets folders of its own (``journal_home``), set and restored on
  ``os.environ`` directly, not through the test's ``monkeypatch``: a test that calls
  ``monkeypatch.undo()`` or sets and unsets variables itself cannot strip them.
- A guard records the real user's folders before the run and compares them after: a file that
  appeared there, or one that changed or went in moodlog's or matplotlib's own folders, fails
  the run, naming the files.

conftest.py brings these hooks and the fixture in; a test of the guard loads this module by
itself as a plugin (``-p tests.hermetic``).
"""

from __future__ import annotations

import getpass
import os
import shlex
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

XDG_FOLDERS = {
    "XDG_DATA_HOME": ".local/share",
    "XDG_CONFIG_HOME": ".config",
    "XDG_STATE_HOME": ".local/state",
    "XDG_CACHE_HOME": ".cache",
}
# The same for every test: Agg draws without a display; a fixed width and no colour keep the
# output the tests read the same on any terminal.
# No test reaches the person's own keyring (a Mac's Keychain, the desktop's Secret Service):
# keyring's null backend keeps nothing; a test of `--remember` chooses its own.
STEADY = {
    "MPLBACKEND": "Agg",
    "COLUMNS": "80",
    "NO_COLOR": "1",
    "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
}
# The passphrase of every journal a test encrypts (the sample lines of `moodlog encrypt`,
# `passphrase` and `decrypt` among the others): printed by a command reading a file of the
# session's, as a person's password manager would, since a test has no terminal to type it in.
# (Not `python -c print(...)`: a child's arguments are what `ps` shows.)
SAMPLE_PASSPHRASE = "sample passphrase"
PASSPHRASE_FILE = "sample-passphrase.txt"


def _sample_passphrase_commands(session: Path) -> dict[str, str]:
    """The two passphrase commands, reading the sample passphrase from a file in ``session``."""
    secret = session / PASSPHRASE_FILE
    secret.write_text(SAMPLE_PASSPHRASE + "\n", encoding="utf-8")
    prints_it = shlex.join(["cat", str(secret)])
    return {"MOODLOG_PASSPHRASE_COMMAND": prints_it, "MOODLOG_NEW_PASSPHRASE_COMMAND": prints_it}


# A home folder bigger than this is not walked whole: only the folders moodlog and matplotlib
# would write to, and the top level.
WHOLE_WALK_LIMIT = 20_000
GUARD_MESSAGE = "the tests wrote into the real user's folders"

# (size, modification time in ns) of a file; None for a folder or anything else.
Signature = tuple[int, int] | None


def user_folders(home: Path) -> dict[str, str]:
    """HOME and the XDG folders for a user whose home is ``home`` (not created)."""
    return {"HOME": str(home)} | {name: str(home / below) for name, below in XDG_FOLDERS.items()}


def point_at(folders: dict[str, str], moodlog_home: Path) -> None:
    """Every user folder, and the journal, somewhere the run owns."""
    os.environ.update(folders)
    os.environ.update(STEADY)
    os.environ["MOODLOG_HOME"] = str(moodlog_home)
    os.environ.pop("MOODLOG_DB", None)


def restore(saved: dict[str, str]) -> None:
    os.environ.clear()
    os.environ.update(saved)


# --- The guard ---------------------------------------------------------------------------------


def _walk(root: Path, limit: int | None) -> dict[str, Signature] | None:
    """Every entry under ``root`` (symlinks not followed), or None once there are more than
    ``limit``."""
    found: dict[str, Signature] = {}
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            found[entry.path] = _signature(entry.path)
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            if limit is not None and len(found) > limit:
                return None
    return found


def _signature(path: str) -> Signature:
    try:
        status = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISDIR(status.st_mode):
        return None
    return (status.st_size, status.st_mtime_ns)


def _top_level(root: Path) -> dict[str, Signature]:
    try:
        return {entry.path: _signature(entry.path) for entry in os.scandir(root)}
    except OSError:
        return {}


@dataclass(frozen=True)
class RealFolders:
    """The real user's folders as they were when the run started, and what they held."""

    home: Path
    xdg: dict[str, Path]
    skipped: tuple[Path, ...]  # folders the run itself writes to (the checkout, temp)
    recorded: dict[str, Signature]

    @classmethod
    def record(cls, environ: dict[str, str], skipped: tuple[Path, ...]) -> RealFolders:
        home = Path(environ.get("HOME") or os.path.expanduser("~")).resolve()
        xdg = {name: Path(environ[name]).resolve() for name in XDG_FOLDERS if environ.get(name)}
        folders = cls(home, xdg, skipped, {})
        return cls(home, xdg, skipped, folders.snapshot())

    def _targets(self) -> list[Path]:
        """Where moodlog and matplotlib write by default, for the real user."""
        data = self.xdg.get("XDG_DATA_HOME", self.home / ".local/share")
        config = self.xdg.get("XDG_CONFIG_HOME", self.home / ".config")
        state = self.xdg.get("XDG_STATE_HOME", self.home / ".local/state")
        cache = self.xdg.get("XDG_CACHE_HOME", self.home / ".cache")
        places = [data / "moodlog", config / "moodlog", state / "moodlog", cache / "moodlog"]
        places += [config / "matplotlib", cache / "matplotlib", self.home / ".matplotlib"]
        # macOS and Windows folders of the same, as platformdirs names them.
        places += [self.home / "Library/Application Support/moodlog"]
        places += [self.home / "Library/Caches/moodlog", self.home / "Library/Caches/matplotlib"]
        places += [self.home / "AppData/Local/moodlog", self.home / "AppData/Roaming/moodlog"]
        return places

    def snapshot(self) -> dict[str, Signature]:
        found: dict[str, Signature] = {}
        for root in [self.home, *self.xdg.values()]:
            whole = _walk(root, WHOLE_WALK_LIMIT)
            found.update(whole if whole is not None else _top_level(root))
        for place in self._targets():
            if place.is_dir() and not place.is_symlink():
                found[str(place)] = None
                found.update(_walk(place, None) or {})
        return {
            path: signature
            for path, signature in found.items()
            if not any(Path(path).is_relative_to(skip) for skip in self.skipped)
        }

    def _owned(self, path: str) -> bool:
        """Whether ``path`` lies in a folder moodlog or matplotlib would write to."""
        return any(Path(path).is_relative_to(place) for place in self._targets())

    def changes(self) -> list[str]:
        """What appeared since the run started, anywhere watched; and what changed or went in
        the folders moodlog and matplotlib write to. Other programs go on changing their own
        files while the tests run (a shell's history, an editor's state): a test could create
        a file, but has no business with those."""
        now = self.snapshot()
        appeared = sorted(now.keys() - self.recorded.keys())
        changed = sorted(
            p
            for p in now.keys() & self.recorded.keys()
            if now[p] != self.recorded[p] and self._owned(p)
        )
        gone = sorted(p for p in self.recorded.keys() - now.keys() if self._owned(p))
        return (
            [f"appeared: {path}" for path in appeared]
            + [f"changed: {path}" for path in changed]
            + [f"gone: {path}" for path in gone]
        )


# --- Hooks and the per-test fixture ------------------------------------------------------------

_real_folders = pytest.StashKey[RealFolders]()
_saved_environ = pytest.StashKey[dict[str, str]]()
_session_folder = pytest.StashKey[Path]()


def _pytest_temp_folders(config: pytest.Config) -> list[Path]:
    """Where pytest keeps the tests' temporary folders (``tmp_path``), for when the system's
    temp folder lies inside HOME."""
    chosen = config.getoption("basetemp", None)
    if chosen:
        return [Path(chosen).resolve()]
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no user name to be had: pytest then uses "unknown"
        user = "unknown"
    return [(Path(tempfile.gettempdir()) / f"pytest-of-{user}").resolve()]


def pytest_configure(config: pytest.Config) -> None:
    saved = dict(os.environ)
    session = Path(tempfile.mkdtemp(prefix="moodlog-tests-")).resolve()
    # The run writes its own cache and bytecode in the checkout, and the tests' temporary
    # folders where pytest keeps them: neither is the person's, even inside HOME.
    skipped = (config.rootpath.resolve(), *_pytest_temp_folders(config), session)
    config.stash[_real_folders] = RealFolders.record(saved, skipped)
    config.stash[_saved_environ] = saved
    config.stash[_session_folder] = session
    STEADY.update(_sample_passphrase_commands(session))
    point_at(user_folders(session / "home"), session / "moodlog-home")
    os.environ["MPLCONFIGDIR"] = str(session / "matplotlib")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    real = session.config.stash.get(_real_folders, None)
    if real is None:
        return
    changes = real.changes()
    if not changes:
        return
    lines = [f"{GUARD_MESSAGE} ({real.home}):", *(f"  {change}" for change in changes)]
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("=", GUARD_MESSAGE, red=True, bold=True)
        for line in lines:
            reporter.write_line(line, red=True)
    else:
        print("\n".join(lines), file=sys.stderr)
    if session.exitstatus == pytest.ExitCode.OK:  # a worse outcome keeps its own code
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    saved = config.stash.get(_saved_environ, None)
    if saved is not None:
        restore(saved)
    session = config.stash.get(_session_folder, None)
    if session is not None:
        shutil.rmtree(session, ignore_errors=True)


@pytest.fixture(autouse=True)
def journal_home(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A home, XDG folders and a MOODLOG_HOME (``moodlog-home`` in the test's folder, not
    created) of the test's own. The environment as it was comes back afterwards, whatever the
    test did to it."""
    saved = dict(os.environ)
    journal_folder = tmp_path / "moodlog-home"
    point_at(user_folders(tmp_path_factory.mktemp("user-home")), journal_folder)
    try:
        yield journal_folder
    finally:
        restore(saved)

"""`kill -9` at any moment of `moodlog encrypt`, `passphrase` or `decrypt` leaves one whole
journal that opens with the old passphrase or the new one (plain counting as one), never
neither, with every row."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2

from moodlog.storage.cipher import derive_key, new_key
from moodlog.storage.damage import SQLITE_HEADER
from moodlog.storage.encryption import change_key
from moodlog.storage.files import LEFTOVER_GRACE_SECONDS, remove_leftovers
from moodlog.storage.journal import open_journal
from tests.conftest import short_and_slow

ENTRIES = 1500
OLD = "the old passphrase"
NEW = "the new passphrase"


def _template(folder: Path, passphrase: str | None) -> Path:
    path = folder / "moodlog.db"
    open_journal(path).close()
    connection = sqlite3.connect(path)
    connection.executemany(
        "INSERT INTO entries (day, time, recorded_at, mood, note) VALUES (?, ?, ?, ?, ?)",
        [
            ("2020-01-01", "21:00", "2020-01-01T21:00:00+00:00", 5, f"note {n} " * 30)
            for n in range(ENTRIES)
        ],
    )
    connection.commit()
    connection.close()
    if passphrase is not None:
        change_key(path, None, new_key(passphrase.encode()))
    return path


def _entries(path: Path, passphrase: str | None) -> int | None:
    """How many entries the journal holds when opened with ``passphrase`` (None: plain); None
    when it does not open with it."""
    plain = path.read_bytes()[:16] == SQLITE_HEADER
    if plain != (passphrase is None):
        return None
    if passphrase is None:
        connection = sqlite3.connect(path)
    else:
        connection = dbapi2.connect(str(path))
        key = derive_key(passphrase.encode(), path.read_bytes()[:16])
        connection.execute(f"PRAGMA key = {key.sql}")
    try:
        return int(connection.execute("SELECT count(*) FROM entries").fetchone()[0])
    except (sqlite3.DatabaseError, dbapi2.DatabaseError):
        return None
    finally:
        connection.close()


def _passphrase_commands(folder: Path, old: str | None, new: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for variable, text in (
        ("MOODLOG_PASSPHRASE_COMMAND", old),
        ("MOODLOG_NEW_PASSPHRASE_COMMAND", new),
    ):
        if text is None:
            continue
        secret = folder / f"{variable}.txt"
        secret.write_text(text + "\n")
        env[variable] = f"cat {secret}"
    return env


@short_and_slow("moments", (4,), (20,))
@pytest.mark.parametrize(
    ("command", "old", "new"),
    [("encrypt", None, NEW), ("passphrase", OLD, NEW), ("decrypt", OLD, None)],
)
def test_kill_9_at_any_moment_leaves_a_journal_opening_with_the_old_or_the_new_passphrase(
    tmp_path: Path, command: str, old: str | None, new: str | None, moments: int
) -> None:
    template = _template(tmp_path / "template", old)
    env = _passphrase_commands(tmp_path, old, new)
    line = [sys.executable, "-m", "moodlog", "--db"]
    words = [command] if command == "passphrase" else [command, "--yes"]

    whole = tmp_path / "whole"
    whole.mkdir()
    shutil.copy(template, whole / "moodlog.db")
    lasted, copying = _timed(line, whole / "moodlog.db", words, env)
    assert _entries(whole / "moodlog.db", new) == ENTRIES
    # Half the moments over the whole run, half over its end, from the moment the new copy
    # appears beside the journal: most of a run is the start of Python and the key's derivation.
    early = moments // 2
    times = [lasted * (k + 0.5) / early for k in range(early)]
    late = moments - early
    times += [copying + (lasted - copying) * (k + 0.5) / late for k in range(late)]

    for moment, after in enumerate(times):
        folder = tmp_path / f"killed-{moment}"
        folder.mkdir()
        journal = folder / "moodlog.db"
        shutil.copy(template, journal)
        process = subprocess.Popen(
            [*line, str(journal), *words],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(after)
        process.kill()
        process.wait()
        counts = (_entries(journal, old), _entries(journal, new))
        assert ENTRIES in counts, (moment, counts, sorted(os.listdir(folder)))
        if not journal.read_bytes().startswith(SQLITE_HEADER):
            # The journal is encrypted: what the next moodlog does once the leftovers are a
            # minute old (a decrypt's plain copy among them) leaves no note readable.
            remove_leftovers(journal, now=time.time() + LEFTOVER_GRACE_SECONDS + 1)
            for leftover in folder.iterdir():
                assert b"note 1" not in leftover.read_bytes(), (moment, leftover.name)


def _timed(
    line: list[str], journal: Path, words: list[str], env: dict[str, str]
) -> tuple[float, float]:
    """How long a whole run lasts, and when its new copy first appears beside the journal."""
    started = time.monotonic()
    process = subprocess.Popen(
        [*line, str(journal), *words], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    copying: float | None = None
    while process.poll() is None:
        if copying is None and any(name.endswith(".tmp") for name in os.listdir(journal.parent)):
            copying = time.monotonic() - started
        time.sleep(0.001)
    lasted = time.monotonic() - started
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    return lasted, lasted * 0.8 if copying is None else copying


def test_a_plain_copy_left_by_a_killed_decrypt_is_overwritten_with_zeros_then_removed(
    tmp_path: Path,
) -> None:
    journal = _template(tmp_path, OLD)
    leftover = tmp_path / ".moodlog.db.4194303.tmp"  # no process has this number for long
    names = [leftover.name, leftover.name + "-wal", leftover.name + "-shm"]
    held = []
    for name in names:
        (tmp_path / name).write_bytes(SQLITE_HEADER + b"note 1 " * 100)
        held.append((tmp_path / name).open("rb"))  # its bytes, still read after the removal

    removed = remove_leftovers(journal, now=time.time() + LEFTOVER_GRACE_SECONDS + 1)

    assert sorted(path.name for path in removed) == sorted(names)
    for handle in held:
        with handle:
            assert handle.read() == bytes(len(SQLITE_HEADER) + 7 * 100)


def test_a_decrypt_interrupted_before_its_swap_zeroes_its_plain_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moodlog.storage import encryption

    journal = _template(tmp_path, OLD)
    salt = journal.read_bytes()[:16]
    held = []
    checked = encryption._check_copy

    def interrupted(temporary: Path, *rest: object) -> None:
        checked(temporary, *rest)  # type: ignore[arg-type]
        held.append(temporary.open("rb"))
        raise KeyboardInterrupt

    monkeypatch.setattr(encryption, "_check_copy", interrupted)
    with pytest.raises(KeyboardInterrupt):
        change_key(journal, derive_key(OLD.encode(), salt), None)

    assert _entries(journal, OLD) == ENTRIES
    (handle,) = held
    with handle:
        copy = handle.read()
    assert len(copy) > 0
    assert copy == bytes(len(copy))
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_a_journal_put_back_in_wal_mode_before_the_lock_is_refused_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program opening the journal between the swap leaving WAL mode and taking its
    lock puts the journal back in WAL mode: the swap stops, and the journal is as it was."""
    from moodlog.errors import JournalError
    from moodlog.storage import encryption

    journal = _template(tmp_path, None)
    held = encryption._hold

    def opened_meanwhile(source: sqlite3.Connection, path: Path) -> None:
        held(source, path)
        other = sqlite3.connect(path)
        other.execute("PRAGMA journal_mode = WAL")
        other.close()

    monkeypatch.setattr(encryption, "_hold", opened_meanwhile)
    with pytest.raises(JournalError, match=r"was busy .*nothing was changed"):
        change_key(journal, None, new_key(NEW.encode()))

    assert _entries(journal, None) == ENTRIES
    assert sorted(path.name for path in tmp_path.iterdir()) == ["moodlog.db"]


def test_a_command_that_waited_while_the_journal_was_replaced_says_so_rather_than_damaged(
    tmp_path: Path,
) -> None:
    """A moodlog that opened the journal and waited while `encrypt` swapped it would read the
    old file, zeroed: it says the journal was replaced, to run it again."""
    from moodlog.errors import JournalError

    journal = _template(tmp_path, None)
    waiting = open_journal(journal)
    try:
        change_key(journal, None, new_key(NEW.encode()))
        with (
            pytest.raises(JournalError) as raised,
            waiting.transaction(write=False) as connection,
        ):
            connection.execute("SELECT count(*) FROM entries").fetchone()
    finally:
        waiting.close()
    assert str(raised.value) == (
        f"the journal {journal} was replaced (encrypted, made plain or given a new passphrase) "
        "while this command waited for it; nothing was saved; run the command again"
    )
    assert _entries(journal, NEW) == ENTRIES


def test_a_plain_copy_left_by_a_killed_backup_is_overwritten_with_zeros_then_removed(
    tmp_path: Path,
) -> None:
    """A `moodlog backup` killed while copying a plain journal leaves its temporary copy in
    backups/: removed, zeros first, once a minute old; another journal's is left alone."""
    journal = _template(tmp_path, None)
    backups = tmp_path / "backups"
    backups.mkdir()
    mine = ".moodlog-backup-2026-12-02.db.4194303.tmp"  # no process has this number for long
    names = [mine, mine + "-journal", ".moodlog-before-0004_therapy-2026-12-02.db.4194303.tmp"]
    others = [".moodlog-work-backup-2026-12-02.db.4194303.tmp", ".notes.db.4194303.tmp"]
    held = []
    for name in names + others:
        (backups / name).write_bytes(SQLITE_HEADER + b"note 1 " * 100)
    for name in names:
        held.append((backups / name).open("rb"))  # its bytes, still read after the removal

    assert remove_leftovers(journal, now=time.time()) == []  # another moodlog may be copying
    removed = remove_leftovers(journal, now=time.time() + LEFTOVER_GRACE_SECONDS + 1)

    assert sorted(path.name for path in removed) == sorted(names)
    assert sorted(path.name for path in backups.iterdir()) == sorted(others)
    for handle in held:
        with handle:
            assert handle.read() == bytes(len(SQLITE_HEADER) + 7 * 100)

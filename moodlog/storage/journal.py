"""Opening the journal: refusing files that are not journals, migrating old ones after a backup,
and one transaction per command.

A file is only ever written to once it is known to be a moodlog journal this version can read:
a file of another program, a damaged one, or one from a newer moodlog is reported and left
byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import glob
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from moodlog.errors import JournalError
from moodlog.storage import driver
from moodlog.storage.damage import (
    SQLITE_HEADER,
    backup_order,
    backups_with_salt,
    could_be_encrypted,
    damaged,
    integrity_problems,
    last_whole_day,
    remember_whole,
    starts_emptied,
    today,
)
from moodlog.storage.files import (
    FILE_MODE,
    create_private_file,
    missing_folders,
    move_into_place,
    private_folder,
    remove_leftovers,
    temporary_beside,
)
from moodlog.storage.migrations import MIGRATION_NAMES, MIGRATIONS, Migration
from moodlog.storage.undo import end_change, start_change, start_forgetting, stop_triggers

if TYPE_CHECKING:
    from moodlog.storage.cipher import Key

# 'MOOD' in ASCII, written in the SQLite header so other tools (and moodlog) can tell a journal.
APPLICATION_ID = 0x4D4F4F44
BUSY_TIMEOUT_SECONDS = 30.0
FORGET_TIMEOUT_MS = 2000  # how long emptying the log after a delete waits for readers
# Beside the journal while old versions of deleted or changed rows may still be in it, because
# another program was reading when they were deleted: the next write tries again. It holds
# nothing; kept outside the journal so that no table (nor an export of it) carries it.
FORGET_PENDING_SUFFIX = "-forget"
BACKUPS_KEPT = 5  # `moodlog backup` keeps this many of its own copies in backups/


class Journal:
    """An open journal. Every command's reads and writes go through :meth:`transaction`."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        key: Key | None = None,
        opened: FileIdentity | None = None,
    ) -> None:
        self.connection = connection
        self.path = path
        # Which file the connection opened: `moodlog encrypt`, `decrypt` or `passphrase` may
        # put another in its place (and zero this one) while this command waits for the lock.
        self.opened = opened
        # The raw key of an encrypted journal (storage/cipher.py), None for a plain one: its
        # backups and copies are opened with it.
        self.key = key
        # True once a delete or a change in this command could not make SQLite forget the old
        # versions, another program reading at that moment.
        self.old_text_lingers = False
        self._forget_pending = path.with_name(path.name + FORGET_PENDING_SUFFIX)
        self.checked = False  # the full check found it whole during this command
        self.day_recorded = False  # the day of that check is in the journal
        # The command's words when its writes are a change `moodlog undo` can take back
        # (docs/corrections.md); None for a deletion, whose writes instead take the rows it
        # deletes out of the undo history.
        self.recording: str | None = None
        # The command only adds records (`moodlog add`): its change notes added rows only,
        # which keeps the daily command's cost of the history to a minimum.
        self.only_adds = False
        self.taking_back = False  # `moodlog undo` at work: its writes are neither
        self.now: Callable[[], datetime] = lambda: datetime.now().astimezone()
        self._change: int | None = None

    def check_whole(self) -> None:
        """Run SQLite's full integrity check on one snapshot of the journal; a damaged journal
        is refused with the line that names the damage."""
        with self.transaction(write=False) as connection:
            problems = integrity_problems(connection)
        if problems:
            raise self._damaged(problems[0])
        self.checked = True

    def _damaged(self, problem: str) -> JournalError:
        return replaced_meanwhile(self.path, self.opened) or damaged(self.path, problem, self.key)

    def _check_on_first_write_of_the_day(self, connection: sqlite3.Connection) -> None:
        """In a write transaction: the first write of a day runs the full check before it
        changes anything, so damage is noticed within a day rather than after months of
        writes to it. Refused, the transaction is rolled back and the file stays as it was."""
        if self.day_recorded:
            return
        day = today()
        if last_whole_day(connection) != day:
            if not self.checked:
                problems = integrity_problems(connection)
                if problems:
                    raise self._damaged(problems[0])
                self.checked = True
            remember_whole(connection, day)
        self.day_recorded = True

    @contextlib.contextmanager
    def transaction(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing unit of work. A writing one starts with ``BEGIN IMMEDIATE``, which
        takes the write lock up front, so two moodlog processes queue on the busy timeout
        instead of failing halfway; a reading one sees one consistent snapshot."""
        connection = self.connection
        _run(connection, "BEGIN IMMEDIATE" if write else "BEGIN", self.path)
        history_let_go = False
        try:
            if write:
                self._check_on_first_write_of_the_day(connection)
                self._start_undo_history(connection)
            yield connection
            if write:
                history_let_go = self._end_undo_history(connection)
        except driver.ERRORS as error:
            _roll_back(connection)
            raise journal_fault(self.path, error, self.key, self.opened) from None
        except BaseException:
            _roll_back(connection)
            raise
        try:
            _run(connection, "COMMIT", self.path)
        except BaseException:
            _roll_back(connection)
            raise
        if history_let_go:
            self.forget_old_versions()
        elif write and self._forget_pending.exists():
            # A delete earlier could not finish forgetting; without waiting on a reader that
            # is still there, this write finishes it when it can.
            self._forget(wait_ms=0)

    def _start_undo_history(self, connection: sqlite3.Connection) -> None:
        if self.taking_back:
            return
        if self.recording is None:
            start_forgetting(connection)
            return
        self._change = start_change(
            connection, self.recording, self.now(), self._change, self.only_adds
        )

    def _end_undo_history(self, connection: sqlite3.Connection) -> bool:
        """Close this transaction's part of the undo history; True when it let go of values an
        edit replaced, whose old copies the file should then forget."""
        if self.recording is None or self._change is None:
            stop_triggers(connection)
            return False
        return end_change(connection, self._change, self.now())

    def forget_old_versions(self) -> bool:
        """Copy the write-ahead log into the journal and empty it. secure_delete overwrites a
        deleted or changed row in the journal's pages, but until the log is copied in, the
        journal's pages (and the log's older copies of them) still hold the row as it was, and
        SQLite does that only when the last connection closes; with another program open (a
        shell prompt's status line), that may be much later. Called after a delete or an edit,
        outside any transaction. Returns False, and sets :attr:`old_text_lingers`, when another
        program was reading at that moment: the old text then stays in the file until that
        reader is done, and the next write of any moodlog command after it forgets it."""
        forgotten = self._forget(wait_ms=FORGET_TIMEOUT_MS)
        self.old_text_lingers = not forgotten
        return forgotten

    def _forget(self, wait_ms: int) -> bool:
        connection = self.connection
        connection.execute(f"PRAGMA busy_timeout = {wait_ms}")
        try:
            busy = int(connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0])
        except driver.ERRORS:
            busy = 1
        finally:
            connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        # Losing the note of a pending forget (a read-only folder) only means waiting for the
        # last connection to close, as before; it never stops the command.
        with contextlib.suppress(OSError, JournalError):
            if busy:
                create_private_file(self._forget_pending)
            else:
                self._forget_pending.unlink(missing_ok=True)
        return busy == 0

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _roll_back(connection: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already (it does after some faults, such as
    a full disk)."""
    if connection.in_transaction:
        with contextlib.suppress(*driver.ERRORS):
            connection.execute("ROLLBACK")


def _run(connection: sqlite3.Connection, sql: str, path: Path) -> None:
    try:
        connection.execute(sql)
    except driver.ERRORS as error:
        raise journal_fault(path, error) from None


# Another connection holds the lock (the file's, or a table's).
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _primary_code(error: Exception) -> int | None:
    """SQLite's primary result code for ``error`` (SQLITE_BUSY for SQLITE_BUSY_SNAPSHOT, and so
    on), or None for an error the sqlite3 module raised itself (a closed connection, say)."""
    code: int | None = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_busy(error: Exception) -> bool:
    """Whether SQLite said another connection holds the lock ``error`` was raised for."""
    return _primary_code(error) in _BUSY


# A file as the system tells it from any other: its device and inode numbers.
FileIdentity = tuple[int, int]


def file_identity(path: Path) -> FileIdentity | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def replaced_meanwhile(path: Path, opened: FileIdentity | None) -> JournalError | None:
    """The line for a journal whose file was swapped for another (encrypted, made plain, or
    given a new passphrase) after this command opened it: what it reads then is the old file,
    zeroed, which would look damaged. None when it is the file that was opened."""
    if opened is None or file_identity(path) in (opened, None):
        return None
    return JournalError(
        f"the journal {path} was replaced (encrypted, made plain or given a new passphrase) "
        "while this command waited for it; nothing was saved; run the command again"
    )


def journal_fault(
    path: Path, error: Exception, key: Key | None = None, opened: FileIdentity | None = None
) -> JournalError:
    """One clear line for what SQLite reported about the journal at ``path`` (encrypted with
    ``key``, if it is; opened as the file ``opened``), told apart by SQLite's result code
    rather than by the words of its message."""
    text = str(error)
    code = _primary_code(error)
    if code in _BUSY:
        return JournalError(
            f"the journal {path} stayed busy for {BUSY_TIMEOUT_SECONDS:g} s (another program "
            "holds it); try again"
        )
    if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_READONLY_DIRECTORY:
        return JournalError(
            f"the folder {path.parent} is read-only; moodlog writes its -wal and -shm files "
            "beside the journal, even to read it. Make the folder writable, or move the "
            "journal to one that is"
        )
    if code == sqlite3.SQLITE_READONLY:
        return JournalError(
            f"the journal {path} is read-only (its permissions, or a read-only disk); moodlog "
            "cannot save to it; nothing was saved"
        )
    if code == sqlite3.SQLITE_FULL:
        return JournalError(
            f"the disk holding {path} is full; nothing was saved. Free some space and try again"
        )
    if code == sqlite3.SQLITE_IOERR:
        return JournalError(
            f"could not write or read the journal {path} ({text}: the disk may be full, "
            "removed or failing); nothing was saved"
        )
    if code == sqlite3.SQLITE_CANTOPEN:
        return JournalError(
            f"cannot open the journal {path}; check that you may read and write the folder "
            f"{path.parent}"
        )
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return replaced_meanwhile(path, opened) or damaged(path, text, key)
    if isinstance(error, driver.INTEGRITY_ERRORS):
        return JournalError(f"the journal {path} refused the change ({text}); nothing was saved")
    return JournalError(f"the journal {path} cannot be used: {text}")


class NoJournalYet(JournalError):
    """A command that only reads found no journal at its place; nothing was created."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"no journal yet at {path}; start one with moodlog add (or try a sample one with "
            "moodlog demo)"
        )
        self.path = path


def emptied(path: Path) -> JournalError:
    """The line for a file of zeros where the journal should be: most likely the old file of a
    journal that encrypt, decrypt or passphrase replaced (they overwrite it with zeros), still
    reached by another name (a link) or a program that kept it open."""
    return JournalError(
        f"{path} is emptied (its bytes are zeros), not a moodlog journal: probably the old file "
        "of a journal that moodlog encrypt, decrypt or passphrase replaced with a new one; "
        "moodlog left it untouched. Point --db or MOODLOG_DB at your journal"
    )


def _not_a_journal(path: Path, why: str) -> JournalError:
    return JournalError(
        f"{path} is not a moodlog journal ({why}); moodlog left it untouched. "
        "Point --db or MOODLOG_DB at your journal"
    )


def open_journal(
    path: Path, adopt_empty: bool = False, create: bool = True, ask: bool = True
) -> Journal:
    """Open (creating if need be) the journal at ``path``, migrated to this version's schema.
    An empty file there, or an SQLite database with no tables and no moodlog mark, is refused
    unless ``adopt_empty`` (`moodlog init --adopt-empty`): it then becomes the journal, made
    0600. Temporary files a killed moodlog left beside it are removed first. Without
    ``create`` (a command that only reads), no journal there is :class:`NoJournalYet`, and
    neither a file nor a folder is made. An encrypted journal is opened with its passphrase
    (storage/passphrase.py; without ``ask``, never by a prompt)."""
    if path.is_dir():
        raise _not_a_journal(path, "it is a folder")
    if not create and not os.path.lexists(path):
        missing_folders(path.parent)  # a path through a file is a mistake to say, not "no journal"
        raise NoJournalYet(path)
    private_folder(path.parent)
    remove_leftovers(path)
    _start_journal(path)
    _check_file(path, adopt_empty)
    key: Key | None = None
    if _check_header(path):
        key = encrypted_key(path, ask)
    opened = file_identity(path)
    try:
        connection = driver.connect(
            path, key, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
    except driver.ERRORS as error:
        raise journal_fault(path, error, key, opened) from None
    try:
        _set_connection_pragmas(connection)
        applied = _identify(connection, path, adopt_empty)
        if adopt_empty and not applied:
            _make_private(path)
        pending = [m for m in MIGRATIONS if m.name not in applied]
        if pending and applied:
            # A damaged journal is neither copied nor upgraded; the copy is of the file
            # exactly as the older moodlog left it (encrypted with the same key, if it is).
            problems = integrity_problems(connection)
            if problems:
                raise replaced_meanwhile(path, opened) or damaged(path, problems[0], key)
            backup_before_migrating(connection, path, pending[0], key)
        if not applied:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _use_wal(connection, path)
        for migration in pending:
            _apply(connection, path, migration)
    except driver.ERRORS as error:
        connection.close()
        raise journal_fault(path, error, key, opened) from None
    except BaseException:
        connection.close()
        raise
    return Journal(connection, path, key, opened)


def encrypted_key(path: Path, ask: bool = True) -> Key:
    """The key of the encrypted journal at ``path``: from its passphrase, or as the OS keyring
    keeps it (`moodlog encrypt --remember`: no derivation then). A passphrase that does not
    open it is said in one line, and the file is not touched; a kept key that no longer opens
    it (the passphrase changed elsewhere) is passed over. Without ``ask`` (`status` in a shell
    prompt) only a kept key is tried: no command is run and no key derived, which would cost
    every prompt the derivation, or a password manager's window; else PassphraseNeeded.

    SQLCipher answers a wrong key and a damaged first page alike. A key known to be the
    journal's tells them apart: one the keyring keeps for this very file (its salt), or one
    that opens a backup written with the journal's key (the backup starts with the same salt)."""
    from moodlog.storage.cipher import Key, WrongPassphrase, derive_key, load, opens, salt_of
    from moodlog.storage.early_key import early_key
    from moodlog.storage.passphrase import (
        PassphraseNeeded,
        current_passphrase,
        passphrase_command_set,
        remembered,
    )

    load()  # before asking: without the extra, say how to install it
    salt = salt_of(path)
    key: Key | None = None
    try:
        if not ask or not passphrase_command_set():
            kept = remembered(path)
            key = None if kept is None else Key.from_stored(kept)
            if key is not None and key.salt == salt:
                if opens(path, key):
                    return key
                # This key opened this very file before (its salt is the file's).
                return _reread_or_damaged(path, key)
        if not ask:
            raise PassphraseNeeded(f"{path} is encrypted and its key is not kept on this machine")
        key = early_key(path, salt) or derive_key(current_passphrase(path), salt)
        if opens(path, key):
            return key
        same_key = backups_with_salt(path, salt)
        if not same_key:
            raise WrongPassphrase(path, path.parent / "backups")
        if not any(_opens_copy(copy, key) for copy in same_key):
            raise WrongPassphrase(path)
        return _reread_or_damaged(path, key)
    except driver.ERRORS as error:
        # Past the first page, which only the right key decrypts: damage, read with this key.
        raise journal_fault(path, error, key) from None


def _reread_or_damaged(path: Path, key: Key) -> Key:
    """For the journal's own ``key``, which did not open its first page: that page is damaged,
    unless the read met it halfway through another moodlog's write; read once more under the
    journal's lock to tell (the key, when it then opens)."""
    from moodlog.storage.cipher import opens_when_locked

    if opens_when_locked(path, key, BUSY_TIMEOUT_SECONDS):
        return key
    raise damaged(path, "its first page fails its check", key)


def _opens_copy(copy: Path, key: Key) -> bool:
    """Whether ``key`` opens the backup at ``copy`` (a backup too damaged to read: no)."""
    from moodlog.storage.cipher import opens

    try:
        return opens(copy, key)
    except driver.ERRORS:
        return False


def blank_journal(path: Path) -> Journal:
    """A journal with no records, in memory, standing for the one not made yet at ``path``:
    what a command reads whose answer needs no records (the settings and their defaults, the
    built-in skills, nothing to undo), so that it answers without creating anything."""
    missing_folders(path.parent)  # a path through a file is a mistake to say, not "no journal"
    connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        _set_connection_pragmas(connection)
        for migration in MIGRATIONS:
            _apply(connection, path, migration)
    except BaseException:
        connection.close()
        raise
    return Journal(connection, path)


def _start_journal(path: Path) -> None:
    """A new journal takes its place whole: made under a temporary name and marked as moodlog's,
    then linked to its name, which never overwrites. So an empty file where the journal should
    be is never one moodlog is starting (it is refused), and of two moodlog processes starting
    the same journal at once, the second opens the first one's."""
    if os.path.lexists(path):
        return
    temporary = temporary_beside(path)
    leftovers = (temporary, temporary.with_name(temporary.name + "-journal"))
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    try:
        create_private_file(temporary, named=path)
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        finally:
            connection.close()
        with contextlib.suppress(FileExistsError):
            move_into_place(temporary, path)
    except sqlite3.Error as error:
        raise journal_fault(path, error) from None
    except OSError as error:
        raise JournalError(f"cannot create {path}: {error.strerror}") from None
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)


def _check_file(path: Path, adopt_empty: bool) -> None:
    """Refuse what is where the journal should be but is not a file moodlog may make its
    journal: a device, a pipe, a socket, or an empty file (unless asked to adopt it, which
    makes it private)."""
    try:
        found = os.stat(path)
    except OSError as error:
        raise JournalError(f"cannot read {path}: {error.strerror}") from None
    if not stat.S_ISREG(found.st_mode):
        raise _not_a_journal(path, "it is not a regular file")
    if not found.st_size and not adopt_empty:
        raise _empty(path, "an empty file")


def _empty(path: Path, what: str) -> JournalError:
    return JournalError(
        f"{path} is {what}, not a moodlog journal; moodlog left it untouched. Point --db or "
        "MOODLOG_DB at your journal, or start a new journal in this file with "
        "'moodlog init --adopt-empty'"
    )


def _make_private(path: Path) -> None:
    """An adopted file becomes the journal: readable and writable by the person only."""
    try:
        os.chmod(path, FILE_MODE)
    except OSError as error:
        raise JournalError(f"cannot make {path} private: {error.strerror}") from None


def _check_header(path: Path) -> bool:
    """Refuse, before SQLite opens it, a file that is not an SQLite database, or one cut short:
    a database is always whole pages long, and SQLite would read the missing end of the last
    page as zeros. (A file that has a write-ahead log or a rollback journal beside it is left to
    SQLite, which completes or undoes an interrupted write from them.) True for a file that
    could be an encrypted journal: not plain SQLite, its header encrypted too."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError as error:
        raise JournalError(f"cannot read {path}: {error.strerror}") from None
    if not header:
        return False  # an empty file adopted as a new journal
    if not header.startswith(SQLITE_HEADER):
        if SQLITE_HEADER.startswith(header):
            raise damaged(path, "cut short inside its header")
        if starts_emptied(path):
            raise emptied(path)
        if could_be_encrypted(header, size):
            return True
        raise _not_a_journal(path, "it is not an SQLite database")
    if len(header) < 100:
        raise damaged(path, "cut short inside its header")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    recovering = any(path.with_name(path.name + side).exists() for side in ("-wal", "-journal"))
    if not recovering and page_size < 512:
        raise damaged(path, f"its header gives a page size of {page_size} bytes")
    if not recovering and size % page_size:
        raise damaged(path, f"cut short: {size} bytes is not a whole number of pages")
    return False


def _set_connection_pragmas(connection: sqlite3.Connection) -> None:
    # secure_delete: deleted notes are overwritten, not left readable in free pages.
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")


def _identify(connection: sqlite3.Connection, path: Path, adopt_empty: bool) -> set[str]:
    """The migrations this journal has, after checking it is a journal this moodlog can read.
    A journal carries moodlog's application id from its first write (every version set it
    before anything else), and its ``schema_migrations`` table from its first step; an
    SQLite file with neither (empty, or made by another program) is adopted only when asked
    (``adopt_empty``)."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if application_id not in (0, APPLICATION_ID):
        raise _not_a_journal(path, "it is an SQLite database of another program")
    if not tables:
        if application_id == APPLICATION_ID or adopt_empty:
            return set()  # a journal whose first step was cut short, or one asked for
        raise _empty(path, "an SQLite database with no tables and no moodlog mark")
    if "schema_migrations" not in tables:
        raise _not_a_journal(path, "it is an SQLite database of another program")
    applied = {row[0] for row in connection.execute("SELECT name FROM schema_migrations")}
    unknown = sorted(applied - set(MIGRATION_NAMES))
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if unknown or version > len(MIGRATIONS):
        raise JournalError(
            f"{path} was written by a newer moodlog (schema step "
            f"{unknown[-1] if unknown else version}); this moodlog knows steps up to "
            f"{MIGRATION_NAMES[-1]}. Upgrade moodlog to open it; the file was left untouched"
        )
    return applied


def _use_wal(connection: sqlite3.Connection, path: Path) -> None:
    """Write-ahead logging lets a reader and a writer work at once. The mode is kept in the
    file, so this only writes the first time; two processes creating a journal at the same
    moment can race for it, hence the retry."""
    for attempt in range(50):
        try:
            mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal":
                connection.execute("PRAGMA journal_mode = WAL")
            return
        except driver.OPERATIONAL_ERRORS as error:
            if _primary_code(error) not in _BUSY or attempt == 49:
                raise journal_fault(path, error) from None
            time.sleep(0.05)


def _statements(sql: str) -> Iterator[str]:
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def _apply(connection: sqlite3.Connection, path: Path, migration: Migration) -> None:
    """Apply one migration and its record in one transaction (unless another process already
    did while this one waited for the lock). A migration that rebuilds a table runs with
    references unchecked (the pragma only takes effect outside a transaction) and checks them
    all before it commits."""
    if migration.rebuilds_tables:
        connection.execute("PRAGMA foreign_keys = OFF")
    try:
        _apply_in_transaction(connection, path, migration)
    finally:
        if migration.rebuilds_tables:
            connection.execute("PRAGMA foreign_keys = ON")


def _apply_in_transaction(connection: sqlite3.Connection, path: Path, migration: Migration) -> None:
    _run(connection, "BEGIN IMMEDIATE", path)
    try:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = connection.execute(
            "SELECT 1 FROM schema_migrations WHERE name = ?", (migration.name,)
        ).fetchone()
        if not done:
            for statement in _statements(migration.sql):
                connection.execute(statement)
            broken = (
                migration.rebuilds_tables
                and connection.execute("PRAGMA foreign_key_check").fetchall()
            )
            if broken:
                raise sqlite3.IntegrityError(
                    f"schema step {migration.name} left {len(broken)} broken references"
                )
            connection.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (migration.name, datetime.now().astimezone().isoformat(timespec="seconds")),
            )
            count = connection.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
            connection.execute(f"PRAGMA user_version = {int(count)}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def backup_path(path: Path, label: str, folder: Path | None = None) -> Path:
    """A free name in ``folder`` (default ``backups/`` beside the journal): named by the day
    (moodlog-backup-2026-12-01.db), with the time for another copy of the same day
    (moodlog-backup-2026-12-01-153012.db), and a counter for another of the same second."""
    now = datetime.now()
    folder = folder or path.parent / "backups"
    candidate = folder / f"{path.stem}-{label}-{now:%Y-%m-%d}.db"
    # Once the day has a copy, every later one carries the time, even after the first is
    # removed, so the names keep the order the copies were made in.
    counter = 2 if any(folder.glob(f"{glob.escape(path.stem)}-{label}-{now:%Y-%m-%d}-*.db")) else 1
    if counter == 2:
        candidate = folder / f"{path.stem}-{label}-{now:%Y-%m-%d-%H%M%S}.db"
    while candidate.exists():
        counter += 1
        suffix = "" if counter == 2 else f"-{counter - 1}"
        candidate = folder / f"{path.stem}-{label}-{now:%Y-%m-%d-%H%M%S}{suffix}.db"
    return candidate


def forget_old_backups(path: Path, label: str, keep: int = BACKUPS_KEPT) -> None:
    """Remove all but the newest ``keep`` of the copies named ``label`` in ``backups/``
    (called once a new one, taken from a journal the full check found whole, is in place, so
    the last good copy is never the one removed). Copies of other names, before a schema
    upgrade or made by a person, are kept."""
    folder = path.parent / "backups"
    prefix = f"{path.stem}-{label}-"
    try:
        mine = [
            (order, copy)
            for copy in folder.iterdir()
            if copy.name.startswith(prefix)
            and copy.is_file()
            and not copy.is_symlink()
            and (order := backup_order(copy)) is not None
            and copy.name[len(prefix) :][:1].isdigit()
        ]
    except OSError:
        return
    for _, copy in sorted(mine, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            copy.unlink()


def backup_before_migrating(
    connection: sqlite3.Connection, path: Path, first: Migration, key: Key | None = None
) -> Path:
    """A consistent copy of the journal as it was, taken before its first pending migration
    (encrypted with ``key``, the journal's own, when it is encrypted)."""
    try:
        return new_backup(connection, path, f"before-{first.name}", key)
    except JournalError as error:
        raise JournalError(
            f"{error}; moodlog upgrades a journal only after copying it, so {path} was left "
            "as it was"
        ) from None


def new_backup(
    connection: sqlite3.Connection, path: Path, label: str, key: Key | None = None
) -> Path:
    """Copy the journal into ``backups/`` beside it, named after ``label`` and the time. Two
    moodlog processes copying in the same second (both upgrading the journal, say) each get a
    name of their own. The copy of an encrypted journal is encrypted with its ``key``."""
    target = backup_path(path, label)
    private_folder(target.parent)
    with _whole_copy(connection, target, key) as temporary:
        for _ in range(100):
            try:
                move_into_place(temporary, target)
                break
            except FileExistsError:
                target = backup_path(path, label)
        else:
            raise JournalError(f"could not find a free name for a copy in {target.parent}")
    target.chmod(FILE_MODE)
    if label == "backup":
        forget_old_backups(path, label)
    return target


def copy_journal(connection: sqlite3.Connection, target: Path, key: Key | None = None) -> None:
    """Copy the journal into the new file ``target``; an existing file is never overwritten.
    The copy of an encrypted journal is encrypted with its ``key``."""
    private_folder(target.parent)
    if target.exists():
        raise JournalError(f"{target} already exists; moodlog will not overwrite it")
    with _whole_copy(connection, target, key) as temporary:
        try:
            move_into_place(temporary, target)
        except FileExistsError:
            raise JournalError(f"{target} already exists; moodlog will not overwrite it") from None
    target.chmod(FILE_MODE)


@contextlib.contextmanager
def _whole_copy(connection: sqlite3.Connection, target: Path, key: Key | None) -> Iterator[Path]:
    """A 0600 copy of the journal through SQLite's backup API (consistent even while others
    write), made under a temporary name beside ``target``: the block gives it its name once it
    is whole, so a copy cut short (a full disk, a crash) is never where a backup should be.
    Whatever is left under the temporary name is removed."""
    temporary = temporary_beside(target)
    leftovers = (temporary, temporary.with_name(temporary.name + "-journal"))
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    create_private_file(temporary)
    try:
        destination = driver.connect(temporary, key)
        try:
            connection.backup(destination)
        finally:
            destination.close()
        yield temporary
    except driver.ERRORS as error:
        full = _primary_code(error) == sqlite3.SQLITE_FULL
        why = "the disk is full" if full else str(error)
        raise JournalError(f"could not copy the journal to {target} ({why})") from None
    except OSError as error:
        raise JournalError(f"could not copy the journal to {target} ({error.strerror})") from None
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)

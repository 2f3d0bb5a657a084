"""Encrypted journals: SQLCipher 4, through the optional sqlcipher3 package
(``pip install 'moodlog[encryption]'``), loaded only when a journal is encrypted or a command
asks for encryption, so a plain journal's commands never pay for it.

An encrypted journal is an SQLCipher database with SQLCipher's defaults: its first 16 bytes are
a random salt, every page is encrypted and authenticated. The key is derived here exactly as
SQLCipher derives it from a passphrase (PBKDF2-HMAC-SHA512, 256,000 rounds, the file's salt)
and handed to SQLCipher raw, in hex: whatever characters the passphrase holds (quotes,
non-ASCII), none of them ever goes into SQL, and the file still opens with the passphrase in
any SQLCipher tool. The raw key also lets a backup or a copy open with the same key without
paying the derivation again. See docs/privacy.md.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from moodlog.errors import JournalError
from moodlog.storage import driver

INSTALL = "pip install 'moodlog[encryption]'"
# SQLCipher 4's defaults, kept as they are: never fewer rounds for speed.
KDF_ROUNDS = 256_000
SALT_BYTES = 16
KEY_BYTES = 32
# SQLCipher answers a page whose authentication fails (a wrong key) with this code.
SQLITE_NOTADB = 26
SQLCIPHER_MAJOR = "4."


class NoEncryption(JournalError):
    """The encryption extra is not installed."""


class WrongPassphrase(JournalError):
    """The passphrase given does not open the journal."""

    def __init__(self, path: Path, backups: Path | None = None) -> None:
        # SQLCipher cannot tell a wrong key from a damaged first page: both fail its check. A
        # backup written with the journal's key tells them apart (journal.encrypted_key); with
        # ``backups`` (the folder) there was none, and the line says both, naming no backup of
        # another key, which an older passphrase opens and which lacks everything since.
        unsure = (
            ""
            if backups is None
            else ". If you are sure of the passphrase, the start of the file may be damaged: no "
            f"backup in {backups} was made with its present passphrase to tell the two apart"
        )
        super().__init__(
            f"the passphrase does not open this journal ({path}); it was left untouched{unsure}"
        )


class Key:
    """A raw SQLCipher key with its salt, as the hex literal SQLCipher takes. Its text never
    appears in a repr, a message or a traceback's values."""

    __slots__ = ("_literal", "salt")

    def __init__(self, key: bytes, salt: bytes) -> None:
        self._literal = f"x'{key.hex()}{salt.hex()}'"
        self.salt = salt

    @property
    def stored(self) -> str:
        """The key as kept in the OS keyring (`moodlog encrypt --remember`)."""
        return self._literal

    @classmethod
    def from_stored(cls, text: str) -> Key | None:
        """The key kept as ``text`` in the keyring; None for text that is no such key."""
        digits = text.removeprefix("x'").removesuffix("'")
        if len(digits) != 2 * (KEY_BYTES + SALT_BYTES) or text != f"x'{digits}'":
            return None
        try:
            raw = bytes.fromhex(digits)
        except ValueError:
            return None
        return cls(raw[:KEY_BYTES], raw[KEY_BYTES:])

    @property
    def sql(self) -> str:
        """The key as SQL text: hex digits only, so it needs no escaping."""
        return f'"{self._literal}"'

    def __repr__(self) -> str:
        return "Key(hidden)"


def load() -> ModuleType:
    """The sqlcipher3 driver, its exceptions then caught wherever sqlite3's are; a one-line
    error saying how to install it when it is not there."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise NoEncryption(
            f"encrypted journals need moodlog's encryption extra; install it with {INSTALL}"
        ) from None
    driver.join(dbapi2)
    # The key derivation here, and the file format, are SQLCipher 4's: another major version
    # is refused rather than trusted to read and write journals alike.
    version = sqlcipher_version(dbapi2)
    if not version.startswith(SQLCIPHER_MAJOR):
        raise NoEncryption(
            f"encrypted journals need SQLCipher 4, and the sqlcipher3 installed has "
            f"{version or 'no SQLCipher'}; install the one moodlog names with {INSTALL}"
        )
    return cast(ModuleType, dbapi2)


@functools.cache
def sqlcipher_version(dbapi2: Any) -> str:
    """The SQLCipher version the driver was built with ("4.19.0 community")."""
    probe = dbapi2.connect(":memory:")
    try:
        row = probe.execute("PRAGMA cipher_version").fetchone()
    finally:
        probe.close()
    return "" if row is None else str(row[0])


def derive_key(passphrase: bytes, salt: bytes) -> Key:
    """The key SQLCipher would derive from ``passphrase`` for a file starting with ``salt``:
    by SQLCipher's own PBKDF2 where its library lends it, else by Python's (the same key)."""
    derive = _sqlcipher_pbkdf2()
    key = derive(passphrase, salt) if derive is not None else None
    if key is None:
        key = hashlib.pbkdf2_hmac("sha512", passphrase, salt, KDF_ROUNDS, KEY_BYTES)
    return Key(key, salt)


Derive = Callable[[bytes, bytes], bytes | None]


@functools.cache
def _sqlcipher_pbkdf2() -> Derive | None:
    """PBKDF2-HMAC-SHA512 of the OpenSSL inside the sqlcipher3 library, the very function
    SQLCipher derives its keys with. The wheel's OpenSSL is newer than the one behind Python's
    hashlib and takes well under half the time for SQLCipher's 256,000 rounds (0.14 s against
    0.32 s on the machine of docs/performance.md), which every command on an encrypted journal
    pays. None where the library does not export it: hashlib then gives the same key."""
    try:
        from sqlcipher3 import _sqlite3

        library = ctypes.CDLL(_sqlite3.__file__)
        sha512 = library.EVP_sha512
        pbkdf2 = library.PKCS5_PBKDF2_HMAC
    except (ImportError, OSError, AttributeError):
        return None
    sha512.argtypes = []
    sha512.restype = ctypes.c_void_p
    pbkdf2.argtypes = [
        ctypes.c_char_p,  # the passphrase, and its length: any byte, NUL included
        ctypes.c_int,
        ctypes.c_char_p,  # the salt, and its length
        ctypes.c_int,
        ctypes.c_int,  # rounds
        ctypes.c_void_p,  # the digest, SHA-512
        ctypes.c_int,  # the key's length
        ctypes.c_char_p,  # where the key is written
    ]
    pbkdf2.restype = ctypes.c_int

    def derive(passphrase: bytes, salt: bytes, rounds: int = KDF_ROUNDS) -> bytes | None:
        digest = sha512()
        if not digest:
            return None
        key = ctypes.create_string_buffer(KEY_BYTES)
        done = pbkdf2(passphrase, len(passphrase), salt, len(salt), rounds, digest, KEY_BYTES, key)
        raw = key.raw
        ctypes.memset(key, 0, KEY_BYTES)
        return raw if done == 1 else None

    # A key that differed from the standard one would encrypt a journal that SQLCipher elsewhere
    # could not open with the passphrase: the library must first give hashlib's answer.
    probe = (b"moodlog", bytes(SALT_BYTES), 2)
    if derive(*probe) != hashlib.pbkdf2_hmac("sha512", *probe, KEY_BYTES):
        return None
    return derive


def new_key(passphrase: bytes) -> Key:
    """A key for a new encrypted file, with a fresh random salt."""
    return derive_key(passphrase, os.urandom(SALT_BYTES))


def salt_of(path: Path) -> bytes:
    """The salt an encrypted file starts with."""
    try:
        with path.open("rb") as handle:
            return handle.read(SALT_BYTES)
    except OSError as error:
        raise JournalError(f"cannot read {path}: {error.strerror}") from None


def connect(target: str | Path, key: Key | None, **options: Any) -> sqlite3.Connection:
    """An SQLCipher connection to ``target``, keyed with ``key`` (None: a plain file, read and
    written through SQLCipher). SQLCipher's own log is silenced first: its lines would reach the
    terminal."""
    dbapi2 = load()
    connection = dbapi2.connect(str(target), **options)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            connection.execute(f"PRAGMA key = {key.sql}")
    except BaseException:
        connection.close()
        raise
    return cast(sqlite3.Connection, connection)


def opens(path: Path, key: Key) -> bool:
    """Whether ``key`` opens the encrypted file at ``path``: its first page read as it is on
    disk (``immutable``: no lock, no side file, nothing written), which only the right key can
    decrypt and authenticate. A key that opens it here and fails later meets damage."""
    return _reads_first_page(connect(f"{path.absolute().as_uri()}?immutable=1", key, uri=True))


def opens_when_locked(path: Path, key: Key, timeout: float) -> bool:
    """Whether ``key`` opens the file at ``path`` read as any command reads the journal, under
    its shared lock and with its log: what to ask before calling damaged a file whose first
    page failed :func:`opens`, since a read without the lock can meet that page halfway
    through another moodlog's write (a checkpoint). A page that fails here creates no side
    file (SQLite finds out the file's log mode only past it); one that opens leaves none
    either, the connection closing as every command's does. (A read-only connection would
    leave its -wal and -shm files behind.)"""
    return _reads_first_page(connect(path, key, timeout=timeout))


def _reads_first_page(connection: sqlite3.Connection) -> bool:
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DATABASE_ERRORS as error:
        if (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF == SQLITE_NOTADB:
            return False
        raise
    finally:
        connection.close()
    return True

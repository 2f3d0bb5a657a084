"""A keyring backend for the tests of `--remember`: it passes for a system keyring (priority 1)
and keeps its secrets in a JSON file in the test's own HOME, so no test ever reaches the real
keyring of the person running them. Chosen with
PYTHON_KEYRING_BACKEND=tests.keyring_stub.StubKeyring."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordSetError

FILE_NAME = "test-keyring.json"


def kept_file() -> Path:
    return Path(os.environ["HOME"]) / FILE_NAME


class StubKeyring(KeyringBackend):
    priority = 1

    def _read(self) -> dict[str, str]:
        try:
            return dict(json.loads(kept_file().read_text(encoding="utf-8")))
        except FileNotFoundError:
            return {}

    def _write(self, kept: dict[str, str]) -> None:
        kept_file().write_text(json.dumps(kept), encoding="utf-8")

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self._write(self._read() | {f"{service}/{username}": password})

    def delete_password(self, service: str, username: str) -> None:
        kept = self._read()
        kept.pop(f"{service}/{username}", None)
        self._write(kept)


class RefusingKeyring(StubKeyring):
    """A system keyring that refuses to keep anything (locked, or its service gone)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("locked")


class WatchedKeyring(StubKeyring):
    """A system keyring that notes each time it is asked for a secret, in the test's HOME: a
    locked one would show its unlock window each time."""

    def get_password(self, service: str, username: str) -> str | None:
        with (Path(os.environ["HOME"]) / ASKED_FILE_NAME).open("a", encoding="utf-8") as asked:
            asked.write(f"{username}\n")
        return super().get_password(service, username)


ASKED_FILE_NAME = "keyring-asked.txt"


class LockedKeyring(StubKeyring):
    """A system keyring that keeps what it is given but, locked, gives nothing back."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("locked")

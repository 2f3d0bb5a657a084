"""Settings rows: ``moodlog config`` keys and their values."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from moodlog.domain.settings import FHIR_ID_NAMESPACE, SETTINGS, check_setting, find_setting

if TYPE_CHECKING:
    import uuid


def get_setting(connection: sqlite3.Connection, key: str) -> str:
    setting = find_setting(key)
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (setting.key,)).fetchone()
    return str(row[0]) if row else setting.default


def all_settings(connection: sqlite3.Connection) -> dict[str, str]:
    stored = dict(connection.execute("SELECT key, value FROM settings").fetchall())
    return {key: str(stored.get(key, setting.default)) for key, setting in SETTINGS.items()}


def set_setting(connection: sqlite3.Connection, key: str, value: str) -> str:
    checked = check_setting(key, value)
    connection.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (find_setting(key).key, checked),
    )
    return checked


def fhir_namespace(connection: sqlite3.Connection) -> uuid.UUID | None:
    """The journal's own namespace for the FHIR export's ids, if made yet."""
    import uuid  # only here: `moodlog add` reads the settings and needs none of it

    value = get_setting(connection, FHIR_ID_NAMESPACE)
    return uuid.UUID(value) if value else None


def make_fhir_namespace(connection: sqlite3.Connection) -> uuid.UUID:
    """The journal's namespace, made now (at random, so two journals never share one) unless
    it was already."""
    import uuid

    namespace = fhir_namespace(connection)
    if namespace is None:
        namespace = uuid.uuid4()
        set_setting(connection, FHIR_ID_NAMESPACE, str(namespace))
    return namespace

"""Settings rows: ``moodlog config`` keys and their values."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

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
    """The journal's own namespace for the FHIR export's ids: every journal holds one from its
    making (step 0013_fhir_id_namespace); None only if its row was removed by hand."""
    import uuid  # only here: `moodlog add` reads the settings and needs none of it

    value = get_setting(connection, FHIR_ID_NAMESPACE)
    return uuid.UUID(value) if value else None


def restore_fhir_namespace(
    connection: sqlite3.Connection, settings: Sequence[tuple[Any, ...]]
) -> tuple[list[tuple[Any, ...]], int]:
    """A restored journal's settings rows less the FHIR namespace, and whether (1) or not (0)
    that namespace changed the journal's: it replaces the new journal's own, so a restored
    journal gives the ids it gave before. A whole-journal export without it (from an older
    moodlog) leaves the new journal's own."""
    kept = [row for row in settings if row[0] != FHIR_ID_NAMESPACE]
    changed = 0
    for key, value in settings:
        if key == FHIR_ID_NAMESPACE and get_setting(connection, key) != value:
            set_setting(connection, key, value)
            changed = 1
    return kept, changed


def take_fhir_namespace(connection: sqlite3.Connection) -> str:
    """Remove a new journal's own FHIR namespace, so rows copied from another journal (a
    rescue of a damaged one) bring theirs; the value removed, for :func:`keep_fhir_namespace`."""
    value = get_setting(connection, FHIR_ID_NAMESPACE)
    connection.execute("DELETE FROM settings WHERE key = ?", (FHIR_ID_NAMESPACE,))
    return value


def keep_fhir_namespace(connection: sqlite3.Connection, value: str) -> None:
    """Put back the namespace :func:`take_fhir_namespace` removed, if no copied row brought
    one: every journal holds one."""
    if value and not get_setting(connection, FHIR_ID_NAMESPACE):
        set_setting(connection, FHIR_ID_NAMESPACE, value)

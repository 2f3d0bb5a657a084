"""Settings rows: ``moodlog config`` keys and their values."""

from __future__ import annotations

import sqlite3

from moodlog.domain.settings import SETTINGS, check_setting, find_setting


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

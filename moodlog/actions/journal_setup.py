"""Symptom scales, condition presets and settings."""

from __future__ import annotations

from moodlog.domain.scales import Scale, new_scale
from moodlog.storage import scales as scale_rows
from moodlog.storage import settings as setting_rows
from moodlog.storage.journal import Journal


def list_scales(journal: Journal) -> list[Scale]:
    with journal.transaction(write=False) as connection:
        return scale_rows.list_scales(connection)


def add_scale(journal: Journal, name: str, low: float, high: float, description: str = "") -> Scale:
    scale = new_scale(name, low, high, description)
    with journal.transaction() as connection:
        scale_rows.add_scale(connection, scale)
    return scale


def remove_scale(journal: Journal, name: str) -> int:
    with journal.transaction() as connection:
        return scale_rows.remove_scale(connection, name)


def apply_presets(journal: Journal, names: list[str]) -> list[Scale]:
    with journal.transaction() as connection:
        return scale_rows.apply_presets(connection, names)


def get_setting(journal: Journal, key: str) -> str:
    with journal.transaction(write=False) as connection:
        return setting_rows.get_setting(connection, key)


def all_settings(journal: Journal) -> dict[str, str]:
    with journal.transaction(write=False) as connection:
        return setting_rows.all_settings(connection)


def set_setting(journal: Journal, key: str, value: str) -> str:
    with journal.transaction() as connection:
        return setting_rows.set_setting(connection, key, value)

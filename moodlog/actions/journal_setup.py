"""Symptom scales, condition presets and settings."""

from __future__ import annotations

from dataclasses import dataclass, replace

from moodlog.actions import clock
from moodlog.actions.listing import Edited
from moodlog.domain.entries import number_text
from moodlog.domain.scales import Scale, new_scale
from moodlog.domain.settings import FHIR_BIRTH_DATE, check_birth_date_by, find_setting
from moodlog.errors import InvalidValue
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


@dataclass(frozen=True)
class ScaleRatings:
    """A scale and the ratings entries hold on it, by entry id."""

    scale: Scale
    ratings: dict[int, float]


def show_scale(journal: Journal, name: str) -> ScaleRatings:
    with journal.transaction(write=False) as connection:
        scale = scale_rows.get_scale(connection, name)
        return ScaleRatings(scale, scale_rows.ratings_of(connection, scale.name))


def edit_scale(
    journal: Journal,
    name: str,
    description: str | None = None,
    low: float | None = None,
    high: float | None = None,
) -> Edited[Scale]:
    """Change a scale's description or range. A range that would leave a rating outside it is
    refused, naming the entry."""
    if (low is None) != (high is None):
        raise InvalidValue("give both --min and --max to change a scale's range")
    with journal.transaction() as connection:
        before = scale_rows.get_scale(connection, name)
        after = before
        if description is not None:
            after = replace(after, description=" ".join(description.split()))
        if low is not None and high is not None:
            after = replace(
                new_scale(before.name, low, high, after.description), preset=before.preset
            )
            for entry_id, value in scale_rows.ratings_of(connection, before.name).items():
                if not low <= value <= high:
                    raise InvalidValue(
                        f"scale {before.name} {number_text(low)}-{number_text(high)}: entry "
                        f"{entry_id} rates it {number_text(value)}, outside that range; edit "
                        "that entry first"
                    )
        if after != before:
            scale_rows.update_scale(connection, after)
    if after.description != before.description:
        journal.forget_old_versions()
    return Edited(before, after)


def remove_scale(journal: Journal, name: str) -> int:
    """Remove a scale; the ratings entries hold on it stay in them. Returns how many entries
    hold one."""
    with journal.transaction() as connection:
        kept = scale_rows.remove_scale(connection, name)
    journal.forget_old_versions()
    return kept


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
        stored = setting_rows.set_setting(connection, key, value)
        if stored and find_setting(key).key == FHIR_BIRTH_DATE:
            check_birth_date_by(stored, clock.today(journal))  # refused: nothing is saved
        return stored

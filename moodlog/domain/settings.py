"""Settings kept in the journal (``moodlog config``): each key, its default and its check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from moodlog.domain.days import parse_time
from moodlog.errors import InvalidValue


@dataclass(frozen=True)
class Setting:
    key: str
    default: str
    help: str
    check: Callable[[str], str]


def _check_day_starts_at(value: str) -> str:
    moment = parse_time(value, "day-starts-at")
    if moment.hour >= 12:
        raise InvalidValue(
            f"day-starts-at {value!r} is too late; allowed: a time from 00:00 to 11:59, "
            "the hour after which a new day begins (e.g. 04:00)"
        )
    return moment.strftime("%H:%M")


SETTINGS: dict[str, Setting] = {
    "day-starts-at": Setting(
        "day-starts-at",
        "04:00",
        "the time a new day begins; entries made before it count for the day before",
        _check_day_starts_at,
    ),
}


def find_setting(key: str) -> Setting:
    if key not in SETTINGS:
        raise InvalidValue(f"setting {key!r} is not known; the settings are {', '.join(SETTINGS)}")
    return SETTINGS[key]


def check_setting(key: str, value: str) -> str:
    """The value as it will be stored, or an error naming what is allowed."""
    return find_setting(key).check(value)

"""Settings kept in the journal (``moodlog config``): each key, its default and its check."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from moodlog.domain.days import parse_time
from moodlog.domain.doses import DEFAULT_SLOT_TIMES
from moodlog.domain.names import match_name
from moodlog.domain.paper import FROM_LOCALE, PAPER_NAMES
from moodlog.domain.safety import DEFAULT_CRISIS_RESOURCES
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


def _slot_time_check(slot: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        return parse_time(value, f"slot-time.{slot}").strftime("%H:%M")

    return check


SLOT_TIME = "slot-time."

MAX_CRISIS_RESOURCES = 500


def _check_crisis_resources(value: str) -> str:
    text = "\n".join(line.strip() for line in value.strip().splitlines())
    if not text:
        raise InvalidValue(
            "crisis-resources cannot be empty; give the lines or numbers to call in a crisis, "
            'e.g. "Samaritans: call 116 123. Emergency: 999"'
        )
    if len(text) > MAX_CRISIS_RESOURCES:
        raise InvalidValue(
            f"crisis-resources is {len(text)} characters long; allowed: up to "
            f"{MAX_CRISIS_RESOURCES}"
        )
    if any(not character.isprintable() for character in text.replace("\n", "")):
        raise InvalidValue(
            "crisis-resources holds control characters; allowed: plain text and line breaks"
        )
    return text


def _check_paper(value: str) -> str:
    name = value.strip().lower()
    if name not in (*PAPER_NAMES, FROM_LOCALE):
        raise InvalidValue(
            f"paper {value!r} is not known; allowed: a4, letter, or {FROM_LOCALE} (Letter "
            "where the locale's country uses it, else A4)"
        )
    return name


MAX_FHIR_NAME = 200
FHIR_NAME, FHIR_BIRTH_DATE, FHIR_ID_NAMESPACE = "fhir.name", "fhir.birth-date", "fhir.id-namespace"
_BIRTH_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_fhir_name(value: str) -> str:
    """The name the FHIR export's Patient carries; empty for none."""
    name = " ".join(value.split())
    if len(name) > MAX_FHIR_NAME:
        raise InvalidValue(
            f"fhir.name is {len(name)} characters long; allowed: up to {MAX_FHIR_NAME}"
        )
    if any(not character.isprintable() for character in name):
        raise InvalidValue("fhir.name holds control characters; allowed: plain text")
    return name


def _check_fhir_birth_date(value: str) -> str:
    """A birth date as FHIR takes it: a year, a year and month, or a whole date; empty for
    none."""
    text = value.strip()
    if not text:
        return ""
    found = _BIRTH_DATE_RE.match(text)
    allowed = 'YYYY-MM-DD, or just YYYY-MM or YYYY (e.g. 1990-04-17, 1990), or "" for none'
    if found is None:
        raise InvalidValue(f"fhir.birth-date {value!r} is not a date; allowed: {allowed}")
    year, month, day = (int(part) if part else 1 for part in found.groups())
    try:
        born = date(year, month, day)
    except ValueError:
        raise InvalidValue(
            f"fhir.birth-date {value!r} is not a day of the calendar; allowed: {allowed}"
        ) from None
    if born.year < 1900:
        raise InvalidValue(f"fhir.birth-date {value!r} is before 1900; allowed: {allowed}")
    return text


def check_birth_date_by(value: str, today: date) -> None:
    """A birth date (as :func:`_check_fhir_birth_date` took it) is not after ``today``: a
    year or a month only when it began by today."""
    found = _BIRTH_DATE_RE.match(value)
    if found is None:
        return
    year, month, day = (int(part) if part else 1 for part in found.groups())
    if date(year, month, day) > today:
        raise InvalidValue(
            f"fhir.birth-date {value!r} is after today ({today.isoformat()}); allowed: a day "
            'not after today, or "" for none'
        )


def _check_id_namespace(value: str) -> str:
    import uuid  # only here: `moodlog add` reads the settings and needs none of it

    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise InvalidValue(
            f"fhir.id-namespace {value!r} is not a UUID; allowed: a UUID such as "
            "1b4e28ba-2fa1-11d2-883f-0016d3cca427 (moodlog made one with the journal)"
        ) from None


SETTINGS: dict[str, Setting] = {
    "day-starts-at": Setting(
        "day-starts-at",
        "04:00",
        "the time a new day begins; entries made before it count for the day before",
        _check_day_starts_at,
    ),
    "crisis-resources": Setting(
        "crisis-resources",
        DEFAULT_CRISIS_RESOURCES,
        "who to call in a crisis, shown when an answer raises a safety flag",
        _check_crisis_resources,
    ),
    "paper": Setting(
        "paper",
        FROM_LOCALE,
        "the report's paper: a4, letter, or locale (Letter where the locale's country uses "
        "it, else A4); moodlog report --paper overrides it",
        _check_paper,
    ),
    FHIR_NAME: Setting(
        FHIR_NAME,
        "",
        "the name the FHIR export's Patient carries; empty: none (the clinic matches you)",
        _check_fhir_name,
    ),
    FHIR_BIRTH_DATE: Setting(
        FHIR_BIRTH_DATE,
        "",
        "the birth date the FHIR export's Patient carries (YYYY-MM-DD, YYYY-MM or YYYY); "
        "empty: none",
        _check_fhir_birth_date,
    ),
    FHIR_ID_NAMESPACE: Setting(
        FHIR_ID_NAMESPACE,
        "",
        "the random UUID the FHIR export's ids are made from, made with the journal; keep it "
        "so a clinic sees the same ids",
        _check_id_namespace,
    ),
    **{
        SLOT_TIME + slot: Setting(
            SLOT_TIME + slot,
            at.strftime("%H:%M"),
            f"when {slot} doses fall due; before it today's are not yet counted or listed "
            "as not logged",
            _slot_time_check(slot),
        )
        for slot, at in DEFAULT_SLOT_TIMES.items()
    },
}


def find_setting(key: str) -> Setting:
    """The setting named exactly, else the one ``key`` is a unique prefix of."""
    settings = ", ".join(SETTINGS)
    name = match_name(
        key, SETTINGS, "setting", unknown=f"is not known; the settings are {settings}"
    )
    return SETTINGS[name]


def check_setting(key: str, value: str) -> str:
    """The value as it will be stored, or an error naming what is allowed."""
    return find_setting(key).check(value)

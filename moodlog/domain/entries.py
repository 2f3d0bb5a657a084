"""A journal entry: what the person felt on a day, and how each value is checked.

Each value's range and anchors are defined here once (docs/daily-use.md shows them); every
message names the value typed and what is allowed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import NamedTuple

from moodlog.domain.names import is_name_character, match_name, matching, name_key, tidy_name
from moodlog.errors import InvalidValue


@dataclass(frozen=True)
class Measure:
    """One of the core 0-10 (or sleep) measures of an entry."""

    name: str
    low: float
    high: float
    anchors: str
    decimals: bool
    hours: bool = False  # hours, also written 7h30, 7h or 7:30


MOOD = Measure("mood", 0, 10, "0 lowest possible, 5 your usual self, 10 best", True)
ANXIETY = Measure("anxiety", 0, 10, "0 none, 10 worst imaginable", False)
IRRITABILITY = Measure("irritability", 0, 10, "0 none, 10 extreme", False)
ENERGY = Measure("energy", 0, 10, "0 none, 10 highest", False)
SLEEP_HOURS = Measure(
    "sleep", 0, 24, "hours slept the night before, e.g. 7.5, 7h30 or 7:30", True, hours=True
)
SLEEP_QUALITY = Measure("sleep quality", 1, 5, "1 very poor, 3 fair, 5 very good", False)

CORE_MEASURES = (MOOD, ANXIETY, IRRITABILITY, ENERGY, SLEEP_HOURS, SLEEP_QUALITY)

URGE_LOW, URGE_HIGH = 0, 5
BUILT_IN_URGES = ("self-harm", "suicidal-thoughts", "substance-use", "binge-eating", "purging")

# Hours and minutes: 7h30, 7h, 7:30 (spaces allowed around h and :).
_HOURS_MINUTES_RE = re.compile(r"^(\d{1,2}) *(?:h *(\d{1,2})?|: *(\d{2}))$")


def parse_number(text: str, what: str, allowed: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InvalidValue(f"{what} {text!r} is not a number; allowed: {allowed}") from None
    if not math.isfinite(value):
        raise InvalidValue(f"{what} {text!r} is not a number; allowed: {allowed}")
    return value


def small_whole_number(text: str) -> int | None:
    """``text`` as a whole number of at most 9 digits, else None: what a person types for an
    answer, a score or a count. (``isdigit`` would let through '²', which ``int`` refuses, and
    ``int`` refuses more than 4,300 digits.)"""
    value = text.strip()
    if not value.isdecimal() or len(value) > 9:
        return None
    return int(value)


def _describe(measure: Measure) -> str:
    kind = "a number" if measure.decimals else "a whole number"
    return f"{kind} from {measure.low:g} to {measure.high:g} ({measure.anchors})"


def check_measure(measure: Measure, text: str | float) -> float:
    """Read one core measure, or say what is allowed."""
    allowed = _describe(measure)
    value = _hours_and_minutes(str(text), measure, allowed) if measure.hours else None
    if value is None:
        value = parse_number(str(text), measure.name, allowed)
    if not measure.decimals and value != int(value):
        raise InvalidValue(f"{measure.name} {text} is not a whole number; allowed: {allowed}")
    if not measure.low <= value <= measure.high:
        raise InvalidValue(f"{measure.name} {text} is out of range; allowed: {allowed}")
    return value


def read_sleep_hours(text: str | float) -> float:
    """Hours slept, written as a number of hours (7.5) or hours and minutes (7h30, 7h, 7:30)."""
    return check_measure(SLEEP_HOURS, text)


def _hours_and_minutes(text: str, measure: Measure, allowed: str) -> float | None:
    """``7h30``, ``7h`` or ``7:30`` as hours (7.5), to the hundredth; None for another form."""
    match = _HOURS_MINUTES_RE.match(text.strip().lower())
    if not match:
        return None
    minutes = int(match.group(2) or match.group(3) or 0)
    if minutes >= 60:
        raise InvalidValue(f"{measure.name} {text!r} has {minutes} minutes; allowed: {allowed}")
    return round(int(match.group(1)) + minutes / 60, 2)


# A typed note (add, edit) holds at most this many characters; notes already in a journal or
# arriving through an import keep their full length (docs/daily-use.md).
TYPED_NOTE_LIMIT = 100_000


def check_typed_note(text: str) -> str:
    """``text``, a note typed or piped to add or edit, refused when longer than the limit."""
    if len(text) > TYPED_NOTE_LIMIT:
        raise InvalidValue(
            f"the note is {len(text):,} characters; a typed note holds at most "
            f"{TYPED_NOTE_LIMIT:,}; nothing was saved"
        )
    return text


def check_name(text: str, what: str) -> str:
    """A scale, urge, session kind or side effect name: lower-case words of letters (any
    script, accents kept), digits, hyphens, apostrophes and underscores; no ';' or '='."""
    return _usable_name(text, what).lower()


def check_tag(text: str) -> str:
    """A tag as the person wrote it, case and accents kept (``Café``, ``Über``, ``朋友``): the
    journal compares tags after case folding (:func:`moodlog.domain.names.spelled_as_known`)."""
    return _usable_name(text, "tag")


def _usable_name(text: str, what: str) -> str:
    name = tidy_name(text)
    usable = all(is_name_character(c) or c in " _'-" for c in name)
    if not name or not is_name_character(name[0]) or not usable or len(name) > 60:
        raise InvalidValue(
            f"{what} {text!r} is not a usable name; use letters of any script, digits, spaces "
            "and hyphens (up to 60 characters), e.g. 'travel', 'racing-thoughts' or 'Café'"
        )
    return name


def split_pair(text: str, what: str, example: str) -> tuple[str, str]:
    """Split ``NAME=VALUE`` as typed after an option."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise InvalidValue(f"{what} {text!r} needs the form NAME=VALUE, e.g. {example}")
    return name.strip(), value.strip()


class Urge(NamedTuple):
    """An urge and how strong it was, 0 (none) to 5 (strongest)."""

    name: str
    level: int


def check_urge(text: str, label: str = "urge") -> Urge:
    """Read ``NAME=N`` for an urge: a built-in name (or a unique prefix of one), or the person's
    own; N from 0 (none) to 5 (strongest). ``label`` names the pair in messages."""
    raw_name, raw_level = split_pair(text, label, "self-harm=2")
    name = urge_name(raw_name)
    allowed = f"a whole number from {URGE_LOW} (no urge) to {URGE_HIGH} (strongest)"
    level = parse_number(raw_level, f"urge {name}", allowed)
    if level != int(level) or not URGE_LOW <= level <= URGE_HIGH:
        raise InvalidValue(f"urge {name} {raw_level} is out of range; allowed: {allowed}")
    return Urge(name, int(level))


def urge_name(text: str) -> str:
    """A built-in urge's full name from itself or a unique prefix; otherwise the person's own."""
    name = check_name(text, "urge")
    if not matching(name, BUILT_IN_URGES):
        return name
    return match_name(text, BUILT_IN_URGES, "urge")


@dataclass(frozen=True)
class TypedSkillUse:
    """A skill as typed with an entry, ``NAME`` or ``NAME=SCORE``: the name is found in the
    person's catalogue, and the score checked for that skill, by
    :func:`moodlog.domain.therapy.check_skill_use` (so the catalogue is loaded only when a
    skill is logged). ``label`` names it in messages."""

    text: str
    label: str
    name: str
    score: str | None


def read_skill_use(text: str, label: str = "skill") -> TypedSkillUse:
    name, sep, score = text.partition("=")
    if not name_key(name, loose=True):
        raise InvalidValue(f"{label} {text!r} has no name; e.g. {label} 'opposite action=6'")
    return TypedSkillUse(text, label, name, score if sep else None)


# The fields of an entry that can be emptied, by the name the person types.
CLEARABLE = (
    "mood",
    "anxiety",
    "irritability",
    "energy",
    "sleep",
    "sleep-quality",
    "symptoms",
    "tags",
    "note",
    "urges",
    "skills",
)


def read_clearable(text: str, label: str = "field") -> str:
    """One of :data:`CLEARABLE`, in any case."""
    key = text.strip().lower()
    if key not in CLEARABLE:
        raise InvalidValue(f"{label} {text!r} is not a field; allowed: {', '.join(CLEARABLE)}")
    return key


@dataclass
class Entry:
    """One entry of the journal. Every value but the day is optional."""

    day: date
    time: time
    recorded_at: datetime
    backfilled: bool = False
    mood: float | None = None
    anxiety: float | None = None
    irritability: float | None = None
    energy: float | None = None
    sleep_hours: float | None = None
    sleep_quality: float | None = None
    symptoms: dict[str, float] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    note: str | None = None
    note_shared: bool = False
    urges: dict[str, int] = field(default_factory=dict)
    acted: list[str] = field(default_factory=list)
    # Where an imported entry came from (``daylio:`` and a fingerprint of its row), so the same
    # file imported again adds nothing; None for entries made in moodlog.
    import_key: str | None = None
    id: int | None = None

    def has_values(self) -> bool:
        """True when the entry records anything beyond its day."""
        return any(
            value is not None
            for value in (
                self.mood,
                self.anxiety,
                self.irritability,
                self.energy,
                self.sleep_hours,
                self.sleep_quality,
                self.note,
            )
        ) or bool(self.symptoms or self.tags or self.urges or self.acted)


# How lists and pairs are written in one column, in the journal file and the CSV alike:
# `work;coffee` and `focus=2;restlessness=1`. Names cannot contain ';' or '='.


def join_names(names: list[str]) -> str | None:
    return ";".join(names) if names else None


def split_names(text: str | None) -> list[str]:
    return [part for part in (text or "").split(";") if part]


def number_text(value: float) -> str:
    """A number in its shortest exact form, ``7``, ``7.5``, ``0.1``: it reads back as the very
    same float (the journal's pairs and the export write numbers this way)."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


def join_pairs(pairs: dict[str, float] | dict[str, int]) -> str | None:
    if not pairs:
        return None
    return ";".join(f"{name}={number_text(value)}" for name, value in pairs.items())


def split_pairs(text: str | None) -> dict[str, float]:
    pairs: dict[str, float] = {}
    for part in split_names(text):
        name, _, value = part.partition("=")
        pairs[name] = float(value)
    return pairs

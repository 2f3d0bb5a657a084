"""Daylio's CSV export, read as moodlog entries. Plain Python.

Daylio writes ``full_date,date,weekday,time,mood,activities,note_title,note``, newest first,
in UTF-8 often with a byte-order mark, with ``\\r\\n`` line ends, times in the 24-hour or
12-hour form of the phone's locale, notes over several lines. Each row becomes one entry:

- the day is ``full_date`` (Daylio's own day for the entry), the time is ``time``;
- the mood is Daylio's five moods rad, good, meh, bad, awful as 10, 7.5, 5, 2.5, 0, or the
  value a mood mapping ``NAME=VALUE`` gives (needed for moods the person renamed or added);
- each activity (separated by `` | ``) becomes a tag, as moodlog writes tag names
  (:func:`activity_tag`); an activity with no letter or digit moodlog can keep in a tag name is
  kept in the note instead, on a last line ``Daylio activities: …``;
- the note is ``note_title`` on its own line, then ``note`` (line ends as ``\\n``);
- the entry is recorded at its own day and time (Daylio does not say when it was written), so
  it is not counted as back-filled, and it keeps an import key, ``daylio:`` and a fingerprint
  of the row, so importing the same rows again adds nothing.

docs/import.md says the same for the person.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import NamedTuple

from moodlog.domain.entries import MOOD, Entry, check_measure, split_pair
from moodlog.domain.importing import CsvRow, Problem, parse_iso_date
from moodlog.domain.names import is_name_character, spelled_as_known
from moodlog.domain.stored_records import check_text_length
from moodlog.errors import InvalidValue

DAYLIO_COLUMNS = (
    "full_date",
    "date",
    "weekday",
    "time",
    "mood",
    "activities",
    "note_title",
    "note",
)
REQUIRED_COLUMNS = ("full_date", "time", "mood")
DEFAULT_MOODS: dict[str, float] = {"rad": 10.0, "good": 7.5, "meh": 5.0, "bad": 2.5, "awful": 0.0}
# Daylio writes " | " between activities; the spaces around each name are stripped.
ACTIVITY_SEPARATOR = "|"
KEPT_ACTIVITIES_LINE = "Daylio activities: "
MAX_TAG_LENGTH = 60

_TIME_RE = re.compile(
    r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*([ap])\.?\s*m\.?)?$", re.IGNORECASE
)


def is_daylio_header(header: Iterable[str]) -> bool:
    names = set(header)
    return all(column in names for column in REQUIRED_COLUMNS) and "activities" in names


class MoodMapping(NamedTuple):
    """A Daylio mood (compared in any case) and the moodlog mood 0-10 it stands for."""

    mood: str
    value: float


def read_mood_mapping(text: str, label: str = "mood map") -> MoodMapping:
    """``NAME=VALUE``: a Daylio mood (as the person named it) and its moodlog mood 0-10."""
    name, value = split_pair(text, label, "super=9")
    try:
        return MoodMapping(_mood_key(name), check_measure(MOOD, value))
    except InvalidValue as error:
        raise InvalidValue(f"{label} {text!r}: {error}") from None


def mood_map(mappings: Iterable[MoodMapping]) -> dict[str, float]:
    """Daylio's five moods, changed and added to by each mapping read by
    :func:`read_mood_mapping`."""
    moods = dict(DEFAULT_MOODS)
    moods.update(mappings)
    return moods


def _mood_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def parse_daylio_time(text: str) -> time:
    """``22:05``, ``7:05``, ``10:05 PM``, ``10:05 p.m.``, ``10:05\\u202fpm`` (the narrow space
    newer phones write), seconds allowed."""
    plain = " ".join(unicodedata.normalize("NFKC", text).split())
    match = _TIME_RE.match(plain)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        half = (match.group(4) or "").lower()
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "p" else 0)
        elif half:
            hour = 99
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise InvalidValue(f"time {text!r} is not a time; allowed: 24-hour 22:05 or 12-hour 10:05 PM")


def activity_tag(activity: str) -> str | None:
    """A Daylio activity as a moodlog tag name: case, accents and every script kept
    (``Café`` stays ``Café``, ``שינה`` stays), every run of characters tag names refuse (``;``,
    ``=``, ``&``, ``/``, emoji) turned into one space, at most 60 characters. None when
    nothing is left."""
    composed = unicodedata.normalize("NFC", activity)
    kept = "".join(c if is_name_character(c) or c in " _'-" else " " for c in composed)
    words = " ".join(kept.split())
    words = words.lstrip(" _'-")[:MAX_TAG_LENGTH].rstrip()
    return words or None


def _plain(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def daylio_note(title: str, note: str, kept_activities: list[str]) -> str | None:
    """The entry's note: the title on its own line, then the note, then the activities that
    could not be tags; None when all are empty. Line ends become ``\\n``."""
    parts = [part.replace("\r\n", "\n").replace("\r", "\n") for part in (title, note)]
    lines = [part for part in parts if part.strip()]
    if kept_activities:
        lines.append(KEPT_ACTIVITIES_LINE + ", ".join(kept_activities))
    return "\n".join(lines) or None


def import_key(day: date, clock: time, mood: str, activities: list[str], note: str | None) -> str:
    """``daylio:`` and a fingerprint of what the row says (not how the phone wrote it: the
    12-hour and 24-hour forms of a time give the same key)."""
    fields = (day.isoformat(), clock.strftime("%H:%M"), _mood_key(mood), *activities, note or "")
    return "daylio:" + hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()[:20]


@dataclass
class DaylioImport:
    """The entries of a Daylio file, what is wrong with it, and how activities became tags."""

    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # activity -> tag, beyond case
    kept_in_note: list[str] = field(default_factory=list)
    moods: Counter[str] = field(default_factory=Counter)


def _unknown_moods(
    unknown: dict[str, list[int]], spelled: dict[str, str], mapping_label: str
) -> list[Problem]:
    problems = []
    for key, lines in unknown.items():
        name = spelled[key]
        where = "line " if len(lines) == 1 else "lines "
        problems.append(
            Problem(
                where + ", ".join(str(line) for line in lines),
                f"mood {name!r} is not one of Daylio's five ({', '.join(DEFAULT_MOODS)}); map it "
                f"to moodlog's mood with {mapping_label} '{name}=N' (N from 0 lowest to 10 best)",
                lines[0],
                tuple(lines[1:]),
            )
        )
    return problems


def recorded_moment(day: date, clock: time) -> datetime:
    """When an imported entry counts as recorded: the moment of its own day and time in the
    local time zone (Daylio's day is the calendar day)."""
    return datetime.combine(day, clock).astimezone()


def daylio_entries(
    rows: Iterable[CsvRow], moods: Mapping[str, float], mapping_label: str = "mood map"
) -> DaylioImport:
    """Every row as an entry, or the problems of the rows that cannot be (every bad value of
    every row; mood names not mapped are listed once each, with their lines, and the hint
    names the mapping by ``mapping_label``)."""
    result = DaylioImport()
    unknown: dict[str, list[int]] = {}
    spelled: dict[str, str] = {}
    seen: Counter[str] = Counter()
    for row in rows:
        values = row.values
        problems: list[str] = []
        day: date | None = None
        clock: time | None = None
        try:
            day = parse_iso_date(values["full_date"], "full_date")
        except InvalidValue as error:
            problems.append(str(error))
        try:
            clock = parse_daylio_time(values["time"])
        except InvalidValue as error:
            problems.append(str(error))
        mood_name = values["mood"].strip()
        mood = moods.get(_mood_key(mood_name))
        if not mood_name:
            problems.append("mood is empty; every Daylio entry has a mood")
        elif mood is None:
            unknown.setdefault(_mood_key(mood_name), []).append(row.line)
            spelled.setdefault(_mood_key(mood_name), mood_name)
        for problem in problems:
            result.problems.append(Problem(f"line {row.line}", problem, row.line))
        if problems or mood is None or day is None or clock is None:
            continue
        result.moods[mood_name] += 1
        activities = [
            a.strip() for a in values.get("activities", "").split(ACTIVITY_SEPARATOR) if a.strip()
        ]
        tags: list[str] = []
        kept: list[str] = []
        for activity in activities:
            tag = activity_tag(activity)
            if tag is None:
                kept.append(activity)
                if activity not in result.kept_in_note:
                    result.kept_in_note.append(activity)
                continue
            if tag != _plain(activity):
                result.renamed[activity] = tag
            tags.append(tag)
        tags = spelled_as_known(tags)
        note = daylio_note(values.get("note_title", ""), values.get("note", ""), kept)
        too_long = check_text_length("note (note_title and note)", note or "")
        if too_long:
            result.problems.append(Problem(f"line {row.line}", too_long, row.line))
            continue
        key = import_key(day, clock, mood_name, activities, note)
        seen[key] += 1
        result.entries.append(
            Entry(
                day=day,
                time=clock,
                recorded_at=recorded_moment(day, clock),
                mood=mood,
                tags=tags,
                note=note,
                import_key=f"{key}:{seen[key]}",
            )
        )
    result.problems.extend(_unknown_moods(unknown, spelled, mapping_label))
    return result

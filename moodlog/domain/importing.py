"""Reading files to import: text, CSV rows with the line each starts on, and the rows of
moodlog's own ``entries`` CSV checked value by value. Plain Python.

Import is all or nothing: every problem of every row is collected, then reported together by
line, and nothing is written (docs/import.md).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import TypeVar

from moodlog.domain.days import check_kept_day, journal_day, parse_time
from moodlog.domain.entries import (
    CORE_MEASURES,
    Entry,
    check_measure,
    check_name,
    check_tag,
    check_urge,
    parse_number,
    split_names,
    urge_name,
)
from moodlog.domain.names import spelled_as_known
from moodlog.domain.spreadsheet import MARKED, SPREADSHEET_SAFE_COLUMN, without_mark
from moodlog.domain.stored_records import check_id, check_text_length, shown
from moodlog.errors import InvalidValue

T = TypeVar("T")

_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# The entries CSV columns that hold a core measure, and the measure that checks them.
_MEASURE_COLUMNS = dict(
    zip(
        ("mood", "anxiety", "irritability", "energy", "sleep_hours", "sleep_quality"),
        CORE_MEASURES,
        strict=True,
    )
)


JOURNAL_JSON = "moodlog whole-journal JSON"
ENTRIES_CSV = "moodlog entries CSV"
DAYLIO_CSV = "Daylio CSV export"


@dataclass
class ImportResult:
    """What an import added (or, in a dry run, would add)."""

    path: Path
    kind: str
    added: dict[str, int] = field(default_factory=dict)  # table -> rows added
    already: int = 0  # records of the file the journal already held
    new_ids: int = 0  # entries whose id in the file was taken, so they got new ones
    renamed: dict[str, str] = field(default_factory=dict)  # Daylio activity -> tag
    kept_in_note: list[str] = field(default_factory=list)  # activities that could not be tags
    dry_run: bool = False


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: ``line 4`` of a CSV file, ``tables.entries[3]`` of a JSON one.
    ``line`` is the row's line in the file (for JSON, the record's place in it); it orders the
    problems and counts the rows. ``more_lines`` are other rows the same problem is about."""

    where: str
    message: str
    line: int = 0
    more_lines: tuple[int, ...] = ()


class ImportProblems(InvalidValue):
    """Every problem found in a file; its message says how many rows (or records) cannot be
    imported, then lists every problem, one per line."""

    def __init__(self, name: str, problems: Sequence[Problem], noun: str = "row") -> None:
        self.problems = sorted(problems, key=lambda problem: problem.line)
        rows = len({line for p in self.problems for line in (p.line, *p.more_lines)})
        listed = "\n".join(f"  {problem.where}: {problem.message}" for problem in self.problems)
        super().__init__(
            f"{name}: {rows} {noun if rows == 1 else noun + 's'} cannot be imported, so nothing "
            f"was imported; fix {'it' if rows == 1 else 'them'} and import the file again:\n"
            + listed
        )


def decode_text(data: bytes, name: str) -> str:
    """The file's text: UTF-8, with or without a byte-order mark (as spreadsheets and Daylio
    write it)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InvalidValue(
            f"{name} is not UTF-8 text (line {line} holds the byte {data[error.start]:#04x}); "
            "save it as UTF-8 (CSV UTF-8 in a spreadsheet) and import it again"
        ) from None


@dataclass(frozen=True)
class CsvRow:
    """One record of a CSV file: the line it starts on and its values by column."""

    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class CsvFile:
    header: tuple[str, ...]
    rows: list[CsvRow]
    problems: list[Problem]


def read_csv(text: str) -> CsvFile:
    """The header and rows of CSV text (RFC 4180: ``\\r\\n`` or ``\\n`` line ends, quoted
    fields may hold commas, quotes and line ends). Blank lines are skipped; a row with more or
    fewer fields than the header is a problem."""
    # A note may be longer than the csv module's default limit of 128 KiB per field.
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: tuple[str, ...] = ()
    rows: list[CsvRow] = []
    problems: list[Problem] = []
    ended = 0  # the line the previous record ended on
    try:
        for fields in reader:
            line, ended = ended + 1, reader.line_num
            if not fields or fields == [""]:
                continue
            if not header:
                header = tuple(field.strip() for field in fields)
                continue
            if len(fields) != len(header):
                problems.append(
                    Problem(
                        f"line {line}",
                        f"has {len(fields)} fields; the header has {len(header)}",
                        line,
                    )
                )
                continue
            values = dict(zip(header, fields, strict=True))
            problems += _too_long(values, line)
            rows.append(CsvRow(line, values))
    except csv.Error as error:
        line = ended + 1
        problems.append(Problem(f"line {line}", f"is not valid CSV: {error}", line))
    return CsvFile(header, rows, problems)


def _too_long(values: dict[str, str], line: int) -> list[Problem]:
    """A problem for each value of a row longer than any text an import takes."""
    found = [check_text_length(column, text) for column, text in values.items()]
    return [Problem(f"line {line}", message, line) for message in found if message]


def without_spreadsheet_marks(csv_file: CsvFile) -> CsvFile:
    """The file as the plain export would have written it, when it is a spreadsheet-safe
    export: its last column, ``spreadsheet_safe``, dropped, and on each row marked ``1`` the
    apostrophe the export put before a cell taken off (a row with the cell empty, one added in
    a spreadsheet, say, is kept as it is). Any other file is returned as it is."""
    if SPREADSHEET_SAFE_COLUMN not in csv_file.header:
        return csv_file
    header = tuple(column for column in csv_file.header if column != SPREADSHEET_SAFE_COLUMN)
    rows: list[CsvRow] = []
    problems = list(csv_file.problems)
    for row in csv_file.rows:
        values = dict(row.values)
        marked = values.pop(SPREADSHEET_SAFE_COLUMN)
        if marked not in (MARKED, ""):
            problems.append(
                Problem(
                    f"line {row.line}",
                    f"{SPREADSHEET_SAFE_COLUMN} {marked!r} is not a mark; allowed: {MARKED} "
                    "(the row's cells carry the spreadsheet-safe apostrophe) or empty",
                    row.line,
                )
            )
            continue
        if marked == MARKED:
            values = {column: without_mark(text) for column, text in values.items()}
        rows.append(CsvRow(row.line, values))
    return CsvFile(header, rows, problems)


# --- moodlog's entries CSV --------------------------------------------------------------------


def parse_iso_date(text: str, what: str) -> date:
    """A day written YYYY-MM-DD, within the days moodlog keeps."""
    if _ISO_DATE_RE.match(text.strip()):
        try:
            day = date.fromisoformat(text.strip())
        except ValueError:
            pass
        else:
            return check_kept_day(day, what, text)
    raise InvalidValue(f"{what} {text!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-26")


def moment_of(day: date, clock: time, day_starts_at: time) -> datetime:
    """When an entry about ``day`` at ``clock`` happened, in local time: a clock time before
    ``day-starts-at`` is in the small hours after the day (docs/daily-use.md). Used as the
    recorded-at time of imported entries that do not give one, so importing them again gives
    the same."""
    calendar_day = day + timedelta(days=1) if clock < day_starts_at else day
    return datetime.combine(calendar_day, clock).astimezone()


def _flag(text: str, what: str) -> bool:
    if text.strip() in ("0", "1"):
        return text.strip() == "1"
    raise InvalidValue(f"{what} {text!r} is not a flag; allowed: 0 or 1")


def _entry_id(text: str) -> int:
    digits = text.strip()
    # An id is one SQLite keeps: 19 digits at most (more would not even read as a number).
    if digits.isdecimal() and len(digits) <= 19 and check_id("id", int(digits)) is None:
        return int(digits)
    raise InvalidValue(
        f"id {shown(text)} is not an entry id; allowed: a whole number from 1 to 2^63-1"
    )


def _tags(text: str) -> list[str]:
    return spelled_as_known(check_tag(part) for part in split_names(text))


def _acted(text: str) -> list[str]:
    return list(dict.fromkeys(urge_name(part) for part in split_names(text)))


def _urges(text: str) -> dict[str, int]:
    return dict(check_urge(part) for part in split_names(text))


def _symptoms(text: str) -> dict[str, float]:
    pairs: dict[str, float] = {}
    for part in split_names(text):
        name, sep, value = part.partition("=")
        if not sep:
            raise InvalidValue(f"symptoms {text!r} needs the form name=value;name=value")
        checked = check_name(name, "symptom")
        pairs[checked] = parse_number(value, f"symptom {checked}", "a number")
    return pairs


def _recorded_at(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(
            f"recorded_at {text!r} is not a timestamp; use ISO 8601 with its UTC offset, "
            "e.g. 2026-11-26T21:40:12+01:00"
        ) from None
    check_kept_day(moment.date(), "recorded_at", text)
    return moment if moment.tzinfo is not None else moment.astimezone()


def _day(text: str) -> date:
    return parse_iso_date(text, "day")


class _Row:
    """A CSV row's values read one column at a time, collecting what is wrong."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.problems: list[str] = []

    def read(self, column: str, parse: Callable[[str], T]) -> T | None:
        text = self.values.get(column, "")
        if text == "":
            return None
        try:
            return parse(text)
        except InvalidValue as error:
            self.problems.append(str(error))
            return None


# An entry with no time in the file is placed at noon.
DEFAULT_TIME = time(12, 0)


def check_entry_row(
    values: dict[str, str], day_starts_at: time
) -> tuple[Entry | None, int | None, list[str]]:
    """An entry from a row of moodlog's entries CSV, the id the row gives (if any), and what is
    wrong with its values: every problem, each naming the value and what is allowed.

    Empty cells are no value. With no ``recorded_at``, the entry's own moment is taken (so the
    same file gives the same entries); with no ``backfilled``, it is worked out from the two;
    with no ``time``, noon."""
    row = _Row(values)
    entry_id = row.read("id", _entry_id)
    day = row.read("day", _day)
    if not values.get("day", ""):
        row.problems.append("day is empty; every entry needs its day, YYYY-MM-DD")
    clock = row.read("time", parse_time) or DEFAULT_TIME
    recorded = row.read("recorded_at", _recorded_at)
    backfilled = row.read("backfilled", lambda text: _flag(text, "backfilled"))
    measures = {
        column: row.read(column, partial(check_measure, measure))
        for column, measure in _MEASURE_COLUMNS.items()
    }
    symptoms = row.read("symptoms", _symptoms) or {}
    tags = row.read("tags", _tags) or []
    shared = row.read("note_shared", lambda text: _flag(text, "note_shared")) or False
    urges = row.read("urges", _urges) or {}
    acted = row.read("acted", _acted) or []
    if row.problems or day is None:
        return None, None, row.problems
    recorded = recorded or moment_of(day, clock, day_starts_at)
    if backfilled is None:
        backfilled = journal_day(recorded, day_starts_at) > day
    entry = Entry(
        day=day,
        time=clock,
        recorded_at=recorded,
        backfilled=backfilled,
        mood=measures["mood"],
        anxiety=measures["anxiety"],
        irritability=measures["irritability"],
        energy=measures["energy"],
        sleep_hours=measures["sleep_hours"],
        sleep_quality=measures["sleep_quality"],
        symptoms=symptoms,
        tags=tags,
        note=values.get("note") or None,
        note_shared=shared,
        urges=urges,
        acted=acted,
        import_key=values.get("import_key") or None,
    )
    return entry, entry_id, []

"""`moodlog import`: moodlog's whole-journal JSON (restored into an empty journal), moodlog's
``entries`` CSV (entries added), and Daylio's CSV export (entries added).

All or nothing: the file is read and checked whole; every problem is reported by line (or, in
JSON, by record), and then nothing is written. What is added is added in one transaction.
Importing the same file again adds nothing. A dry run does all of it, then rolls back.
docs/import.md is the contract.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from moodlog.actions import clock
from moodlog.actions.export import many_records
from moodlog.domain.daily_export import DAILY_COLUMNS
from moodlog.domain.daylio import (
    DAYLIO_COLUMNS,
    MoodMapping,
    daylio_entries,
    is_daylio_header,
    mood_map,
)
from moodlog.domain.days import check_kept_day, parse_time
from moodlog.domain.entries import Entry, number_text
from moodlog.domain.importing import (
    DAYLIO_CSV,
    ENTRIES_CSV,
    JOURNAL_JSON,
    CsvFile,
    CsvRow,
    ImportProblems,
    ImportResult,
    Problem,
    check_entry_row,
    decode_text,
    parse_iso_date,
    read_csv,
    without_spreadsheet_marks,
)
from moodlog.domain.names import name_key, spelled_as_known
from moodlog.domain.safety import entry_flags
from moodlog.domain.scales import Scale
from moodlog.domain.stored_records import (
    Known,
    check_entry,
    check_id,
    check_number,
    check_stored,
    check_text_length,
    shown,
    stored_form,
    symptoms_in_range,
)
from moodlog.domain.symptom_ranges import SYMPTOM_SCALES_COLUMN, read_scale_ranges, scales_to_add
from moodlog.errors import InvalidValue, JournalError, NotFound, escaped
from moodlog.render.export import JOURNAL_FORMAT
from moodlog.storage import tables as table_rows
from moodlog.storage.entries import (
    ENTRY_COLUMNS,
    entry_row,
    import_keys,
    insert_entry,
    tag_spellings,
)
from moodlog.storage.journal import Journal
from moodlog.storage.migrations import MIGRATION_NAMES
from moodlog.storage.safety import insert_flag
from moodlog.storage.scales import add_scale, list_scales
from moodlog.storage.settings import restore_fhir_namespace

Progress = Callable[[str], None]

_DATE_COLUMNS = {
    "day",
    "effective_date",
    "every_from",
    "onset_date",
    "resolved_date",
    "asked_on",
    "done_on",
    "first_day",
}
# Columns that hold a moment with its UTC offset.
_MOMENT_COLUMNS = ("recorded_at", "announced_at")


@dataclass(frozen=True)
class ImportRequest:
    """What was typed after `moodlog import`."""

    file: str
    source: str | None = None  # moodlog or daylio; None: told from the file
    mood_maps: tuple[MoodMapping, ...] = ()
    dry_run: bool = False
    # What the source and the mood mappings are called in messages (the command line passes
    # its options' names).
    source_label: str = "source"
    mood_map_label: str = "mood map"


class _DryRun(Exception):
    def __init__(self, result: ImportResult) -> None:
        super().__init__("dry run")
        self.result = result


# The largest file import reads. A ten-year journal exports to a few MiB; this leaves room for
# several notes of the longest text an import takes (16 MiB each), while reading, decoding and
# parsing the file stays within a few hundred MiB of memory (docs/import.md).
LARGEST_IMPORT_FILE = 128 * 1024 * 1024


def _read(path: Path, typed: str) -> bytes:
    typed = escaped(typed)  # a file named with a line break is named on one line
    if path.is_dir():
        raise InvalidValue(f"{typed} is a folder; give the file to import")
    try:
        with path.open("rb") as file:
            data = file.read(LARGEST_IMPORT_FILE + 1)
        if len(data) > LARGEST_IMPORT_FILE:
            raise InvalidValue(
                f"{typed} is larger than {LARGEST_IMPORT_FILE // 2**20} MiB, the largest file "
                "moodlog imports; no export of a journal is that large"
            )
        return data
    except FileNotFoundError:
        raise NotFound(f"{typed} does not exist; give the path of the file to import") from None
    except OSError as error:
        raise JournalError(f"cannot read {typed}: {error.strerror}") from None


def import_file(
    journal: Journal, request: ImportRequest, progress: Progress | None = None
) -> ImportResult:
    """Read, check and import the file the request names, all or nothing. Imported records
    carry their own times: the moment of the import is kept nowhere. A damaged journal is
    refused before the file is read, so nothing is added to it."""
    journal.check_whole()
    with many_records():
        return _import(journal, request, progress or (lambda _: None))


def _import(journal: Journal, request: ImportRequest, step: Progress) -> ImportResult:
    path = Path(request.file).expanduser().absolute()
    name = path.name
    source = request.source
    step(f"reading {name}")
    text = decode_text(_read(path, request.file), name)
    if text.lstrip().startswith(("{", "[")):
        if source == "daylio":
            raise InvalidValue(
                f"{name} is JSON, not Daylio's CSV export; leave out {request.source_label} daylio"
            )
        _no_mood_maps(request, name)
        document = _journal_document(text, name)
        step("checking the records")
        return _in_transaction(
            journal,
            request,
            lambda connection: _restore(connection, document, path, step),
        )
    csv_file, scale_ranges = _symptom_scale_ranges(without_spreadsheet_marks(read_csv(text)))
    kind = _csv_kind(csv_file, name, source, request.source_label)
    step(f"checking {len(csv_file.rows)} rows")
    if kind == DAYLIO_CSV:
        return _import_daylio(journal, request, path, csv_file, step)
    _no_mood_maps(request, name)
    return _import_entries(journal, request, path, csv_file, step, scale_ranges)


def _in_transaction(
    journal: Journal, request: ImportRequest, work: Callable[[sqlite3.Connection], ImportResult]
) -> ImportResult:
    """Do the work in one transaction; for a dry run, roll it back and say what it did."""
    try:
        with journal.transaction() as connection:
            result = work(connection)
            if request.dry_run:
                result.dry_run = True
                raise _DryRun(result)
    except _DryRun as dry_run:
        return dry_run.result
    return result


def _no_mood_maps(request: ImportRequest, name: str) -> None:
    if request.mood_maps:
        raise InvalidValue(
            f"{request.mood_map_label} is for Daylio's export; {name} is moodlog's own"
        )


def _csv_kind(csv_file: CsvFile, name: str, source: str | None, source_label: str) -> str:
    """Daylio's export or moodlog's entries CSV, told by the header; any other file is an
    error that says what it looks like and what can be imported."""
    header = csv_file.header
    if is_daylio_header(header):
        if source == "moodlog":
            raise InvalidValue(
                f"{name} is Daylio's export; use {source_label} daylio or leave {source_label} out"
            )
        return DAYLIO_CSV
    if header == DAILY_COLUMNS:
        raise InvalidValue(
            f"{name} is moodlog's daily export: a summary of each day, which cannot be imported "
            "back. Import the entries CSV (moodlog export --table entries) or the whole journal "
            "(moodlog export --format json)"
        )
    for table in table_rows.RECORD_TABLES:
        if table != "entries" and header == table_rows.TABLES[table].columns:
            raise InvalidValue(
                f"{name} is moodlog's {table} export; of the CSV exports only entries can be "
                "imported. The whole-journal JSON (moodlog export --format json) restores "
                f"{table} too"
            )
    if "day" in header:
        unknown = [column for column in header if column not in ENTRY_COLUMNS]
        if unknown:
            raise InvalidValue(
                f"{name} has columns that are not in moodlog's entries CSV: "
                f"{', '.join(unknown)}; its columns are {','.join(ENTRY_COLUMNS)} (only day is "
                "needed)"
            )
        if source == "daylio":
            raise InvalidValue(
                f"{name} is moodlog's entries CSV, not Daylio's export (its header has no "
                f"full_date, time, mood, activities); leave out {source_label} daylio"
            )
        return ENTRIES_CSV
    shown = ",".join(header) if header else "nothing"
    raise InvalidValue(
        f"{name} is not a file moodlog can import: its header ({shown}) is neither moodlog's "
        f"entries CSV ({','.join(ENTRY_COLUMNS)}) nor Daylio's export "
        f"({','.join(DAYLIO_COLUMNS)})"
    )


# --- moodlog's entries CSV --------------------------------------------------------------------


def _import_entries(
    journal: Journal,
    request: ImportRequest,
    path: Path,
    csv_file: CsvFile,
    step: Progress,
    scale_ranges: dict[str, tuple[float, float] | None] | None = None,
) -> ImportResult:
    def work(connection: sqlite3.Connection) -> ImportResult:
        starts_at = clock.day_starts_at(connection)
        scales = list_scales(connection)
        held = {scale.name for scale in scales}
        # A symptom on a scale the file brings is checked against the file's range.
        scales += [
            Scale(name, *span)
            for name, span in (scale_ranges or {}).items()
            if span is not None and name not in held
        ]
        problems = list(csv_file.problems)
        rows: list[tuple[Entry, int | None]] = []
        for row in csv_file.rows:
            entry, wanted_id, messages = check_entry_row(row.values, starts_at)
            if entry is not None:
                messages += symptoms_in_range(entry.symptoms, scales)
            problems += [Problem(f"line {row.line}", message, row.line) for message in messages]
            if entry is not None and not messages:
                rows.append((entry, wanted_id))
        if problems:
            raise ImportProblems(path.name, problems)
        step("saving")
        result = ImportResult(path, ENTRIES_CSV)
        _add_symptom_scales(connection, path.name, rows, scale_ranges or {}, result)
        add_entries(connection, rows, result)
        return result

    return _in_transaction(journal, request, work)


def _symptom_scale_ranges(
    csv_file: CsvFile,
) -> tuple[CsvFile, dict[str, tuple[float, float] | None]]:
    """The file without its ``symptom_scales`` column, and the scale ranges that column gives
    (none for a file without it: an export of an older moodlog, or one from elsewhere). A
    cell that is not ranges, or a scale given two ranges, is a problem of its line."""
    if SYMPTOM_SCALES_COLUMN not in csv_file.header:
        return csv_file, {}
    header = tuple(column for column in csv_file.header if column != SYMPTOM_SCALES_COLUMN)
    ranges: dict[str, tuple[float, float] | None] = {}
    rows: list[CsvRow] = []
    problems = list(csv_file.problems)
    for row in csv_file.rows:
        values = dict(row.values)
        try:
            given = read_scale_ranges(values.pop(SYMPTOM_SCALES_COLUMN))
        except InvalidValue as error:
            problems.append(Problem(f"line {row.line}", str(error), row.line))
            continue
        for scale, span in given.items():
            if ranges.setdefault(scale, span) != span:
                problems.append(
                    Problem(
                        f"line {row.line}",
                        f"{SYMPTOM_SCALES_COLUMN} gives scale {scale} another range than an "
                        "earlier line",
                        row.line,
                    )
                )
        rows.append(CsvRow(row.line, values))
    return CsvFile(header, rows, problems), ranges


def _add_symptom_scales(
    connection: sqlite3.Connection,
    name: str,
    rows: list[tuple[Entry, int | None]],
    ranges: dict[str, tuple[float, float] | None],
    result: ImportResult,
) -> None:
    """Add the symptom scales the entries use that the journal lacks, with the ranges the file
    gives; refuse the file, naming them, when it gives none for some."""
    used = [symptom for entry, _ in rows for symptom in entry.symptoms]
    known = [scale.name for scale in list_scales(connection)]
    try:
        added = scales_to_add(used, known, ranges)
    except InvalidValue as error:
        raise InvalidValue(f"{name}: {error}") from None
    for scale in added:
        add_scale(connection, scale)
    if added:
        result.added["scales"] = len(added)


def spell_tags_as_known(connection: sqlite3.Connection, entries: list[Entry]) -> None:
    """Each imported tag in the spelling the journal, or an earlier entry of the file, has for
    it (compared after case folding, docs/daily-use.md): ``Café`` where the journal has
    ``café`` is ``café``."""
    spelling: dict[str, str] = {}
    for tag in tag_spellings(connection):
        spelling.setdefault(name_key(tag), tag)
    for entry in entries:
        entry.tags = spelled_as_known(entry.tags, spelling.values())
        for tag in entry.tags:
            spelling.setdefault(name_key(tag), tag)


def add_entries(
    connection: sqlite3.Connection, rows: list[tuple[Entry, int | None]], result: ImportResult
) -> None:
    """Add the entries the journal does not hold yet. An entry is already there when one has
    the same import key, or the same values in every column but the id. An entry keeps the id
    the file gives it when the journal has never given that id, else gets a new one."""
    table = table_rows.TABLES["entries"]
    existing = table_rows.read_rows(connection, table)
    key_at = ENTRY_COLUMNS.index("import_key")
    keys = {row[key_at] for row in existing if row[key_at]}
    contents = Counter(row[1:] for row in existing)
    taken = {row[0] for row in existing}
    to_add: list[tuple[Entry, int | None]] = []
    spell_tags_as_known(connection, [entry for entry, _ in rows])
    for entry, wanted in rows:
        values = entry_row(entry)
        content = tuple(values[column] for column in ENTRY_COLUMNS[1:])
        if entry.import_key in keys:
            result.already += 1
        elif contents[content] > 0:
            contents[content] -= 1
            result.already += 1
        else:
            if entry.import_key:
                keys.add(entry.import_key)
            to_add.append((entry, wanted))
    given = table_rows.highest_id_given(connection, table)
    for entry, wanted in to_add:
        if wanted is not None and wanted not in taken and wanted > given:
            entry.id = wanted
            taken.add(wanted)
    next_id = max(given, *taken, 0) + 1
    for entry, wanted in to_add:
        if entry.id is None:
            entry.id, next_id = next_id, next_id + 1
            result.new_ids += wanted is not None
        values = entry_row(entry)
        table_rows.insert_row(connection, table, ENTRY_COLUMNS, [values[c] for c in ENTRY_COLUMNS])
        for flag in entry_flags(entry, entry.recorded_at):
            insert_flag(connection, flag)
            result.added["safety_flags"] = result.added.get("safety_flags", 0) + 1
    if to_add:
        result.added["entries"] = len(to_add)


# --- Daylio -----------------------------------------------------------------------------------


def _import_daylio(
    journal: Journal, request: ImportRequest, path: Path, csv_file: CsvFile, step: Progress
) -> ImportResult:
    moods = mood_map(request.mood_maps)
    read = daylio_entries(csv_file.rows, moods, request.mood_map_label)
    problems = csv_file.problems + read.problems
    if problems:
        raise ImportProblems(path.name, problems)

    def work(connection: sqlite3.Connection) -> ImportResult:
        step("saving")
        result = ImportResult(
            path, DAYLIO_CSV, renamed=read.renamed, kept_in_note=read.kept_in_note
        )
        keys = import_keys(connection, "daylio")
        spell_tags_as_known(connection, read.entries)
        added = 0
        for entry in read.entries:
            if entry.import_key in keys:
                result.already += 1
                continue
            insert_entry(connection, entry)
            added += 1
        if added:
            result.added["entries"] = added
        return result

    return _in_transaction(journal, request, work)


# --- moodlog's whole-journal JSON ---------------------------------------------------------------


class _WrittenNumber(float):
    """A number as the file writes it, kept beside its value, so that a message names
    ``1e400`` or ``NaN`` as written rather than as the float it became."""

    written: str

    def __new__(cls, text: str) -> _WrittenNumber:
        number = super().__new__(cls, text)
        number.written = text
        return number

    def __repr__(self) -> str:
        return self.written


class _LongNumber(str):
    """A whole number too long for any column (Python refuses to read one of over 4,300
    digits at all); kept as its text, so the record holding it is named."""

    def __repr__(self) -> str:
        return f"{self[:12]}…({len(self):,} digits)"


# Far more digits than any whole number a journal keeps (2^63 has 19).
_LONGEST_WHOLE_NUMBER = 40


def _whole_number(text: str) -> int | _LongNumber:
    return int(text) if len(text) <= _LONGEST_WHOLE_NUMBER else _LongNumber(text)


def _journal_document(text: str, name: str) -> dict[str, Any]:
    """The document, after checking it is a whole-journal export this moodlog can read."""
    try:
        document = json.loads(
            text,
            parse_float=_WrittenNumber,
            parse_constant=_WrittenNumber,
            parse_int=_whole_number,
        )
    except json.JSONDecodeError as error:
        raise InvalidValue(
            f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        # moodlog writes four levels; Python's reader gives up near a thousand.
        raise InvalidValue(
            f"{name} nests arrays or objects too deeply to be a moodlog journal export"
        ) from None
    if isinstance(document, list):
        raise InvalidValue(
            f"{name} is a one-table JSON export; import takes the whole journal "
            "(moodlog export --format json) or the entries CSV (moodlog export --table entries)"
        )
    version = document.get("moodlog") if isinstance(document, dict) else None
    if not isinstance(version, int) or isinstance(version, bool):
        raise InvalidValue(
            f'{name} is not a moodlog journal export (it has no "moodlog" format number)'
        )
    if version < 1:
        raise InvalidValue(
            f'{name}: "moodlog" {shown(version)} is not a format number; moodlog writes '
            f"1 to {JOURNAL_FORMAT}"
        )
    schema = document.get("schema", [])
    if not isinstance(schema, list) or not all(isinstance(step, str) for step in schema):
        raise InvalidValue(
            f'{name}: "schema" {shown(schema)} is not a list of schema steps, '
            f'e.g. ["{MIGRATION_NAMES[0]}"]'
        )
    unknown = [step for step in schema if step not in MIGRATION_NAMES]
    if version > JOURNAL_FORMAT or unknown:
        newer = f"schema step {escaped(unknown[-1][:60])}" if unknown else f"format {version}"
        raise InvalidValue(
            f"{name} was written by a newer moodlog ({newer}); upgrade moodlog to import it"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise InvalidValue(f'{name} has no "tables"; it is not a whole-journal export')
    strange = [escaped(table[:60]) for table in tables if table not in table_rows.TABLES]
    if strange:
        raise InvalidValue(
            f"{name} has tables this moodlog does not know ({', '.join(strange)}); it was "
            "written by a newer moodlog, or changed by hand"
        )
    return tables


def _check_value(column: table_rows.Column, value: Any) -> tuple[Any, str | None]:
    """The value as the journal stores it, or what is wrong with it."""
    if value is None:
        # A record's key (its id, a scale's name) is what other records refer to it by; an
        # export always writes it.
        needed = column.required or column.key
        return None, f"{column.name} is empty; it needs a value" if needed else None
    if column.type == "TEXT":
        if not isinstance(value, str) or isinstance(value, _LongNumber):
            return value, f"{column.name} {shown(value)} is not text"
        return value, check_text_length(column.name, value) or _text_format(column.name, value)
    if isinstance(value, _LongNumber):
        return value, f"{column.name} {shown(value)} is out of range"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value, f"{column.name} {shown(value)} is not a number"
    if isinstance(value, float) and not math.isfinite(value):
        return value, check_number(column.name, value)
    if column.type == "REAL":
        return float(value), None
    if isinstance(value, float) and not value.is_integer():
        return value, f"{column.name} {shown(value)} is not a whole number"
    whole = int(value)
    if (
        column.name == "id"
        or column.name.endswith("_id")
        or column.name in ("replaces", "withdraws")
    ):
        return whole, check_id(column.name, whole)
    return whole, check_number(column.name, whole)


# Far longer than any date, time or timestamp moodlog writes.
_LONGEST_MOMENT = 40


def _text_format(column: str, value: str) -> str | None:
    moment_column = column in _DATE_COLUMNS or column in ("time", *_MOMENT_COLUMNS)
    if moment_column and len(value) > _LONGEST_MOMENT:
        return f"{column} {shown(value)} is not a date or time moodlog writes"
    try:
        if column in _DATE_COLUMNS:
            parse_iso_date(value, column)
        elif column == "time":
            parse_time(value, column)
        elif column in _MOMENT_COLUMNS:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is None:
                return f"{column} {value!r} has no UTC offset; e.g. 2026-11-26T21:40:12+01:00"
            check_kept_day(moment.date(), column, value)
    except InvalidValue as error:
        return str(error)
    except ValueError:
        return f"{column} {value!r} is not a timestamp; e.g. 2026-11-26T21:40:12+01:00"
    return None


def _check_record(
    table: table_rows.Table,
    declared: dict[str, table_rows.Column],
    record: Any,
    where: str,
    line: int,
    starts_at: time,
    known: Known,
) -> tuple[tuple[Any, ...] | None, list[Problem]]:
    """The record as a row in the table's column order, or its problems."""
    if not isinstance(record, dict):
        return None, [Problem(where, "is not a record ({...})", line)]
    problems = [
        Problem(where, f"{shown(key)} is not a column of {table.name}", line)
        for key in record
        if key not in declared
    ]
    values = []
    for name in table.columns:
        value, problem = _check_value(declared[name], record.get(name))
        values.append(value)
        if problem:
            problems.append(Problem(where, problem, line))
    named = dict(zip(table.columns, values, strict=True))
    if not problems:
        found = check_stored(table.name, named, known)
        problems += [Problem(where, message, line) for message in found]
    if table.name == "entries" and not problems:
        cells = {
            name: ""
            if value is None
            else number_text(value)
            if isinstance(value, float)
            else str(value)
            for name, value in zip(table.columns, values, strict=True)
        }
        entry, entry_id, messages = check_entry_row(cells, starts_at)
        if entry is not None:
            entry.id = entry_id
            messages += check_entry(entry, known)
        problems += [Problem(where, message, line) for message in messages]
    if problems:
        return None, problems
    stored = stored_form(table.name, named)
    return tuple(stored[name] for name in table.columns), problems


def _where(table: str, index: int, record: Any) -> str:
    record_id = record.get("id") if isinstance(record, dict) else None
    shown_id = f" (id {shown(record_id)})" if record_id is not None else ""
    return f"tables.{table}[{index}]{shown_id}"


def _restore(
    connection: sqlite3.Connection, document: dict[str, Any], path: Path, step: Progress
) -> ImportResult:
    """Restore every table of a whole-journal export into an empty journal, ids kept; when the
    journal already holds every record of the file, add nothing."""
    starts_at = clock.day_starts_at(connection)
    known = Known()
    problems: list[Problem] = []
    rows: dict[str, list[tuple[Any, ...]]] = {}
    line = 0
    for table in table_rows.JOURNAL_TABLES:
        records = document.get(table.name, [])
        if not isinstance(records, list):
            problems.append(Problem(f"tables.{table.name}", "is not a list of records", line))
            continue
        rows[table.name] = []
        declared = table_rows.declared_columns(connection, table)
        for index, record in enumerate(records):
            line += 1
            where = _where(table.name, index, record)
            row, found = _check_record(table, declared, record, where, line, starts_at, known)
            problems += found
            if row is not None:
                rows[table.name].append(row)
    if problems:
        raise ImportProblems(path.name, problems, "record")
    result = ImportResult(path, JOURNAL_JSON)
    held = table_rows.row_counts(connection)
    if held:
        _already_restored(connection, rows, held, path, result)
        return result
    step("saving")
    table_rows.defer_reference_checks(connection)
    line = 0
    for table in table_rows.JOURNAL_TABLES:
        table_rows_of_file = rows.get(table.name, [])
        writing, written = table_rows_of_file, 0
        if table.name == "settings":
            writing, written = restore_fhir_namespace(connection, table_rows_of_file)
        for index, error in table_rows.insert_rows(connection, table, table.columns, writing):
            record = dict(zip(table.columns, writing[index], strict=True))
            problems.append(
                Problem(
                    _where(table.name, index, record),
                    f"the journal refuses it: {error}",
                    line + index + 1,
                )
            )
        line += len(table_rows_of_file)
        written += len(writing)
        if written:
            result.added[table.name] = written
    broken = table_rows.broken_references(connection, rows)
    for place, (table_name, row_id, column) in enumerate(broken, start=line + 1):
        problems.append(
            Problem(
                f"tables.{table_name} (id {row_id})",
                f"{column} refers to a record that is not in the file",
                place,
            )
        )
    if problems:
        raise ImportProblems(path.name, problems, "record")
    return result


def _already_restored(
    connection: sqlite3.Connection,
    rows: dict[str, list[tuple[Any, ...]]],
    held: dict[str, int],
    path: Path,
    result: ImportResult,
) -> None:
    """A whole journal goes into an empty journal only; importing it again into the journal it
    was restored into adds nothing."""
    missing = 0
    for table in table_rows.JOURNAL_TABLES:
        present = set(table_rows.read_rows(connection, table))
        missing += sum(row not in present for row in rows.get(table.name, []))
    if missing:
        holds = ", ".join(f"{count} {table}" for table, count in held.items())
        raise InvalidValue(
            f"{path.name} is a whole journal, which is restored into an empty journal only; "
            f"this journal already holds {holds}. Restore it into a new one: moodlog --db "
            f"NEW.db import {path.name} (then use --db or MOODLOG_DB to open it)"
        )
    result.already = sum(len(table) for table in rows.values())

"""`moodlog export`: a table of the journal, or the whole journal, as CSV or JSON.

Everything is read in one transaction (one consistent snapshot) and written at once: to
standard output by the command, or atomically to a 0600 file. docs/csv.md is the
contract of the columns.
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from moodlog.actions import clock
from moodlog.domain.daily_export import DAILY_COLUMNS, JournalRecords, daily_rows
from moodlog.domain.days import DaySpec, Period, check_order
from moodlog.domain.doses import DueRule
from moodlog.domain.settings import FHIR_BIRTH_DATE, FHIR_NAME
from moodlog.domain.symptom_ranges import SYMPTOM_SCALES_COLUMN, scale_ranges_text
from moodlog.errors import InvalidValue
from moodlog.render.export import csv_text, journal_json, records_json
from moodlog.storage import tables as table_rows
from moodlog.storage.appointments import list_appointments
from moodlog.storage.days import first_recorded_day
from moodlog.storage.entries import entries_in
from moodlog.storage.files import write_private_file
from moodlog.storage.journal import Journal
from moodlog.storage.medications import doses_in, load_medicines
from moodlog.storage.questionnaires import questionnaires_in
from moodlog.storage.safety import safety_flags_in
from moodlog.storage.scales import list_scales
from moodlog.storage.settings import all_settings, fhir_namespace
from moodlog.storage.targets import out_target
from moodlog.storage.therapy import sessions_in, skill_uses_in

FORMATS = ("csv", "json")
FHIR = "fhir"
DAILY, ALL = "daily", "all"
TABLE_CHOICES = (DAILY, *table_rows.RECORD_TABLES, ALL)


@dataclass(frozen=True)
class ExportRequest:
    """What was typed after `moodlog export`."""

    table: str = DAILY  # one of TABLE_CHOICES (all only as JSON)
    format: str = "csv"  # or json
    since: DaySpec | None = None
    until: DaySpec | None = None
    out: str | None = None
    spreadsheet_safe: bool = False  # for CSV
    out_label: str = "file"  # what ``out`` is called in messages
    include_notes: bool = False  # for FHIR, made for someone else: notes only when asked
    include_safety_flags: bool = False  # for FHIR likewise


@dataclass(frozen=True)
class Exported:
    """The export's text, what it holds, and where it was written (None: for standard
    output)."""

    text: str
    table: str
    format: str
    rows: int
    path: Path | None = None


def read_table(text: str, label: str = "table") -> str:
    """One of :data:`TABLE_CHOICES`, in any case."""
    table = text.strip().lower()
    if table not in TABLE_CHOICES:
        raise InvalidValue(f"{label} {text!r} is not a table; allowed: {', '.join(TABLE_CHOICES)}")
    return table


def _bounds(request: ExportRequest, today: date) -> tuple[date | None, date | None]:
    first = request.since.resolve(today) if request.since else None
    last = request.until.resolve(today) if request.until else None
    if request.since and first is not None and last is not None:
        check_order(request.since, first, request.until, last)
    return first, last


def _span(
    connection: sqlite3.Connection, first: date | None, last: date | None, today: date
) -> Period:
    """The days an export covers, for its file's name: from the first day asked for (else the
    journal's first day) to the last (else today, or the later day of an entry made ahead)."""
    return clock.whole_journal(connection, today, first, last)


def _daily(
    connection: sqlite3.Connection, first: date | None, last: date | None, rule: DueRule
) -> list[tuple[Any, ...]]:
    """The ``daily`` rows: from the first day asked for (else the journal's first day) to the
    last (else today), never past today (or past a later day holding an entry recorded where
    the clock was ahead, see :func:`clock.period_end`); doses counted as ``rule`` says."""
    period = _days_of(connection, first, last, rule)
    if period is None:
        return []
    records = JournalRecords(
        entries=entries_in(connection, period, rule.day_starts_at),
        medicines=load_medicines(connection),
        dose_logs=doses_in(connection, period),
        skill_uses=skill_uses_in(connection, period),
        sessions=sessions_in(connection, period),
        questionnaires=questionnaires_in(connection, period),
        safety_flags=safety_flags_in(connection, period),
        appointments=[a for a in list_appointments(connection) if a.day in period],
    )
    return daily_rows(records, period, rule)


def _whole_journal(
    connection: sqlite3.Connection, first: date | None, last: date | None
) -> tuple[str, int]:
    tables = {
        table.name: (table.columns, table_rows.read_rows(connection, table, first, last))
        for table in table_rows.JOURNAL_TABLES
    }
    period = None
    if first is not None or last is not None:
        period = {
            "since": first.isoformat() if first else None,
            "until": last.isoformat() if last else None,
        }
    text = journal_json(table_rows.schema_steps(connection), period, tables)
    return text, sum(len(rows) for _, rows in tables.values())


def export_path(
    request: ExportRequest, journal: Journal, table: str, fmt: str, cwd: Path, span: Period
) -> Path:
    """``out`` as a file (replaced if there), or a folder (one that exists, or a path ending
    in a separator) to put ``moodlog-TABLE-FROM-TO.FMT`` in, ``span`` giving the days; never
    a file that is not moodlog's to replace (see :mod:`moodlog.storage.targets`)."""
    assert request.out is not None
    name = f"moodlog-{table}-{span.first.isoformat()}-{span.last.isoformat()}.{fmt}"
    target, _ = out_target(
        request.out, cwd, journal.path, request.out_label, lambda folder: folder / name
    )
    return target


@contextlib.contextmanager
def many_records() -> Iterator[None]:
    """Work that makes tens of thousands of small records (a 10-year journal's entries and dose
    logs) and keeps them to the end: Python's cycle collector would walk them all again and
    again while they are made (a quarter of an export's time), and there are no cycles to
    find, so it waits until the work is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _with_scale_ranges(
    connection: sqlite3.Connection, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """The entries with a last column giving the range of each symptom scale a row names, so
    the file imports with its scales into a journal that lacks them (docs/csv.md)."""
    scales = list_scales(connection)
    at = columns.index("symptoms")
    with_ranges = []
    for row in rows:
        names = [part.partition("=")[0] for part in (row[at] or "").split(";") if part]
        with_ranges.append((*row, scale_ranges_text(names, scales)))
    return (*columns, SYMPTOM_SCALES_COLUMN), with_ranges


def export_journal(
    journal: Journal, request: ExportRequest, now: datetime | None = None, cwd: Path | None = None
) -> Exported:
    """The export the request names, read in one transaction; written to ``out`` when given
    (atomically, 0600), else returned for standard output."""
    now = clock.now(now)
    fmt, table = request.format, request.table
    with many_records(), journal.transaction(write=False) as connection:
        rule = clock.due_rule(journal, now)
        first, last = _bounds(request, rule.today)
        if table == ALL:
            text, count = _whole_journal(connection, first, last)
        else:
            if table == DAILY:
                columns: tuple[str, ...] = DAILY_COLUMNS
                rows = _daily(connection, first, last, rule)
            else:
                record_table = table_rows.TABLES[table]
                columns = record_table.columns
                rows = table_rows.read_rows(connection, record_table, first, last)
                if table == "entries":
                    columns, rows = _with_scale_ranges(connection, columns, rows)
            count = len(rows)
            if fmt == "csv":
                text = csv_text(columns, rows, request.spreadsheet_safe)
            else:
                text = records_json(columns, rows) + "\n"
        span = _span(connection, first, last, rule.today)
    if request.out is None:
        return Exported(text, table, fmt, count)
    path = export_path(request, journal, table, fmt, cwd or Path.cwd(), span)
    write_private_file(path, text.encode("utf-8"))
    return Exported(text, table, fmt, count, path)


def export_fhir(
    journal: Journal, request: ExportRequest, now: datetime | None = None, cwd: Path | None = None
) -> Exported:
    """The journal's records of the period as one FHIR R4 Bundle in JSON (docs/fhir.md), read
    in one transaction; written to ``out`` when given (atomically, 0600)."""
    from moodlog.domain.fhir import FhirRecords, fhir_bundle
    from moodlog.render.export import fhir_entry, fhir_json

    now = clock.now(now)
    with many_records(), journal.transaction(write=False) as connection:
        namespace = fhir_namespace(connection)
        if namespace is None:
            raise InvalidValue(
                "this journal has no fhir.id-namespace, the UUID its FHIR ids are made from; "
                "set the one it had (moodlog config set fhir.id-namespace UUID), or a new one"
            )
        rule = clock.due_rule(journal, now)
        first, last = _bounds(request, rule.today)
        if request.since and first is not None:
            # A period that starts after today holds no day yet.
            check_order(request.since, first, None, rule.today)
        span = _span(connection, first, last, rule.today)
        asked = Period(first or span.first, last or span.last) if first or last else None
        settings = all_settings(connection)
        records = FhirRecords(
            namespace=namespace,
            today=rule.today,
            rule=rule,
            day_starts_at=rule.day_starts_at,
            name=settings[FHIR_NAME],
            birth_date=settings[FHIR_BIRTH_DATE],
            period=asked,
            entries=entries_in(connection, span, rule.day_starts_at),
            questionnaires=questionnaires_in(connection, span),
            medicines=load_medicines(connection),
            dose_logs=doses_in(connection, span),
            safety_flags=safety_flags_in(connection, span) if request.include_safety_flags else (),
            scales=list_scales(connection),
            include_notes=request.include_notes,
            include_safety_flags=request.include_safety_flags,
        )
        days = _days_of(connection, first, last, rule)
        lines: list[str] = []
        head, count = fhir_bundle(records, days, lambda entry: lines.append(fhir_entry(entry)))
    text = fhir_json(head, lines)
    if request.out is None:
        return Exported(text, FHIR, FHIR, count)
    path = export_path(request, journal, FHIR, "json", cwd or Path.cwd(), span)
    write_private_file(path, text.encode("utf-8"))
    return Exported(text, FHIR, FHIR, count, path)


def _days_of(
    connection: sqlite3.Connection, first: date | None, last: date | None, rule: DueRule
) -> Period | None:
    """The days a daily export holds: from the first day asked for (else the journal's first
    day) to the last (else today), never past :func:`clock.period_end`; None when none."""
    first = first or first_recorded_day(connection)
    end = clock.period_end(connection, rule.today)
    last = min(last or end, end)
    if first is None or first > last:
        return None
    return Period(first, last)

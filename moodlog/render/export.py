"""Export files written exactly: CSV (RFC 4180) and JSON from the journal's rows.

CSV: UTF-8 without a byte-order mark, a header row, ``\\r\\n`` line ends, fields quoted only
when they hold a comma, a quote or a line end, an empty cell for no value. Numbers are written
in their shortest exact form (``7``, ``7.5``), so they read back as the very same numbers.
JSON: UTF-8, one record per line, numbers as numbers, ``null`` for no value. Nothing in either
depends on the moment of the export, so the same journal always gives the same bytes.
docs/csv.md is the contract.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from moodlog.domain.entries import number_text
from moodlog.domain.spreadsheet import MARKED, SPREADSHEET_SAFE_COLUMN, spreadsheet_safe

# The document format of the whole-journal JSON; a reader refuses a higher one.
JOURNAL_FORMAT = 1


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return value
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def csv_text(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], safe_for_spreadsheets: bool = False
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if safe_for_spreadsheets:
        writer.writerow([*columns, SPREADSHEET_SAFE_COLUMN])
        writer.writerows(
            [*(spreadsheet_safe(cell_text(value)) for value in row), MARKED] for row in rows
        )
    else:
        writer.writerow(columns)
        # The csv module writes None as an empty cell and whole numbers as they are; only
        # floats need their shortest exact form (it would write 7.0 for 7).
        writer.writerows(
            [number_text(value) if type(value) is float else value for value in row] for row in rows
        )
    return buffer.getvalue()


def _record(columns: Sequence[str], row: Sequence[Any]) -> str:
    return json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False)


def records_json(columns: Sequence[str], rows: Sequence[Sequence[Any]], indent: str = "") -> str:
    """A JSON array of records (objects with the columns as keys, in order), one per line."""
    if not rows:
        return "[]"
    lines = [f"{indent} {_record(columns, row)}" for row in rows]
    return "[\n" + ",\n".join(lines) + f"\n{indent}]"


def journal_json(
    schema: Sequence[str],
    period: Mapping[str, str | None] | None,
    tables: Mapping[str, tuple[Sequence[str], Sequence[Sequence[Any]]]],
) -> str:
    """The whole journal as one JSON document: its format, the schema steps of the journal it
    came from, the period (None for everything) and every table's records."""
    head = (
        f'{{\n "moodlog": {JOURNAL_FORMAT},\n'
        f' "schema": {json.dumps(list(schema))},\n'
        f' "period": {json.dumps(period)},\n'
        ' "tables": {\n'
    )
    bodies = [
        f"  {json.dumps(name)}: {records_json(columns, rows, indent='  ')}"
        for name, (columns, rows) in tables.items()
    ]
    return head + ",\n".join(bodies) + "\n }\n}\n"


def fhir_entry(entry: dict[str, Any]) -> str:
    """One entry of a FHIR Bundle as one line of JSON: UTF-8 text as it is (no escapes), keys
    in the order built."""
    return json.dumps(entry, ensure_ascii=False)


def fhir_json(head: dict[str, Any], entries: Sequence[str]) -> str:
    """A FHIR Bundle as JSON: its head, then its entries (made by :func:`fhir_entry`), one
    resource per line, so a diff of two exports reads resource by resource."""
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    if not entries:
        return opening + ', "entry": []}\n'
    lines = ",\n".join(entries)
    return f'{opening}, "entry": [\n{lines}\n]}}\n'

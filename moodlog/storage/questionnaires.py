"""Questionnaire rows: the ``questionnaires`` table, one column per item."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from moodlog.domain.days import Period
from moodlog.domain.questionnaires import Questionnaire
from moodlog.storage.rows import (
    all_rows,
    delete_row,
    get_row,
    insert_record,
    record_row,
    row_values,
    rows_in,
    update_row,
)

ITEM_COLUMNS = tuple(f"item{number}" for number in range(1, 10))
# The column order as moodlog reads and writes it (and as the export writes it): the contract
# of docs/schema.md. A GAD-7 leaves item8 and item9 empty.
QUESTIONNAIRE_COLUMNS = (
    "id",
    "day",
    "instrument",
    *ITEM_COLUMNS,
    "difficulty",
    "total",
    "band",
    "recorded_at",
)

_SELECT = f"SELECT {', '.join(QUESTIONNAIRE_COLUMNS)} FROM questionnaires"


def _from_row(row: tuple[Any, ...]) -> Questionnaire:
    values = row_values(QUESTIONNAIRE_COLUMNS, row)
    items = [values.pop(column) for column in ITEM_COLUMNS]
    return Questionnaire(answers=tuple(int(item) for item in items if item is not None), **values)


def questionnaire_row(questionnaire: Questionnaire) -> dict[str, Any]:
    """A questionnaire as the values of its row: each answer in its item's column, an item the
    form does not ask (a GAD-7's item8 and item9) None."""
    row = record_row(questionnaire, [c for c in QUESTIONNAIRE_COLUMNS if c not in ITEM_COLUMNS])
    row.update(dict.fromkeys(ITEM_COLUMNS))
    row.update(zip(ITEM_COLUMNS, questionnaire.answers, strict=False))
    return row


def insert_questionnaire(connection: sqlite3.Connection, questionnaire: Questionnaire) -> int:
    row = questionnaire_row(questionnaire)
    questionnaire.id = insert_record(connection, "questionnaires", row)
    return questionnaire.id


def nearest_other(
    connection: sqlite3.Connection, instrument: str, day: date, window_days: int
) -> Questionnaire | None:
    """The same questionnaire answered within ``window_days`` of ``day`` (either side), the
    closest first: the questions cover two weeks, so such answers overlap."""
    reach = timedelta(days=window_days - 1)
    first, last = day - reach, day + reach
    row = connection.execute(
        f"{_SELECT} WHERE instrument = ? AND day BETWEEN ? AND ? "
        "ORDER BY abs(julianday(day) - julianday(?)), id DESC LIMIT 1",
        (instrument, first.isoformat(), last.isoformat(), day.isoformat()),
    ).fetchone()
    return _from_row(row) if row else None


def questionnaires_in(
    connection: sqlite3.Connection, period: Period | None, instrument: str | None = None
) -> list[Questionnaire]:
    """The questionnaires answered in the period (None: ever; of one instrument, or both),
    oldest first."""
    if period is None:
        rows = all_rows(connection, "questionnaires", QUESTIONNAIRE_COLUMNS, "day, id")
    else:
        rows = rows_in(connection, "questionnaires", QUESTIONNAIRE_COLUMNS, period)
    answers = [_from_row(row) for row in rows]
    return [answer for answer in answers if instrument in (None, answer.instrument)]


def get_questionnaire(connection: sqlite3.Connection, questionnaire_id: int) -> Questionnaire:
    row = get_row(
        connection,
        "questionnaires",
        QUESTIONNAIRE_COLUMNS,
        questionnaire_id,
        "questionnaire",
        "moodlog check list",
    )
    return _from_row(row)


def move_questionnaire(connection: sqlite3.Connection, questionnaire_id: int, day: date) -> None:
    """Move a questionnaire to another day; the safety flags it raised move with it."""
    update_row(connection, "questionnaires", questionnaire_id, {"day": day})
    connection.execute(
        "UPDATE safety_flags SET day = ? WHERE questionnaire_id = ?",
        (day.isoformat(), questionnaire_id),
    )


def delete_questionnaire(connection: sqlite3.Connection, questionnaire_id: int) -> Questionnaire:
    """Delete a questionnaire; the safety flags it raised go with it (their reference to it
    cascades)."""
    questionnaire = get_questionnaire(connection, questionnaire_id)
    delete_row(connection, "questionnaires", questionnaire_id)
    return questionnaire

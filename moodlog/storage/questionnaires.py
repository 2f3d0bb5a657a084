"""Questionnaire rows: the ``questionnaires`` table, one column per item."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from typing import Any

from moodlog.domain.days import Period
from moodlog.domain.questionnaires import Questionnaire
from moodlog.storage.rows import insert_record

ITEM_COLUMNS = tuple(f"item{number}" for number in range(1, 10))
# The column order as moodlog reads and writes it (and as the export writes it): the contract
# of docs/schema.md. A GAD-7 leaves item8, item9 and difficulty empty.
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
    values = dict(zip(QUESTIONNAIRE_COLUMNS, row, strict=True))
    return Questionnaire(
        id=values["id"],
        day=date.fromisoformat(values["day"]),
        instrument=values["instrument"],
        answers=tuple(int(values[column]) for column in ITEM_COLUMNS if values[column] is not None),
        difficulty=values["difficulty"],
        total=values["total"],
        band=values["band"],
        recorded_at=datetime.fromisoformat(values["recorded_at"]),
    )


def insert_questionnaire(connection: sqlite3.Connection, questionnaire: Questionnaire) -> int:
    items = list(questionnaire.answers) + [None] * (len(ITEM_COLUMNS) - len(questionnaire.answers))
    values = (
        questionnaire.day.isoformat(),
        questionnaire.instrument,
        *items,
        questionnaire.difficulty,
        questionnaire.total,
        questionnaire.band,
        questionnaire.recorded_at.isoformat(timespec="seconds"),
    )
    row = dict(zip(QUESTIONNAIRE_COLUMNS[1:], values, strict=True))
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
    connection: sqlite3.Connection, period: Period, instrument: str | None = None
) -> list[Questionnaire]:
    """The questionnaires answered in the period (of one instrument, or both), oldest first."""
    where, parameters = "day BETWEEN ? AND ?", [period.first.isoformat(), period.last.isoformat()]
    if instrument is not None:
        where += " AND instrument = ?"
        parameters.append(instrument)
    rows = connection.execute(f"{_SELECT} WHERE {where} ORDER BY day, id", parameters).fetchall()
    return [_from_row(row) for row in rows]

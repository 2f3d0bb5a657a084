"""`moodlog undo`: take back the last change made in the journal, in one transaction
(docs/corrections.md). Regimen history is never rewritten: a dose change or stop made by
`med change`/`med stop` is withdrawn, as `med change --withdraw` does; a medicine `med add`
started is removed only while nothing else refers to it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from moodlog.actions import clock
from moodlog.actions.medications import withdraw_in
from moodlog.errors import InvalidValue
from moodlog.storage import undo as history
from moodlog.storage.journal import Journal
from moodlog.storage.undo import Change, TouchedRow

UNDO_REASON = "taken back with moodlog undo"


@dataclass(frozen=True)
class LastChange:
    """The change `moodlog undo` would take back, with the rows it touched as they are now
    (None for a row no longer there) beside them."""

    change: Change
    rows: list[TouchedRow]
    now_values: list[dict[str, object] | None]


@dataclass(frozen=True)
class Undone:
    change: LastChange
    # Regimen records withdrawn rather than removed: (the record, its withdrawal).
    withdrawn: list[tuple[int, int]]


def last_change(journal: Journal) -> LastChange | None:
    """The newest change in the undo history, or None when there is none to take back."""
    with journal.transaction(write=False) as connection:
        return _last(connection)


def _last(connection: sqlite3.Connection) -> LastChange | None:
    found = history.last_change(connection)
    if found is None:
        return None
    change, rows = found
    now_values = [history.current_row(connection, row.table, row.key) for row in rows]
    return LastChange(change, rows, now_values)


def undo(journal: Journal, change_id: int, now: datetime | None = None) -> Undone:
    """Take back change ``change_id``, which must still be the newest in the history: the rows
    it added go, the rows it changed or removed get their old values back; then it leaves the
    history, so the next undo goes one change further back. Ids stay as issued."""
    now = clock.now(now)
    journal.taking_back = True
    try:
        with journal.transaction() as connection:
            last = _last(connection)
            if last is None or last.change.id != change_id:
                raise InvalidValue(
                    "the journal changed while moodlog was asking; run 'moodlog undo' again to "
                    "see its last change; nothing was changed"
                )
            # A parent row comes back before the rows that refer to it only at the end.
            history.defer_references(connection)
            withdrawn: list[tuple[int, int]] = []
            regimen_command = last.change.command.startswith("moodlog med ")
            for row, current in reversed(list(zip(last.rows, last.now_values, strict=True))):
                if regimen_command and row.table == "regimen" and current is not None:
                    withdrawal = _take_back_regimen(journal, connection, row, current, now)
                    if withdrawal is not None:
                        withdrawn.append(withdrawal)
                        continue
                history.take_back(connection, row)
            history.forget_change(connection, change_id)
    finally:
        journal.taking_back = False
    # The rows taken back, and the values the history held, are overwritten in the file.
    journal.forget_old_versions()
    return Undone(last, withdrawn)


def _take_back_regimen(
    journal: Journal,
    connection: sqlite3.Connection,
    row: TouchedRow,
    current: dict[str, object],
    now: datetime,
) -> tuple[int, int] | None:
    """A regimen record a `med` command added: a change or stop is withdrawn (its id and the
    withdrawal's returned); a start is removed (None: taken back as any added row) only while
    nothing else names its medicine but changes already withdrawn, which go with it."""
    medicine = str(current["medicine"])
    if current["kind"] in ("change", "stop"):
        withdrawal = withdraw_in(
            connection, medicine, row.key, clock.today(journal, now), now, UNDO_REASON
        )
        assert withdrawal.record.id is not None
        return row.key, withdrawal.record.id
    if current["kind"] == "start":
        others = history.records_naming_medicine(connection, medicine, row.key)
        if others:
            raise InvalidValue(
                f"moodlog undo cannot take back the start of {medicine}: records since name it "
                f"(doses, changes or side effects). End a course with 'moodlog med stop "
                f"{medicine}', or remove a medicine entered by mistake with 'moodlog med remove "
                f"{medicine}'; nothing was changed"
            )
        # A change since, already taken back (withdrawn), goes with the medicine.
        history.remove_withdrawn_history(connection, medicine)
    return None


def clear(journal: Journal) -> int:
    """Forget the whole undo history, its saved values overwritten in the file; returns how many
    changes it held."""
    journal.taking_back = True
    try:
        with journal.transaction() as connection:
            count = history.forget_all(connection)
    finally:
        journal.taking_back = False
    journal.forget_old_versions()
    return count

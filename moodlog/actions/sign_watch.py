"""The warning signs watched after every command that logs something (`add`, the check-in,
`took`, `missed`, `skipped`, `check`) and named by `moodlog status` (docs/warning-signs.md,
"Watched every day").

A journal without signs costs one look at the signs table, and nothing more is loaded: the
rules' grammar and the days' values (:mod:`moodlog.actions.watching`) are imported only for a
journal that has signs, so `add` and `status` stay light for everyone else."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from moodlog.storage import warning_signs as sign_rows

if TYPE_CHECKING:
    from moodlog.domain.doses import DueRule
    from moodlog.domain.sign_records import ShownSign, WarningSign
    from moodlog.storage.journal import Journal


def announce_signs(
    journal: Journal, connection: sqlite3.Connection, now: datetime
) -> list[ShownSign]:
    """The signs whose episode, including today or yesterday, has not been announced yet,
    each noted as announced now. Runs inside the command's write transaction, so the
    announcement is kept with what was logged, and `moodlog undo` takes both back."""
    signs = sign_rows.list_signs(connection)
    if not signs:
        return []
    from moodlog.actions.watching import announce

    return announce(journal, connection, signs, now)


def showing_signs(
    connection: sqlite3.Connection, due: DueRule, today_logged: bool
) -> list[WarningSign]:
    """The signs that hold on the day `moodlog status` judges (today once it has an entry,
    else yesterday); it only reads."""
    signs = sign_rows.list_signs(connection)
    if not signs:
        return []
    from moodlog.actions.watching import showing

    return showing(connection, signs, due, today_logged)

"""`moodlog status`: what of today is left to log, read in one short transaction. It runs from
shell prompts and start-up files, so it stays plain Python (no pandas, numpy, matplotlib or
Rich) and never creates a journal that is not there."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from moodlog.actions import clock
from moodlog.actions.sign_watch import showing_signs
from moodlog.domain.days import Period
from moodlog.domain.doses import not_yet_logged, still_to_come
from moodlog.domain.status import TodayStatus
from moodlog.storage import medications as medication_rows
from moodlog.storage.entries import logged_days
from moodlog.storage.files import missing_folders
from moodlog.storage.journal import open_journal


def today_status(path: Path, now: datetime | None = None) -> TodayStatus:
    """Whether today has an entry, each dose due by now and not logged yet, the doses of
    today still to come, and the warning signs showing. With no journal file at ``path``
    nothing is created: today is simply not logged. An encrypted journal is opened only with
    the key kept in the keyring, never by a prompt or a passphrase command
    (storage.passphrase.PassphraseNeeded)."""
    now = clock.now(now)
    if not path.exists():
        missing_folders(path.parent)  # a path through a file is a mistake to say, not "no journal"
        return TodayStatus(day=None, logged=False)
    with open_journal(path, ask=False) as journal, journal.transaction(write=False) as connection:
        rule = clock.due_rule(journal, now)
        just_today = Period(rule.today, rule.today)
        medicines = medication_rows.load_medicines(connection)
        logs = medication_rows.doses_in(connection, just_today)
        logged = bool(logged_days(connection, just_today))
        return TodayStatus(
            day=rule.today,
            logged=logged,
            doses_left=tuple(not_yet_logged(medicines, logs, rule)),
            doses_to_come=tuple(
                (dose, rule.slot_time(dose.slot)) for dose in still_to_come(medicines, logs, rule)
            ),
            signs=tuple(showing_signs(connection, rule, logged)),
        )

"""What of today is left to log, for `moodlog status`: plain Python, so a shell prompt can ask
for it without loading pandas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from moodlog.domain.doses import ScheduledDose
from moodlog.domain.sign_records import WarningSign


@dataclass(frozen=True)
class TodayStatus:
    """Today (the journal's day, which starts at ``day-starts-at``), whether it has an entry,
    each dose due by now with no log yet, and the doses whose time has not come yet, with the
    time each is due (in the order they fall due). ``day`` is None when there is no journal
    yet: then nothing is logged."""

    day: date | None
    logged: bool
    doses_left: tuple[ScheduledDose, ...] = ()
    doses_to_come: tuple[tuple[ScheduledDose, time | None], ...] = ()
    # The warning signs showing (docs/warning-signs.md): named, and --quiet exits 1 for them.
    signs: tuple[WarningSign, ...] = ()

    @property
    def has_journal(self) -> bool:
        return self.day is not None

    @property
    def anything_left(self) -> bool:
        return not self.logged or bool(self.doses_left)

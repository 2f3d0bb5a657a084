"""A medicine's regimen history as the report and `moodlog stats` show it: the dose changes of a
period and the doses it was on. Plain Python over :class:`~moodlog.domain.medications.Medicine`.

A dose is written as the total prescribed on a scheduled day (``morning=50mg,bedtime=50mg`` is
``100 mg``), or, when that total has no single unit or the medicine is taken as needed, as the
regimen in words (``0.5 mg as needed``). A change of schedule alone (morning to evening, same
dose) is still a change: it is written as the dose kept and both schedules in words
(``sertraline 100 mg: morning → evening``).
"""

from __future__ import annotations

from datetime import date, timedelta

from moodlog.domain.days import Period
from moodlog.domain.medications import START, STOP, Medicine, Regimen
from moodlog.domain.report import DoseChange, WithdrawnChange


def dose_text(regimen: Regimen) -> str:
    """``100 mg`` (a scheduled day's total), else the regimen in words."""
    per_day = regimen.per_day()
    if regimen.as_needed or per_day is None:
        return regimen.describe()
    return str(per_day)


def schedule_words(regimen: Regimen, dose: str) -> str:
    """The regimen in words less the dose it leads with: ``morning``, ``evening``, ``on Mon,
    Thu``; nothing when the dose says it all (``0.5 mg as needed``); the whole (``morning 50 mg,
    bedtime 50 mg``) when each slot names its own."""
    words = regimen.describe()
    if words == dose:
        return ""
    return words[len(dose) :].strip() if words.startswith(dose + " ") else words


def _change_texts(
    before: Regimen | None, after: Regimen | None
) -> tuple[str | None, str | None, str | None]:
    """What the change reads as: (before, after, the dose kept when only the schedule moved)."""
    if before is None or after is None:
        return (
            dose_text(before) if before is not None else None,
            dose_text(after) if after is not None else None,
            None,
        )
    old, new = dose_text(before), dose_text(after)
    if old == new:
        return schedule_words(before, old), schedule_words(after, new), old
    return old, new, None


def dose_changes(medicine: Medicine, period: Period) -> list[DoseChange]:
    """Each start, change and stop of the medicine dated in the period that applies (not a
    change dated after a stop, nor one a later record of the same day supersedes), oldest
    first."""
    changes = []
    for record in medicine.history:
        if record.effective not in period or not medicine.applies(record):
            continue
        before = medicine.regimen_on(record.effective - timedelta(days=1))
        after = None if record.kind == STOP else medicine.regimen_on(record.effective)
        if record.kind == STOP and before is None:
            continue  # a stop of a medicine not being taken changes nothing
        if record.kind == START:
            before = None
        old, new, kept = _change_texts(before, after)
        changes.append(
            DoseChange(medicine.name, record.effective, old, new, record.reason, dose=kept)
        )
    return changes


def withdrawn_changes(medicine: Medicine, period: Period) -> list[WithdrawnChange]:
    """Each change or stop of the medicine dated in the period and withdrawn, as it read against
    the regimen in force the day before (the history without it), oldest first."""
    found = []
    for gone in medicine.withdrawn:
        record = gone.record
        if record.effective not in period:
            continue
        before = medicine.regimen_on(record.effective - timedelta(days=1))
        after = None if record.kind == STOP else record
        old, new, kept = _change_texts(before, after)
        change = DoseChange(medicine.name, record.effective, old, new, record.reason, dose=kept)
        found.append(WithdrawnChange(change, gone.withdrawal.effective, gone.withdrawal.reason))
    return sorted(found, key=lambda withdrawn: withdrawn.change.day)


def dose_spans(medicine: Medicine, period: Period) -> list[tuple[str, Period]]:
    """The doses the medicine was on at set times (not as needed), each with its days: those
    whose days touch the period (the last one clipped to the period's last day), and the one
    before them when it ended within the previous period. A schedule change that keeps the
    dose continues the same span. A span begins no earlier than the previous period's first
    day: a dose taken for years is compared over the days the report covers, not over all
    those years (which would also read years of entries for a 30-day report)."""
    spans: list[tuple[str, date, date]] = []
    current: Regimen | None = None
    opened: date | None = None

    def close(last: date) -> None:
        if current is None or opened is None or current.as_needed or last < opened:
            return
        text = dose_text(current)
        if spans and spans[-1][0] == text and spans[-1][2] == opened - timedelta(days=1):
            spans[-1] = (text, spans[-1][1], last)
        else:
            spans.append((text, opened, last))

    for record in medicine.history:
        if record.effective > period.last:
            break
        if not medicine.applies(record):
            continue
        close(record.effective - timedelta(days=1))
        current = None if record.kind == STOP else record
        opened = record.effective
    close(period.last)
    inside = [span for span in spans if span[2] >= period.first]
    before = [span for span in spans if span[2] < period.first]
    if before and before[-1][2] >= period.previous().first:
        inside.insert(0, before[-1])
    floor = period.previous().first
    return [(text, Period(max(first, floor), last)) for text, first, last in inside]

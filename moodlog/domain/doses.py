"""Dose logs, the doses a regimen schedules, and adherence: plain Python, no I/O.

A scheduled dose is logged *taken*, *missed* or *skipped* (held on the prescriber's advice);
with no log it is *not logged*, never silently taken or missed. Adherence (docs/medications.md):
taken / (scheduled - skipped), counted through the period's last day but never past today, with
the not-logged and skipped counts kept beside it. Every caller (med list, report, stats,
status, export) uses :func:`adherence` and :func:`day_doses` here, so they all agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from moodlog.domain.days import Period
from moodlog.domain.medications import ONCE, Dose, Medicine, Regimen

TAKEN, MISSED, SKIPPED = "taken", "missed", "skipped"
STATUSES = (TAKEN, MISSED, SKIPPED)
NOT_LOGGED = "not logged"


@dataclass(frozen=True)
class DoseLog:
    """What the person logged for one dose. ``slot`` is None for an as-needed dose. ``dose``
    is kept only when the dose taken differed from the one prescribed that day. ``replaces``
    is the id of an earlier log of the same dose this one corrects (that log stays, unused)."""

    medicine: str
    day: date
    status: str
    recorded_at: datetime
    slot: str | None = None
    time: time | None = None
    dose: Dose | None = None
    reason: str | None = None
    entry_id: int | None = None
    replaces: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class ScheduledDose:
    """One dose a regimen schedules: a medicine, a day, a slot and the dose prescribed."""

    medicine: str
    day: date
    slot: str
    dose: Dose | None

    @property
    def label(self) -> str:
        """``sertraline evening``; just ``sertraline`` for a once-a-day dose."""
        return self.medicine if self.slot == ONCE else f"{self.medicine} {self.slot}"


@dataclass(frozen=True)
class DoseState:
    """A scheduled dose and the log that answers it, if any."""

    scheduled: ScheduledDose
    log: DoseLog | None = None

    @property
    def status(self) -> str:
        return self.log.status if self.log else NOT_LOGGED


@dataclass(frozen=True)
class DayDoses:
    """One medicine on one day: its scheduled doses with their logs, its as-needed uses, and
    any logs left without a scheduled dose (possible after a schedule change entered late)."""

    medicine: str
    day: date
    regimen: Regimen | None
    doses: tuple[DoseState, ...] = ()
    as_needed: tuple[DoseLog, ...] = ()
    unscheduled: tuple[DoseLog, ...] = ()

    def not_logged(self) -> list[ScheduledDose]:
        return [state.scheduled for state in self.doses if state.log is None]


def current_logs(logs: Iterable[DoseLog]) -> list[DoseLog]:
    """The logs that count: those no later log corrects."""
    logs = list(logs)
    replaced = {log.replaces for log in logs if log.replaces is not None}
    return [log for log in logs if log.id is None or log.id not in replaced]


def _scheduled(medicine: Medicine, day: date, regimen: Regimen | None) -> list[ScheduledDose]:
    if regimen is None or regimen.schedule is None or not regimen.schedule.is_due(day):
        return []
    return [
        ScheduledDose(medicine.name, day, slot.name, regimen.dose_for(slot))
        for slot in regimen.schedule.slots
    ]


def _order(log: DoseLog) -> tuple[datetime, int]:
    return (log.recorded_at, log.id or 0)


def day_doses(medicine: Medicine, day: date, logs: Iterable[DoseLog]) -> DayDoses:
    """What was scheduled for ``medicine`` on ``day`` and how each dose was logged.

    ``logs`` may hold other medicines' and other days' logs; only this medicine's on ``day``
    count, and corrected logs are left out. A log answers the scheduled dose of its own slot;
    a log whose slot the day no longer has (the schedule was changed later, dated earlier)
    answers the first dose still unanswered, in the order of the day; what is left over is
    ``unscheduled``.
    """
    key = medicine.key
    mine = [log for log in current_logs(logs) if log.day == day and log.medicine.casefold() == key]
    return _answered(medicine, day, mine)


def _answered(medicine: Medicine, day: date, mine: list[DoseLog]) -> DayDoses:
    """:func:`day_doses` for logs already narrowed to this medicine's current ones on ``day``."""
    mine.sort(key=_order)
    regimen = medicine.regimen_on(day)
    if regimen is not None and regimen.as_needed:
        taken = tuple(log for log in mine if log.status == TAKEN)
        others = tuple(log for log in mine if log.status != TAKEN)
        return DayDoses(medicine.name, day, regimen, as_needed=taken, unscheduled=others)
    scheduled = _scheduled(medicine, day, regimen)
    if not mine:
        return DayDoses(medicine.name, day, regimen, tuple(DoseState(dose) for dose in scheduled))
    names = {dose.slot for dose in scheduled}
    by_slot: dict[str, DoseLog] = {}
    leftover: list[DoseLog] = []
    for log in mine:
        if log.slot in names and log.slot not in by_slot:
            by_slot[log.slot] = log
        else:
            leftover.append(log)
    states = []
    for dose in scheduled:
        answer = by_slot.get(dose.slot)
        if answer is None and leftover:
            answer = leftover.pop(0)
        states.append(DoseState(dose, answer))
    return DayDoses(medicine.name, day, regimen, tuple(states), unscheduled=tuple(leftover))


@dataclass(frozen=True)
class Adherence:
    """A medicine's scheduled doses over a period, by how they were logged.

    ``through`` is the last day counted: the period's last day, or today when the period runs
    past it (None when the whole period is still to come). ``percent`` is
    taken / (scheduled - skipped) x 100, None when nothing was due.
    """

    medicine: str
    period: Period
    through: date | None
    scheduled: int = 0
    taken: int = 0
    missed: int = 0
    skipped: int = 0
    not_logged: int = 0
    unscheduled: int = 0

    @property
    def due(self) -> int:
        """The doses adherence is counted over: scheduled less skipped."""
        return self.scheduled - self.skipped

    @property
    def percent(self) -> float | None:
        return 100 * self.taken / self.due if self.due > 0 else None


def counted_days(period: Period, today: date) -> list[date]:
    """The days of ``period`` that have happened: through its last day, never past today."""
    last = min(period.last, today)
    return [period.first + timedelta(days=n) for n in range((last - period.first).days + 1)]


def _by_day(
    medicine: Medicine, logs: Iterable[DoseLog], period: Period
) -> dict[date, list[DoseLog]]:
    """``medicine``'s current logs (those no later log corrects) in ``period``, by day."""
    key = medicine.key
    grouped: dict[date, list[DoseLog]] = defaultdict(list)
    for log in current_logs(logs):
        if log.day in period and log.medicine.casefold() == key:
            grouped[log.day].append(log)
    return grouped


def doses_by_day(
    medicine: Medicine, logs: Iterable[DoseLog], period: Period, today: date
) -> dict[date, DayDoses]:
    """``medicine``'s scheduled doses and their logs, for each day of ``period`` through
    today: what :func:`adherence` counts. Callers that count several periods over the same days
    (the report: this period, the one before, each dose span) work this out once."""
    grouped = _by_day(medicine, logs, period)
    begins = medicine.history[0].effective if medicine.history else None
    return {
        # Before the medicine's first record nothing is due: no need to look anything up.
        day: _answered(medicine, day, grouped.get(day, []))
        if day in grouped or (begins is not None and day >= begins)
        else DayDoses(medicine.name, day, None)
        for day in counted_days(period, today)
    }


def adherence(
    medicine: Medicine,
    logs: Iterable[DoseLog],
    period: Period,
    today: date,
    by_day: dict[date, DayDoses] | None = None,
) -> Adherence:
    """Adherence to ``medicine``'s schedule over ``period``, counted through the period's last
    day or today, whichever comes first.

    Each day uses the regimen in force that day (so dose and schedule changes, late or planned,
    apply from their dates); as-needed days schedule nothing. ``logs`` may hold any medicines'
    logs of any days; corrected logs are left out. ``by_day``, from :func:`doses_by_day` over
    days that include the period's, saves working the days out again.
    """
    days = counted_days(period, today)
    if by_day is None:
        by_day = doses_by_day(medicine, logs, period, today)
    counts = dict.fromkeys((*STATUSES, NOT_LOGGED), 0)
    scheduled = unscheduled = 0
    for day in days:
        state = by_day[day]
        scheduled += len(state.doses)
        unscheduled += len(state.unscheduled)
        for dose in state.doses:
            counts[dose.status] += 1
    return Adherence(
        medicine=medicine.name,
        period=period,
        through=days[-1] if days else None,
        scheduled=scheduled,
        taken=counts[TAKEN],
        missed=counts[MISSED],
        skipped=counts[SKIPPED],
        not_logged=counts[NOT_LOGGED],
        unscheduled=unscheduled,
    )


def as_needed_uses(
    medicine: Medicine,
    logs: Iterable[DoseLog],
    period: Period,
    today: date,
    by_day: dict[date, DayDoses] | None = None,
) -> list[DoseLog]:
    """The as-needed (PRN) doses of ``medicine`` taken in ``period`` (through today), oldest
    first; each carries its time, its dose when it differed, and its reason. ``by_day`` is as
    for :func:`adherence`."""
    if by_day is None:
        by_day = doses_by_day(medicine, logs, period, today)
    uses: list[DoseLog] = []
    for day in counted_days(period, today):
        state = by_day.get(day)
        if state is not None:
            uses.extend(state.as_needed)
    return uses


def not_yet_logged(
    medicines: Iterable[Medicine], logs: Iterable[DoseLog], day: date
) -> list[ScheduledDose]:
    """Every dose scheduled on ``day`` that has no log yet, medicine by medicine in the order
    given and slot by slot in the order of the day (what `moodlog status` reports as
    "sertraline evening not logged")."""
    logs = list(logs)
    left: list[ScheduledDose] = []
    for medicine in medicines:
        left.extend(day_doses(medicine, day, logs).not_logged())
    return left

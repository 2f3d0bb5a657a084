"""Dose logs, the doses a regimen schedules, and adherence: plain Python, no I/O.

A scheduled dose is logged *taken*, *missed* or *skipped* (held on the prescriber's advice);
with no log it is *not logged*, never silently taken or missed. Adherence (docs/medications.md):
taken / (scheduled - skipped), with the not-logged and skipped counts kept beside it. Which
doses count is one rule, :class:`DueRule`: none before the journal's first day, none after
today, and today's only once their time has come. Every caller (med list, report, stats,
status, took --all, export) passes the same rule to :func:`adherence`, :func:`doses_by_day`
and :func:`due_doses` here, so they all agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from moodlog.domain.days import DEFAULT_DAY_STARTS_AT, Period
from moodlog.domain.medications import NAMED_SLOTS, ONCE, Dose, Medicine, Regimen

TAKEN, MISSED, SKIPPED = "taken", "missed", "skipped"
STATUSES = (TAKEN, MISSED, SKIPPED)
NOT_LOGGED = "not logged"

# When each named slot's dose is due, unless the person sets ``slot-time.NAME``.
DEFAULT_SLOT_TIMES: dict[str, time] = {
    "morning": time(8, 0),
    "noon": time(12, 0),
    "afternoon": time(15, 0),
    "evening": time(18, 0),
    "bedtime": time(22, 0),
}
assert tuple(DEFAULT_SLOT_TIMES) == NAMED_SLOTS

_MINUTES_A_DAY = 24 * 60


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


@dataclass(frozen=True)
class DueRule:
    """Which scheduled doses count: the one rule for adherence, `status`, `took --all` and the
    daily export.

    No dose is due before ``first_day`` (the journal's first day: the earliest day with an
    entry, a dose log, a skill use, a session or a questionnaire; a day before the person began
    recording is not a day a dose was due in the journal), nor after ``today``. Today's doses
    are due once their time has come: a named slot at its time in ``slot_times`` (the
    ``slot-time.NAME`` settings), a clock-time slot at its own time, a once-a-day dose from the
    start of the day. Times compare within the journal day, which starts at ``day_starts_at``:
    at 01:00 it is still the day before, and its 22:00 bedtime dose is due.
    """

    first_day: date
    today: date
    now: time
    day_starts_at: time = DEFAULT_DAY_STARTS_AT
    slot_times: tuple[tuple[str, time], ...] = tuple(DEFAULT_SLOT_TIMES.items())

    def slot_time(self, slot: str) -> time | None:
        """The clock time a slot's dose is due at; None for a once-a-day dose (due all day)."""
        if slot == ONCE:
            return None
        named = dict(self.slot_times)
        if slot in named:
            return named[slot]
        if slot in DEFAULT_SLOT_TIMES:
            return DEFAULT_SLOT_TIMES[slot]
        hours, _, minutes = slot.partition(":")
        return time(int(hours), int(minutes))

    def _into_day(self, moment: time) -> int:
        """Minutes from the start of the journal day to ``moment``."""
        return (_minutes(moment) - _minutes(self.day_starts_at)) % _MINUTES_A_DAY

    def minutes_into_day(self, slot: str) -> int:
        """When a slot's dose falls due, in minutes from the start of the journal day."""
        at = self.slot_time(slot)
        return 0 if at is None else self._into_day(at)

    def _time_has_come(self, slot: str) -> bool:
        return self.minutes_into_day(slot) <= self._into_day(self.now)

    def is_due(self, dose: ScheduledDose) -> bool:
        """True when ``dose`` counts: on a day from the first day to today, and by now."""
        if not self.first_day <= dose.day <= self.today:
            return False
        return dose.day < self.today or self._time_has_come(dose.slot)

    def counted_days(self, period: Period) -> list[date]:
        """The days of ``period`` whose doses can be due: from the journal's first day (or the
        period's, if later) through today (or the period's last day, if earlier)."""
        first = max(period.first, self.first_day)
        last = min(period.last, self.today)
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    def from_day(self, day: date) -> DueRule:
        """This rule with the journal beginning no later than ``day``: for `took --all` on a
        day, whose logs make the day part of the journal."""
        return replace(self, first_day=min(self.first_day, day))


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

    ``since`` and ``through`` are the first and last days counted: the period's, or the
    journal's first day and today where the period reaches past them (both None when no day
    of the period is counted). ``scheduled`` holds only doses due by then (:class:`DueRule`).
    ``percent`` is taken / (scheduled - skipped) x 100, None when nothing was due.
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
    since: date | None = None

    @property
    def due(self) -> int:
        """The doses adherence is counted over: scheduled less skipped."""
        return self.scheduled - self.skipped

    @property
    def percent(self) -> float | None:
        return 100 * self.taken / self.due if self.due > 0 else None


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


def due_doses(state: DayDoses, rule: DueRule) -> DayDoses:
    """``state`` with only the doses that count under ``rule``: those due by now, and any
    logged already (a dose taken early counts as taken). A day the rule does not count
    keeps nothing scheduled."""
    if all(rule.is_due(dose.scheduled) for dose in state.doses):
        return state
    kept = tuple(
        dose for dose in state.doses if dose.log is not None or rule.is_due(dose.scheduled)
    )
    return replace(state, doses=kept)


def doses_by_day(
    medicine: Medicine, logs: Iterable[DoseLog], period: Period, rule: DueRule
) -> dict[date, DayDoses]:
    """``medicine``'s doses that count under ``rule`` and their logs, for each day of
    ``period`` the rule counts: what :func:`adherence` counts. Callers that count several
    periods over the same days (the report: this period, the one before, each dose span) work
    this out once."""
    grouped = _by_day(medicine, logs, period)
    begins = medicine.history[0].effective if medicine.history else None
    return {
        # Before the medicine's first record nothing is due: no need to look anything up.
        day: due_doses(_answered(medicine, day, grouped.get(day, [])), rule)
        if day in grouped or (begins is not None and day >= begins)
        else DayDoses(medicine.name, day, None)
        for day in rule.counted_days(period)
    }


def adherence(
    medicine: Medicine,
    logs: Iterable[DoseLog],
    period: Period,
    rule: DueRule,
    by_day: dict[date, DayDoses] | None = None,
) -> Adherence:
    """Adherence to ``medicine``'s schedule over ``period``, counting the doses ``rule`` says
    were due: from the journal's first day through the period's last day or today, whichever
    comes first, today's once their time has come.

    Each day uses the regimen in force that day (so dose and schedule changes, late or planned,
    apply from their dates); as-needed days schedule nothing. ``logs`` may hold any medicines'
    logs of any days; corrected logs are left out. ``by_day``, from :func:`doses_by_day` over
    days that include the period's, saves working the days out again.
    """
    days = rule.counted_days(period)
    if by_day is None:
        by_day = doses_by_day(medicine, logs, period, rule)
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
        since=days[0] if days else None,
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
    rule: DueRule,
    by_day: dict[date, DayDoses] | None = None,
) -> list[DoseLog]:
    """The as-needed (PRN) doses of ``medicine`` taken in ``period`` (on the days ``rule``
    counts), oldest first; each carries its time, its dose when it differed, and its reason.
    ``by_day`` is as for :func:`adherence`."""
    if by_day is None:
        by_day = doses_by_day(medicine, logs, period, rule)
    uses: list[DoseLog] = []
    for day in rule.counted_days(period):
        state = by_day.get(day)
        if state is not None:
            uses.extend(state.as_needed)
    return uses


def not_yet_logged(
    medicines: Iterable[Medicine], logs: Iterable[DoseLog], rule: DueRule
) -> list[ScheduledDose]:
    """Every dose due today under ``rule`` that has no log yet, medicine by medicine in the
    order given and slot by slot in the order of the day (what `moodlog status` reports as
    "sertraline evening not logged")."""
    logs = list(logs)
    left: list[ScheduledDose] = []
    for medicine in medicines:
        state = due_doses(day_doses(medicine, rule.today, logs), rule)
        left.extend(state.not_logged())
    return left


def still_to_come(
    medicines: Iterable[Medicine], logs: Iterable[DoseLog], rule: DueRule
) -> list[ScheduledDose]:
    """Today's doses not logged whose time has not come yet, in the order they fall due."""
    logs = list(logs)
    later = [
        state.scheduled
        for medicine in medicines
        for state in day_doses(medicine, rule.today, logs).doses
        if state.log is None and not rule.is_due(state.scheduled)
    ]
    return sorted(later, key=lambda dose: rule.minutes_into_day(dose.slot))

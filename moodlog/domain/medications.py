"""Medicines as a prescriber writes them: a dose with its unit, a schedule, and a dated history.

A medicine's regimen is a list of dated records, never rewritten: a ``start``, then any number
of ``change`` records (a new dose or schedule, dated in the past when entered late or in the
future when planned), and a ``stop``. The regimen in force on a day is the latest record dated
on or before that day; a stop ends the course until a new start. A change or stop entered by
mistake is withdrawn by a ``withdraw`` record naming it: a withdrawn record was never in force,
so a medicine's history leaves it out and keeps it, with its withdrawal, in ``withdrawn``.
Plain Python, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import NewType

from moodlog.domain.days import parse_time
from moodlog.domain.names import is_name_character, match_name, matching, tidy_name
from moodlog.errors import InvalidValue, NotFound

# ---------------------------------------------------------------------------------------------
# Doses

DOSE_EXAMPLES = "e.g. 50mg, 0.5 mg, 1 tablet, 2.5 ml"

# The units a dose can be written in, each spelling mapped to the one moodlog stores. Units that
# count things ("2 tablets") are written with a space and pluralised; the others are not.
_MEASURED_UNITS = {
    "mg": "mg",
    "mcg": "mcg",
    "µg": "mcg",
    "ug": "mcg",
    "g": "g",
    "ml": "ml",
    "iu": "IU",
}
_COUNTED_UNITS = {
    "tablet": "tablet",
    "tablets": "tablet",
    "tab": "tablet",
    "tabs": "tablet",
    "capsule": "capsule",
    "capsules": "capsule",
    "cap": "capsule",
    "caps": "capsule",
    "drop": "drop",
    "drops": "drop",
    "puff": "puff",
    "puffs": "puff",
    "spray": "spray",
    "sprays": "spray",
    "patch": "patch",
    "patches": "patch",
    "sachet": "sachet",
    "sachets": "sachet",
    "injection": "injection",
    "injections": "injection",
    "unit": "unit",
    "units": "unit",
}
_PLURALS = {"patch": "patches"}
UNITS = tuple(dict.fromkeys([*_MEASURED_UNITS.values(), *_COUNTED_UNITS.values()]))

_DOSE_RE = re.compile(r"^(\d+(?:\.\d+)?|\.\d+)\s*([^\d\s.].*?)$")
_AMOUNT_RE = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_MAX_AMOUNT = 1_000_000
_MAX_DECIMALS = 3


def _amount_text(amount: float) -> str:
    return f"{amount:.{_MAX_DECIMALS}f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Dose:
    """An amount and its unit: 50 mg, 0.5 mg, 1 tablet, 2.5 ml."""

    amount: float
    unit: str

    def __str__(self) -> str:
        amount = _amount_text(self.amount)
        if self.unit in _MEASURED_UNITS.values():
            return f"{amount} {self.unit}"
        unit = self.unit
        if self.amount > 1:
            unit = _PLURALS.get(unit, unit + "s")
        return f"{amount} {unit}"


def parse_dose(text: str, what: str = "dose") -> Dose:
    """Read a dose written as an amount and a unit, or say what a dose looks like."""
    amount, unit = _amount_and_unit(text, what, "")
    return Dose(amount, unit)


@dataclass(frozen=True)
class TypedDose:
    """A dose as typed after ``--dose``: an amount with its unit (``25mg``, then ``unit`` is
    the unit moodlog stores), or an amount alone (``25``), which takes the unit prescribed
    (:meth:`in_unit_of`)."""

    amount: float
    unit: str | None
    text: str

    def in_unit_of(self, prescribed: Iterable[Dose | None], whose: str, what: str) -> Dose:
        """The dose, its unit the one of the doses ``prescribed`` when it was typed without;
        refused when they have none, or more than one. ``whose`` says whose doses they are
        (``lithium on 2026-12-01``)."""
        if self.unit is not None:
            return Dose(self.amount, self.unit)
        units = sorted({dose.unit for dose in prescribed if dose is not None})
        if len(units) == 1:
            return Dose(self.amount, units[0])
        why = (
            f"{whose} has doses in {' and '.join(units)}"
            if units
            else f"{whose} has no dose prescribed to take the unit from"
        )
        raise InvalidValue(
            f"{what} {self.text!r} needs its unit, e.g. {Dose(self.amount, 'mg')} or "
            f"{Dose(self.amount, 'tablet')}: {why}"
        )


def read_typed_dose(text: str, what: str = "dose") -> TypedDose:
    """Read a dose as typed after ``--dose``: an amount and a unit, or an amount alone."""
    bare = " ".join(text.strip().split())
    if _AMOUNT_RE.fullmatch(bare):
        return TypedDose(_amount(bare, text, what), None, text)
    amount, unit = _amount_and_unit(text, what, ", or an amount alone for the unit prescribed")
    return TypedDose(amount, unit, text)


def _amount_and_unit(text: str, what: str, other_forms: str) -> tuple[float, str]:
    """The amount and the unit (as moodlog stores it) of a dose typed as ``text``, or a message
    saying what a dose looks like (``other_forms`` names any form besides an amount and a
    unit)."""
    match = _DOSE_RE.match(" ".join(text.strip().split()))
    unit = match.group(2).lower() if match else ""
    canonical = _MEASURED_UNITS.get(unit) or _COUNTED_UNITS.get(unit)
    if not match or canonical is None:
        raise InvalidValue(
            f"{what} {text!r} is not a dose; use an amount and a unit, {DOSE_EXAMPLES} "
            f"(units: {', '.join(UNITS)}){other_forms}"
        )
    return _amount(match.group(1), text, what), canonical


def _amount(amount_text: str, text: str, what: str) -> float:
    """The amount of a dose typed as ``text``: above 0, at most a million, three decimals."""
    if len(amount_text.partition(".")[2]) > _MAX_DECIMALS:
        raise InvalidValue(
            f"{what} {text!r} has more than {_MAX_DECIMALS} decimals; use a smaller unit "
            "(e.g. 0.0005 mg is 0.5 mcg)"
        )
    amount = float(amount_text)
    if not 0 < amount <= _MAX_AMOUNT:
        raise InvalidValue(
            f"{what} {text!r} is not a dose; the amount must be above 0 and at most "
            f"{_MAX_AMOUNT:,}, {DOSE_EXAMPLES}"
        )
    return amount


# ---------------------------------------------------------------------------------------------
# Schedules

# Named slots in the order of a day; `once` is the one dose of a schedule that names no slot.
NAMED_SLOTS = ("morning", "noon", "afternoon", "evening", "bedtime")
ONCE = "once"
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EVERY_DAY_WORDS = ("all", "daily", "every-day")
_MAX_INTERVAL_DAYS = 366
_EVERY_RE = re.compile(r"^(\d+)\s*([dw])$")

SCHEDULE_FORMS = (
    "named slots (morning, noon, afternoon, evening, bedtime) or clock times (08:00,20:00), "
    "each optionally with its own dose (morning=50mg,bedtime=200mg)"
)


@dataclass(frozen=True)
class Slot:
    """One dose of a scheduled day: a named slot or a clock time, with its own dose if the
    schedule gives one (else the regimen's dose)."""

    name: str
    dose: Dose | None = None

    def __str__(self) -> str:
        return f"{self.name}={self.dose}" if self.dose else self.name


@dataclass(frozen=True)
class Schedule:
    """When doses are due. Every day, on some weekdays, or every N days counted from
    ``every_from``; or as needed (no scheduled doses at all)."""

    slots: tuple[Slot, ...] = (Slot(ONCE),)
    weekdays: tuple[int, ...] = ()
    every_days: int | None = None
    every_from: date | None = None
    as_needed: bool = False

    def is_due(self, day: date) -> bool:
        """True when doses are scheduled on ``day`` (for a regimen in force that day)."""
        if self.as_needed:
            return False
        if self.every_days is not None and self.every_from is not None:
            return (day - self.every_from).days % self.every_days == 0
        if self.weekdays:
            return day.weekday() in self.weekdays
        return True

    def next_due(self, after: date) -> date | None:
        """The first day after ``after`` with doses due (ignoring later records)."""
        if self.as_needed:
            return None
        for offset in range(1, (self.every_days or 7) + 1):
            if self.is_due(after + timedelta(days=offset)):
                return after + timedelta(days=offset)
        return None

    def slots_text(self) -> str | None:
        """The slots as one column: ``morning=50 mg;bedtime``."""
        return ";".join(str(slot) for slot in self.slots) if self.slots else None

    def days_text(self) -> str | None:
        return ";".join(WEEKDAY_NAMES[day] for day in self.weekdays) if self.weekdays else None

    def when(self) -> str:
        """When, in words: ``daily``, ``on Mon, Thu``, ``every 28 days from 2026-10-01``,
        ``as needed``."""
        if self.as_needed:
            return "as needed"
        if self.every_days is not None:
            start = self.every_from.isoformat() if self.every_from else "its start"
            return f"every {self.every_days} days from {start}"
        if self.weekdays:
            return "on " + ", ".join(WEEKDAY_NAMES[day].capitalize() for day in self.weekdays)
        return "daily"


# The slots of a schedule, in the order of the day, and the weekdays doses are due on (0 for
# Monday; none means every day), as typed values: each is one value, though a tuple (which the
# command line's parser would otherwise take for several).
Slots = NewType("Slots", tuple[Slot, ...])
Weekdays = NewType("Weekdays", tuple[int, ...])


def _slot_name(text: str, whole: str, label: str) -> str:
    """One slot's name, in one of its two forms: a named slot or a clock time (HH:MM)."""
    name = text.strip().lower()
    if name in (*NAMED_SLOTS, ONCE):
        return name
    if ":" in name:
        return parse_time(name, f"{label} time").strftime("%H:%M")
    raise InvalidValue(f"{label} {whole!r}: {text.strip()!r} is not a slot; use {SCHEDULE_FORMS}")


def read_slots(text: str, label: str = "schedule") -> Slots:
    """Read a schedule: slots or clock times separated by commas, each optionally ``=DOSE``.
    Returned in the order of the day."""
    slots: list[Slot] = []
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        name_text, sep, dose_text = part.partition("=")
        name = _slot_name(name_text, text, label)
        dose = parse_dose(dose_text, f"{label} {name} dose") if sep else None
        if any(slot.name == name for slot in slots):
            raise InvalidValue(f"{label} {text!r} names {name} twice; name each slot once")
        slots.append(Slot(name, dose))
    if not slots:
        raise InvalidValue(f"{label} {text!r} names no slot; use {SCHEDULE_FORMS}")
    named = [slot for slot in slots if ":" not in slot.name]
    if named and len(named) != len(slots):
        raise InvalidValue(
            f"{label} {text!r} mixes named slots and clock times; use one or the other"
        )
    if ONCE in (slot.name for slot in slots) and len(slots) > 1:
        raise InvalidValue(f"{label} {text!r}: 'once' is a schedule of one dose on its own")
    if named:
        order = (ONCE, *NAMED_SLOTS)
        return Slots(tuple(sorted(slots, key=lambda slot: order.index(slot.name))))
    return Slots(tuple(sorted(slots, key=lambda slot: slot.name)))  # HH:MM sorts as the day goes


def read_weekdays(text: str, label: str = "days", every_day_words: bool = False) -> Weekdays:
    """Read the weekdays a medicine is taken on: weekday names or their first letters (at least
    two), e.g. mon,thu; or, where ``every_day_words`` allows it, a word for every day (all,
    daily). Every day is the empty tuple."""
    if every_day_words and text.strip().lower() in EVERY_DAY_WORDS:
        return Weekdays(())
    days: set[int] = set()
    for part in text.replace(";", ",").split(","):
        word = part.strip()
        if not word:
            continue
        matches = matching(word, _FULL_WEEKDAYS)
        if len(word) < 2 or len(matches) != 1:
            raise InvalidValue(
                f"{label} {text!r}: {part.strip()!r} is not a weekday; use names like mon,thu"
            )
        days.add(_FULL_WEEKDAYS.index(matches[0]))
    if not days:
        raise InvalidValue(f"{label} {text!r} names no weekday; use names like mon,thu")
    return Weekdays(tuple(sorted(days)) if len(days) < 7 else ())


def read_interval(text: str, label: str = "interval") -> int:
    """Read the days between doses: a number of days (28d) or of weeks (4w)."""
    match = _EVERY_RE.match(text.strip().lower())
    days = 0
    if match and len(match.group(1)) <= 9:
        days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
    if not 1 <= days <= _MAX_INTERVAL_DAYS:
        raise InvalidValue(
            f"{label} {text!r} is not an interval; use a whole number of days or weeks from 1d "
            f"to {_MAX_INTERVAL_DAYS}d, e.g. 28d or 4w"
        )
    return days


@dataclass(frozen=True)
class MedicineLabels:
    """What messages call the values a person gives about a medicine: plain words by default.
    The command line passes the names of its options (``--dose``), so that there a message
    says which option to give."""

    dose: str = "dose"
    schedule: str = "schedule"
    days: str = "days"
    every: str = "every"
    date: str = "date"
    slot: str = "slot"
    medicine: str = "medicine"


IN_WORDS = MedicineLabels()

# ---------------------------------------------------------------------------------------------
# Regimen records and medicines

START, CHANGE, STOP, WITHDRAW = "start", "change", "stop", "withdraw"


def check_medicine_name(text: str) -> str:
    """A medicine's name as typed (brand names keep their capitals), spaces tidied."""
    name = tidy_name(text)
    usable = all(is_name_character(c) or c in " .'/()+-" for c in name)
    if not name or len(name) > 60 or not is_name_character(name[0]) or not usable:
        raise InvalidValue(
            f"medicine name {text!r} is not usable; use letters, digits, spaces and - . ' / ( ) + "
            "(up to 60 characters), e.g. sertraline or 'Abilify Maintena'"
        )
    return name


@dataclass(frozen=True)
class Regimen:
    """One dated record of a medicine's regimen. ``kind`` is start, change, stop or withdraw; a
    stop and a withdrawal have no dose or schedule. ``effective`` is the first day it applies
    to (a withdrawal's: the day it was made); a withdrawal names the record it withdraws."""

    medicine: str
    kind: str
    effective: date
    recorded_at: datetime
    dose: Dose | None = None
    schedule: Schedule | None = None
    reason: str | None = None
    id: int | None = None
    withdraws: int | None = None

    def dose_for(self, slot: Slot) -> Dose | None:
        """The dose prescribed for one slot: the slot's own, else the regimen's."""
        return slot.dose or self.dose

    @property
    def as_needed(self) -> bool:
        return self.schedule is not None and self.schedule.as_needed

    def per_day(self) -> Dose | None:
        """The total prescribed on a scheduled day, when every slot's dose has the same unit
        (the figure a report marks a change with: 50 mg -> 100 mg)."""
        if self.schedule is None or self.as_needed:
            return self.dose
        doses = [self.dose_for(slot) for slot in self.schedule.slots]
        units = {dose.unit for dose in doses if dose}
        if None in doses or len(units) != 1:
            return None
        return Dose(sum(dose.amount for dose in doses if dose), units.pop())

    def describe(self) -> str:
        """The regimen in words: ``50 mg morning, bedtime``, ``morning 50 mg, bedtime 200 mg``,
        ``150 mg every 28 days from 2026-10-01``, ``1 mg as needed``."""
        if self.kind in (STOP, WITHDRAW) or self.schedule is None:
            return "stopped"
        schedule = self.schedule
        if schedule.as_needed:
            return f"{self.dose} as needed"
        names = [slot.name for slot in schedule.slots if slot.name != ONCE]
        if any(slot.dose for slot in schedule.slots):
            doses = ", ".join(f"{slot.name} {self.dose_for(slot)}" for slot in schedule.slots)
        elif names:
            doses = f"{self.dose} {', '.join(names)}"
        else:
            doses = str(self.dose)
        when = schedule.when()
        if when == "daily" and names:
            return doses
        return f"{doses} {when}"


@dataclass(frozen=True)
class Withdrawn:
    """A change or stop entered by mistake, and the later record that withdrew it."""

    record: Regimen
    withdrawal: Regimen


@dataclass(frozen=True)
class Medicine:
    """A medicine and every record of its regimen that stands, oldest first (by date, then as
    recorded); the records withdrawn, each with its withdrawal, apart."""

    name: str
    history: tuple[Regimen, ...] = field(default_factory=tuple)
    withdrawn: tuple[Withdrawn, ...] = ()

    @cached_property
    def key(self) -> str:
        return self.name.casefold()

    def records_until(self, day: date) -> list[Regimen]:
        return [record for record in self.history if record.effective <= day]

    def regimen_on(self, day: date) -> Regimen | None:
        """The regimen in force on ``day``: the latest start or change since the last start,
        unless a stop came after it. A change dated after a stop does not restart it."""
        current: Regimen | None = None
        for record in self.history:  # oldest first, so the first later record ends the walk
            if record.effective > day:
                break
            if record.kind == START or (record.kind == CHANGE and current is not None):
                current = record
            elif record.kind == STOP:
                current = None
        return current

    def applies(self, record: Regimen) -> bool:
        """False for a record that is never in force: a change dated after a stop, or one a
        record of the same date recorded later supersedes."""
        if record.kind == STOP:
            return True
        return self.regimen_on(record.effective) == record

    def planned_after(self, day: date) -> list[Regimen]:
        """Records dated after ``day`` that will apply: planned titration or taper steps, a
        planned stop or start."""
        return [r for r in self.history if r.effective > day and self.applies(r)]

    def why_not_on(self, day: date) -> str:
        """Why this medicine is not in force on ``day``, naming the dates: it starts later, or
        it was stopped (and maybe starts again later)."""
        starts = [record.effective for record in self.history if record.kind == START]
        stops = [record.effective for record in self.history if record.kind == STOP]
        earlier_starts = [start for start in starts if start <= day]
        if not earlier_starts:
            first = min(starts).isoformat() if starts else "no date"
            return f"{self.name} starts on {first}"
        stopped = max(stop for stop in stops if max(earlier_starts) <= stop <= day)
        later_starts = [start for start in starts if start > day]
        restart = f", and starts again on {min(later_starts).isoformat()}" if later_starts else ""
        last_day = (stopped - timedelta(days=1)).isoformat()
        return (
            f"{self.name} was stopped on {stopped.isoformat()} (last day on it {last_day}{restart})"
        )

    def not_taken_on(self, day: date) -> str:
        """The error for a dose logged on a day the medicine is not taken."""
        started = any(r.kind == START and r.effective <= day for r in self.history)
        before = "" if started else " (before its start)"
        return f"{self.why_not_on(day)}; no dose can be logged on {day.isoformat()}{before}"


def find_medicine(medicines: list[Medicine], text: str) -> Medicine:
    """The medicine named exactly (ignoring case), else the one ``text`` is a unique prefix of;
    an unknown or ambiguous name is an error listing the candidates."""
    known = ", ".join(medicine.name for medicine in medicines)
    listed = f"your medicines are {known}" if known else "you have no medicines yet"
    return match_name(
        text,
        medicines,
        "medicine",
        name_of=lambda medicine: medicine.name,
        unknown=f"is not on your list ({listed}); add it with 'moodlog med add NAME --dose X'",
        unknown_error=NotFound,
    )


def medicines_from(records: list[Regimen]) -> list[Medicine]:
    """Group regimen records (in any order) into medicines, sorted by name. A withdrawn record
    and its withdrawal leave the history (they were never in force) for ``withdrawn``."""
    withdrawals = {record.withdraws: record for record in records if record.kind == WITHDRAW}
    grouped: dict[str, list[Regimen]] = {}
    for record in records:
        grouped.setdefault(record.medicine.casefold(), []).append(record)
    medicines = []
    for kept in grouped.values():
        kept.sort(key=lambda record: (record.effective, record.id or 0))
        latest_named = max(kept, key=lambda record: (record.recorded_at, record.id or 0))
        history = [r for r in kept if r.kind != WITHDRAW and r.id not in withdrawals]
        withdrawn = [Withdrawn(r, withdrawals[r.id]) for r in kept if r.id in withdrawals]
        medicines.append(Medicine(latest_named.medicine, tuple(history), tuple(withdrawn)))
    return sorted(medicines, key=lambda medicine: medicine.key)


def _check_dose_for_slots(
    dose: Dose | None, slots: tuple[Slot, ...], name: str, labels: MedicineLabels
) -> None:
    """Every slot has a dose, its own or the regimen's, and a regimen's dose is used by some
    slot. (This depends on the regimen in force when a change keeps its slots, so it is checked
    here, naming the values by ``labels``.)"""
    without = [slot.name for slot in slots if slot.dose is None]
    if without == [ONCE] and dose is None:
        raise InvalidValue(f"{name} needs {labels.dose}: an amount and a unit, {DOSE_EXAMPLES}")
    if without and dose is None:
        raise InvalidValue(
            f"{name} needs a dose for {', '.join(without)}; give {labels.dose}, e.g. "
            f"{labels.dose} 50mg, or a dose per slot, e.g. {labels.schedule} "
            "morning=50mg,bedtime=200mg"
        )
    if not without and dose is not None:
        raise InvalidValue(
            f"{labels.dose} {dose} would not be used: every slot of {name}'s schedule has its own "
            f"dose; leave out {labels.dose} or the slots' doses"
        )


# The command line refuses these combinations first, naming its options; these checks keep
# any other caller from building a regimen that means two things.
_ONE_WAY = "a medicine is taken on some weekdays, every N days, or as needed: one of them"


def new_regimen(
    name: str,
    dose: Dose | None,
    slots: tuple[Slot, ...] | None,
    weekdays: tuple[int, ...] | None,
    every_days: int | None,
    as_needed: bool,
    start: date,
    recorded_at: datetime,
    reason: str | None = None,
    labels: MedicineLabels = IN_WORDS,
) -> Regimen:
    """The start record of a medicine, from what was given: a dose, slots (default one dose a
    day), weekdays or an interval in days (counted from ``start``), or taken as needed."""
    if sum((weekdays is not None, every_days is not None, as_needed)) > 1:
        raise InvalidValue(_ONE_WAY)
    if as_needed:
        if slots is not None:
            raise InvalidValue("a medicine taken as needed has no slots")
        if dose is None:
            raise InvalidValue(
                f"{name} needs {labels.dose}: the dose of one use, e.g. {labels.dose} 0.5mg"
            )
        schedule = Schedule(slots=(), as_needed=True)
    else:
        checked_slots = slots if slots is not None else (Slot(ONCE),)
        _check_dose_for_slots(dose, checked_slots, name, labels)
        schedule = Schedule(
            slots=checked_slots,
            weekdays=weekdays or (),
            every_days=every_days,
            every_from=start if every_days is not None else None,
        )
    return Regimen(
        medicine=name,
        kind=START,
        effective=start,
        recorded_at=recorded_at,
        dose=dose,
        schedule=schedule,
        reason=_reason(reason),
    )


def changed_regimen(
    previous: Regimen,
    dose: Dose | None,
    slots: tuple[Slot, ...] | None,
    weekdays: tuple[int, ...] | None,
    every_days: int | None,
    effective: date,
    recorded_at: datetime,
    reason: str | None = None,
    labels: MedicineLabels = IN_WORDS,
) -> Regimen:
    """A change record: what was given replaces the regimen in force on ``effective``; what was
    not carries over. Weekdays ``()`` mean every day; an interval counts from the change's
    date."""
    name = previous.medicine
    if dose is None and slots is None and weekdays is None and every_days is None:
        # Checked here rather than on the command line: the message names the medicine as it
        # is on the list, and an unknown name is refused first.
        raise InvalidValue(
            f"nothing to change for {name}; give {labels.dose}, {labels.schedule}, "
            f"{labels.days} or {labels.every}"
        )
    if weekdays is not None and every_days is not None:
        raise InvalidValue(_ONE_WAY)
    assert previous.schedule is not None
    schedule = previous.schedule
    if schedule.as_needed:
        if slots is not None or weekdays is not None or every_days is not None:
            raise InvalidValue(
                f"{name} is taken as needed; to give it a schedule, stop it "
                "('moodlog med stop') and add it again with its schedule"
            )
        assert dose is not None
        new_dose: Dose | None = dose
    else:
        new_slots = slots if slots is not None else schedule.slots
        if slots is None and dose is not None and all(s.dose for s in new_slots):
            raise InvalidValue(
                f"{name} has a dose per slot ({schedule.slots_text()}); give the new doses with "
                f"{labels.schedule}, e.g. {labels.schedule} morning=50mg,bedtime=200mg"
            )
        if dose is not None:
            new_dose = dose
        elif all(slot.dose for slot in new_slots):
            new_dose = None
        else:
            new_dose = previous.dose
        _check_dose_for_slots(new_dose, new_slots, name, labels)
        schedule = replace(schedule, slots=new_slots)
        if weekdays is not None:
            schedule = replace(schedule, weekdays=weekdays, every_days=None, every_from=None)
        if every_days is not None:
            schedule = replace(schedule, weekdays=(), every_days=every_days, every_from=effective)
    if new_dose == previous.dose and schedule == previous.schedule:
        raise InvalidValue(
            f"{name} is already {previous.describe()} on {effective.isoformat()}; nothing to change"
        )
    return Regimen(
        medicine=name,
        kind=CHANGE,
        effective=effective,
        recorded_at=recorded_at,
        dose=new_dose,
        schedule=schedule,
        reason=_reason(reason),
    )


def _reason(text: str | None) -> str | None:
    return (" ".join(text.split()) or None) if text else None


def stop_record(
    medicine: Medicine, day: date, recorded_at: datetime, reason: str | None = None
) -> Regimen:
    """A stop record: from ``day`` on, the medicine is not taken (its last day is the day
    before)."""
    if medicine.regimen_on(day) is None:
        raise InvalidValue(f"{medicine.why_not_on(day)}; it cannot be stopped on {day.isoformat()}")
    return Regimen(
        medicine=medicine.name,
        kind=STOP,
        effective=day,
        recorded_at=recorded_at,
        reason=_reason(reason),
    )


def check_can_start(existing: Medicine | None, start: date) -> None:
    """Refuse a second course of a medicine that is still on the list on ``start``."""
    if existing is None:
        return
    live = [record for record in existing.history if existing.applies(record)]
    if not live:
        return
    latest = live[-1]
    if latest.kind != STOP:
        since = max(record.effective for record in existing.history if record.kind == START)
        raise InvalidValue(
            f"{existing.name} is already on your list (since {since.isoformat()}); change its "
            f"dose with 'moodlog med change {existing.name} --dose X', or stop it first"
        )
    if latest.effective > start:
        raise InvalidValue(
            f"{existing.name} is on your list until {latest.effective.isoformat()}; a new start "
            f"must be on or after that day, not {start.isoformat()}"
        )


def withdrawal_record(
    medicine: Medicine, record: Regimen, today: date, recorded_at: datetime, reason: str | None
) -> Regimen:
    """A record withdrawing ``record``, a change or stop of ``medicine`` entered by mistake:
    from then on it was never in force. A start is not withdrawn (a medicine entered by mistake
    is removed; a course ended is stopped), nor a stop a later start follows (the two courses
    would overlap)."""
    label = f"record {record.id}"
    if record.medicine.casefold() != medicine.key:
        raise InvalidValue(
            f"{label} is {record.medicine}'s, not {medicine.name}'s; 'moodlog med list --all' "
            "shows each record's medicine"
        )
    withdrawn = {gone.record.id: gone.withdrawal for gone in medicine.withdrawn}
    if record.id in withdrawn:
        earlier = withdrawn[record.id]
        raise InvalidValue(
            f"{label} of {medicine.name} was withdrawn on {earlier.effective.isoformat()} "
            f"already (record {earlier.id})"
        )
    if record.kind == WITHDRAW:
        raise InvalidValue(f"{label} is a withdrawal; a withdrawal cannot be withdrawn")
    if record.kind == START:
        raise InvalidValue(
            f"{label} is {medicine.name}'s start, which cannot be withdrawn; remove a medicine "
            f"entered by mistake with 'moodlog med remove {medicine.name}', or end a course "
            "with 'moodlog med stop'"
        )
    if record.kind == STOP:
        later = [r for r in medicine.history if r.kind == START and r.effective >= record.effective]
        if later:
            raise InvalidValue(
                f"{label} stops {medicine.name} before its start of "
                f"{later[0].effective.isoformat()}; withdrawing it would run two courses at once"
            )
    return Regimen(
        medicine=medicine.name,
        kind=WITHDRAW,
        effective=today,
        recorded_at=recorded_at,
        reason=_reason(reason),
        withdraws=record.id,
    )

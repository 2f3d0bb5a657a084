"""What the medication commands found or did, as plain records the terminal and the report show:
`med list`, `med list --all`, a dose just logged, `took --all`, a side effect recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from moodlog.domain.days import Period
from moodlog.domain.doses import Adherence, DoseLog, DoseState, ScheduledDose
from moodlog.domain.medications import Dose, Medicine, Regimen
from moodlog.domain.side_effects import SideEffect


@dataclass(frozen=True)
class RegimenChange:
    """A new record, the regimen it follows, and records dated after it (they stay as they
    were recorded: a planned step keeps its own dose and schedule)."""

    record: Regimen
    previous: Regimen
    later: list[Regimen] = field(default_factory=list)


@dataclass(frozen=True)
class Withdrawal:
    """A change or stop just withdrawn: the withdrawal, the record it withdrew, and the regimen
    in force from that record's date once it is gone (None: not taken then)."""

    record: Regimen
    withdrawn: Regimen
    now_in_force: Regimen | None


@dataclass(frozen=True)
class MedicineRemoval:
    """A medicine about to be removed, or just removed, with how many of its records go: its
    regimen records, dose logs and side effects."""

    medicine: Medicine
    regimen: int
    doses: int
    side_effects: int

    @property
    def logged(self) -> bool:
        return bool(self.doses or self.side_effects)


@dataclass(frozen=True)
class MedicineSummary:
    """One medicine in `med list`: its regimen on the list's day, its counts over the period,
    and any steps planned after that day."""

    medicine: Medicine
    regimen: Regimen | None
    adherence: Adherence
    as_needed: list[DoseLog]
    planned: list[Regimen]


@dataclass(frozen=True)
class MedicineList:
    day: date
    period: Period
    medicines: list[MedicineSummary]
    stopped: list[tuple[Medicine, Regimen]]  # stopped within the period: (medicine, its stop)
    side_effects: list[SideEffect]  # ongoing on the day


@dataclass(frozen=True)
class RegimenHistory:
    today: date
    records: list[Regimen]
    side_effects: list[SideEffect]


@dataclass(frozen=True)
class LoggedDose:
    """A dose log just saved, with the dose prescribed for it and the log it corrects."""

    log: DoseLog
    label: str
    prescribed: Dose | None
    replaced: DoseLog | None = None
    # An as-needed use of the same medicine logged a few minutes before: maybe a slip.
    just_before: DoseLog | None = None


@dataclass(frozen=True)
class AllTaken:
    """What `took --all` did on a day: the doses it logged, those logged before, and those it
    left because their time has not come yet (each with the time it is due)."""

    day: date
    logged: list[LoggedDose]
    already: list[DoseState]
    not_due: list[tuple[ScheduledDose, time | None]] = field(default_factory=list)


@dataclass(frozen=True)
class SideEffectLogged:
    effect: SideEffect
    resolved_now: bool  # True when this marked an existing side effect resolved

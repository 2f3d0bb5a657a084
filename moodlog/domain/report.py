"""What the report shows beyond entries: the medication and therapy records, as plain data.

The report's medication parts (adherence per medicine, the adherence strip, PRN ticks, dose
changes, side effects, dose against response) and therapy parts (skills, sessions, PHQ-9/GAD-7,
safety flags) take these shapes. The therapy parts take the therapy records themselves
(``SkillUse``, ``Session``, ``Questionnaire``, ``SafetyFlag``, ``SkillRanking``). The
adherence, PRN and side-effect shapes are protocols, which the medication records fit as they are
(``Adherence`` from the one adherence function, as-needed ``DoseLog``s, ``SideEffect``): the
adherence percentage is never recomputed here. Dose outcomes, dose changes and dose spans are
small dataclasses built from the regimen and dose records.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal, Protocol

from moodlog.domain.days import Period
from moodlog.domain.questionnaires import Questionnaire
from moodlog.domain.safety import SafetyFlag
from moodlog.domain.therapy import Session, SkillRanking, SkillUse

DoseStatus = Literal["taken", "missed", "skipped", "not logged"]

# A day with several scheduled doses shows its most telling one on the adherence strip:
# a missed dose, else one not logged, else one skipped on advice, else taken.
DAY_STATUS_ORDER: tuple[DoseStatus, ...] = ("missed", "not logged", "skipped", "taken")


# --- medication ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DoseOutcome:
    """One scheduled dose of a day and what became of it."""

    medicine: str
    day: date
    status: DoseStatus
    slot: str | None = None


class AdherenceRecord(Protocol):
    """A medicine's adherence over a period, as the adherence function returns it: taken ÷
    (scheduled − skipped) as ``percent`` (None when nothing was due), with the counts a
    provider needs beside it."""

    @property
    def medicine(self) -> str: ...
    @property
    def scheduled(self) -> int: ...
    @property
    def taken(self) -> int: ...
    @property
    def missed(self) -> int: ...
    @property
    def skipped(self) -> int: ...
    @property
    def not_logged(self) -> int: ...
    @property
    def percent(self) -> float | None: ...


def adherence_text(adherence: AdherenceRecord) -> str:
    """Adherence as every page, `stats` and `med list` write it: the percentage with its counts
    in words beside it, and, when some doses are not logged, the share of the logged doses
    taken, so unlogged doses never read as missed (``82% · 36 taken, 3 missed, 5 not logged,
    1 skipped · 92% of logged``). Counts of 0 not logged or skipped are left out. With no dose
    taken or missed there is no percentage to give: ``none logged · 56 not logged``, and
    ``nothing due`` when no dose was due (``nothing due · 2 skipped`` when all were held)."""
    if adherence.scheduled == 0:
        return "nothing due"
    counts = [f"{adherence.taken} taken", f"{adherence.missed} missed"]
    if adherence.not_logged:
        counts.append(f"{adherence.not_logged} not logged")
    if adherence.skipped:
        counts.append(f"{adherence.skipped} skipped")
    logged = adherence.taken + adherence.missed
    if logged == 0:
        if adherence.not_logged == 0:
            return f"nothing due · {adherence.skipped} skipped"
        if adherence.skipped == 0:
            return f"none logged · {adherence.not_logged} not logged"
        return f"none taken or missed · {', '.join(counts[2:])}"
    percent = adherence.percent
    assert percent is not None  # some dose was taken or missed, so some was due
    text = f"{percent:.0f}% · " + ", ".join(counts)
    if adherence.not_logged:
        text += f" · {100 * adherence.taken / logged:.0f}% of logged"
    return text


class PrnRecord(Protocol):
    """An as-needed dose taken on a day."""

    @property
    def medicine(self) -> str: ...
    @property
    def day(self) -> date: ...


@dataclass(frozen=True)
class PrnUse:
    """A :class:`PrnRecord` given as plain values."""

    medicine: str
    day: date
    dose: str | None = None
    reason: str | None = None


def _amount_and_unit(dose: str) -> tuple[str, str]:
    number = dose.strip()
    index = len(number)
    while index > 0 and not (number[index - 1].isdigit() or number[index - 1] == "."):
        index -= 1
    return number[:index].strip(), number[index:].strip()


@dataclass(frozen=True)
class DoseChange:
    """A medicine started, changed or stopped on a day (``before``/``after`` as the regimen
    writes doses, e.g. ``50 mg``). A change that keeps the dose and moves only its schedule
    carries the dose it keeps as ``dose``, and ``before``/``after`` are the schedules in words
    (``morning``, ``evening``)."""

    medicine: str
    day: date
    before: str | None
    after: str | None
    reason: str | None = None
    dose: str | None = None

    @property
    def label(self) -> str:
        """``sertraline 50→100 mg``, ``sertraline started 50 mg``, ``sertraline stopped``,
        ``sertraline 100 mg: morning → evening``, ``sertraline 100 mg morning: unchanged``."""
        if self.before is None and self.after is not None:
            return f"{self.medicine} started {self.after}"
        if self.after is None:
            return f"{self.medicine} stopped"
        assert self.before is not None
        if self.dose is not None:
            if self.before == self.after:  # recorded again as it was (a review keeping it)
                return f"{self.medicine} {_joined(self.dose, self.after)}: unchanged"
            return f"{self.medicine} {self.dose}: {self.before} → {self.after}"
        before, unit_before = _amount_and_unit(self.before)
        after, unit_after = _amount_and_unit(self.after)
        if before and after and unit_before == unit_after:
            return f"{self.medicine} {before}→{after}{' ' + unit_after if unit_after else ''}"
        return f"{self.medicine} {self.before}→{self.after}"


# A piece of a report's line in its own direction (a name in Arabic before its dose) is marked
# with the Unicode isolate marks; the report draws each such piece apart.
FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2068", "\u2069"


# The isolate marks themselves (left-to-right, right-to-left, first-strong, pop): a person's
# own, pasted from another app, are taken out of a text before moodlog marks it.
_NO_ISOLATE_MARKS = str.maketrans("", "", "\u2066\u2067\u2068\u2069")


def has_right_to_left(text: str) -> bool:
    """Whether ``text`` has a letter of a right-to-left script (Hebrew, Arabic, …)."""
    return any(unicodedata.bidirectional(character) in ("R", "AL") for character in text)


def isolate(text: str) -> str:
    """``text`` marked to be ordered in its own direction within a line, and drawn as a piece
    of its own: a right-to-left note after its date keeps the date at the left, where a reader
    of the report expects it, and a name in Arabic before its dose keeps the dose after it
    (text in a left-to-right script is returned as it is, less any isolate marks of its own)."""
    text = text.translate(_NO_ISOLATE_MARKS)
    if has_right_to_left(text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_ISOLATE}"
    return text


@dataclass(frozen=True)
class WithdrawnChange:
    """A change or stop dated in the period that a later record withdrew: it was never in
    force, so it is not among the changes, and the report lists it apart (``change`` as it read
    when it was made), with the day it was withdrawn and why."""

    change: DoseChange
    withdrawn_on: date
    reason: str | None = None


def isolated_label(change: DoseChange) -> str:
    """A dose change's label for the report, the medicine's name a piece of its own, so a name
    in Arabic or Hebrew keeps its dose after it ("سيرترالين 50→100 mg")."""
    return replace(change, medicine=isolate(change.medicine)).label


def _joined(dose: str, schedule: str) -> str:
    return f"{dose} {schedule}" if schedule else dose


@dataclass(frozen=True)
class DoseSpan:
    """The days a medicine was on one dose: for "dose against response". ``adherence`` is the
    adherence function's result over those days; ``counted_from`` the first of them it counted
    (later than ``first`` when the span began before the journal's first day; None when no day
    of it was counted)."""

    medicine: str
    dose: str
    first: date
    last: date
    adherence: AdherenceRecord | None = None
    counted_from: date | None = None

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


class SideEffectRecord(Protocol):
    """A side effect: severity 1 mild, 2 moderate, 3 severe; resolved None while ongoing."""

    @property
    def name(self) -> str: ...
    @property
    def severity(self) -> int: ...
    @property
    def onset(self) -> date: ...
    @property
    def resolved(self) -> date | None: ...
    @property
    def medicine(self) -> str | None: ...


SideEffectStatus = Literal["new", "ongoing", "resolved"]


def side_effect_status(effect: SideEffectRecord, period: Period) -> SideEffectStatus | None:
    """Where a side effect stands in a period: resolved in it, new in it (started and not
    resolved in it), ongoing (started before, not resolved by its end); None when it does not
    touch the period."""
    if effect.onset > period.last:
        return None
    if effect.resolved is not None and effect.resolved < period.first:
        return None
    if effect.resolved is not None and effect.resolved in period:
        return "resolved"
    if effect.onset in period:
        return "new"
    return "ongoing"


@dataclass(frozen=True)
class MedicationRecords:
    """Everything of the medicines a report shows. Empty until medicines are recorded.

    ``adherence``/``previous_adherence``: one result per medicine for the period and the one
    before it. ``doses``: each scheduled dose of the period with its outcome. ``prn``: as-needed
    doses of both periods. ``changes``: starts, changes and stops in the period (``withdrawn``:
    those dated in it and withdrawn, never in force). ``spans``: per
    medicine, each dose it was on within the period and the dose before it. ``side_effects``:
    any that touch the period.
    """

    adherence: tuple[AdherenceRecord, ...] = ()
    previous_adherence: tuple[AdherenceRecord, ...] = ()
    doses: tuple[DoseOutcome, ...] = ()
    prn: tuple[PrnRecord, ...] = ()
    changes: tuple[DoseChange, ...] = ()
    spans: tuple[DoseSpan, ...] = ()
    side_effects: tuple[SideEffectRecord, ...] = ()
    withdrawn: tuple[WithdrawnChange, ...] = ()

    def is_empty(self) -> bool:
        return (
            not (self.adherence or self.doses or self.prn or self.changes or self.spans)
            and not self.side_effects
        )


# --- therapy ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TherapyRecords:
    """Everything of therapy a report shows. Empty until skills, sessions or questionnaires
    are recorded.

    ``skill_uses`` and ``sessions``: the period's and the previous period's (each part of the
    report picks the days it shows).
    ``rankings``: the period's skills ranked by the therapy code. ``questionnaires``: every one
    up to the period's last day (the latest is a key figure; the period's are drawn on their
    bands). ``safety_flags``: the period's.
    """

    skill_uses: tuple[SkillUse, ...] = ()
    sessions: tuple[Session, ...] = ()
    rankings: tuple[SkillRanking, ...] = ()
    questionnaires: tuple[Questionnaire, ...] = ()
    safety_flags: tuple[SafetyFlag, ...] = ()

    def is_empty(self) -> bool:
        return not (
            self.skill_uses
            or self.sessions
            or self.rankings
            or self.questionnaires
            or self.safety_flags
        )


# --- warning signs ------------------------------------------------------------------------


@dataclass(frozen=True)
class SignEpisode:
    """One episode of a warning sign that touches the report's period: the first day its rule
    held (``from_before``: it already held on the first day looked at, so it may have begun
    earlier still), the last day it held (None: it still held on the period's last day), and
    what the person noted they did about it, if anything."""

    first: date
    last: date | None
    note: str | None = None
    from_before: bool = False

    def days(self, period: Period) -> int:
        """Its days, up to the period's last day while it lasts."""
        return ((self.last or period.last) - self.first).days + 1


@dataclass(frozen=True)
class SignOnReport:
    """A warning sign as the person and provider agreed it (name, rule as written, plan,
    preset), with its episodes that touch the report's period, oldest first."""

    name: str
    rule: str
    plan: str | None = None
    preset: str | None = None
    episodes: tuple[SignEpisode, ...] = ()


def signs_shown(signs: tuple[SignOnReport, ...]) -> list[SignOnReport]:
    """The signs that showed in the period, the one seen most lately first (one still showing
    before any that ended), as page 1 lists them and its timeline draws them."""

    def latest(sign: SignOnReport) -> tuple[bool, date]:
        last = sign.episodes[-1]
        return (last.last is None, last.last or last.first)

    return sorted((sign for sign in signs if sign.episodes), key=latest, reverse=True)

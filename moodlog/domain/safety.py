"""Safety: the answers that show the crisis message at once and are flagged on the next report.

The triggers (docs/questionnaires.md): a PHQ-9 item 9 answer above 0, a ``suicidal-thoughts``
urge above 0, a ``self-harm`` urge of 3 or more, acting on ``self-harm``, and one more a careful
reader would expect: acting on ``suicidal-thoughts``. The message never blocks and never loses what
was saved; moodlog tells no one and sends nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from moodlog.domain.entries import Entry

if TYPE_CHECKING:
    from moodlog.domain.questionnaires import Questionnaire

SELF_HARM = "self-harm"
SUICIDAL_THOUGHTS = "suicidal-thoughts"
SELF_HARM_URGE_FLAGGED_FROM = 3

DEFAULT_CRISIS_RESOURCES = (
    "In the US: call or text 988, the Suicide & Crisis Lifeline, any time. "
    "Anywhere else, or in an emergency: your local emergency number."
)


@dataclass
class SafetyFlag:
    """An answer that showed the crisis message, kept so the next report shows it."""

    day: date
    trigger: str
    detail: str
    source: str  # entry or questionnaire
    recorded_at: datetime
    entry_id: int | None = None
    questionnaire_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class FlaggedRecord:
    """One safety flag as the report, `stats` and the daily export count it: a record (an entry
    or a questionnaire) that met one or more triggers, with its reasons (an urge of 3 that was
    also acted on is one flag with two reasons). The journal stores a row per trigger."""

    day: date
    source: str  # entry or questionnaire
    reasons: tuple[str, ...]
    recorded_at: datetime  # when the first of its reasons was recorded

    @property
    def text(self) -> str:
        """Its reasons in one line: ``self-harm urge 3 of 5; acted on self-harm``."""
        return "; ".join(self.reasons)


def flagged_records(flags: Iterable[SafetyFlag]) -> list[FlaggedRecord]:
    """The flags grouped by the record that raised them, oldest day first (then by when they
    were recorded); each record's reasons in the order they were stored."""
    grouped: dict[tuple[object, ...], list[SafetyFlag]] = {}
    for flag in flags:
        if flag.entry_id is not None:
            key: tuple[object, ...] = ("entry", flag.entry_id)
        elif flag.questionnaire_id is not None:
            key = ("questionnaire", flag.questionnaire_id)
        else:  # a row without its record (never written by moodlog): a flag of its own
            key = ("row", flag.id, flag.day, flag.trigger, flag.detail)
        grouped.setdefault(key, []).append(flag)
    records = []
    for rows in grouped.values():
        rows.sort(key=lambda flag: (flag.id is None, flag.id or 0))
        records.append(
            FlaggedRecord(
                day=rows[0].day,
                source=rows[0].source,
                reasons=tuple(flag.detail for flag in rows),
                recorded_at=min(flag.recorded_at for flag in rows),
            )
        )
    records.sort(key=lambda record: (record.day, record.recorded_at))
    return records


def flagged_per_day(flags: Sequence[SafetyFlag]) -> Counter[date]:
    """How many records were flagged on each day (a record with two reasons counts once)."""
    return Counter(record.day for record in flagged_records(flags))


def count_text(count: int) -> str:
    """``1 safety flag``, ``3 safety flags``, ``0 safety flags``."""
    return f"{count} safety flag" + ("" if count == 1 else "s")


@dataclass(frozen=True)
class SafetyAlert:
    """What a command shows at once: the flags it raised and the crisis resources to print."""

    flags: tuple[SafetyFlag, ...]
    crisis_resources: str


def entry_flags(entry: Entry, recorded_at: datetime) -> list[SafetyFlag]:
    """The safety flags an entry's urges raise (none for most entries)."""
    assert entry.id is not None

    def flag(trigger: str, detail: str) -> SafetyFlag:
        return SafetyFlag(entry.day, trigger, detail, "entry", recorded_at, entry_id=entry.id)

    flags = []
    thoughts = entry.urges.get(SUICIDAL_THOUGHTS, 0)
    if thoughts > 0:
        flags.append(flag("suicidal-thoughts", f"suicidal thoughts {thoughts} of 5"))
    if SUICIDAL_THOUGHTS in entry.acted:
        flags.append(flag("acted-suicidal-thoughts", "acted on suicidal thoughts"))
    urge = entry.urges.get(SELF_HARM, 0)
    if urge >= SELF_HARM_URGE_FLAGGED_FROM:
        flags.append(flag("self-harm-urge", f"self-harm urge {urge} of 5"))
    if SELF_HARM in entry.acted:
        flags.append(flag("acted-self-harm", "acted on self-harm"))
    return flags


def questionnaire_flags(questionnaire: Questionnaire) -> list[SafetyFlag]:
    """A PHQ-9 whose item 9 (thoughts of being better off dead or of self-harm) is above 0."""
    from moodlog.domain.questionnaires import ANSWER_LABELS, PHQ9, PHQ9_SAFETY_ITEM

    assert questionnaire.id is not None
    if questionnaire.instrument != PHQ9.key:
        return []
    answer = questionnaire.answers[PHQ9_SAFETY_ITEM - 1]
    if answer == 0:
        return []
    return [
        SafetyFlag(
            questionnaire.day,
            "phq9-item9",
            f"PHQ-9 item 9 (thoughts of being better off dead or of hurting yourself): "
            f"{ANSWER_LABELS[answer]}",
            "questionnaire",
            questionnaire.recorded_at,
            questionnaire_id=questionnaire.id,
        )
    ]


def new_flags(before: Iterable[SafetyFlag], after: Iterable[SafetyFlag]) -> list[SafetyFlag]:
    """The flags of ``after`` that say something ``before`` did not (for an edited entry)."""
    seen = {(flag.trigger, flag.detail) for flag in before}
    return [flag for flag in after if (flag.trigger, flag.detail) not in seen]


def crisis_message(alert: SafetyAlert, saved: str) -> str:
    """The calm message shown at once when an answer raises a flag, one paragraph a line (the
    terminal wraps them). ``saved`` says what was kept, e.g. "Your entry is saved."."""
    noted = "; ".join(flag.detail for flag in alert.flags)
    resources = "\n".join(f"  {line.strip()}" for line in alert.crisis_resources.splitlines())
    return "\n".join(
        (
            f"{saved} You noted: {noted}.",
            "",
            "Thank you for writing this down. You don't have to carry it alone. If you can, "
            "talk to someone today: a person you trust, your provider, or a crisis line. If you "
            "are hurt, might act on these thoughts, or are in danger now, get help now:",
            resources,
            "",
            "moodlog tells no one and sends nothing: everything stays on this computer. This "
            "answer will be flagged on your next report, so you and your provider can talk "
            "about it.",
        )
    )

"""Side effects: a name, a severity 1-3, optionally the medicine suspected, an onset day and,
once it is over, the day it resolved. Plain Python, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from moodlog.domain.entries import parse_number
from moodlog.errors import InvalidValue

SEVERITIES = {1: "mild", 2: "moderate", 3: "severe"}
SEVERITY_ANCHORS = "1 mild (noticeable), 2 moderate (gets in the way), 3 severe (hard to go on)"


@dataclass(frozen=True)
class SideEffect:
    name: str
    severity: int
    onset: date
    recorded_at: datetime
    medicine: str | None = None
    resolved: date | None = None
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.resolved is None

    def ongoing_on(self, day: date) -> bool:
        return self.onset <= day and (self.resolved is None or day <= self.resolved)

    def describe(self) -> str:
        """``nausea, moderate (2), with sertraline, since 2026-10-02``."""
        words = [f"{self.name}, {SEVERITIES[self.severity]} ({self.severity})"]
        if self.medicine:
            words.append(f"with {self.medicine}")
        if self.resolved:
            words.append(f"{self.onset.isoformat()} to {self.resolved.isoformat()}")
        else:
            words.append(f"since {self.onset.isoformat()}")
        return ", ".join(words)


def check_severity(text: str, what: str = "severity") -> int:
    allowed = f"a whole number: {SEVERITY_ANCHORS}"
    value = parse_number(text, what, allowed)
    if value not in SEVERITIES:
        raise InvalidValue(f"{what} {text} is out of range; allowed: {allowed}")
    return int(value)


def check_resolved(
    effect: SideEffect, resolved: date, today: date, what: str = "resolved date"
) -> None:
    """A side effect is resolved on a day from its onset to today; ``what`` names the day."""
    if resolved > today:
        raise InvalidValue(
            f"{what} {resolved.isoformat()} is in the future; a side effect is resolved "
            f"today ({today.isoformat()}) or earlier"
        )
    if resolved < effect.onset:
        raise InvalidValue(
            f"{what} {resolved.isoformat()} is before {effect.name} began "
            f"({effect.onset.isoformat()}); give a day on or after it"
        )

"""A warning sign as the journal keeps it, and one announced after a command: records only, so
the commands that store, list or announce signs (and `moodlog status`, at every prompt) load
them without the rules' grammar (:mod:`moodlog.domain.warning_signs`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass
class WarningSign:
    """A warning sign: its name, its rule (kept in its written form), the plan agreed for it,
    and the preset it began from, if any."""

    name: str
    rule: str
    recorded_at: datetime
    plan: str | None = None
    preset: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class ShownSign:
    """A warning sign announced after a command: the first day of its episode, and the crisis
    resources when it touches safety."""

    sign: WarningSign
    first_day: date
    crisis_resources: str | None = None

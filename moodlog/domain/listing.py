"""A listing of records of one kind (`moodlog session list`, `moodlog dose list`, ...)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from moodlog.domain.days import Period

Listed = TypeVar("Listed")


@dataclass(frozen=True)
class Listing(Generic[Listed]):
    """Records of one kind, oldest first, and the period they were chosen by (None: all of
    them)."""

    period: Period | None
    records: list[Listed]

"""Polarity, where elevation is tracked (the bipolar preset's ``elevated`` and ``depressed``
scales, each 0-3): what kind of day each day was, so a mean mood cannot average highs and lows
into a normal-looking figure.

A day's elevation and depression are the highest the day's entries gave (a scale the day's
entries left out counts as 0 when the other was rated). An *elevated day* has elevation 1 or
more and depression 0, a *depressed day* the reverse, a *mixed day* both 1 or more; a day
rated 0 on both is *neither*. Each day counts once. docs/report.md says the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from moodlog.domain.entries import Entry

ELEVATION_SCALE = "elevated"
DEPRESSION_SCALE = "depressed"
POLARITY_FROM = 1  # "noticeable" on the 0-3 scales

DayPolarity = Literal["elevated", "depressed", "mixed", "neither"]


def day_polarity(entries: Iterable[Entry]) -> DayPolarity | None:
    """The kind of day one day's entries describe; None when none rated either scale."""
    elevation: float | None = None
    depression: float | None = None
    for entry in entries:
        up = entry.symptoms.get(ELEVATION_SCALE)
        down = entry.symptoms.get(DEPRESSION_SCALE)
        if up is not None:
            elevation = up if elevation is None else max(elevation, up)
        if down is not None:
            depression = down if depression is None else max(depression, down)
    if elevation is None and depression is None:
        return None
    high = (elevation or 0) >= POLARITY_FROM
    low = (depression or 0) >= POLARITY_FROM
    if high and low:
        return "mixed"
    if high:
        return "elevated"
    if low:
        return "depressed"
    return "neither"

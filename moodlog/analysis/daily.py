"""Entries as pandas frames: one row per day, the shape the report and `moodlog stats` share.

Days are counted as proleptic ordinals (``date.toordinal()``), so grouping and reindexing stay
integer work even over ten years. A day's value of a 0-10 scale is the mean of its entries (each
logged day weighs the same in a period's mean, however many entries it has); its range is their
lowest and highest. Sleep is the night before the day: when several entries give it, the latest
recorded counts, and of entries recorded at the same moment the one stored last (docs/csv.md,
the daily table), as the daily export takes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Literal

from moodlog.domain.days import Period
from moodlog.domain.entries import Entry

if TYPE_CHECKING:
    import pandas as pd

SCALES = ("mood", "anxiety", "irritability", "energy")
# An entry's values the daily frames are made of, besides its day.
_NUMBERS = (*SCALES, "sleep_hours", "sleep_quality")

# A trailing 7-day mean is drawn on a day only when at least this many of its 7 days are
# logged, and only on logged days, so it never bridges a gap.
ROLLING_DAYS = 7
ROLLING_MIN_DAYS = 4


def weekday_of(ordinal: int) -> int:
    """Monday 0 … Sunday 6 (ordinal 1, 0001-01-01, was a Monday)."""
    return (ordinal - 1) % 7


def entries_frame(entries: Sequence[Entry]) -> pd.DataFrame:
    """One row per entry: its day (ordinal), when it was recorded, and its core values."""
    import pandas as pd

    frame = pd.DataFrame(
        {
            "day": [entry.day.toordinal() for entry in entries],
            "recorded": [entry.recorded_at.timestamp() for entry in entries],
            "id": [entry.id or 0 for entry in entries],
            "backfilled": [entry.backfilled for entry in entries],
            **{name: [getattr(entry, name) for entry in entries] for name in _NUMBERS},
        }
    )
    types = {"day": "int64", "recorded": "float64", "id": "int64", "backfilled": "bool"}
    return frame.astype(types | dict.fromkeys(_NUMBERS, "float64"))


class DailyValues:
    """The entries grouped into days once; :meth:`over` gives the daily frame of any period
    (the report asks for several: the period, the one before, each dose span, the weeks around
    each dose change)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        frame = entries_frame(entries)
        # Entries come in the order of the day (by time); the latest recorded is the one stored
        # last when two were recorded at the same moment (an import, a back-fill at once).
        groups = frame.sort_values(["recorded", "id"], kind="stable").groupby("day")
        aggregations: dict[str, tuple[str, str]] = {
            "entries": ("recorded", "size"),
            "backfilled": ("backfilled", "sum"),
        }
        for name in SCALES:
            aggregations[name] = (name, "mean")
            aggregations[f"{name}_low"] = (name, "min")
            aggregations[f"{name}_high"] = (name, "max")
        aggregations["sleep_hours"] = ("sleep_hours", "last")
        aggregations["sleep_quality"] = ("sleep_quality", "last")
        self._days = groups.agg(**aggregations)

    def over(self, period: Period) -> pd.DataFrame:
        """Every day of ``period`` (logged or not), indexed by ordinal.

        Columns: ``entries`` (count), ``backfilled`` (back-filled entries), ``logged``; for each
        of mood, anxiety, irritability, energy the day's mean and its ``_low``/``_high``;
        ``sleep_hours`` and ``sleep_quality`` (the latest recorded); ``mood_trend`` and
        ``anxiety_trend`` (the trailing 7-day mean within the period, on logged days only).
        """
        import pandas as pd

        days = pd.RangeIndex(period.first.toordinal(), period.last.toordinal() + 1, name="day")
        daily = self._days.reindex(days)
        daily["entries"] = daily["entries"].fillna(0).astype("int64")
        daily["backfilled"] = daily["backfilled"].fillna(0).astype("int64")
        daily["logged"] = daily["entries"] > 0
        for name in ("mood", "anxiety"):
            trend = daily[name].rolling(ROLLING_DAYS, min_periods=ROLLING_MIN_DAYS).mean()
            daily[f"{name}_trend"] = trend.where(daily[name].notna())
        return daily


def symptom_frame(
    entries: Sequence[Entry], period: Period, how: Literal["mean", "max"] = "mean"
) -> pd.DataFrame:
    """Symptom scales by day (ordinal index over the whole period, a column per scale): each
    day's mean, or its ``max`` (the life chart rates a day by its worst)."""
    import pandas as pd

    first, last = period.first.toordinal(), period.last.toordinal()
    days: list[int] = []
    names: list[str] = []
    values: list[float] = []
    for entry in entries:
        ordinal = entry.day.toordinal()
        if first <= ordinal <= last:
            for name, value in entry.symptoms.items():
                days.append(ordinal)
                names.append(name)
                values.append(value)
    index = pd.RangeIndex(first, last + 1, name="day")
    if not days:
        return pd.DataFrame(index=index)
    long = pd.DataFrame({"day": days, "scale": names, "value": values})
    wide = long.pivot_table(index="day", columns="scale", values="value", aggfunc=how)
    return wide.reindex(index)


def tag_days(entries: Sequence[Entry], period: Period) -> dict[str, list[int]]:
    """Each tag of the period and the ordinals of the days it was used, most used first."""
    found: dict[str, set[int]] = {}
    for entry in entries:
        if entry.day in period:
            for tag in entry.tags:
                found.setdefault(tag, set()).add(entry.day.toordinal())
    ordered = sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))
    return {tag: sorted(days) for tag, days in ordered}


def urge_frame(entries: Sequence[Entry], period: Period) -> pd.DataFrame:
    """Urges by entry: day (ordinal), urge name, level 0-5 (None when only acted on is
    recorded), acted (bool)."""
    import pandas as pd

    rows: list[tuple[int, str, float, bool]] = []
    for entry in entries:
        if entry.day not in period:
            continue
        names = list(entry.urges) + [name for name in entry.acted if name not in entry.urges]
        for name in names:
            level = entry.urges.get(name)
            rows.append(
                (
                    entry.day.toordinal(),
                    name,
                    float("nan") if level is None else float(level),
                    name in entry.acted,
                )
            )
    return pd.DataFrame(rows, columns=["day", "urge", "level", "acted"])


def ordinal_date(ordinal: int) -> date:
    return date.fromordinal(int(ordinal))

"""Page 1's timeline: every panel on the same dates, one above the other.

1. mood and anxiety (the day's mean as a dot, its range as a bar, the trailing 7-day mean as a
   line; days not logged are gaps), with the life chart below it for the bipolar preset;
2. sleep hours;
3. the adherence strip (a row per medicine) and PRN ticks;
4. therapy: skills used and sessions attended.

Warning signs that showed (a band across each episode's days, a row per sign) and tags sit on
a strip above panel 1; appointments (dashed) and dose changes (solid) are vertical
lines through every panel, and each dose change's line runs up to its label above the panels;
a day with a safety flag has a black triangle on the top edge of panel 1, the mark the flags
under the page's header carry too. Every shade drawn has its entry in the key under the
panels. Each axes carries a ``label`` naming its panel, which the tests use to find it; each
panel is drawn by a function of its own that returns the height it used.

When the page above has taken much of the space (many medicines, a long list of key figures),
the panels give up height, down to a floor at which each still reads (:data:`PANEL_HEIGHTS`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from moodlog.analysis.report import WEEK_STATUSES, AdherenceStrip, Marker, Timeline
from moodlog.domain.dates import day_text, month_text, tick_text, weekday_tick_text
from moodlog.render.report.layout import Page
from moodlog.render.report.shapes import bars, lines_across
from moodlog.render.report.style import (
    ANXIETY_COLOUR,
    DATES_ROW,
    DEPRESSED_COLOUR,
    DOSE_ROWS_PAD,
    DOSE_STYLES,
    ELEVATED_COLOUR,
    EMPTY_PANEL,
    FAINT,
    FLAG_MARKER,
    GREY,
    GUTTER,
    GUTTER_LINE,
    INK,
    KEY_ROW,
    LABEL_GAP,
    LABEL_ROW,
    LABEL_ROWS_PAD,
    LABEL_SPACING,
    LIGHT_LINE,
    LISTED_LINES,
    MAX_APPOINTMENT_LINES,
    MAX_LABEL_ROWS,
    MAX_RANGE_BARS,
    MAX_SIGN_ROWS,
    MAX_TAG_ROWS,
    MOOD_COLOUR,
    PANEL_GAP,
    PANEL_HEIGHTS,
    SIGN_BAND,
    SKILL_COLOUR,
    SLEEP_COLOUR,
    SMALL_SIZE,
    STRIP_PAD,
    TEXT_SIZE,
    TICK_SIZE,
)
from moodlog.render.report.text import shorten, text_width

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

__all__ = ["FLAG_MARKER", "date_ticks", "draw_timeline"]

FULL, COMFORTABLE, LEAST = 0, 1, 2


@dataclass(frozen=True)
class Stacked:
    """A panel as the stack sizes it: ``rows`` rows of its kind's height
    (:data:`PANEL_HEIGHTS`; a plot is one row), plus ``pad``, and never under ``least``. Its
    drawing function is given this height, so the height sized is the height drawn."""

    kind: str
    rows: int
    pad: float = 0.0
    least: float = 0.0

    def height(self, sized: dict[str, float]) -> float:
        return max(self.least, sized[self.kind] * self.rows + self.pad)


def _has_therapy(timeline: Timeline) -> bool:
    return timeline.skills is not None or bool(timeline.sessions)


def tag_strip_panel(rows: int) -> Stacked:
    return Stacked("tag row", rows, STRIP_PAD if rows else 0.0)


def life_chart_panel(timeline: Timeline) -> Stacked:
    return Stacked("life chart", int(timeline.life_chart is not None))


def doses_panel(timeline: Timeline) -> Stacked:
    """A row per medicine; at least a line's height, for one row or for "none recorded"."""
    rows = len(timeline.adherence) + len(timeline.prn)
    return Stacked("dose row", rows, DOSE_ROWS_PAD if rows else 0.0, EMPTY_PANEL)


def therapy_panel(timeline: Timeline) -> Stacked:
    return Stacked("therapy", int(_has_therapy(timeline)), least=EMPTY_PANEL)


def stack(timeline: Timeline, strip_rows: int) -> list[Stacked]:
    """The panels drawn, top to bottom (a tag strip only with rows, a life chart only for the
    bipolar preset); :data:`PANEL_GAP` apart."""
    panels = [
        tag_strip_panel(strip_rows),
        Stacked("mood", 1),
        life_chart_panel(timeline),
        Stacked("sleep", 1),
        doses_panel(timeline),
        therapy_panel(timeline),
    ]
    return [panel for panel in panels if panel.rows or panel.least]


def stack_height(panels: list[Stacked], sized: dict[str, float]) -> float:
    return sum(panel.height(sized) for panel in panels) + PANEL_GAP * (len(panels) - 1)


def _sized(share: float, floor: int) -> dict[str, float]:
    """Each kind's height ``share`` of the way from ``floor`` to its full height."""
    return {
        kind: levels[floor] + share * (levels[FULL] - levels[floor])
        for kind, levels in PANEL_HEIGHTS.items()
    }


def _heights(panels: list[Stacked], room: float, floor: int) -> tuple[dict[str, float], bool]:
    """Each panel kind's height (per row where it has rows): its full height when the panels
    fit in ``room`` inches, else all shrunk alike toward ``floor`` (COMFORTABLE or LEAST), as
    little as lets them fit; and whether they fit."""
    if stack_height(panels, _sized(1.0, floor)) <= room:
        return _sized(1.0, floor), True
    low, high = 0.0, 1.0  # the largest share that fits lies between (a few dozen halvings)
    for _ in range(40):
        middle = (low + high) / 2
        if stack_height(panels, _sized(middle, floor)) <= room:
            low = middle
        else:
            high = middle
    return _sized(low, floor), stack_height(panels, _sized(0.0, floor)) <= room


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


def date_ticks(first: date, last: date) -> list[Tick]:
    """A handful of readable date ticks: days, Mondays, month starts or years."""
    days = (last - first).days + 1

    def at(day: date, label: str) -> Tick:
        return Tick(float((day - first).days), label)

    if days <= 10:
        return [
            at(day, weekday_tick_text(day)) for day in (first + timedelta(d) for d in range(days))
        ]
    if days <= 150:
        step = 7 if days <= 63 else 14
        monday = first + timedelta(days=(7 - first.weekday()) % 7)
        ticks = []
        day = monday
        while day <= last:
            ticks.append(at(day, tick_text(day)))
            day += timedelta(days=step)
        return ticks
    months = (last.year - first.year) * 12 + last.month - first.month
    for every in (1, 2, 3, 6, 12, 24, 60):
        if months / every <= 8:
            break
    ticks = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        start = date(year, month, 1)
        index = year * 12 + month - 1
        if start >= first and index % every == 0:
            label = month_text(start) if every < 12 else f"{start.year}"
            ticks.append(at(start, label))
        year, month = divmod(index + 1, 12)
        month += 1
    return ticks


def _plain(ax: Axes, xlim: tuple[float, float], ticks: list[Tick]) -> None:
    """The shared dates: the same limits and faint lines at the date ticks on every panel;
    only the bottom one carries tick marks and labels (ticks cost time to draw)."""
    ax.set_xlim(*xlim)
    ax.set_xticks([])
    lines_across(ax, [tick.position for tick in ticks], color=FAINT, linewidth=0.5, zorder=0)


def _appointments_as_lines(timeline: Timeline) -> bool:
    """A few appointments are dashed lines through every panel; many (a year or more of them)
    would hide the data, so they become a row of ticks on the strip above panel 1."""
    count = sum(1 for marker in timeline.markers if marker.kind == "appointment")
    return count <= MAX_APPOINTMENT_LINES


def _markers(ax: Axes, timeline: Timeline) -> None:
    """Dose changes as solid lines through the panel, a few appointments as dashed ones."""
    changes = [m.position for m in timeline.markers if m.kind != "appointment"]
    appointments = [m.position for m in timeline.markers if m.kind == "appointment"]
    if changes:
        lines_across(ax, changes, color=INK, linewidth=0.9, zorder=1)
    if appointments and _appointments_as_lines(timeline):
        lines_across(ax, appointments, color=INK, linewidth=0.8, linestyle=(0, (3, 2)), zorder=1)


def _empty(page: Page, x: float, top: float, text: str) -> None:
    """A panel with nothing to draw says so in a line of text (no axes to draw)."""
    page.text(x, top + 0.07, text, TEXT_SIZE, color=GREY)


def _panel_name(
    page: Page,
    left: float,
    top: float,
    lines: list[tuple[str, str, bool]],
    keys: dict[int, str] | None = None,
) -> None:
    """A panel's name and legend down its left gutter; ``keys`` puts a marker (a matplotlib
    marker: "v" a triangle down) before the line of that index, as drawn in the panel."""
    y = top
    for index, (text, colour, bold) in enumerate(lines):
        indent = 0.0
        if keys and index in keys:
            page.marker(left + 0.04, y + 0.055, keys[index], color=colour)
            indent = 0.11
        page.text(left + indent, y, text, size=SMALL_SIZE + 0.5, bold=bold, color=colour)
        y += GUTTER_LINE


@dataclass(frozen=True)
class ChangeLabel:
    """A dose change's label placed above the panels: its row (0 nearest the panels; -1 when
    it fits on none, and is listed under the panels), where it starts and ends (in days), and
    whether it sits left of its line (near the period's end)."""

    marker: Marker
    text: str
    row: int
    start: float
    end: float
    left_of_line: bool


def place_change_labels(
    changes: list[Marker], xlim: tuple[float, float], width: float, with_year: bool
) -> list[ChangeLabel]:
    """Give each dose change's label a row, the latest change first (it matters most): on a row
    a label does not touch another one, nor the line of a label on a row above it, and its own
    line (run up from the panels) crosses no label on a row below it."""
    per_inch = (xlim[1] - xlim[0]) / width
    placed: list[ChangeLabel] = []
    for marker in sorted(changes, key=lambda m: m.position, reverse=True):
        text = marker.label + (f" ({day_text(marker.day)})" if with_year else "")
        span = text_width(text, SMALL_SIZE, bold=True) * per_inch
        gap = LABEL_GAP * per_inch
        left_of_line = marker.position + gap + span > xlim[1]
        start = marker.position - gap - span if left_of_line else marker.position + gap
        end = start + span
        pad = LABEL_SPACING * per_inch
        line = marker.position
        row = next(
            (
                row
                for row in range(MAX_LABEL_ROWS)
                if not any(
                    (other.row == row and start - pad < other.end and other.start < end + pad)
                    or (other.row > row and start - pad < other.marker.position < end + pad)
                    or (other.row < row and other.start - pad < line < other.end + pad)
                    for other in placed
                    if other.row >= 0
                )
            ),
            -1,
        )
        placed.append(ChangeLabel(marker, text, row, start, end, left_of_line))
    return sorted(placed, key=lambda label: label.marker.position)


@dataclass
class Panels:
    """What every panel shares: the page, the dates and where the panels sit."""

    page: Page
    timeline: Timeline
    left: float
    width: float
    axes: list[Axes] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.left + GUTTER

    @property
    def panel_width(self) -> float:
        return self.width - GUTTER

    @property
    def xlim(self) -> tuple[float, float]:
        return (-0.5, self.timeline.period.days - 0.5)

    @property
    def ticks(self) -> list[Tick]:
        return date_ticks(self.timeline.period.first, self.timeline.period.last)

    @property
    def unit(self) -> str:
        return "weekly" if self.timeline.weekly else "daily"

    def axes_at(self, top: float, height: float, label: str) -> Axes:
        return self.page.axes(self.x0, top, self.panel_width, height, label)

    def finish(
        self,
        ax: Axes,
        top: float,
        names: list[tuple[str, str, bool]] | None = None,
        keys: dict[int, str] | None = None,
    ) -> None:
        """What every panel has: the shared dates, the markers through it and its name in the
        gutter; it then joins the panels whose dates line up."""
        _plain(ax, self.xlim, self.ticks)
        _markers(ax, self.timeline)
        if names is not None:
            _panel_name(self.page, self.left, top, names, keys)
        self.axes.append(ax)


def _label_rows_height(labels: list[ChangeLabel]) -> float:
    rows = max((label.row for label in labels), default=-1) + 1
    return rows * LABEL_ROW + (LABEL_ROWS_PAD if rows else 0.0)


def draw_change_labels(panels: Panels, top: float, labels: list[ChangeLabel]) -> float:
    """The dose-change labels on their rows, each beside its line, which runs up from the
    panels to it; returns the height used."""
    height = _label_rows_height(labels)
    shown = [label for label in labels if label.row >= 0]
    if not shown:
        return height
    rows = max(label.row for label in shown) + 1
    per_inch = (panels.xlim[1] - panels.xlim[0]) / panels.panel_width
    ax = panels.axes_at(top, height, "dose change labels")
    ax.set_xlim(*panels.xlim)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    for label in shown:
        text_top = (rows - 1 - label.row) * LABEL_ROW
        x = panels.x0 + (label.start - panels.xlim[0]) / per_inch
        panels.page.text(x, top + text_top, label.text, size=SMALL_SIZE, bold=True)
        # The line runs from the panels up to the top of its label.
        ax.vlines(label.marker.position, 0, height - text_top - 0.01, color=INK, linewidth=0.9)
    return height


@dataclass(frozen=True)
class StripRow:
    """A row of the strip above panel 1: a warning sign's episodes as bands (``spans``), or a
    tag's (or the appointments') days as ticks, over years shaded by week (``by_week``)."""

    name: str
    positions: list[float] = field(default_factory=list)
    by_week: bool = False
    spans: tuple[tuple[float, float], ...] = ()


def sign_rows(timeline: Timeline) -> list[StripRow]:
    """The warning signs that showed, a row each; beyond :data:`MAX_SIGN_ROWS` the rest
    share the last row, named by how many they are (each is named with its dates above the
    timeline and on the plan page)."""
    signs = list(timeline.signs)
    if len(signs) > MAX_SIGN_ROWS:
        rest = signs[MAX_SIGN_ROWS - 1 :]
        merged = tuple(span for sign in rest for span in sign.spans)
        rows = [StripRow(sign.name, spans=sign.spans) for sign in signs[: MAX_SIGN_ROWS - 1]]
        return [*rows, StripRow(f"{len(rest)} other signs", spans=merged)]
    return [StripRow(sign.name, spans=sign.spans) for sign in signs]


def draw_tag_strip(panels: Panels, top: float, height: float, rows: list[StripRow]) -> float:
    """Warning signs, tags (and appointments, when there are many), a row each; over years each
    week of a tag is shaded by how many of its days carry it. Returns the height used."""
    import numpy as np

    series = panels.timeline.series
    ax = panels.axes_at(top, height, "tags")
    for row, strip in enumerate(rows):
        positions = strip.positions
        if strip.spans:
            # A band across each episode's days, from the first day's left edge to the last's
            # right (a day's position is its middle).
            starts = np.array([start for start, _ in strip.spans], dtype="float64")
            ends = np.array([end for _, end in strip.spans], dtype="float64")
            middles = (starts + ends) / 2 - 0.5
            bars(ax, middles, 0.5, bottom=row - 0.25, width=ends - starts, **SIGN_BAND)
        elif strip.by_week:
            # Over years a tick a day is a solid band: shade each week by its tagged days.
            widths = series["width"].to_numpy(dtype="float64")
            middles = series.index.to_numpy(dtype="float64")
            edges = np.append(middles - widths / 2, middles[-1] + widths[-1] / 2)
            counts, _ = np.histogram(positions, bins=edges)
            tagged = counts > 0
            bars(
                ax,
                middles[tagged],
                0.7,
                bottom=row - 0.35,
                width=widths[tagged],
                color=[_tag_shade(counts[i] / widths[i]) for i in np.flatnonzero(tagged)],
                linewidth=0,
            )
        else:
            ax.plot(positions, [row] * len(positions), "|", color=INK, markersize=5.5, mew=0.9)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_yticks(
        range(len(rows)),
        labels=[shorten(strip.name, GUTTER - 0.15, TICK_SIZE) for strip in rows],
    )
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.spines["bottom"].set_visible(False)
    panels.finish(ax, top)
    ax.tick_params(axis="x", length=0)
    return height


def _tag_shade(share: float) -> tuple[float, float, float, float]:
    """Black, lighter for a week with fewer of its days tagged."""
    return (0.0, 0.0, 0.0, min(1.0, 0.15 + share))


def draw_mood(panels: Panels, top: float, height: float) -> float:
    """Panel 1: mood and anxiety, with the safety flags on its top edge."""
    import numpy as np

    timeline = panels.timeline
    series = timeline.series
    x = series.index.to_numpy(dtype="float64")
    ax = panels.axes_at(top, height, "mood")
    offset = 0.17 if not timeline.weekly else 0.0
    dot = 2.8 if len(series) <= 120 else 1.6
    for name, colour, symbol, style, shift in (
        ("mood", MOOD_COLOUR, "o", "-", -offset),
        ("anxiety", ANXIETY_COLOUR, "^", (0, (3.5, 1.8)), offset),
    ):
        values = series[name].to_numpy(dtype="float64")
        low = series[f"{name}_low"].to_numpy(dtype="float64")
        high = series[f"{name}_high"].to_numpy(dtype="float64")
        shown = ~np.isnan(values)
        if len(x) <= MAX_RANGE_BARS:
            ax.vlines(
                x[shown] + shift, low[shown], high[shown], color=colour, linewidth=0.7, alpha=0.8
            )
        ax.plot(
            x + shift,
            values,
            linestyle="none",
            marker=symbol,
            markersize=dot,
            color=colour,
            label=name,
        )
        if timeline.weekly:
            ax.plot(x, values, linestyle=style, linewidth=1.2, color=colour, label=f"{name} trend")
        else:
            trend = series[f"{name}_trend"].to_numpy(dtype="float64")
            ax.plot(x, trend, linestyle=style, linewidth=1.5, color=colour, label=f"{name} trend")
    ax.set_ylim(-0.3, 10.3)
    ax.set_yticks([0, 5, 10], labels=["0", "5", "10"])
    ax.axhline(5, color=LIGHT_LINE, linewidth=0.6, zorder=0)
    if timeline.safety_flags:
        # On the panel's top edge, above any mood: black, so it reads in greyscale too.
        ax.plot(
            timeline.safety_flags,
            [10.3] * len(timeline.safety_flags),
            linestyle="none",
            marker=FLAG_MARKER,
            markersize=6.5,
            color=INK,
            markeredgecolor="white",
            markeredgewidth=0.6,
            clip_on=False,
            zorder=6,
            label="safety flag",
        )
    panels.finish(
        ax,
        top,
        [
            ("Mood", MOOD_COLOUR, True),
            ("Anxiety", ANXIETY_COLOUR, True),
            (f"0-10, {panels.unit}", GREY, False),
            ("5 = usual self", GREY, False),
        ],
    )
    return height


def draw_life_chart(panels: Panels, top: float, height: float) -> float:
    """Panel 1b (bipolar preset): elevation up, depression down, 0-3."""
    import numpy as np

    timeline = panels.timeline
    chart = timeline.life_chart
    assert chart is not None  # the panel is in the stack only with a life chart
    ax = panels.axes_at(top, height, "life chart")
    cx = chart.index.to_numpy(dtype="float64")
    widths = chart["width"].to_numpy(dtype="float64") * 0.85
    elevated = chart["elevated"].to_numpy(dtype="float64")
    depressed = chart["depressed"].to_numpy(dtype="float64")
    bars(ax, cx, np.nan_to_num(elevated), width=widths, color=ELEVATED_COLOUR, label="elevated")
    bars(
        ax,
        cx,
        -np.nan_to_num(depressed),
        width=widths,
        color=DEPRESSED_COLOUR,
        label="depressed",
    )
    ax.axhline(0, color=INK, linewidth=0.7)
    ax.set_ylim(-3.3, 3.3)
    ax.set_yticks([-3, -2, -1, 0, 1, 2, 3], labels=["3", "2", "1", "0", "1", "2", "3"])
    panels.finish(
        ax,
        top,
        [
            ("Life chart", INK, True),
            ("elevated: up", INK, False),
            ("depressed: down", INK, False),
            ("0 none … 3 can't", GREY, False),
            ("function" + (", weekly max" if timeline.weekly else ""), GREY, False),
        ],
    )
    return height


def draw_sleep(panels: Panels, top: float, height: float) -> float:
    """Panel 2: hours slept, a bar a day (or week)."""
    import numpy as np

    timeline = panels.timeline
    series = timeline.series
    x = series.index.to_numpy(dtype="float64")
    ax = panels.axes_at(top, height, "sleep")
    sleep = series["sleep_hours"].to_numpy(dtype="float64")
    widths = series["width"].to_numpy(dtype="float64") * (0.75 if not timeline.weekly else 0.85)
    shown = ~np.isnan(sleep)
    bars(ax, x[shown], sleep[shown], width=widths[shown], color=SLEEP_COLOUR, linewidth=0)
    top_hours = max(10.0, float(np.nanmax(sleep)) + 0.5) if shown.any() else 10.0
    ax.set_ylim(0, top_hours)
    ax.set_yticks([0, 6, 9] if top_hours <= 12 else [0, 6, 12], labels=None)
    ax.axhline(6, color=LIGHT_LINE, linewidth=0.6, zorder=0)
    panels.finish(ax, top, [("Sleep", INK, True), (f"hours, {panels.unit}", GREY, False)])
    return height


def draw_doses(panels: Panels, top: float, height: float) -> float:
    """Panel 3: a row per medicine with scheduled doses, then a row of ticks per medicine taken
    as needed; or a line saying none is recorded."""
    timeline = panels.timeline
    rows_count = len(timeline.adherence) + len(timeline.prn)
    if not rows_count:
        _empty(panels.page, panels.x0, top, "No medicines recorded")
        return height
    ax = panels.axes_at(top, height, "adherence")
    labels = []
    for row, strip in enumerate(timeline.adherence):
        _draw_strip(ax, strip, row, timeline.weekly)
        labels.append(shorten(strip.medicine, GUTTER - 0.15, TICK_SIZE))
    for offset_row, ticks in enumerate(timeline.prn):
        row = len(timeline.adherence) + offset_row
        ax.plot(
            ticks.positions,
            [row] * len(ticks.positions),
            "|",
            color=INK,
            markersize=7,
            mew=1.0,
        )
        labels.append(shorten(f"{ticks.medicine} PRN", GUTTER - 0.15, TICK_SIZE))
    ax.set_ylim(rows_count - 0.5, -0.5)
    ax.set_yticks(range(rows_count), labels=labels)
    ax.tick_params(axis="y", length=0)
    panels.finish(ax, top)
    return height


def draw_therapy(panels: Panels, top: float, height: float) -> float:
    """Panel 4: skills used (bars) and sessions attended (triangles); or a line saying none is
    recorded."""
    timeline = panels.timeline
    if not _has_therapy(timeline):
        _empty(panels.page, panels.x0, top, "No therapy skills or sessions recorded")
        return height
    ax = panels.axes_at(top, height, "therapy")
    most = 1.0
    if timeline.skills is not None:
        skills = timeline.skills
        sx = skills.index.to_numpy(dtype="float64")
        counts = skills.to_numpy(dtype="float64")
        used = counts > 0
        bar_width = 0.75 if not timeline.weekly else 6.0
        bars(ax, sx[used], counts[used], width=bar_width, color=SKILL_COLOUR, linewidth=0)
        most = max(most, float(counts.max()) if len(counts) else 1.0)
    if timeline.sessions:
        ax.plot(
            timeline.sessions,
            [most * 1.25] * len(timeline.sessions),
            "v",
            color=INK,
            markersize=4,
            linestyle="none",
        )
    ax.set_ylim(0, most * 1.45)
    ax.set_yticks([0, int(most)] if most >= 1 else [0])
    panels.finish(
        ax,
        top,
        [
            ("Skills used", SKILL_COLOUR, True),
            ("per week" if timeline.weekly else "per day", GREY, False),
            ("session", INK, False),
        ],
        keys={2: "v"},
    )
    return height


def draw_dates(panels: Panels, top: float) -> float:
    """The dates under the last panel (on a thin axis of their own when it says "none
    recorded")."""
    ticks = panels.ticks
    labelled = [tick.position for tick in ticks], [tick.label for tick in ticks]
    if _has_therapy(panels.timeline):
        panels.axes[-1].set_xticks(*labelled)
    else:
        ax = panels.axes_at(top, 0.001, "dates")
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlim(*panels.xlim)
        ax.set_xticks(*labelled)
    return DATES_ROW


def key_entries(timeline: Timeline, tag_rows: int) -> list[tuple[Callable[[], Artist], str]]:
    """The key under the panels: each line, mark and shade drawn, with what it means (a
    handle is made when drawn: matplotlib is loaded only then)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    weekly = timeline.weekly
    bars_drawn = len(timeline.series) <= MAX_RANGE_BARS
    entries: list[tuple[Callable[[], Artist], str]] = [
        (
            lambda: Line2D(
                [], [], color=MOOD_COLOUR, marker="o", markersize=3.5, linestyle="-", linewidth=1.5
            ),
            "mood: dot = "
            + (
                (
                    "week's mean, bar = its days' range, line joins weeks"
                    if bars_drawn
                    else "week's mean, line joins weeks"
                )
                if weekly
                else "day's mean, bar = day's range, line = 7-day mean"
            ),
        ),
        (
            lambda: Line2D(
                [],
                [],
                color=ANXIETY_COLOUR,
                marker="^",
                markersize=3.5,
                linestyle=(0, (3.5, 1.8)),
                linewidth=1.5,
            ),
            "anxiety: the same, dashed",
        ),
    ]
    kinds = {marker.kind for marker in timeline.markers}
    if "appointment" in kinds and _appointments_as_lines(timeline):
        entries.append(
            (lambda: Line2D([], [], color=INK, linestyle=(0, (3, 2)), linewidth=0.8), "appointment")
        )
    if "dose change" in kinds:
        entries.append((lambda: Line2D([], [], color=INK, linewidth=0.9), "dose change"))
    if timeline.safety_flags:
        entries.append(
            (
                lambda: Line2D(
                    [], [], color=INK, marker=FLAG_MARKER, markersize=6, linestyle="none"
                ),
                "safety flag (listed under the header)",
            )
        )
    if timeline.signs:
        entries.append(
            (
                lambda: Patch(**SIGN_BAND),
                "warning sign's days",
            )
        )
    if weekly and tag_rows:
        entries.append(
            (
                lambda: Patch(facecolor=_tag_shade(4 / 7), linewidth=0),
                "tag: darker = more of the week's days",
            )
        )
    if timeline.adherence:
        for status in WEEK_STATUSES:
            look = DOSE_STYLES[status]
            name = status + (" ×" if status == "missed" and not weekly else "")
            if weekly and status == "taken":
                name = "doses taken (each week: its doses' share)"

            def patch(look: dict[str, Any] = look) -> Artist:
                return Patch(
                    facecolor=str(look["color"]),
                    edgecolor=str(look["edgecolor"]),
                    hatch=look.get("hatch"),
                    linewidth=0.4,
                )

            entries.append((patch, name))
    return entries


# A key entry's width beside its words: the handle, the gap after it and before the next, inches.
_KEY_ENTRY = 0.42
_KEY_WIDTH = 7.0  # the narrowest content width (A4), less a little


def _key_columns(names: list[str]) -> int:
    """Three entries a row, or four when four short ones fit across the page."""
    if len(names) == 4:
        across = sum(text_width(name, SMALL_SIZE - 0.5) + _KEY_ENTRY for name in names)
        return 4 if across <= _KEY_WIDTH else 3
    return 3 if len(names) > 4 else max(1, len(names))


def key_height(timeline: Timeline, tag_rows: int) -> float:
    names = [name for _, name in key_entries(timeline, tag_rows)]
    return KEY_ROW * -(-len(names) // _key_columns(names))


def draw_key(panels: Panels, top: float, tag_rows: int) -> float:
    """The key (legend) of every line, mark and shade the panels draw; returns its height."""
    entries = key_entries(panels.timeline, tag_rows)
    page = panels.page
    page.figure.legend(
        [make() for make, _ in entries],
        [name for _, name in entries],
        loc="upper left",
        bbox_to_anchor=(
            panels.left / page.figure.get_figwidth(),
            1 - top / page.figure.get_figheight(),
        ),
        ncol=_key_columns([name for _, name in entries]),
        fontsize=SMALL_SIZE - 0.5,
        handlelength=2.2,
        columnspacing=1.2,
        borderaxespad=0,
        borderpad=0,
    )
    return key_height(panels.timeline, tag_rows)


def left_out_lines(
    timeline: Timeline, labels: list[ChangeLabel], tag_rows: int, width: float
) -> list[str]:
    """Lines under the key for what the panels had no room for: every dose change without a
    label (with its date), wrapped, never cut; tags without a row."""

    lines: list[str] = []
    unlabelled = [
        f"{label.marker.label} ({day_text(label.marker.day, timeline.period)})"
        for label in labels
        if label.row < 0
    ]
    if unlabelled:
        # The latest first, as in the list of medication changes, which names every one.
        more = "and {} more, listed under Medication changes"
        lines += _listed("Dose changes also: ", unlabelled[::-1], more, width)
    hidden = list(timeline.tags.items())[tag_rows:]
    if hidden:
        tags = [f"{tag} ({len(days)} d)" for tag, days in hidden]
        lines += _listed("Tags also: ", tags, "and {} more", width)
    return lines


def _listed(lead: str, items: list[str], more: str, width: float) -> list[str]:
    """``items`` after ``lead``, wrapped, never cut inside an item: as many as
    :data:`LISTED_LINES` lines hold, then how many more there are (``more`` words it)."""
    from moodlog.render.report.layout import wrap_hanging

    def lines(shown: int) -> list[str]:
        rest = len(items) - shown
        text = lead + "; ".join([*items[:shown], *([more.format(rest)] if rest else [])])
        return wrap_hanging(text, width, 0, SMALL_SIZE)

    low, high = 0, len(items)  # the most items that fit lie between (a search, not one by one)
    while low < high:
        middle = (low + high + 1) // 2
        if len(lines(middle)) <= LISTED_LINES:
            low = middle
        else:
            high = middle - 1
    return lines(low)


def draw_left_out(panels: Panels, top: float, lines: list[str]) -> float:
    """The lines of :func:`left_out_lines`; returns the height used."""
    for number, line in enumerate(lines):
        panels.page.text(panels.left, top + number * KEY_ROW, line, size=SMALL_SIZE, color=GREY)
    return left_out_height(lines)


def left_out_height(lines: list[str]) -> float:
    return KEY_ROW * len(lines)


def draw_timeline(
    page: Page,
    timeline: Timeline,
    top: float,
    left: float,
    width: float,
    bottom: float | None = None,
) -> float:
    """Draw the timeline with its top at ``top`` inches; returns where it ends. With
    ``bottom``, the panels give up height (to their floors) to end above it."""
    panels = Panels(page, timeline, left, width)
    period = timeline.period
    with_year = period.first.year != period.last.year
    changes = [marker for marker in timeline.markers if marker.kind == "dose change"]
    labels = place_change_labels(changes, panels.xlim, panels.panel_width, with_year)
    labels_height = _label_rows_height(labels)

    # The warning signs first: the tags give up their rows before them.
    strip_rows = sign_rows(timeline)
    if not _appointments_as_lines(timeline):
        appointments = [m.position for m in timeline.markers if m.kind == "appointment"]
        strip_rows.append(StripRow("appointments", appointments))
    room = math.inf if bottom is None else bottom - top

    def sizes(tag_rows: int, floor: int = COMFORTABLE) -> tuple[dict[str, float], bool]:
        """The panels' heights with ``tag_rows`` rows of tags, and whether they fit."""
        above_and_below = (
            labels_height
            + DATES_ROW
            + key_height(timeline, tag_rows)
            + left_out_height(left_out_lines(timeline, labels, tag_rows, width))
        )
        panels = stack(timeline, len(strip_rows) + tag_rows)
        return _heights(panels, room - above_and_below, floor)

    # A full page gives up tag rows (they join the "Tags also" line) before panels get cramped.
    tag_rows = min(MAX_TAG_ROWS, len(timeline.tags))
    sized, fits = sizes(tag_rows)
    while not fits and tag_rows > 0:
        tag_rows -= 1
        sized, fits = sizes(tag_rows)
    if not fits:
        sized, fits = sizes(tag_rows, LEAST)
    strip_rows += [
        StripRow(tag, positions, timeline.weekly)
        for tag, positions in list(timeline.tags.items())[:tag_rows]
    ]

    draw: dict[str, Callable[[Panels, float, float], float]] = {
        "tag row": lambda panels, top, height: draw_tag_strip(panels, top, height, strip_rows),
        "mood": draw_mood,
        "life chart": draw_life_chart,
        "sleep": draw_sleep,
        "dose row": draw_doses,
        "therapy": draw_therapy,
    }
    y = top + draw_change_labels(panels, top, labels)
    for number, panel in enumerate(stack(timeline, len(strip_rows))):
        y += PANEL_GAP if number else 0.0
        y += draw[panel.kind](panels, y, panel.height(sized))
    y += draw_dates(panels, y)
    y += draw_key(panels, y, tag_rows)
    y += draw_left_out(panels, y, left_out_lines(timeline, labels, tag_rows, width))
    return y


def _draw_strip(ax: Axes, strip: AdherenceStrip, row: int, weekly: bool) -> None:
    import numpy as np

    def cells(
        chosen: npt.NDArray[np.bool_],
        width: npt.ArrayLike,
        height: npt.ArrayLike = 0.7,
        bottom: npt.ArrayLike = row - 0.35,
        **style: Any,
    ) -> None:
        """The chosen days' (or weeks') cells of the medicine's row."""
        bars(ax, strip.positions[chosen], height, bottom=bottom, width=width, **style)

    if weekly and strip.shares is not None:
        # Each week a column of its doses by status, taken at the top (the row's top is its
        # lowest y: the axis runs downward), so a week of missed doses is a vermillion column
        # and a week not logged an empty one.
        below = np.full(len(strip.positions), row + 0.35)
        for column, status in enumerate(WEEK_STATUSES):
            share = strip.shares[:, column] * 0.7
            chosen = share > 0
            if chosen.any():
                # Outlined only where not logged, as the key shows it: an empty week is a box.
                look = {**DOSE_STYLES[status]}
                if status != "not logged":
                    look["linewidth"] = 0
                cells(
                    chosen,
                    strip.widths[chosen],
                    -share[chosen],
                    below[chosen],
                    **look,
                )
            below = below - share
        return
    statuses = np.array(strip.statuses)
    for status in WEEK_STATUSES:
        chosen = statuses == status
        if not chosen.any():
            continue
        cells(chosen, 0.9, **DOSE_STYLES[status])
        if status == "missed":
            ax.plot(
                strip.positions[chosen],
                [row] * int(chosen.sum()),
                "x",
                color=INK,
                markersize=3.2,
                mew=0.8,
            )

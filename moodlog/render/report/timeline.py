"""Page 1's timeline: every panel on the same dates, one above the other.

1. mood and anxiety (the day's mean as a dot, its range as a bar, the trailing 7-day mean as a
   line; days not logged are gaps), with the life chart below it for the bipolar preset;
2. sleep hours;
3. the adherence strip (a row per medicine) and PRN ticks;
4. therapy: skills used and sessions attended.

Tags sit on a strip above panel 1; appointments (dashed) and dose changes (solid, labelled)
are vertical lines through every panel; a day with a safety flag has a black triangle on the
top edge of panel 1, the mark the flags under the page's header carry too. Each axes carries a
``label`` naming its panel, which the tests use to find it.

When the page above has taken much of the space (many medicines, a long list of key figures),
the panels give up height, down to a floor at which each still reads (:data:`PANEL_HEIGHTS`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from moodlog.analysis.report import AdherenceStrip, Timeline
from moodlog.domain.dates import day_text, month_text, tick_text
from moodlog.render.report.layout import Page
from moodlog.render.report.shapes import bars, lines_across
from moodlog.render.report.style import (
    ANXIETY_COLOUR,
    BLUE,
    DEPRESSED_COLOUR,
    DOSE_STYLES,
    ELEVATED_COLOUR,
    FAINT,
    GREY,
    INK,
    MOOD_COLOUR,
    SKILL_COLOUR,
    SLEEP_COLOUR,
    SMALL_SIZE,
    TEXT_SIZE,
    TICK_SIZE,
)
from moodlog.render.report.text import shorten, text_width

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from matplotlib.axes import Axes

GUTTER = 1.15  # inches left of the panels for their names and row labels
PANEL_GAP = 0.07
MAX_TAG_ROWS = 5
MAX_APPOINTMENT_LINES = 12
MAX_RANGE_BARS = 130  # more bars than this (weeks of years) blur into a band: not drawn
LABEL_ROW = 0.14
FLAG_MARKER = "v"  # a triangle pointing down at the day

# Each panel's height in inches (per row for the tag strip and the adherence strip): in full
# when the page has room, then shrunk alike to a comfortable size; then, once the tag rows are
# given up, down to the least at which its name and key still fit beside it.
PANEL_HEIGHTS: dict[str, tuple[float, float, float]] = {
    "tag row": (0.12, 0.09, 0.09),
    "mood": (1.85, 1.0, 0.62),
    "life chart": (0.8, 0.72, 0.72),  # its name and key take five lines in the gutter
    "sleep": (0.62, 0.36, 0.29),
    "dose row": (0.19, 0.12, 0.085),
    "therapy": (0.55, 0.43, 0.43),
}
FULL, COMFORTABLE, LEAST = 0, 1, 2


def _heights(
    wanted: dict[str, int], fixed: float, room: float, floor: int
) -> tuple[dict[str, float], bool]:
    """Each panel kind's height (per row where it has rows): its full height when everything
    fits in ``room`` inches beside ``fixed``, else all shrunk alike toward ``floor``
    (COMFORTABLE or LEAST); and whether that fits."""

    def total(level: int) -> float:
        return sum(PANEL_HEIGHTS[kind][level] * count for kind, count in wanted.items())

    full, least = total(FULL), total(floor)
    share = 1.0
    if fixed + full > room and full > least:
        share = max(0.0, min(1.0, (room - fixed - least) / (full - least)))
    heights = {
        kind: levels[floor] + share * (levels[FULL] - levels[floor])
        for kind, levels in PANEL_HEIGHTS.items()
    }
    return heights, fixed + least <= room


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
            at(day, f"{day:%a} {day.day}")  # the weekday and the day, not zero-padded
            for day in (first + timedelta(d) for d in range(days))
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
        y += 0.14


def _label_rows(
    labels: list[tuple[float, str]], xlim: tuple[float, float], width: float
) -> list[int]:
    """Assign each marker label (position, text) a row so that labels on a row do not touch;
    labels that fit nowhere get row -1 (they are listed under the timeline instead)."""
    per_inch = (xlim[1] - xlim[0]) / width
    ends: list[float] = []
    rows = []
    for position, text in labels:
        span = (text_width(text, SMALL_SIZE, bold=True) + 0.08) * per_inch
        start = min(position, xlim[1] - span)
        for row, end in enumerate(ends):
            if start > end:
                ends[row] = start + span
                rows.append(row)
                break
        else:
            if len(ends) < 3:
                ends.append(start + span)
                rows.append(len(ends) - 1)
            else:
                rows.append(-1)
    return rows


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
    import numpy as np
    from matplotlib.artist import Artist
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    x0 = left + GUTTER
    panel_width = width - GUTTER
    days = timeline.period.days
    xlim = (-0.5, days - 0.5)
    ticks = date_ticks(timeline.period.first, timeline.period.last)
    y = top
    axes: list[Axes] = []

    def finish(
        ax: Axes,
        top: float,
        names: list[tuple[str, str, bool]] | None = None,
        keys: dict[int, str] | None = None,
    ) -> None:
        """What every panel has: the shared dates, the markers through it and its name in the
        gutter; it then joins the panels whose dates line up."""
        _plain(ax, xlim, ticks)
        _markers(ax, timeline)
        if names is not None:
            _panel_name(page, left, top, names, keys)
        axes.append(ax)

    # Dose-change labels above everything, on up to three rows.
    changes = [marker for marker in timeline.markers if marker.kind == "dose change"]
    rows = _label_rows([(m.position, m.label) for m in changes], xlim, panel_width)
    used_rows = max(rows, default=-1) + 1
    label_top = y
    y += used_rows * LABEL_ROW + (0.04 if used_rows else 0.0)
    per_inch = (xlim[1] - xlim[0]) / panel_width
    for marker, row in zip(changes, rows, strict=True):
        if row < 0:
            continue
        span = text_width(marker.label, SMALL_SIZE, bold=True) * per_inch
        start = min(marker.position, xlim[1] - span)
        page.text(
            x0 + (start - xlim[0]) / per_inch,
            label_top + row * LABEL_ROW,
            marker.label,
            size=SMALL_SIZE,
            bold=True,
        )

    # The strip above panel 1: tags (and appointments, when there are many).
    series = timeline.series
    strip_rows: list[tuple[str, list[float], bool]] = []
    if not _appointments_as_lines(timeline):
        appointments = [m.position for m in timeline.markers if m.kind == "appointment"]
        strip_rows.append(("appointments", appointments, False))
    rows_count = len(timeline.adherence) + len(timeline.prn)
    has_therapy = timeline.skills is not None or bool(timeline.sessions)
    kinds = {marker.kind for marker in timeline.markers}
    legend_entries = (
        2
        + ("appointment" in kinds and _appointments_as_lines(timeline))
        + ("dose change" in kinds)
        + (0 if not timeline.adherence else 1 if timeline.weekly else 4)
        + bool(timeline.safety_flags)
    )
    room = math.inf if bottom is None else bottom - top

    def sizes(tag_rows: int, floor: int = COMFORTABLE) -> tuple[dict[str, float], bool]:
        """The panels' heights with ``tag_rows`` rows of tags, and whether they fit."""
        strip = len(strip_rows) + tag_rows
        below = (
            0.22
            + 0.16 * -(-legend_entries // (3 if legend_entries > 4 else legend_entries))
            + 0.16 * (any(row < 0 for row in rows) + (len(timeline.tags) > tag_rows))
        )
        fixed = (
            (y - top)
            + (0.04 + PANEL_GAP if strip else 0.0)
            + 4 * PANEL_GAP
            + (0.08 if rows_count else 0.3)
            + (0.0 if has_therapy else 0.3)
            + below
        )
        wanted = {
            "tag row": strip,
            "mood": 1,
            "life chart": int(timeline.life_chart is not None),
            "sleep": 1,
            "dose row": rows_count,
            "therapy": int(has_therapy),
        }
        return _heights(wanted, fixed, room, floor)

    # A full page gives up tag rows (they join the "Tags also" line) before panels get cramped.
    tag_rows = min(MAX_TAG_ROWS, len(timeline.tags))
    sized, fits = sizes(tag_rows)
    while not fits and tag_rows > 0:
        tag_rows -= 1
        sized, fits = sizes(tag_rows)
    if not fits:
        sized, fits = sizes(tag_rows, LEAST)
    tags = list(timeline.tags.items())[:tag_rows]
    strip_rows += [(tag, positions, timeline.weekly) for tag, positions in tags]
    if strip_rows:
        height = sized["tag row"] * len(strip_rows) + 0.04
        ax = page.axes(x0, y, panel_width, height, "tags")
        for row, (_name, positions, by_week) in enumerate(strip_rows):
            if by_week:
                # Over years a tick a day is a solid band: shade each week by its tagged days.
                widths = series["width"].to_numpy(dtype="float64")
                middles = series.index.to_numpy(dtype="float64")
                edges = np.append(middles - widths / 2, middles[-1] + widths[-1] / 2)
                counts, _ = np.histogram(positions, bins=edges)
                shade = [
                    (0.0, 0.0, 0.0, min(1.0, 0.15 + c / w))
                    for c, w in zip(counts, widths, strict=True)
                ]
                tagged = counts > 0
                bars(
                    ax,
                    middles[tagged],
                    0.7,
                    bottom=row - 0.35,
                    width=widths[tagged],
                    color=[shade[i] for i in np.flatnonzero(tagged)],
                    linewidth=0,
                )
            else:
                ax.plot(positions, [row] * len(positions), "|", color=INK, markersize=5.5, mew=0.9)
        ax.set_ylim(len(strip_rows) - 0.5, -0.5)
        ax.set_yticks(
            range(len(strip_rows)),
            labels=[shorten(name, GUTTER - 0.15, TICK_SIZE) for name, _, _ in strip_rows],
        )
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.spines["bottom"].set_visible(False)
        finish(ax, y)
        ax.tick_params(axis="x", length=0)
        y += height + PANEL_GAP

    x = series.index.to_numpy(dtype="float64")
    unit = "weekly" if timeline.weekly else "daily"

    # 1. Mood and anxiety.
    height = sized["mood"]
    ax = page.axes(x0, y, panel_width, height, "mood")
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
    finish(
        ax,
        y,
        [
            ("Mood", MOOD_COLOUR, True),
            ("Anxiety", ANXIETY_COLOUR, True),
            (f"0-10, {unit}", GREY, False),
            ("5 = usual self", GREY, False),
        ],
    )
    y += height + PANEL_GAP

    # 1b. The life chart (bipolar preset).
    if timeline.life_chart is not None:
        chart = timeline.life_chart
        height = sized["life chart"]
        ax = page.axes(x0, y, panel_width, height, "life chart")
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
        finish(
            ax,
            y,
            [
                ("Life chart", INK, True),
                ("elevated: up", INK, False),
                ("depressed: down", INK, False),
                ("0 none … 3 can't", GREY, False),
                ("function" + (", weekly max" if timeline.weekly else ""), GREY, False),
            ],
        )
        y += height + PANEL_GAP

    # 2. Sleep.
    height = sized["sleep"]
    ax = page.axes(x0, y, panel_width, height, "sleep")
    sleep = series["sleep_hours"].to_numpy(dtype="float64")
    widths = series["width"].to_numpy(dtype="float64") * (0.75 if not timeline.weekly else 0.85)
    shown = ~np.isnan(sleep)
    bars(ax, x[shown], sleep[shown], width=widths[shown], color=SLEEP_COLOUR, linewidth=0)
    top_hours = max(10.0, float(np.nanmax(sleep)) + 0.5) if shown.any() else 10.0
    ax.set_ylim(0, top_hours)
    ax.set_yticks([0, 6, 9] if top_hours <= 12 else [0, 6, 12], labels=None)
    ax.axhline(6, color=LIGHT_LINE, linewidth=0.6, zorder=0)
    finish(ax, y, [("Sleep", INK, True), (f"hours, {unit}", GREY, False)])
    y += height + PANEL_GAP

    # 3. Adherence strip and PRN ticks.
    height = max(0.3, sized["dose row"] * rows_count + 0.08)
    if rows_count:
        ax = page.axes(x0, y, panel_width, height, "adherence")
        labels = []
        for row, strip in enumerate(timeline.adherence):
            _draw_strip(ax, strip, row, timeline.weekly)
            labels.append(shorten(strip.medicine, GUTTER - 0.15, TICK_SIZE))
        for offset_row, ticks_ in enumerate(timeline.prn):
            row = len(timeline.adherence) + offset_row
            ax.plot(
                ticks_.positions,
                [row] * len(ticks_.positions),
                "|",
                color=INK,
                markersize=7,
                mew=1.0,
            )
            labels.append(shorten(f"{ticks_.medicine} PRN", GUTTER - 0.15, TICK_SIZE))
        ax.set_ylim(rows_count - 0.5, -0.5)
        ax.set_yticks(range(rows_count), labels=labels)
        ax.tick_params(axis="y", length=0)
        finish(ax, y)
    else:
        _empty(page, x0, y, "No medicines recorded")
    y += height + PANEL_GAP

    # 4. Therapy: skills used, sessions attended.
    height = sized["therapy"] if has_therapy else 0.3
    if has_therapy:
        ax = page.axes(x0, y, panel_width, height, "therapy")
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
        finish(
            ax,
            y,
            [
                ("Skills used", SKILL_COLOUR, True),
                ("per week" if timeline.weekly else "per day", GREY, False),
                ("session", INK, False),
            ],
            keys={2: "v"},
        )
    else:
        _empty(page, x0, y, "No therapy skills or sessions recorded")
    y += height

    # Dates under the last panel (on a thin axis of their own when it says "none recorded").
    labelled = [tick.position for tick in ticks], [tick.label for tick in ticks]
    if has_therapy:
        axes[-1].set_xticks(*labelled)
    else:
        ax = page.axes(x0, y, panel_width, 0.001, "dates")
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlim(*xlim)
        ax.set_xticks(*labelled)
    y += 0.22

    # Legend.
    handles: list[Artist] = [
        Line2D([], [], color=MOOD_COLOUR, marker="o", markersize=3.5, linestyle="-", linewidth=1.5),
        Line2D(
            [],
            [],
            color=ANXIETY_COLOUR,
            marker="^",
            markersize=3.5,
            linestyle=(0, (3.5, 1.8)),
            linewidth=1.5,
        ),
    ]
    names = [
        "mood: dot = "
        + (
            (
                "week's mean, bar = its days' range, line joins weeks"
                if len(series) <= MAX_RANGE_BARS
                else "week's mean, line joins weeks"
            )
            if timeline.weekly
            else "day's mean, bar = day's range, line = 7-day mean"
        ),
        "anxiety: the same, dashed",
    ]
    if "appointment" in kinds and _appointments_as_lines(timeline):
        handles.append(Line2D([], [], color=INK, linestyle=(0, (3, 2)), linewidth=0.8))
        names.append("appointment")
    if "dose change" in kinds:
        handles.append(Line2D([], [], color=INK, linewidth=0.9))
        names.append("dose change")
    if timeline.safety_flags:
        handles.append(
            Line2D([], [], color=INK, marker=FLAG_MARKER, markersize=6, linestyle="none")
        )
        names.append("safety flag (listed under the header)")
    if timeline.adherence:
        if timeline.weekly:
            handles.append(Patch(facecolor=BLUE))
            names.append("doses: darker = more taken that week")
        else:
            for status in ("taken", "missed", "skipped", "not logged"):
                look = DOSE_STYLES[status]
                handles.append(
                    Patch(
                        facecolor=str(look["color"]),
                        edgecolor=str(look["edgecolor"]),
                        hatch=look.get("hatch"),
                        linewidth=0.4,
                    )
                )
                names.append(status + (" ×" if status == "missed" else ""))
    legend = page.figure.legend(
        handles,
        names,
        loc="upper left",
        bbox_to_anchor=(left / page.figure.get_figwidth(), 1 - y / page.figure.get_figheight()),
        ncol=min(3, len(handles)),  # four in a row can run past the right margin
        fontsize=SMALL_SIZE - 0.5,
        handlelength=2.2,
        columnspacing=1.2,
        borderaxespad=0,
        borderpad=0,
    )
    del legend
    rows_needed = -(-len(handles) // min(3, len(handles)))
    y += 0.16 * rows_needed
    unlabelled = [
        f"{m.label} ({day_text(m.day, timeline.period)})"
        for m, row in zip(changes, rows, strict=True)
        if row < 0
    ]
    if unlabelled:
        also = shorten("Dose changes also: " + "; ".join(unlabelled), width, SMALL_SIZE)
        page.text(left, y, also, size=SMALL_SIZE, color=GREY)
        y += 0.16
    hidden = list(timeline.tags.items())[tag_rows:]
    if hidden:
        more = "; ".join(f"{tag} ({len(days)} d)" for tag, days in hidden)
        page.text(left, y, shorten("Tags also: " + more, width, SMALL_SIZE), SMALL_SIZE, color=GREY)
        y += 0.16
    return y


LIGHT_LINE = "#CFCFCF"


def _draw_strip(ax: Axes, strip: AdherenceStrip, row: int, weekly: bool) -> None:
    import numpy as np

    def cells(chosen: npt.NDArray[np.bool_], width: npt.ArrayLike, **style: Any) -> None:
        """The chosen days' (or weeks') cells of the medicine's row."""
        bars(ax, strip.positions[chosen], 0.7, bottom=row - 0.35, width=width, **style)

    if weekly and strip.rates is not None:
        from matplotlib import colormaps

        blues = colormaps["Blues"]
        rates = strip.rates
        logged = ~np.isnan(rates)
        colours = [blues(0.15 + 0.85 * rate) for rate in rates[logged]]
        cells(logged, strip.widths[logged], color=colours, linewidth=0)
        missing = ~logged
        if missing.any():
            cells(missing, strip.widths[missing], **DOSE_STYLES["not logged"])
        return
    statuses = np.array(strip.statuses)
    for status in ("taken", "missed", "skipped", "not logged"):
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

"""Pages 2+, the detail: dose against response first, then each symptom scale, the DBT
diary-card grid of urges, PHQ-9/GAD-7 on their bands, skills ranked, sleep against mood and
skill days against the next day's anxiety, logging coverage by week and the weekday pattern.

Each view is a :class:`Section` of known height; sections are stacked down the pages in that
order and a section that does not fit starts a new page, so nothing is cut or overlaps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from moodlog.analysis.report import (
    DoseResponse,
    Report,
    Spread,
)
from moodlog.domain.questionnaires import DIFFICULTY_LABELS, GAD7, PHQ9, Questionnaire
from moodlog.domain.report import adherence_text
from moodlog.domain.therapy import (
    COULD_NOT,
    HELPED,
    NO_CODE,
    NOT_HELPED,
    NOT_THOUGHT_ABOUT,
    THOUGHT_ABOUT,
)
from moodlog.render.comparisons import (
    NOT_PROOF,
    PATTERNS_NOT_PROOF,
    change_line,
    comparison_lines,
)
from moodlog.render.report.layout import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    Line,
    Page,
    flow,
)
from moodlog.render.report.page_one import carry_heading, list_columns
from moodlog.render.report.shapes import bars, lines_across
from moodlog.render.report.style import (
    ANXIETY_COLOUR,
    CONTENT_WIDTH,
    FAINT,
    GREY,
    HEADING_SIZE,
    INK,
    MARGIN_X,
    MOOD_COLOUR,
    SMALL_SIZE,
    TEXT_SIZE,
    TICK_SIZE,
    TITLE_SIZE,
)
from moodlog.render.report.text import line_height, shorten, standard_font_shows, wrap
from moodlog.render.report.timeline import date_ticks

if TYPE_CHECKING:
    from matplotlib.axes import Axes

SECTION_GAP = 0.18
HEADING = line_height(HEADING_SIZE) + 0.04


@dataclass(frozen=True)
class Section:
    height: float
    draw: Callable[[Page, float], None]


def _heading(page: Page, top: float, text: str) -> float:
    page.text(MARGIN_X, top, text, HEADING_SIZE, bold=True)
    return top + HEADING


def _paragraph(
    page: Page,
    top: float,
    text: str,
    x: float = MARGIN_X,
    width: float = CONTENT_WIDTH,
    colour: str = INK,
    size: float = TEXT_SIZE,
) -> float:
    embedded = not standard_font_shows(text)  # a paragraph's lines all in one typeface
    for line in wrap(text, width, size):
        page.text(x, top, line, size, color=colour, embedded=embedded)
        top += line_height(size)
    return top


def _paragraph_height(text: str, width: float = CONTENT_WIDTH, size: float = TEXT_SIZE) -> float:
    return len(wrap(text, width, size)) * line_height(size)


def _text_section(heading: str, text: str) -> Section:
    def draw(page: Page, top: float) -> None:
        _paragraph(page, _heading(page, top, heading), text, colour=GREY)

    return Section(HEADING + _paragraph_height(text), draw)


def _style_axes(ax: Axes, grid: Sequence[float]) -> None:
    """Faint lines across the plot at ``grid`` (x), behind the data (not matplotlib's grid,
    which restyles every tick)."""
    lines_across(ax, grid, color=FAINT, linewidth=0.5, zorder=0)


# --- dose against response ----------------------------------------------------------------

DOSE_LABEL_WIDTH = 2.9
DOSE_N_WIDTH = 0.55  # right of each spread plot, for its n=
DOSE_ROW = 0.3
DOSE_LABEL_LINE = TICK_SIZE * 1.2 / 72  # matplotlib's line spacing in a tick label


def _spread_row(ax: Axes, row: float, spread: Spread | None, colour: str, half: float) -> None:
    """One row's spread, centred at ``row`` on the y axis, its box ``half`` above and below."""
    if spread is None:
        ax.text(0.2, row, "no entries", va="center", fontsize=SMALL_SIZE, color=GREY)
        return
    ax.hlines(row, spread.low, spread.high, color=colour, linewidth=0.8)
    # The middle half: a box from q1 to q3 (``bars`` draws upright boxes, so it is given
    # the box's middle and its extent along x as the "width").
    middle = (spread.q1 + spread.q3) / 2
    bars(ax, middle, 2 * half, width=spread.q3 - spread.q1, bottom=row - half, color=colour,
         alpha=0.35)  # fmt: skip
    ax.vlines(spread.median, row - half, row + half, color=colour, linewidth=1.8)
    ax.text(10.4, row, f"n={spread.n}", va="center", fontsize=SMALL_SIZE - 0.5, color=GREY)


def _dose_label(response: DoseResponse) -> str:
    """The row's name beside the spread plots: the dose, and ``(before)`` for the dose the
    medicine was on before the period."""
    return response.span.dose + ("" if response.in_period else " (before)")


def _dose_line(response: DoseResponse) -> str:
    """``100 mg · 01 Oct 26–30 Oct 26 · 30 d · 82% · 36 taken, 3 missed, 5 not logged · 92% of
    logged``: the dose, its days, and its adherence written whole, as page 1 writes it. Doses
    are due only from the journal's first day, so a span that began before it says from when
    its adherence is counted, and one wholly before it has nothing due."""
    span = response.span
    text = f"{_dose_label(response)} · {span.first:%d %b %y}–{span.last:%d %b %y} · {span.days} d"
    if span.adherence is None:
        return text
    if span.counted_from is None:
        return text + " · nothing due (before the journal's first day)"
    if span.counted_from > span.first:
        text += f" · from the journal's first day, {span.counted_from:%d %b %y}:"
    else:
        text += " ·"
    return text + " " + adherence_text(span.adherence)


def dose_response_sections(report: Report) -> list[Section]:
    responses = report.details.dose_response
    heading = "Dose against response"
    if not responses:
        return [
            _text_section(
                heading,
                "No medicines recorded. With medicines in the journal, this shows each dose a "
                "medicine was on in the period (and the dose before), with its days, adherence, "
                "and the spread of mood and anxiety on those days.",
            )
        ]
    medicines: dict[str, list[DoseResponse]] = {}
    for response in responses:
        medicines.setdefault(response.span.medicine, []).append(response)
    sections = []
    intro = (
        "Each dose a medicine was on: the bar is the middle half of the days' mood (left) and "
        "anxiety (right), the thick tick their median, the line lowest to highest. " + NOT_PROOF
    )
    for index, (medicine, rows) in enumerate(medicines.items()):
        first = index == 0
        notes = [
            change_line(compared)
            for compared in report.details.changes
            if compared.change.medicine == medicine
        ]
        # Each row is named beside its plots in full, wrapped, never cut: the dose, its days
        # and its adherence; the rows are as tall as the longest name needs.
        # The y axis is in inches from the top of the plots.
        labels = [wrap(_dose_line(r), DOSE_LABEL_WIDTH - 0.25, TICK_SIZE) for r in rows]
        heights = [max(DOSE_ROW, len(label) * DOSE_LABEL_LINE + 0.08) for label in labels]
        centres = [sum(heights[:n]) + heights[n] / 2 for n in range(len(rows))]
        plots_height = sum(heights)
        height = (
            (HEADING + _paragraph_height(intro, size=SMALL_SIZE) + 0.06 if first else 0.0)
            + 0.2
            + plots_height
            + 0.28
            + sum(_paragraph_height(note, size=SMALL_SIZE + 0.5) for note in notes)
        )

        def draw(
            page: Page,
            top: float,
            medicine: str = medicine,
            rows: list[DoseResponse] = rows,
            first: bool = first,
            notes: list[str] = notes,
            labels: list[list[str]] = labels,
            centres: list[float] = centres,
            plots_height: float = plots_height,
        ) -> None:
            y = top
            if first:
                y = _heading(page, y, heading)
                y = _paragraph(page, y, intro, colour=GREY, size=SMALL_SIZE) + 0.06
            page.text(MARGIN_X, y, medicine, TEXT_SIZE, bold=True)
            y += 0.2
            plot_width = (CONTENT_WIDTH - DOSE_LABEL_WIDTH) / 2 - DOSE_N_WIDTH
            for column, (name, colour) in enumerate(
                (("mood", MOOD_COLOUR), ("anxiety", ANXIETY_COLOUR))
            ):
                x = MARGIN_X + DOSE_LABEL_WIDTH + column * (plot_width + DOSE_N_WIDTH)
                ax = page.axes(x, y, plot_width, plots_height, f"dose {name} {medicine}")
                for centre, response in zip(centres, rows, strict=True):
                    _spread_row(ax, centre, getattr(response, name), colour, DOSE_ROW / 4)
                ax.set_xlim(0, 10)
                ax.set_ylim(plots_height, 0)
                ax.set_xticks([0, 5, 10])
                ax.set_title(f"{name} (0-10)", fontsize=SMALL_SIZE, loc="left", pad=2)
                if column == 0:
                    ax.set_yticks(centres, labels=["\n".join(lines) for lines in labels])
                    # Flush left under the medicine's name, each line of a label too.
                    ax.tick_params(axis="y", length=0, pad=(DOSE_LABEL_WIDTH - 0.02) * 72)
                    for label in ax.get_yticklabels():
                        label.set_horizontalalignment("left")
                else:
                    ax.set_yticks([])  # the rows are named on the left, beside mood
                _style_axes(ax, [0, 5, 10])
            y += plots_height + 0.28
            for note in notes:
                y = _paragraph(page, y, note, size=SMALL_SIZE + 0.5)

        sections.append(Section(height, draw))
    return sections


# --- symptom scales -----------------------------------------------------------------------


def scales_section(report: Report) -> Section:
    rows = report.details.scales
    heading = "Each scale over time"
    if not rows:
        return _text_section(
            heading,
            "No irritability, energy, sleep quality or symptom scale recorded in this period.",
        )
    period = report.header.period
    legend = (
        "Each row on its own range: lighter is lower, darker is higher; white is not recorded. "
        + ("Weekly means." if report.header.weekly else "Daily means.")
    )
    row_height = 0.2
    height = HEADING + line_height(SMALL_SIZE) + row_height * len(rows) + 0.3

    def draw(page: Page, top: float) -> None:
        import numpy as np
        from matplotlib import colormaps

        y = _heading(page, top, heading)
        page.text(MARGIN_X, y, legend, SMALL_SIZE, color=GREY)
        y += line_height(SMALL_SIZE) + 0.02
        gutter = 1.5
        ax = page.axes(
            MARGIN_X + gutter, y, CONTENT_WIDTH - gutter, row_height * len(rows), "scales"
        )
        # One value per day (a week's mean repeated over its days), drawn as one image.
        grid = np.vstack(
            [
                np.repeat(
                    (row.values.to_numpy(dtype="float64") - row.low)
                    / ((row.high - row.low) or 1.0),
                    row.widths.astype("int64"),
                )
                for row in rows
            ]
        )
        colours = colormaps["cividis_r"].with_extremes(bad="white")
        ax.imshow(
            np.ma.masked_invalid(grid),
            cmap=colours,
            vmin=0,
            vmax=1,
            aspect="auto",
            interpolation="nearest",
            extent=(-0.5, period.days - 0.5, len(rows) - 0.5, -0.5),
        )
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_yticks(
            range(len(rows)),
            labels=[
                shorten(f"{row.name} ({row.low:g}-{row.high:g})", gutter - 0.1, TICK_SIZE)
                for row in rows
            ],
        )
        ticks = date_ticks(period.first, period.last)
        ax.set_xlim(-0.5, period.days - 0.5)
        ax.set_xticks([t.position for t in ticks], labels=[t.label for t in ticks])
        for spine in ax.spines.values():
            spine.set_visible(False)

    return Section(height, draw)


# --- urges: the DBT diary card ------------------------------------------------------------


def urges_section(report: Report) -> Section:
    grid = report.details.urges
    heading = "Urges and acted-on behaviours (DBT diary card)"
    if grid is None:
        return _text_section(heading, "No urges recorded in this period.")
    legend = (
        f"Highest urge of each {grid.by} (0 none to 5 strongest); • acted on. Blank: not recorded."
    )
    row_height = 0.2
    height = HEADING + line_height(SMALL_SIZE) + row_height * len(grid.urges) + 0.35

    def draw(page: Page, top: float) -> None:
        import numpy as np

        y = _heading(page, top, heading)
        page.text(MARGIN_X, y, legend, SMALL_SIZE, color=GREY)
        y += line_height(SMALL_SIZE) + 0.02
        gutter = 1.5
        columns = len(grid.columns)
        ax = page.axes(
            MARGIN_X + gutter, y, CONTENT_WIDTH - gutter, row_height * len(grid.urges), "urges"
        )
        ax.imshow(
            np.ma.masked_invalid(grid.levels),
            cmap="Oranges",
            vmin=-0.5,
            vmax=5,
            aspect="auto",
            interpolation="nearest",
        )
        write_numbers = columns <= 30
        for row in range(len(grid.urges)):
            for column in range(columns):
                level = grid.levels[row, column]
                acted = grid.acted[row, column]
                if write_numbers and not np.isnan(level):
                    ax.text(
                        column,
                        row,
                        f"{level:.0f}" + ("•" if acted else ""),
                        ha="center",
                        va="center",
                        fontsize=SMALL_SIZE - 0.5,
                        color=INK if level < 4 else "white",
                    )
                elif acted:
                    ax.plot(column, row, "o", color=INK, markersize=2.5)
        ax.set_yticks(
            range(len(grid.urges)),
            labels=[shorten(name, gutter - 0.1, TICK_SIZE) for name in grid.urges],
        )
        step = max(1, -(-columns // 10))
        ax.set_xticks(range(0, columns, step), labels=list(grid.columns[::step]))
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)

    return Section(height, draw)


# --- PHQ-9 and GAD-7 ----------------------------------------------------------------------

# The chart's right edge has room for a short band name only.
SHORT_BAND_NAMES = {"moderately severe": "mod. severe"}


def _difficulty_line(answered: Sequence[Questionnaire], title: str) -> str:
    """The difficulty answers of one form in the period: the latest, and when there are more,
    how often each answer was given (bounded however long the period): ``difficulty: latest
    somewhat difficult (2026-11-28); in the period: somewhat difficult 3, not difficult at
    all 1``."""
    given = [q for q in answered if q.title == title and q.difficulty is not None]
    answers = [q.difficulty for q in given if q.difficulty is not None]
    if not given:
        return "difficulty: not answered"
    latest = DIFFICULTY_LABELS[answers[-1]].lower()
    text = f"difficulty: latest {latest} ({given[-1].day.isoformat()})"
    if len(answers) > 1:
        counts = [
            f"{label.lower()} {answers.count(answer)}"
            for answer, label in enumerate(DIFFICULTY_LABELS)
            if answer in answers
        ]
        text += "; in the period: " + ", ".join(counts)
    return text


def questionnaires_section(report: Report) -> Section:
    answered = report.details.questionnaires
    heading = "PHQ-9 and GAD-7 over time, on their published bands"
    if not answered:
        return _text_section(heading, "No PHQ-9 or GAD-7 answered in this period.")
    height = HEADING + 1.4 + 3 * line_height(SMALL_SIZE)  # the difficulty line: up to 3 lines

    def draw(page: Page, top: float) -> None:
        y = _heading(page, top, heading)
        period = report.header.period
        width = (CONTENT_WIDTH - 0.9) / 2
        for column, instrument in enumerate((PHQ9, GAD7)):
            title, bands = instrument.title, instrument.bands
            x = MARGIN_X + 0.3 + column * (width + 0.6)
            _paragraph(
                page,
                y + 1.4,
                _difficulty_line(answered, title),
                x=x,
                width=width,
                colour=GREY,
                size=SMALL_SIZE,
            )
            ax = page.axes(x, y + 0.15, width - 0.55, 1.0, title)
            for index, band in enumerate(bands):
                ax.axhspan(
                    band.low - 0.5,
                    band.high + 0.5,
                    color="#F2F2F2" if index % 2 else "white",
                    zorder=0,
                )
                ax.text(
                    period.days - 0.5 + period.days * 0.02,
                    (band.low + band.high) / 2,
                    SHORT_BAND_NAMES.get(band.name, band.name),
                    fontsize=SMALL_SIZE - 1,
                    va="center",
                    color=GREY,
                )
            points = [q for q in answered if q.title == title]
            xs = [(q.day - period.first).days for q in points]
            ax.plot(xs, [q.total for q in points], "-o", color=INK, markersize=3.5, linewidth=1)
            ax.set_ylim(-0.5, bands[-1].high + 0.5)
            ax.set_xlim(-0.5, period.days - 0.5)
            ticks = date_ticks(period.first, period.last)[::2]
            ax.set_xticks([t.position for t in ticks], labels=[t.label for t in ticks])
            ax.set_yticks([0, 5, 10, 15, 20] if title == "PHQ-9" else [0, 5, 10, 15])
            ax.set_title(
                title + ("" if points else ": none answered"),
                fontsize=SMALL_SIZE + 0.5,
                loc="left",
                pad=2,
            )

    return Section(height, draw)


# --- skills ranked ------------------------------------------------------------------------


def skills_section(report: Report) -> Section:
    rankings = report.details.rankings
    heading = "Skills ranked by use, with their diary-card groups"
    if not rankings:
        return _text_section(heading, "No therapy skills recorded in this period.")
    shown = list(rankings)[:12]
    note = (
        "Diary-card codes, counted as categories: used and helped 5, 7; used, didn't help 4, 6; "
        "no code: used; not used: couldn't 3 (tried but couldn't), thought of 1, 2 (thought "
        "about only), not thought of 0."
    )
    height = (
        HEADING
        + line_height(SMALL_SIZE)
        + line_height(TEXT_SIZE) * len(shown)
        + _paragraph_height(note)
        + 0.05
    )
    # The skill's name, the days it was used, then its logs in each diary-card group.
    headers = (
        "skill",
        "days used",
        "helped",
        "didn't help",
        "no code",
        "couldn't",
        "thought of",
        "not thought of",
    )
    groups = (HELPED, NOT_HELPED, NO_CODE, COULD_NOT, THOUGHT_ABOUT, NOT_THOUGHT_ABOUT)
    step = (CONTENT_WIDTH - 2.3) / (len(headers) - 1)
    columns = (MARGIN_X, *(MARGIN_X + 2.3 + step * index for index in range(len(headers) - 1)))

    def draw(page: Page, top: float) -> None:
        y = _heading(page, top, heading)
        for x, text in zip(columns, headers, strict=True):
            page.text(x, y, text, SMALL_SIZE, color=GREY)
        y += line_height(SMALL_SIZE)
        for ranking in shown:
            counts = ranking.counts
            cells = (
                shorten(ranking.skill, 2.2, TEXT_SIZE),
                str(counts.days),
                *(str(counts.of(group)) for group in groups),
            )
            for x, text in zip(columns, cells, strict=True):
                page.text(x, y, text, TEXT_SIZE)
            y += line_height(TEXT_SIZE)
        _paragraph(page, y, note, colour=GREY)

    return Section(height, draw)


# --- sleep against mood; skill days against next-day anxiety ------------------------------


def sleep_section(report: Report) -> Section:
    sleep = report.details.sleep_mood
    skill = report.details.skill_anxiety
    heading = "A night's sleep against that day's mood; skill days against the next day's anxiety"
    plot = 1.5
    text_x = MARGIN_X + 2.75
    text_width = CONTENT_WIDTH - 2.75
    lines = comparison_lines(sleep)
    skill_lines = (
        comparison_lines(skill)
        if skill is not None
        else ["No therapy skills recorded in this period."]
    )
    height = HEADING + plot + 0.22

    def draw(page: Page, top: float) -> None:
        y = _heading(page, top, heading)
        ax = page.axes(MARGIN_X + 0.35, y + 0.05, 2.15, plot - 0.2, "sleep and mood")
        if sleep.x:
            # Days with the same sleep and mood are one dot as dark as that many stacked
            # dots would be (alpha 0.6 each): the same picture, written once per spot.
            from matplotlib.colors import to_rgb

            stacked = Counter(zip(sleep.x, sleep.y, strict=True))
            ax.scatter(
                [x for x, _ in stacked],
                [y for _, y in stacked],
                s=2.5**2,
                c=[(*to_rgb(MOOD_COLOUR), 1 - 0.4**count) for count in stacked.values()],
                linewidths=0,
            )
        ax.axvline(6, color=GREY, linewidth=0.6, linestyle=(0, (2, 2)))
        longest = max(12.0, max(sleep.x, default=0) + 0.5)
        ax.set_xlim(0, longest)
        ax.set_xticks([0, 3, 6, 9, 12] + ([int(longest)] if longest > 13 else []))
        ax.set_ylim(-0.3, 10.3)
        ax.set_yticks([0, 5, 10])
        ax.set_xlabel("sleep the night before (hours)", fontsize=SMALL_SIZE)
        ax.set_ylabel("mood (day's mean)", fontsize=SMALL_SIZE)
        ty = y + 0.05
        page.text(text_x, ty, "Sleep and mood", TEXT_SIZE, bold=True)
        ty += line_height(TEXT_SIZE)
        for line in lines:
            ty = _paragraph(page, ty, line, x=text_x, width=text_width)
        ty += 0.08
        page.text(text_x, ty, "Skill days and the next day's anxiety", TEXT_SIZE, bold=True)
        ty += line_height(TEXT_SIZE)
        for line in skill_lines:
            ty = _paragraph(page, ty, line, x=text_x, width=text_width)
        ty += 0.08
        _paragraph(
            page,
            ty,
            PATTERNS_NOT_PROOF,
            x=text_x,
            width=text_width,
            colour=GREY,
            size=SMALL_SIZE,
        )

    return Section(height, draw)


# --- coverage and weekday pattern ---------------------------------------------------------


def coverage_section(report: Report) -> Section:
    heading = "Logging coverage by week, and the weekday pattern"
    plot = 1.1
    height = HEADING + plot + 0.3

    def draw(page: Page, top: float) -> None:
        import numpy as np

        y = _heading(page, top, heading)
        coverage = report.details.coverage
        period = report.header.period
        wide = 4.3
        ax = page.axes(MARGIN_X + 0.3, y + 0.15, wide - 0.3, plot - 0.2, "coverage")
        x = np.arange(len(coverage.weeks))
        bars(ax, x, coverage.days, width=0.8, color="white", edgecolor="#BBBBBB", linewidth=0.4)
        on_time = coverage.logged - coverage.backfilled
        bars(ax, x, on_time, width=0.8, color=MOOD_COLOUR, linewidth=0)
        bars(
            ax,
            x,
            coverage.backfilled,
            bottom=on_time,
            width=0.8,
            color="white",
            edgecolor=MOOD_COLOUR,
            hatch="/////",
            linewidth=0.4,
        )
        ax.set_ylim(0, 7.2)
        ax.set_yticks([0, 7])
        # The timeline's date ticks, placed on the week that holds each date.
        ticks = date_ticks(period.first, period.last)
        if len(ticks) > 6:
            ticks = ticks[:: -(-len(ticks) // 6)]
        first_monday = coverage.weeks[0]
        ax.set_xticks(
            [((period.first - first_monday).days + t.position) / 7 - 0.5 for t in ticks],
            labels=[t.label for t in ticks],
        )
        ax.set_xlim(-0.6, len(x) - 0.4)
        ax.tick_params(labelsize=TICK_SIZE - 0.5)
        ax.set_title(
            "days logged per week (hatched: back-filled; outline: days in the week)",
            fontsize=SMALL_SIZE,
            loc="left",
            pad=3,
        )
        pattern = report.details.weekday
        ax = page.axes(
            MARGIN_X + wide + 0.45, y + 0.15, CONTENT_WIDTH - wide - 0.45, plot - 0.2, "weekday"
        )
        names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        positions = np.arange(7)
        mood = np.array([np.nan if v is None else v for v in pattern.mood])
        anxiety = np.array([np.nan if v is None else v for v in pattern.anxiety])
        ax.plot(
            positions, mood, "-o", color=MOOD_COLOUR, markersize=3.5, linewidth=1.2, label="mood"
        )
        ax.plot(
            positions,
            anxiety,
            linestyle=(0, (3.5, 1.8)),
            marker="^",
            color=ANXIETY_COLOUR,
            markersize=3.5,
            linewidth=1.2,
            label="anxiety",
        )
        ax.set_ylim(0, 10)
        ax.set_yticks([0, 5, 10])
        ax.set_xticks(
            positions, labels=[f"{name}\n{n}" for name, n in zip(names, pattern.days, strict=True)]
        )
        ax.tick_params(labelsize=TICK_SIZE - 0.5)
        ax.set_title("mean by weekday (n days under each)", fontsize=SMALL_SIZE, loc="left", pad=3)
        ax.legend(loc="lower right", fontsize=SMALL_SIZE - 1, ncol=2, handlelength=2)

    return Section(height, draw)


def detail_sections(report: Report) -> list[Section]:
    return [
        *dose_response_sections(report),
        scales_section(report),
        urges_section(report),
        questionnaires_section(report),
        skills_section(report),
        sleep_section(report),
        coverage_section(report),
    ]


def _page_title(page: Page, text: str) -> float:
    page.text(MARGIN_X, CONTENT_TOP, text, TITLE_SIZE - 2, bold=True)
    return CONTENT_TOP + line_height(TITLE_SIZE - 2) + 0.12


def detail_pages(report: Report) -> list[Page]:
    """The detail views stacked down as many pages as they need."""
    title = f"Detail: {report.header.period}"
    pages: list[Page] = []
    page: Page | None = None
    y = 0.0
    for section in detail_sections(report):
        if page is None or y + section.height > CONTENT_BOTTOM - 0.15:
            page = Page()
            pages.append(page)
            y = _page_title(page, title)
        section.draw(page, y)
        y += section.height + SECTION_GAP
    return pages


def continued_pages(lines: Sequence[Line]) -> list[Page]:
    """The page-1 lists that did not fit there, in the same two columns."""
    pages = []
    rest = list(lines)
    while rest:
        page = Page()
        top = _page_title(page, "Page 1 continued: lists")
        before = len(rest)
        placed = rest
        rest = flow(page, rest, list_columns(), top, CONTENT_BOTTOM - 0.15)
        rest = carry_heading(placed[: len(placed) - len(rest)], rest)
        pages.append(page)
        if len(rest) == before:  # a line taller than a page cannot happen; never loop forever
            break
    return pages

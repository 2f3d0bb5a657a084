"""Pages 2+, the detail: dose against response first, then each symptom scale, the DBT
diary-card grid of urges, PHQ-9/GAD-7 on their bands, skills ranked, sleep against mood and
skill days against the next day's anxiety, logging coverage by week and the weekday pattern.

Each view is a panel: one function that draws it from a given top and returns where it ended.
Panels flow down the pages in that order; one that would run past the page's foot is taken off
and drawn at the top of the next page, so nothing is cut or overlaps. The page-1 lists that did
not fit there follow on the same pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from moodlog.analysis.report import (
    DoseResponse,
    Report,
    Spread,
)
from moodlog.domain.dates import WEEKDAYS, day_text, span_text
from moodlog.domain.days import Period
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
from moodlog.render.report.layout import Line, Page, flow
from moodlog.render.report.page_one import carry_heading, list_columns
from moodlog.render.report.shapes import bars, lines_across
from moodlog.render.report.style import (
    A4,
    ANXIETY_COLOUR,
    BAND_NAME_SIZE,
    COVERAGE_PLOT,
    COVERAGE_WIDTH,
    DOSE_LABEL_LINE,
    DOSE_LABEL_WIDTH,
    DOSE_ROW,
    DOSE_ROWS_PER_PANEL,
    FAINT,
    GREY,
    HEADING_GAP,
    HEADING_SIZE,
    HEATMAP_GUTTER,
    HEATMAP_ROW,
    INK,
    KEY_CELL,
    MARGIN_X,
    MOOD_COLOUR,
    N_SIZE,
    NOTES_PER_PANEL,
    PAGE_TITLE_GAP,
    PLOT_INDENT,
    PLOT_TITLE_ROOM,
    QUESTIONNAIRE_GAP,
    QUESTIONNAIRE_PLOT,
    SECTION_GAP,
    SKILL_NAME_WIDTH,
    SLEEP_PLOT,
    SLEEP_PLOT_WIDTH,
    SLEEP_PLOT_X,
    SLEEP_TEXT_X,
    SMALL_SIZE,
    TEXT_SIZE,
    TICK_LABEL_ROOM,
    TICK_SIZE,
    TITLE_SIZE,
    WEEKDAY_GAP,
    Paper,
)
from moodlog.render.report.text import (
    line_height,
    shorten,
    standard_font_shows,
    text_width,
    wrap,
)
from moodlog.render.report.timeline import date_ticks

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# A panel: drawn on the page from a top (inches), it returns where it ended.
Panel = Callable[[Page, float], float]


def _heading(page: Page, top: float, text: str) -> float:
    page.text(MARGIN_X, top, text, HEADING_SIZE, bold=True)
    return top + line_height(HEADING_SIZE) + HEADING_GAP


def _paragraph(
    page: Page,
    top: float,
    text: str,
    x: float = MARGIN_X,
    width: float | None = None,
    colour: str = INK,
    size: float = TEXT_SIZE,
) -> float:
    """``text`` wrapped to ``width`` inches (the page's content width by default) from
    ``top``; returns the bottom of its last line."""
    if width is None:
        width = page.content_width - (x - MARGIN_X)
    embedded = not standard_font_shows(text)  # a paragraph's lines all in one typeface
    for line in wrap(text, width, size):
        page.text(x, top, line, size, color=colour, embedded=embedded)
        top += line_height(size)
    return top


def _text_panel(heading: str, text: str) -> Panel:
    def draw(page: Page, top: float) -> float:
        return _paragraph(page, _heading(page, top, heading), text, colour=GREY)

    return draw


def _style_axes(ax: Axes, grid: Sequence[float]) -> None:
    """Faint lines across the plot at ``grid`` (x), behind the data (not matplotlib's grid,
    which restyles every tick)."""
    lines_across(ax, grid, color=FAINT, linewidth=0.5, zorder=0)


def _shades_key(
    page: Page, top: float, before: str, colours: Sequence[str], after: str,
    numbers: Sequence[str] = (),
) -> float:  # fmt: skip
    """A heatmap's key on one line: ``before``, a swatch of each shade (each written with its
    number, if given), ``after``; returns the line's bottom."""
    from matplotlib.colors import ListedColormap

    x = MARGIN_X
    page.text(x, top, before, SMALL_SIZE, color=GREY)
    x += text_width(before + " ", SMALL_SIZE)
    height = line_height(SMALL_SIZE) - 0.02
    ax = page.axes(x, top, KEY_CELL * len(colours), height, "key " + before)
    ax.imshow(
        [list(range(len(colours)))],
        cmap=ListedColormap(list(colours)),
        aspect="auto",
        interpolation="nearest",
    )
    for index, number in enumerate(numbers):
        dark = index >= len(colours) * 2 / 3
        ax.text(index, 0, number, ha="center", va="center", fontsize=SMALL_SIZE - 1.5,
                color="white" if dark else INK)  # fmt: skip
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_linewidth(0.4)
        spine.set_edgecolor(GREY)
    x += KEY_CELL * len(colours) + 0.06
    page.text(x, top, after, SMALL_SIZE, color=GREY)
    return top + line_height(SMALL_SIZE)


def _date_ticks(ax: Axes, period: Period, most: int | None = None) -> None:
    ticks = date_ticks(period.first, period.last)
    if most is not None and len(ticks) > most:
        ticks = ticks[:: -(-len(ticks) // most)]
    ax.set_xticks([t.position for t in ticks], labels=[t.label for t in ticks])


# --- dose against response ----------------------------------------------------------------


def _spread_row(
    ax: Axes, row: float, spread: Spread | None, colour: str, half: float, n_at: float
) -> None:
    """One row's spread, centred at ``row`` on the y axis, its box ``half`` above and below;
    its n= written at ``n_at`` (x, right of the plot)."""
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
    ax.text(n_at, row, f"n={spread.n}", va="center", fontsize=N_SIZE, color=GREY)


def _dose_label(response: DoseResponse) -> str:
    """The row's name beside the spread plots: the dose, and ``(before)`` for the dose the
    medicine was on before the period."""
    return response.span.dose + ("" if response.in_period else " (before)")


def _dose_line(response: DoseResponse) -> str:
    """``100 mg · 1 Oct – 30 Oct 2026 · 30 d · 82% · 36 taken, 3 missed, 5 not logged · 92% of
    logged``: the dose, its days, and its adherence written whole, as page 1 writes it. Doses
    are due only from the journal's first day, so a span that began before it says from when
    its adherence is counted, and one wholly before it has nothing due."""
    span = response.span
    text = f"{_dose_label(response)} · {span_text(span.first, span.last)} · {span.days} d"
    if span.adherence is None:
        return text
    if span.counted_from is None:
        return text + " · nothing due (before the journal's first day)"
    if span.counted_from > span.first:
        text += f" · from the journal's first day, {day_text(span.counted_from)}:"
    else:
        text += " ·"
    return text + " " + adherence_text(span.adherence)


def _n_width(rows: Sequence[DoseResponse]) -> float:
    """Room right of each spread plot for the widest of its n=, never cut."""
    counts = [
        spread.n
        for response in rows
        for spread in (response.mood, response.anxiety)
        if spread is not None
    ]
    return text_width(f"n={max(counts, default=0)}", N_SIZE) + 0.12


def dose_response_panels(report: Report) -> list[Panel]:
    responses = report.details.dose_response
    heading = "Dose against response"
    if not responses:
        return [
            _text_panel(
                heading,
                "No medicines recorded. With medicines in the journal, this shows each dose a "
                "medicine was on in the period (and the dose before), with its days, adherence, "
                "and the spread of mood and anxiety on those days.",
            )
        ]
    medicines: dict[str, list[DoseResponse]] = {}
    for response in responses:
        medicines.setdefault(response.span.medicine, []).append(response)
    intro = (
        "Each dose a medicine was on: the bar is the middle half of the days' mood (left) and "
        "anxiety (right), the thick tick their median, the line lowest to highest. " + NOT_PROOF
    )

    def panel(
        medicine: str, rows: list[DoseResponse], first: bool, part: int, n_width: float
    ) -> Panel:
        """One medicine's doses, or its ``part``-th run of them; the first comparisons around
        its dose changes under its last run."""
        last = (part + 1) * DOSE_ROWS_PER_PANEL >= len(rows)
        notes = _change_notes(medicine)[:NOTES_PER_PANEL] if last else []
        rows = rows[part * DOSE_ROWS_PER_PANEL : (part + 1) * DOSE_ROWS_PER_PANEL]
        shown_as = medicine + (" (continued)" if part else "")

        def draw(page: Page, top: float) -> float:
            y = top
            if first:
                y = _heading(page, y, heading)
                y = _paragraph(page, y, intro, colour=GREY, size=SMALL_SIZE) + 0.06
            page.text(MARGIN_X, y, shown_as, TEXT_SIZE, bold=True)
            y += PLOT_TITLE_ROOM
            # Each row is named beside its plots in full, wrapped, never cut: the dose, its
            # days and its adherence; the rows are as tall as the longest name needs. The y
            # axis is in inches from the top of the plots.
            labels = [wrap(_dose_line(r), DOSE_LABEL_WIDTH - 0.25, TICK_SIZE) for r in rows]
            heights = [max(DOSE_ROW, len(label) * DOSE_LABEL_LINE + 0.08) for label in labels]
            centres = [sum(heights[:n]) + heights[n] / 2 for n in range(len(rows))]
            plots_height = sum(heights)
            plot_width = (page.content_width - DOSE_LABEL_WIDTH) / 2 - n_width
            for column, (name, colour) in enumerate(
                (("mood", MOOD_COLOUR), ("anxiety", ANXIETY_COLOUR))
            ):
                x = MARGIN_X + DOSE_LABEL_WIDTH + column * (plot_width + n_width)
                ax = page.axes(x, y, plot_width, plots_height, f"dose {name} {medicine}")
                n_at = 10 + 10 * 0.05 / plot_width  # 0.05 in right of the plot
                for centre, response in zip(centres, rows, strict=True):
                    _spread_row(ax, centre, getattr(response, name), colour, DOSE_ROW / 4, n_at)
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
            y += plots_height + TICK_LABEL_ROOM + 0.06
            for note in notes:
                y = _paragraph(page, y, note, size=SMALL_SIZE + 0.5)
            return y

        return draw

    def _change_notes(medicine: str) -> list[str]:
        return [
            change_line(compared, report.header.period)
            for compared in report.details.changes
            if compared.change.medicine == medicine
        ]

    def notes_panel(notes: list[str]) -> Panel:
        def draw(page: Page, top: float) -> float:
            for note in notes:
                top = _paragraph(page, top, note, size=SMALL_SIZE + 0.5)
            return top

        return draw

    # A medicine with many doses (years of changes) is drawn in runs of a few rows, and its
    # comparisons a few at a time, so they fill the page and go on over the next rather than
    # leaving a page mostly empty.
    panels = []
    for index, (medicine, rows) in enumerate(medicines.items()):
        for part in range(-(-len(rows) // DOSE_ROWS_PER_PANEL)):
            panels.append(panel(medicine, rows, index == 0 and part == 0, part, _n_width(rows)))
        notes = _change_notes(medicine)
        for start in range(NOTES_PER_PANEL, len(notes), NOTES_PER_PANEL):
            panels.append(notes_panel(notes[start : start + NOTES_PER_PANEL]))
    return panels


# --- symptom scales -----------------------------------------------------------------------


def scales_panel(report: Report) -> Panel:
    rows = report.details.scales
    heading = "Each scale over time"
    if not rows:
        return _text_panel(
            heading,
            "No irritability, energy, sleep quality or symptom scale recorded in this period.",
        )
    period = report.header.period
    legend = "Each row on its own range. " + (
        "Weekly means." if report.header.weekly else "Daily means."
    )

    def draw(page: Page, top: float) -> float:
        import numpy as np
        from matplotlib import colormaps
        from matplotlib.colors import to_hex

        colours = colormaps["cividis_r"].with_extremes(bad="white")
        y = _heading(page, top, heading)
        y = _shades_key(
            page,
            y,
            legend + " Lowest of its range",
            [to_hex(colours(share)) for share in (0.0, 0.25, 0.5, 0.75, 1.0)],
            "highest; white: not recorded.",
        )
        y += 0.04
        ax = page.axes(
            MARGIN_X + HEATMAP_GUTTER,
            y,
            page.content_width - HEATMAP_GUTTER,
            HEATMAP_ROW * len(rows),
            "scales",
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
                shorten(f"{row.name} ({row.low:g}-{row.high:g})", HEATMAP_GUTTER - 0.1, TICK_SIZE)
                for row in rows
            ],
        )
        ax.set_xlim(-0.5, period.days - 0.5)
        _date_ticks(ax, period)
        for spine in ax.spines.values():
            spine.set_visible(False)
        return y + HEATMAP_ROW * len(rows) + TICK_LABEL_ROOM

    return draw


# --- urges: the DBT diary card ------------------------------------------------------------


def urges_panel(report: Report) -> Panel:
    grid = report.details.urges
    heading = "Urges and acted-on behaviours (DBT diary card)"
    if grid is None:
        return _text_panel(heading, "No urges recorded in this period.")

    def draw(page: Page, top: float) -> float:
        import numpy as np
        from matplotlib import colormaps
        from matplotlib.colors import Normalize, to_hex

        y = _heading(page, top, heading)
        cmap, norm = colormaps["Oranges"], Normalize(-0.5, 5)
        y = _shades_key(
            page,
            y,
            f"Highest urge of each {grid.by}:",
            [to_hex(cmap(norm(level))) for level in range(6)],
            "0 none to 5 strongest; • acted on; blank: not recorded.",
            numbers=[str(level) for level in range(6)],
        )
        y += 0.04
        columns = len(grid.columns)
        ax = page.axes(
            MARGIN_X + HEATMAP_GUTTER,
            y,
            page.content_width - HEATMAP_GUTTER,
            HEATMAP_ROW * len(grid.urges),
            "urges",
        )
        ax.imshow(
            np.ma.masked_invalid(grid.levels),
            cmap=cmap,
            norm=norm,
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
            labels=[shorten(name, HEATMAP_GUTTER - 0.1, TICK_SIZE) for name in grid.urges],
        )
        step = max(1, -(-columns // 10))
        ax.set_xticks(range(0, columns, step), labels=list(grid.columns[::step]))
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        return y + HEATMAP_ROW * len(grid.urges) + TICK_LABEL_ROOM

    return draw


# --- PHQ-9 and GAD-7 ----------------------------------------------------------------------

# The chart's right edge has room for a short band name only.
SHORT_BAND_NAMES = {"moderately severe": "mod. severe"}


def _difficulty_line(answered: Sequence[Questionnaire], title: str, period: Period) -> str:
    """The difficulty answers of one form in the period: the latest, and when there are more,
    how often each answer was given (bounded however long the period): ``difficulty: latest
    somewhat difficult (28 Nov); in the period: somewhat difficult 3, not difficult at
    all 1``."""
    given = [q for q in answered if q.title == title and q.difficulty is not None]
    answers = [q.difficulty for q in given if q.difficulty is not None]
    if not given:
        return "difficulty: not answered"
    latest = DIFFICULTY_LABELS[answers[-1]].lower()
    text = f"difficulty: latest {latest} ({day_text(given[-1].day, period)})"
    if len(answers) > 1:
        counts = [
            f"{label.lower()} {answers.count(answer)}"
            for answer, label in enumerate(DIFFICULTY_LABELS)
            if answer in answers
        ]
        text += "; in the period: " + ", ".join(counts)
    return text


def questionnaires_panel(report: Report) -> Panel:
    answered = report.details.questionnaires
    heading = "PHQ-9 and GAD-7 over time, on their published bands"
    if not answered:
        return _text_panel(heading, "No PHQ-9 or GAD-7 answered in this period.")

    def draw(page: Page, top: float) -> float:
        y = _heading(page, top, heading)
        period = report.header.period
        band_room = max(
            text_width(SHORT_BAND_NAMES.get(band.name, band.name), BAND_NAME_SIZE)
            for instrument in (PHQ9, GAD7)
            for band in instrument.bands
        )
        width = (page.content_width - PLOT_INDENT - QUESTIONNAIRE_GAP) / 2
        plot_top = y + PLOT_TITLE_ROOM - 0.05
        text_top = plot_top + QUESTIONNAIRE_PLOT + TICK_LABEL_ROOM
        bottom = text_top
        for column, instrument in enumerate((PHQ9, GAD7)):
            title, bands = instrument.title, instrument.bands
            x = MARGIN_X + PLOT_INDENT + column * (width + QUESTIONNAIRE_GAP)
            bottom = max(
                bottom,
                _paragraph(
                    page,
                    text_top,
                    _difficulty_line(answered, title, period),
                    x=x,
                    width=width,
                    colour=GREY,
                    size=SMALL_SIZE,
                ),
            )
            plot_width = width - band_room - 0.1
            ax = page.axes(x, plot_top, plot_width, QUESTIONNAIRE_PLOT, title)
            for index, band in enumerate(bands):
                ax.axhspan(
                    band.low - 0.5,
                    band.high + 0.5,
                    color="#F2F2F2" if index % 2 else "white",
                    zorder=0,
                )
                ax.text(
                    period.days - 0.5 + period.days * 0.05 / plot_width,
                    (band.low + band.high) / 2,
                    SHORT_BAND_NAMES.get(band.name, band.name),
                    fontsize=BAND_NAME_SIZE,
                    va="center",
                    color=GREY,
                )
            points = [q for q in answered if q.title == title]
            xs = [(q.day - period.first).days for q in points]
            ax.plot(xs, [q.total for q in points], "-o", color=INK, markersize=3.5, linewidth=1)
            ax.set_ylim(-0.5, bands[-1].high + 0.5)
            ax.set_xlim(-0.5, period.days - 0.5)
            _date_ticks(ax, period, most=4)
            ax.set_yticks([0, 5, 10, 15, 20] if title == "PHQ-9" else [0, 5, 10, 15])
            ax.set_title(
                title + ("" if points else ": none answered"),
                fontsize=SMALL_SIZE + 0.5,
                loc="left",
                pad=2,
            )
        return bottom

    return draw


# --- skills ranked ------------------------------------------------------------------------


def skills_panel(report: Report) -> Panel:
    rankings = report.details.rankings
    heading = "Skills ranked by use, with their diary-card groups"
    if not rankings:
        return _text_panel(heading, "No therapy skills recorded in this period.")
    shown = list(rankings)[:12]
    note = (
        "Diary-card codes, counted as categories: used and helped 5, 7; used, didn't help 4, 6; "
        "no code: used; not used: couldn't 3 (tried but couldn't), thought of 1, 2 (thought "
        "about only), not thought of 0."
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

    def draw(page: Page, top: float) -> float:
        step = (page.content_width - SKILL_NAME_WIDTH) / (len(headers) - 1)
        columns = (
            MARGIN_X,
            *(MARGIN_X + SKILL_NAME_WIDTH + step * index for index in range(len(headers) - 1)),
        )
        y = _heading(page, top, heading)
        for x, text in zip(columns, headers, strict=True):
            page.text(x, y, text, SMALL_SIZE, color=GREY)
        y += line_height(SMALL_SIZE)
        for ranking in shown:
            counts = ranking.counts
            cells = (
                shorten(ranking.skill, SKILL_NAME_WIDTH - 0.1, TEXT_SIZE),
                str(counts.days),
                *(str(counts.of(group)) for group in groups),
            )
            for x, text in zip(columns, cells, strict=True):
                page.text(x, y, text, TEXT_SIZE)
            y += line_height(TEXT_SIZE)
        return _paragraph(page, y, note, colour=GREY)

    return draw


# --- sleep against mood; skill days against next-day anxiety ------------------------------


def sleep_panel(report: Report) -> Panel:
    sleep = report.details.sleep_mood
    skill = report.details.skill_anxiety
    heading = "A night's sleep against that day's mood; skill days against the next day's anxiety"
    lines = comparison_lines(sleep)
    skill_lines = (
        comparison_lines(skill)
        if skill is not None
        else ["No therapy skills recorded in this period."]
    )

    def draw(page: Page, top: float) -> float:
        text_x = MARGIN_X + SLEEP_TEXT_X
        y = _heading(page, top, heading)
        ax = page.axes(
            MARGIN_X + SLEEP_PLOT_X, y + 0.05, SLEEP_PLOT_WIDTH, SLEEP_PLOT, "sleep and mood"
        )
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
        # Below the plot: its tick labels and the x axis's name, two lines.
        plot_bottom = y + 0.05 + SLEEP_PLOT + TICK_LABEL_ROOM + line_height(SMALL_SIZE)
        ty = y + 0.05
        page.text(text_x, ty, "Sleep and mood", TEXT_SIZE, bold=True)
        ty += line_height(TEXT_SIZE)
        for line in lines:
            ty = _paragraph(page, ty, line, x=text_x)
        ty += 0.08
        page.text(text_x, ty, "Skill days and the next day's anxiety", TEXT_SIZE, bold=True)
        ty += line_height(TEXT_SIZE)
        for line in skill_lines:
            ty = _paragraph(page, ty, line, x=text_x)
        ty += 0.08
        ty = _paragraph(page, ty, PATTERNS_NOT_PROOF, x=text_x, colour=GREY, size=SMALL_SIZE)
        return max(plot_bottom, ty)

    return draw


# --- coverage and weekday pattern ---------------------------------------------------------


def coverage_panel(report: Report) -> Panel:
    heading = "Logging coverage by week, and the weekday pattern"

    def draw(page: Page, top: float) -> float:
        import numpy as np

        y = _heading(page, top, heading)
        coverage = report.details.coverage
        period = report.header.period
        wide = COVERAGE_WIDTH
        plot_top = y + PLOT_TITLE_ROOM - 0.05
        ax = page.axes(
            MARGIN_X + PLOT_INDENT, plot_top, wide - PLOT_INDENT, COVERAGE_PLOT, "coverage"
        )
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
        if len(ticks) > 5:
            ticks = ticks[:: -(-len(ticks) // 5)]
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
            MARGIN_X + wide + WEEKDAY_GAP,
            plot_top,
            page.content_width - wide - WEEKDAY_GAP,
            COVERAGE_PLOT,
            "weekday",
        )
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
            positions,
            labels=[f"{name}\n{n}" for name, n in zip(WEEKDAYS, pattern.days, strict=True)],
        )
        ax.tick_params(labelsize=TICK_SIZE - 0.5)
        ax.set_title("mean by weekday (n days under each)", fontsize=SMALL_SIZE, loc="left", pad=3)
        ax.legend(loc="lower right", fontsize=SMALL_SIZE - 1, ncol=2, handlelength=2)
        # Below the plots: the weekdays' two-line tick labels.
        return plot_top + COVERAGE_PLOT + TICK_LABEL_ROOM + line_height(TICK_SIZE)

    return draw


def detail_panels(report: Report) -> list[Panel]:
    return [
        *dose_response_panels(report),
        scales_panel(report),
        urges_panel(report),
        questionnaires_panel(report),
        skills_panel(report),
        sleep_panel(report),
        coverage_panel(report),
    ]


CONTINUED = "Page 1 continued: lists"


def _page_title(page: Page, text: str) -> float:
    page.text(MARGIN_X, page.content_top, text, TITLE_SIZE - 2, bold=True)
    return page.content_top + line_height(TITLE_SIZE - 2) + PAGE_TITLE_GAP


def detail_pages(report: Report, rest: Sequence[Line] = (), paper: Paper = A4) -> list[Page]:
    """The detail panels flowed down as many pages as they need, then ``rest``, the page-1
    lists that did not fit there, under their own heading: below the last panel where the
    page has room, else on pages of their own."""
    from moodlog.domain.dates import period_text

    title = f"Detail: {period_text(report.header.period)}"
    pages: list[Page] = []

    def new_page(heading: str) -> tuple[Page, float]:
        page = Page(paper)
        pages.append(page)
        return page, _page_title(page, heading)

    page, top = new_page(title)
    y = top
    for panel in detail_panels(report):
        mark = page.mark()
        bottom = panel(page, y)
        if bottom > page.content_bottom and y > top:
            page.undo(mark)  # it does not fit below the panels above: to the next page
            page, top = new_page(title)
            y = top
            bottom = panel(page, y)
        y = bottom + SECTION_GAP
    lines = list(rest)
    if not lines:
        return pages
    title_height = line_height(TITLE_SIZE - 2) + PAGE_TITLE_GAP
    fresh = y + title_height + 6 * line_height(TEXT_SIZE) > page.content_bottom
    if fresh:  # too little room below the panels for the heading and a few lines
        page, y = new_page(CONTINUED)
    else:
        page.text(MARGIN_X, y, CONTINUED, TITLE_SIZE - 2, bold=True)
        y += title_height
    while lines:
        before = len(lines)
        placed = lines
        lines = flow(page, lines, list_columns(page), y, page.content_bottom)
        lines = carry_heading(placed[: len(placed) - len(lines)], lines)
        if len(lines) == before and fresh:  # a line taller than a page cannot happen
            break
        if lines:
            page, y = new_page(CONTINUED)
            fresh = True
    return pages

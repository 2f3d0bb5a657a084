"""Page 1, the appointment page: the header, the key figures beside the previous period, the
timeline, and the lists under it (medication changes, side effects, safety flags, questions,
shared notes). Lists longer than the page continue on a last page, never cut."""

from __future__ import annotations

from moodlog.analysis.report import (
    AdherenceFigure,
    CountFigure,
    KeyFigures,
    Lists,
    MeanFigure,
    QuestionnaireFigure,
    Report,
)
from moodlog.domain.report import adherence_text
from moodlog.render.report.layout import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    Block,
    Column,
    Line,
    Page,
    block_lines,
    flow,
)
from moodlog.render.report.style import (
    CONTENT_WIDTH,
    GREY,
    HEADING_SIZE,
    MARGIN_X,
    SMALL_SIZE,
    TEXT_SIZE,
    TITLE_SIZE,
)
from moodlog.render.report.text import line_height, shorten, text_width, wrap
from moodlog.render.report.timeline import draw_timeline

LIST_GAP = 0.3


def _number(value: float | None, decimals: int = 1) -> str:
    return "—" if value is None else f"{value:.{decimals}f}"


def _days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")


def _mean_cells(figure: MeanFigure) -> tuple[str, str, str]:
    label = f"{figure.label} ({figure.unit})"
    this = (
        f"{_number(figure.after)}  mean of {_days(figure.n_after)}"
        if figure.after is not None
        else "not recorded"
    )
    before = (
        f"{_number(figure.before)}  mean of {_days(figure.n_before)}"
        if figure.before is not None
        else "not recorded"
    )
    return label, this, before


def _adherence_cells(figure: AdherenceFigure) -> tuple[str, str, str]:
    this = adherence_text(figure.this) if figure.this else "nothing due"
    before = adherence_text(figure.previous) if figure.previous else "—"
    return figure.medicine, this, before


def _count_cells(figure: CountFigure, noun: str) -> tuple[str, str, str]:
    def cell(count: int, score: float | None) -> str:
        text = f"{count} {noun}" + ("" if count == 1 else "s")
        if score is not None:
            text += f" · mean score {score:.1f} of 7"
        return text

    return (
        figure.label,
        cell(figure.this, figure.mean_score),
        cell(figure.previous, figure.previous_mean_score),
    )


def _questionnaire_cells(figure: QuestionnaireFigure) -> tuple[str, str, str]:
    latest = figure.latest
    assert latest is not None
    this = f"{latest.total} {latest.band} ({latest.day.isoformat()})"
    before = (
        f"{figure.before.total} {figure.before.band} ({figure.before.day.isoformat()})"
        if figure.before
        else "—"
    )
    return f"{figure.title} latest", this, before


def key_figure_rows(figures: KeyFigures) -> list[tuple[str, str, str]]:
    rows = [_mean_cells(figure) for figure in figures.means]
    if figures.adherence:
        rows += [_adherence_cells(figure) for figure in figures.adherence]
    else:
        rows.append(("Medicines", "none recorded", ""))
    rows += [_count_cells(figure, "use") for figure in figures.prn]
    if figures.skills is not None:
        rows.append(_count_cells(figures.skills, "time"))
    else:
        rows.append(("Therapy skills", "none recorded", ""))
    if figures.questionnaires:
        rows += [_questionnaire_cells(figure) for figure in figures.questionnaires]
    else:
        rows.append(("PHQ-9, GAD-7", "none answered", ""))
    return rows


def _header(page: Page, report: Report) -> float:
    header = report.header
    y = CONTENT_TOP
    page.text(MARGIN_X, y, f"Mood and treatment journal: {header.period}", TITLE_SIZE, bold=True)
    y += line_height(TITLE_SIZE) + 0.04
    logged = f"{header.days_line} logged · {header.backfilled} entries back-filled"
    page.text(MARGIN_X, y, logged, HEADING_SIZE + 1, bold=True)
    y += line_height(HEADING_SIZE + 1)
    details = []
    if header.reason:
        details.append(f"Period: {header.reason}")
    if header.next_appointment is not None:
        details.append(f"for the appointment on {header.next_appointment}")
    details.append(f"generated {header.generated:%Y-%m-%d %H:%M}")
    page.text(
        MARGIN_X,
        y,
        shorten(" · ".join(details), CONTENT_WIDTH, SMALL_SIZE + 0.5),
        SMALL_SIZE + 0.5,
        color=GREY,
    )
    y += line_height(SMALL_SIZE + 0.5)
    notes = (
        "Private notes are included at the person's request (--include-notes)."
        if header.include_notes
        else None
    )
    caveat = "Kept by the person, day by day: a record, not a diagnosis."
    page.text(MARGIN_X, y, caveat + (" " + notes if notes else ""), SMALL_SIZE, color=GREY)
    y += line_height(SMALL_SIZE) + 0.08
    page.rule(y)
    return y + 0.1


def _key_figures(page: Page, figures: KeyFigures, top: float) -> float:
    columns = (MARGIN_X, MARGIN_X + 1.35, MARGIN_X + 4.95)
    widths = (1.3, 3.55, CONTENT_WIDTH - 4.95)
    sizes = (TEXT_SIZE, TEXT_SIZE, SMALL_SIZE)
    y = top
    previous = figures.previous_period
    page.text(columns[0], y, "Key figures", HEADING_SIZE, bold=True)
    page.text(columns[1], y, "this period", SMALL_SIZE + 0.5, color=GREY)
    page.text(
        columns[2],
        y,
        shorten(f"previous: {previous.first} to {previous.last}", widths[2], SMALL_SIZE + 0.5),
        SMALL_SIZE + 0.5,
        color=GREY,
    )
    y += line_height(HEADING_SIZE) + 0.02
    for label, this, before in key_figure_rows(figures):
        height = line_height(TEXT_SIZE)
        for x, width, size, text, bold in zip(
            columns, widths, sizes, (label, this, before), (True, False, False), strict=True
        ):
            lines = wrap(text, width, size, bold)  # a figure is never cut
            for index, line in enumerate(lines):
                page.text(x, y + index * line_height(size), line, size, bold=bold)
            height = max(height, len(lines) * line_height(size))
        y += height + 0.01
    return y + 0.06


def list_blocks(report: Report) -> list[Block]:
    lists: Lists = report.lists
    date_indent = text_width("2025-01-31 ", TEXT_SIZE)
    no_medicines = "No medicines recorded." if not report.has_medicines else "None in this period."
    changes = [
        f"{change.day}  {change.label}" + (f" ({change.reason})" if change.reason else "")
        for change in lists.changes
    ]
    effects = []
    for status, effect in lists.side_effects:
        about = f"{effect.name}, severity {effect.severity} of 3"
        if effect.medicine:
            about += f", {effect.medicine}"
        since = f"since {effect.onset}"
        if status == "resolved" and effect.resolved is not None:
            since = f"{effect.onset} to {effect.resolved}"
        effects.append(f"{status}: {about}; {since}")
    flags = [f"{flag.day}  {flag.detail}" for flag in lists.safety_flags]
    questions = [f"{question.text} (noted {question.asked_on})" for question in lists.questions]
    notes = [
        f"{note.day}  " + ("" if note.shared else "[private] ") + note.text for note in lists.notes
    ]
    if lists.earlier_notes:
        notes.insert(
            0,
            f"({lists.earlier_notes} earlier notes of this period are not printed; the "
            f"{len(lists.notes)} most recent follow. A shorter period shows them.)",
        )
    notes_heading = "Notes" if report.header.include_notes else "Shared notes"
    blocks = [
        Block("Medication changes", changes, empty=no_medicines, hanging=date_indent),
        Block("Side effects", effects, empty=no_medicines, hanging=0.2),
        Block("Safety flags", flags, empty="None in this period.", hanging=date_indent),
        Block(
            "Questions for the provider",
            [f"• {question}" for question in questions],
            empty="None open.",
            hanging=0.12,
        ),
        Block(
            notes_heading,
            notes,
            empty="None shared in this period (notes stay private unless marked --share).",
            hanging=date_indent,
        ),
    ]
    if flags:
        # A safety flag is never pushed off page 1 by a long list above it.
        blocks.insert(0, blocks.pop(2))
    return blocks


def list_columns() -> list[Column]:
    width = (CONTENT_WIDTH - LIST_GAP) / 2
    return [Column(MARGIN_X, width), Column(MARGIN_X + width + LIST_GAP, width)]


def page_one(report: Report) -> tuple[Page, list[Line]]:
    """Page 1 and the lines of its lists that did not fit on it."""
    page = Page()
    y = _header(page, report)
    y = _key_figures(page, report.key_figures, y)
    page.rule(y)
    y = draw_timeline(page, report.timeline, y + 0.12, MARGIN_X, CONTENT_WIDTH)
    page.rule(y + 0.02)
    columns = list_columns()
    lines = [line for block in list_blocks(report) for line in block_lines(block, columns[0].width)]
    rest = flow(page, lines, columns, y + 0.08, CONTENT_BOTTOM - 0.1)
    return page, rest

"""Page 1, the appointment page: the header with the safety-flag count, the safety flags, the
key figures beside the previous period, the timeline, and the lists under it (medication
changes, side effects, questions, shared notes). Lists longer than the page continue on a last
page, never cut.

The safety flags come straight under the header, before anything else can take the space: up to
:data:`MAX_FLAG_LINES` lines of them, the most recent first to be kept; any earlier ones are
counted there and listed first under the timeline (continuing on the last page). The warning
signs that showed follow them, bounded too (:mod:`moodlog.render.report.warning_signs`). Key-figure
cells are wrapped, never cut, and the timeline's panels give up height when the page is full."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from moodlog.analysis.report import (
    AdherenceFigure,
    CountFigure,
    KeyFigures,
    Lists,
    MeanFigure,
    QuestionnaireFigure,
    Report,
    SkillFigure,
)
from moodlog.domain.dates import day_text, period_text, span_text
from moodlog.domain.days import Period
from moodlog.domain.questionnaires import first_to_latest_text, score_text
from moodlog.domain.report import adherence_text, isolate, isolated_label
from moodlog.domain.safety import FlaggedRecord, count_text
from moodlog.domain.therapy import skills_not_used_text, skills_used_text
from moodlog.render.comparisons import polarity_rows
from moodlog.render.report.layout import (
    Block,
    Column,
    Line,
    Page,
    block_lines,
    flow,
    line_room,
    wrap_hanging,
)
from moodlog.render.report.style import (
    A4,
    GREY,
    HEADING_SIZE,
    INK,
    KEY_COLUMNS,
    KEY_LINE,
    KEY_ROW_GAP,
    LIST_GAP,
    LIST_TOP,
    MARGIN_X,
    MAX_FLAG_LINES,
    SMALL_SIZE,
    TEXT_SIZE,
    TITLE_SIZE,
    Paper,
)
from moodlog.render.report.text import cut, line_height, shorten, text_width, wrap
from moodlog.render.report.timeline import FLAG_MARKER, draw_timeline
from moodlog.render.report.warning_signs import page_one_signs

CHANGES_HEADING = "Medication changes"
EARLIER_FLAGS = "Safety flags, earlier in the period"


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
    def cell(count: int) -> str:
        return f"{count} {noun}" + ("" if count == 1 else "s")

    return figure.label, cell(figure.this), cell(figure.previous)


def _skill_rows(figure: SkillFigure) -> list[tuple[str, str, str]]:
    """Skills used (times, days, helped or not) and skills logged but not used, by group."""
    this, before = figure.this, figure.previous
    return [
        ("Skills used", skills_used_text(this), skills_used_text(before)),
        ("Skills not used", skills_not_used_text(this), skills_not_used_text(before)),
    ]


def _questionnaire_cells(figure: QuestionnaireFigure, period: Period) -> tuple[str, str, str]:
    def day(moment: date) -> str:
        return day_text(moment, period)

    first, latest = figure.first, figure.latest
    this = (
        first_to_latest_text(first, latest, day)
        if first is not None and latest is not None
        else "not answered"
    )
    before = score_text(figure.previous, day) if figure.previous is not None else "—"
    return figure.title, this, before


def key_figure_rows(figures: KeyFigures, period: Period) -> list[tuple[str, str, str]]:
    """The key figures' rows: a label, this period's cell, the previous period's; dates
    worded as the report of ``period`` words them."""
    rows = [_mean_cells(figure) for figure in figures.means]
    if figures.polarity is not None:
        # Where elevation is tracked a mean mood can hide highs and lows: count the days.
        rows += polarity_rows(figures.polarity)
    if figures.adherence:
        rows += [_adherence_cells(figure) for figure in figures.adherence]
    else:
        rows.append(("Medicines", "none recorded", ""))
    rows += [_count_cells(figure, "use") for figure in figures.prn]
    if figures.skills is not None:
        rows += _skill_rows(figures.skills)
    else:
        rows.append(("Therapy skills", "none recorded", ""))
    if figures.questionnaires:
        rows += [_questionnaire_cells(figure, period) for figure in figures.questionnaires]
    else:
        rows.append(("PHQ-9, GAD-7", "none answered", ""))
    return rows


def _header(page: Page, report: Report) -> float:
    header = report.header
    y = page.content_top
    title = f"Mood and treatment journal: {period_text(header.period)}"
    page.text(MARGIN_X, y, title, TITLE_SIZE, bold=True)
    y += line_height(TITLE_SIZE) + 0.04
    entries = "entry" if header.backfilled == 1 else "entries"
    logged = (
        f"{header.days_line} logged · {header.backfilled} {entries} back-filled · "
        f"{count_text(header.safety_flags)}"
    )
    page.text(MARGIN_X, y, logged, HEADING_SIZE + 1, bold=True)
    y += line_height(HEADING_SIZE + 1)
    details = []
    if header.reason:
        details.append(f"Period: {header.reason}")
    if header.next_appointment is not None:
        visit = header.next_appointment
        who = f" with {isolate(visit.with_whom)}" if visit.with_whom else ""
        details.append(f"for the appointment on {day_text(visit.day)}{who}")
    details.append(f"generated {day_text(header.generated.date())} {header.generated:%H:%M}")
    page.text(
        MARGIN_X,
        y,
        shorten(" · ".join(details), page.content_width, SMALL_SIZE + 0.5),
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


def _key_figures(page: Page, figures: KeyFigures, top: float, period: Period) -> float:
    """The key figures' table from ``top``; returns its bottom."""
    columns = tuple(MARGIN_X + x for x, _ in KEY_COLUMNS)
    widths = tuple(page.content_width - x if width is None else width for x, width in KEY_COLUMNS)
    sizes = (TEXT_SIZE, TEXT_SIZE, SMALL_SIZE)
    y = top
    previous = figures.previous_period
    page.text(columns[0], y, "Key figures", HEADING_SIZE, bold=True)
    page.text(columns[1], y, "this period", SMALL_SIZE + 0.5, color=GREY)
    dates = f"previous: {span_text(previous.first, previous.last)}"
    size = SMALL_SIZE + 0.5
    lines = _wrapped(page, columns[2], y, dates, widths[2], size, line_height(size), color=GREY)
    y += max(line_height(HEADING_SIZE), lines * line_height(size)) + 0.02
    for label, this, before in key_figure_rows(figures, period):
        height = 0.0
        for x, width, size, text, bold in zip(
            columns, widths, sizes, (label, this, before), (True, False, False), strict=True
        ):
            step = size * KEY_LINE / 72
            lines = _wrapped(page, x, y, text, width, size, step, bold=bold)
            height = max(height, line_height(size) + (lines - 1) * step)
        y += max(height, line_height(TEXT_SIZE)) + KEY_ROW_GAP
    return y + 0.06


def _wrapped(
    page: Page,
    x: float,
    top: float,
    text: str,
    width: float,
    size: float,
    step: float,
    bold: bool = False,
    color: str = INK,
) -> int:
    """``text`` wrapped to ``width`` inches (never cut), its lines ``step`` inches apart from
    ``top``; returns how many lines it took."""
    lines = wrap(text, width, size, bold)
    for index, line in enumerate(lines):
        page.text(x, top + index * step, line, size, bold=bold, color=color)
    return len(lines)


def _flag_text(flag: FlaggedRecord, period: Period) -> str:
    return f"{day_text(flag.day, period)}  {isolate(cut(flag.text))}"


def _date_indent(period: Period) -> float:
    """How far a list item's later lines are indented: past the widest date the period
    words."""
    widest = day_text(date(period.last.year, 5, 28), period)
    return text_width(widest + "  ", TEXT_SIZE)


@dataclass(frozen=True)
class FlagsShown:
    """Where the flags block ended, and the earlier flags it left to the lists (with the place
    its line saying so is drawn, once the lists are placed)."""

    bottom: float
    shown: int = 0
    earlier: tuple[FlaggedRecord, ...] = ()
    note_top: float = 0.0


def _safety_flags(
    page: Page, flags: tuple[FlaggedRecord, ...], top: float, period: Period
) -> FlagsShown:
    """The flags straight under the header, each marked as on the timeline. At most
    MAX_FLAG_LINES lines: the most recent flags that fit; a line then counts the earlier ones
    (drawn by :func:`_earlier_flags_note`)."""
    if not flags:
        return FlagsShown(top)
    marker_indent = 0.14
    hanging = _date_indent(period)
    width = page.content_width - marker_indent
    wrapped = [wrap_hanging(_flag_text(flag, period), width, hanging, TEXT_SIZE) for flag in flags]
    shown: list[int] = []
    budget = MAX_FLAG_LINES
    for index in reversed(range(len(flags))):
        needed = len(wrapped[index]) + (1 if index > 0 else 0)  # and the line about the rest
        if needed > budget and shown:
            break
        shown.insert(0, index)
        budget -= len(wrapped[index])
    page.text(MARGIN_X, top, f"Safety flags: {len(flags)}", HEADING_SIZE, bold=True)
    y = top + line_height(HEADING_SIZE) + 0.02
    earlier = flags[: shown[0]]
    note_top = y
    if earlier:
        y += line_height(SMALL_SIZE + 0.5)
    for index in shown:
        for number, line in enumerate(wrapped[index]):
            if number == 0:
                page.marker(MARGIN_X + 0.05, y + 0.06, FLAG_MARKER, size=4.5)
            page.text(MARGIN_X + marker_indent + (hanging if number else 0.0), y, line)
            y += line_height(TEXT_SIZE)
    return FlagsShown(y + 0.06, len(shown), tuple(earlier), note_top)


def _earlier_flags_note(page: Page, shown: FlagsShown, on_page_one: bool, period: Period) -> None:
    """The line in the flags block that counts the earlier flags and says where they are."""
    earlier = shown.earlier
    where = "below the timeline" if on_page_one else "below the timeline and on the last page"
    page.text(
        MARGIN_X,
        shown.note_top,
        f"The {shown.shown} most recent follow; the {len(earlier)} earlier "
        f"({span_text(earlier[0].day, earlier[-1].day, period)}) are listed {where}, "
        f"under \u201c{EARLIER_FLAGS}\u201d.",
        SMALL_SIZE + 0.5,
        color=GREY,
    )


def list_blocks(report: Report, earlier_flags: tuple[FlaggedRecord, ...] = ()) -> list[Block]:
    """The lists under the timeline; ``earlier_flags``, the safety flags the block under the
    header had no room for, come right after the medication changes."""
    lists: Lists = report.lists
    period = report.header.period
    date_indent = _date_indent(period)
    no_medicines = "No medicines recorded." if not report.has_medicines else "None in this period."
    # The latest first: on a long period it is the one a reader needs, and it stays on page 1.
    changes = [
        f"{day_text(change.day, period)}  {isolated_label(change)}"
        + (f" ({isolate(cut(change.reason))})" if change.reason else "")
        for change in reversed(lists.changes)
    ]
    # A change withdrawn was never in force: it is left off the timeline, and listed last, so a
    # reader who saw it on an earlier report knows it is gone.
    changes += [
        f"{day_text(gone.change.day, period)}  withdrawn: {isolated_label(gone.change)}, "
        f"never in force (withdrawn {day_text(gone.withdrawn_on, period)}"
        + (f": {isolate(cut(gone.reason))})" if gone.reason else ")")
        for gone in reversed(lists.withdrawn)
    ]
    effects = []
    for status, effect in lists.side_effects:
        about = f"{isolate(effect.name)}, severity {effect.severity} of 3"
        if effect.medicine:
            about += f", {isolate(effect.medicine)}"
        since = f"since {day_text(effect.onset, period)}"
        if status == "resolved" and effect.resolved is not None:
            since = span_text(effect.onset, effect.resolved, period)
        effects.append(f"{status}: {about}; {since}")
    # A long note is cut to what a list shows; a right-to-left one keeps its date at the left.
    questions = [
        f"{isolate(cut(question.text))} (noted {day_text(question.asked_on, period)})"
        for question in lists.questions
    ]
    notes = [
        f"{day_text(note.day, period)}  "
        + ("" if note.shared else "[private] ")
        + isolate(cut(note.text))
        for note in lists.notes
    ]
    if lists.earlier_notes:
        notes.insert(
            0,
            f"({lists.earlier_notes} earlier notes of this period are not printed; the "
            f"{len(lists.notes)} most recent follow. A shorter period shows them.)",
        )
    notes_heading = "Notes" if report.header.include_notes else "Shared notes"
    blocks = [
        Block(
            CHANGES_HEADING + (", latest first" if len(changes) > 1 else ""),
            changes,
            empty=no_medicines,
            hanging=date_indent,
        ),
        Block("Side effects", effects, empty=no_medicines, hanging=0.2),
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
    if earlier_flags:
        flags = [_flag_text(flag, period) for flag in earlier_flags]
        # After the latest medication changes (a line or two), which page 1 always shows.
        blocks.insert(1, Block(EARLIER_FLAGS, flags, hanging=date_indent))
    return blocks


def carry_heading(placed: Sequence[Line], rest: list[Line]) -> list[Line]:
    """``rest``, the lines that did not fit after ``placed``: when they begin inside a list,
    led by its heading marked "(continued)", so a later page says what it lists."""
    if not rest or _is_heading(rest[0]):
        return rest
    heading = next((line for line in reversed(placed) if _is_heading(line)), None)
    if heading is None:
        return rest
    text = heading.text.removesuffix(" (continued)")
    return [replace(heading, text=f"{text} (continued)", space_before=0.0), *rest]


def _is_heading(line: Line) -> bool:
    return line.bold and line.keep_with_next


def list_columns(page: Page) -> list[Column]:
    width = (page.content_width - LIST_GAP) / 2
    return [Column(MARGIN_X, width), Column(MARGIN_X + width + LIST_GAP, width)]


def page_one(report: Report, paper: Paper = A4) -> tuple[Page, list[Line]]:
    """Page 1 and the lines of its lists that did not fit on it."""
    page = Page(paper)
    y = _header(page, report)
    # The safety flags first: nothing below can push them off the page.
    flags = _safety_flags(page, report.lists.safety_flags, y, report.header.period)
    if report.lists.safety_flags:
        page.rule(flags.bottom)
        y = flags.bottom + 0.1
    # Then the warning signs that showed, bounded too: the plan page, right after, has them all.
    signs_bottom = page_one_signs(page, report.warning_signs, y, report.header.period, 2)
    if signs_bottom > y:
        page.rule(signs_bottom)
        y = signs_bottom + 0.1
    y = _key_figures(page, report.key_figures, y, report.header.period)
    page.rule(y)
    bottom = page.content_bottom - 0.1
    columns = list_columns(page)
    blocks = list_blocks(report, flags.earlier)
    lines = [line for block in blocks for line in block_lines(block, columns[0].width)]
    # The timeline leaves room below it for the latest medication change, under its heading.
    latest = next(block for block in blocks if block.heading.startswith(CHANGES_HEADING))
    kept = block_lines(replace(latest, items=latest.items[:1]), columns[0].width)
    room = LIST_TOP + sum(line_room(line) for line in kept)
    y = draw_timeline(
        page, report.timeline, y + 0.12, MARGIN_X, page.content_width, bottom=bottom - room
    )
    page.rule(y + 0.02)
    rest = flow(page, lines, columns, y + LIST_TOP, bottom)
    rest = carry_heading(lines[: len(lines) - len(rest)], rest)
    if flags.earlier:
        through_flags = sum(len(block_lines(block, columns[0].width)) for block in blocks[:2])
        shown_here = len(lines) - len(rest) >= through_flags
        _earlier_flags_note(page, flags, shown_here, report.header.period)
    return page, rest

"""Placing things on a page by inches from its top-left corner, and flowing lines of text down
columns and on to further pages, so nothing overlaps and nothing is cut."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from moodlog.render.report.style import (
    A4,
    ASCENT,
    FOOTER_TOP,
    GREY,
    HEADING_SIZE,
    INK,
    KEEP_TOGETHER_LINES,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    SMALL_SIZE,
    TEXT_SIZE,
    Paper,
)
from moodlog.render.report.text import (
    line_height,
    piece_width,
    segments,
    standard_font_shows,
    wrap,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


class Page:
    """One page (a matplotlib Figure) of the chosen paper, addressed in inches from its
    top-left corner."""

    def __init__(self, paper: Paper = A4) -> None:
        from matplotlib.figure import Figure

        self.paper = paper
        self.width = paper.width
        self.height = paper.height
        self.figure: Figure = Figure(figsize=(paper.width, paper.height))

    @property
    def content_width(self) -> float:
        return self.width - 2 * MARGIN_X

    @property
    def content_top(self) -> float:
        return MARGIN_TOP

    @property
    def content_bottom(self) -> float:
        return self.height - MARGIN_BOTTOM

    def mark(self) -> tuple[int, ...]:
        """How much is drawn on the page so far: :meth:`undo` takes back what follows."""
        return tuple(len(drawn) for drawn in self._drawn())

    def undo(self, mark: tuple[int, ...]) -> None:
        """Take off the page everything drawn since :meth:`mark` returned ``mark``: a panel
        drawn where it turned out not to fit, to be drawn again on the next page."""
        for drawn, count in zip(self._drawn(), mark, strict=True):
            for artist in list(drawn[count:]):
                artist.remove()

    def _drawn(self) -> tuple[list[Any], ...]:
        figure = self.figure
        return (figure.axes, figure.texts, figure.artists, figure.lines, figure.legends)

    def text(
        self,
        x: float,
        top: float,
        text: str,
        size: float = TEXT_SIZE,
        bold: bool = False,
        color: str = INK,
        align: str = "left",
        embedded: bool | None = None,
    ) -> None:
        """A line of text whose top is ``top`` inches from the page's top. ``embedded``: set it
        in the embedded font (see :mod:`moodlog.render.report.fonts`); by default, when the
        PDF standard font cannot show it."""
        if embedded is None:
            embedded = not standard_font_shows(text)
        pieces = segments(text)
        if pieces != [text]:  # the line has isolated pieces (or is empty)
            # Pieces in their own direction (a note in Hebrew after its date) are drawn apart,
            # left to right, each measured as wide as it may be drawn.
            widths = [piece_width(piece, size, bold) for piece in pieces]
            shift = {"left": 0.0, "center": sum(widths) / 2, "right": sum(widths)}[align]
            x -= shift
            for piece, width in zip(pieces, widths, strict=True):
                self.text(x, top, piece, size, bold, color, "left", embedded)
                x += width
            return
        # Placed by its baseline, a fixed distance below the line's top: aligning the top of
        # each line's own glyphs would set a line with an apostrophe lower than its neighbours
        # (matplotlib measures those glyphs of the PDF standard font too tall).
        style: dict[str, Any] = {
            "fontsize": size,
            "fontweight": "bold" if bold else "normal",
            "color": color,
            "ha": align,
            "va": "baseline",
            "parse_math": False,
        }
        y = 1 - (top + size * ASCENT / 72) / self.height
        if not embedded:
            self.figure.text(x / self.width, y, text, **style)
            return
        from moodlog.render.report.fonts import EmbeddedFontText

        self.figure.add_artist(
            EmbeddedFontText(x / self.width, y, text, transform=self.figure.transSubfigure, **style)
        )

    def axes(self, x: float, top: float, width: float, height: float, label: str) -> Axes:
        return self.figure.add_axes(
            (
                x / self.width,
                1 - (top + height) / self.height,
                width / self.width,
                height / self.height,
            ),
            label=label,
        )

    def marker(self, x: float, top: float, marker: str, color: str = INK, size: float = 4) -> None:
        """One marker (a matplotlib marker code) centred at ``x``, ``top`` inches."""
        from matplotlib.lines import Line2D

        self.figure.add_artist(
            Line2D(
                [x / self.width],
                [1 - top / self.height],
                marker=marker,
                markersize=size,
                color=color,
                linestyle="none",
                transform=self.figure.transFigure,
            )
        )

    def rule(self, top: float, color: str = "#CCCCCC") -> None:
        from matplotlib.lines import Line2D

        y = 1 - top / self.height
        self.figure.add_artist(
            Line2D(
                [MARGIN_X / self.width, 1 - MARGIN_X / self.width],
                [y, y],
                color=color,
                linewidth=0.6,
                transform=self.figure.transFigure,
            )
        )


@dataclass(frozen=True)
class Line:
    """One line of text to place: already wrapped to its column."""

    text: str
    size: float = TEXT_SIZE
    bold: bool = False
    indent: float = 0.0
    color: str = INK
    space_before: float = 0.0
    keep_with_next: bool = False  # a heading is never the last line of a column
    embedded: bool | None = None  # as Page.text's; an item's lines all alike


@dataclass(frozen=True)
class Block:
    """A heading and its items; each item a paragraph, wrapped with a hanging indent."""

    heading: str
    items: Sequence[str]
    empty: str = "None in this period."
    hanging: float = 0.0  # indent of an item's second and later lines, inches


def block_lines(block: Block, width: float) -> list[Line]:
    lines = [Line(block.heading, HEADING_SIZE, True, space_before=0.08, keep_with_next=True)]
    if not block.items:
        lines += [Line(part, TEXT_SIZE, color=GREY) for part in wrap(block.empty, width, TEXT_SIZE)]
        return lines
    for item in block.items:
        wrapped = wrap_hanging(item, width, block.hanging, TEXT_SIZE)
        # An item of a few lines is kept together in one column, and in one typeface.
        together = len(wrapped) <= KEEP_TOGETHER_LINES
        embedded = not standard_font_shows(item)
        for index, part in enumerate(wrapped):
            lines.append(
                Line(
                    part,
                    TEXT_SIZE,
                    indent=block.hanging if index else 0.0,
                    space_before=0.025 if index == 0 else 0.0,
                    keep_with_next=together and index < len(wrapped) - 1,
                    embedded=embedded,
                )
            )
    return lines


def wrap_hanging(text: str, width: float, hanging: float, size: float) -> list[str]:
    """``text`` wrapped to ``width`` inches, its second and later lines to ``width - hanging``
    (they are indented by ``hanging``)."""
    return wrap(text, width, size, later_width=width - hanging)


@dataclass(frozen=True)
class Column:
    x: float
    width: float


def line_room(line: Line) -> float:
    """The height ``line`` takes in a column, the space above it included."""
    return line.space_before + line_height(line.size)


def flow(
    page: Page, lines: Sequence[Line], columns: Sequence[Column], top: float, bottom: float
) -> list[Line]:
    """Place ``lines`` down ``columns`` between ``top`` and ``bottom`` (inches from the page's
    top); returns the lines that did not fit."""
    index = 0
    for column in columns:
        y = top
        while index < len(lines):
            line = lines[index]
            needed = line_room(line)
            ahead = index
            while lines[ahead].keep_with_next and ahead + 1 < len(lines):
                ahead += 1
                needed += line_room(lines[ahead])
            if y + needed > bottom:
                break
            y += line.space_before if y > top else 0.0
            page.text(
                column.x + line.indent,
                y,
                line.text,
                size=line.size,
                bold=line.bold,
                color=line.color,
                embedded=line.embedded,
            )
            y += line_height(line.size)
            index += 1
    return list(lines[index:])


def footer(page: Page, left: str, right: str) -> None:
    top = page.height - FOOTER_TOP
    page.text(MARGIN_X, top, left, size=SMALL_SIZE, color=GREY)
    page.text(page.width - MARGIN_X, top, right, size=SMALL_SIZE, color=GREY, align="right")

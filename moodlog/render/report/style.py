"""The report's look: A4 or US Letter portrait, sizes in inches and points, and a
colour-blind-safe palette (Okabe & Ito) in which every series is also told apart by marker,
line style or position, so a greyscale print reads the same."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, cast

PaperName = Literal["a4", "letter"]


@dataclass(frozen=True)
class Paper:
    """A sheet the pages are drawn on, portrait, in inches."""

    name: PaperName
    width: float
    height: float


A4 = Paper("a4", 8.27, 11.69)
LETTER = Paper("letter", 8.5, 11.0)
PAPERS: dict[str, Paper] = {paper.name: paper for paper in (A4, LETTER)}

# Nothing is drawn within half an inch of an edge: what a printer can reach on either paper.
# The page's text and plots keep these margins, each a little inside that blank edge; the
# footer sits below the content, its lowest ink still clear of the blank edge.
BLANK_EDGE = 0.5
MARGIN_X = BLANK_EDGE + 0.1  # left and right: a tick label centred on a plot's end overhangs it
MARGIN_TOP = BLANK_EDGE + 0.05  # the first line's top (its ink starts a little below)
# The footer line's top, from the bottom edge: its small text reaches 0.1 in below that top,
# leaving a tenth of an inch more before the blank edge.
FOOTER_TOP = BLANK_EDGE + 0.2
MARGIN_BOTTOM = FOOTER_TOP + 0.12  # the content's bottom, from the bottom edge: above the footer

# How far below the top of a line of text its baseline sits, in ems: DejaVu Sans's ascender
# (Helvetica's is a little less).
ASCENT = 0.76
KEEP_TOGETHER_LINES = 4  # a list item of up to this many lines is never split across columns

TITLE_SIZE = 14.0
HEADING_SIZE = 9.5
TEXT_SIZE = 8.5
SMALL_SIZE = 7.5
TICK_SIZE = 7.0

INK = "#000000"
GREY = "#595959"
FAINT = "#E6E6E6"

# Okabe-Ito, a palette colour-blind readers tell apart: the colours of it the report uses
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

MOOD_COLOUR = BLUE
ANXIETY_COLOUR = VERMILLION
SLEEP_COLOUR = SKY_BLUE
ELEVATED_COLOUR = ORANGE
DEPRESSED_COLOUR = BLUE
SKILL_COLOUR = GREEN

# The adherence strip: taken a light fill, missed vermillion with a black cross, skipped
# hatched, not logged an empty outlined box (in greyscale: light, mid + cross, hatch, white).
DOSE_STYLES: dict[str, dict[str, Any]] = {
    "taken": {"color": SKY_BLUE, "edgecolor": "none"},
    "missed": {"color": VERMILLION, "edgecolor": "none"},
    "skipped": {"color": "white", "edgecolor": GREY, "hatch": "/////", "linewidth": 0.0},
    "not logged": {"color": "white", "edgecolor": GREY, "linewidth": 0.4},
}

RC: dict[str, Any] = {
    # Text asks for the generic family, so a PDF can be set in Helvetica by changing only
    # font.sans-serif while it is written (STANDARD_FONT below).
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "axes.unicode_minus": False,  # a hyphen-minus, which every font has
    "font.size": TEXT_SIZE,
    "axes.linewidth": 0.6,
    "axes.edgecolor": GREY,
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": TICK_SIZE,
    "ytick.labelsize": TICK_SIZE,
    "xtick.color": GREY,
    "ytick.color": GREY,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "xtick.major.size": 2.0,
    "ytick.major.size": 2.0,
    "xtick.major.width": 0.5,
    "ytick.major.width": 0.5,
    "legend.fontsize": SMALL_SIZE,
    "legend.frameon": False,
    "hatch.linewidth": 0.5,
    "hatch.color": GREY,
    # Type 3 fonts: matplotlib writes them itself, several times faster than subsetting
    # TrueType with fontTools; the text can still be searched and copied (a ToUnicode map).
    "pdf.fonttype": 3,
    "svg.fonttype": "none",
    "path.simplify": True,
}


# Writing a PDF in Helvetica, one of the standard fonts every PDF reader has: no font is
# embedded. Used only when every character of the report is one Helvetica can show.
STANDARD_FONT: dict[str, Any] = {
    "pdf.use14corefonts": True,
    "font.sans-serif": ["Helvetica"],
}


@contextlib.contextmanager
def report_style() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(cast(Any, RC)):
        yield


# --- page 1, above and below its timeline (render/report/page_one.py) -----------------------
MAX_FLAG_LINES = 8  # the flags block's bound: lines of flags under the header, at most
# Key figures' columns: label, this period, previous period (x from the margin, width), inches.
# The previous column is set smaller; a cell too long for its column wraps onto more lines.
# The period's column is wide enough for a medicine's whole adherence line, so the figure a
# provider reads first is one line; the previous period's wraps more often, in smaller type.
KEY_COLUMNS = ((0.0, 1.3), (1.38, 4.1), (5.55, None))  # None: to the right margin
KEY_LINE = 1.12  # a wrapped cell's lines, apart by this many times their size (points)
KEY_ROW_GAP = 0.012  # between two key figures' rows
LIST_GAP = 0.3  # between the two columns of lists under the timeline
LIST_TOP = 0.08  # from the rule under the timeline to the lists

# --- page 1's timeline (render/report/timeline.py) -----------------------------------------
GUTTER = 1.15  # inches left of the panels for their names and row labels
GUTTER_LINE = 0.14  # a line of a panel's name and key in the gutter
PANEL_GAP = 0.07
MAX_TAG_ROWS = 5
MAX_SIGN_ROWS = 3  # warning signs' rows on the strip; more signs share the last row
# A warning sign's episode: a band across its days, outlined, so it reads in greyscale too.
SIGN_BAND: dict[str, Any] = {"facecolor": REDDISH_PURPLE, "edgecolor": INK, "linewidth": 0.5}
MAX_APPOINTMENT_LINES = 12
MAX_RANGE_BARS = 130  # more bars than this (weeks of years) blur into a band: not drawn
FLAG_MARKER = "v"  # a triangle pointing down at the day
LIGHT_LINE = "#CFCFCF"
# Dose-change labels above the panels: rows of this height, each label beside the line of its
# change, which runs up to it; labels that fit on none of the rows are listed under the panels.
LABEL_ROW = 0.14
MAX_LABEL_ROWS = 4
LABEL_GAP = 0.03  # between a label and its line
LABEL_SPACING = 0.08  # between two labels on a row
LABEL_ROWS_PAD = 0.04  # under the label rows, above the panels
LISTED_LINES = 3  # lines of the "Dose changes also" and "Tags also" lists, each
KEY_ROW = 0.16  # a line of the key (legend) or of the lines under it
DATES_ROW = 0.22  # the dates under the last panel
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
STRIP_PAD = 0.04  # the tag strip's height beside its rows
DOSE_ROWS_PAD = 0.08  # the adherence strip's height beside its rows
EMPTY_PANEL = 0.3  # a panel's least height: a line saying "none recorded", or a single row


# The detail pages' measures, inches: each panel is drawn by one function that returns where
# it ended, so a panel's height is worked out only where it is drawn.
SECTION_GAP = 0.18  # between panels
HEADING_GAP = 0.04  # below a panel's heading
PAGE_TITLE_GAP = 0.12  # below a page's title
DOSE_LABEL_WIDTH = 2.9  # a dose row's name, left of its plots
DOSE_ROW = 0.3  # a dose row's least height
PLOT_TITLE_ROOM = 0.2  # above a plot, for its title
TICK_LABEL_ROOM = 0.22  # below a plot, for its date tick labels
HEATMAP_ROW = 0.2  # a row of a heatmap (each scale, each urge)
HEATMAP_GUTTER = 1.5  # left of a heatmap, for its rows' names
KEY_CELL = 0.16  # a shade's swatch in a heatmap's key
QUESTIONNAIRE_PLOT = 1.0
SLEEP_PLOT = 1.3
COVERAGE_PLOT = 0.9
COVERAGE_WIDTH = 4.3  # the coverage plot's, its y labels' room included; the weekday plot beside
PLOT_INDENT = 0.3  # from the margin to a plot's left edge: room for its y tick labels
WEEKDAY_GAP = 0.45  # between the coverage plot and the weekday plot (room for its y labels)
QUESTIONNAIRE_GAP = 0.6  # between the PHQ-9 and GAD-7 plots' columns
# Sleep against mood: the plot (its labels left of it), then the comparisons' text right of it.
SLEEP_PLOT_X = 0.35
SLEEP_PLOT_WIDTH = 2.15
SLEEP_TEXT_X = 2.75
SKILL_NAME_WIDTH = 2.3  # the skills table's first column
DOSE_ROWS_PER_PANEL = 4  # dose rows drawn together, a medicine with more continuing below
NOTES_PER_PANEL = 4  # dose-change comparisons drawn together
DOSE_LABEL_LINE = TICK_SIZE * 1.2 / 72  # a line of a dose row's name: matplotlib's tick spacing
N_SIZE = SMALL_SIZE - 0.5  # the n= beside a spread
BAND_NAME_SIZE = SMALL_SIZE - 1  # a questionnaire band's name, right of its chart

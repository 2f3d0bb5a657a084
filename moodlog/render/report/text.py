"""Measuring and wrapping text for the report's pages, so lines never run into each other or
off the page.

A line may be set in either of two typefaces: Helvetica, one of the PDF standard fonts every PDF
reader has (nothing to embed, and several times faster for matplotlib to write), when it can
show the line; DejaVu Sans, embedded, otherwise and on PNG pages (see
:mod:`moodlog.render.report.fonts`). Widths are measured as the wider of the two for each
character, so one layout fits either.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.ft2font import FT2Font


@functools.cache
def _font(bold: bool) -> FT2Font:
    from matplotlib import font_manager

    properties = font_manager.FontProperties(
        family="DejaVu Sans", weight="bold" if bold else "normal"
    )
    return font_manager.get_font(font_manager.findfont(properties))


@functools.cache
def _standard_font(bold: bool) -> dict[str, float]:
    """Helvetica's advance widths at 1 pt, in inches, for each character it can show in a PDF
    (those of the WinAnsi encoding that its metrics name), from the metrics matplotlib itself
    draws the PDF standard fonts with. Empty when this matplotlib does not ship them: the
    report is then always set in the embedded font."""
    widths: dict[str, float] = {}
    try:  # matplotlib's own font-metrics reader; these modules are not public API
        import matplotlib
        from matplotlib._afm import AFM
        from matplotlib._mathtext_data import uni2type1

        name = "Helvetica-Bold.afm" if bold else "Helvetica.afm"
        path = Path(matplotlib.get_data_path(), "fonts", "pdfcorefonts", name)
        with path.open("rb") as handle:
            metrics = AFM(handle)
        for code in range(32, 256):
            try:
                character = bytes([code]).decode("cp1252")
            except UnicodeDecodeError:
                continue
            glyph = uni2type1.get(ord(character))
            if character.isprintable() and glyph is not None:
                try:
                    widths[character] = metrics.get_width_from_char_name(glyph) / 1000 / 72
                except KeyError:
                    continue
    except (ImportError, OSError, AttributeError, ValueError):
        return {}
    return widths


def standard_font_shows(text: str) -> bool:
    """Whether Helvetica, the PDF standard font, can show every character of ``text`` (line
    breaks split it into lines)."""
    regular, bold = _standard_font(False), _standard_font(True)
    return all(
        character in regular and character in bold for character in text if character != "\n"
    )


STAND_IN = "\u25a1"  # □, drawn for a character no available font has


@functools.cache
def _advance(character: str, bold: bool) -> float:
    """One character's advance at 1 pt, in inches: the wider of DejaVu Sans and Helvetica
    (measured once, then summed: laying out each candidate line through the font costs about a
    millisecond, which adds up)."""
    from matplotlib.ft2font import LoadFlags

    font = _font(bold)
    font.set_size(100, 72)
    if font.get_char_index(ord(character)) == 0:
        # A character DejaVu Sans lacks (Chinese, an emoji) is drawn as a stand-in box.
        character = STAND_IN
    glyph = font.load_char(ord(character), flags=LoadFlags.NO_HINTING)
    dejavu = glyph.linearHoriAdvance / 65536 / 72 / 100  # 16.16 fixed point, in pixels at 72 dpi
    return max(dejavu, _standard_font(bold).get(character, 0.0))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of ``text`` at ``size`` points, in inches (kerning, which only
    narrows a line, is left out: the estimate errs on the safe side)."""
    return size * sum(_advance(character, bold) for character in text)


def line_height(size: float) -> float:
    """The distance between two lines of ``size`` points, in inches."""
    return size * 1.3 / 72


def clean(text: str) -> str:
    """Text as it can be drawn on one line: control characters and line breaks become spaces.
    (Text is drawn with ``parse_math=False``, so a ``$`` stays a dollar sign.)"""
    printable = "".join(
        " " if unicodedata.category(character).startswith("C") else character for character in text
    )
    return " ".join(printable.split())


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` inches (a word longer than a line is
    broken inside, after a hyphen where it has one)."""
    lines: list[str] = []
    current = ""
    for word in clean(text).split(" "):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current, size, bold) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and text_width(current[:cut], size, bold) > width:
                cut -= 1
            hyphen = current.rfind("-", 1, cut)
            if hyphen > 0:  # a hyphenated name breaks after a hyphen where it can
                cut = hyphen + 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines or [""]


def shorten(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` on one line, cut with an ellipsis when wider than ``width`` inches."""
    line = clean(text)
    if text_width(line, size, bold) <= width:
        return line
    while line and text_width(line + "…", size, bold) > width:
        line = line[:-1]
    return line.rstrip() + "…"

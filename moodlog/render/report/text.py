"""Measuring and wrapping text for the report's pages, so lines never run into each other or
off the page. Widths come from the font's own advance widths (the one matplotlib draws with)."""

from __future__ import annotations

import functools
import unicodedata
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
def _advance(character: str, bold: bool) -> float:
    """One character's advance at 1 pt, in inches (measured once, then summed: laying out
    each candidate line through the font costs about a millisecond, which adds up)."""
    font = _font(bold)
    font.set_size(100, 72)
    font.set_text(character, 0.0)
    width, _ = font.get_width_height()
    return width / 64 / 72 / 100


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
    broken inside)."""
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

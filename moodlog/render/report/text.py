"""Measuring, cutting and wrapping text for the report's pages, so lines never run into each
other or off the page, whatever script they are in.

A line may be set in either of two typefaces: Helvetica, one of the PDF standard fonts every PDF
reader has (nothing to embed, and several times faster for matplotlib to write), when it can
show the line; DejaVu Sans, embedded, otherwise and on PNG pages (see
:mod:`moodlog.render.report.fonts`). A character DejaVu Sans lacks (Chinese, an emoji) is drawn
in the first other font on the machine that has it, and one no font has as a visible box
(:data:`STAND_IN`). Each character is measured in the font it is drawn in, and as the wider of
that and Helvetica where Helvetica has it, so one layout fits either typeface.

Only public font machinery is used: matplotlib's font manager and FreeType fonts, and
Helvetica's metrics file that matplotlib ships, read with fontTools.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from moodlog.domain.report import FIRST_STRONG_ISOLATE, POP_ISOLATE, has_right_to_left

if TYPE_CHECKING:
    from matplotlib.ft2font import FT2Font

STAND_IN = "\u25a1"  # □, drawn for a character no available font has
BODY_FONT = "DejaVu Sans"

# How much of a note (or a question) the report shows; the rest is in the journal. About
# eight lines of a list column: enough to read a note, and a note's length costs no more.
SHOWN_LENGTH = 600
CONTINUES = "… (continues in the journal)"

# A piece of a line that is ordered in its own direction (a right-to-left note after its date,
# a medicine's name in Arabic before its dose) is marked by the Unicode isolate marks and drawn
# as a text of its own (see :func:`segments`): matplotlib's PDF writer misplaces the spaces
# around any invisible mark, so no such mark is ever drawn. A person's own format characters
# (joiners, direction marks) are left out of what is drawn; the journal keeps them.
_KEPT_MARKS = frozenset((FIRST_STRONG_ISOLATE, POP_ISOLATE))


def cut(text: str, length: int = SHOWN_LENGTH) -> str:
    """``text`` as the report shows it: whole when it has at most ``length`` characters, else
    its first ``length`` (ended at a space near there when it has one) and a mark that the rest
    is in the journal. Looks at no more than ``length`` characters, so a long note costs no
    more than a short one."""
    if len(text) <= length:
        return text
    head = text[:length]
    space = max(head.rfind(" ", length * 3 // 4), head.rfind("\n", length * 3 // 4))
    if space > 0:
        head = head[:space]
    return f"{head.rstrip()} {CONTINUES}"


def segments(line: str) -> list[str]:
    """A line's pieces, left to right, each to be drawn as a text of its own: the isolated
    parts and the parts between them, without the marks (see :func:`isolate`)."""
    pieces: list[str] = []
    current: list[str] = []
    for character in line:
        if character in _KEPT_MARKS:
            if current:
                pieces.append("".join(current))
            current = []
        else:
            current.append(character)
    if current:
        pieces.append("".join(current))
    return pieces


def _balanced(lines: list[str]) -> list[str]:
    """Wrapped lines in which an isolated piece broken across lines is closed at the end of
    each line and opened again at the start of the next."""
    inside = False
    balanced: list[str] = []
    for line in lines:
        opened = inside
        for character in line:
            if character == FIRST_STRONG_ISOLATE:
                inside = True
            elif character == POP_ISOLATE:
                inside = False
        start = FIRST_STRONG_ISOLATE if opened else ""
        end = POP_ISOLATE if inside else ""
        balanced.append(f"{start}{line}{end}")
    return balanced


@functools.cache
def _font_file(family: str, bold: bool) -> str | None:
    """The file matplotlib draws ``family`` from at that weight; None if it finds none."""
    from matplotlib import font_manager

    properties = font_manager.FontProperties(family=family, weight="bold" if bold else "normal")
    # Its notes on the way (a family not installed, a weight taken from the nearest) are
    # answers here, not problems for the person to see.
    log = logging.getLogger("matplotlib.font_manager")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        return str(font_manager.findfont(properties, fallback_to_default=False))
    except ValueError:
        return None
    finally:
        log.setLevel(level)


@functools.cache
def _open(path: str) -> FT2Font:
    from matplotlib import font_manager

    return font_manager.get_font(path)


@functools.cache
def _other_families() -> tuple[str, ...]:
    """Every other font family on the machine, in the order one is looked for a character
    DejaVu Sans lacks: the families the style names first, then the rest by name. matplotlib's
    own last-resort font is left out: a character only it has is drawn as :data:`STAND_IN`."""
    import matplotlib
    from matplotlib import font_manager

    named = [
        family
        for key in ("font.sans-serif", "font.serif", "font.monospace")
        for family in matplotlib.rcParams[key]
    ]
    on_machine = sorted({entry.name for entry in font_manager.fontManager.ttflist})
    # (a list, so the named families keep their order)
    ordered: list[str] = []
    for family in [*named, *on_machine]:
        if (
            family in on_machine  # not a generic name, nor one this machine does not have
            and family not in ordered
            and family != BODY_FONT
            and not family.startswith("Last Resort")
        ):
            ordered.append(family)
    return tuple(ordered)


@functools.cache
def fallback_family(character: str, bold: bool) -> str | None:
    """The font family a character DejaVu Sans lacks is drawn in: the first on the machine
    that has it; None when no font has it (it is then drawn as :data:`STAND_IN`). Looked up
    once per character, only for those DejaVu Sans lacks."""
    code = ord(character)
    for family in _other_families():
        path = _font_file(family, bold)
        if path is not None and _open(path).get_char_index(code) != 0:
            return family
    return None


def _body_font(bold: bool) -> FT2Font:
    path = _font_file(BODY_FONT, bold)
    assert path is not None, "matplotlib ships DejaVu Sans"
    return _open(path)


def drawn_families(text: str) -> list[str]:
    """The font families, after DejaVu Sans, that draw some character of ``text`` (regular or
    bold), in the order they are looked in: matplotlib, taking each character from the first
    family of the list that has it, then picks the font it was measured in."""
    needed: set[str | None] = set()
    for character in set(text) - _KEPT_MARKS:
        for bold in (False, True):
            if _body_font(bold).get_char_index(ord(character)) == 0:
                needed.add(fallback_family(character, bold))
    return [family for family in _other_families() if family in needed]


@functools.cache
def _standard_font(bold: bool) -> dict[str, float]:
    """Helvetica's advance widths at 1 pt, in inches, for each character it can show in a PDF
    (those of the WinAnsi encoding that its metrics name), from the metrics file matplotlib
    writes the PDF standard fonts with. Empty when this matplotlib does not ship it: the
    report is then always set in the embedded font."""
    import matplotlib
    from fontTools.afmLib import AFM
    from fontTools.agl import UV2AGL

    name = "Helvetica-Bold.afm" if bold else "Helvetica.afm"
    try:
        metrics = AFM(str(Path(matplotlib.get_data_path(), "fonts", "pdfcorefonts", name)))
    except (OSError, ValueError):
        return {}
    widths: dict[str, float] = {}
    for code in range(32, 256):
        try:
            character = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        glyph = UV2AGL.get(ord(character))
        if character.isprintable() and glyph is not None and metrics.has_char(glyph):
            widths[character] = metrics[glyph][1] / 1000 / 72
    return widths


def standard_font_shows(text: str) -> bool:
    """Whether Helvetica, the PDF standard font, can show every character of ``text`` (line
    breaks split it into lines)."""
    regular, bold = _standard_font(False), _standard_font(True)
    return all(
        character in regular and character in bold for character in text if character != "\n"
    )


@functools.cache
def _advance(character: str, bold: bool) -> float:
    """One character's advance at 1 pt, in inches, in the font it is drawn in (the wider of
    that and Helvetica where Helvetica has it). Measured once, then summed: laying out each
    candidate line through the font would cost about a millisecond a line."""
    from matplotlib.ft2font import LoadFlags

    if character in _KEPT_MARKS:
        return 0.0
    font = _body_font(bold)
    code = ord(character)
    if font.get_char_index(code) == 0:
        family = fallback_family(character, bold)
        path = _font_file(family, bold) if family is not None else None
        if path is None:
            code = ord(STAND_IN)
        else:
            font = _open(path)
    font.set_size(100, 72)
    glyph = font.load_char(code, flags=LoadFlags.NO_HINTING)
    drawn = glyph.linearHoriAdvance / 65536 / 72 / 100  # 16.16 fixed point, pixels at 72 dpi
    return max(drawn, _standard_font(bold).get(character, 0.0))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of ``text`` at ``size`` points, in inches (kerning, which only
    narrows a line, is left out: the estimate errs on the safe side)."""
    return size * sum(_advance(character, bold) for character in text)


def piece_width(text: str, size: float, bold: bool = False) -> float:
    """As :func:`text_width`, but a piece in a right-to-left script is measured as it is
    drawn, shaped: Arabic letters joined are narrower than each alone. Used to place the
    pieces of a line (see :func:`segments`) one after the other."""
    from matplotlib.ft2font import LoadFlags

    font = _body_font(bold)
    if not has_right_to_left(text) or any(
        font.get_char_index(ord(character)) == 0 for character in text
    ):
        return text_width(text, size, bold)
    font.set_size(size, 72)
    font.set_text(text, 0.0, flags=LoadFlags.NO_HINTING)
    return float(font.get_width_height()[0]) / 64 / 72  # 26.6 fixed point, pixels at 72 dpi


def line_height(size: float) -> float:
    """The distance between two lines of ``size`` points, in inches."""
    return size * 1.3 / 72


def _drawable(character: str) -> str:
    category = unicodedata.category(character)
    if character in _KEPT_MARKS:
        return character
    if category == "Cc":  # a line break, a tab
        return " "
    if category == "Cf":  # drawn as nothing, and misplaces spaces in a PDF
        return ""
    if category == "Cs":  # half of a pair that never met: not text
        return STAND_IN
    if _body_font(False).get_char_index(ord(character)) != 0:
        return character
    return character if fallback_family(character, False) is not None else STAND_IN


def clean(text: str) -> str:
    """Text as it can be drawn on one line: control characters and line breaks become spaces,
    a character no font has the stand-in box. (Text is drawn with ``parse_math=False``, so a
    ``$`` stays a dollar sign.)"""
    return " ".join("".join(map(_drawable, text)).split())


def _break_word(word: str, limits: tuple[float, float], bold: bool) -> tuple[list[str], str, float]:
    """A word wider than a line cut into lines no wider than ``limits`` (at 1 pt: the first
    line's, then the later lines'), after a hyphen where the line has one and what follows it
    fits the next line: the full lines, and the last piece with its width. Each character is
    measured once."""
    lines: list[str] = []
    start = 0
    width = 0.0
    widths: list[float] = []  # of the characters since ``start``
    hyphen = -1  # the last hyphen since ``start`` that a line may end after
    for index, character in enumerate(word):
        advance = _advance(character, bold)
        limit = limits[1] if lines else limits[0]
        if width + advance > limit and index > start:
            cut = index
            if hyphen > start:
                tail = sum(widths[hyphen + 1 - start :])
                # After the hyphen when what follows fits the next line and the line is at
                # least half full (a path of short hyphenated words is not set a word a line).
                if tail + advance <= limits[1] and width - tail >= limit / 2:
                    cut = hyphen + 1
            lines.append(word[start:cut])
            widths = widths[cut - start :]
            width = sum(widths)
            start = cut
            hyphen = -1
        widths.append(advance)
        width += advance
        if character == "-":
            hyphen = index
    return lines, word[start:], width


def wrap(
    text: str, width: float, size: float, bold: bool = False, later_width: float | None = None
) -> list[str]:
    """``text`` broken into lines no wider than ``width`` inches (``later_width`` for the
    second and later lines, when they are indented); a word longer than a line is broken
    inside, after a hyphen where it has one. Each character is measured once, so the time
    taken grows with the text's length, no faster."""
    first = width / size
    later = (width if later_width is None else later_width) / size
    space = _advance(" ", bold)
    lines: list[str] = []
    words: list[str] = []  # the line being filled
    filled = 0.0
    for word in clean(text).split(" "):
        word_width = sum(_advance(character, bold) for character in word)
        limit = later if lines else first
        if words and filled + space + word_width <= limit:
            words.append(word)
            filled += space + word_width
            continue
        room = limit - filled - space
        if words and word_width > later and room >= later / 4:
            # A word longer than any line (a pasted link, a run of letters) begins beside the
            # words before it rather than leaving their line half empty.
            whole, last, filled = _break_word(word, (room, later), bold)
            if whole:
                lines.append(" ".join([*words, whole[0]]))
                lines.extend(whole[1:])
                words = [last]
                continue
        if words:
            lines.append(" ".join(words))
            limit = later
        if word_width <= limit:
            words, filled = [word], word_width
            continue
        whole, last, filled = _break_word(word, (limit, later), bold)
        lines.extend(whole)
        words = [last]
    if words and any(words):
        lines.append(" ".join(words))
    if not lines:
        return [""]
    return _balanced(lines) if FIRST_STRONG_ISOLATE in text else lines


def shorten(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` on one line, cut with an ellipsis when wider than ``width`` inches."""
    line = clean(cut(text))
    limit = width / size
    room = limit - _advance("…", bold)
    used = 0.0
    fits = 0  # how many characters fit before an ellipsis
    for index, character in enumerate(line):
        used += _advance(character, bold)
        if used > limit:
            return line[:fits].rstrip() + "…"
        if used <= room:
            fits = index + 1
    return line

"""Text the PDF standard font cannot show.

A report's PDF is set in Helvetica, one of the standard fonts every PDF reader has, when
Helvetica can show its characters (see :mod:`moodlog.render.report.text`). A line it cannot
show (an arrow, a note in Greek, Hebrew or Chinese, an emoji) is drawn as
:class:`EmbeddedFontText`: in DejaVu Sans, embedded in the file, whatever the rest of the page
is set in, and each character DejaVu Sans lacks in the font it was measured in. This module
imports matplotlib; it is loaded only to draw.
"""

from __future__ import annotations

from typing import Any

import matplotlib
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Text

from moodlog.render.report.text import BODY_FONT, drawn_families


def embedded_families(text: str) -> list[str]:
    """The families ``text`` is drawn in: DejaVu Sans, then the fonts on the machine that have
    the characters it lacks (matplotlib takes each character from the first of the list that
    has it)."""
    return [BODY_FONT, *drawn_families(text)]


class EmbeddedFontText(Text):
    """A line of text drawn in DejaVu Sans, embedded, even on a page set in Helvetica."""

    def __init__(self, x: float, y: float, text: str, **kwargs: Any) -> None:
        super().__init__(x, y, text, **kwargs)
        self.set_fontfamily(embedded_families(text))

    def draw(self, renderer: RendererBase) -> None:
        with matplotlib.rc_context({"pdf.use14corefonts": False}):
            super().draw(renderer)

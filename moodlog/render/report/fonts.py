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


def embedded_font(text: str) -> dict[str, Any]:
    """The settings that draw ``text`` in DejaVu Sans, embedded, with the fonts on the machine
    that have the characters it lacks after it."""
    return {"pdf.use14corefonts": False, "font.sans-serif": [BODY_FONT, *drawn_families(text)]}


class EmbeddedFontText(Text):
    """A line of text drawn in DejaVu Sans, embedded, even on a page set in Helvetica."""

    def draw(self, renderer: RendererBase) -> None:
        with matplotlib.rc_context(embedded_font(self.get_text())):  # type: ignore[arg-type]
            super().draw(renderer)

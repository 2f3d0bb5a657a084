"""The provider report as pages: :func:`render_report` draws them from an analysed
:class:`~moodlog.analysis.report.Report`; :func:`save_report` writes them, the one place a
report file is written. matplotlib is imported inside the functions that draw."""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from moodlog.analysis.report import Report
from moodlog.render.report.style import A4, Paper
from moodlog.storage.files import write_private_file
from moodlog.storage.targets import check_target

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.text import Text

ReportFormat = Literal["pdf", "png"]
PNG_DPI = 150


def render_report(report: Report, paper: Paper = A4) -> list[Figure]:
    """Every page of the report on ``paper``: page 1, the warning signs and their plans (when
    the person has any), the detail pages, then any list that did not fit on page 1."""
    import warnings

    from moodlog.domain.dates import period_text
    from moodlog.render.report.details import detail_pages
    from moodlog.render.report.layout import footer
    from moodlog.render.report.page_one import page_one
    from moodlog.render.report.style import report_style
    from moodlog.render.report.warning_signs import plan_pages

    with report_style(), warnings.catch_warnings():
        # A character the font lacks (an emoji in a note) is drawn as a box, not an error.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        first, rest = page_one(report, paper)
        plans = plan_pages(report.warning_signs, report.header.period, paper)
        pages = [first, *plans, *detail_pages(report, rest, paper)]
        period = period_text(report.header.period)
        for number, page in enumerate(pages, 1):
            footer(
                page,
                f"moodlog report · {period} · a record kept by the person, not a diagnosis",
                f"page {number} of {len(pages)}",
            )
        return [page.figure for page in pages]


def _texts(page: Figure) -> Iterator[Text]:
    """Every piece of text on ``page`` that is to be set in the page's typeface (not those
    drawn in the embedded font whatever the page's), tick labels included: matplotlib fills
    those in only when asked."""
    from matplotlib.text import Text

    from moodlog.render.report.fonts import EmbeddedFontText

    for axes in page.axes:
        axes.get_xticklabels()
        axes.get_yticklabels()
    for artist in page.findobj(Text):
        if not isinstance(artist, EmbeddedFontText):
            yield artist


class _SameFontQuietly(logging.Filter):
    """matplotlib notes that Helvetica's metrics call its regular weight "medium"; that is the
    font asked for, so the note is not passed on to the person."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("findfont: Failed to find font weight")


@contextlib.contextmanager
def _typeface(pages: Sequence[Figure], pdf: bool) -> Iterator[None]:
    """For a PDF, Helvetica, the PDF standard font, when it can show every line of the report
    that is not drawn in the embedded font anyway (:mod:`moodlog.render.report.fonts`).
    Otherwise (and on PNG pages) DejaVu Sans, embedded, throughout (a medicine's name in Greek
    on an axis, say), with the fonts on the machine that have the characters it lacks."""
    import matplotlib

    from moodlog.render.report.fonts import embedded_families
    from moodlog.render.report.style import STANDARD_FONT
    from moodlog.render.report.text import standard_font_shows

    texts = [artist for page in pages for artist in _texts(page)]
    if not pdf or not all(standard_font_shows(artist.get_text()) for artist in texts):
        # Each text whose characters DejaVu Sans lacks lists the fonts that have them.
        for artist in texts:
            families = embedded_families(artist.get_text())
            if len(families) > 1:
                artist.set_fontfamily(families)
        yield
        return
    quiet = _SameFontQuietly()
    log = logging.getLogger("matplotlib.font_manager")
    log.addFilter(quiet)
    try:
        with matplotlib.rc_context(cast(Any, STANDARD_FONT)):
            yield
    finally:
        log.removeFilter(quiet)


def load_drawing() -> None:
    """Import everything drawing and writing a report needs (pandas, matplotlib and its PDF
    writer, moodlog's analysis and pages) ahead of the work: `moodlog report` does this in its
    drawing process while the journal is read."""
    import matplotlib.backends.backend_pdf  # noqa: F401  (it loads Agg too, for PNG pages)
    import pandas  # noqa: F401

    import moodlog.render.report.details
    import moodlog.render.report.page_one  # noqa: F401
    from moodlog.render.report.text import text_width

    text_width("0", 8, bold=False)  # loads both typefaces' metrics
    text_width("0", 8, bold=True)


def save_report(
    pages: Sequence[Figure], path: Path, fmt: ReportFormat, journal: Path | None = None
) -> list[Path]:
    """Write the pages atomically as 0600 files: one PDF at ``path``, or one PNG per page
    (``NAME-1.png``, ``NAME-2.png``, …). Returns the paths written. With ``journal``, every
    file is first checked to be one moodlog may write (:mod:`moodlog.storage.targets`): a
    page's name is known only once the pages are drawn."""
    targets = [path]
    if fmt == "png":
        targets = [path.with_name(f"{path.stem}-{n}.png") for n in range(1, len(pages) + 1)]
    if journal is not None:
        for target in targets:
            check_target(target, journal, "the report's file", str(target))
    import warnings

    from moodlog.render.report.style import report_style

    written: list[Path] = []
    with report_style(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        if fmt == "pdf":
            from matplotlib.backends.backend_pdf import PdfPages

            buffer = io.BytesIO()
            with (
                _typeface(pages, pdf=True),
                PdfPages(buffer, metadata={"Title": "moodlog report", "Creator": "moodlog"}) as pdf,
            ):
                for page in pages:
                    pdf.savefig(page)
            write_private_file(path, buffer.getvalue())
            written.append(path)
        else:
            with _typeface(pages, pdf=False):
                try:
                    for page, target in zip(pages, targets, strict=True):
                        buffer = io.BytesIO()
                        page.savefig(buffer, format="png", dpi=PNG_DPI)
                        write_private_file(target, buffer.getvalue())
                        written.append(target)
                except BaseException:
                    # All the pages or none: a report missing its last pages would mislead.
                    for target in written:
                        target.unlink(missing_ok=True)
                    raise
    return written

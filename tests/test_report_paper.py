"""The report's paper: A4 or US Letter, chosen with --paper or by the locale, every page drawn
at that size with nothing within half an inch of an edge."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from moodlog.analysis.report import Report, analyse
from moodlog.domain.dates import day_text, period_text, span_text
from moodlog.domain.days import Period
from moodlog.domain.paper import paper_from_locale
from tests.conftest import Run
from tests.report_data import full_inputs

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from matplotlib.figure import Figure

# 72 pixels an inch, text unhinted: at so few pixels hinting widens small text by up to a
# tenth of an inch, which neither the PDF nor a PNG page at its 150 dpi shows.
DPI = 72
EDGE = 0.5


def demo_report(tmp_path: Path, days: int) -> Report:
    """The demo journal's report over all its ``days``, analysed as `moodlog demo` does."""
    from moodlog.actions.demo import fill_appointments, fill_demo, fill_treatment
    from moodlog.actions.report import ReportRequest, read_inputs
    from moodlog.domain.days import DaySpec
    from moodlog.storage.journal import open_journal

    now = datetime(2026, 12, 1, 20, 0).astimezone()
    today = now.date()
    with open_journal(tmp_path / "moodlog.db") as journal:
        fill_demo(journal, days, today, now)
        fill_treatment(journal, days, today, now)
        fill_appointments(journal, days, today, now)
        first = today - timedelta(days=days - 1)
        inputs = read_inputs(journal, ReportRequest(since=DaySpec.on(first)), now)
    return analyse(inputs)


def sparse_report() -> Report:
    """A month with four entries, no medicines, no skills: a report mostly of empty views."""
    inputs = full_inputs(days=30)
    kept = inputs.entries[::8]
    from dataclasses import replace

    return analyse(replace(inputs, entries=kept))


def pixels(figure: Figure) -> npt.NDArray[np.bool_]:
    """Where ``figure`` drawn at DPI has ink: any pixel not white, rows from the top."""
    import io

    import matplotlib
    import numpy as np

    from moodlog.render.report.style import report_style

    buffer = io.BytesIO()
    with report_style(), matplotlib.rc_context({"text.hinting": "none"}):
        figure.savefig(buffer, format="rgba", dpi=DPI)
    width, height = (int(inches * DPI) for inches in figure.get_size_inches())
    image = np.frombuffer(buffer.getvalue(), dtype=np.uint8).reshape(height, width, 4)
    return np.asarray((image[:, :, :3] < 250).any(axis=2), dtype=np.bool_)


def marks_near_edges(figure: Figure) -> dict[str, float]:
    """For each edge that has ink within half an inch of it, how near the nearest ink is
    (inches)."""
    import numpy as np

    ink = pixels(figure)
    band = round(EDGE * DPI)
    rows = np.flatnonzero(ink.any(axis=1))
    columns = np.flatnonzero(ink.any(axis=0))
    height, width = ink.shape
    near: dict[str, float] = {}
    if rows.size and rows[0] < band:
        near["top"] = rows[0] / DPI
    if rows.size and rows[-1] >= height - band:
        near["bottom"] = (height - 1 - rows[-1]) / DPI
    if columns.size and columns[0] < band:
        near["left"] = columns[0] / DPI
    if columns.size and columns[-1] >= width - band:
        near["right"] = (width - 1 - columns[-1]) / DPI
    return near


def assert_clear_edges(report: Report) -> None:
    from moodlog.render.report import render_report
    from moodlog.render.report.style import PAPERS

    for name, paper in PAPERS.items():
        pages = render_report(report, paper)
        for number, page in enumerate(pages, 1):
            assert page.get_size_inches() == pytest.approx((paper.width, paper.height))
            assert marks_near_edges(page) == {}, f"{name}, page {number} of {len(pages)}"


def test_a_short_report_leaves_half_an_inch_clear_on_both_papers() -> None:
    assert_clear_edges(analyse(full_inputs(days=30)))


def test_a_sparse_report_leaves_half_an_inch_clear_on_both_papers() -> None:
    assert_clear_edges(sparse_report())


def test_the_90_day_demo_leaves_half_an_inch_clear_on_both_papers(tmp_path: Path) -> None:
    assert_clear_edges(demo_report(tmp_path, 90))


@pytest.mark.slow
def test_ten_years_of_the_demo_leave_half_an_inch_clear_on_both_papers(tmp_path: Path) -> None:
    assert_clear_edges(demo_report(tmp_path, 3650))


def test_the_border_check_sees_a_mark_near_an_edge() -> None:
    from moodlog.render.report.layout import Page
    from moodlog.render.report.style import LETTER

    page = Page(LETTER)
    page.text(page.width - 0.45, 5.0, "x")
    assert set(marks_near_edges(page.figure)) == {"right"}


@pytest.mark.parametrize(
    ("environ", "paper"),
    [
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "fr_CA.utf8"}, "letter"),
        ({"LANG": "es_MX"}, "letter"),
        ({"LANG": "en_PH.UTF-8"}, "letter"),
        ({"LANG": "en_GB.UTF-8"}, "a4"),
        ({"LANG": "de_DE.UTF-8@euro"}, "a4"),
        ({"LANG": "C.UTF-8"}, "a4"),
        ({"LANG": "POSIX"}, "a4"),
        ({}, "a4"),
        # The paper's own locale over the language's; LC_ALL over both.
        ({"LANG": "en_GB.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "letter"),
        ({"LANG": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"}, "a4"),
        ({"LC_ALL": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"}, "letter"),
        ({"LC_ALL": "", "LANG": "en_CA.UTF-8"}, "letter"),
    ],
)
def test_the_paper_follows_the_locale(environ: dict[str, str], paper: str) -> None:
    assert paper_from_locale(environ) == paper


def test_report_writes_the_paper_asked_for(moodlog: Run, tmp_path: Path) -> None:
    from pypdf import PdfReader

    for paper, size in (("letter", (612, 792)), ("a4", (595, 842))):
        folder = tmp_path / paper
        result = moodlog("demo", "--days", "14", "--paper", paper, "--out", str(folder))
        assert result.exit_code == 0, result.output
        (written,) = folder.glob("*.pdf")
        again = moodlog(
            "--db", str(folder / "moodlog.db"), "report", "--last", "14d", "--paper", paper,
            "--out", str(tmp_path / f"again-{paper}.pdf"),
        )  # fmt: skip
        assert again.exit_code == 0, again.output
        for path in (written, tmp_path / f"again-{paper}.pdf"):
            for page in PdfReader(path).pages:
                box = page.mediabox
                assert (round(float(box.width)), round(float(box.height))) == size


def test_the_locale_then_the_paper_setting_choose_the_paper_unless_it_is_given(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_PAPER", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    result = moodlog("demo", "--days", "14", "--out", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    (written,) = (tmp_path / "demo").glob("*.pdf")  # the demo's report follows the locale
    box = PdfReader(written).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    db = str(tmp_path / "demo" / "moodlog.db")

    def size(*paper: str) -> tuple[int, int]:
        out = tmp_path / "r.pdf"
        result = moodlog("--db", db, "report", "--last", "14d", *paper, "--out", str(out))
        assert result.exit_code == 0, result.output
        box = PdfReader(out).pages[0].mediabox
        return round(float(box.width)), round(float(box.height))

    assert moodlog("--db", db, "config", "get", "paper").output.strip() == "locale"
    assert size() == (612, 792)  # the locale's: en_US
    assert moodlog("--db", db, "config", "set", "paper", "A4").exit_code == 0
    assert size() == (595, 842)
    assert size("--paper", "letter") == (612, 792)
    refused = moodlog("--db", db, "config", "set", "paper", "legal")
    assert refused.exit_code == 1
    assert "allowed: a4, letter, or locale" in refused.output


def test_dates_are_worded_one_way() -> None:
    in_2026 = Period(date(2026, 6, 5), date(2026, 12, 1))
    across = Period(date(2025, 12, 1), date(2026, 2, 1))
    assert day_text(date(2026, 11, 2), in_2026) == "2 Nov"
    assert day_text(date(2026, 11, 2), across) == "2 Nov 2026"
    assert day_text(date(2025, 11, 2), in_2026) == "2 Nov 2025"  # before the period's year
    assert period_text(in_2026) == "5 Jun – 1 Dec 2026"
    assert period_text(across) == "1 Dec 2025 – 1 Feb 2026"
    assert span_text(date(2026, 7, 1), date(2026, 7, 9), in_2026) == "1 Jul – 9 Jul"
    assert period_text(Period(date(2026, 3, 4), date(2026, 3, 4))) == "4 Mar 2026"


def page_texts(figure: Figure) -> str:
    from matplotlib.text import Text

    return " ".join(text.get_text() for text in figure.findobj(Text))


def test_the_heatmaps_have_a_key_of_their_shades() -> None:
    from moodlog.render.report import render_report

    inputs = full_inputs(days=30, bipolar=True)  # two scales, and urges
    detail = " ".join(page_texts(page) for page in render_report(analyse(inputs))[1:])
    assert "Lowest of its range" in detail
    assert "highest; white: not recorded." in detail
    assert "Highest urge of each week:" in detail
    assert "0 none to 5 strongest; • acted on; blank: not recorded." in detail


def test_a_four_digit_n_beside_a_dose_is_whole_and_clear_of_the_next_plot() -> None:
    """Ten years on one dose: n=3274 is drawn whole, between its plot and the next."""
    from dataclasses import replace

    from matplotlib.text import Text

    from moodlog.render.report import render_report

    report = analyse(full_inputs(days=30))
    responses = tuple(
        replace(
            response,
            mood=replace(response.mood, n=3274) if response.mood else None,
            anxiety=replace(response.anxiety, n=3274) if response.anxiety else None,
        )
        for response in report.details.dose_response
    )
    report = replace(report, details=replace(report.details, dose_response=responses))
    page = render_report(report)[1]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(page).get_renderer()  # type: ignore[no-untyped-call]
    axes = [ax for ax in page.axes if str(ax.get_label()).startswith("dose ")]
    counts = [t for ax in axes for t in ax.findobj(Text) if t.get_text().startswith("n=")]
    assert counts
    assert all(t.get_text() == "n=3274" for t in counts)
    lefts = sorted({ax.get_window_extent(renderer).x0 for ax in axes})
    right_margin = page.bbox.width - 0.6 * page.dpi
    for text in counts:
        box = text.get_window_extent(renderer)
        nexts = [left for left in lefts if left > box.x0]
        assert box.x1 <= (min(nexts) if nexts else right_margin)


def test_lists_that_do_not_fit_on_page_one_continue_below_the_last_detail_view() -> None:
    from dataclasses import replace

    from moodlog.render.report import render_report

    inputs = full_inputs(days=30)
    entries = list(inputs.entries)
    for entry in entries[-20:]:
        entry.note, entry.note_shared = "A shared note long enough to take two lines " * 2, True
    pages = render_report(analyse(replace(inputs, entries=entries)))
    texts = [page_texts(page) for page in pages]
    continued = [n for n, text in enumerate(texts) if "Page 1 continued: lists" in text]
    assert continued, "the notes should not all fit on page 1"
    # Below the last detail view, on its page, not on a page of its own.
    assert "Logging coverage by week" in texts[continued[0]]


def test_a_year_of_weekly_dose_changes_stays_clear_of_the_edges() -> None:
    from dataclasses import replace

    from moodlog.domain.report import DoseChange, MedicationRecords

    inputs = full_inputs(days=365)
    first = inputs.period.first
    changes = tuple(  # a change every week: far more than the timeline has room to label
        DoseChange(
            "sertraline",
            first + timedelta(days=7 * week),
            f"{50 + week % 2 * 50} mg",
            f"{100 - week % 2 * 50} mg",
            "titration",
        )
        for week in range(52)
    )
    report = analyse(replace(inputs, medication=MedicationRecords(changes=changes)))
    assert_clear_edges(report)
    from moodlog.render.report import render_report

    drawn = page_texts(render_report(report)[0])
    # The changes the timeline could not label are counted there, and listed in full below.
    assert "more, listed under Medication changes" in drawn

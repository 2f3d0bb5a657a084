"""The report's typeface: Helvetica, a PDF standard font (nothing embedded); a line it cannot
show (an arrow, a note in Greek) in DejaVu Sans, embedded; and the whole report in DejaVu Sans
when such text sits where a line of its own is not possible (a medicine's name on an axis).
Either way every character reaches the page as written and the person sees no font messages."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from moodlog.render.report.text import standard_font_shows, text_width
from tests.conftest import run_moodlog_process

GREEK = "Σήμερα καλύτερα, κοιμήθηκα 8 ώρες"
WESTERN = "Café au lait, naïve déjà vu – 3½ hours · “quoted”"


def report_of(tmp_path: Path, note: str, *commands: tuple[str, ...]) -> tuple[Path, str]:
    """A one-day journal through the real entry point, with ``note`` shared (after
    ``commands``); the report's path and what the report command wrote to stderr."""
    env = {"MOODLOG_HOME": str(tmp_path / "home"), "MPLBACKEND": "Agg"}
    for command in commands:
        done = run_moodlog_process(*command, env=env)
        assert done.returncode == 0, done.stderr
    added = run_moodlog_process(
        "add", "--date", "2026-03-02", "--mood", "6", "--note", note, "--share", env=env
    )
    assert added.returncode == 0, added.stderr
    out = tmp_path / "report.pdf"
    result = run_moodlog_process(
        "report", "--since", "2026-03-01", "--until", "2026-03-07", "--out", str(out), env=env
    )
    assert result.returncode == 0, result.stderr
    return out, result.stderr


def fonts(pdf: Path) -> dict[str, Any]:
    """Each font the pages use, by its PDF name, with its font dictionary."""
    found: dict[str, Any] = {}
    for page in PdfReader(pdf).pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        used = resources["/Font"].get_object()
        assert isinstance(used, DictionaryObject)
        for reference in used.values():
            font = reference.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def all_text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)


def test_western_report_is_set_in_the_standard_font_with_nothing_embedded(
    tmp_path: Path,
) -> None:
    pdf, stderr = report_of(tmp_path, WESTERN)
    used = fonts(pdf)
    assert set(used) == {"/Helvetica", "/Helvetica-Bold"}
    assert all(
        font["/Subtype"] == "/Type1" and "/FontDescriptor" not in font for font in used.values()
    )
    assert WESTERN in all_text(pdf)
    assert stderr == ""


def test_a_line_the_standard_font_lacks_is_set_in_the_embedded_font(tmp_path: Path) -> None:
    pdf, stderr = report_of(tmp_path, GREEK)
    used = fonts(pdf)
    assert {"/Helvetica", "/Helvetica-Bold"} <= set(used)
    assert any("DejaVuSans" in name for name in used)  # the note's line
    assert GREEK in all_text(pdf)  # not question marks
    assert stderr == ""


def test_dose_change_keeps_its_arrow(tmp_path: Path) -> None:
    pdf, stderr = report_of(
        tmp_path,
        WESTERN,
        (
            "med",
            "add",
            "sertraline",
            "--dose",
            "50mg",
            "--schedule",
            "morning",
            "--start",
            "2026-02-01",
        ),
        ("med", "change", "sertraline", "--dose", "100mg", "--date", "2026-03-03"),
    )
    text = all_text(pdf)
    assert "sertraline 50→100 mg" in text
    assert WESTERN in text
    assert stderr == ""


def test_a_name_on_an_axis_the_standard_font_lacks_sets_the_whole_report_embedded(
    tmp_path: Path,
) -> None:
    pdf, stderr = report_of(
        tmp_path,
        WESTERN,
        (
            "med",
            "add",
            "σερτραλίνη",
            "--dose",
            "50mg",
            "--schedule",
            "morning",
            "--start",
            "2026-02-01",
        ),
        ("took", "σερτραλίνη", "--date", "2026-03-02"),
    )
    used = fonts(pdf)
    assert used
    assert all("DejaVuSans" in name for name in used)
    assert "σερτραλίνη" in all_text(pdf)
    assert WESTERN in all_text(pdf)
    assert stderr == ""


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("sertraline 50 to 100 mg · 91% taken – 3 missed … “ok”", True),
        ("Größe, Ærø, Straße, ½", True),
        ("sertraline 50→100 mg", False),
        ("😀", False),
        ("Привет", False),
    ],
)
def test_standard_font_shows_western_european_text_only(text: str, shown: bool) -> None:
    assert standard_font_shows(text) is shown


@pytest.mark.parametrize("text", ["JJJJ Jill", "illicit lilt", "WWW MMM", WESTERN])
@pytest.mark.parametrize("bold", [False, True])
def test_measured_width_fits_the_text_in_either_typeface(text: str, bold: bool) -> None:
    """Lines are wrapped and cut by :func:`text_width`: it must never be narrower than the
    text drawn in Helvetica (PDF) or DejaVu Sans (PNG, or a PDF with other scripts)."""
    import matplotlib
    from fontTools.afmLib import AFM
    from fontTools.agl import UV2AGL
    from matplotlib import font_manager
    from matplotlib.ft2font import LoadFlags

    name = "Helvetica-Bold.afm" if bold else "Helvetica.afm"
    metrics = AFM(str(Path(matplotlib.get_data_path(), "fonts", "pdfcorefonts", name)))
    glyphs = [UV2AGL[ord(character)] for character in text]
    # Helvetica's advances and kerning, in thousandths of an em, as a PDF reader sets the line
    helvetica = sum(metrics[glyph][1] for glyph in glyphs) + sum(
        metrics[pair] for pair in itertools.pairwise(glyphs) if metrics.has_kernpair(pair)
    )
    properties = font_manager.FontProperties(
        family="DejaVu Sans", weight="bold" if bold else "normal"
    )
    dejavu = font_manager.get_font(font_manager.findfont(properties))
    dejavu.set_size(10, 72)
    dejavu.set_text(text, 0.0, flags=LoadFlags.NO_HINTING)  # as in a PDF: no pixel grid
    dejavu_width = dejavu.get_width_height()[0] / 64 / 72
    measured = text_width(text, 10, bold)
    assert measured >= helvetica * 10 / 1000 / 72 - 1e-9
    assert measured >= dejavu_width - 0.005  # the ink's box, rounded to whole 64ths


def test_text_no_available_font_has_is_drawn_as_a_stand_in_and_the_report_writes(
    tmp_path: Path,
) -> None:
    # Chinese, Japanese and emoji: DejaVu Sans has none of them, and measuring them used to end
    # the report with "No glyphs have been loaded".
    out, stderr = report_of(
        tmp_path,
        "今日は疲れた 💊🎂 then a walk",
        ("med", "add", "氯硝西泮", "--dose", "1mg", "--start", "2026-03-01"),
        ("ask", "Why 疲れ?"),
    )
    assert stderr == ""
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "then a walk" in text
    assert "started 1 mg" in text
    assert "(noted" in text

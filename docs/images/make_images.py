"""Render the report images used in docs/report.md, as a PDF reader shows the report.

    python docs/images/make_images.py      # needs pdftoppm (Debian: poppler-utils)

report-page-1.png: page 1 of `moodlog demo`'s report (90 days). report-page-1-all-parts.png:
page 1 for a scripted journal with the bipolar preset, medicines and therapy records (the
data of tests/report_data.py), to show every part of the page.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from moodlog.analysis.report import analyse  # noqa: E402
from moodlog.render.report import render_report, save_report  # noqa: E402
from tests.report_data import full_inputs  # noqa: E402

DPI = 110


def page_one_png(pdf: Path, target: Path) -> None:
    """Page 1 of ``pdf`` as a PNG at ``target``, drawn by poppler as a PDF reader would."""
    stem = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-png", "-singlefile", pdf, stem],
        check=True,
    )
    target.write_bytes(stem.with_suffix(".png").read_bytes())


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        subprocess.run(
            [sys.executable, "-m", "moodlog", "demo", "--days", "90", "--out", str(work / "demo")],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        page_one_png(next((work / "demo").glob("moodlog-report-*.pdf")), HERE / "report-page-1.png")
        pages = render_report(analyse(full_inputs(bipolar=True)))
        save_report(pages[:1], work / "all.pdf", "pdf")
        page_one_png(work / "all.pdf", HERE / "report-page-1-all-parts.png")


if __name__ == "__main__":
    main()

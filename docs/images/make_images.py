"""Render the report images used in docs/report.md.

    python docs/images/make_images.py

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


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        subprocess.run(
            [sys.executable, "-m", "moodlog", "demo", "--days", "90", "--out", str(work / "demo")],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        report = next((work / "demo").glob("moodlog-report-*.pdf"))
        subprocess.run(
            [
                sys.executable,
                "-m",
                "moodlog",
                "--db",
                str(work / "demo" / "moodlog.db"),
                "report",
                "--since",
                report.stem.split("-report-")[1][:10],
                "--format",
                "png",
                "--out",
                str(work / "demo.png"),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (HERE / "report-page-1.png").write_bytes((work / "demo-1.png").read_bytes())
        pages = render_report(analyse(full_inputs(bipolar=True)))
        save_report(pages[:1], work / "all.png", "png")
        (HERE / "report-page-1-all-parts.png").write_bytes((work / "all-1.png").read_bytes())


if __name__ == "__main__":
    main()

"""A long period drawn honestly: weeks of missed doses apart from weeks not logged, a key for
every shade, dose-change labels with their years and tied to their lines, and the latest dose
change on page 1."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.text import Text
from pypdf import PdfReader

from moodlog.analysis.report import ReportInputs, analyse
from moodlog.domain.days import Period
from moodlog.domain.report import DoseChange, DoseOutcome, DoseStatus, MedicationRecords
from moodlog.render.report import render_report
from moodlog.render.report.style import DOSE_STYLES
from tests.conftest import Run
from tests.report_data import full_inputs

FIRST = date(2024, 1, 1)  # a Monday
PERIOD = Period(FIRST, FIRST + timedelta(days=3 * 7 * 10 - 1))  # 30 weeks: drawn by week


def _weeks_of_doses() -> MedicationRecords:
    """Weeks 0-9 taken every day, weeks 10-19 missed every day, weeks 20-29 not logged."""
    statuses: tuple[DoseStatus, ...] = ("taken", "missed", "not logged")
    doses = [
        DoseOutcome("sertraline", FIRST + timedelta(days=day), statuses[day // 70], "morning")
        for day in range(PERIOD.days)
    ]
    return MedicationRecords(doses=tuple(doses))


def _long_inputs(
    medication: MedicationRecords | None = None, period: Period = PERIOD
) -> ReportInputs:
    inputs = full_inputs(days=200)
    return replace(inputs, period=period, medication=medication or _weeks_of_doses())


def test_weeks_of_missed_doses_are_drawn_apart_from_weeks_not_logged() -> None:
    report = analyse(_long_inputs())
    assert report.header.weekly
    strip = report.timeline.adherence[0]
    assert strip.shares is not None
    # (taken, missed, skipped, not logged) shares of each week's 7 doses, worked out by hand
    assert strip.shares[0].tolist() == [1, 0, 0, 0]
    assert strip.shares[10].tolist() == [0, 1, 0, 0]
    assert strip.shares[20].tolist() == [0, 0, 0, 1]
    figure = render_report(report)[0]
    doses = next(ax for ax in figure.axes if ax.get_label() == "adherence")

    def drawn_at(week: int) -> tuple[tuple[float, ...], float]:
        """The fill colour and outline width of what is drawn in the middle of ``week``."""
        middle = (float(strip.positions[week]), 0.0)  # the medicine's row is row 0
        found = [patch for patch in doses.patches if patch.get_path().contains_point(middle)]
        assert len(found) == 1, f"week {week}: {len(found)} shapes"
        return tuple(np.round(to_rgba(found[0].get_facecolor()), 3)), found[0].get_linewidth()

    def colour(status: str) -> tuple[float, ...]:
        return tuple(np.round(to_rgba(DOSE_STYLES[status]["color"]), 3))

    assert drawn_at(0)[0] == colour("taken")
    assert drawn_at(10)[0] == colour("missed")  # vermillion
    assert drawn_at(20) == (colour("not logged"), DOSE_STYLES["not logged"]["linewidth"])
    assert colour("missed") != colour("not logged")
    key = [text.get_text() for legend in figure.legends for text in legend.get_texts()]
    assert "missed" in key
    assert "not logged" in key


def test_dose_change_labels_carry_years_and_a_line_up_to_them() -> None:
    changes = (
        DoseChange("sertraline", date(2024, 2, 5), "50 mg", "100 mg"),
        DoseChange("sertraline", date(2024, 5, 6), "morning", "morning", dose="100 mg"),
    )
    moved = DoseChange("sertraline", date(2024, 6, 3), "morning", "evening", dose="100 mg")
    medication = replace(_weeks_of_doses(), changes=(*changes, moved))
    period = Period(date(2023, 12, 1), PERIOD.last)  # two calendar years
    report = analyse(_long_inputs(medication=medication, period=period))
    figure = render_report(report)[0]
    texts = [text.get_text() for text in figure.findobj(Text)]
    shown = " ".join(texts)
    # Each change with its year: as a label above the panels, or on the line under them.
    for text in (
        "sertraline 50→100 mg (5 Feb 2024)",
        "sertraline 100 mg morning: unchanged (6 May 2024)",
        "sertraline 100 mg: morning → evening (3 Jun 2024)",
    ):
        assert text in shown
    # The latest is a label, and its line runs up to it from the panels.
    assert "sertraline 100 mg: morning → evening (3 Jun 2024)" in texts
    labels = next(ax for ax in figure.axes if ax.get_label() == "dose change labels")
    lines = [
        float(segment[0][0])
        for collection in labels.collections
        if isinstance(collection, LineCollection)
        for segment in collection.get_segments()
    ]
    assert float((date(2024, 6, 3) - period.first).days) in lines


def test_ten_year_demo_keeps_its_latest_dose_change_on_page_one(
    moodlog: Run, tmp_path: Path
) -> None:
    result = moodlog("demo", "--days", "3650", "--out", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    reader = PdfReader(next((tmp_path / "demo").glob("moodlog-report-*.pdf")))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Medication changes, latest first" in first
    # The demo's changes: up on day 730 of 3650 (a fifth of the way in), then every 400 days:
    # the last on day 730 + 7 x 400 = 3530, its eighth, from 100 to 150 mg.
    last_day = date(2026, 12, 1) - timedelta(days=3649) + timedelta(days=3530)
    assert f"{last_day.day} {last_day:%b} {last_day.year} sertraline 100→150 mg" in first
    rest = " ".join(" ".join(page.extract_text().split()) for page in reader.pages[1:])
    assert "Medication changes, latest first (continued)" in rest
    assert "100→100" not in first + rest


def test_tags_without_a_row_are_listed_whole_under_the_key() -> None:
    inputs = full_inputs(days=60)
    names = [f"event-number-{number:02d}" for number in range(14)]
    entries = list(inputs.entries)
    in_period = [index for index, entry in enumerate(entries) if entry.day in inputs.period]
    for index, name in zip(in_period, names, strict=False):  # each tag on a day of its own
        entries[index] = replace(entries[index], tags=[name])
    report = analyse(replace(inputs, entries=tuple(entries)))
    figure = render_report(report)[0]
    drawn = " ".join(text.get_text() for text in figure.findobj(Text))
    rows = [name for name in names if name in drawn.split("Tags also:")[0]]
    also = drawn.split("Tags also:")[1]
    # Every tag is named, on a row of its own or on the "Tags also" lines, none cut short.
    assert sorted(rows + [name for name in names if f"{name} (1 d)" in also]) == names
    assert "…" not in also

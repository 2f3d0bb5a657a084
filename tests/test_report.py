"""`moodlog report`: the provider report, read back from the PDF and from its figures."""

from __future__ import annotations

import math
import os
import stat
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader

from moodlog.analysis.report import analyse
from moodlog.domain.appointments import Appointment, report_period
from moodlog.domain.days import Period
from moodlog.render.report import render_report, save_report
from tests.conftest import Run, run_moodlog_process
from tests.report_data import GENERATED, entry, full_inputs

MARCH = ("--since", "2025-03-01", "--until", "2025-03-05")


def page_text(path: Path, page: int = 0) -> str:
    return " ".join(PdfReader(path).pages[page].extract_text().split())


def scripted_week(moodlog: Run) -> None:
    """Four logged days of five: 2025-03-01 has two entries (4 and 6, a day mean of 5), then 7,
    nothing on the 3rd, 3, 7. Mean mood = mean of the day means = (5 + 7 + 3 + 7) / 4 = 5.5
    (the mean of the five entries would be 5.4)."""
    for day, mood in (
        ("2025-03-01", "4"),
        ("2025-03-01", "6"),
        ("2025-03-02", "7"),
        ("2025-03-04", "3"),
        ("2025-03-05", "7"),
    ):
        result = moodlog("add", "--date", day, "--mood", mood, "--anxiety", "3", "--sleep", "7")
        assert result.exit_code == 0, result.output
    moodlog("add", "--date", "2025-03-02", "--note", "Told my sister how I feel", "--share")
    moodlog("add", "--date", "2025-03-04", "--note", "Nobody should read this one")


def write_report(moodlog: Run, out: Path, *options: str) -> Path:
    result = moodlog("report", *MARCH, "--out", str(out), *options)
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output
    return out


def test_first_page_shows_period_days_logged_and_mean_mood(moodlog: Run, tmp_path: Path) -> None:
    scripted_week(moodlog)
    moodlog("ask", "Is it the new job or the medicine?")
    text = page_text(write_report(moodlog, tmp_path / "report.pdf"))
    assert "1 Mar – 5 Mar 2025" in text
    assert "4 of 5 days" in text
    assert "Mood (0-10) 5.5 mean of 4 days" in text
    assert "Is it the new job or the medicine?" in text


def test_shared_note_is_on_the_report_and_private_note_is_not(moodlog: Run, tmp_path: Path) -> None:
    scripted_week(moodlog)
    text = page_text(write_report(moodlog, tmp_path / "report.pdf"))
    assert "Told my sister how I feel" in text
    assert "Nobody should read this one" not in text
    full = "".join(page.extract_text() for page in PdfReader(tmp_path / "report.pdf").pages)
    assert "Nobody should read" not in full


def test_include_notes_prints_private_notes_marked_as_private(moodlog: Run, tmp_path: Path) -> None:
    scripted_week(moodlog)
    text = page_text(write_report(moodlog, tmp_path / "report.pdf", "--include-notes"))
    assert "[private] Nobody should read this one" in text
    assert "Private notes are included" in text


def test_question_marked_done_leaves_the_report(moodlog: Run, tmp_path: Path) -> None:
    scripted_week(moodlog)
    moodlog("ask", "Should I take it in the morning?")
    moodlog("ask", "--done", "1")
    text = page_text(write_report(moodlog, tmp_path / "report.pdf"))
    assert "Should I take it in the morning?" not in text


def test_report_file_is_private_and_its_path_printed(moodlog: Run, tmp_path: Path) -> None:
    scripted_week(moodlog)
    out = write_report(moodlog, tmp_path / "report.pdf")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_default_file_name_is_in_the_current_folder(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripted_week(moodlog)
    monkeypatch.chdir(tmp_path)
    result = moodlog("report", *MARCH)
    assert result.exit_code == 0, result.output
    expected = tmp_path / "moodlog-report-2025-03-01-2025-03-05.pdf"
    assert expected.exists()
    assert str(expected) in result.output


def test_out_folder_gets_the_default_name(moodlog: Run, tmp_path: Path) -> None:
    scripted_week(moodlog)
    result = moodlog("report", *MARCH, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "moodlog-report-2025-03-01-2025-03-05.pdf").exists()


def test_png_format_writes_one_file_per_page(moodlog: Run, tmp_path: Path) -> None:
    scripted_week(moodlog)
    result = moodlog("report", *MARCH, "--format", "png", "--out", str(tmp_path / "r.png"))
    assert result.exit_code == 0, result.output
    pages = sorted(tmp_path.glob("r-*.png"))
    assert [page.name for page in pages] == ["r-1.png", "r-2.png"]
    for page in pages:
        assert page.read_bytes().startswith(b"\x89PNG")
        assert stat.S_IMODE(os.stat(page).st_mode) == 0o600


def test_unknown_format_names_what_is_allowed(moodlog: Run, tmp_path: Path) -> None:
    scripted_week(moodlog)
    result = moodlog("report", *MARCH, "--format", "docx")
    assert result.exit_code == 1
    assert "allowed: pdf, png" in result.output


def test_period_with_no_data_is_a_clear_message_and_no_file(moodlog: Run, tmp_path: Path) -> None:
    scripted_week(moodlog)
    out = tmp_path / "empty.pdf"
    result = moodlog("report", "--since", "2024-01-01", "--until", "2024-01-31", "--out", str(out))
    assert result.exit_code == 1
    assert "nothing recorded from 2024-01-01 to 2024-01-31" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_report_starts_at_the_last_appointment_by_default(moodlog: Run, tmp_path: Path) -> None:
    today = date.today()
    for back in range(40):
        moodlog("add", "--date", (today - timedelta(days=back)).isoformat(), "--mood", "5")
    visit = today - timedelta(days=20)
    moodlog("appointment", "add", visit.isoformat(), "--with", "Dr Rao")
    result = moodlog("report", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    # In the report's one date style, e.g. "since the appointment on 11 Nov 2026 with Dr Rao"
    words = f"{visit.day} {visit:%b} {visit.year}"
    assert f"since the appointment on {words} with Dr Rao" in result.output


def test_since_appointment_without_one_says_what_to_do(moodlog: Run) -> None:
    moodlog("add", "--mood", "5")
    result = moodlog("report", "--since-appointment")
    assert result.exit_code == 1
    assert "no appointment is recorded" in result.output


def test_last_and_since_appointment_exclude_each_other(moodlog: Run) -> None:
    result = moodlog("report", "--last", "30d", "--since-appointment")
    assert result.exit_code == 1
    assert "use one of" in result.output


def test_period_choice_without_appointments_is_the_last_30_days() -> None:
    today = date(2025, 3, 31)
    period, reason = report_period(today, [], None, None, None, False)
    assert period == Period(date(2025, 3, 2), today)
    assert "30 days" in reason
    visit = [Appointment(date(2025, 3, 10), "Dr Rao", GENERATED, 1)]
    period, reason = report_period(today, visit, None, None, None, False)
    assert period == Period(date(2025, 3, 10), today)


# --- the medication and therapy parts, fed plain data -------------------------------------


@pytest.fixture
def full_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "full.pdf"
    save_report(render_report(analyse(full_inputs())), path, "pdf")
    return path


def test_first_page_shows_each_medicines_adherence(full_pdf: Path) -> None:
    text = page_text(full_pdf)
    # This period: 26 taken of 29 due = 90%, 26 of the 28 taken or missed = 93%; the one
    # before: 25 of 30 = 83%, 25 of 27 = 93%.
    this = "90% · 26 taken, 2 missed, 1 not logged, 1 skipped · 93% of logged"
    before = "83% · 25 taken, 2 missed, 3 not logged · 93% of logged"
    assert f"sertraline {this} {before}" in text
    assert "lorazepam PRN 2 uses" in text


def test_first_page_labels_the_dose_change(full_pdf: Path) -> None:
    text = page_text(full_pdf)
    assert "sertraline 50→100 mg" in text
    assert "20 Jan sertraline 50→100 mg (still low)" in text


def test_first_page_shows_latest_phq9_band_and_gad7(full_pdf: Path) -> None:
    """One PHQ-9 in the period (12, difficulty 1) and one in the period before (16); one
    GAD-7, with no difficulty answer."""
    text = page_text(full_pdf)
    assert (
        "PHQ-9 12 moderate (26 Jan) · somewhat difficult 16 moderately severe (17 Dec 2024)"
    ) in text
    assert "GAD-7 8 mild (26 Jan)" in text


def test_first_page_lists_side_effects_safety_flags_and_questions(full_pdf: Path) -> None:
    text = page_text(full_pdf)
    assert "new: nausea, severity 2 of 3, sertraline" in text
    assert "26 Jan self-harm urge 3 of 5" in text
    assert "Is 100 mg the right dose?" in text
    assert "Slept badly before the exam" in text
    assert "My private thought" not in text


def test_dose_against_response_comes_first_in_the_detail(full_pdf: Path) -> None:
    text = page_text(full_pdf, 1)
    assert text.index("Dose against response") < text.index("Each scale over time")
    assert "an observation, not proof" in text.lower()


def test_questionnaire_charts_are_drawn_on_the_published_bands(full_pdf: Path) -> None:
    pages = PdfReader(full_pdf).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages[1:])
    assert "PHQ-9 and GAD-7 over time, on their published bands" in text
    for band in ("minimal", "mild", "moderate", "mod. severe", "severe"):
        assert band in text


def test_missed_dose_shows_on_adherence_strip() -> None:
    report = analyse(full_inputs())
    strip = report.timeline.adherence[0]
    by_position = dict(zip(strip.positions, strip.statuses, strict=True))
    assert by_position[3.0] == "missed"
    assert by_position[9.0] == "skipped"
    assert by_position[25.0] == "not logged"
    assert by_position[0.0] == "taken"
    figure = render_report(report)[0]
    assert any(ax.get_label() == "adherence" for ax in figure.axes)


def test_panels_say_so_when_nothing_is_recorded() -> None:
    inputs = full_inputs()
    empty = type(inputs)(period=inputs.period, generated=inputs.generated, entries=inputs.entries)
    figure = render_report(analyse(empty))[0]
    panels = {ax.get_label() for ax in figure.axes}
    assert {"mood", "sleep"} <= panels
    assert not {"adherence", "therapy"} & panels
    texts = [text.get_text() for text in figure.texts]
    assert "No medicines recorded" in texts
    assert "No therapy skills or sessions recorded" in texts


# --- the figures --------------------------------------------------------------------------


def test_timeline_panels_share_the_period_dates() -> None:
    figure = render_report(analyse(full_inputs()))[0]
    panels = {ax.get_label(): ax for ax in figure.axes}
    assert {"mood", "sleep", "adherence", "therapy", "tags"} <= set(panels)
    assert "life chart" not in panels
    limits = {panels[name].get_xlim() for name in ("mood", "sleep", "adherence", "therapy")}
    assert limits == {(-0.5, 29.5)}


def test_mood_dots_are_day_means_and_unlogged_days_are_gaps() -> None:
    inputs = full_inputs()
    report = analyse(inputs)
    figure = render_report(report)[0]
    mood = next(ax for ax in figure.axes if ax.get_label() == "mood")
    dots = next(line for line in mood.lines if line.get_label() == "mood")
    values: list[float] = np.asarray(dots.get_ydata(), dtype=float).tolist()
    period = inputs.period
    for index, value in enumerate(values):
        day = period.first + timedelta(days=index)
        logged = [e.mood for e in inputs.entries if e.day == day and e.mood is not None]
        if logged:
            assert value == pytest.approx(sum(logged) / len(logged))
        else:
            assert math.isnan(value)
    trend = next(line for line in mood.lines if line.get_label() == "mood trend")
    trend_values: list[float] = np.asarray(trend.get_ydata(), dtype=float).tolist()
    for value, dot in zip(trend_values, values, strict=True):
        if math.isnan(dot):
            assert math.isnan(value)  # the 7-day line breaks at a day not logged


def test_bipolar_journal_gets_a_life_chart() -> None:
    report = analyse(full_inputs(bipolar=True))
    assert report.bipolar
    figure = render_report(report)[0]
    chart = next(ax for ax in figure.axes if ax.get_label() == "life chart")
    tops = [
        float(y) for patch in chart.patches for y in np.asarray(patch.get_path().vertices)[:, 1]
    ]
    assert max(tops) == 2  # elevation above the baseline
    assert min(tops) == -1  # depression below it


def test_sleep_correlation_needs_seven_days_in_each_group() -> None:
    report = analyse(full_inputs())
    sleep = report.details.sleep_mood
    assert sleep.n_a < 7
    assert sleep.correlation is None
    longer = analyse(full_inputs(days=90)).details.sleep_mood
    assert longer.n_a >= 7
    assert longer.n_b >= 7
    assert longer.correlation is not None


def test_long_period_is_drawn_as_weekly_means() -> None:
    report = analyse(full_inputs(days=200))
    assert report.header.weekly
    widths = report.timeline.series["width"]
    assert widths.max() == 7
    assert len(report.timeline.series) <= 200 // 7 + 2


def test_urges_fill_the_diary_card_grid() -> None:
    inputs = full_inputs(days=60)
    report = analyse(inputs)
    assert report.details.urges is not None
    assert report.details.urges.urges == ("self-harm",)
    assert report.details.urges.by == "week"


def test_back_filled_entries_are_counted_in_the_header() -> None:
    inputs = full_inputs()
    inputs.entries[-1].backfilled = True
    assert analyse(inputs).header.backfilled == 1


def test_ten_year_journal_makes_a_readable_report(moodlog: Run, tmp_path: Path) -> None:
    result = moodlog("demo", "--days", "3650", "--out", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    reports = list((tmp_path / "demo").glob("moodlog-report-*.pdf"))
    assert len(reports) == 1
    reader = PdfReader(reports[0])
    assert 2 <= len(reader.pages) <= 4
    first = " ".join(reader.pages[0].extract_text().split())
    assert "of 3650 days" in first
    assert "weekly" in first


def test_demo_writes_its_report_with_appointment_and_question(moodlog: Run, tmp_path: Path) -> None:
    result = moodlog("demo", "--days", "90", "--out", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    assert "Its report:" in result.output
    report = next((tmp_path / "demo").glob("moodlog-report-*.pdf"))
    text = page_text(report)
    assert "Could the short nights be why my mood dipped afterwards?" in text
    assert "for the appointment on" in text


def test_cli_import_loads_no_pandas_numpy_or_matplotlib() -> None:
    code = (
        "import sys, moodlog.cli; "
        "print(sorted(m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules))"
    )
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_report_runs_as_a_real_process(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"MOODLOG_HOME": str(home)}
    assert run_moodlog_process("add", "--mood", "6", env=env).returncode == 0
    result = run_moodlog_process("report", "--out", str(tmp_path / "r.pdf"), env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.pdf").exists()
    assert result.stderr == ""


def test_entries_on_one_day_give_its_range() -> None:
    inputs = full_inputs()
    day = inputs.period.first + timedelta(days=2)
    report = analyse(replace(inputs, entries=[*inputs.entries, entry(day, mood=9.0)]))
    position = 2.0
    row = report.timeline.series.loc[position]
    assert row["mood_high"] == 9.0
    assert row["mood_low"] < 9.0


def test_dose_change_is_compared_over_28_days_each_side_with_n() -> None:
    inputs = full_inputs()
    compared = analyse(inputs).details.changes[0]
    change_day = compared.change.day
    before = {
        e.day for e in inputs.entries if change_day - timedelta(days=28) <= e.day < change_day
    }
    after = {e.day for e in inputs.entries if change_day <= e.day <= inputs.period.last}
    assert compared.mood.n_before == len(before)
    assert compared.mood.n_after == len(after)
    assert compared.days_after == (inputs.period.last - change_day).days + 1
    text = page_text_of(inputs, 1)
    # The period lies within 2025: the day without its year.
    assert f"sertraline 50→100 mg on {change_day.day} {change_day:%b}, 28 days before" in text


def page_text_of(inputs: object, page: int) -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.pdf"
        save_report(render_report(analyse(inputs)), path, "pdf")  # type: ignore[arg-type]
        return page_text(path, page)


def test_long_lists_continue_on_a_last_page_and_nothing_is_lost(tmp_path: Path) -> None:
    inputs = full_inputs()
    for index, item in enumerate(inputs.entries[-25:]):
        item.note = f"Note number {index}: " + "a long day at work, then a walk. " * 5
        item.note_shared = True
    path = tmp_path / "long.pdf"
    save_report(render_report(analyse(inputs)), path, "pdf")
    reader = PdfReader(path)
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "Page 1 continued" in last
    everything = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for index in range(20):  # the 20 most recent of the period's notes
        assert f"Note number {index + 5}:" in everything
    assert "Safety flags" in page_text(path)

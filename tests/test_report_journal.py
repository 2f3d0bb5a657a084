"""The report of a journal kept through the real commands: medicines, doses, skills, a
questionnaire, a self-harm urge, notes and a question, with every figure worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import Run

# Ten days, 2026-10-01 to 2026-10-10; sertraline 50 mg every morning, 100 mg from 10-06.
MOODS = [3, 4, 3.5, 4, 5, 4, 6, 5, 6, 6.5]  # one entry a day


def page_text(pdf: Path, page: int = 0) -> str:
    return " ".join(PdfReader(pdf).pages[page].extract_text().split())


@pytest.fixture
def scripted_report(moodlog: Run, tmp_path: Path) -> Path:
    def ok(*args: str) -> None:
        result = moodlog(*args)
        assert result.exit_code == 0, (args, result.output)

    ok("med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning", "--start",
       "2026-10-01")  # fmt: skip
    ok("med", "change", "sertraline", "--dose", "100mg", "--date", "2026-10-06", "--reason",
       "still low")  # fmt: skip
    ok("med", "add", "lorazepam", "--dose", "0.5mg", "--prn", "--start", "2026-10-01")
    for number, mood in enumerate(MOODS, start=1):
        day = f"2026-10-{number:02d}"
        ok("add", "--date", day, "--mood", str(mood), "--anxiety", "5", "--sleep", "7")
        if number == 4:
            ok("missed", "sertraline", "--date", day)
        elif number == 8:
            ok("skipped", "sertraline", "--date", day, "--reason", "stomach bug")
        elif number != 9:  # day 9's dose is not logged
            ok("took", "sertraline", "--date", day)
    ok("took", "lorazepam", "--date", "2026-10-03", "--reason", "panic on the bus")
    ok("add", "--date", "2026-10-05", "--skill", "opposite=6", "--note", "A private thought")
    ok("add", "--date", "2026-10-07", "--skill", "tipp=4", "--note", "Slept badly", "--share")
    ok("add", "--date", "2026-10-08", "--urge", "self-harm=3")
    ok("check", "phq9", "--answers", "2,2,1,1,1,1,1,0,0", "--date", "2026-10-09")
    ok("ask", "Is 100 mg the right dose?")
    out = tmp_path / "report.pdf"
    ok("report", "--since", "2026-10-01", "--until", "2026-10-10", "--out", str(out))
    return out


def test_page_one_shows_the_period_and_days_logged(scripted_report: Path) -> None:
    text = page_text(scripted_report)
    assert "1 Oct – 10 Oct 2026" in text
    assert "10 of 10 days logged" in text


def test_page_one_mean_mood_is_the_mean_of_the_days_means(scripted_report: Path) -> None:
    # Days 5 and 7 have a second entry without a mood, so each day's mean is its one mood.
    assert f"{sum(MOODS) / len(MOODS):.1f} mean of 10 days" in page_text(scripted_report)


def test_page_one_shows_adherence_with_not_logged_and_skipped_beside_it(
    scripted_report: Path,
) -> None:
    # 10 scheduled; taken 7 (days 1-3, 5-7, 10), missed 1, skipped 1, not logged 1:
    # 7 / (10 - 1) = 78%; of the 8 taken or missed, 7 taken = 88%.
    text = page_text(scripted_report)
    assert "sertraline 78% · 7 taken, 1 missed, 1 not logged, 1 skipped · 88% of logged" in text
    assert "lorazepam PRN 1 use" in text


def test_page_one_labels_the_dose_change(scripted_report: Path) -> None:
    text = page_text(scripted_report)
    assert "sertraline 50→100 mg" in text
    assert "6 Oct sertraline 50→100 mg (still low)" in text


def test_page_one_shows_the_latest_phq9_with_its_band(scripted_report: Path) -> None:
    assert "PHQ-9 9 mild (9 Oct)" in page_text(scripted_report)


def test_page_one_shows_skills_safety_flag_and_question(scripted_report: Path) -> None:
    text = page_text(scripted_report)
    # Codes 6 and 4: used on two days, and neither time did it help.
    assert "Skills used 2 times on 2 days · 2 didn't help" in text
    assert "Skills not used none" in text
    assert "8 Oct self-harm urge 3 of 5" in text
    assert "Is 100 mg the right dose?" in text


def test_only_the_shared_note_is_on_the_report(scripted_report: Path) -> None:
    everything = " ".join(page_text(scripted_report, n) for n in range(2))
    assert "Slept badly" in everything
    assert "A private thought" not in everything


def test_dose_against_response_shows_each_dose_with_its_adherence(scripted_report: Path) -> None:
    detail = page_text(scripted_report, 1)
    assert "Dose against response" in detail
    # 50 mg on days 1-5: 4 taken of 5 due (day 4 missed) = 80%;
    # 100 mg on days 6-10: 3 taken of 4 due (day 8 skipped, day 9 not logged) = 75%, and the
    # 3 logged taken or missed were all taken.
    assert "50 mg · 1 Oct – 5 Oct 2026 · 5 d · 80% · 4 taken, 1 missed" in detail
    assert (
        "100 mg · 6 Oct – 10 Oct 2026 · 5 d · 75% · 3 taken, 0 missed, 1 not logged, "
        "1 skipped · 100% of logged"
    ) in detail

"""Page 1 as a psychiatrist needs it, on a bipolar journal kept through the real commands: every
safety flag named under the header and counted in it, polarity counted rather than averaged
away, and every key figure shown whole, with 10 medicines and 20 tags on the page too. Every
figure below is worked out by hand from the journal's story."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from moodlog.cli.app import app
from moodlog.domain.entries import Entry
from moodlog.domain.polarity import day_polarity

FIRST = date(2026, 9, 1)
PERIOD = ("--since", "2026-09-01", "--until", "2026-10-30")  # 60 days
MEDICINES = (
    "lithium",
    "lamotrigine",
    "quetiapine",
    "sertraline",
    "bupropion",
    "levothyroxine",
    "propranolol",
    "melatonin",
    "omega-three-fish-oil-extended-release",
    "vitamin-d",
)
TAGS = [f"event{n:02d}" for n in range(20)]
PHQ9_FLAG = "PHQ-9 item 9 (thoughts of being better off dead or of hurting yourself): Several days"
# (day as `stats` writes it, as the report does, the flag)
FLAGS = (
    ("2026-09-20", "20 Sep", "self-harm urge 3 of 5; acted on self-harm"),  # two reasons
    ("2026-09-25", "25 Sep", "suicidal thoughts 1 of 5"),
    ("2026-09-30", "30 Sep", PHQ9_FLAG),
)


def _story() -> Iterator[list[str]]:
    """The journal's commands. Days 1-13 elevated (elevation 2, mood 8 or 9, 4.5 h of sleep),
    days 14-38 depressed (depression 2, mood 2 or 3, 8.5 h), days 39-42 mixed (day 40 made of
    two entries: elevation 2 then depression 1), days 43-60 neither (mood 5.5, 7.5 h). The
    previous period: 5 days with depression 1, two of them after 5.5 h of sleep."""
    yield ["init", "--preset", "bipolar"]
    for medicine in MEDICINES:
        yield ["med", "add", medicine, "--dose", "10mg", "--schedule", "morning", "--start",
               "2026-07-01"]  # fmt: skip
    for offset in range(60):
        day, number = str(FIRST + timedelta(days=offset)), offset + 1
        mood: float
        sleep: float
        if number <= 13:
            mood, up, down, sleep = 8 if number % 2 else 9, 2, 0, 4.5
        elif number <= 38:
            mood, up, down, sleep = 2 if number % 2 else 3, 0, 2, 8.5
        elif number <= 42:
            mood, up, down, sleep = 4, 1, 2, 7.0
        else:
            mood, up, down, sleep = 5.5, 0, 0, 7.5
        if number == 40:
            up, down = 2, 0
        yield ["add", "--date", day, "--mood", str(mood), "--sleep", str(sleep),
               "--symptom", f"elevated={up}", "--symptom", f"depressed={down}",
               "--tag", TAGS[offset % 20]]  # fmt: skip
        if number == 40:
            yield ["add", "--date", day, "--symptom", "depressed=1"]
        yield ["took", "--all", "--date", day]
    yield ["add", "--date", "2026-09-20", "--urge", "self-harm=3", "--acted", "self-harm"]
    yield ["add", "--date", "2026-09-25", "--urge", "suicidal-thoughts=1"]
    yield ["check", "phq9", "--answers", "2,2,1,1,1,1,1,0,1", "--date", "2026-09-30"]
    for offset in range(5):
        day = str(date(2026, 7, 10) + timedelta(days=offset))
        hours = "5.5" if offset < 2 else "7"
        yield ["add", "--date", day, "--mood", "4", "--sleep", hours,
               "--symptom", "elevated=0", "--symptom", "depressed=1"]  # fmt: skip


def _run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output)
    return result.output


@pytest.fixture(scope="module")
def bipolar(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The journal's file, and its report beside it as report.pdf."""
    folder = tmp_path_factory.mktemp("bipolar")
    db = folder / "moodlog.db"
    for command in _story():
        _run(db, *command)
    _run(db, "report", *PERIOD, "--out", str(folder / "report.pdf"))
    return db


def page_text(pdf: Path, page: int = 0) -> str:
    return " ".join(PdfReader(pdf).pages[page].extract_text().split())


def test_every_safety_flag_is_named_on_page_one_and_counted_in_its_header(bipolar: Path) -> None:
    text = page_text(bipolar.with_name("report.pdf"))
    # The urge of 3 also acted on is one flag with two reasons: 3 flags, not 4.
    assert "60 of 60 days logged" in text
    assert "3 safety flags" in text
    for _, day, flag in FLAGS:
        assert f"{day} {flag}" in text
    # Named under the header, before the key figures.
    assert text.index(f"{FLAGS[0][1]} {FLAGS[0][2]}") < text.index("Key figures")


def test_daily_export_counts_each_flagged_record_once(bipolar: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_run(bipolar, "export", *PERIOD))))
    flagged = {row["day"]: row["safety_flags"] for row in rows if row["safety_flags"] != "0"}
    assert flagged == {"2026-09-20": "1", "2026-09-25": "1", "2026-09-30": "1"}


def test_daily_export_names_each_days_polarity(bipolar: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_run(bipolar, "export", *PERIOD))))
    assert list(rows[0])[-1] == "polarity"  # the last column
    kinds = [row["polarity"] for row in rows]
    assert kinds == ["elevated"] * 13 + ["depressed"] * 25 + ["mixed"] * 4 + ["neither"] * 18


def test_page_one_counts_polarity_that_the_mean_mood_hides(bipolar: Path) -> None:
    text = page_text(bipolar.with_name("report.pdf"))
    # (13 × 8.5 + 25 × 2.5 + 4 × 4 + 18 × 5.5) / 60 = 4.8: a normal-looking mean.
    assert "Mood (0-10) 4.8 mean of 60 days" in text
    # Rated days: all 60 (the previous period's 5). Elevated 13, depressed 25, mixed 4
    # (days 39-42; day 40 from its two entries' highest); nights under 6 h: the 13 of 4.5 h.
    assert "Elevated days 13 of 60 days rated 0 of 5 days rated" in text
    assert "Depressed days 25 of 60 days rated 5 of 5 days rated" in text
    assert "Mixed days 4 of 60 days rated 0 of 5 days rated" in text
    assert "Nights under 6 h 13 of 60 nights recorded 2 of 5 nights recorded" in text


def test_stats_counts_the_same_flags_and_polarity(bipolar: Path) -> None:
    output = _run(bipolar, "stats", *PERIOD)
    assert max(len(line) for line in output.splitlines()) <= 80
    text = " ".join(output.split())
    assert "3 safety flags in this period (each on your report's first page):" in text
    for day, _, flag in FLAGS:
        assert f"{day} {flag}" in text
    assert "Elevated days 13 of 60 days rated 0 of 5 days rated" in text
    assert "Depressed days 25 of 60 days rated 5 of 5 days rated" in text
    assert "Mixed days 4 of 60 days rated 0 of 5 days rated" in text
    assert "Nights under 6 h 13 of 60 nights recorded 2 of 5 nights recorded" in text


def test_key_figures_are_shown_whole_and_the_timeline_stays_on_page_one(bipolar: Path) -> None:
    text = page_text(bipolar.with_name("report.pdf"))
    figures = text[text.index("Key figures") : text.index("Life chart")]
    assert "…" not in figures
    # Each name whole; the longest has no space and wraps after a hyphen.
    for medicine in MEDICINES:
        assert medicine in figures.replace("- ", "-")
    # The timeline's panels are on page 1: the life chart, sleep, the doses and the dates.
    for panel in ("Life chart", "Sleep hours, daily", "vitamin-d", "26 Oct"):
        assert panel in text


def test_many_flags_are_bounded_under_the_header_and_the_rest_listed(tmp_path: Path) -> None:
    db = tmp_path / "moodlog.db"
    days = [FIRST + timedelta(days=offset) for offset in range(12)]
    for day in days:
        _run(db, "add", "--date", str(day), "--mood", "3", "--urge", "suicidal-thoughts=2")
    _run(db, "report", "--since", "2026-09-01", "--until", "2026-09-12", "--out",
         str(tmp_path / "r.pdf"))  # fmt: skip
    reader = PdfReader(tmp_path / "r.pdf")
    first = " ".join(reader.pages[0].extract_text().split())
    everything = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "12 safety flags" in first
    # Eight lines under the header: the 7 most recent and a line about the 5 earlier.
    assert "The 7 most recent follow; the 5 earlier (1 Sep – 5 Sep) are listed" in first
    for day in days:
        assert f"{day.day} Sep suicidal thoughts 2 of 5" in everything
    assert first.index("12 Sep suicidal thoughts") < first.index("Key figures")


@pytest.mark.parametrize(
    ("answers", "kind"),
    [
        ([{"elevated": 2, "depressed": 0}], "elevated"),
        ([{"elevated": 0, "depressed": 1}], "depressed"),
        ([{"elevated": 2}, {"depressed": 1}], "mixed"),  # the day's highest of each
        ([{"elevated": 1}], "elevated"),  # depression not rated that day
        ([{"elevated": 0, "depressed": 0}], "neither"),
        ([{"focus": 2}], None),
    ],
)
def test_a_day_counts_once_by_its_highest_elevation_and_depression(
    answers: list[dict[str, float]], kind: str | None
) -> None:
    recorded = datetime(2026, 9, 1, 21, 0).astimezone()
    entries = [Entry(FIRST, time(21), recorded, symptoms=symptoms) for symptoms in answers]
    assert day_polarity(entries) == kind


def test_many_flags_leave_the_latest_medication_change_on_page_one(tmp_path: Path) -> None:
    db = tmp_path / "moodlog.db"
    _run(db, "med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning",
         "--start", "2026-08-01")  # fmt: skip
    _run(db, "med", "change", "sertraline", "--dose", "100mg", "--date", "2026-09-20")
    for offset in range(60):  # a flag every day: far more than the block under the header holds
        day = FIRST + timedelta(days=offset)
        _run(db, "add", "--date", str(day), "--mood", "3", "--urge", "suicidal-thoughts=2")
    _run(db, "report", "--since", "2026-09-01", "--until", "2026-10-30", "--out",
         str(tmp_path / "r.pdf"))  # fmt: skip
    first = " ".join(PdfReader(tmp_path / "r.pdf").pages[0].extract_text().split())
    assert "60 safety flags" in first
    assert "Medication changes" in first
    assert "20 Sep sertraline 50→100 mg" in first

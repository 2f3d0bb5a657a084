"""Warning signs on the report, on a journal kept through the real commands: page 1 names each
sign that showed, with its dates and lengths (counted by hand from the journal's story) and
what the person did; its timeline marks them; a page after it lists every sign with its rule
and plan as written (any script), and a journal without signs has no such page. The safety
flags stay on page 1 however many signs showed."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from moodlog.analysis.report import ReportInputs, analyse
from moodlog.cli.app import app
from moodlog.domain.days import Period
from moodlog.domain.entries import Entry
from moodlog.domain.report import SignEpisode, SignOnReport

FIRST = date(2026, 11, 1)
PERIOD = ("--since", "2026-11-01", "--until", "2026-11-30")
SHORT_NIGHTS = {3, 4, 5, *range(20, 31)}  # days of November with 4 hours' sleep
# The plan in Cyrillic, Greek, Hebrew and an emoji, then a long line: drawn whole.
PLAN = (
    "Лечь спать до полуночи, без кофе после обеда.\n"
    "Τηλεφώνησε στον γιατρό.\n"
    "לספר לשרה 🙂\n" + " ".join(f"step{n:03d}" for n in range(120))
)


def _run(db: Path, *args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(app, ["--db", str(db), *args], input=input, catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def _texts(pdf: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]


def _story(db: Path) -> None:
    """November: 7 hours a night but 4 on the 3rd-5th and from the 20th on; mood 5 daily."""
    for offset in range(30):
        day = FIRST + timedelta(days=offset)
        hours = "4" if day.day in SHORT_NIGHTS else "7"
        _run(db, "add", "--date", str(day), "--mood", "5", "--sleep", hours)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signs")
    db = folder / "moodlog.db"
    _story(db)
    _run(db, "warn", "add", "short sleep", "--when", "sleep < 5 on 2 nights in a row",
         "--plan", "-", input=PLAN)  # fmt: skip
    _run(db, "warn", "add", "--preset", "depression-early")
    _run(db, "add", "--date", "2026-11-30", "--mood", "5", "--note", "a private diary line")
    # What the person did about the first episode (as the announcement keeps it).
    with sqlite3.connect(db) as connection:
        connection.execute(
            "INSERT INTO warning_sign_episodes (sign_id, first_day, rule, announced_at, note) "
            "VALUES (1, '2026-11-04', 'sleep < 5 on 2 nights in a row', "
            "'2026-11-04T08:00:00+00:00', 'went to bed at 10, called Dr Rao')"
        )
    _run(db, "report", *PERIOD, "--out", str(folder / "report.pdf"))
    return folder / "report.pdf"


def test_page_one_names_the_sign_with_its_dates_and_lengths(report: Path) -> None:
    first = _texts(report)[0]
    # "2 nights in a row" holds from the second short night: 4-5 Nov (the 3rd and 4th, the
    # 4th and 5th), and from 21 Nov to the period's end, 30 Nov: 10 days, still showing.
    assert "Warning signs that showed: 1" in first
    assert "short sleep: 4 Nov – 5 Nov (2 days) — did: went to bed at 10, called Dr Rao; " in first
    assert "since 21 Nov (10 days so far)" in first
    # Under the header's line, before the key figures; the sign that did not show is not here.
    assert first.index("short sleep:") < first.index("Key figures")
    assert "low days" not in first
    assert "warning sign's days" in first  # the timeline's key


def test_the_timeline_marks_each_episode() -> None:
    # An episode reaches the timeline clipped to the period: from its first day's position
    # (days since the period's first) to the position after its last day. One under way when
    # the period began starts at 0; one still showing runs to the period's end.
    moment = datetime(2026, 11, 30, 21).astimezone()
    episodes = (
        SignEpisode(date(2026, 10, 28), date(2026, 11, 2), from_before=False),
        SignEpisode(date(2026, 11, 4), date(2026, 11, 5)),
        SignEpisode(date(2026, 11, 21), None),
    )
    inputs = ReportInputs(
        Period(FIRST, date(2026, 11, 30)),
        moment,
        [Entry(FIRST, time(21), moment, mood=5)],
        warning_signs=(
            SignOnReport("quiet", "mood <= 1", episodes=()),
            SignOnReport("short sleep", "sleep < 5 on 2 nights in a row", episodes=episodes),
        ),
    )
    (band,) = analyse(inputs).timeline.signs  # the sign that did not show has no row
    assert band.name == "short sleep"
    assert band.spans == ((0.0, 2.0), (3.0, 5.0), (20.0, 30.0))


def test_the_plan_page_lists_every_sign_with_its_rule_and_plan(report: Path) -> None:
    pages = _texts(report)
    plan = pages[1]
    assert "Warning signs and the plan agreed" in plan
    assert "Rule: sleep < 5 on 2 nights in a row" in plan
    assert "• 4 Nov – 5 Nov (2 days) — did: went to bed at 10, called Dr Rao" in plan
    assert "• since 21 Nov (10 days so far)" in plan
    for line in ("Лечь спать до полуночи, без кофе после обеда.", "Τηλεφώνησε στον γιατρό."):
        assert line in plan
    # The long line wrapped, never cut: every step is there, the last included.
    everything = plan
    assert all(f"step{n:03d}" in everything for n in range(120))
    assert "…" not in plan
    # The preset marked as a starting point, its rule shown; it did not show in November.
    preset = "low days From the preset depression-early: a starting point to agree with your"
    assert preset in plan
    assert "Rule: mood <= 3 on 5 of 7 days Did not show in this period." in plan
    # Page 2 is the plan; the detail follows it.
    assert "Detail:" in pages[2]


def test_the_plan_is_on_the_report_without_include_notes(report: Path) -> None:
    # A plan is written to be agreed with the provider, as a question is asked of them: it is
    # printed without --include-notes, which still keeps the journal's private notes off.
    everything = " ".join(_texts(report))
    assert "Τηλεφώνησε στον γιατρό." in everything
    assert "did: went to bed at 10" in everything
    assert "a private diary line" not in everything
    assert "Private notes are included" not in everything


def test_a_journal_without_signs_has_no_plan_page(tmp_path: Path) -> None:
    db = tmp_path / "moodlog.db"
    _story(db)
    _run(db, "report", *PERIOD, "--out", str(tmp_path / "r.pdf"))
    pages = _texts(tmp_path / "r.pdf")
    assert not any("Warning signs" in page for page in pages)
    assert "Detail:" in pages[1]


def test_safety_flags_stay_on_page_one_with_many_signs(tmp_path: Path) -> None:
    db = tmp_path / "moodlog.db"
    _story(db)
    for day in (3, 12, 25):
        _run(db, "add", "--date", f"2026-11-{day:02d}", "--urge", "suicidal-thoughts=1")
    for number in range(12):
        _run(db, "warn", "add", f"sign {number:02d} with a long name",
             "--when", f"sleep < {5 + number % 3} on {1 + number % 2} nights in a row",
             "--plan", "call Sam " * 40)  # fmt: skip
    _run(db, "report", *PERIOD, "--out", str(tmp_path / "r.pdf"))
    first, plan = _texts(tmp_path / "r.pdf")[:2]
    assert "3 safety flags" in first
    for day in (3, 12, 25):
        assert f"{day} Nov suicidal thoughts 1 of 5" in first
    assert first.index("25 Nov suicidal thoughts") < first.index("Warning signs that showed: 12")
    # Compact, then counted: the rest are named on the plan page with their dates.
    assert "more signs that showed, with their dates, on page 2" in first
    assert "Key figures" in first
    assert "Sleep hours" in first
    assert "sign 00 with a long name" in plan


def test_a_sign_that_showed_often_is_summed_up_on_the_plan_page(tmp_path: Path) -> None:
    # Short nights (4 hours) on the 11 odd days from 1 to 21 Nov, 7 hours otherwise: "sleep < 5"
    # shows 11 times, a day each. The plan page sums them up, lists the 8 latest (7-21 Nov)
    # and the one the person noted what they did about (3 Nov), and counts the 2 left (1 and
    # 5 Nov).
    db = tmp_path / "moodlog.db"
    short = set(range(1, 22, 2))
    for offset in range(30):
        day = FIRST + timedelta(days=offset)
        _run(db, "add", "--date", str(day), "--sleep", "4" if day.day in short else "7")
    _run(db, "warn", "add", "short", "--when", "sleep < 5", "--plan", "rest")
    _run(db, "warn", "did", "short", "napped", "--date", "2026-11-03")
    _run(db, "report", *PERIOD, "--out", str(tmp_path / "r.pdf"))
    plan = _texts(tmp_path / "r.pdf")[1]
    assert "Showed 11 times in this period, 11 days in all." in plan
    listed = [f"• {day} Nov (1 day)" for day in (3, 7, 9, 11, 13, 15, 17, 19, 21)]
    assert all(line in plan for line in listed)
    assert plan.index(listed[0]) < plan.index(listed[1]) < plan.index(listed[-1])
    assert "• 3 Nov (1 day) — did: napped" in plan
    assert "• 1 Nov" not in plan
    assert "• 5 Nov" not in plan
    assert "• and 2 more from 1 Nov: moodlog warn test lists every one." in plan

"""PHQ-9 and GAD-7: official wording, every item stored, scored on the published bands."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

import moodlog.cli.therapy
from moodlog.domain.questionnaires import GAD7, PHQ9, score
from tests.conftest import Run

PHQ9_ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family "
    "down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being "
    "so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)
GAD7_ITEMS = (
    "Feeling nervous, anxious or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
)
LABELS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
DIFFICULTY = (
    "If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?"
)
# The GAD-7's form words its difficulty question without "problems".
GAD7_DIFFICULTY = (
    "If you checked off any problems, how difficult have these made it for you to do your "
    "work, take care of things at home, or get along with other people?"
)
ATTRIBUTION = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)


def answers_totalling(total: int, items: int) -> list[int]:
    """Answers 0-3 adding up to ``total``, filled from the first item, so PHQ-9 item 9 (a
    safety trigger, tested on its own) stays 0 unless the total needs it."""
    answers = []
    left = total
    for _ in range(items):
        answers.append(min(3, left))
        left -= answers[-1]
    assert left == 0
    return answers


def stored(journal_file: Path) -> list[tuple[Any, ...]]:
    if not journal_file.exists():
        return []
    with sqlite3.connect(journal_file) as connection:
        return connection.execute(
            "SELECT instrument, item1, item2, item3, item4, item5, item6, item7, item8, item9, "
            "difficulty, total, band, day FROM questionnaires ORDER BY id"
        ).fetchall()


PHQ9_BOUNDARIES = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "moderately severe"),
    (19, "moderately severe"),
    (20, "severe"),
    (27, "severe"),
]
GAD7_BOUNDARIES = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "severe"),
    (21, "severe"),
]


@pytest.mark.parametrize(("total", "band"), PHQ9_BOUNDARIES)
def test_phq9_total_is_scored_on_its_published_band(
    moodlog: Run, journal_file: Path, total: int, band: str
) -> None:
    answers = answers_totalling(total, 9)
    result = moodlog(
        "check", "phq9", "--answers", ",".join(map(str, answers)), "--date", "2026-01-05"
    )
    assert result.exit_code == 0, result.output
    assert f"Total {total} of 27: {band} (" in result.output
    assert "screening score, not a diagnosis" in result.output
    assert stored(journal_file) == [
        ("phq9", *answers, None, total, band, "2026-01-05"),
    ]
    assert score(PHQ9, answers).band.name == band


@pytest.mark.parametrize(("total", "band"), GAD7_BOUNDARIES)
def test_gad7_total_is_scored_on_its_published_band(
    moodlog: Run, journal_file: Path, total: int, band: str
) -> None:
    answers = answers_totalling(total, 7)
    result = moodlog(
        "check", "gad7", "--answers", ",".join(map(str, answers)), "--date", "2026-01-05"
    )
    assert result.exit_code == 0, result.output
    assert f"Total {total} of 21: {band} (" in result.output
    assert "screening score, not a diagnosis" in result.output
    assert stored(journal_file) == [
        ("gad7", *answers, None, None, None, total, band, "2026-01-05"),
    ]
    assert score(GAD7, answers).band.name == band


def test_the_band_ranges_are_named_with_the_result(moodlog: Run) -> None:
    result = moodlog("check", "phq9", "--answers", "3,3,3,3,3,0,0,0,0", "--date", "2026-01-05")
    assert "Total 15 of 27: moderately severe (15-19)." in result.output


def test_the_wording_is_the_official_wording_verbatim() -> None:
    assert PHQ9.items == PHQ9_ITEMS
    assert GAD7.items == GAD7_ITEMS
    assert PHQ9.stem == (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    )
    assert GAD7.stem == (
        "Over the last 2 weeks, how often have you been bothered by the following problems?"
    )


@pytest.mark.parametrize(
    "answers",
    ["1,0,2", "0,0,0,0,0,0,0,0", "0,0,0,0,0,0,0,0,0,0", "0,0,0,0,0,0,0,0,0,", ""],
)
def test_a_wrong_count_of_answers_exits_1_and_stores_nothing(
    moodlog: Run, journal_file: Path, answers: str
) -> None:
    result = moodlog("check", "phq9", "--answers", answers, "--date", "2026-01-05")
    assert result.exit_code == 1
    assert "the PHQ-9 needs 9" in result.output
    assert "Traceback" not in result.output
    assert stored(journal_file) == []


def test_gad7_wants_seven_answers(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("check", "gad7", "--answers", "0,0,0,0,0,0,0,0,0")
    assert result.exit_code == 1
    assert "has 9 values; the GAD-7 needs 7" in result.output
    assert stored(journal_file) == []


@pytest.mark.parametrize("bad", ["4", "-1", "x", "1.5"])
def test_an_answer_outside_0_to_3_exits_1_and_stores_nothing(
    moodlog: Run, journal_file: Path, bad: str
) -> None:
    result = moodlog("check", "gad7", "--answers", f"1,2,{bad},0,0,0,0", "--date", "2026-01-05")
    assert result.exit_code == 1
    assert f"GAD-7 item 3 answer '{bad}' is not allowed" in result.output
    assert "0 Not at all, 1 Several days, 2 More than half the days, 3 Nearly every day" in (
        result.output
    )
    assert stored(journal_file) == []


def test_an_unknown_questionnaire_is_refused(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("check", "beck", "--answers", "1,2,3")
    assert result.exit_code == 1
    assert "questionnaire 'beck' is not known; choose phq9 or gad7" in result.output
    assert stored(journal_file) == []


def test_phq9_may_be_typed_as_it_is_written(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("check", "PHQ-9", "--answers", "0,0,0,0,0,0,0,0,0", "--date", "2026-01-05")
    assert result.exit_code == 0, result.output
    assert stored(journal_file)[0][0] == "phq9"


def test_the_phq9_difficulty_answer_is_stored_unscored(moodlog: Run, journal_file: Path) -> None:
    result = moodlog(
        "check",
        "phq9",
        "--answers",
        "1,1,1,0,0,0,0,0,0",
        "--difficulty",
        "2",
        "--date",
        "2026-01-05",
    )
    assert result.exit_code == 0, result.output
    assert "Difficulty: Very difficult." in result.output
    assert stored(journal_file)[0][10:12] == (2, 3)


def test_the_gad7_difficulty_answer_is_stored_and_shown(moodlog: Run, journal_file: Path) -> None:
    result = moodlog(
        "check", "gad7", "--answers", "1,0,2,0,0,0,0", "--difficulty", "2", "--date", "2026-01-05"
    )
    assert result.exit_code == 0, result.output
    assert "Difficulty: Very difficult." in result.output
    assert stored(journal_file) == [
        ("gad7", 1, 0, 2, 0, 0, 0, 0, None, None, 2, 3, "minimal", "2026-01-05")
    ]


def test_a_difficulty_of_4_is_refused(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("check", "phq9", "--answers", "1,0,0,0,0,0,0,0,0", "--difficulty", "4")
    assert result.exit_code == 1
    assert "0 Not difficult at all" in result.output
    assert stored(journal_file) == []


def test_a_questionnaire_in_the_future_is_refused(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("check", "gad7", "--answers", "0,0,0,0,0,0,0", "--date", "2199-01-01")
    assert result.exit_code == 1
    assert "in the future" in result.output
    assert stored(journal_file) == []


def test_a_repeat_within_two_weeks_is_kept_with_a_note(moodlog: Run, journal_file: Path) -> None:
    first = moodlog("check", "phq9", "--answers", "1,1,1,1,1,1,1,0,0", "--date", "2026-01-05")
    assert "Note:" not in first.output
    again = moodlog("check", "phq9", "--answers", "1,1,1,0,0,0,0,0,0", "--date", "2026-01-10")
    assert again.exit_code == 0, again.output
    assert "you also answered the PHQ-9 on 2026-01-05 (5 days before; total 7, mild)" in (
        again.output
    )
    assert "cover the last 2 weeks" in again.output
    assert "both are kept" in again.output
    assert [row[-1] for row in stored(journal_file)] == ["2026-01-05", "2026-01-10"]


def test_answers_two_weeks_apart_get_no_note(moodlog: Run) -> None:
    moodlog("check", "gad7", "--answers", "1,1,1,1,1,1,1", "--date", "2026-01-05")
    later = moodlog("check", "gad7", "--answers", "1,1,1,1,1,1,1", "--date", "2026-01-19")
    assert later.exit_code == 0, later.output
    assert "Note:" not in later.output


def test_a_phq9_does_not_count_as_a_repeat_of_a_gad7(moodlog: Run) -> None:
    moodlog("check", "gad7", "--answers", "1,1,1,1,1,1,1", "--date", "2026-01-05")
    phq9 = moodlog("check", "phq9", "--answers", "0,0,0,0,0,0,0,0,0", "--date", "2026-01-06")
    assert "Note:" not in phq9.output


def test_without_answers_and_without_a_terminal_it_never_waits(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog("check", "phq9")
    assert result.exit_code == 1
    assert "needs --answers when moodlog cannot ask in a terminal" in result.output
    assert stored(journal_file) == []


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend standard input is a terminal, so `check` asks item by item."""
    monkeypatch.setattr(moodlog.cli.therapy, "stdin_is_terminal", lambda: True)


@pytest.mark.usefixtures("terminal")
def test_in_a_terminal_phq9_asks_each_item_in_its_official_words(
    moodlog: Run, journal_file: Path
) -> None:
    typed = "1\n2\n0\n1\n0\n3\n0\n0\n0\n1\n"  # nine items, then the difficulty
    result = moodlog("check", "phq9", "--date", "2026-01-05", input=typed)
    assert result.exit_code == 0, result.output
    out = result.output
    assert PHQ9.stem in out
    for number, item in enumerate(PHQ9_ITEMS, 1):
        assert f"{number}/9  {item}" in out
    assert "  ".join(f"{value} {label}" for value, label in enumerate(LABELS)) in out
    assert DIFFICULTY in out
    for label in ("Not difficult at all", "Somewhat difficult", "Very difficult"):
        assert label in out
    assert "Extremely difficult" in out
    assert ATTRIBUTION in out
    assert out.index(f"1/9  {PHQ9_ITEMS[0]}") < out.index(f"2/9  {PHQ9_ITEMS[1]}")
    assert "Total 7 of 27: mild (5-9)." in out
    assert stored(journal_file) == [("phq9", 1, 2, 0, 1, 0, 3, 0, 0, 0, 1, 7, "mild", "2026-01-05")]


@pytest.mark.usefixtures("terminal")
def test_in_a_terminal_a_wrong_answer_is_asked_again(moodlog: Run, journal_file: Path) -> None:
    typed = "4\nx\n\n2\n1\n1\n1\n1\n1\n1\n5\n1\n"  # seven items, then the difficulty
    result = moodlog("check", "gad7", "--date", "2026-01-05", input=typed)
    assert result.exit_code == 0, result.output
    assert result.output.count("Type a number from 0 to 3") == 4
    assert GAD7.stem in result.output
    for number, item in enumerate(GAD7_ITEMS, 1):
        assert f"{number}/7  {item}" in result.output
    assert GAD7_DIFFICULTY in result.output
    assert DIFFICULTY not in result.output
    assert "Difficulty: Somewhat difficult." in result.output
    assert stored(journal_file)[0][:8] == ("gad7", 2, 1, 1, 1, 1, 1, 1)
    assert stored(journal_file)[0][10] == 1


@pytest.mark.usefixtures("terminal")
def test_in_a_terminal_no_problems_means_no_difficulty_question(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog("check", "phq9", "--date", "2026-01-05", input="0\n" * 9)
    assert result.exit_code == 0, result.output
    assert DIFFICULTY not in result.output
    assert stored(journal_file)[0][10:12] == (None, 0)


@pytest.mark.usefixtures("terminal")
def test_in_a_terminal_q_stops_and_saves_nothing(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("check", "phq9", input="1\n2\nq\n")
    assert result.exit_code == 1
    assert "stopped at item 3; nothing was saved" in result.output
    assert stored(journal_file) == []


@pytest.mark.usefixtures("terminal")
def test_in_a_terminal_a_bad_date_is_refused_before_any_question(moodlog: Run) -> None:
    result = moodlog("check", "phq9", "--date", "someday", input="0\n" * 9)
    assert result.exit_code == 1
    assert PHQ9_ITEMS[0] not in result.output

"""`moodlog list --search TEXT` and `--tag T`: a word of a note or a tag found in any case and
any script, the whole journal by default, combinable with the period options."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from tests.conftest import Run


@pytest.fixture
def journal_of_notes(moodlog: Run, fixed_clock: Callable[[datetime], None]) -> Run:
    """A journal of a year: notes in English, German, Greek and Hebrew, some tagged."""
    fixed_clock(datetime(2026, 11, 20, 14, 0).astimezone())
    for line in (
        ["--date", "2025-12-01", "--note", "Walked along the Harbour at dawn", "--tag", "Café"],
        ["--date", "2026-06-10", "--note", "Die Straße war nass", "--tag", "travel"],
        ["--date", "2026-11-10", "--note", "ΣΟΦΊΑ came to dinner"],
        ["--date", "2026-11-12", "--note", "הלכנו לים עם הכלב", "--tag", "walk"],
        ["--date", "2026-11-19", "--note", "harbour again, short", "--tag", "café"],
    ):
        result = moodlog("add", "--mood", "6", *line)
        assert result.exit_code == 0, result.output
    return moodlog


def listed_days(output: str) -> list[str]:
    """The days of the rows of a listing, in order (a back-filled day loses its star)."""
    rows = [line.split() for line in output.splitlines()]
    return [row[1].rstrip("*") for row in rows if row and row[0].isdigit()]


def test_a_word_in_another_case_is_found_in_the_whole_journal(journal_of_notes: Run) -> None:
    result = journal_of_notes("list", "--search", "HARBOUR")

    assert result.exit_code == 0, result.output
    # The first of them is a year old: a search looks through the whole journal, not the
    # 14 days a plain listing shows.
    assert listed_days(result.output) == ["2025-12-01", "2026-11-19"]
    assert "2025-12-01 to 2026-11-20: 2 entries matching 'HARBOUR'" in result.output


def test_sharp_s_is_found_by_its_capital_spelling(journal_of_notes: Run) -> None:
    for typed in ("STRASSE", "strasse", "Straße"):
        result = journal_of_notes("list", "--search", typed)

        assert result.exit_code == 0, result.output
        assert listed_days(result.output) == ["2026-06-10"], typed


def test_greek_is_found_in_small_letters(journal_of_notes: Run) -> None:
    result = journal_of_notes("list", "--search", "σοφία")

    assert listed_days(result.output) == ["2026-11-10"]


def test_a_note_in_hebrew_is_found_by_a_word_of_it(journal_of_notes: Run) -> None:
    result = journal_of_notes("list", "--search", "לים")

    assert listed_days(result.output) == ["2026-11-12"]


def test_search_looks_in_tags_too(journal_of_notes: Run) -> None:
    result = journal_of_notes("list", "--search", "walk")

    # "Walked" in the first note, the tag walk on the fourth.
    assert listed_days(result.output) == ["2025-12-01", "2026-11-12"]


def test_a_tag_is_found_in_any_case(journal_of_notes: Run) -> None:
    result = journal_of_notes("list", "--tag", "CAFÉ")

    assert result.exit_code == 0, result.output
    assert listed_days(result.output) == ["2025-12-01", "2026-11-19"]


def test_a_tag_is_a_whole_tag_not_a_word_of_a_note(journal_of_notes: Run) -> None:
    result = journal_of_notes("list", "--tag", "harbour")

    assert result.exit_code == 0, result.output
    assert listed_days(result.output) == []


def test_search_and_tag_together_with_a_period(journal_of_notes: Run) -> None:
    both = journal_of_notes("list", "--search", "harbour", "--tag", "café", "--last", "30d")

    assert both.exit_code == 0, both.output
    # The year-old Harbour entry is outside the last 30 days (2026-10-22 to 2026-11-20).
    assert listed_days(both.output) == ["2026-11-19"]
    assert "2026-10-22 to 2026-11-20: 1 entry matching 'harbour', tagged café" in both.output


def test_search_with_since_and_until(journal_of_notes: Run) -> None:
    result = journal_of_notes(
        "list", "--search", "a", "--since", "2026-06-01", "--until", "2026-11-11"
    )

    assert listed_days(result.output) == ["2026-06-10", "2026-11-10"]


def test_a_search_that_finds_nothing_says_so_in_one_line(journal_of_notes: Run) -> None:
    result = journal_of_notes("list", "--search", "lighthouse")

    assert result.exit_code == 0, result.output
    assert result.output == ("No entries matching 'lighthouse' from 2025-12-01 to 2026-11-20.\n")


def test_an_empty_search_is_refused(journal_of_notes: Run) -> None:
    result = journal_of_notes("list", "--search", "  ")

    assert result.exit_code == 1
    assert "--search needs a word" in result.output

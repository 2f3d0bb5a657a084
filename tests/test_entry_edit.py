"""`moodlog edit` takes every option of `add` that changes an entry, says when nothing changed,
and its help shows no default that is false for an edit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import Run, days_ago


def ok(moodlog: Run, *args: str) -> str:
    result = moodlog(*args)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def doses(journal_file: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(journal_file) as connection:
        return connection.execute(
            "SELECT medicine, day, slot, status, entry_id FROM doses ORDER BY id"
        ).fetchall()


def test_edit_with_no_value_says_nothing_changed_and_changes_nothing(
    moodlog: Run, journal_file: Path
) -> None:
    ok(moodlog, "add", "--mood", "6", "--note", "kept")
    with sqlite3.connect(journal_file) as connection:
        before = connection.execute("SELECT * FROM entries").fetchall()
    result = moodlog("edit", "1")
    assert result.exit_code == 0
    assert result.output.startswith("Nothing changed: give a value to change, e.g. ")
    assert "moodlog edit 1 --mood 5" in result.output
    with sqlite3.connect(journal_file) as connection:
        assert connection.execute("SELECT * FROM entries").fetchall() == before
    missing = moodlog("edit", "7")
    assert missing.exit_code != 0
    assert "entry 7 is not in the journal" in missing.output


def test_an_empty_note_is_a_change_not_nothing(moodlog: Run, journal_file: Path) -> None:
    ok(moodlog, "add", "--mood", "6", "--note", "to go")
    assert "Nothing changed" not in ok(moodlog, "edit", "1", "--note", "")
    with sqlite3.connect(journal_file) as connection:
        assert connection.execute("SELECT note FROM entries").fetchall() == [(None,)]


def test_edit_help_shows_no_false_default_and_offers_took_and_missed(moodlog: Run) -> None:
    shown = ok(moodlog, "edit", "--help")
    assert "[default: today]" not in shown
    assert "[default: now]" not in shown
    for option in ("--took", "--missed", "--symptom", "--skill", "--urge", "--acted", "--tag"):
        assert option in shown


def test_edit_took_and_missed_replace_the_doses_logged_with_the_entry(
    moodlog: Run, journal_file: Path
) -> None:
    day = days_ago(3)
    ok(moodlog, "med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning,evening",
       "--start", days_ago(20))  # fmt: skip
    ok(moodlog, "med", "add", "quetiapine", "--dose", "25mg", "--schedule", "evening",
       "--start", days_ago(20))  # fmt: skip
    ok(moodlog, "add", "--date", day, "--mood", "5", "--took", "sertraline")
    # A dose logged on its own, not with the entry, stays whatever the edit says.
    ok(moodlog, "took", "quetiapine", "--date", day)
    assert doses(journal_file) == [
        ("sertraline", day, "morning", "taken", 1),
        ("quetiapine", day, "evening", "taken", None),
    ]
    edited = ok(moodlog, "edit", "1", "--missed", "sertraline")
    assert "sertraline morning missed" in edited
    assert doses(journal_file) == [
        ("quetiapine", day, "evening", "taken", None),
        ("sertraline", day, "morning", "missed", 1),
    ]
    ok(moodlog, "edit", "1", "--took", "sertraline", "--took", "sertraline")
    assert doses(journal_file) == [
        ("quetiapine", day, "evening", "taken", None),
        ("sertraline", day, "morning", "taken", 1),
        ("sertraline", day, "evening", "taken", 1),
    ]
    # An edit without --took or --missed leaves the entry's doses as they are.
    ok(moodlog, "edit", "1", "--mood", "6")
    assert len(doses(journal_file)) == 3
    stats = ok(moodlog, "stats", "--since", day, "--until", day)
    assert "sertraline" in stats


def test_edit_takes_every_value_add_takes(moodlog: Run, journal_file: Path) -> None:
    ok(moodlog, "init", "--preset", "adhd")
    ok(moodlog, "add", "--date", days_ago(2), "--mood", "5")
    ok(moodlog, "edit", "1", "--anxiety", "4", "--irritability", "3", "--energy", "6",
       "--sleep", "7.5", "--sleep-quality", "4", "--symptom", "focus=2", "--tag", "work",
       "--urge", "self-harm=1", "--acted", "self-harm", "--skill", "opposite=5",
       "--note", "edited", "--share", "--time", "21:15", "--date", days_ago(1))  # fmt: skip
    with sqlite3.connect(journal_file) as connection:
        entry = connection.execute(
            "SELECT day, time, mood, anxiety, irritability, energy, sleep_hours, sleep_quality,"
            " symptoms, tags, urges, acted, note, note_shared FROM entries"
        ).fetchone()
        skills = connection.execute("SELECT skill, score, day FROM skill_uses").fetchall()
    assert entry == (
        days_ago(1), "21:15", 5.0, 4.0, 3.0, 6.0, 7.5, 4,
        "focus=2", "work", "self-harm=1", "self-harm", "edited", 1,
    )  # fmt: skip
    assert skills == [("Opposite action", 5, days_ago(1))]

"""`moodlog warn did`: what the person did about a sign when it showed, noted on the episode
showing on a day (the latest by default), and read back from the report by the episode whose
days hold it, even after a back-filled entry moved the episode's first day
(docs/warning-signs.md, "What you did about it")."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import Run
from tests.reckoning import ok

Clock = Callable[[datetime], None]
D1 = date(2026, 3, 1)
SHORT_NIGHTS = {2, 3, 4, 9, 10, 11, 12}  # day 8 is filled in later, short too
TEST = 'moodlog warn test "short sleep" lists when it showed'


def day(n: int) -> date:
    """Day ``n`` of the scripted fortnight: day 1 is 2026-03-01."""
    return D1 + timedelta(days=n - 1)


def notes(journal_file: Path) -> list[tuple[str, str | None]]:
    with sqlite3.connect(journal_file) as connection:
        rows = connection.execute(
            "SELECT first_day, note FROM warning_sign_episodes ORDER BY first_day"
        ).fetchall()
    connection.close()
    return [(first, note) for first, note in rows]


def story(moodlog: Run, fixed_clock: Clock) -> None:
    """Day 12's evening: 4-hour nights on days 2-4 and 9-12, 7 hours on the others; day 8
    not logged yet. "2 nights in a row" holds on days 3-4 (not announced: filled in on day
    12) and from day 10 (announced on day 12, when it reached today)."""
    fixed_clock(datetime.combine(day(12), time(20)).astimezone())
    ok(moodlog, "warn", "add", "short sleep", "--when", "sleep < 5 on 2 nights in a row")
    for n in (*range(1, 8), *range(9, 13)):
        hours = "4" if n in SHORT_NIGHTS else "7"
        ok(moodlog, "add", "--date", str(day(n)), "--mood", "5", "--sleep", hours)


def test_a_note_goes_on_the_latest_episode_and_on_one_never_announced(
    moodlog: Run, fixed_clock: Clock, journal_file: Path
) -> None:
    story(moodlog, fixed_clock)
    assert notes(journal_file) == [("2026-03-10", None)]  # the episode announced on day 12
    # Day 8 filled in, short: the episode now began on day 9, a day before it was announced.
    ok(moodlog, "add", "--date", str(day(8)), "--mood", "5", "--sleep", "4")
    latest = ok(moodlog, "warn", "did", "short", "bed by 10, no coffee after noon").output
    assert latest == "Noted what you did about short sleep, showing since 2026-03-09.\n"
    # Noted on the row of the episode announced, not a second row for day 9.
    assert notes(journal_file) == [("2026-03-10", "bed by 10, no coffee after noon")]
    earlier = ok(moodlog, "warn", "did", "short sleep", "told Sam", "--date", str(day(4)))
    assert earlier.output == (
        "Noted what you did about short sleep, showing 2026-03-03 to 2026-03-04.\n"
    )
    assert notes(journal_file) == [
        ("2026-03-03", "told Sam"),
        ("2026-03-10", "bed by 10, no coffee after noon"),
    ]
    again = ok(moodlog, "warn", "did", "short sleep", "told Sam and Dr Rao", "--date", "2026-03-03")
    assert "showing 2026-03-03 to 2026-03-04 (in place of what you noted before)." in again.output
    assert notes(journal_file)[0] == ("2026-03-03", "told Sam and Dr Rao")
    # Undone like every change: the earlier note is back.
    ok(moodlog, "undo", "--yes")
    assert notes(journal_file)[0] == ("2026-03-03", "told Sam")


def test_a_day_the_sign_did_not_show_is_one_line_naming_when_it_did(
    moodlog: Run, fixed_clock: Clock, journal_file: Path
) -> None:
    story(moodlog, fixed_clock)
    refused = moodlog("warn", "did", "short sleep", "went for a walk", "--date", str(day(6)))
    assert refused.exit_code == 1
    assert refused.output == (
        "moodlog: 'short sleep' did not show on 2026-03-06; it showed 2026-03-03 to "
        f"2026-03-04, since 2026-03-10; {TEST}\n"
    )
    ahead = moodlog("warn", "did", "short sleep", "slept", "--date", str(day(13)))
    assert ahead.exit_code == 1
    assert "2026-03-13 is after today" in ahead.output
    empty = moodlog("warn", "did", "short sleep", "  ")
    assert empty.exit_code == 1
    assert 'say what you did, e.g. moodlog warn did "short sleep"' in empty.output
    assert notes(journal_file) == [("2026-03-10", None)]  # nothing written


def test_a_sign_that_never_showed_has_nothing_to_note(moodlog: Run, fixed_clock: Clock) -> None:
    story(moodlog, fixed_clock)
    ok(moodlog, "warn", "add", "low days", "--when", "mood <= 3 on 5 of 7 days")
    refused = moodlog("warn", "did", "low days", "rested")
    assert refused.exit_code == 1
    assert refused.output == (
        "moodlog: 'low days' has not shown since 2025-03-13; nothing to note; "
        'moodlog warn test "low days" lists when it showed\n'
    )


def test_what_was_done_is_read_from_standard_input(
    moodlog: Run, fixed_clock: Clock, journal_file: Path
) -> None:
    story(moodlog, fixed_clock)
    given = moodlog("warn", "did", "short sleep", "-", input="Bed by 10.\nCalled the clinic.\n")
    assert given.exit_code == 0, given.output
    assert notes(journal_file) == [("2026-03-10", "Bed by 10.\nCalled the clinic.")]


def test_the_report_reads_each_note_back_by_its_episode(
    moodlog: Run, fixed_clock: Clock, tmp_path: Path
) -> None:
    story(moodlog, fixed_clock)
    ok(moodlog, "warn", "did", "short sleep", "bed by 10")  # on the row first dated day 10
    ok(moodlog, "add", "--date", str(day(8)), "--mood", "5", "--sleep", "4")  # moves it to 9
    ok(moodlog, "warn", "did", "short sleep", "told Sam", "--date", str(day(3)))
    out = tmp_path / "r.pdf"
    ok(moodlog, "report", "--since", str(day(1)), "--until", str(day(12)), "--out", str(out))
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]
    # Days 3-4 (2 days), and day 9 to the period's last day, 12 (4 days so far).
    assert (
        "short sleep: 3 Mar – 4 Mar (2 days) — did: told Sam; since 9 Mar (4 days so far) — "
        "did: bed by 10" in pages[0]
    )
    assert "• 3 Mar – 4 Mar (2 days) — did: told Sam" in pages[1]
    assert "• since 9 Mar (4 days so far) — did: bed by 10" in pages[1]

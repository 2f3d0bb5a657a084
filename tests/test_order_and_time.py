"""Order and time: `list` runs in the order of moodlog days (a day starting at
`day-starts-at`), `--time` alone is a time of today's moodlog day exactly as with
`--date today`, and an entry recorded where the clock was ahead keeps its own day and still
shows in `list`, `stats` and the daily export."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import Run

HERE = timezone(timedelta(hours=1))
NOON = datetime(2026, 11, 26, 12, 0, tzinfo=HERE)
TOKYO = timezone(timedelta(hours=9))
NEW_YORK = timezone(timedelta(hours=-5))

Clock = Callable[[datetime], None]


def ok(moodlog: Run, *args: str) -> str:
    result = moodlog(*args)
    assert result.exit_code == 0, result.output
    return str(result.output)


def entry_rows(journal: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(journal) as connection:
        return connection.execute("SELECT day, time, note FROM entries ORDER BY id").fetchall()


def test_list_runs_by_moodlog_day_its_small_hours_after_its_evening(
    moodlog: Run, fixed_clock: Clock
) -> None:
    fixed_clock(NOON)
    # Added out of order, so the ids do not give the order away.
    for clock, note in (("03:59", "d-late"), ("22:00", "b-evening"), ("08:00", "a-morning")):
        ok(moodlog, "add", "--date", "2026-11-25", "--time", clock, "--note", note)
    ok(moodlog, "add", "--date", "2026-11-25", "--time", "00:30", "--note", "c-after-midnight")
    ok(moodlog, "add", "--date", "2026-11-26", "--time", "04:00", "--note", "e-next-day")
    ok(moodlog, "add", "--date", "2026-11-24", "--time", "23:00", "--note", "0-day-before")
    listed = ok(moodlog, "list", "--since", "2026-11-24")
    notes = [line.split("] ")[1].strip() for line in listed.splitlines() if "[private]" in line]
    assert notes == sorted(notes)
    assert len(notes) == 6


def test_the_order_follows_the_day_starts_at_setting(moodlog: Run, fixed_clock: Clock) -> None:
    fixed_clock(NOON)
    ok(moodlog, "config", "set", "day-starts-at", "00:00")
    ok(moodlog, "add", "--date", "2026-11-25", "--time", "22:00", "--note", "b-evening")
    ok(moodlog, "add", "--date", "2026-11-25", "--time", "00:30", "--note", "a-midnight")
    listed = ok(moodlog, "list", "--since", "2026-11-25")
    assert listed.index("a-midnight") < listed.index("b-evening")


@pytest.mark.parametrize(
    ("now", "typed", "day"),
    [
        (NOON, "02:30", "2026-11-26"),  # the small hours at the end of today's moodlog day
        (NOON, "08:00", "2026-11-26"),
        (NOON, "23:50", "2026-11-26"),
        # At 01:00 the moodlog day is still 25 November, whichever way it is typed.
        (datetime(2026, 11, 26, 1, 0, tzinfo=HERE), "23:00", "2026-11-25"),
        (datetime(2026, 11, 26, 1, 0, tzinfo=HERE), "00:30", "2026-11-25"),
    ],
)
def test_a_time_alone_is_in_todays_moodlog_day_as_with_date_today(
    moodlog: Run, fixed_clock: Clock, journal_file: Path, now: datetime, typed: str, day: str
) -> None:
    fixed_clock(now)
    ok(moodlog, "add", "--time", typed, "--note", "alone")
    ok(moodlog, "add", "--date", "today", "--time", typed, "--note", "with today")
    assert entry_rows(journal_file) == [(day, typed, "alone"), (day, typed, "with today")]


def test_a_dose_time_alone_is_in_todays_moodlog_day_as_with_date_today(
    moodlog: Run, fixed_clock: Clock, journal_file: Path
) -> None:
    fixed_clock(NOON)
    ok(moodlog, "med", "add", "lorazepam", "--dose", "1mg", "--prn", "--start", "2026-11-01")
    ok(moodlog, "took", "lorazepam", "--time", "02:30")
    ok(moodlog, "took", "lorazepam", "--date", "today", "--time", "02:30")
    with sqlite3.connect(journal_file) as connection:
        doses = connection.execute("SELECT day, time FROM doses ORDER BY id").fetchall()
    assert doses == [("2026-11-26", "02:30"), ("2026-11-26", "02:30")]


def test_an_entry_made_where_the_clock_was_ahead_keeps_its_day_and_stays_in_view(
    moodlog: Run, fixed_clock: Clock
) -> None:
    # In Tokyo on the morning of 27 November...
    fixed_clock(datetime(2026, 11, 27, 8, 0, tzinfo=TOKYO))
    ok(moodlog, "add", "--mood", "9", "--note", "from tokyo")
    # ...then in New York, where it is still 26 November.
    fixed_clock(datetime(2026, 11, 26, 18, 0, tzinfo=NEW_YORK))
    ok(moodlog, "add", "--mood", "3", "--note", "in new york")

    listed = ok(moodlog, "list")
    assert "2026-11-27" in listed
    assert listed.index("in new york") < listed.index("from tokyo")
    assert "2026-11-27" in ok(moodlog, "list", "--last", "1d")

    daily = list(csv.DictReader(io.StringIO(ok(moodlog, "export", "--table", "daily"))))
    assert [(row["day"], row["mood"]) for row in daily] == [
        ("2026-11-26", "3"),
        ("2026-11-27", "9"),
    ]

    stats = ok(moodlog, "stats", "--last", "7d")
    assert "2026-11-21 to 2026-11-27" in stats
    assert "6.0" in stats  # the mean of 3 and 9


def test_a_day_beyond_any_time_zone_does_not_move_the_period(
    moodlog: Run, fixed_clock: Clock, journal_file: Path
) -> None:
    """An entry three days on (written by hand into a file, say) is not one a time zone made:
    the period still ends today."""
    fixed_clock(NOON)
    ok(moodlog, "add", "--mood", "5")
    with sqlite3.connect(journal_file) as connection:
        connection.execute("UPDATE entries SET day = '2026-11-29'")
    assert "No entries in this period" in ok(moodlog, "list")


KIRIBATI = timezone(timedelta(hours=14))
# 20:00 here is 09:00 of the next morning at UTC+14.
EVENING_HERE = datetime(2026, 11, 26, 20, 0, tzinfo=HERE)
NEXT_MORNING_THERE = datetime(2026, 11, 27, 9, 0, tzinfo=KIRIBATI)


def test_an_entry_made_at_utc_plus_14_on_local_tomorrow_is_in_the_report_and_stats(
    moodlog: Run, fixed_clock: Clock, tmp_path: Path
) -> None:
    fixed_clock(NEXT_MORNING_THERE)
    ok(moodlog, "add", "--mood", "9", "--note", "from kiribati")
    fixed_clock(EVENING_HERE)
    ok(moodlog, "add", "--mood", "3", "--note", "here")

    out = tmp_path / "report.pdf"
    ok(moodlog, "report", "--out", str(out))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    # The last 30 days, ending on the day the entry from UTC+14 was made: 29 Oct to 27 Nov.
    assert "29 Oct – 27 Nov 2026" in text
    assert "2 of 30 days" in text
    assert "Mood (0-10) 6.0 mean of 2 days" in text  # (3 + 9) / 2

    # --last moves its end the same way; --until still ends where it says.
    ok(moodlog, "report", "--last", "7d", "--out", str(out))
    assert "21 Nov – 27 Nov 2026" in " ".join(PdfReader(out).pages[0].extract_text().split())
    ok(moodlog, "report", "--last", "7d", "--until", "today", "--out", str(out))
    first = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "20 Nov – 26 Nov 2026" in first
    assert "Mood (0-10) 3.0 mean of 1 day" in first

    stats = ok(moodlog, "stats")
    assert "2026-10-29 to 2026-11-27" in stats
    assert "6.0" in stats


def test_status_speaks_of_the_local_day_when_an_entry_is_on_local_tomorrow(
    moodlog: Run, fixed_clock: Clock
) -> None:
    """Status is about today where you are: an entry made on a day that here is still tomorrow
    does not log today, and it does not trip status up."""
    fixed_clock(NEXT_MORNING_THERE)
    ok(moodlog, "add", "--mood", "9")
    fixed_clock(EVENING_HERE)
    assert ok(moodlog, "status").strip() == "not logged today"
    ok(moodlog, "add", "--mood", "3")
    assert ok(moodlog, "status").strip() == "all logged today"

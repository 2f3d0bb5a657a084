"""`moodlog status`: one line naming what of today is left to log, and `--quiet` for prompts."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

from moodlog.actions.status import today_status
from tests.conftest import Run


def ok(moodlog: Run, *args: str) -> str:
    result = moodlog(*args)
    assert result.exit_code == 0, result.output
    return result.output


def status(moodlog: Run, *args: str) -> tuple[int, str]:
    result = moodlog("status", *args)
    return result.exit_code, result.output


def morning_and_evening_sertraline(moodlog: Run) -> None:
    ok(moodlog, "med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning,evening",
       "--start", "2025-01-01")  # fmt: skip


def test_before_the_first_entry_of_the_day_status_says_today_is_not_logged(moodlog: Run) -> None:
    ok(moodlog, "add", "--date", "yesterday", "--mood", "6")
    code, output = status(moodlog)
    assert code == 0
    assert output == "not logged today\n"


def evening(fixed_clock: Callable[[datetime], None]) -> None:
    """Stop the clock at 20:00 today: the morning (08:00) and evening (18:00) doses are due."""
    fixed_clock(datetime.combine(date.today(), time(20, 0)).astimezone())


def test_each_scheduled_dose_not_yet_logged_is_named(
    moodlog: Run, fixed_clock: Callable[[datetime], None]
) -> None:
    evening(fixed_clock)
    morning_and_evening_sertraline(moodlog)
    code, output = status(moodlog)
    assert code == 0
    assert output == "not logged today · sertraline morning, sertraline evening not logged\n"
    ok(moodlog, "add", "--mood", "6")
    ok(moodlog, "took", "sertraline")  # the morning dose
    assert status(moodlog) == (0, "sertraline evening not logged\n")


def test_with_the_entry_and_every_dose_in_status_says_all_logged(moodlog: Run) -> None:
    morning_and_evening_sertraline(moodlog)
    ok(moodlog, "add", "--mood", "6")
    ok(moodlog, "took", "sertraline")
    ok(moodlog, "missed", "sertraline")  # a dose logged missed is logged
    assert status(moodlog) == (0, "all logged today\n")


def test_a_dose_held_on_advice_is_logged_and_as_needed_medicines_are_never_due(
    moodlog: Run,
) -> None:
    ok(moodlog, "med", "add", "lithium", "--dose", "300mg", "--start", "2025-01-01")
    ok(moodlog, "med", "add", "lorazepam", "--dose", "0.5mg", "--prn", "--start", "2025-01-01")
    ok(moodlog, "add", "--mood", "6")
    ok(moodlog, "skipped", "lithium", "--reason", "blood test")
    assert status(moodlog) == (0, "all logged today\n")


def test_doses_alone_do_not_make_today_logged(moodlog: Run) -> None:
    ok(moodlog, "med", "add", "lithium", "--dose", "300mg", "--start", "2025-01-01")
    ok(moodlog, "took", "lithium")
    assert status(moodlog) == (0, "not logged today\n")


def test_many_doses_left_still_fit_one_short_line(moodlog: Run) -> None:
    for name in ("amisulpride", "bupropion", "clozapine", "diazepam", "escitalopram"):
        ok(moodlog, "med", "add", name, "--dose", "1 tablet", "--start", "2025-01-01")
    ok(moodlog, "add", "--mood", "6")
    code, output = status(moodlog)
    assert code == 0
    assert output == "amisulpride, bupropion, clozapine and 2 more doses not logged\n"


def test_quiet_status_prints_nothing_and_exits_1_while_something_is_left(
    moodlog: Run, fixed_clock: Callable[[datetime], None]
) -> None:
    evening(fixed_clock)
    morning_and_evening_sertraline(moodlog)
    ok(moodlog, "add", "--mood", "6")
    ok(moodlog, "took", "sertraline")
    assert status(moodlog, "--quiet") == (1, "")
    ok(moodlog, "took", "sertraline")
    assert status(moodlog, "--quiet") == (0, "")
    assert status(moodlog, "-q") == (0, "")


def test_quiet_status_exits_1_when_only_the_entry_is_missing(moodlog: Run) -> None:
    ok(moodlog, "add", "--date", "yesterday", "--mood", "6")
    assert status(moodlog, "--quiet") == (1, "")


def test_status_without_a_journal_creates_nothing(moodlog: Run, journal_home: Path) -> None:
    code, output = status(moodlog)
    assert code == 0
    assert output == "not logged today · no journal yet (moodlog add starts one)\n"
    assert status(moodlog, "--quiet") == (1, "")
    assert not journal_home.exists()


def test_a_late_night_entry_counts_for_the_day_before(moodlog: Run, journal_file: Path) -> None:
    """The day starts at 04:00: at 01:30 on the 5th it is still the 4th."""
    ok(moodlog, "med", "add", "lithium", "--dose", "300mg", "--schedule", "bedtime",
       "--start", "2025-01-01")  # fmt: skip
    ok(moodlog, "add", "--date", "2025-03-04", "--mood", "6")
    ok(moodlog, "took", "lithium", "--date", "2025-03-04", "--time", "23:50")

    late = today_status(journal_file, datetime.combine(date(2025, 3, 5), time(1, 30)).astimezone())
    assert late.day == date(2025, 3, 4)
    assert late.logged
    assert late.doses_left == ()
    assert not late.anything_left

    morning = today_status(
        journal_file, datetime.combine(date(2025, 3, 5), time(9, 0)).astimezone()
    )
    assert morning.day == date(2025, 3, 5)
    assert not morning.logged
    assert morning.doses_left == ()  # the bedtime dose is not due until 22:00
    night = today_status(
        journal_file, datetime.combine(date(2025, 3, 5), time(22, 30)).astimezone()
    )
    assert [dose.label for dose in night.doses_left] == ["lithium bedtime"]


def test_the_day_starts_when_the_setting_says(moodlog: Run, journal_file: Path) -> None:
    ok(moodlog, "config", "set", "day-starts-at", "02:00")
    ok(moodlog, "add", "--date", "2025-03-04", "--mood", "6")
    at_three = today_status(
        journal_file, datetime.combine(date(2025, 3, 5), time(3, 0)).astimezone()
    )
    assert at_three.day == date(2025, 3, 5)
    assert not at_three.logged


def test_status_loads_no_pandas_numpy_matplotlib_or_rich(moodlog: Run, journal_home: Path) -> None:
    """In a fresh interpreter, with medicines and an entry, so every step of status runs (a
    once-a-day dose is due from the start of the day, whatever the time the test runs)."""
    morning_and_evening_sertraline(moodlog)
    ok(moodlog, "med", "add", "lithium", "--dose", "300mg", "--start", "2025-01-01")
    ok(moodlog, "add", "--mood", "6")
    code = (
        "import sys\n"
        "from moodlog.cli import main\n"
        "for args in (['moodlog', 'status'], ['moodlog', 'status', '--quiet'],\n"
        "             ['moodlog', 'status', '--json']):\n"
        "    sys.argv = args\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('pandas', 'numpy', 'matplotlib', 'rich')\n"
        "print('HEAVY:' + ','.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    line = finished.stdout.splitlines()[0]
    assert "lithium" in line.partition(" not logged")[0]
    assert "HEAVY:\n" in finished.stdout, finished.stdout

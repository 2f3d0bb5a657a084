"""Warning signs watched every day: announced once per episode after the commands that log
something, the crisis resources for a sign that touches safety, `status`, and `undo`
(docs/warning-signs.md, "Watched every day")."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from moodlog.actions.sign_watch import announce_signs
from moodlog.storage.journal import open_journal
from tests.conftest import Run
from tests.reckoning import ok

Clock = Callable[[datetime], None]
D1 = date(2026, 3, 1)
SHOWING = "A warning sign you chose to watch for is showing: "
RESOURCES = "Call Lee on 555-0199"


def day(n: int) -> date:
    """Day ``n`` of the scripted weeks: day 1 is 2026-03-01."""
    return D1 + timedelta(days=n - 1)


def at(n: int, hour: int = 20) -> datetime:
    return datetime.combine(day(n), time(hour, 0)).astimezone()


def on_day(moodlog: Run, fixed_clock: Clock, n: int, *args: str) -> str:
    """Run a command on the evening of day ``n``; its output."""
    fixed_clock(at(n))
    return ok(moodlog, *args).output


def announced(journal_file: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(journal_file) as connection:
        rows = connection.execute(
            "SELECT sign_id, first_day FROM warning_sign_episodes ORDER BY id"
        ).fetchall()
    connection.close()
    return [(sign, first) for sign, first in rows]


def test_a_sign_shows_once_per_episode_and_again_in_a_new_one(
    moodlog: Run, fixed_clock: Clock, journal_file: Path
) -> None:
    on_day(moodlog, fixed_clock, 1, "add", "--sleep", "4")
    ok(moodlog, "warn", "add", "short sleep", "--when", "sleep < 5 on 2 nights in a row",
       "--plan", "Sleep before midnight.\nCall Dr Rao's office.")  # fmt: skip
    outputs = {
        # day 2: the second short night in a row, the episode begins
        "day 2": on_day(moodlog, fixed_clock, 2, "add", "--sleep", "4"),
        "day 2 later": on_day(moodlog, fixed_clock, 2, "add", "--mood", "6"),
        "day 3": on_day(moodlog, fixed_clock, 3, "add", "--sleep", "4.5"),
        "day 4": on_day(moodlog, fixed_clock, 4, "add", "--sleep", "7"),  # it ends
        "day 5": on_day(moodlog, fixed_clock, 5, "add", "--sleep", "4"),
        "day 6": on_day(moodlog, fixed_clock, 6, "add", "--sleep", "3"),  # a new episode
        "day 7": on_day(moodlog, fixed_clock, 7, "add", "--sleep", "3"),
    }
    shown = [when for when, output in outputs.items() if SHOWING in output]
    assert shown == ["day 2", "day 6"]
    first = outputs["day 2"]
    assert "short sleep (sleep < 5 on 2 nights in a row), since 2026-03-02." in first
    assert "  Sleep before midnight.\n  Call Dr Rao's office.\n" in first
    assert "tells no one and sends nothing" in first
    assert RESOURCES not in first
    assert "988" not in first
    assert announced(journal_file) == [(1, "2026-03-02"), (1, "2026-03-06")]


def test_a_back_filled_entry_announces_only_an_episode_of_today_or_yesterday(
    moodlog: Run, fixed_clock: Clock, journal_file: Path
) -> None:
    on_day(moodlog, fixed_clock, 1, "add", "--mood", "6")
    ok(moodlog, "warn", "add", "low days", "--when", "mood <= 3 on 2 days in a row")
    # On day 20, days 5 and 6 back-filled low: an episode of the past, not announced.
    for past in (5, 6):
        output = on_day(moodlog, fixed_clock, 20, "add", "--date", day(past).isoformat(),
                        "--mood", "2")  # fmt: skip
        assert SHOWING not in output
    assert announced(journal_file) == []
    assert "2026-03-06 (1 day)" in ok(moodlog, "warn", "test", "--last", "30d").output
    # Days 18 and 19 back-filled low: the episode includes yesterday, so it is announced.
    assert SHOWING not in on_day(moodlog, fixed_clock, 20, "add", "--date", "2026-03-18",
                                 "--mood", "3")  # fmt: skip
    output = on_day(moodlog, fixed_clock, 20, "add", "--date", "yesterday", "--mood", "2")
    assert SHOWING + "low days (mood <= 3 on 2 days in a row), since 2026-03-19." in output
    assert announced(journal_file) == [(1, "2026-03-19")]


def test_a_sign_over_self_harm_or_phq9_item_9_shows_the_crisis_resources(
    moodlog: Run, fixed_clock: Clock
) -> None:
    on_day(moodlog, fixed_clock, 1, "add", "--mood", "5")
    ok(moodlog, "config", "set", "crisis-resources", RESOURCES)
    ok(moodlog, "warn", "add", "urges", "--when", "urge self-harm >= 2")
    ok(moodlog, "warn", "add", "item 9", "--when", "phq9 item 9 >= 1", "--plan", "Tell Sam.")
    ok(moodlog, "warn", "add", "tired", "--when", "energy <= 2")
    # A self-harm urge of 2 raises no safety flag; the sign alone shows the resources.
    output = on_day(moodlog, fixed_clock, 2, "add", "--urge", "self-harm=2", "--energy", "2")
    assert output.count(SHOWING) == 2
    urges, tired = output.split(SHOWING)[1:]
    assert urges.startswith("urges (urge self-harm >= 2)")
    assert "get help now:\n  " + RESOURCES in urges
    assert RESOURCES not in tired
    assert "Thank you for writing this down" not in output
    # PHQ-9 item 9: the sign with its plan and the resources, then the crisis message as ever.
    output = on_day(moodlog, fixed_clock, 2, "check", "phq9", "--answers",
                    "0,0,0,0,0,0,0,0,1", "--difficulty", "0")  # fmt: skip
    sign, crisis = output.split("Your answers are saved. You noted:")
    assert SHOWING + "item 9 (phq9 item 9 >= 1)" in sign
    assert "  Tell Sam.\n" in sign
    assert RESOURCES in sign
    assert "Thank you for writing this down" in crisis
    assert RESOURCES in crisis


def test_missed_and_took_announce_a_dose_sign(
    moodlog: Run, fixed_clock: Clock, journal_file: Path
) -> None:
    fixed_clock(at(1))
    ok(moodlog, "med", "add", "lithium", "--dose", "300mg", "--start", day(1).isoformat())
    ok(moodlog, "warn", "add", "missed lithium", "--when", "missed lithium 2 days in a row")
    assert SHOWING not in on_day(moodlog, fixed_clock, 2, "missed", "lithium")
    output = on_day(moodlog, fixed_clock, 3, "missed", "lithium")
    assert SHOWING + "missed lithium (missed lithium on 2 days in a row)" in output
    assert SHOWING not in on_day(moodlog, fixed_clock, 4, "missed", "lithium")
    assert SHOWING not in on_day(moodlog, fixed_clock, 5, "took", "lithium")
    assert announced(journal_file) == [(1, "2026-03-03")]


def test_status_names_a_sign_showing_and_quiet_exits_1(moodlog: Run, fixed_clock: Clock) -> None:
    on_day(moodlog, fixed_clock, 1, "add", "--sleep", "4")
    ok(moodlog, "warn", "add", "short sleep", "--when", "sleep < 5 on 2 nights in a row")
    on_day(moodlog, fixed_clock, 2, "add", "--sleep", "4")
    assert ok(moodlog, "status").output.strip() == "sign: short sleep"
    assert moodlog("status", "--quiet").exit_code == 1
    shown = ok(moodlog, "status", "--json").output
    assert '"warning_signs": [\n  {"id": 1, "name": "short sleep"}\n ]' in shown
    # The next morning, before anything is logged, the sign is judged on yesterday.
    fixed_clock(at(3, 9))
    assert ok(moodlog, "status").output.strip() == "not logged today · sign: short sleep"
    on_day(moodlog, fixed_clock, 3, "add", "--sleep", "8")
    assert ok(moodlog, "status").output.strip() == "all logged today"
    assert moodlog("status", "--quiet").exit_code == 0
    assert '"warning_signs": []' in ok(moodlog, "status", "--json").output


def test_no_entry_for_days_counts_today_only_once_it_is_over(
    moodlog: Run, fixed_clock: Clock, journal_file: Path
) -> None:
    on_day(moodlog, fixed_clock, 1, "add", "--mood", "6")
    ok(moodlog, "warn", "add", "silence", "--when", "no entry for 3 days")
    # Days 2, 3 and 4 have no entry. On day 4 itself the day is not over: nothing shows.
    fixed_clock(at(4, 21))
    assert "sign" not in ok(moodlog, "status").output
    fixed_clock(at(5, 9))
    assert ok(moodlog, "status").output.strip() == "not logged today · sign: silence"
    output = on_day(moodlog, fixed_clock, 5, "add", "--mood", "4")
    assert SHOWING + "silence (no entry for 3 days), since 2026-03-04." in output
    assert ok(moodlog, "status").output.strip() == "all logged today"
    assert announced(journal_file) == [(1, "2026-03-04")]


def test_undo_of_the_add_takes_its_announcement_back(
    moodlog: Run, fixed_clock: Clock, journal_file: Path
) -> None:
    on_day(moodlog, fixed_clock, 1, "add", "--sleep", "4")
    ok(moodlog, "warn", "add", "short sleep", "--when", "sleep < 5 on 2 nights in a row")
    assert SHOWING in on_day(moodlog, fixed_clock, 2, "add", "--sleep", "4")
    undone = ok(moodlog, "undo", "--yes").output
    assert "warning sign announced 1 added: first_day 2026-03-02" in undone
    assert announced(journal_file) == []
    # The sign still shows after a new entry, so it is announced again.
    assert SHOWING in on_day(moodlog, fixed_clock, 2, "add", "--sleep", "4.5")
    assert announced(journal_file) == [(1, "2026-03-02")]


def test_with_no_sign_add_prints_nothing_more_and_looks_once(
    moodlog: Run, fixed_clock: Clock, journal_file: Path
) -> None:
    on_day(moodlog, fixed_clock, 1, "add", "--sleep", "4")
    output = on_day(moodlog, fixed_clock, 2, "add", "--sleep", "4")
    assert output == "Saved entry 2 for 2026-03-02 at 20:00.\n"
    statements: list[str] = []
    with open_journal(journal_file) as journal, journal.transaction() as connection:
        connection.set_trace_callback(statements.append)
        assert announce_signs(journal, connection, at(2)) == []
        connection.set_trace_callback(None)
    assert statements == ["SELECT id, name, rule, plan, preset, recorded_at FROM warning_signs "
                          "ORDER BY id"]  # fmt: skip


def test_add_with_signs_loads_no_heavy_module(moodlog: Run, journal_home: Path) -> None:
    ok(moodlog, "med", "add", "lithium", "--dose", "300mg", "--start", "2025-01-01")
    ok(moodlog, "add", "--sleep", "4", "--date", "yesterday")
    for name, rule in (
        ("short sleep", "sleep < 5 on 2 nights in a row"),
        ("missed", "missed lithium 2 days in a row"),
        ("phq", "phq9 >= 15"),
        ("silence", "no entry for 3 days"),
        ("anxious", "anxiety mean over 7 days >= 7"),
    ):
        ok(moodlog, "warn", "add", name, "--when", rule)
    code = (
        "import sys\n"
        "from moodlog.cli import app\n"
        "try:\n"
        "    app(['add', '--sleep', '4'], standalone_mode=False)\n"
        "finally:\n"
        "    heavy = [m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules]\n"
        "    print('HEAVY:' + ','.join(heavy))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert SHOWING + "short sleep" in finished.stdout
    assert "HEAVY:\n" in finished.stdout


@pytest.mark.parametrize("command", [["add", "--mood", "6"], ["status"]])
def test_without_signs_add_and_status_load_no_rule_machinery(
    moodlog: Run, journal_home: Path, command: list[str]
) -> None:
    # The daily commands of a person who keeps no warning signs pay one query, not the
    # rules' grammar and the days' values (about 15 ms of imports here).
    ok(moodlog, "add", "--mood", "5", "--date", "yesterday")
    code = (
        "import sys\n"
        "from moodlog.cli import app\n"
        "try:\n"
        f"    app({command!r}, standalone_mode=False)\n"
        "finally:\n"
        "    loaded = [m for m in ('moodlog.domain.warning_signs', 'moodlog.domain.sign_days',\n"
        "              'moodlog.actions.watching') if m in sys.modules]\n"
        "    print('LOADED:' + ','.join(loaded))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "LOADED:\n" in finished.stdout
    ok(moodlog, "warn", "add", "short sleep", "--when", "sleep < 5 on 2 nights in a row")
    finished = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "moodlog.actions.watching" in finished.stdout  # with a sign, the watch runs

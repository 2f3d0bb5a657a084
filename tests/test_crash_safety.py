"""A moodlog command killed with SIGKILL at any moment leaves a whole journal: `PRAGMA
integrity_check` is ok, and each command's rows are all there or none.

The harness is generic over a command: it starts it as a real process (`python -m moodlog …`,
or a script calling moodlog again and again), kills it at a random moment of its run (the run is
first timed once, uninterrupted, and the moments are spread over all of it, or over a window of
it such as one transaction), and hands the journal to a check. A trial counts only when the
process was still running when the signal arrived (its exit status says it died of SIGKILL,
which only the harness sends), so every counted trial was killed mid-work.

Short forms run in CI; the long forms (`pytest -m slow`) run at least 20 trials each.
"""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from moodlog.storage.migrations import MIGRATION_NAMES
from tests.conftest import Run, short_and_slow


def moodlog_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "moodlog", *args]


@dataclass(frozen=True)
class Trial:
    number: int
    after: float  # seconds from the start of the watched work when the signal was sent
    phase: str  # what the check found: e.g. "none" or "all"


@dataclass(frozen=True)
class Timing:
    """One uninterrupted run, in seconds from its start: when the watched work began and ended
    (as seen from outside), and when the process exited."""

    began: float
    ended: float
    exited: float


Condition = Callable[[int], bool]
POLL = 0.002


def _started(number: int) -> bool:
    return True


def time_run(argv: list[str], begins: Callable[[], bool], ends: Callable[[], bool]) -> Timing:
    """Run ``argv`` to the end, noting when ``begins()`` and then ``ends()`` first held."""
    started = time.monotonic()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    began = ended = None
    while process.poll() is None:
        now = time.monotonic() - started
        if began is None and begins():
            began = now
        if began is not None and ended is None and ends():
            ended = now
        time.sleep(POLL)
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 0, errors
    exited = time.monotonic() - started
    return Timing(began or 0.0, ended or exited, exited)


def kill_during(argv: list[str], begins: Callable[[], bool], after: float) -> bool:
    """Start ``argv``, wait until ``begins()`` holds, and send SIGKILL ``after`` seconds later.
    True when the process was still at work then: it died of the signal, which only this
    function sends, rather than finishing on its own."""
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while process.poll() is None and not begins():
        time.sleep(POLL)
    try:
        process.wait(timeout=after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    return process.returncode == -signal.SIGKILL


def crash_trials(
    argv_for: Callable[[int], list[str]],
    check: Callable[[int], str],
    trials: int,
    window: float,
    seed: int,
    begins: Condition = _started,
    first: int = 1,
) -> list[Trial]:
    """Start ``argv_for(n)`` for n = ``first``, ``first`` + 1, …, kill it at a random moment of
    the ``window`` seconds after ``begins(n)`` first holds (default: from its start), and
    ``check(n)``, which asserts the journal is whole and names the state it found. The moments
    are drawn one from each of ``trials`` equal slices of the window, so they cover all of it.
    A run that finished before its moment does not count (its journal is checked too) and is
    drawn again earlier."""
    rng = random.Random(seed)
    done: list[Trial] = []
    number = first - 1
    for slot in range(trials):
        after = window * (slot + 1 - rng.random()) / trials
        while True:
            number += 1
            if kill_during(argv_for(number), partial(begins, number), after):
                break
            check(number)
            after *= 0.8
        done.append(Trial(number, after, check(number)))
    return done


def whole_run_trials(
    argv_for: Callable[[int], list[str]], check: Callable[[int], str], trials: int, seed: int
) -> tuple[Timing, list[Trial]]:
    """Run 0 uninterrupted (``check(0)`` must find the final state, "all"), then kill
    ``trials`` runs at moments spread over the whole of its run."""
    timing = time_run(argv_for(0), lambda: True, lambda: False)
    assert check(0) == "all"
    return timing, crash_trials(argv_for, check, trials, timing.exited, seed)


def phases(trials: list[Trial]) -> Counter[str]:
    return Counter(trial.phase for trial in trials)


def integrity_ok(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def files_are_private(folder: Path) -> None:
    for path in folder.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


# A burst of adds: one process running `moodlog add` again and again (as a shell loop or a
# script would), each add writing an entry, a skill use, a dose and a safety flag in one
# transaction.
BURST = """
import sys
from moodlog.cli import app
for n in range(int(sys.argv[1])):
    try:
        app(["--db", sys.argv[2], "add", "--mood", "5", "--note", f"burst {n}", "--tag", "burst",
             "--skill", "opposite=5", "--took", "lorazepam", "--urge", "suicidal-thoughts=1"],
            standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            raise
"""


@pytest.fixture(scope="module")
def journal_with_a_prn_medicine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    path = folder / "moodlog.db"
    made = subprocess.run(
        moodlog_argv("--db", str(path), "med", "add", "lorazepam", "--dose", "1mg", "--prn"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    return path


def check_burst(path: Path, adds: int) -> str:
    """Every add is whole: entries are `burst 0` … `burst k-1` with no gap, each with its skill
    use, dose and safety flag, and nothing else was written."""
    integrity_ok(path)
    notes = [row[0] for row in rows(path, "SELECT note FROM entries ORDER BY id")]
    count = len(notes)
    assert notes == [f"burst {n}" for n in range(count)]
    for table in ("skill_uses", "doses", "safety_flags"):
        linked = rows(path, f"SELECT count(*), count(DISTINCT entry_id) FROM {table}")
        assert linked == [(count, count)], table
    assert rows(path, "SELECT count(*) FROM entries WHERE tags = 'burst'") == [(count,)]
    return "all" if count == adds else "none" if count == 0 else f"{count} of {adds}"


@short_and_slow("trials, adds", (3, 40), (20, 150))
def test_a_burst_of_adds_killed_at_any_moment_keeps_every_add_whole(
    journal_with_a_prn_medicine: Path, moodlog: Run, tmp_path: Path, trials: int, adds: int
) -> None:
    def journal(number: int) -> Path:
        return tmp_path / f"trial-{number}" / "moodlog.db"

    def argv_for(number: int) -> list[str]:
        path = journal(number)
        path.parent.mkdir(mode=0o700)
        shutil.copy(journal_with_a_prn_medicine, path)
        return [sys.executable, "-c", BURST, str(adds), str(path)]

    timing, killed = whole_run_trials(argv_for, lambda n: check_burst(journal(n), adds), trials, 9)
    for trial in killed:
        files_are_private(journal(trial.number).parent)
        # The journal is still moodlog's to use after the crash.
        path = str(journal(trial.number))
        assert moodlog("--db", path, "add", "--mood", "6").exit_code == 0
        assert moodlog("--db", path, "list").exit_code == 0
    print(f"burst of {adds} adds, {timing.exited:.2f} s; {len(killed)} kills: {phases(killed)}")
    assert len(killed) == trials


def check_demo(folder: Path, expected: dict[str, int]) -> str:
    """The demo writes its entries (with the preset's scales) in one transaction and its
    appointments and questions in a second: each of those is all there or none, in order."""
    path = folder / "moodlog.db"
    if not path.exists() or path.stat().st_size == 0:
        return "no journal yet"
    integrity_ok(path)
    tables = {row[0] for row in rows(path, "SELECT name FROM sqlite_master WHERE type='table'")}
    if "schema_migrations" not in tables:
        assert tables == set()
        return "no journal yet"
    applied = [row[0] for row in rows(path, "SELECT name FROM schema_migrations ORDER BY name")]
    assert applied == list(MIGRATION_NAMES[: len(applied)])
    if len(applied) < len(MIGRATION_NAMES):
        return "migrating"
    counts = {table: rows(path, f"SELECT count(*) FROM {table}")[0][0] for table in expected}
    first = {table: counts[table] for table in ("entries", "scales")}
    second = {table: counts[table] for table in ("appointments", "questions")}
    for part in (first, second):
        assert set(part.values()) == {0} or part == {t: expected[t] for t in part}, counts
    if counts["entries"] == 0:
        assert set(second.values()) == {0}
        return "none"
    return "all" if set(second.values()) != {0} else "entries only"


def entries_visible(path: Path) -> bool:
    # Only once the journal is in WAL mode, where a reader never holds up the writer.
    if not path.with_name(path.name + "-wal").exists():
        return False
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return bool(connection.execute("SELECT count(*) FROM entries").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return False


BEFORE_THE_ROWS = ("no journal yet", "migrating", "none")


@short_and_slow("trials, days", (2, 3650), (20, 3650))
def test_a_ten_year_demo_killed_at_any_moment_writes_all_of_its_days_or_none(
    moodlog: Run, tmp_path: Path, trials: int, days: int
) -> None:
    """`moodlog demo --days 3650` writes about 6,500 entries in one transaction, then its
    appointments in a second, then its report. It is killed at moments spread over its whole
    run, and again as often at moments inside the first transaction (from the journal file
    appearing to its days becoming visible to a reader)."""
    expected: dict[str, int] = {}

    def folder(number: int) -> Path:
        return tmp_path / f"demo-{number}"

    def argv_for(number: int) -> list[str]:
        return moodlog_argv("demo", "--days", str(days), "--out", str(folder(number)))

    def check(number: int) -> str:
        if not expected:
            path = folder(0) / "moodlog.db"
            for table in ("entries", "scales", "appointments", "questions"):
                expected[table] = rows(path, f"SELECT count(*) FROM {table}")[0][0]
            assert expected["entries"] > days
        return check_demo(folder(number), expected)

    journal = folder(0) / "moodlog.db"
    timing = time_run(argv_for(0), journal.exists, lambda: entries_visible(journal))
    assert check(0) == "all"
    whole = crash_trials(argv_for, check, trials, timing.exited, seed=6)
    # The kills inside the first transaction are timed from one run; on a busy machine the
    # next runs may write faster and every kill land after the rows. Then the moments are
    # drawn again over a shorter window, so some kill still lands before the rows are in.
    window = timing.ended - timing.began
    for attempt in range(4):
        writing = crash_trials(
            argv_for,
            check,
            trials,
            window,
            seed=7 + attempt,
            begins=lambda n: (folder(n) / "moodlog.db").exists(),
            first=1000 * (attempt + 1),
        )
        if any(trial.phase in BEFORE_THE_ROWS for trial in writing):
            break
        window /= 2
    for trial in whole + writing:
        if folder(trial.number).exists():
            files_are_private(folder(trial.number))
        path = folder(trial.number) / "moodlog.db"
        if path.exists():
            listed = moodlog("--db", str(path), "list")
            assert listed.exit_code == 0, listed.output
    print(f"demo --days {days}: {timing.exited:.2f} s, {len(whole)} kills: {phases(whole)}")
    print(
        f"  writing its days: {timing.ended - timing.began:.2f} s, {len(writing)} kills: ", end=""
    )
    print(phases(writing))
    assert len(whole) == len(writing) == trials
    assert sum(phases(writing)[phase] for phase in BEFORE_THE_ROWS) > 0
    if trials >= 20:
        # Spread over the whole run: some kills before the rows were in, some after.
        assert sum(phases(whole)[phase] for phase in BEFORE_THE_ROWS) > 0
        assert phases(whole)["all"] + phases(whole)["entries only"] > 0


@pytest.fixture(scope="module")
def ten_year_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's ten years of entries (about 6,500), without its report."""
    from datetime import datetime

    from moodlog.actions.demo import fill_appointments, fill_demo
    from moodlog.storage.journal import open_journal

    path = tmp_path_factory.mktemp("ten-years") / "moodlog.db"
    now = datetime.now().astimezone()
    with open_journal(path) as journal:
        fill_demo(journal, 3650, now.date(), now)
        fill_appointments(journal, 3650, now.date(), now)
    return path


@short_and_slow("trials", (3,), (20,))
def test_a_backup_killed_at_any_moment_leaves_a_whole_copy_or_none(
    ten_year_journal: Path, tmp_path: Path, trials: int
) -> None:
    """The kills fall between the first file appearing in the backup's folder and the end of
    the command: a copy cut short must not be left where a whole one would be."""
    entries = rows(ten_year_journal, "SELECT count(*) FROM entries")[0][0]

    def folder(number: int) -> Path:
        return tmp_path / f"backup-{number}"

    def argv_for(number: int) -> list[str]:
        folder(number).mkdir(mode=0o700)
        target = folder(number) / "copy.db"
        return moodlog_argv("--db", str(ten_year_journal), "backup", "--out", str(target))

    def check(number: int) -> str:
        copy = folder(number) / "copy.db"
        if not copy.exists():
            return "none"
        integrity_ok(copy)
        assert rows(copy, "SELECT count(*) FROM entries") == [(entries,)]
        return "all"

    def begins(number: int) -> bool:
        return any(folder(number).iterdir())

    timing = time_run(argv_for(0), lambda: begins(0), lambda: False)
    assert check(0) == "all"
    killed = crash_trials(
        argv_for, check, trials, timing.exited - timing.began, seed=8, begins=begins, first=1
    )
    print(
        f"backup of ten years, {timing.exited - timing.began:.3f} s after the first file; ", end=""
    )
    print(f"{len(killed)} kills: {phases(killed)}")
    assert len(killed) == trials
    integrity_ok(ten_year_journal)


# ---------------------------------------------------------------------------------------------
# `moodlog import` of a large whole-journal JSON (written by `moodlog export --table all
# --format json`), killed at random.
# ---------------------------------------------------------------------------------------------
IMPORTED_TABLES = ("entries", "regimen", "doses", "skill_uses", "appointments", "questions")


@short_and_slow("trials, days", (3, 365), (20, 3650))
def test_a_large_import_killed_at_any_moment_restores_everything_or_nothing(
    moodlog: Run, tmp_path: Path, trials: int, days: int
) -> None:
    source = tmp_path / "source" / "moodlog.db"
    made = moodlog("demo", "--days", str(days), "--out", str(source.parent))
    assert made.exit_code == 0, made.output  # the demo has medicines, doses and skills
    whole = tmp_path / "whole.json"
    export = ["export", "--table", "all", "--format", "json", "--out", str(whole)]
    exported = moodlog("--db", str(source), *export)
    assert exported.exit_code == 0, exported.output
    expected = {t: rows(source, f"SELECT count(*) FROM {t}")[0][0] for t in IMPORTED_TABLES}

    def journal(number: int) -> Path:
        return tmp_path / f"import-{number}" / "moodlog.db"

    def argv_for(number: int) -> list[str]:
        return moodlog_argv("--db", str(journal(number)), "import", str(whole))

    def check(number: int) -> str:
        path = journal(number)
        if not path.exists() or path.stat().st_size == 0:
            return "no journal yet"
        integrity_ok(path)
        tables = {r[0] for r in rows(path, "SELECT name FROM sqlite_master WHERE type='table'")}
        if not set(IMPORTED_TABLES) <= tables:
            return "migrating"
        counts = {t: rows(path, f"SELECT count(*) FROM {t}")[0][0] for t in IMPORTED_TABLES}
        if set(counts.values()) == {0}:
            return "none"
        assert counts == expected
        return "all"

    timing, killed = whole_run_trials(argv_for, check, trials, seed=66)
    print(f"import of {days} days, {timing.exited:.2f} s; {len(killed)} kills: {phases(killed)}")
    assert len(killed) == trials

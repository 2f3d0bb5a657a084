"""moodlog against SPEC's speed targets, side by side, in one go.

    python benchmarks/run.py            # a 10-year journal, 7 runs of each (after a warm-up)
    python benchmarks/run.py --smoke    # a few days, one run: checks the script works (CI)

It builds a 10-year journal with ``moodlog demo --days 3650`` (two entries a day, three
medicines on four scheduled doses a day and one as needed, skills, sessions, PHQ-9 and GAD-7
every two weeks), then times each command as a fresh process (``time.perf_counter`` around the
run, peak memory from ``os.wait4``'s resource usage; for the report, whose drawing runs in a
second process, the peaks of both processes added up) and prints the medians beside SPEC's
targets:

- ``moodlog add --mood 6``: never slower than ``jrnl "text"`` (aim 0.7 x), measured side by side
  (jrnl comes with the ``bench`` extra: ``pip install -e '.[bench]'``; without it that row
  says so), both as the first write of the day, which runs SQLite's full integrity check
  before it writes (the day of the last check is set back before each such run), and as a
  later write of the day;
- ``moodlog add --mood 6`` on an encrypted copy of the journal (with the ``encryption``
  extra), its passphrase from a command and its key kept in the keyring (keyrings.alt's file
  keyring, its file in the temporary folder): at most 0.15 s more than on the plain journal,
  taking turns with it and with jrnl's encrypted journal (its password in the same keyring);
- ``moodlog --help`` and ``moodlog status``: no pandas, numpy or matplotlib (checked, not timed);
- ``moodlog report`` over 90 days at most 2 x, over 3,650 days at most 3 x the time of
  ``python -c "import pandas, matplotlib.pyplot"``, and over 3,650 days of the journal holding
  20 warning signs also at most 3 x; peak memory under 250 MiB;
- ``moodlog report`` over 90 days of a journal holding a 5-MiB shared note (written straight
  into a copy of the journal with sqlite3) at most 1.2 x the time of the same journal without;
- ``moodlog list --search walk`` over the whole 10-year journal under 1 s (a plain scan, no
  search index);
- ``moodlog export`` of every table under 1 s (the FHIR Bundle under 3 s); ``moodlog import``
  of the whole-journal JSON under 3 s.

Runs of one comparison are interleaved (baseline, command, baseline, ...) so a busy moment of
the machine hits both alike. Nothing here touches a real journal: every path is in a temporary
folder, and MOODLOG_HOME points there too.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PYTHON = sys.executable
MOODLOG = [PYTHON, "-m", "moodlog"]
MIB = 1024 * 1024


@dataclass
class Measure:
    name: str
    seconds: list[float]
    peak_mib: float

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


@dataclass
class Row:
    what: str
    measure: Measure
    target: str
    holds: bool | None  # None: nothing to judge (a yardstick, or no comparison possible)


def run_once(
    command: list[str], env: dict[str, str], stdin: bytes | None = None
) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    if stdin is not None:
        assert process.stdin is not None
        process.stdin.write(stdin)
        process.stdin.close()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        assert process.stderr is not None
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss * 1024 / MIB  # ru_maxrss is in KiB on Linux


def _descendants(root: int) -> list[int]:
    """``root`` and every process below it, from the parent ids in /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found = [root]
    for pid in found:
        found += [child for child, parent in parents.items() if parent == pid]
    return found


def _own_peak_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def tree_peak_mib(command: list[str], env: dict[str, str]) -> float | None:
    """Peak memory of ``command`` with every process it starts (`moodlog report` draws in a
    second process), added up as if each peaked at the same moment: each process's own peak
    (VmHWM in /proc) read every 10 ms while it runs, the largest raised to the peak the kernel
    reports for the whole tree at the end. None where there is no /proc."""
    if not Path("/proc/self/status").exists():
        return None
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    peaks: dict[int, int] = {}
    while True:
        for pid in _descendants(process.pid):
            peak = _own_peak_kib(pid)
            if peak is not None:
                peaks[pid] = max(peaks.get(pid, 0), peak)
        finished, status, usage = os.wait4(process.pid, os.WNOHANG)
        if finished:
            break
        time.sleep(0.01)
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    largest = max(peaks.values(), default=0)
    total = sum(peaks.values()) - largest + max(largest, usage.ru_maxrss)
    return total * 1024 / MIB


def measure(
    name: str,
    command: list[str],
    env: dict[str, str],
    runs: int,
    before_each: Callable[[], None] | None = None,
) -> Measure:
    """Median-ready timings of ``runs`` runs after one warm-up run."""
    seconds: list[float] = []
    peak = 0.0
    for number in range(runs + 1):
        if before_each:
            before_each()
        elapsed, memory = run_once(command, env)
        if number:  # the first run warms the disk cache and the bytecode
            seconds.append(elapsed)
            peak = max(peak, memory)
    return Measure(name, seconds, peak)


def interleaved(
    commands: dict[str, list[str]],
    env: dict[str, str],
    runs: int,
    before_each: Callable[[], None] | None = None,
) -> dict[str, Measure]:
    """Each command ``runs`` times, taking turns, after one warm-up run each."""
    results = {name: Measure(name, [], 0.0) for name in commands}
    for number in range(runs + 1):
        for name, command in commands.items():
            if before_each:
                before_each()
            elapsed, memory = run_once(command, env)
            if number:
                results[name].seconds.append(elapsed)
                results[name].peak_mib = max(results[name].peak_mib, memory)
    return results


def heavy_modules(argv: list[str], env: dict[str, str]) -> list[str]:
    """Which of pandas, numpy, matplotlib a moodlog command imports (run in-process)."""
    code = (
        "import sys\n"
        "from moodlog.cli import app\n"
        "try:\n"
        f"    app({argv!r}, standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    done = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, env=env, check=True)
    marked = [line for line in done.stdout.splitlines() if line.startswith("HEAVY:")]
    return [name for name in marked[-1].removeprefix("HEAVY:").split(",") if name]


def integrity_check_time(journal: Path, runs: int) -> Measure:
    """SQLite's full integrity check of ``journal`` on its own, in this process, as the first
    write of a day runs it (after one warm-up run)."""
    seconds: list[float] = []
    with sqlite3.connect(journal) as connection:
        for number in range(runs + 1):
            start = time.perf_counter()
            connection.execute("PRAGMA integrity_check").fetchall()
            if number:
                seconds.append(time.perf_counter() - start)
    connection.close()
    return Measure("integrity_check", seconds, 0.0)


def undo_recording_time(journal: Path, runs: int) -> Measure:
    """What keeping the undo history adds to one `add`'s write, in this process: the write
    transaction of one entry with the history recorded (the change noted, its triggers made,
    the history trimmed, the triggers dropped) less the same without it, each rolled back so
    the journal stays as it was (after one warm-up run)."""
    from datetime import UTC, datetime

    from moodlog.storage.undo import end_change, start_change

    entry = (
        "INSERT INTO entries (day, time, recorded_at, mood) "
        "VALUES ('2026-12-01', '21:00', '2026-12-01T21:00:00+00:00', 6)"
    )
    added: list[float] = []
    connection = sqlite3.connect(journal, isolation_level=None)
    try:
        # A few milliseconds each: more runs than the whole commands take, for a steady median.
        for number in range(max(runs, 25) + 1):
            timings = []
            for recorded in (False, True):
                start = time.perf_counter()
                connection.execute("BEGIN IMMEDIATE")
                now = datetime.now(UTC)
                change = start_change(connection, "moodlog add", now, None, True) if recorded else 0
                connection.execute(entry)
                if recorded:
                    end_change(connection, change, now)
                connection.execute("ROLLBACK")
                timings.append(time.perf_counter() - start)
            if number:
                added.append(timings[1] - timings[0])
    finally:
        connection.close()
    return Measure("undo recording", added, 0.0)


# Twenty signs of every kind a rule can be, as a person and provider might write them.
SIGN_RULES = (
    "sleep < 5 on 2 nights in a row",
    "sleep < 6 on 3 of 5 nights",
    "mood <= 3 for 5 days",
    "mood <= 2",
    "elevated >= 2 on 3 of 5 days",
    "depressed >= 2 on 5 of 7 days",
    "energy >= 9 on 2 days in a row",
    "anxiety mean over 7 days >= 7",
    "irritability >= 8 on 2 of 3 days",
    "sleep quality <= 2 for 3 nights",
    "missed lithium 2 days in a row",
    "not taken sertraline on 2 of 7 days",
    "tag spending 3 times in 7 days",
    "tag travel 2 times in 3 days",
    "urge self-harm >= 3",
    "acted self-harm",
    "phq9 >= 15",
    "phq9 item 9 >= 1",
    "gad7 >= 15",
    "no entry for 3 days",
)


def with_signs(journal: Path, name: str) -> Path:
    """A copy of ``journal`` beside it, named ``name``, holding the 20 warning signs."""
    copy = journal.with_name(name)
    shutil.copyfile(journal, copy)
    with sqlite3.connect(copy) as connection:
        connection.executemany(
            "INSERT INTO warning_signs (name, rule, recorded_at) VALUES (?, ?, ?)",
            [(f"sign {n}", rule, "2026-01-01T09:00:00+00:00") for n, rule in enumerate(SIGN_RULES)],
        )
    connection.close()
    return copy


def warning_signs_time(journal: Path, runs: int) -> Measure:
    """What watching 20 warning signs adds to one `add`, in this process: the write
    transaction of one entry with the signs checked after it (as `add` does) less the same
    without, on a copy of the journal holding the signs, each rolled back (after one warm-up
    run)."""
    from datetime import UTC, datetime

    from moodlog.actions.sign_watch import announce_signs
    from moodlog.storage.journal import open_journal

    copy = with_signs(journal, "with-signs.db")
    entry = (
        "INSERT INTO entries (day, time, recorded_at, mood) "
        "VALUES (date('now'), '21:00', '2026-12-01T21:00:00+00:00', 6)"
    )
    added: list[float] = []
    with open_journal(copy) as opened:
        connection = opened.connection
        for number in range(max(runs, 25) + 1):
            timings = []
            for watched in (False, True):
                start = time.perf_counter()
                connection.execute("BEGIN IMMEDIATE")
                connection.execute(entry)
                if watched:
                    announce_signs(opened, connection, datetime.now(UTC))
                connection.execute("ROLLBACK")
                timings.append(time.perf_counter() - start)
            if number:
                added.append(timings[1] - timings[0])
    copy.unlink()
    return Measure("warning signs", added, 0.0)


def jrnl_command(folder: Path, encrypt: bool = False) -> tuple[list[str], dict[str, str]] | None:
    """``jrnl "text"`` with a config of its own in ``folder`` (its journal encrypted with
    ``encrypt``, the password then from the keyring), or None when jrnl is missing."""
    jrnl = shutil.which("jrnl") or str(Path(PYTHON).with_name("jrnl"))
    if not Path(jrnl).exists():
        return None
    config = folder / "jrnl-config" / "jrnl"
    config.mkdir(parents=True)
    (config / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\n"
        f"encrypt: {'true' if encrypt else 'false'}\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default: {folder / 'jrnl-journal.txt'}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\nversion: v4.2\n"
    )
    env = {**os.environ, "HOME": str(folder), "XDG_CONFIG_HOME": str(folder / "jrnl-config")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as for moodlog: bytecode as installed
    return [jrnl, "text"], env


def keyring_in(folder: Path) -> dict[str, str]:
    """keyrings.alt's plain-file keyring, its file under ``folder`` (this machine has no keyring
    service): never the real user's keyring, nor a file in the real home."""
    home = folder / "keyring-home"
    (home / "data").mkdir(parents=True, exist_ok=True)
    return {
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
    }


def keep_in_keyring(keyring: dict[str, str], service: str, name: str, secret: str) -> None:
    """Put ``secret`` in the keyring as a password manager would (given on standard input, not
    as an argument)."""
    subprocess.run(
        [PYTHON, "-c", SET_PASSWORD, service, name],
        input=secret + "\n",
        text=True,
        env={**os.environ, **keyring},
        check=True,
    )


SET_PASSWORD = (
    "import sys, keyring; keyring.set_password(sys.argv[1], sys.argv[2], sys.stdin.readline()"
    ".rstrip('\\n'))"
)


def encrypted_add_rows(folder: Path, journal: Path, env: dict[str, str], runs: int) -> list[Row]:
    """``moodlog add --mood 6`` on an encrypted copy of the journal against the plain one,
    taking turns: at most 0.15 s more. With the passphrase from MOODLOG_PASSPHRASE_COMMAND
    (``cat`` of a file, as a password manager would give it), SQLCipher's key derivation
    (256,000 PBKDF2-SHA512 rounds) is most of it; with the key kept in the keyring (what
    ``encrypt --remember`` keeps, put there directly: --remember refuses a plain-file keyring)
    there is no derivation. Beside them jrnl's encrypted journal, its password in the same
    keyring, when jrnl is installed."""
    try:
        import keyring
        import sqlcipher3  # noqa: F401

        from moodlog.storage.cipher import derive_key, salt_of
        from moodlog.storage.passphrase import KEYRING_SERVICE, note_key_kept
    except ImportError:
        missing = Measure("encrypted add", [0.0], 0.0)
        return [
            Row("moodlog add, encrypted journal", missing, "sqlcipher3 or keyring missing", None)
        ]
    passphrase_text = "a benchmark passphrase"
    secret = folder / "passphrase.txt"
    secret.write_text(passphrase_text + "\n")
    passphrase = {
        "MOODLOG_PASSPHRASE_COMMAND": f"cat {secret}",
        "MOODLOG_NEW_PASSPHRASE_COMMAND": f"cat {secret}",
    }
    encrypted = folder / "encrypted" / "moodlog.db"
    encrypted.parent.mkdir()
    shutil.copy(journal, encrypted)
    subprocess.run(
        [*MOODLOG, "--db", str(encrypted), "encrypt", "--yes"],
        env={**env, **passphrase},
        stdout=subprocess.DEVNULL,
        check=True,
    )
    keyring = keyring_in(folder)
    kept = derive_key(passphrase_text.encode(), salt_of(encrypted)).stored
    keep_in_keyring(keyring, KEYRING_SERVICE, str(encrypted.resolve()), kept)
    remembered = folder / "remembered" / "moodlog.db"
    remembered.parent.mkdir()
    shutil.copy(encrypted, remembered)  # the same key opens it: kept under its own name
    keep_in_keyring(keyring, KEYRING_SERVICE, str(remembered.resolve()), kept)
    note_key_kept(remembered)  # as --remember leaves it: moodlog looks in the keyring
    turns = {
        "plain": ([*MOODLOG, "--db", str(journal), "add", "--mood", "6"], {**env, **passphrase}),
        "encrypted": (
            [*MOODLOG, "--db", str(encrypted), "add", "--mood", "6"],
            {**env, **keyring, **passphrase},
        ),
        "remembered": (
            [*MOODLOG, "--db", str(remembered), "add", "--mood", "6"],
            {**env, **keyring, "MOODLOG_PASSPHRASE_COMMAND": ""},
        ),
    }
    jrnl = jrnl_command(folder / "jrnl-encrypted", encrypt=True)
    if jrnl is not None:
        keep_in_keyring(keyring, "jrnl", "default", passphrase_text)
        turns["jrnl"] = (jrnl[0], {**jrnl[1], **keyring})
    timings = {name: Measure(name, [], 0.0) for name in turns}
    for number in range(runs + 1):
        for name, (argv, environment) in turns.items():
            elapsed, memory = run_once(argv, environment)
            if number:  # the first round warms the disk cache and the bytecode
                timings[name].seconds.append(elapsed)
                timings[name].peak_mib = max(timings[name].peak_mib, memory)
    rows = []
    if jrnl is not None:
        rows.append(Row('jrnl "text", encrypted (yardstick)', timings["jrnl"], "", None))
    for name, what in (
        ("encrypted", "moodlog add, encrypted, passphrase command"),
        ("remembered", "moodlog add, encrypted, key in keyring"),
    ):
        extra = timings[name].median - timings["plain"].median
        target = f"<= plain add + 0.15 s: + {extra:.3f} s"
        if jrnl is not None:
            target += f"; {timings[name].median / timings['jrnl'].median:.2f} x jrnl encrypted"
        rows.append(Row(what, timings[name], target, extra <= 0.15))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument("--days", type=int, default=3650, help="days of the journal (3650)")
    parser.add_argument(
        "--smoke", action="store_true", help="a 20-day journal and one run: the script works"
    )
    options = parser.parse_args()
    days = 20 if options.smoke else options.days
    runs = 1 if options.smoke else max(5, options.runs)

    with tempfile.TemporaryDirectory(prefix="moodlog-bench-") as folder_name:
        folder = Path(folder_name)
        env = {
            **os.environ,
            "MOODLOG_HOME": str(folder / "home"),
            "MPLBACKEND": "Agg",
            "COLUMNS": "100",
        }
        env.pop("MOODLOG_DB", None)
        # An installed moodlog has its bytecode (pip compiles it); with this set, every run of
        # an editable install would compile moodlog's modules afresh. The warm-up run writes it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        print(f"Building a {days}-day journal with moodlog demo ...", flush=True)
        started = time.perf_counter()
        subprocess.run(
            [*MOODLOG, "demo", "--days", str(days), "--out", str(folder / "journal")],
            env=env,
            stdout=subprocess.DEVNULL,
            check=True,
        )
        print(f"  built in {time.perf_counter() - started:.1f} s")
        journal = folder / "journal" / "moodlog.db"
        on = ["--db", str(journal)]
        rows: list[Row] = []

        # add against jrnl, taking turns: the first write of a day (which runs SQLite's full
        # integrity check first) and a later one (which reads one row to know it has run).
        add = [*MOODLOG, *on, "add", "--mood", "6"]

        def forget_todays_check() -> None:
            with sqlite3.connect(journal) as connection:
                connection.execute("UPDATE last_check SET day = '2000-01-01'")
            connection.close()

        add_times = Measure("add", [], 0.0)
        first_times = Measure("add, first of the day", [], 0.0)
        turns: list[tuple[Measure, list[str], dict[str, str], Callable[[], None] | None]] = [
            (first_times, add, env, forget_todays_check),
            (add_times, add, env, None),
        ]
        jrnl = jrnl_command(folder)
        jrnl_times = Measure("jrnl", [], 0.0)
        if jrnl is not None:
            turns.append((jrnl_times, *jrnl, None))
        for number in range(runs + 1):
            for target, argv, environment, before in turns:
                if before:
                    before()
                elapsed, memory = run_once(argv, environment)
                if number:  # the first round warms the disk cache and the bytecode
                    target.seconds.append(elapsed)
                    target.peak_mib = max(target.peak_mib, memory)
        cost = first_times.median - add_times.median
        if jrnl is not None:
            rows.append(Row('jrnl "text" (yardstick)', jrnl_times, "", None))
            for what, timing in (
                ("moodlog add --mood 6", add_times),
                ("moodlog add, first of the day", first_times),
            ):
                ratio = timing.median / jrnl_times.median
                rows.append(
                    Row(what, timing, f"<= 1.0 x jrnl (aim 0.7): {ratio:.2f} x", ratio <= 1.0)
                )
        else:
            missing = "jrnl not installed: pip install -e '.[bench]'"
            rows.append(Row("moodlog add --mood 6", add_times, missing, None))
            rows.append(Row("moodlog add, first of the day", first_times, missing, None))
        rows[-1].target += f"; the daily check adds {cost * 1000:.0f} ms"
        rows += encrypted_add_rows(folder, journal, env, runs)
        check_alone = integrity_check_time(journal, runs)
        rows.append(Row("PRAGMA integrity_check alone", check_alone, "", None))
        recording = undo_recording_time(journal, runs)
        rows.append(
            Row(
                "undo history, added to one add",
                recording,
                f"<= 5 ms: {recording.median * 1000:.1f} ms",
                recording.median <= 0.005,
            )
        )
        watching = warning_signs_time(journal, runs)
        rows.append(
            Row(
                "add with 20 warning signs, added to one add",
                watching,
                f"<= 10 ms: {watching.median * 1000:.1f} ms",
                watching.median <= 0.010,
            )
        )

        for what, argv in (("moodlog --help", ["--help"]), ("moodlog status", [*on, "status"])):
            timing = measure(what, [*MOODLOG, *argv], env, runs)
            heavy = heavy_modules(argv, env)
            rows.append(
                Row(
                    what,
                    timing,
                    "imports no pandas/numpy/matplotlib" if not heavy else f"imports {heavy}",
                    not heavy,
                )
            )
        heavy_add = heavy_modules([*on, "add", "--mood", "6"], env)
        rows.append(
            Row(
                "moodlog add (imports)",
                add_times,
                "imports no pandas/numpy/matplotlib" if not heavy_add else f"imports {heavy_add}",
                not heavy_add,
            )
        )

        # A search reads every entry of the journal and matches in Python (case folding for
        # every script), with no index that would keep the words of deleted notes.
        searching = measure("search", [*MOODLOG, *on, "list", "--search", "walk"], env, runs)
        rows.append(
            Row(
                f"moodlog list --search walk ({days} days)",
                searching,
                f"< 1 s: {searching.median:.2f} s",
                searching.median < 1.0,
            )
        )

        # The report against the yardstick, taking turns.
        out = folder / "reports"
        out.mkdir()
        commands = {
            "yardstick": [PYTHON, "-c", "import pandas, matplotlib.pyplot"],
            "90 days": [*MOODLOG, *on, "report", "--last", "90d", "--out", str(out)],
            f"{days} days": [*MOODLOG, *on, "report", "--last", f"{days}d", "--out", str(out)],
            # Every sign's episodes over the whole period are worked out on page 1's behalf.
            f"{days} days, 20 signs": [
                *MOODLOG,
                "--db",
                str(with_signs(journal, "report-signs.db")),
                "report",
                "--last",
                f"{days}d",
                "--out",
                str(out),
            ],
        }
        report_runs = interleaved(commands, env, runs)
        yardstick = report_runs.pop("yardstick")
        rows.append(Row('python -c "import pandas, matplotlib.pyplot"', yardstick, "", None))
        for name, limit in (
            ("90 days", 2.0),
            (f"{days} days", 3.0),
            (f"{days} days, 20 signs", 3.0),
        ):
            timing = report_runs[name]
            # Both of the report's processes counted together, in one more (untimed) run.
            together = tree_peak_mib(commands[name], env)
            if together is not None:
                timing.peak_mib = max(timing.peak_mib, together)
            ratio = timing.median / yardstick.median
            rows.append(
                Row(
                    f"moodlog report --last {name.split()[0]}d"
                    + (" with 20 warning signs" if "signs" in name else ""),
                    timing,
                    f"<= {limit:g} x yardstick: {ratio:.2f} x; < 250 MiB",
                    ratio <= limit and timing.peak_mib < 250,
                )
            )

        # The same journal with a 5-MiB shared note on its latest entry, against it as it is.
        long_note = folder / "long-note.db"
        with sqlite3.connect(journal) as source, sqlite3.connect(long_note) as copy:
            source.backup(copy)
            copy.execute(
                "UPDATE entries SET note = ?, note_shared = 1 WHERE id = "
                "(SELECT id FROM entries ORDER BY day DESC, time DESC LIMIT 1)",
                ("a long note " * (5 * MIB // 12),),
            )
        copy.close()
        source.close()
        noted = interleaved(
            {
                "without": commands["90 days"],
                "with": [
                    *MOODLOG,
                    "--db",
                    str(long_note),
                    "report",
                    "--last",
                    "90d",
                    "--out",
                    str(out),
                ],
            },
            env,
            runs,
        )
        ratio = noted["with"].median / noted["without"].median
        rows.append(
            Row(
                "moodlog report --last 90d, 5-MiB note",
                noted["with"],
                f"<= 1.2 x without it ({noted['without'].median:.3f} s): {ratio:.2f} x",
                ratio <= 1.2,
            )
        )

        # Export of every table, and import of the whole-journal JSON into an empty journal.
        export_all = folder / "journal.json"
        export = [*MOODLOG, *on, "export", "--table", "all", "--format", "json"]
        export_timing = measure(
            "export",
            [*export, "--out", str(export_all)],
            env,
            runs,
            before_each=lambda: export_all.unlink(missing_ok=True),
        )
        rows.append(
            Row(
                "moodlog export --table all --format json",
                export_timing,
                "< 1 s",
                export_timing.median < 1.0,
            )
        )
        csv_timing = measure(
            "export csv", [*MOODLOG, *on, "export", "--table", "entries"], env, runs
        )
        rows.append(
            Row(
                "moodlog export --table entries (CSV)", csv_timing, "< 1 s", csv_timing.median < 1.0
            )
        )
        # The FHIR Bundle of the whole journal, for a clinic (it only reads: the journal holds
        # its id namespace from its making).
        fhir_out = folder / "fhir.json"
        fhir = [*MOODLOG, *on, "export", "--format", "fhir", "--out", str(fhir_out)]
        fhir_timing = measure(
            "export fhir", fhir, env, runs, before_each=lambda: fhir_out.unlink(missing_ok=True)
        )
        rows.append(
            Row("moodlog export --format fhir", fhir_timing, "< 3 s", fhir_timing.median < 3.0)
        )
        subprocess.run([*export, "--out", str(export_all)], env=env, check=True)
        empty = folder / "restored.db"

        def fresh_journal() -> None:
            for side in ("", "-wal", "-shm"):
                Path(f"{empty}{side}").unlink(missing_ok=True)

        import_timing = measure(
            "import",
            [*MOODLOG, "--db", str(empty), "import", str(export_all)],
            env,
            runs,
            before_each=fresh_journal,
        )
        rows.append(
            Row(
                "moodlog import (whole-journal JSON)",
                import_timing,
                "< 3 s",
                import_timing.median < 3.0,
            )
        )

    print()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        f", {platform.system()} {platform.release()}; {days}-day journal; median of {runs} runs"
    )
    width = max(len(row.what) for row in rows)
    print(f"{'command':<{width}}  {'median':>8}  {'peak':>8}  target")
    for row in rows:
        verdict = "" if row.holds is None else ("  holds" if row.holds else "  MISSED")
        print(
            f"{row.what:<{width}}  {row.measure.median:>7.3f}s  {row.measure.peak_mib:>5.0f} MiB"
            f"  {row.target}{verdict}"
        )
    judged = [row for row in rows if row.holds is not None]
    missed = [row.what for row in judged if not row.holds]
    print()
    if options.smoke:
        print("Smoke run: the script works; its timings are not judged.")
    elif missed:
        print("Missed: " + "; ".join(missed))
    else:
        print(f"Every target holds ({len(judged)} checked).")


if __name__ == "__main__":
    main()

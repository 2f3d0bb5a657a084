"""`moodlog status`, which runs at every shell prompt, timed beside `moodlog --help` and
`moodlog add --help` on a 10-year journal with three medicines logged every day.

SPEC sets no figure for status; it asks that status, like add and --help, import neither
pandas, numpy nor matplotlib (tests/test_status.py checks that). This shows what a prompt pays.
Runs are interleaved so a busy moment of the machine hits every command alike; medians are
printed.

    python benchmarks/status_speed.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path


def moodlog_command() -> list[str]:
    """The installed `moodlog` script beside this Python (what a prompt runs), else -m."""
    script = Path(sys.executable).with_name("moodlog")
    return [str(script)] if script.exists() else [sys.executable, "-m", "moodlog"]


def ten_years_of_doses(journal: Path) -> None:
    """Three medicines from ten years ago, each dose logged taken every day."""
    from moodlog.actions.medications import add_medicine, take_all
    from moodlog.storage.journal import open_journal

    now = datetime.now().astimezone()
    first = date.today() - timedelta(days=3650)
    with open_journal(journal) as opened:
        add_medicine(opened, "sertraline", "100mg", "morning", start=first.isoformat(), now=now)
        add_medicine(opened, "lithium", None, "morning=300mg,bedtime=600mg",
                     start=first.isoformat(), now=now)  # fmt: skip
        add_medicine(opened, "lorazepam", "0.5mg", prn=True, start=first.isoformat(), now=now)
        day = first
        while day < date.today():
            take_all(opened, date=day.isoformat(), time="08:00", now=now)
            day += timedelta(days=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    moodlog = moodlog_command()
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [*moodlog, "demo", "--days", "3650", "--out", str(Path(folder) / "demo")],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        journal = Path(folder) / "demo" / "moodlog.db"
        ten_years_of_doses(journal)
        env = {**os.environ, "MOODLOG_DB": str(journal)}
        commands = {
            "moodlog status": [*moodlog, "status"],
            "moodlog status --quiet": [*moodlog, "status", "--quiet"],
            "moodlog --help": [*moodlog, "--help"],
            "moodlog add --help": [*moodlog, "add", "--help"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                start = time.perf_counter()
                subprocess.run(command, env=env, capture_output=True, check=False)
                times[name].append(time.perf_counter() - start)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {runs} runs each")
    for name, found in times.items():
        print(f"{name:<24} median {statistics.median(found) * 1000:4.0f} ms")


if __name__ == "__main__":
    main()

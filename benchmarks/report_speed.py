"""`moodlog report` against SPEC's speed targets, measured side by side with the baseline
``python -c "import pandas, matplotlib.pyplot"`` on the same machine.

Targets: a 90-day report in at most 2 x the baseline, a 3,650-day report in at most 3 x, peak
memory under 250 MiB. Runs are interleaved (baseline, 90 days, 10 years, baseline, ...) so a
busy moment of the machine hits all three alike; the medians are compared.

    python benchmarks/report_speed.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"90 days": 2.0, "3650 days": 3.0}
MEMORY_LIMIT_MIB = 250


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time in seconds and peak resident memory in MiB of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")  # type: ignore[union-attr]
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    moodlog = [sys.executable, "-m", "moodlog"]
    env_note = f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for days in (90, 3650):
            subprocess.run(
                [*moodlog, "demo", "--days", str(days), "--out", str(work / f"demo{days}")],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        commands = {
            "baseline": [sys.executable, "-c", "import pandas, matplotlib.pyplot"],
            "90 days": [
                *moodlog,
                "--db",
                str(work / "demo90" / "moodlog.db"),
                "report",
                "--last",
                "90d",
                "--out",
                str(work / "r90.pdf"),
            ],
            "3650 days": [
                *moodlog,
                "--db",
                str(work / "demo3650" / "moodlog.db"),
                "report",
                "--last",
                "3650d",
                "--out",
                str(work / "r3650.pdf"),
            ],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        memory: dict[str, float] = dict.fromkeys(commands, 0.0)
        for command in commands.values():
            timed(command)  # warm the disk cache and matplotlib's font cache
        for _ in range(runs):
            for name, command in commands.items():
                seconds, mib = timed(command)
                times[name].append(seconds)
                memory[name] = max(memory[name], mib)
    baseline = statistics.median(times["baseline"])
    print(f"{runs} interleaved runs each, medians ({env_note})")
    print(f"{'':10} {'median s':>9} {'x baseline':>11} {'target':>7} {'peak MiB':>9}")
    failed = False
    for name, values in times.items():
        median = statistics.median(values)
        ratio = median / baseline
        target = TARGETS.get(name)
        ok = target is None or (ratio <= target and memory[name] < MEMORY_LIMIT_MIB)
        failed |= not ok
        print(
            f"{name:10} {median:9.2f} {ratio:11.2f} {('<= ' + str(target)) if target else '':>7} "
            f"{memory[name]:9.0f}{'' if ok else '  MISSED'}"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

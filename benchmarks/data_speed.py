"""`moodlog export` and `moodlog import` of a 10-year journal against SPEC's targets: export
under 1 s, import under 3 s (wall time of the whole command, interpreter start included).

The journal is `moodlog demo --days 3650`, with ten years of medicines (a daily SSRI whose dose
changes each year, a twice-daily mood stabiliser, an as-needed medicine), dose logs, skill
uses, therapy sessions, questionnaires and side effects added when the demo has none, so every
table is full. Besides the whole-journal JSON it times the default export (`daily`, the one
that computes the most) and the imports of the entries CSV and of a Daylio file as big. Each
command runs once to warm the disk cache, then ``--runs`` times; the medians are reported.

    python benchmarks/data_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from moodlog.domain.doses import DoseLog, scheduled_doses
from moodlog.domain.medications import changed_regimen, new_regimen, parse_dose
from moodlog.domain.questionnaires import GAD7, PHQ9, answered
from moodlog.domain.side_effects import SideEffect
from moodlog.domain.therapy import BUILT_IN_SKILLS, Session, skill_use
from moodlog.storage.journal import open_journal
from moodlog.storage.medications import (
    insert_dose,
    insert_regimen,
    insert_side_effect,
    load_medicines,
)
from moodlog.storage.questionnaires import insert_questionnaire
from moodlog.storage.tables import RECORD_TABLES
from moodlog.storage.therapy import insert_session, insert_skill_use

EXPORT_LIMIT, IMPORT_LIMIT = 1.0, 3.0
DAYS = 3650


def add_treatment(path: Path, days: int) -> None:
    """Ten years of medicines, doses, skills, sessions and questionnaires in the demo journal
    (unless the demo already writes medicines)."""
    with open_journal(path) as journal:
        if journal.connection.execute("SELECT count(*) FROM regimen").fetchone()[0]:
            return
    rng = random.Random(3650)
    today = date.today()
    first = today - timedelta(days=days - 1)
    now = datetime.now().astimezone()
    with open_journal(path) as journal, journal.transaction() as connection:
        start = datetime.combine(first, datetime.min.time()).astimezone()
        ssri = new_regimen("sertraline", "50mg", "morning", None, None, False, first, start)
        insert_regimen(connection, ssri)
        previous = ssri
        for year in range(1, days // 365):
            day = first + timedelta(days=365 * year)
            dose = f"{50 + 25 * (year % 4)}mg"
            if parse_dose(dose) == previous.dose:
                continue
            previous = changed_regimen(previous, dose, None, None, None, day, start, "review")
            insert_regimen(connection, previous)
        stabiliser = new_regimen(
            "lamotrigine", None, "morning=100mg,bedtime=100mg", None, None, False, first, start
        )
        insert_regimen(connection, stabiliser)
        insert_regimen(
            connection,
            new_regimen("lorazepam", "0.5mg", None, None, None, True, first, start),
        )
        medicines = load_medicines(connection)
        for offset in range(days):
            day = first + timedelta(days=offset)
            moment = datetime.combine(day, datetime.min.time().replace(hour=21)).astimezone()
            for medicine in medicines:
                for scheduled in scheduled_doses(medicine, day):
                    roll = rng.random()
                    if roll < 0.02:
                        continue  # not logged
                    status = "missed" if roll < 0.05 else "taken"
                    insert_dose(
                        connection,
                        DoseLog(medicine.name, day, status, moment, slot=scheduled.slot),
                    )
            if rng.random() < 0.12:
                insert_dose(
                    connection,
                    DoseLog("lorazepam", day, "taken", moment, reason="panic at work"),
                )
            for skill in rng.sample(BUILT_IN_SKILLS, rng.choice((0, 0, 1, 2))):
                insert_skill_use(
                    connection, skill_use(skill, rng.randrange(0, 8), day, moment, None)
                )
            if offset % 7 == 3:
                insert_session(connection, Session(day, "individual", "went well", moment))
            if offset % 14 == 0:
                for instrument in (PHQ9, GAD7):
                    answers = [rng.randrange(0, 3) for _ in instrument.items]
                    answers[-1] = 0 if instrument is PHQ9 else answers[-1]
                    insert_questionnaire(
                        connection, answered(instrument, answers, None, day, moment)
                    )
            if offset % 200 == 10:
                insert_side_effect(
                    connection,
                    SideEffect("nausea", 1, day, now, "sertraline", day + timedelta(days=9)),
                )


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()}")
    return elapsed


def daylio_file(entries_csv: Path, target: Path) -> None:
    """The demo's entries written as Daylio would have (for the Daylio import's speed)."""
    import csv

    moods = ((8.75, "rad"), (6.25, "good"), (3.75, "meh"), (1.25, "bad"), (-1, "awful"))
    with entries_csv.open(newline="", encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    with target.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"]
        )
        for row in reversed(rows):
            mood = float(row["mood"] or 5)
            name = next(name for low, name in moods if mood >= low)
            hour, minute = (int(part) for part in row["time"].split(":"))
            clock = f"{(hour - 1) % 12 + 1}:{minute:02d} {'PM' if hour >= 12 else 'AM'}"
            activities = " | ".join(row["tags"].split(";")) if row["tags"] else ""
            writer.writerow([row["day"], "", "", clock, name, activities, "", row["note"]])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    moodlog = [sys.executable, "-m", "moodlog"]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        subprocess.run(
            [*moodlog, "demo", "--days", str(DAYS), "--out", str(work / "demo")],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        journal = work / "demo" / "moodlog.db"
        add_treatment(journal, DAYS)
        db = [*moodlog, "--db", str(journal)]
        exports = {"export (daily CSV)": [*db, "export", "--out", str(work / "daily.csv")]}
        for table in RECORD_TABLES:
            target = str(work / f"{table}.csv")
            exports[f"export --table {table}"] = [*db, "export", "-t", table, "--out", target]
        exports["export --format json"] = [
            *db,
            "export",
            "-f",
            "json",
            "--out",
            str(work / "all.json"),
        ]
        for command in exports.values():
            timed(command)
        daylio_file(work / "entries.csv", work / "daylio.csv")
        imports = {
            "import whole-journal JSON": work / "all.json",
            "import entries CSV": work / "entries.csv",
            "import Daylio CSV": work / "daylio.csv",
        }
        results: dict[str, list[float]] = {name: [] for name in [*exports, *imports]}
        for _ in range(runs):
            for name, command in exports.items():
                results[name].append(timed(command))
            for name, file in imports.items():
                target = work / "restored.db"
                for stale in work.glob("restored.db*"):
                    stale.unlink()
                results[name].append(timed([*moodlog, "--db", str(target), "import", str(file)]))
        sizes = {path.name: path.stat().st_size for path in work.glob("*.*") if path.is_file()}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {runs} runs, medians:")
    print("files: " + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sizes.items()))
    failed = False
    for name, times in results.items():
        limit = EXPORT_LIMIT if name.startswith("export") else IMPORT_LIMIT
        median = statistics.median(times)
        failed |= median > limit
        verdict = "ok" if median <= limit else "TOO SLOW"
        print(f"  {name:36} {median:6.2f} s  (limit {limit:g} s) {verdict}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

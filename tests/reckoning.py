"""The independent reckoning: a journal's report figures worked out again from `moodlog export`
CSVs with plain pandas, and the report's own text read back from the PDF with pypdf.

Nothing here asks moodlog how a figure is computed: the rules are written out below as the
person-facing docs state them (docs/report.md, docs/medications.md, docs/therapy.md,
docs/questionnaires.md), so a report that disagrees with them fails, however the code that
drew it reasons. moodlog is only run as a person runs it: its commands, in-process.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pandas as pd
from click.testing import Result
from pypdf import PdfReader

Run = Callable[..., Result]

# Every journal here is read on Thursday 2026-11-26 at 14:00: today's morning (08:00) and noon
# (12:00) doses are due, its evening (18:00) and bedtime (22:00) doses not yet.
TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 26)
NOW = datetime.combine(TODAY, time(14, 0), TZ)
SLOT_TIMES = {
    "morning": time(8, 0),
    "noon": time(12, 0),
    "afternoon": time(15, 0),
    "evening": time(18, 0),
    "bedtime": time(22, 0),
}

# The published bands: (lowest total of the band, band).
PHQ9_BANDS = (
    (0, "minimal"),
    (5, "mild"),
    (10, "moderate"),
    (15, "moderately severe"),
    (20, "severe"),
)
GAD7_BANDS = ((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe"))
INSTRUMENTS = {"phq9": ("PHQ-9", 9, PHQ9_BANDS), "gad7": ("GAD-7", 7, GAD7_BANDS)}

# Diary-card codes are categories, counted by group; a skill is *used* when logged with no code
# or a code of 4 or more.
SKILL_GROUPS = {
    "used and helped": (5, 7),
    "used, didn't help": (4, 6),
    "tried but couldn't": (3,),
    "thought about only": (1, 2),
    "not thought about": (0,),
}


def ok(moodlog: Run, *args: str) -> Result:
    """Run a command that must succeed."""
    result = moodlog(*args)
    assert result.exit_code == 0, (args, result.output)
    return result


def day_range(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))

    def holds(self, day: date) -> bool:
        return self.first <= day <= self.last


# --- reading exports and the report -------------------------------------------------------------

TEXT_COLUMNS = {
    "doses",
    "symptoms",
    "urges",
    "acted",
    "tags",
    "skills",
    "slot",
    "status",
    "medicine",
    "skill",
    "schedule",
    "days",
    "note",
    "instrument",
    "band",
    "kind",
    "reason",
}


def export_table(moodlog: Run, db: Path, table: str, period: Period | None = None) -> pd.DataFrame:
    """One table of the journal as `moodlog export --table TABLE` writes it, read as a person's
    script reads it."""
    args = ["--db", str(db), "export", "--table", table]
    if period is not None:
        args += ["--since", period.first.isoformat(), "--until", period.last.isoformat()]
    text = ok(moodlog, *args).stdout
    frame = pd.read_csv(
        io.StringIO(text),
        keep_default_na=False,
        na_values=[""],
        dtype={column: "string" for column in TEXT_COLUMNS},
    )
    for column in ("day", "effective_date"):
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


@dataclass(frozen=True)
class Fragment:
    """A piece of text the PDF draws, where it draws it (points from the page's lower left)."""

    x: float
    y: float
    size: float
    text: str


def fragments(page: Any) -> list[Fragment]:
    found: list[Fragment] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            found.append(Fragment(x, y, size, text))

    page.extract_text(visitor_text=visit)
    return found


def normal(text: str) -> str:
    """Text with its spaces made single, and a line broken after a hyphen joined again."""
    return re.sub(r"(\w-) ", r"\1", " ".join(text.split()))


# Page 1's key figures are a table of three columns, whose left edges are where its heading
# row draws "Key figures", "this period" and "previous: …" (a little to the left of each).
EDGE_SLACK = 2.0
LABEL_SIZE = 8.5  # the labels' text size; a cell's wrapped lines are 1.12 times their size apart


@dataclass(frozen=True)
class TextLine:
    y: float
    size: float
    text: str


def column_lines(pieces: list[Fragment], low: float, high: float) -> list[TextLine]:
    """The lines of text between ``low`` and ``high`` across, top first; pieces on one line (the
    arrow of `15 → 7` is drawn apart from its words) joined left to right."""
    inside = sorted((f for f in pieces if low <= f.x < high), key=lambda f: (-f.y, f.x))
    lines: list[list[Fragment]] = []
    for piece in inside:
        if lines and abs(lines[-1][0].y - piece.y) < 0.3:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return [
        TextLine(line[0].y, line[0].size, "".join(f.text for f in sorted(line, key=lambda f: f.x)))
        for line in lines
    ]


def cell_lines(lines: list[TextLine], top: float, near: float) -> list[TextLine]:
    """The cell whose first line is within ``near`` of ``top``, with the lines it wrapped onto
    (each 1.12 times the text's size below the one before)."""
    start = next((line for line in lines if abs(line.y - top) <= near), None)
    found = [] if start is None else [start]
    while found:
        step = found[-1].y - start.size * 1.12  # type: ignore[union-attr]
        below = next((line for line in lines if abs(line.y - step) <= 0.6), None)
        if below is None:
            break
        found.append(below)
    return found


def cell_text(lines: list[TextLine], top: float, near: float) -> str:
    return normal(" ".join(line.text for line in cell_lines(lines, top, near)))


def key_figures(page: Any) -> dict[str, tuple[str, str]]:
    """Page 1's key figures, each label with its two cells (this period, previous), read by
    where the PDF draws them."""
    pieces = fragments(page)
    heading = next(f for f in pieces if f.text.strip() == "Key figures")
    this_heading = next(f for f in pieces if f.text.strip() == "this period")
    previous_heading = next(f for f in pieces if f.text.strip().startswith("previous:"))
    edges = [f.x - EDGE_SLACK for f in (heading, this_heading, previous_heading)] + [10_000.0]
    below = [f for f in pieces if f.y < heading.y - 2]
    labels, this, previous = (
        column_lines(below, low, high) for low, high in itertools.pairwise(edges)
    )
    rows: dict[str, tuple[str, str]] = {}
    wrapped: set[float] = set()
    for line in labels:
        if abs(line.size - LABEL_SIZE) > 0.1 or line.y in wrapped:
            continue
        label_lines = cell_lines(labels, line.y, 0.1)
        wrapped |= {other.y for other in label_lines[1:]}
        label = normal(" ".join(other.text for other in label_lines))
        rows.setdefault(label, (cell_text(this, line.y, 1.5), cell_text(previous, line.y, 1.5)))
    return rows


@dataclass(frozen=True)
class Report:
    pages: list[list[str]]  # each page's lines of text, spaces made single
    key_figures: dict[str, tuple[str, str]]

    def text(self, first: int = 0, last: int | None = None) -> str:
        return normal(" ".join(line for page in self.pages[first:last] for line in page))


def report(moodlog: Run, db: Path, period: Period, out: Path) -> Report:
    """The report as the PDF holds it: its pages' text and page 1's key figures."""
    ok(
        moodlog,
        "--db",
        str(db),
        "report",
        "--since",
        period.first.isoformat(),
        "--until",
        period.last.isoformat(),
        "--out",
        str(out),
    )
    pdf = PdfReader(out)
    pages = [
        [" ".join(line.split()) for line in page.extract_text().splitlines() if line.strip()]
        for page in pdf.pages
    ]
    return Report(pages, key_figures(pdf.pages[0]))


# --- how figures are written ----------------------------------------------------------------------


def one_decimal(value: float) -> set[str]:
    """A mean as the report writes it; a mean that sits on a rounding edge may be written
    either way, as floating point sums in another order can land on either side."""
    return {f"{value - 1e-9:.1f}", f"{value + 1e-9:.1f}"}


def whole_percent(numerator: int, denominator: int) -> set[str]:
    share = 100 * numerator / denominator
    return {f"{share - 1e-9:.0f}%", f"{share + 1e-9:.0f}%"}


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


# --- the journal's days -----------------------------------------------------------------------


@dataclass
class Exports:
    """The CSVs a reckoning reads: the record tables whole, `daily` for both periods."""

    period: Period
    entries: pd.DataFrame
    doses: pd.DataFrame
    regimen: pd.DataFrame
    skill_uses: pd.DataFrame
    sessions: pd.DataFrame
    questionnaires: pd.DataFrame
    daily: pd.DataFrame  # previous period and this one, one row a day
    scales: list[str]  # the journal's symptom scales (from the whole-journal JSON)
    first_day: date | None = field(init=False)

    def __post_init__(self) -> None:
        days: list[date] = []
        for frame in (
            self.entries,
            self.doses,
            self.skill_uses,
            self.sessions,
            self.questionnaires,
        ):
            days += list(frame["day"]) if len(frame) else []
        self.first_day = min(days) if days else None


def read_exports(moodlog: Run, db: Path, period: Period) -> Exports:
    both = Period(period.previous().first, period.last)
    return Exports(
        period,
        export_table(moodlog, db, "entries"),
        export_table(moodlog, db, "doses"),
        export_table(moodlog, db, "regimen"),
        export_table(moodlog, db, "skill_uses"),
        export_table(moodlog, db, "sessions"),
        export_table(moodlog, db, "questionnaires"),
        export_table(moodlog, db, "daily", both),
        [
            str(scale["name"])
            for scale in json.loads(
                ok(moodlog, "--db", str(db), "export", "--format", "json").stdout
            )["tables"]["scales"]
        ],
    )


def within(frame: pd.DataFrame, period: Period, column: str = "day") -> pd.DataFrame:
    if not len(frame):
        return frame
    return frame[frame[column].map(period.holds)]


# --- means, days logged ---------------------------------------------------------------------------


def days_logged(exports: Exports, period: Period) -> int:
    return int(within(exports.entries, period)["day"].nunique()) if len(exports.entries) else 0


def backfilled(exports: Exports, period: Period) -> int:
    entries = within(exports.entries, period)
    return int(entries["backfilled"].sum()) if len(entries) else 0


def mean_of_days(exports: Exports, period: Period, value: str) -> tuple[float, int] | None:
    """The mean of the days' means (sleep: each day's latest recorded value) and the days."""
    entries = within(exports.entries, period)
    if not len(entries):
        return None
    given = entries[entries[value].notna()]
    if not len(given):
        return None
    if value == "sleep_hours":
        per_day = given.sort_values(["recorded_at", "id"]).groupby("day")[value].last()
    else:
        per_day = given.groupby("day")[value].mean()
    return float(per_day.mean()), len(per_day)


# --- doses ----------------------------------------------------------------------------------------


def medicines(exports: Exports) -> list[str]:
    return sorted(set(exports.regimen["medicine"])) if len(exports.regimen) else []


def dose_days(daily: pd.DataFrame) -> list[tuple[date, str]]:
    """Each row of a daily CSV as its day and its `doses` cell ("" when no dose was due)."""
    return [
        (day, cell if isinstance(cell, str) else "")
        for day, cell in zip(daily["day"], daily["doses"], strict=True)
    ]


def dose_items(cell: Any, names: Iterable[str]) -> list[tuple[str, str, str]]:
    """The due doses of a daily row's `doses` cell as (medicine, slot or "", status)."""
    if not isinstance(cell, str) or not cell:
        return []
    by_length = sorted(names, key=len, reverse=True)
    items = []
    for part in cell.split(";"):
        label, _, status = part.rpartition("=")
        medicine = next(
            (name for name in by_length if label == name or label.startswith(name + " ")), None
        )
        assert medicine is not None, f"dose {part!r} names no medicine of the regimen"
        items.append((medicine, label[len(medicine) :].strip(), status))
    return items


@dataclass(frozen=True)
class Adherence:
    taken: int = 0
    missed: int = 0
    skipped: int = 0
    not_logged: int = 0

    @property
    def scheduled(self) -> int:
        return self.taken + self.missed + self.skipped + self.not_logged

    def add(self, status: str) -> Adherence:
        counts = {
            "taken": self.taken,
            "missed": self.missed,
            "skipped": self.skipped,
            "not logged": self.not_logged,
        }
        assert status in counts, f"unknown dose status {status!r}"
        counts[status] += 1
        return Adherence(counts["taken"], counts["missed"], counts["skipped"], counts["not logged"])


def adherence_by_medicine(
    exports: Exports, period: Period, slots: dict[str, set[str]] | None = None
) -> dict[str, Adherence]:
    """Each medicine's due doses of the period, from the daily CSV's `doses` column."""
    counts: dict[str, Adherence] = {}
    names = medicines(exports)
    for _, cell in dose_days(within(exports.daily, period)):
        for medicine, _, status in dose_items(cell, names):
            counts[medicine] = counts.get(medicine, Adherence()).add(status)
    return counts


def adherence_texts(counts: Adherence) -> set[str]:
    """A medicine's adherence as every page writes it: the percentage of the doses due less those
    skipped on advice, the counts in words beside it (not logged and skipped only when there are
    some), and the share of the logged doses taken when some are not logged (`82% · 36 taken,
    3 missed, 5 not logged, 1 skipped · 92% of logged`). With none taken or missed there is no
    percentage: `none logged · 56 not logged`, `nothing due · 2 skipped`, `none taken or
    missed · 3 not logged, 1 skipped`; with none due, `nothing due`."""
    if not counts.scheduled:
        return {"nothing due"}
    words = [f"{counts.taken} taken", f"{counts.missed} missed"]
    if counts.not_logged:
        words.append(f"{counts.not_logged} not logged")
    if counts.skipped:
        words.append(f"{counts.skipped} skipped")
    logged = counts.taken + counts.missed
    if not logged:
        if not counts.not_logged:
            return {f"nothing due · {counts.skipped} skipped"}
        if not counts.skipped:
            return {f"none logged · {counts.not_logged} not logged"}
        return {f"none taken or missed · {', '.join(words[2:])}"}
    texts = set()
    for percent in whole_percent(counts.taken, counts.scheduled - counts.skipped):
        text = f"{percent} · {', '.join(words)}"
        if counts.not_logged:
            texts |= {
                f"{text} · {share} of logged" for share in whole_percent(counts.taken, logged)
            }
        else:
            texts.add(text)
    return texts


def prn_uses(exports: Exports, period: Period) -> dict[str, int]:
    """As-needed doses taken in the period, per medicine (a dose logged without a slot)."""
    doses = within(exports.doses, period)
    if not len(doses):
        return {}
    as_needed = doses[doses["slot"].isna() & (doses["status"] == "taken")]
    return {str(name): int(count) for name, count in Counter(as_needed["medicine"]).items()}


def prn_medicines(exports: Exports) -> set[str]:
    regimen = exports.regimen
    return (
        {str(name) for name in regimen[regimen["prn"] == 1]["medicine"]} if len(regimen) else set()
    )


# --- doses due, worked out from the regimen and the dose logs ----------------------------------


def regimen_records(exports: Exports, medicine: str) -> list[dict[str, Any]]:
    """The medicine's regimen records, in the order they take effect (a later record of the same
    day wins)."""
    regimen = exports.regimen[exports.regimen["medicine"] == medicine]
    rows = [dict(row) for _, row in regimen.iterrows()]
    # A withdrawal and the change or stop it names were never in force.
    withdrawn = {row.get("withdraws") for row in rows if row["kind"] == "withdraw"}
    rows = [row for row in rows if row["kind"] != "withdraw" and row["id"] not in withdrawn]
    return sorted(rows, key=lambda row: (row["effective_date"], str(row["recorded_at"]), row["id"]))


def slots_of(record: dict[str, Any]) -> list[tuple[str, str | None]]:
    """A scheduled record's slots, each with its own dose when the schedule gives one
    (`morning=100 mg;bedtime=100 mg`)."""
    schedule = record["schedule"]
    if not isinstance(schedule, str) or not schedule:
        return []
    slots = []
    for part in schedule.split(";"):
        name, _, dose = part.partition("=")
        slots.append((name, dose or None))
    return slots


def in_force(records: list[dict[str, Any]], day: date) -> dict[str, Any] | None:
    """The record in force on ``day``: the latest start or change up to it, unless a stop came
    after it."""
    current = None
    for record in records:
        if record["effective_date"] > day:
            break
        if record["kind"] == "stop":
            current = None
        elif record["kind"] == "start" or current is not None:
            current = record
    return current


def due_doses(exports: Exports) -> dict[date, Counter[tuple[str, str, str]]]:
    """Each day's due doses as (medicine, slot, status), worked out from the regimen and the
    dose logs alone: every day from the journal's first day to today, by the regimen in force
    that day; today's only from their slot's time (or once logged); a dose with no log is
    `not logged`; a log that a later log corrects is left out. The slot is "" for a dose once a
    day at no named time, as the daily export writes it."""
    assert exports.first_day is not None
    doses = exports.doses
    corrected = {int(n) for n in doses["replaces"].dropna()} if len(doses) else set()
    logs: dict[tuple[str, date], list[dict[str, Any]]] = {}
    for _, row in doses.iterrows():
        if int(row["id"]) not in corrected:
            logs.setdefault((str(row["medicine"]), row["day"]), []).append(dict(row))
    due: dict[date, Counter[tuple[str, str, str]]] = {}
    for medicine in medicines(exports):
        records = regimen_records(exports, medicine)
        assert all(
            pd.isna(record["days"]) and pd.isna(record["every_days"]) for record in records
        ), "the reckoning counts only schedules due every day"
        for day in day_range(exports.first_day, TODAY):
            record = in_force(records, day)
            if record is None or record["prn"] == 1:
                continue
            # A schedule of no named slot is one dose a day, due from the day's start.
            slots = [name for name, _ in slots_of(record)] or ["once"]
            day_logs = sorted(
                logs.get((medicine, day), []), key=lambda log: (str(log["recorded_at"]), log["id"])
            )
            for slot in slots:
                found = [
                    log
                    for log in day_logs
                    if log["slot"] == slot or (pd.isna(log["slot"]) and len(slots) == 1)
                ]
                if day == TODAY and not found and SLOT_TIMES.get(slot, time(0)) > NOW.time():
                    continue
                status = str(found[-1]["status"]) if found else "not logged"
                label = "" if slot == "once" else slot
                due.setdefault(day, Counter())[(medicine, label, status)] += 1
    return due


# --- page 2's doses -------------------------------------------------------------------------------


def amount_text(amount: float) -> str:
    return f"{amount:.3f}".rstrip("0").rstrip(".")


def dose_of_a_day(record: dict[str, Any]) -> str:
    """A scheduled day's total dose (`morning=100 mg;bedtime=100 mg` is `200 mg`; 50 mg twice a
    day is `100 mg`)."""
    total = 0.0
    units = set()
    for _, dose in slots_of(record):
        if dose is None:
            total += float(record["dose_amount"])
            units.add(str(record["dose_unit"]))
        else:
            amount, unit = re.fullmatch(r"([\d.]+)\s*(\S+)", dose).groups()  # type: ignore[union-attr]
            total += float(amount)
            units.add(unit)
    assert len(units) == 1, f"doses in several units: {record}"
    return f"{amount_text(total)} {units.pop()}"


@dataclass(frozen=True)
class DoseSpan:
    medicine: str
    dose: str
    first: date
    last: date
    before: bool  # the dose before the period: its days end before the period's first day


def dose_spans(exports: Exports, medicine: str, period: Period) -> list[DoseSpan]:
    """Each dose the medicine was on: the days from a start or a change of dose to the day before
    the next change of dose or stop (a new schedule with the same day's dose goes on with the
    dose), those that reach into the period (the last ending on its last day), and the one
    before them when it ended in the previous period. None begins before the previous period's
    first day."""
    records = regimen_records(exports, medicine)
    days: list[tuple[str, date, date]] = []
    opened: tuple[str, date] | None = None
    for day in day_range(
        min([period.previous().first, *(r["effective_date"] for r in records)]), period.last
    ):
        record = in_force(records, day)
        dose = None if record is None or record["prn"] == 1 else dose_of_a_day(record)
        if opened is not None and dose != opened[0]:
            days.append((opened[0], opened[1], day - timedelta(days=1)))
            opened = None
        if dose is not None and opened is None:
            opened = (dose, day)
    if opened is not None:
        days.append((opened[0], opened[1], period.last))
    inside = [span for span in days if span[2] >= period.first]
    earlier = [span for span in days if span[2] < period.first]
    if earlier and earlier[-1][2] >= period.previous().first:
        inside.insert(0, earlier[-1])
    floor = period.previous().first
    return [
        DoseSpan(medicine, dose, max(first, floor), last, last < period.first)
        for dose, first, last in inside
    ]


# --- skills ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Skills:
    times_used: int
    days_used: int
    groups: dict[str, int]
    no_code: int


def skills(exports: Exports, period: Period) -> Skills:
    uses = within(exports.skill_uses, period)
    codes = [None if pd.isna(code) else int(code) for code in uses["score"]] if len(uses) else []
    used = [code is None or code >= 4 for code in codes]
    used_days = {day for day, was in zip(uses["day"], used, strict=True) if was} if codes else set()
    groups = {
        group: sum(code in members for code in codes if code is not None)
        for group, members in SKILL_GROUPS.items()
    }
    return Skills(sum(used), len(used_days), groups, sum(code is None for code in codes))


def skills_used_text(used: Skills) -> str:
    """`5 times on 4 days · 2 helped, 2 didn't help, 1 no code`: uses with no code or a code of
    4 or more, the days they fell on, and their groups (a group with none left out)."""
    if not used.times_used:
        return "none used"
    groups = (
        (used.groups["used and helped"], "helped"),
        (used.groups["used, didn't help"], "didn't help"),
        (used.no_code, "no code"),
    )
    shown = ", ".join(f"{count} {name}" for count, name in groups if count)
    return f"{plural(used.times_used, 'time')} on {plural(used.days_used, 'day')} · {shown}"


def skills_not_used_text(used: Skills) -> str:
    """`2 tried but couldn't, 1 thought about only`, or `none`."""
    names = ("tried but couldn't", "thought about only", "not thought about")
    shown = [f"{used.groups[name]} {name}" for name in names if used.groups[name]]
    return ", ".join(shown) or "none"


# --- questionnaires -------------------------------------------------------------------------------

DIFFICULTY = ("not difficult at all", "somewhat difficult", "very difficult", "extremely difficult")


@dataclass(frozen=True)
class Score:
    day: date
    total: int
    band: str
    difficulty: int | None = None

    @property
    def text(self) -> str:
        """`7 mild (2026-11-28)`."""
        return self.text_in(None)

    def text_in(self, period: Period | None) -> str:
        """`7 mild (2026-11-28)`; as the report of ``period`` words it, `7 mild (28 Nov)`."""
        return f"{self.total} {self.band} ({day_words(self.day, period)})"

    @property
    def difficulty_text(self) -> str:
        return "" if self.difficulty is None else f" · {DIFFICULTY[self.difficulty]}"


def band_of(instrument: str, total: int) -> str:
    return [band for lowest, band in INSTRUMENTS[instrument][2] if total >= lowest][-1]


def scores(exports: Exports, period: Period, instrument: str) -> list[Score]:
    """The questionnaire's totals in the period (sums of its items, with their bands and the
    difficulty answer), in the order answered."""
    answered = within(exports.questionnaires, period)
    if not len(answered):
        return []
    answered = answered[answered["instrument"] == instrument].sort_values(
        ["day", "recorded_at", "id"]
    )
    items = [f"item{n}" for n in range(1, INSTRUMENTS[instrument][1] + 1)]
    found = []
    for _, row in answered.iterrows():
        total = int(sum(int(row[item]) for item in items))
        difficulty = None if pd.isna(row["difficulty"]) else int(row["difficulty"])
        found.append(Score(row["day"], total, band_of(instrument, total), difficulty))
    return found


def first_to_latest(answers: list[Score], period: Period | None = None) -> str:
    """`15 → 7 mild (2026-11-03 → 2026-11-28) · somewhat difficult`; one answer alone
    `7 mild (2026-11-28)` with its difficulty; none `not answered`. The days as the report of
    ``period`` words them, when given."""
    if not answers:
        return "not answered"
    first, latest = answers[0], answers[-1]
    if len(answers) == 1:
        return latest.text_in(period) + latest.difficulty_text
    return (
        f"{first.total} → {latest.total} {latest.band} "
        f"({day_words(first.day, period)} → {day_words(latest.day, period)})"
        + latest.difficulty_text
    )


def day_words(day: date, period: Period | None) -> str:
    """A day as `stats` writes it (`2026-11-28`), or, given the report's ``period``, as the
    report does: `28 Nov` when the period lies within that day's year, else `28 Nov 2026`."""
    if period is None:
        return day.isoformat()
    words = f"{day.day} {day:%b}"
    if period.first.year == period.last.year == day.year:
        return words
    return f"{words} {day.year}"


# --- safety ---------------------------------------------------------------------------------------

ANSWERS = ("Not at all", "Several days", "More than half the days", "Nearly every day")


def pairs(cell: Any) -> dict[str, float]:
    if not isinstance(cell, str) or not cell:
        return {}
    return {
        name: float(value) for name, _, value in (part.partition("=") for part in cell.split(";"))
    }


def names(cell: Any) -> set[str]:
    return set(cell.split(";")) if isinstance(cell, str) and cell else set()


def level(value: float) -> str:
    return amount_text(value)


def entry_reasons(urges: dict[str, float], acted: set[str]) -> list[str]:
    """What makes an entry a safety flag, in words: a suicidal-thoughts urge above 0, acting on
    suicidal thoughts, a self-harm urge of 3 or more, acting on self-harm."""
    reasons = []
    if urges.get("suicidal-thoughts", 0) > 0:
        reasons.append(f"suicidal thoughts {level(urges['suicidal-thoughts'])} of 5")
    if "suicidal-thoughts" in acted:
        reasons.append("acted on suicidal thoughts")
    if urges.get("self-harm", 0) >= 3:
        reasons.append(f"self-harm urge {level(urges['self-harm'])} of 5")
    if "self-harm" in acted:
        reasons.append("acted on self-harm")
    return reasons


@dataclass(frozen=True)
class Flag:
    day: date
    recorded_at: str
    text: str  # its reasons, `self-harm urge 3 of 5; acted on self-harm`


def safety_flags(exports: Exports, period: Period) -> list[Flag]:
    """The period's safety flags, oldest first: one per entry or questionnaire that met one or
    more triggers (a PHQ-9 item 9 answer above 0 is the questionnaire's)."""
    flags = []
    for _, entry in within(exports.entries, period).iterrows():
        reasons = entry_reasons(pairs(entry["urges"]), names(entry["acted"]))
        if reasons:
            flags.append(Flag(entry["day"], str(entry["recorded_at"]), "; ".join(reasons)))
    answered = within(exports.questionnaires, period)
    if len(answered):
        for _, row in answered[answered["instrument"] == "phq9"].iterrows():
            if int(row["item9"]) > 0:
                text = (
                    "PHQ-9 item 9 (thoughts of being better off dead or of hurting yourself): "
                    + ANSWERS[int(row["item9"])]
                )
                flags.append(Flag(row["day"], str(row["recorded_at"]), text))
    return sorted(flags, key=lambda flag: (flag.day, flag.recorded_at))


def flag_count_text(count: int) -> str:
    return f"{count} safety flag" + ("" if count == 1 else "s")


# --- polarity -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Polarity:
    elevated: int
    depressed: int
    mixed: int
    rated: int
    short_nights: int
    nights: int

    def rows(self) -> dict[str, str]:
        """Page 1's polarity rows as they read: `13 of 60 days rated`, `13 of 58 nights
        recorded`."""

        def rated(count: int) -> str:
            return f"{count} of {self.rated} days rated" if self.rated else "not rated"

        nights = (
            f"{self.short_nights} of {self.nights} nights recorded"
            if self.nights
            else "no sleep recorded"
        )
        return {
            "Elevated days": rated(self.elevated),
            "Depressed days": rated(self.depressed),
            "Mixed days": rated(self.mixed),
            "Nights under 6 h": nights,
        }


def polarity(exports: Exports, period: Period) -> Polarity:
    """Days by the highest elevation and depression the day's entries gave (a scale left out
    counts as 0 when the other was rated; a day rating neither is not counted), and nights
    under 6 hours (each day's latest recorded sleep)."""
    entries = within(exports.entries, period)
    highest: dict[date, tuple[float, float]] = {}
    for _, entry in entries.iterrows():
        scales = pairs(entry["symptoms"])
        up, down = scales.get("elevated"), scales.get("depressed")
        if up is None and down is None:
            continue
        was_up, was_down = highest.get(entry["day"], (0.0, 0.0))
        highest[entry["day"]] = (max(was_up, up or 0.0), max(was_down, down or 0.0))
    elevated = sum(up >= 1 and down == 0 for up, down in highest.values())
    depressed = sum(down >= 1 and up == 0 for up, down in highest.values())
    mixed = sum(up >= 1 and down >= 1 for up, down in highest.values())
    sleep = entries[entries["sleep_hours"].notna()] if len(entries) else entries
    nights: list[float] = (
        list(sleep.sort_values(["recorded_at", "id"]).groupby("day")["sleep_hours"].last())
        if len(sleep)
        else []
    )
    return Polarity(
        elevated,
        depressed,
        mixed,
        len(highest),
        int(sum(hours < 6 for hours in nights)),
        len(nights),
    )


def journal_document(tables: dict[str, list[dict[str, Any]]]) -> str:
    """A whole-journal JSON document, as `moodlog export --format json` writes one."""
    return json.dumps({"moodlog": 1, "schema": [], "period": None, "tables": tables})


# --- journals made at random, restored from one whole-journal document -------------------------

SKILLS = (
    ("Opposite action", "dbt", "emotion regulation"),
    ("TIPP", "dbt", "distress tolerance"),
    ("Wise mind", "dbt", "mindfulness"),
    ("Behavioural activation", "cbt", None),
)
SCHEDULED = ("sertraline", "lithium", "quetiapine")
SLOTS = ("morning", "noon", "evening", "bedtime")


def moment(day: date, at: time) -> str:
    return datetime.combine(day, at, TZ).isoformat()


@dataclass
class Regimen:
    """One medicine's dated records, as the generator writes them."""

    medicine: str
    records: list[tuple[date, str, int | None, tuple[str, ...]]]  # day, kind, mg, slots

    def slots_on(self, day: date) -> tuple[str, ...]:
        in_force = [record for record in self.records if record[0] <= day]
        if not in_force or in_force[-1][1] == "stop":
            return ()
        return in_force[-1][3]


@dataclass
class RandomJournal:
    """A journal's records as a whole-journal document, and the flagged answers to add after it
    through the commands (so moodlog raises their safety flags itself)."""

    tables: dict[str, list[dict[str, Any]]]
    flagged: list[list[str]]
    period: Period


def random_journal(rng: Any, span: int, period_days: int) -> RandomJournal:
    """``span`` days ending today, some not logged; medicines begun before or after the first day,
    with dose changes, stops, skips, missed and unlogged doses and as-needed doses; skills with
    codes 0-7 or none; PHQ-9s and GAD-7s; urges, some of which raise safety flags."""
    first = TODAY - timedelta(days=span - 1)
    days = day_range(first, TODAY)
    entries: list[dict[str, Any]] = []
    entry_of: dict[date, int] = {}
    logging = rng.choice((0.3, 0.7, 0.95))
    for day in days:
        if day != first and rng.random() > logging:
            continue
        for _ in range(rng.choice((1, 1, 2))):
            late = rng.random() < 0.15
            recorded = day + timedelta(days=rng.randint(1, 3)) if late else day
            if recorded > TODAY:
                recorded, late = day, False
            urges = []
            if rng.random() < 0.1:
                urges.append(f"self-harm={rng.randint(0, 2)}")
            if rng.random() < 0.1:
                urges.append(f"substance-use={rng.randint(0, 5)}")
            entries.append(
                {
                    "id": len(entries) + 1,
                    "day": day.isoformat(),
                    "time": "09:30"
                    if day == TODAY
                    else f"{rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}",
                    "recorded_at": moment(
                        recorded, time(9, 30) if recorded == TODAY else time(21, 45)
                    ),
                    "backfilled": int(late),
                    "mood": rng.choice((None, *[n / 2 for n in range(21)])),
                    "anxiety": rng.choice((None, *range(11))),
                    "irritability": None,
                    "energy": None,
                    "sleep_hours": rng.choice((None, 4.5, 5.75, 6, 7, 7.5, 8.25, 9)),
                    "sleep_quality": None,
                    "symptoms": None,
                    "tags": None,
                    "note": None,
                    "note_shared": 0,
                    "urges": ";".join(sorted(urges)) or None,
                    "acted": None,
                    "import_key": None,
                }
            )
            entry_of.setdefault(day, len(entries))
    regimens: list[Regimen] = []
    regimen_rows: list[dict[str, Any]] = []
    for medicine in rng.sample(SCHEDULED, rng.randint(1, 3)):
        start = first + timedelta(days=rng.randint(-200, span // 2))
        slots = tuple(sorted(rng.sample(SLOTS, rng.randint(1, 2)), key=SLOTS.index))
        records = [(start, "start", rng.choice((50, 100)), slots)]
        for _ in range(rng.randint(0, 2)):
            day = records[-1][0] + timedelta(days=rng.randint(3, max(4, span // 2)))
            if rng.random() < 0.2:
                records.append((day, "stop", None, ()))
                break
            if rng.random() < 0.5:
                slots = tuple(sorted(rng.sample(SLOTS, rng.randint(1, 2)), key=SLOTS.index))
            records.append((day, "change", rng.choice((25, 75, 150)), slots))
        regimens.append(Regimen(medicine, records))
        for day, kind, amount, record_slots in records:
            regimen_rows.append(
                {
                    "id": len(regimen_rows) + 1,
                    "medicine": medicine,
                    "kind": kind,
                    "effective_date": day.isoformat(),
                    "dose": None if amount is None else f"{amount} mg",
                    "dose_amount": None if amount is None else float(amount),
                    "dose_unit": None if amount is None else "mg",
                    "schedule": ";".join(record_slots) or None,
                    "days": None,
                    "every_days": None,
                    "every_from": None,
                    "prn": 0,
                    "reason": None,
                    "recorded_at": moment(min(day, TODAY), time(10, 0)),
                }
            )
    as_needed = rng.random() < 0.6
    if as_needed:
        regimen_rows.append(
            {
                "id": len(regimen_rows) + 1,
                "medicine": "lorazepam",
                "kind": "start",
                "effective_date": (first - timedelta(days=30)).isoformat(),
                "dose": "0.5 mg",
                "dose_amount": 0.5,
                "dose_unit": "mg",
                "schedule": None,
                "days": None,
                "every_days": None,
                "every_from": None,
                "prn": 1,
                "reason": None,
                "recorded_at": moment(first, time(10, 0)),
            }
        )
    doses: list[dict[str, Any]] = []
    adherence = rng.choice((0.2, 0.6, 0.95))

    def dose(medicine: str, day: date, slot: str | None, status: str) -> None:
        doses.append(
            {
                "id": len(doses) + 1,
                "medicine": medicine,
                "day": day.isoformat(),
                "slot": slot,
                "status": status,
                "time": None,
                "dose": None,
                "dose_amount": None,
                "dose_unit": None,
                "reason": "panic" if slot is None else None,
                "entry_id": None,
                "replaces": None,
                "recorded_at": moment(day, time(9, 0) if day == TODAY else time(22, 30)),
            }
        )

    for day in days:
        for regimen in regimens:
            for slot in regimen.slots_on(day):
                if day == TODAY and SLOT_TIMES[slot] > NOW.time():
                    continue  # not due yet
                if rng.random() < adherence:
                    dose(
                        regimen.medicine,
                        day,
                        slot,
                        rng.choice(("taken",) * 8 + ("missed", "skipped")),
                    )
        if as_needed and rng.random() < 0.1:
            dose("lorazepam", day, None, "taken")
    skill_uses: list[dict[str, Any]] = []
    for day, entry_id in entry_of.items():
        if rng.random() < 0.4:
            for name, category, module in rng.sample(SKILLS, rng.randint(1, 2)):
                skill_uses.append(
                    {
                        "id": len(skill_uses) + 1,
                        "day": day.isoformat(),
                        "skill": name,
                        "category": category,
                        "module": module,
                        "score": rng.choice((None, *range(8))),
                        "entry_id": entry_id,
                        "recorded_at": moment(day, time(21, 50)),
                    }
                )
    questionnaires: list[dict[str, Any]] = []
    for day in days:
        for instrument in ("phq9", "gad7"):
            if rng.random() < 0.06:
                count = INSTRUMENTS[instrument][1]
                items = [rng.randint(0, 3) for _ in range(count)]
                if instrument == "phq9":
                    items[8] = 0  # an item 9 above 0 is answered through `check`, below
                total = sum(items)
                questionnaires.append(
                    {
                        "id": len(questionnaires) + 1,
                        "day": day.isoformat(),
                        "instrument": instrument,
                        **{f"item{n}": items[n - 1] if n <= count else None for n in range(1, 10)},
                        # Today's journals hold no GAD-7 difficulty answer.
                        "difficulty": rng.choice((None, 0, 1, 2, 3)) if count == 9 else None,
                        "total": total,
                        "band": band_of(instrument, total),
                        "recorded_at": moment(day, time(9, 0) if day == TODAY else time(20, 0)),
                    }
                )
    flagged: list[list[str]] = []
    for _ in range(rng.choice((0, 0, 1, 2, 3))):
        day = rng.choice(days).isoformat()
        kind = rng.randint(0, 3)
        if kind == 0:
            flagged.append(["add", "--date", day, "--urge", f"self-harm={rng.randint(3, 5)}"])
        elif kind == 1:
            flagged.append(["add", "--date", day, "--urge", "self-harm=3", "--acted", "self-harm"])
        elif kind == 2:
            flagged.append(
                ["add", "--date", day, "--urge", f"suicidal-thoughts={rng.randint(1, 5)}"]
            )
        else:
            answers = [rng.randint(0, 3) for _ in range(8)] + [rng.randint(1, 3)]
            flagged.append(
                ["check", "phq9", "--answers", ",".join(map(str, answers)), "--date", day]
            )
    tables = {
        "entries": entries,
        "regimen": regimen_rows,
        "doses": doses,
        "skill_uses": skill_uses,
        "questionnaires": questionnaires,
    }
    return RandomJournal(tables, flagged, Period(TODAY - timedelta(days=period_days - 1), TODAY))

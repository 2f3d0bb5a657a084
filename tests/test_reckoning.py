"""Page 1's and page 2's figures against an independent reckoning: each journal is built through
moodlog's own commands, exported as CSV, and every figure worked out again with plain pandas by
the rules the docs state (tests/reckoning.py), then looked for in the PDF's text."""

from __future__ import annotations

import ast
import re
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from moodlog.actions import clock
from tests import reckoning as rk
from tests.conftest import Run
from tests.reckoning import Exports, Period


@pytest.fixture
def read_at_two_pm(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stop the one clock at 14:00 on rk.TODAY for every command of the test."""
    moment: datetime = rk.NOW
    monkeypatch.setattr(clock, "now", lambda given=None: given or moment)


# --- what page 1 must say -------------------------------------------------------------------------


def figure_line(lines: list[str], label: str) -> str:
    """The text of the key-figure row that starts with ``label`` (one row may wrap onto the next
    line, so the line after it is kept too). The timeline names medicines too, so the search
    starts at the key figures' heading."""
    start = next((n for n, line in enumerate(lines) if line.startswith("Key figures")), 0)
    for number, line in enumerate(lines[start:], start=start):
        if line.startswith(label + " ") or line == label:
            return " ".join(lines[number : number + 2])
    return ""


def expect_any(problems: list[str], where: str, found: str, texts: set[str]) -> None:
    if not any(text in found for text in texts):
        problems.append(f"{where}: expected one of {sorted(texts)} in {found!r}")


def expect_row(
    problems: list[str],
    lines: list[str],
    label: str,
    this: set[str],
    previous: set[str] | None = None,
) -> None:
    """The row of ``label`` reads ``label`` and this period's figure, then, further on the row,
    the previous period's (when given)."""
    row = figure_line(lines, label)
    starts = [f"{label} {text}" for text in this]
    found = next((start for start in starts if start in row), None)
    if found is None:
        problems.append(f"{label}: expected one of {sorted(starts)} in {row!r}")
        return
    if previous is not None:
        rest = row.split(found, 1)[1]
        expect_any(problems, f"{label} previous period", rest, previous)


def mean_texts(exports: Exports, period: Period, column: str) -> set[str]:
    reckoned = rk.mean_of_days(exports, period, column)
    if reckoned is None:
        return {"not recorded"}
    mean, days = reckoned
    return {f"{shown} mean of {rk.plural(days, 'day')}" for shown in rk.one_decimal(mean)}


def score_text(score: rk.Score) -> str:
    return f"{score.total} {score.band} ({score.day.isoformat()})"


def page_one_problems(exports: Exports, pages: list[list[str]]) -> list[str]:
    """Every page-1 figure the reckoning disagrees with, each named."""
    period = exports.period
    previous = period.previous()
    lines = pages[0]
    text = rk.joined(lines)
    problems: list[str] = []

    logged = rk.days_logged(exports, period)
    expect_any(problems, "days logged", text, {f"{logged} of {period.days} days logged"})
    back = rk.backfilled(exports, period)
    expect_any(
        problems,
        "back-filled",
        text,
        {f"{rk.plural(back, 'entry')} back-filled".replace("entrys", "entries")},
    )

    for label, column in (
        ("Mood (0-10)", "mood"),
        ("Anxiety (0-10)", "anxiety"),
        ("Sleep (hours)", "sleep_hours"),
    ):
        expect_row(
            problems,
            lines,
            label,
            mean_texts(exports, period, column),
            mean_texts(exports, previous, column),
        )

    prn = rk.prn_medicines(exports)
    this_counts = rk.adherence_by_medicine(exports, period)
    before_counts = rk.adherence_by_medicine(exports, previous)
    for medicine in rk.medicines(exports):
        counts = this_counts.get(medicine)
        if medicine in prn or counts is None:
            continue
        earlier = before_counts.get(medicine)
        expect_row(
            problems,
            lines,
            medicine,
            rk.adherence_texts(counts),
            rk.adherence_texts(earlier) if earlier is not None else None,
        )

    this_prn, before_prn = rk.prn_uses(exports, period), rk.prn_uses(exports, previous)
    for medicine in sorted(prn):
        expect_row(
            problems,
            lines,
            f"{medicine} PRN",
            {rk.plural(this_prn.get(medicine, 0), "use")},
            {rk.plural(before_prn.get(medicine, 0), "use")},
        )

    used = rk.skills(exports, period)
    if used.times_used or sum(used.groups.values()):
        expect_row(problems, lines, "Skills used", {rk.skills_text(used)})
        row = figure_line(lines, "Skills used")
        if "mean score" in row:
            problems.append(f"skills: diary-card codes are averaged in {row!r}")

    for instrument, (title, _, _) in rk.INSTRUMENTS.items():
        this_scores = [rk.with_band(instrument, s) for s in rk.scores(exports, period, instrument)]
        earlier_scores = rk.scores(exports, previous, instrument)
        if not this_scores:
            continue
        first, latest = this_scores[0], this_scores[-1]
        shown = (
            score_text(latest) if len(this_scores) == 1 else f"{first.total} → {score_text(latest)}"
        )
        before = (
            {score_text(rk.with_band(instrument, earlier_scores[-1]))} if earlier_scores else {"—"}
        )
        expect_row(problems, lines, title, {shown}, before)

    flag_days = rk.safety_flag_days(exports, period)
    if flag_days:
        expect_any(
            problems, "safety flags counted", text, {rk.plural(len(flag_days), "safety flag")}
        )
        for day in sorted(set(flag_days)):
            expect_any(problems, f"safety flag of {day}", text, {day.isoformat()})
    elif re.search(r"\b[1-9]\d* safety flags?\b", text):
        problems.append("safety flags counted where the reckoning finds none")

    if exports.entries["symptoms"].fillna("").str.contains(r"\belevated=").any():
        poles = rk.polarity(exports, period)
        for what, count in (
            ("elevated", poles.elevated),
            ("depressed", poles.depressed),
            ("mixed", poles.mixed),
        ):
            expect_any(
                problems,
                f"{what} days",
                text,
                {f"{rk.plural(count, 'day')} {what}", f"{what} {rk.plural(count, 'day')}"},
            )
        nights = rk.plural(poles.short_nights, "night")
        expect_any(problems, "short nights", text, {f"{nights} under 6 h"})
    return problems


# --- what page 2 must say -------------------------------------------------------------------------

SPAN_LINE = re.compile(r"(\d\d \w{3} \d\d)–(\d\d \w{3} \d\d) · (\d+) d · (.+?)(?: n=\d+)?$")


def page_two_problems(exports: Exports, pages: list[list[str]]) -> list[str]:
    """Each dose's adherence in dose against response: its days from the later of its start, the
    previous period's first day and the journal's first day, through the report's last day."""
    period = exports.period
    text = rk.joined([line for page in pages[1:] for line in page])
    problems: list[str] = []
    assert exports.first_day is not None
    earliest = max(period.previous().first, exports.first_day)
    prn = rk.prn_medicines(exports)
    for medicine in rk.medicines(exports):
        if medicine in prn:
            continue
        for span in rk.dose_spans(exports, medicine, period.last):
            first, last = max(span.first, earliest), min(span.last, period.last)
            if first > last:
                continue
            counts = rk.Adherence()
            for _, cell in rk.dose_days(rk.within(exports.daily, Period(first, last))):
                for name, _, status in rk.dose_items(cell, rk.medicines(exports)):
                    if name == medicine:
                        counts = counts.add(status)
            days = (last - first).days + 1
            dates = f"{first:%d %b %y}–{last:%d %b %y} · {days} d · "
            if not counts.scheduled:
                continue
            expect_any(
                problems,
                f"page 2 {medicine} {span.dose} {first}–{last}",
                text,
                {dates + shown for shown in rk.adherence_texts(counts)},
            )
    return problems


def first_day_problems(exports: Exports) -> list[str]:
    """No day before the journal's first day has a dose due; today's doses are due from their
    slot time."""
    problems = []
    assert exports.first_day is not None
    days = rk.dose_days(exports.daily)
    early = [day for day, cell in days if day < exports.first_day and cell]
    if early:
        problems.append(
            f"{len(early)} days before the journal's first day ({exports.first_day}) have doses "
            f"due, {early[0]} to {early[-1]}"
        )
    for day, cell in days:
        if day == rk.TODAY:
            for _, slot, _ in rk.dose_items(cell, rk.medicines(exports)):
                if slot in rk.SLOT_TIMES and rk.SLOT_TIMES[slot] > rk.NOW.time():
                    problems.append(f"today's {slot} dose is due before {rk.SLOT_TIMES[slot]}")
    return problems


def reckon(moodlog: Run, db: Path, period: Period, out: Path) -> list[str]:
    exports = rk.read_exports(moodlog, db, period)
    pages = rk.report_pages(moodlog, db, period, out)
    return (
        page_one_problems(exports, pages)
        + page_two_problems(exports, pages)
        + first_day_problems(exports)
    )


def assert_reckoned(problems: list[str]) -> None:
    assert not problems, "\n".join(problems)


# --- the journals ---------------------------------------------------------------------------------


def demo(moodlog: Run, days: int, folder: Path) -> Path:
    rk.ok(moodlog, "demo", "--days", str(days), "--out", str(folder))
    return folder / "moodlog.db"


@pytest.mark.usefixtures("read_at_two_pm")
def test_the_90_day_demo_reckons(moodlog: Run, tmp_path: Path) -> None:
    db = demo(moodlog, 90, tmp_path / "demo")
    last_45 = Period(rk.TODAY - timedelta(days=44), rk.TODAY)
    assert_reckoned(reckon(moodlog, db, last_45, tmp_path / "last45.pdf"))


@pytest.mark.usefixtures("read_at_two_pm")
def test_the_90_day_demo_over_its_whole_story_reckons(moodlog: Run, tmp_path: Path) -> None:
    # Its medicines began 120 days before its first day: the previous period lies wholly before
    # the journal's first day, so nothing of it was due.
    db = demo(moodlog, 90, tmp_path / "demo")
    story = Period(rk.TODAY - timedelta(days=89), rk.TODAY)
    assert_reckoned(reckon(moodlog, db, story, tmp_path / "story.pdf"))


@pytest.mark.usefixtures("read_at_two_pm")
def test_a_400_day_demo_reckons_over_a_year(moodlog: Run, tmp_path: Path) -> None:
    db = demo(moodlog, 400, tmp_path / "demo")
    year = Period(rk.TODAY - timedelta(days=364), rk.TODAY)
    assert_reckoned(reckon(moodlog, db, year, tmp_path / "year.pdf"))


@pytest.mark.slow
@pytest.mark.usefixtures("read_at_two_pm")
def test_the_10_year_demo_reckons(moodlog: Run, tmp_path: Path) -> None:
    db = demo(moodlog, 3650, tmp_path / "demo")
    year = Period(rk.TODAY - timedelta(days=364), rk.TODAY)
    assert_reckoned(reckon(moodlog, db, year, tmp_path / "year.pdf"))
    story = Period(rk.TODAY - timedelta(days=3649), rk.TODAY)
    assert_reckoned(reckon(moodlog, db, story, tmp_path / "story.pdf"))


def iso(day: date) -> str:
    return day.isoformat()


@pytest.mark.usefixtures("read_at_two_pm")
def test_a_sparse_journal_reckons(moodlog: Run, journal_file: Path, tmp_path: Path) -> None:
    # 5 entries over 60 days; 4 doses logged, 3 of them taken: the rest is not logged, never
    # missed.
    first = rk.TODAY - timedelta(days=59)
    rk.ok(moodlog, "med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning",
          "--start", iso(first))  # fmt: skip
    for offset, mood in ((0, 4), (14, 5), (29, 5.5), (44, 6), (58, 6.5)):
        day = iso(first + timedelta(days=offset))
        rk.ok(moodlog, "add", "--date", day, "--mood", str(mood), "--anxiety", "4", "--sleep", "7")
    for offset in (0, 14, 29):
        rk.ok(moodlog, "took", "sertraline", "--date", iso(first + timedelta(days=offset)))
    rk.ok(moodlog, "missed", "sertraline", "--date", iso(first + timedelta(days=44)))
    assert_reckoned(reckon(moodlog, journal_file, Period(first, rk.TODAY), tmp_path / "r.pdf"))


@pytest.mark.usefixtures("read_at_two_pm")
def test_a_bipolar_journal_reckons(moodlog: Run, journal_file: Path, tmp_path: Path) -> None:
    # 60 days on lithium twice a day: 13 hypomanic days rated 8-9 on short nights, 25 depressed
    # days at 2-3, a few mixed days and ordinary ones; one day in five not logged at all.
    rk.ok(moodlog, "init", "--preset", "bipolar")
    first = rk.TODAY - timedelta(days=59)
    rk.ok(moodlog, "med", "add", "lithium", "--dose", "400mg", "--schedule", "morning,bedtime",
          "--start", iso(first - timedelta(days=200)))  # fmt: skip
    rk.ok(moodlog, "med", "add", "lorazepam", "--dose", "1mg", "--prn", "--start", iso(first))
    for offset in range(60):
        day = iso(first + timedelta(days=offset))
        if offset % 5 == 4 and offset != 59:
            continue
        if offset < 13:
            values = ["--mood", str(8 + offset % 2), "--symptom", "elevated=2", "--sleep", "4.5"]
        elif offset < 40:
            values = ["--mood", str(2 + offset % 2), "--symptom", "depressed=2", "--sleep", "9"]
        elif offset < 44:
            values = ["--mood", "5", "--symptom", "elevated=1", "--symptom", "depressed=1"]
        else:
            values = ["--mood", "5.5", "--symptom", "elevated=0", "--symptom", "depressed=0",
                      "--sleep", "7.5"]  # fmt: skip
        rk.ok(moodlog, "add", "--date", day, "--anxiety", str(3 + offset % 4), *values)
        if offset % 7 == 0:
            rk.ok(moodlog, "missed", "lithium", "--date", day, "--slot", "bedtime")
        elif offset % 3 != 0:
            rk.ok(moodlog, "took", "lithium", "--date", day, "--slot", "morning")
            rk.ok(moodlog, "took", "lithium", "--date", day, "--slot", "bedtime")
        if offset % 11 == 0:
            rk.ok(moodlog, "took", "lorazepam", "--date", day, "--reason", "agitated")
    rk.ok(moodlog, "add", "--date", iso(first + timedelta(days=20)), "--urge",
          "suicidal-thoughts=2")  # fmt: skip
    rk.ok(moodlog, "check", "phq9", "--answers", "2,2,2,2,1,2,1,1,1", "--date",
          iso(first + timedelta(days=25)))  # fmt: skip
    rk.ok(moodlog, "check", "phq9", "--answers", "1,1,1,1,0,1,0,0,0", "--date",
          iso(first + timedelta(days=50)))  # fmt: skip
    last_30 = Period(rk.TODAY - timedelta(days=29), rk.TODAY)
    assert_reckoned(reckon(moodlog, journal_file, Period(first, rk.TODAY), tmp_path / "a.pdf"))
    assert_reckoned(reckon(moodlog, journal_file, last_30, tmp_path / "b.pdf"))


@pytest.mark.usefixtures("read_at_two_pm")
def test_a_medicine_begun_long_before_the_first_day_reckons(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    # Sertraline since two years before the person began recording, the dose raised before the
    # first day too: no dose before the first day is due, on page 1 or on page 2.
    first = rk.TODAY - timedelta(days=20)
    rk.ok(moodlog, "med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning",
          "--start", iso(first - timedelta(days=730)))  # fmt: skip
    rk.ok(moodlog, "med", "change", "sertraline", "--dose", "100mg", "--date",
          iso(first - timedelta(days=40)))  # fmt: skip
    rk.ok(moodlog, "med", "change", "sertraline", "--dose", "150mg", "--date",
          iso(first + timedelta(days=10)), "--reason", "still low")  # fmt: skip
    for offset in range(21):
        day = iso(first + timedelta(days=offset))
        rk.ok(moodlog, "add", "--date", day, "--mood", str(3 + offset / 10), "--sleep", "7")
        if offset % 6:
            rk.ok(moodlog, "took", "sertraline", "--date", day)
    rk.ok(moodlog, "add", "--date", iso(first + timedelta(days=3)), "--skill", "opposite=5",
          "--skill", "tipp=3", "--skill", "stop")  # fmt: skip
    rk.ok(moodlog, "add", "--date", iso(first + timedelta(days=9)), "--skill", "wise mind=0",
          "--skill", "check the facts=7")  # fmt: skip
    for days in (30, 90):
        period = Period(rk.TODAY - timedelta(days=days - 1), rk.TODAY)
        assert_reckoned(reckon(moodlog, journal_file, period, tmp_path / f"{days}.pdf"))


def restore(moodlog: Run, journal: rk.RandomJournal, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    document = folder / "journal.json"
    document.write_text(rk.journal_document(journal.tables), encoding="utf-8")
    db = folder / "moodlog.db"
    rk.ok(moodlog, "--db", str(db), "import", str(document))
    for command in journal.flagged:
        rk.ok(moodlog, "--db", str(db), *command)
    return db


RANDOM_JOURNALS = st.builds(
    rk.random_journal,
    st.randoms(use_true_random=False),
    st.integers(min_value=5, max_value=120),
    st.integers(min_value=7, max_value=60),
)


def check_random_journal(moodlog: Run, journal: rk.RandomJournal, tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    db = restore(moodlog, journal, folder)
    assert_reckoned(reckon(moodlog, db, journal.period, folder / "report.pdf"))


SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
    # A random journal shrinks poorly and each try writes a report: report the first failure.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


@pytest.mark.usefixtures("read_at_two_pm")
@settings(SETTINGS, max_examples=25)
@given(journal=RANDOM_JOURNALS)
def test_random_journals_reckon(moodlog: Run, tmp_path: Path, journal: rk.RandomJournal) -> None:
    check_random_journal(moodlog, journal, tmp_path)


@pytest.mark.slow
@pytest.mark.usefixtures("read_at_two_pm")
@settings(SETTINGS, max_examples=300)
@given(journal=RANDOM_JOURNALS)
def test_many_random_journals_reckon(
    moodlog: Run, tmp_path: Path, journal: rk.RandomJournal
) -> None:
    check_random_journal(moodlog, journal, tmp_path)


def test_the_reckoning_asks_moodlog_no_figure() -> None:
    # It may run moodlog's commands, never the code that works figures out.
    for module in (Path(__file__), Path(rk.__file__)):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = [
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        ] + [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        ]
        forbidden = [
            name for name in imported if name.startswith(("moodlog.analysis", "moodlog.domain"))
        ]
        assert not forbidden, f"{module.name} imports {forbidden}"

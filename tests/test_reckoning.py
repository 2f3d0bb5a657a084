"""Page 1's and page 2's figures against an independent reckoning: each journal is built through
moodlog's own commands, exported as CSV, and every figure worked out again with plain pandas by
the rules the docs state (tests/reckoning.py), then looked for in the PDF's text."""

from __future__ import annotations

import ast
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
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


def say(problems: list[str], where: str, found: str, texts: set[str]) -> None:
    """``found`` must be one of ``texts``."""
    if found not in texts:
        problems.append(f"{where}: expected {' or '.join(sorted(texts))!r}, found {found!r}")


def holds(text: str, expected: str) -> bool:
    """``expected`` is in ``text`` whole: not the start of a longer list of figures."""
    return re.search(re.escape(rk.normal(expected)) + r"(?!\w|\s*[,·;])", text) is not None


def mean_texts(exports: Exports, period: Period, column: str) -> set[str]:
    reckoned = rk.mean_of_days(exports, period, column)
    if reckoned is None:
        return {"not recorded"}
    mean, days = reckoned
    return {f"{shown} mean of {rk.plural(days, 'day')}" for shown in rk.one_decimal(mean)}


@dataclass(frozen=True)
class Row:
    """A key-figure row as the reckoning expects it: each cell one of a few texts (a figure on a
    rounding edge may be written either way)."""

    label: str
    this: set[str]
    previous: set[str]


def key_figure_rows(exports: Exports, report: bool = True) -> list[Row]:
    """Page 1's key figures, worked out from the exports; dates as `stats` writes them when
    not for the ``report``."""
    period = exports.period
    previous = period.previous()
    rows = [
        Row(label, mean_texts(exports, period, column), mean_texts(exports, previous, column))
        for label, column in (
            ("Mood (0-10)", "mood"),
            ("Anxiety (0-10)", "anxiety"),
            ("Sleep (hours)", "sleep_hours"),
        )
    ]
    if "elevated" in exports.scales:
        this, before = rk.polarity(exports, period).rows(), rk.polarity(exports, previous).rows()
        rows += [Row(label, {this[label]}, {before[label]}) for label in this]

    # A medicine has a row when some dose of it was due in the period; the previous period's
    # cell is `—` when none was due then.
    prn = rk.prn_medicines(exports)
    this_counts = rk.adherence_by_medicine(exports, period)
    before_counts = rk.adherence_by_medicine(exports, previous)
    for medicine in rk.medicines(exports):
        counts = this_counts.get(medicine)
        if medicine in prn or counts is None:
            continue
        earlier = before_counts.get(medicine)
        rows.append(
            Row(
                medicine,
                rk.adherence_texts(counts),
                rk.adherence_texts(earlier) if earlier is not None else {"—"},
            )
        )

    # An as-needed medicine has a row when it was used in either period.
    this_prn, before_prn = rk.prn_uses(exports, period), rk.prn_uses(exports, previous)
    for medicine in sorted(prn & (set(this_prn) | set(before_prn))):
        rows.append(
            Row(
                f"{medicine} PRN",
                {rk.plural(this_prn.get(medicine, 0), "use")},
                {rk.plural(before_prn.get(medicine, 0), "use")},
            )
        )

    # Skills have their rows once the journal holds any skill use.
    if len(exports.skill_uses):
        this_skills, before_skills = rk.skills(exports, period), rk.skills(exports, previous)
        rows += [
            Row(
                "Skills used",
                {rk.skills_used_text(this_skills)},
                {rk.skills_used_text(before_skills)},
            ),
            Row(
                "Skills not used",
                {rk.skills_not_used_text(this_skills)},
                {rk.skills_not_used_text(before_skills)},
            ),
        ]
    else:
        rows.append(Row("Therapy skills", {"none recorded"}, {""}))

    # A questionnaire has a row when answered in either period: its first and latest score of
    # this period, and only the previous period's latest beside them.
    worded = period if report else None
    for instrument, (title, _, _) in rk.INSTRUMENTS.items():
        this_scores = rk.scores(exports, period, instrument)
        before_scores = rk.scores(exports, previous, instrument)
        if this_scores or before_scores:
            rows.append(
                Row(
                    title,
                    {rk.first_to_latest(this_scores, worded)},
                    {before_scores[-1].text_in(worded) if before_scores else "—"},
                )
            )
    return rows


def page_one_problems(exports: Exports, shown: rk.Report) -> list[str]:
    """Every page-1 figure the reckoning disagrees with, each named."""
    period = exports.period
    text = shown.text(0, 1)
    problems: list[str] = []

    flags = rk.safety_flags(exports, period)
    back = rk.backfilled(exports, period)
    header = (
        f"{rk.days_logged(exports, period)} of {period.days} days logged · "
        f"{back} {'entry' if back == 1 else 'entries'} back-filled · "
        f"{rk.flag_count_text(len(flags))}"
    )
    if header not in text:
        problems.append(f"header: expected {header!r}")

    rows = shown.key_figures
    for row in key_figure_rows(exports):
        this, before = rows.get(row.label, ("(no row)", "(no row)"))
        say(problems, f"{row.label} this period", this, row.this)
        say(problems, f"{row.label} previous period", before, row.previous)

    # Every flag is named under the header, with its day and reasons (these journals have too
    # few to fill the block's eight lines).
    if flags:
        if f"Safety flags: {len(flags)}" not in text:
            problems.append(f"flags block: expected 'Safety flags: {len(flags)}'")
        for flag in flags:
            line = f"{rk.day_words(flag.day, period)} {flag.text}"
            if not holds(text, line):
                problems.append(f"safety flag {line!r} not on page 1")
    return problems


# --- what page 2 must say -------------------------------------------------------------------------


def dose_line(exports: Exports, span: rk.DoseSpan) -> set[str]:
    """The line page 2 names a dose with: its dose, its days, and its adherence from the
    journal's first day (`200 mg · 31 May – 26 Nov 2026 · 180 d · from the journal's first
    day, 29 Aug 2026: 89% · …`), or that nothing was due before it."""

    def day(moment: date) -> str:
        return f"{moment.day} {moment:%b}"

    if span.first == span.last:  # one day: named once
        days_text = f"{day(span.first)} {span.first.year}"
    elif span.first.year == span.last.year:
        days_text = f"{day(span.first)} – {day(span.last)} {span.last.year}"
    else:
        days_text = f"{day(span.first)} {span.first.year} – {day(span.last)} {span.last.year}"
    assert exports.first_day is not None
    days = (span.last - span.first).days + 1
    text = f"{span.dose}{' (before)' if span.before else ''} · {days_text} · {days} d"
    if exports.first_day > span.last:
        return {text + " · nothing due (before the journal's first day)"}
    counted_from = max(span.first, exports.first_day)
    counts = rk.Adherence()
    for _, cell in rk.dose_days(rk.within(exports.daily, Period(counted_from, span.last))):
        for name, _, status in rk.dose_items(cell, rk.medicines(exports)):
            if name == span.medicine:
                counts = counts.add(status)
    if counted_from > span.first:
        text += f" · from the journal's first day, {day(counted_from)} {counted_from.year}:"
    else:
        text += " ·"
    return {f"{text} {shown}" for shown in rk.adherence_texts(counts)}


def page_two_problems(exports: Exports, shown: rk.Report) -> list[str]:
    """Each dose's line in dose against response."""
    period = exports.period
    text = shown.text(1)
    problems: list[str] = []
    prn = rk.prn_medicines(exports)
    for medicine in rk.medicines(exports):
        if medicine in prn:
            continue
        for span in rk.dose_spans(exports, medicine, period):
            lines = dose_line(exports, span)
            if not any(holds(text, line) for line in lines):
                problems.append(f"page 2 {medicine}: expected one of {sorted(lines)}")
    return problems


def due_problems(exports: Exports) -> list[str]:
    """The daily CSV's doses are those the regimen and the dose logs make due: none before the
    journal's first day, today's from their slot time."""
    expected = rk.due_doses(exports)
    problems = []
    for day, cell in rk.dose_days(exports.daily):
        found = Counter(rk.dose_items(cell, rk.medicines(exports)))
        if found != expected.get(day, Counter()):
            problems.append(
                f"{day}: the daily CSV has doses {sorted(found.elements())}, the regimen and "
                f"the logs make due {sorted(expected.get(day, Counter()).elements())}"
            )
    return problems[:5]


def daily_problems(exports: Exports) -> list[str]:
    """The daily CSV's per-day counts agree with the record tables."""
    period = exports.period
    daily = rk.within(exports.daily, period)
    problems = []
    flags = Counter(flag.day for flag in rk.safety_flags(exports, period))
    for day, count in zip(daily["day"], daily["safety_flags"], strict=True):
        if int(count) != flags.get(day, 0):
            problems.append(f"daily {day}: {count} safety flags, reckoned {flags.get(day, 0)}")
    used = rk.skills(exports, period)
    for column, reckoned in (
        ("skills_used", used.times_used),
        ("skills_helped", used.groups["used and helped"]),
        ("skills_no_code", used.no_code),
        ("skills_could_not", used.groups["tried but couldn't"]),
    ):
        if int(daily[column].sum()) != reckoned:
            problems.append(f"daily {column}: {daily[column].sum()}, reckoned {reckoned}")
    return problems


# --- what `moodlog stats` must say ----------------------------------------------------------------


def stats_problems(moodlog: Run, db: Path, exports: Exports) -> list[str]:
    """`moodlog stats` over the same period says the same figures as page 1."""
    period = exports.period
    text = rk.normal(
        rk.ok(
            moodlog,
            "--db",
            str(db),
            "stats",
            "--since",
            period.first.isoformat(),
            "--until",
            period.last.isoformat(),
        ).stdout
    )
    problems = []
    rows = {row.label: row for row in key_figure_rows(exports, report=False)}
    for medicine in rk.medicines(exports):
        row = rows.get(medicine)
        if row is None:
            continue
        previous = {"nothing due"} if row.previous == {"—"} else row.previous
        if not any(
            holds(text, f"{medicine}: {this} previous period: {before}")
            for this in row.this
            for before in previous
        ):
            problems.append(f"stats {medicine}: expected {sorted(row.this)}, {sorted(previous)}")
    expected = []
    if "Skills used" in rows:
        for label in ("Skills used", "Skills not used"):
            (this,), (before,) = rows[label].this, rows[label].previous
            expected.append(f"{label}: {this} · previous period {before}")
    for title in ("PHQ-9", "GAD-7"):
        if title in rows:
            (this,), (before,) = rows[title].this, rows[title].previous
            this = "not answered in this period" if this == "not answered" else this
            expected.append(
                f"{title} {this}" + ("" if before == "—" else f" · previous period: {before}")
            )
    for label in ("Elevated days", "Depressed days", "Mixed days", "Nights under 6 h"):
        if label in rows:
            (this,), (before,) = rows[label].this, rows[label].previous
            expected.append(f"{label} {this} {before}")
    flags = rk.safety_flags(exports, period)
    expected.append(
        f"{rk.flag_count_text(len(flags))} in this period"
        if flags
        else "No safety flags in this period."
    )
    expected += [f"{flag.day.isoformat()} {flag.text}" for flag in flags]
    problems += [f"stats: expected {line!r}" for line in expected if not holds(text, line)]
    return problems


def reckon(moodlog: Run, db: Path, period: Period, out: Path, stats: bool = False) -> list[str]:
    exports = rk.read_exports(moodlog, db, period)
    shown = rk.report(moodlog, db, period, out)
    return (
        page_one_problems(exports, shown)
        + page_two_problems(exports, shown)
        + due_problems(exports)
        + daily_problems(exports)
        + (stats_problems(moodlog, db, exports) if stats else [])
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
    assert_reckoned(reckon(moodlog, db, last_45, tmp_path / "last45.pdf", stats=True))


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
    whole = Period(first, rk.TODAY)
    assert_reckoned(reckon(moodlog, journal_file, whole, tmp_path / "r.pdf", stats=True))


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
    whole = Period(first, rk.TODAY)
    assert_reckoned(reckon(moodlog, journal_file, whole, tmp_path / "a.pdf", stats=True))
    assert_reckoned(reckon(moodlog, journal_file, last_30, tmp_path / "b.pdf", stats=True))


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

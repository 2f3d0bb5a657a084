"""Skills counted by diary-card group, and questionnaires read first → latest, on journals kept
through the real commands: page 1, page 2, `stats` and the daily CSV say the same, with every
figure worked out by hand in the test."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from pypdf import PdfReader

from moodlog.storage.migrations import MIGRATION_NAMES
from tests.conftest import Run
from tests.reckoning import key_figures

FIXTURES = Path(__file__).parent / "fixtures"
NOVEMBER = ("--since", "2026-11-01", "--until", "2026-11-10")

# Every diary-card code once for Opposite action, a second code 3 for TIPP, a code 7 and a log
# with no code; one code 5 in the period before (2026-10-22 to 2026-10-31).
SKILL_LOGS = (
    ("2026-11-01", "opposite=0"),
    ("2026-11-02", "opposite=1"),
    ("2026-11-03", "opposite=2"),
    ("2026-11-04", "opposite=3"),
    ("2026-11-05", "opposite=4"),
    ("2026-11-06", "opposite=5"),
    ("2026-11-07", "opposite=6"),
    ("2026-11-08", "tipp=7"),
    ("2026-11-08", "stop"),
    ("2026-11-09", "tipp=3"),
    ("2026-10-25", "tipp=5"),
)


def ok(moodlog: Run, *args: str) -> str:
    result = moodlog(*args)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def pdf_text(pdf: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]


def report(moodlog: Run, folder: Path, *period: str) -> list[str]:
    out = folder / "report.pdf"
    ok(moodlog, "report", *period, "--out", str(out))
    return pdf_text(out)


def log_skills(moodlog: Run) -> None:
    for day, skill in SKILL_LOGS:
        ok(moodlog, "add", "--date", day, "--skill", skill)


def test_page_one_counts_skills_by_group_and_a_code_3_is_not_used(
    moodlog: Run, tmp_path: Path
) -> None:
    """Used: codes 4, 5, 6, 7 and the log with no code, 5 times on 4 days (11-05 to 11-08);
    helped (5, 7) 2, didn't help (4, 6) 2, no code 1. Not used: tried but couldn't (3) 2,
    thought about only (1, 2) 2, not thought about (0) 1. The period before: one 5."""
    log_skills(moodlog)
    page_one = report(moodlog, tmp_path, *NOVEMBER)[0]
    assert (
        "Skills used 5 times on 4 days · 2 helped, 2 didn't help, 1 no code "
        "1 time on 1 day · 1 helped"
    ) in page_one
    # The whole row is 3.7 inches of text: page 1's column cuts its end (see the note below).
    assert "Skills not used 2 tried but couldn't, 2 thought about only, 1 not thought" in page_one
    assert "mean score" not in page_one


def test_page_two_ranks_skills_with_their_groups_and_no_mean(moodlog: Run, tmp_path: Path) -> None:
    """Opposite action: used on 3 days (4, 5, 6), helped 1, didn't help 2, no code 0,
    couldn't 1, thought of 2 (1, 2), not thought of 1 (0). TIPP: 1 day (7), helped 1,
    couldn't 1. STOP: 1 day, no code 1. Ranked by days used, then times helped."""
    log_skills(moodlog)
    details = " ".join(report(moodlog, tmp_path, *NOVEMBER)[1:])
    assert "Skills ranked by use, with their diary-card groups" in details
    ranking = details.split("Skills ranked by use, with their diary-card groups")[1]
    assert "Opposite action 3 1 2 0 1 2 1 TIPP 1 1 0 0 1 0 0 STOP 1 0 0 1 0 0 0" in ranking
    assert "mean score" not in details


def test_the_daily_csv_counts_skills_by_the_same_groups(moodlog: Run) -> None:
    log_skills(moodlog)
    result = moodlog("export", "--table", "daily", *NOVEMBER)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert "skill_score" not in rows[0]

    def total(column: str) -> int:
        return sum(int(row[column]) for row in rows)

    assert total("skill_uses") == 10
    assert total("skills_used") == 5
    assert (total("skills_helped"), total("skills_not_helped"), total("skills_no_code")) == (
        2,
        2,
        1,
    )
    assert total("skills_could_not") == 2
    assert (total("skills_thought_about"), total("skills_not_thought_about")) == (2, 1)
    by_day = {row["day"]: row for row in rows}
    # A code 3 is logged, and not used.
    code_three = by_day["2026-11-04"]
    assert (code_three["skill_uses"], code_three["skills_used"]) == ("1", "0")
    assert code_three["skills_could_not"] == "1"
    eighth = by_day["2026-11-08"]
    assert (eighth["skills_used"], eighth["skills_helped"], eighth["skills_no_code"]) == (
        "2",
        "1",
        "1",
    )


def test_stats_counts_skills_as_page_one_does(moodlog: Run) -> None:
    log_skills(moodlog)
    output = " ".join(ok(moodlog, "stats", *NOVEMBER).split())
    assert (
        "Skills used: 5 times on 4 days · 2 helped, 2 didn't help, 1 no code · previous period "
        "1 time on 1 day · 1 helped"
    ) in output
    assert (
        "Skills not used: 2 tried but couldn't, 2 thought about only, 1 not thought about · "
        "previous period none"
    ) in output


def answer_questionnaires(moodlog: Run) -> None:
    """PHQ-9 5 (mild) in the period before; 17 (moderately severe) and then 15 (moderately
    severe, somewhat difficult) in this one. GAD-7 5 (mild), not difficult at all."""
    ok(moodlog, "check", "phq9", "--answers", "1,1,1,1,1,0,0,0,0", "--date", "2026-10-20")
    ok(moodlog, "check", "phq9", "--answers", "3,2,2,2,2,2,2,2,0", "--date", "2026-11-03")
    ok(
        moodlog,
        *("check", "phq9", "--answers", "2,2,2,2,2,2,2,1,0", "--difficulty", "1"),
        *("--date", "2026-11-28"),
    )
    ok(
        moodlog,
        *("check", "gad7", "--answers", "1,1,1,1,1,0,0", "--difficulty", "0"),
        *("--date", "2026-11-10"),
    )


def test_page_one_shows_first_to_latest_and_only_the_previous_periods_latest(
    moodlog: Run, tmp_path: Path
) -> None:
    answer_questionnaires(moodlog)
    pages = report(moodlog, tmp_path, "--since", "2026-11-01", "--until", "2026-11-30")
    # Read by where the cells are drawn: the arrow is set apart from its row's words, and a
    # long cell wraps onto a second line, whole.
    figures = key_figures(PdfReader(tmp_path / "report.pdf").pages[0])
    assert figures["PHQ-9"] == (
        "17 → 15 moderately severe (3 Nov → 28 Nov) · somewhat difficult",
        "5 mild (20 Oct)",
    )
    assert figures["GAD-7"] == ("5 mild (10 Nov) · not difficult at all", "—")
    assert "GAD-7 5 mild (10 Nov) · not difficult at all" in pages[0]
    details = " ".join(pages[1:])
    assert "difficulty: latest somewhat difficult (28 Nov)" in details
    assert "difficulty: latest not difficult at all (10 Nov)" in details


def test_stats_shows_first_to_latest_and_the_previous_periods_latest(moodlog: Run) -> None:
    answer_questionnaires(moodlog)
    output = " ".join(
        ok(moodlog, "stats", "--since", "2026-11-01", "--until", "2026-11-30").split()
    )
    assert (
        "PHQ-9 17 → 15 moderately severe (2026-11-03 → 2026-11-28) · somewhat difficult · "
        "previous period: 5 mild (2026-10-20)"
    ) in output
    assert "GAD-7 5 mild (2026-11-10) · not difficult at all" in output


def test_a_journal_of_the_previous_schema_keeps_its_gad7_and_can_store_its_difficulty(
    moodlog: Run, journal_file: Path
) -> None:
    journal_file.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite3.connect(journal_file)
    old.executescript((FIXTURES / "journal_0006.sql").read_text())
    old.close()
    saved = ok(
        moodlog,
        *("check", "gad7", "--answers", "1,1,1,0,0,0,0", "--difficulty", "3"),
        *("--date", "2026-10-20"),
    )
    assert "Difficulty: Extremely difficult." in saved
    with sqlite3.connect(journal_file) as connection:
        steps = [row[0] for row in connection.execute("SELECT name FROM schema_migrations")]
        kept = connection.execute(
            "SELECT id, instrument, total, difficulty FROM questionnaires ORDER BY id"
        ).fetchall()
        flags = connection.execute("SELECT id, questionnaire_id FROM safety_flags").fetchall()
    assert steps[-1] == MIGRATION_NAMES[-1] == "0013_fhir_id_namespace"
    assert kept == [(1, "phq9", 9, 2), (2, "gad7", 10, None), (3, "gad7", 3, 3)]
    # The PHQ-9's safety flag still points at it: rebuilding the table deleted nothing.
    assert flags == [(1, 1)]
    (backup,) = (journal_file.parent / "backups").glob("*.db")
    assert "before-0007_gad7_difficulty" in backup.name


def test_the_whole_journal_json_carries_a_gad7_difficulty(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    ok(
        moodlog,
        *("check", "gad7", "--answers", "2,1,1,0,0,0,0", "--difficulty", "2"),
        *("--date", "2026-11-10"),
    )
    whole = tmp_path / "journal.json"
    ok(moodlog, "export", "--format", "json", "--out", str(whole))
    (row,) = json.loads(whole.read_text())["tables"]["questionnaires"]
    assert (row["instrument"], row["difficulty"]) == ("gad7", 2)
    copy = tmp_path / "copy.db"
    ok(moodlog, "--db", str(copy), "import", str(whole))
    with sqlite3.connect(copy) as connection:
        assert connection.execute(
            "SELECT instrument, total, difficulty FROM questionnaires"
        ).fetchall() == [("gad7", 4, 2)]

"""Therapy: the skills catalogue, logging skills with an entry, sessions attended."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from moodlog.actions.records import load_therapy_records
from moodlog.domain.days import Period
from moodlog.domain.therapy import BUILT_IN_SKILLS, DBT_MODULES, SkillUse, rank_skills
from moodlog.storage.journal import open_journal
from tests.conftest import Run, run_moodlog_process


def rows(journal_file: Path, sql: str) -> list[tuple[Any, ...]]:
    if not journal_file.exists():
        return []
    with sqlite3.connect(journal_file) as connection:
        return connection.execute(sql).fetchall()


def skill_uses(journal_file: Path) -> list[tuple[Any, ...]]:
    return rows(journal_file, "SELECT skill, category, score, entry_id FROM skill_uses ORDER BY id")


def count(journal_file: Path, table: str) -> int:
    found = rows(journal_file, f"SELECT count(*) FROM {table}")
    return int(found[0][0]) if found else 0


# The catalogue


def test_skills_lists_cbt_and_every_dbt_module_with_a_line_on_each(moodlog: Run) -> None:
    result = moodlog("skills")
    assert result.exit_code == 0, result.output
    for heading in ("CBT", *(f"DBT · {module}" for module in DBT_MODULES)):
        assert heading in result.output
    for name in (
        "Thought record",
        "Behavioural activation",
        "Worry time",
        "Wise mind",
        "STOP",
        "TIPP",
        "Radical acceptance",
        "Check the facts",
        "Opposite action",
        "PLEASE",
        "DEAR MAN",
        "GIVE",
        "FAST",
    ):
        assert name in result.output
    assert "Act opposite to an urge that doesn't fit" in result.output


def test_every_built_in_skill_fits_on_one_line_of_an_80_column_list() -> None:
    for skill in BUILT_IN_SKILLS:
        assert skill.description
        assert len(skill.name) + 2 + 2 + len(skill.description) <= 80, skill.name


def test_skills_category_dbt_shows_only_dbt_skills(moodlog: Run) -> None:
    result = moodlog("skills", "--category", "DBT")
    assert result.exit_code == 0, result.output
    assert "Opposite action" in result.output
    assert "Thought record" not in result.output
    assert "CBT" not in result.output


def test_an_unknown_category_is_refused_with_the_allowed_ones(moodlog: Run) -> None:
    result = moodlog("skills", "--category", "act")
    assert result.exit_code == 1
    assert "'act'" in result.output
    assert "dbt, cbt, own" in result.output


def test_my_own_skill_is_listed_under_own_and_can_be_logged(
    moodlog: Run, journal_file: Path
) -> None:
    added = moodlog("skills", "add", "Walk outside", "--description", "Twenty minutes, no phone")
    assert added.exit_code == 0, added.output
    listed = moodlog("skills", "--category", "own")
    assert "Your own skills" in listed.output
    assert "Walk outside (yours)" in listed.output
    assert "Twenty minutes, no phone" in listed.output
    assert "Opposite action" not in listed.output
    logged = moodlog("add", "--date", "2026-01-05", "--skill", "walk=6")
    assert logged.exit_code == 0, logged.output
    assert skill_uses(journal_file) == [("Walk outside", "own", 6, 1)]


def test_my_own_dbt_skill_goes_under_its_module(moodlog: Run, journal_file: Path) -> None:
    added = moodlog("skills", "add", "Box breathing", "--category", "distress-tolerance")
    assert added.exit_code == 0, added.output
    assert "DBT · distress tolerance" in added.output
    assert rows(journal_file, "SELECT name, category, module, built_in FROM skills") == [
        ("Box breathing", "dbt", "distress tolerance", 0)
    ]
    listed = moodlog("skills", "--category", "dbt")
    assert "Box breathing (yours)" in listed.output


def test_adding_a_skill_the_catalogue_has_is_refused(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("skills", "add", "opposite-action")
    assert result.exit_code == 1
    assert "already in the catalogue as Opposite action" in result.output
    assert count(journal_file, "skills") == 0


def test_a_skill_name_with_an_equals_sign_is_refused(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("skills", "add", "breathe=slow")
    assert result.exit_code == 1
    assert "'breathe=slow'" in result.output
    assert count(journal_file, "skills") == 0


# Logging skills with an entry


def test_opposite_finds_opposite_action_with_its_diary_card_score(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog("add", "--date", "2026-01-05", "--mood", "4", "--skill", "opposite=7")
    assert result.exit_code == 0, result.output
    assert "Skills: Opposite action 7." in result.output
    assert skill_uses(journal_file) == [("Opposite action", "dbt", 7, 1)]
    assert rows(journal_file, "SELECT day FROM skill_uses") == [("2026-01-05",)]


@pytest.mark.parametrize("typed", ["dear man", "DEAR MAN", "dear-man", "DearMan", "dear"])
def test_dear_man_is_found_however_it_is_typed(
    moodlog: Run, journal_file: Path, typed: str
) -> None:
    result = moodlog("add", "--date", "2026-01-05", "--skill", typed)
    assert result.exit_code == 0, result.output
    assert skill_uses(journal_file) == [("DEAR MAN", "dbt", None, 1)]


def test_several_skills_are_logged_with_the_same_entry(moodlog: Run, journal_file: Path) -> None:
    result = moodlog(
        "add",
        "--date",
        "2026-01-05",
        "--skill",
        "thought record=5",
        "--skill",
        "TIPP",
        "--skill",
        "relaxation breathing=6",
    )
    assert result.exit_code == 0, result.output
    assert skill_uses(journal_file) == [
        ("Thought record", "cbt", 5, 1),
        ("TIPP", "dbt", None, 1),
        ("Relaxation/breathing", "cbt", 6, 1),
    ]


def test_an_ambiguous_prefix_lists_its_candidates_and_saves_nothing(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog("add", "--mood", "5", "--skill", "pro=4")
    assert result.exit_code == 1
    assert "could be Problem solving or Pros and cons" in result.output
    assert count(journal_file, "entries") == 0
    assert count(journal_file, "skill_uses") == 0


def test_an_unknown_skill_suggests_the_closest_names_and_saves_nothing(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog("add", "--mood", "5", "--skill", "oposite action=5")
    assert result.exit_code == 1
    assert "not in the catalogue" in result.output
    assert "did you mean Opposite action?" in result.output
    assert count(journal_file, "entries") == 0


def test_a_misspelt_skill_is_matched_to_the_name_it_resembles(moodlog: Run) -> None:
    result = moodlog("add", "--skill", "acceptanse")
    assert result.exit_code == 1
    assert "Radical acceptance" in result.output


@pytest.mark.parametrize("score", ["8", "-1", "5.5", "lots", ""])
def test_a_score_outside_0_to_7_is_refused_and_nothing_is_saved(
    moodlog: Run, journal_file: Path, score: str
) -> None:
    result = moodlog("add", "--mood", "5", "--skill", f"opposite={score}")
    assert result.exit_code == 1
    assert "Opposite action" in result.output
    assert "0 (not thought about or used) to 7 (didn't try, used them, helped)" in result.output
    assert count(journal_file, "entries") == 0
    assert count(journal_file, "skill_uses") == 0


def test_scores_0_and_7_are_the_ends_of_the_diary_card(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("add", "--skill", "stop=0", "--skill", "check the facts=7")
    assert result.exit_code == 0, result.output
    assert [use[2] for use in skill_uses(journal_file)] == [0, 7]


def test_the_same_skill_twice_keeps_the_last_score(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("add", "--skill", "stop=2", "--skill", "STOP=6")
    assert result.exit_code == 0, result.output
    assert skill_uses(journal_file) == [("STOP", "dbt", 6, 1)]


def test_show_lists_the_skills_of_an_entry(moodlog: Run) -> None:
    moodlog("add", "--date", "2026-01-05", "--skill", "opposite=7", "--skill", "GIVE")
    shown = moodlog("show", "1")
    assert shown.exit_code == 0, shown.output
    assert "Opposite action 7" in shown.output
    assert "GIVE" in shown.output


def test_editing_skills_replaces_them_and_moving_the_entry_moves_them(
    moodlog: Run, journal_file: Path
) -> None:
    moodlog("add", "--date", "2026-01-05", "--mood", "5", "--skill", "opposite=7")
    moved = moodlog("edit", "1", "--date", "2026-01-04")
    assert moved.exit_code == 0, moved.output
    assert rows(journal_file, "SELECT day FROM skill_uses") == [("2026-01-04",)]
    replaced = moodlog("edit", "1", "--skill", "wise mind=5")
    assert replaced.exit_code == 0, replaced.output
    assert skill_uses(journal_file) == [("Wise mind", "dbt", 5, 1)]
    cleared = moodlog("edit", "1", "--clear", "skills")
    assert cleared.exit_code == 0, cleared.output
    assert skill_uses(journal_file) == []


def test_an_edit_with_a_wrong_skill_changes_nothing(moodlog: Run, journal_file: Path) -> None:
    moodlog("add", "--date", "2026-01-05", "--mood", "5", "--skill", "opposite=7")
    refused = moodlog("edit", "1", "--mood", "2", "--clear", "skills", "--skill", "wise mind=9")
    assert refused.exit_code == 1
    assert rows(journal_file, "SELECT mood FROM entries") == [(5.0,)]
    assert skill_uses(journal_file) == [("Opposite action", "dbt", 7, 1)]


def test_deleting_an_entry_deletes_its_skills(moodlog: Run, journal_file: Path) -> None:
    moodlog("add", "--date", "2026-01-05", "--skill", "opposite=7")
    deleted = moodlog("delete", "1", "--yes")
    assert deleted.exit_code == 0, deleted.output
    assert count(journal_file, "skill_uses") == 0


def test_skills_are_ranked_by_days_used_then_times_helped_then_name() -> None:
    at = datetime(2026, 1, 10, 21, tzinfo=UTC)

    def use(day: int, skill: str, score: int | None) -> SkillUse:
        return SkillUse(date(2026, 1, day), skill, "dbt", None, score, at)

    ranking = rank_skills(
        [
            use(1, "STOP", 7),
            use(2, "STOP", 5),
            use(1, "Wise mind", 4),
            use(2, "Wise mind", 5),
            use(2, "TIPP", 7),
            use(3, "TIPP", 3),  # tried but couldn't: logged, not a day used
            use(4, "TIPP", 2),  # thought about only
            use(3, "GIVE", None),
            use(4, "GIVE", None),
            use(5, "Check the facts", 5),
        ]
    )
    # (skill, days used, helped, didn't help, no code, couldn't, thought about, not thought)
    assert [
        (
            r.skill,
            r.counts.days,
            r.counts.helped,
            r.counts.not_helped,
            r.counts.no_code,
            r.counts.could_not,
            r.counts.thought_about,
            r.counts.not_thought_about,
        )
        for r in ranking
    ] == [
        ("STOP", 2, 2, 0, 0, 0, 0, 0),
        ("Wise mind", 2, 1, 1, 0, 0, 0, 0),
        ("GIVE", 2, 0, 0, 2, 0, 0, 0),
        ("Check the facts", 1, 1, 0, 0, 0, 0, 0),
        ("TIPP", 1, 1, 0, 0, 1, 1, 0),
    ]
    assert not any(hasattr(r, "mean_score") for r in ranking)


def test_the_report_reads_a_periods_skills_sessions_questionnaires_and_flags(
    moodlog: Run, journal_file: Path
) -> None:
    moodlog("add", "--date", "2026-01-05", "--skill", "opposite=6", "--urge", "self-harm=4")
    moodlog("add", "--date", "2026-01-20", "--skill", "stop")
    moodlog("session", "individual", "--date", "2026-01-06")
    moodlog("check", "phq9", "--answers", "1,1,1,1,1,0,0,0,0", "--date", "2026-01-07")
    moodlog("check", "phq9", "--answers", "2,1,1,1,1,0,0,0,0", "--date", "2026-01-09")
    with open_journal(journal_file) as journal, journal.transaction(write=False) as connection:
        record = load_therapy_records(connection, Period(date(2026, 1, 1), date(2026, 1, 10)))
    assert [(use.skill, use.score, use.entry_id) for use in record.skill_uses] == [
        ("Opposite action", 6, 1)
    ]
    assert [(session.day, session.kind) for session in record.sessions] == [
        (date(2026, 1, 6), "individual")
    ]
    assert [(answer.total, answer.band) for answer in record.questionnaires] == [
        (5, "mild"),
        (6, "mild"),
    ]
    assert [(flag.day, flag.trigger) for flag in record.safety_flags] == [
        (date(2026, 1, 5), "self-harm-urge")
    ]


# Sessions


def test_a_session_is_saved_with_its_kind_day_and_note(moodlog: Run, journal_file: Path) -> None:
    result = moodlog(
        "session", "DBT skills group", "--date", "2026-01-05", "--note", "chain analysis"
    )
    assert result.exit_code == 0, result.output
    assert "Saved session 1: dbt skills group, 2026-01-05 (with a note)." in result.output
    assert rows(journal_file, "SELECT day, kind, note FROM sessions") == [
        ("2026-01-05", "dbt skills group", "chain analysis")
    ]


def test_a_session_without_a_kind_is_a_therapy_session_today(
    moodlog: Run, journal_file: Path
) -> None:
    result = moodlog("session")
    assert result.exit_code == 0, result.output
    assert rows(journal_file, "SELECT kind, note FROM sessions") == [("therapy", None)]


def test_a_session_note_can_come_from_standard_input(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("session", "individual", "--note", "-", input="talked about sleep\n")
    assert result.exit_code == 0, result.output
    assert rows(journal_file, "SELECT note FROM sessions") == [("talked about sleep",)]


def test_a_session_in_the_future_is_refused(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("session", "individual", "--date", "2199-01-01")
    assert result.exit_code == 1
    assert "'2199-01-01'" in result.output
    assert "in the future" in result.output
    assert count(journal_file, "sessions") == 0


def test_a_session_on_a_date_that_does_not_exist_is_refused(moodlog: Run) -> None:
    result = moodlog("session", "--date", "2026-02-30")
    assert result.exit_code == 1
    assert "'2026-02-30'" in result.output


# Help and docs


@pytest.mark.parametrize(
    "command", [["skills"], ["skills", "add"], ["session"], ["check"], ["add"]]
)
def test_every_therapy_command_has_an_example_in_its_help(moodlog: Run, command: list[str]) -> None:
    result = moodlog(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example: moodlog" in result.output


def test_the_docs_cover_every_therapy_command() -> None:
    docs = Path(__file__).parent.parent / "docs"
    therapy = (docs / "therapy.md").read_text(encoding="utf-8")
    questionnaires = (docs / "questionnaires.md").read_text(encoding="utf-8")
    for command in ("moodlog skills", "moodlog skills add", "--skill", "moodlog session"):
        assert command in therapy
    for command in ("moodlog check phq9", "moodlog check gad7", "--answers", "crisis-resources"):
        assert command in questionnaires
    schema = (docs / "schema.md").read_text(encoding="utf-8")
    for table in ("skills", "skill_uses", "sessions", "questionnaires", "safety_flags"):
        assert f"`{table}`" in schema


def test_the_therapy_commands_keep_moodlog_light_to_start() -> None:
    probe = (
        "import sys, moodlog.cli.therapy; "
        "print(' '.join(m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""


def test_python_dash_m_moodlog_lists_skills() -> None:
    done = run_moodlog_process("skills", "--category", "cbt")
    assert done.returncode == 0, done.stderr
    assert "Worry time" in done.stdout

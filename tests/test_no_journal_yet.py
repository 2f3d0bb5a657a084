"""Reading never creates: a command that only reads, on a fresh HOME, says there is no journal
yet and how to start one, in one line, and leaves nothing behind (no journal, no folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.command_lines import SAMPLE_LINES
from tests.conftest import Run, run_moodlog_process

# Every command that only reads, as typed (the ids and names need no journal to be typed).
READING = [
    "list",
    "list --search walk",
    "list --tag work --last 7d",
    "show",
    "stats",
    "report",
    "export",
    "backup",
    "scales",
    "scales show",
    "med",
    "med list",
    "side-effect list",
    "side-effect show",
    "dose",
    "dose list",
    "dose show",
    "session list",
    "session show",
    "check list",
    "check show",
    "skill-use",
    "skill-use list",
    "skill-use show",
    "appointment list",
    "appointment show",
    "ask list",
    "ask show",
]


def everything_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def typed_line(command: str, tmp_path: Path) -> list[str]:
    """The sample line of a command, or the words typed here when they add options to it."""
    line = SAMPLE_LINES.get(command, command.split())
    return [word.replace("{tmp}", str(tmp_path / "out")) for word in line]


@pytest.mark.parametrize("command", READING)
def test_a_reading_command_on_a_fresh_home_leaves_nothing_behind(
    moodlog: Run, journal_home: Path, tmp_path: Path, command: str
) -> None:
    assert not journal_home.exists()  # a fresh HOME has no moodlog folder at all
    before = everything_under(tmp_path)

    result = moodlog(*typed_line(command, tmp_path))

    assert result.exit_code == 1, result.output
    assert result.output == (
        f"moodlog: no journal yet at {journal_home / 'moodlog.db'}; start one with moodlog add "
        "(or try a sample one with moodlog demo)\n"
    )
    assert everything_under(tmp_path) == before
    assert not journal_home.exists()


@pytest.mark.parametrize(
    ("command", "answer"),
    [
        ("config get day-starts-at", "04:00"),
        ("config", "day-starts-at = 04:00"),
        ("skills --category dbt", "opposite action"),
        ("skills show opposite", "kind          built in"),
        ("undo --yes", "Nothing to undo"),
    ],
)
def test_settings_skills_and_undo_answer_from_the_defaults_and_create_nothing(
    moodlog: Run, journal_home: Path, command: str, answer: str
) -> None:
    result = moodlog(*command.split())

    assert result.exit_code == 0, result.output
    assert answer in result.output
    assert not journal_home.exists()


def test_import_dry_run_checks_against_an_empty_journal_and_creates_none(
    moodlog: Run, journal_home: Path, tmp_path: Path
) -> None:
    made = tmp_path / "mine.csv"
    made.write_text("day,mood,tags,note\n2026-03-01,6.5,Café,Harbour walk\n", encoding="utf-8")

    result = moodlog("import", str(made), "--dry-run")

    assert result.exit_code == 0, result.output
    assert "1 entr" in result.output
    assert "Nothing was saved" in result.output
    assert not journal_home.exists()


def test_ask_list_as_an_option_reads_too(moodlog: Run, journal_home: Path) -> None:
    result = moodlog("ask", "--list")

    assert result.exit_code == 1
    assert "no journal yet" in result.output
    assert not journal_home.exists()


def test_status_says_there_is_no_journal_and_exits_0(moodlog: Run, journal_home: Path) -> None:
    result = moodlog("status")

    assert result.exit_code == 0
    assert "no journal yet" in result.output
    assert not journal_home.exists()


def test_status_quiet_counts_no_journal_as_today_left_to_log(
    moodlog: Run, journal_home: Path
) -> None:
    result = moodlog("status", "--quiet")

    assert result.exit_code == 1
    assert result.output == ""
    assert not journal_home.exists()


def test_where_says_what_starts_the_journal(moodlog: Run, journal_home: Path) -> None:
    result = moodlog("where")

    assert result.exit_code == 0
    assert "not created yet" in result.output
    assert "the first command that records something" in result.output
    assert not journal_home.exists()


def test_the_first_add_then_starts_it_and_reading_works(moodlog: Run, journal_home: Path) -> None:
    assert moodlog("list").exit_code == 1

    assert moodlog("add", "--mood", "6").exit_code == 0
    listed = moodlog("list")

    assert listed.exit_code == 0, listed.output
    assert (journal_home / "moodlog.db").is_file()


def test_a_real_process_leaves_no_journal_with_db(tmp_path: Path) -> None:
    """The installed command, with --db naming a journal in a folder not made yet."""
    journal = tmp_path / "not-yet" / "moodlog.db"

    result = run_moodlog_process("--db", str(journal), "export", "--table", "entries")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"moodlog: no journal yet at {journal};")
    assert not journal.parent.exists()

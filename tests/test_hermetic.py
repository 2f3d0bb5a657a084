"""The tests cannot write into the person's own folders, and a run that did would fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import hermetic
from tests.hermetic import GUARD_MESSAGE, XDG_FOLDERS, RealFolders

pytest_plugins = ["pytester"]

CHECKOUT = Path(__file__).resolve().parent.parent

# Two tests run by a pytest of their own, with the guard as its only plugin: one uses moodlog
# as every test does, the other first takes away what protects it and so writes into the
# person's home, as the suite once did.
UNPROTECTED = """
import os

from typer.testing import CliRunner

from moodlog.cli import app


def test_a_protected_command_stays_in_the_tests_folders():
    assert CliRunner().invoke(app, ["add", "--mood", "5"]).exit_code == 0


def test_a_command_run_without_the_protection():
    os.environ["HOME"] = os.environ["THE_PERSONS_HOME"]
    for name in ["MOODLOG_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"]:
        del os.environ[name]
    assert CliRunner().invoke(app, ["add", "--mood", "6"]).exit_code == 0
"""


def test_a_run_that_writes_into_the_persons_home_fails_naming_the_file(
    pytester: pytest.Pytester, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = tmp_path / "person"
    (person / "Documents").mkdir(parents=True)
    (person / "Documents" / "letter.txt").write_text("already there\n")
    monkeypatch.setenv("HOME", str(person))
    for name in XDG_FOLDERS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("THE_PERSONS_HOME", str(person))
    monkeypatch.setenv("PYTHONPATH", str(CHECKOUT))
    pytester.makepyfile(test_unprotected=UNPROTECTED)

    result = pytester.runpytest_subprocess("-p", "tests.hermetic", "-p", "no:cacheprovider")

    result.assert_outcomes(passed=2)
    assert result.ret == pytest.ExitCode.TESTS_FAILED, result.stdout.str()
    journal = person.resolve() / ".local/share/moodlog/moodlog.db"
    result.stdout.fnmatch_lines([f"*{GUARD_MESSAGE}*", f"*appeared: {journal}"])
    assert journal.exists()
    assert "letter.txt" not in result.stdout.str()
    named = [line for line in result.stdout.lines if "appeared: " in line]
    assert all(str(person.resolve()) in line for line in named), named


def test_the_guard_names_files_that_appeared_changed_or_went_and_not_one_left_alone(
    tmp_path: Path,
) -> None:
    home = tmp_path / "person"
    settings = home / ".config" / "moodlog" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text("day-starts-at = 04:00\n")
    old_journal = home / ".local" / "share" / "moodlog" / "old.db"
    old_journal.parent.mkdir(parents=True)
    old_journal.write_text("\n")
    (home / "left-alone.txt").write_text("untouched\n")
    (home / ".bash_history").write_text("ls\n")
    (home / "someone-elses.txt").write_text("\n")
    real = RealFolders.record({"HOME": str(home)}, skipped=())
    assert real.changes() == []

    settings.write_text("day-starts-at = 05:00, longer\n")
    (home / "new.txt").write_text("new\n")
    old_journal.unlink()
    # Another program's own files, changed or removed while the tests ran: not the tests'.
    (home / ".bash_history").write_text("ls\npytest\n")
    (home / "someone-elses.txt").unlink()

    home = home.resolve()
    assert real.changes() == [
        f"appeared: {home / 'new.txt'}",
        f"changed: {home / '.config/moodlog/settings.toml'}",
        f"gone: {home / '.local/share/moodlog/old.db'}",
    ]


def test_a_big_home_is_watched_at_its_top_and_where_moodlog_and_matplotlib_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hermetic, "WHOLE_WALK_LIMIT", 10)
    home = tmp_path / "person"
    (home / "Photos").mkdir(parents=True)
    for number in range(20):
        (home / "Photos" / f"{number}.jpg").write_text("a photo\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (home / "linked").symlink_to(elsewhere)  # never followed
    data = tmp_path / "data"  # XDG_DATA_HOME outside the home: small, so walked whole
    data.mkdir()
    real = RealFolders.record({"HOME": str(home), "XDG_DATA_HOME": str(data)}, skipped=())

    (home / "Photos" / "new.jpg").write_text("deep in a big home: not watched\n")
    (elsewhere / "through-the-link.txt").write_text("not watched\n")
    (home / ".cache" / "matplotlib").mkdir(parents=True)
    (home / ".cache" / "matplotlib" / "fontlist.json").write_text("{}\n")
    (data / "moodlog").mkdir()
    (data / "moodlog" / "moodlog.db").write_text("")

    home, data = home.resolve(), data.resolve()
    assert real.changes() == [
        f"appeared: {path}"
        for path in [
            data / "moodlog",
            data / "moodlog" / "moodlog.db",
            home / ".cache",
            home / ".cache" / "matplotlib",
            home / ".cache" / "matplotlib" / "fontlist.json",
        ]
    ]


def test_a_tests_own_monkeypatch_undo_keeps_the_tests_folders(
    journal_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOODLOG_HOME", "/somewhere/else")
    monkeypatch.delenv("HOME")
    monkeypatch.undo()
    assert os.environ["MOODLOG_HOME"] == str(journal_home)
    assert Path(os.environ["HOME"]).name.startswith("user-home")
    for name in XDG_FOLDERS:
        assert os.environ[name].startswith(os.environ["HOME"])
    assert "MOODLOG_DB" not in os.environ
    assert Path(os.environ["MPLCONFIGDIR"]).name == "matplotlib"


def test_no_test_reaches_the_real_keyring() -> None:
    """keyring's choice in every child a test runs (moodlog included) is its null backend,
    which keeps nothing: never the person's Keychain or Secret Service."""
    chosen = subprocess.run(
        [sys.executable, "-c", "import keyring; print(type(keyring.get_keyring()).__module__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert chosen.stdout.strip() == "keyring.backends.null"

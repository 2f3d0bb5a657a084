"""The command line as a whole: help, version, the entry points, and what `add` imports."""

from __future__ import annotations

import os
import select
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
import typer

from moodlog import __version__
from moodlog.cli import COMMANDS, app
from tests.conftest import Run, run_moodlog_process


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        path = (*prefix, name)
        found.append(path)
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
    return found


ALL_COMMANDS = _commands(typer.main.get_group(app))


def test_help_lists_every_command_without_loading_them() -> None:
    code = (
        "import sys\n"
        "from moodlog.cli import main\n"
        "sys.argv = ['moodlog', '--help']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED:' + ','.join(sorted(m for m in sys.modules if m.startswith('moodlog.cli.')"
        " and m != 'moodlog.cli.app')))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    for name in COMMANDS:
        assert f"  {name} " in finished.stdout
    assert "LOADED:\n" in finished.stdout


def test_the_commands_of_the_spec_exist() -> None:
    names = {path[0] for path in ALL_COMMANDS}
    expected = {"add", "list", "show", "edit", "delete", "scales", "init", "config", "where"}
    expected |= {"demo", "report", "backup", "export", "import", "stats", "status"}
    assert expected <= names


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(moodlog: Run, command: tuple[str, ...]) -> None:
    result = moodlog(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example: moodlog " + command[0] in result.output


def test_version(moodlog: Run) -> None:
    result = moodlog("--version")
    assert result.output.strip() == f"moodlog {__version__}"


def test_python_dash_m_moodlog_runs_and_usage_errors_exit_2() -> None:
    saved = run_moodlog_process("add", "--mood", "7")
    assert saved.returncode == 0, saved.stderr
    assert "Saved entry 1" in saved.stdout
    unknown = run_moodlog_process("add", "--no-such-option")
    assert unknown.returncode == 2
    bad = run_moodlog_process("add", "--mood", "11")
    assert bad.returncode == 1
    assert bad.stderr.strip().count("\n") == 0
    assert bad.stderr.startswith("moodlog: mood 11 is out of range")


def test_importing_the_cli_loads_no_pandas_numpy_or_matplotlib() -> None:
    code = (
        "import sys, moodlog.cli\n"
        "from moodlog.cli import app\n"
        "heavy = [m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert finished.stdout.strip() == ""


def test_add_in_a_fresh_interpreter_loads_no_heavy_module(journal_home: Path) -> None:
    code = (
        "import sys\n"
        "from moodlog.cli import app\n"
        "try:\n"
        "    app(['add', '--mood', '6', '--sleep', '7'], standalone_mode=False)\n"
        "finally:\n"
        "    heavy = [m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules]\n"
        "    print('HEAVY:' + ','.join(heavy))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "HEAVY:\n" in finished.stdout


@pytest.mark.parametrize(
    ("date", "loads_dateutil"),
    [("today", False), ("yesterday", False), ("3 days ago", False), ("1 month ago", True)],
)
def test_add_loads_the_date_library_only_for_a_month_or_a_year(
    journal_home: Path, date: str, loads_dateutil: bool
) -> None:
    code = (
        "import sys\n"
        "from moodlog.cli import app\n"
        "try:\n"
        f"    app(['add', '--mood', '6', '--date', {date!r}], standalone_mode=False)\n"
        "finally:\n"
        "    print('DATEUTIL:' + str('dateutil' in sys.modules))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert f"DATEUTIL:{loads_dateutil}" in finished.stdout


def test_config_validates_each_key(moodlog: Run) -> None:
    assert moodlog("config", "get", "day-starts-at").output.strip() == "04:00"
    assert moodlog("config", "set", "day-starts-at", "5:30").output.strip() == (
        "day-starts-at = 05:30"
    )
    late = moodlog("config", "set", "day-starts-at", "13:00")
    assert late.exit_code == 1
    assert "00:00 to 11:59" in late.output
    unknown = moodlog("config", "set", "colour", "blue")
    assert unknown.exit_code == 1
    assert "setting 'colour' is not known" in unknown.output
    assert "day-starts-at = 05:30" in moodlog("config").output


def test_presets_add_their_scales_once_and_combine(moodlog: Run, journal_file: Path) -> None:
    first = moodlog("init", "--preset", "bipolar", "--preset", "adhd")
    assert first.exit_code == 0, first.output
    assert "elevated" in first.output
    again = moodlog("init", "--preset", "bipolar")
    assert "Nothing to add" in again.output
    connection = sqlite3.connect(journal_file)
    names = [row[0] for row in connection.execute("SELECT name FROM scales ORDER BY name")]
    connection.close()
    assert names == sorted(["elevated", "depressed", "focus", "restlessness", "impulsivity"])
    listed = moodlog("scales")
    assert "elevated" in listed.output
    assert "0-3" in listed.output
    unknown = moodlog("init", "--preset", "flu")
    assert unknown.exit_code == 1
    assert "depression, anxiety, bipolar, adhd, psychosis" in unknown.output


@pytest.mark.parametrize("preset", ["depression", "anxiety", "bipolar", "adhd", "psychosis"])
def test_each_preset_can_be_used_on_an_entry(moodlog: Run, preset: str) -> None:
    from moodlog.domain.scales import PRESETS

    assert moodlog("init", "--preset", preset).exit_code == 0
    first_scale = PRESETS[preset][0].name
    assert moodlog("add", "--symptom", f"{first_scale}=2").exit_code == 0
    assert moodlog("add", "--symptom", f"{first_scale}=4").exit_code == 1


def test_scales_of_your_own(moodlog: Run) -> None:
    added = moodlog("scales", "add", "Headache", "--min", "0", "--max", "10")
    assert added.exit_code == 0, added.output
    assert moodlog("scales", "add", "headache", "--min", "0", "--max", "5").exit_code == 1
    assert moodlog("scales", "add", "pain", "--min", "5", "--max", "1").exit_code == 1
    assert moodlog("add", "--symptom", "headache=6").exit_code == 0
    asked = moodlog("scales", "remove", "headache")
    assert asked.exit_code == 1
    assert "1 entry keeps its rating on it" in asked.output
    removed = moodlog("scales", "remove", "headache", "--yes")
    assert removed.exit_code == 0
    assert "1 entries keep their values" in removed.output
    assert "headache 6" in moodlog("show", "1").output
    assert moodlog("scales", "remove", "headache").exit_code == 1


def test_where_names_the_journal_and_its_source(moodlog: Run, journal_file: Path) -> None:
    result = moodlog("where")
    assert str(journal_file) in result.output
    assert "MOODLOG_HOME" in result.output


def test_demo_writes_a_journal_of_its_own(moodlog: Run, tmp_path: Path, journal_file: Path) -> None:
    out = tmp_path / "demo"
    result = moodlog("demo", "--days", "30", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "moodlog.db").exists()
    assert not journal_file.exists()
    connection = sqlite3.connect(out / "moodlog.db")
    days = connection.execute("SELECT count(DISTINCT day) FROM entries").fetchone()[0]
    connection.close()
    assert 20 <= days <= 30
    again = moodlog("demo", "--days", "30", "--out", str(out))
    assert again.exit_code == 1
    assert "already holds a journal" in again.output


def test_demo_refuses_the_real_journals_folder(moodlog: Run, journal_home: Path) -> None:
    result = moodlog("demo", "--out", str(journal_home))
    assert result.exit_code == 1
    assert "real journal" in result.output


def _read_until(fd: int, text: bytes, timeout: float = 20) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while text not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
    return seen


def test_add_with_no_values_in_a_terminal_asks_for_each(journal_file: Path) -> None:
    main, follower = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "moodlog", "add"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        close_fds=True,
    )
    os.close(follower)
    answers = [
        (b"mood", b"6.5"),
        (b"anxiety", b"11"),  # refused: asked again
        (b"anxiety", b"3"),
        (b"irritability", b""),
        (b"energy", b""),
        (b"sleep (", b"7.5"),
        (b"sleep quality", b"4"),
        (b"tags", b""),
        (b"skill used", b""),
        (b"note", b"ok day"),
        (b"share", b"n"),
    ]
    transcript = b""
    for prompt, answer in answers:
        transcript += _read_until(main, prompt)
        os.write(main, answer + b"\n")
    transcript += _read_until(main, b"Saved entry")
    process.wait(timeout=30)
    os.close(main)
    assert process.returncode == 0, transcript.decode(errors="replace")
    assert b"out of range" in transcript
    connection = sqlite3.connect(journal_file)
    row = connection.execute(
        "SELECT mood, anxiety, irritability, sleep_hours, sleep_quality, note, note_shared "
        "FROM entries"
    ).fetchone()
    connection.close()
    assert row == (6.5, 3, None, 7.5, 4, "ok day", 0)

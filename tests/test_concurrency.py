"""Several moodlog processes at once (a shell prompt's status line, a reminder script, the person
typing) all succeed, and lose nothing.

The short form runs in CI; the long form (`pytest -m slow`) is 4 processes adding 250 entries
each.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import short_and_slow

# Each writer waits for the starting signal (a file), so all of them begin at the same moment
# on a journal that does not exist yet: they race to create it and to apply its migrations too.
ADD_AT_ONCE = """
import sys, time
from pathlib import Path
from moodlog.cli import app
go = Path(sys.argv[3])
while not go.exists():
    time.sleep(0.001)
for n in range(int(sys.argv[1])):
    try:
        app(["add", "--mood", "5", "--tag", "busy", "--note", f"{sys.argv[2]} {n}"],
            standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            raise
"""


@short_and_slow("processes, entries", (4, 25), (4, 250))
def test_four_processes_adding_at_once_all_succeed_and_lose_nothing(
    journal_file: Path, tmp_path: Path, processes: int, entries: int
) -> None:
    go = tmp_path / "go"
    names = [f"writer-{n}" for n in range(processes)]
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", ADD_AT_ONCE, str(entries), name, str(go)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    time.sleep(0.5)  # let every interpreter start and wait at the line
    go.touch()
    for writer in writers:
        _, errors = writer.communicate(timeout=600)
        assert writer.returncode == 0, errors
        assert errors == ""
    connection = sqlite3.connect(journal_file)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        notes = [row[0] for row in connection.execute("SELECT note FROM entries")]
    finally:
        connection.close()
    assert len(notes) == processes * entries
    assert set(notes) == {f"{name} {n}" for name in names for n in range(entries)}
    print(f"{processes} processes x {entries} entries = {len(notes)} entries")


LIST_AT_ONCE = """
import sys, time
from pathlib import Path
from moodlog.cli import app
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.001)
try:
    app(["list", "--since", "2026-09-01", "--until", "2026-09-02"], standalone_mode=False)
except SystemExit as stop:
    if stop.code:
        raise
"""


def test_four_commands_at_once_on_a_journal_that_needs_an_upgrade_all_succeed(
    journal_file: Path, tmp_path: Path
) -> None:
    """After moodlog is upgraded, the first commands (a shell prompt's, the person's) may run
    at the same moment: each may take the copy that comes before an upgrade, and none fails."""
    journal_file.parent.mkdir(parents=True)
    connection = sqlite3.connect(journal_file)
    connection.executescript((Path(__file__).parent / "fixtures" / "journal_0001.sql").read_text())
    connection.close()
    go = tmp_path / "go"
    commands = [
        subprocess.Popen(
            [sys.executable, "-c", LIST_AT_ONCE, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    time.sleep(0.5)
    go.touch()
    for command in commands:
        out, errors = command.communicate(timeout=120)
        assert command.returncode == 0, errors
        assert "2 of 2 days logged" in out
    backups = list((journal_file.parent / "backups").iterdir())
    assert 1 <= len(backups) <= 4
    for backup in backups:
        copy = sqlite3.connect(backup)
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM entries").fetchone()[0] == 3
        copy.close()

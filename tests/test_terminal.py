"""A terminal that helps, and pipes: a reader that goes away ends a command with 0, piped lines
end without spaces, long output goes through the pager only in a terminal, a mistyped command
or option names the nearest, the shell completes the journal's names, and `report --open`
hands the file to the system's viewer (docs/terminal.md)."""

from __future__ import annotations

import fcntl
import json
import os
import shlex
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.conftest import Run, run_moodlog_process
from tests.test_cli import _read_until


def _seed(journal_home: Path, days: int = 40) -> None:
    """A journal with ``days`` entries (so `list` is longer than a 24-row window), two
    medicines, a tag and a dose."""
    env = {"MOODLOG_HOME": str(journal_home)}
    code = (
        "from moodlog.cli import main\n"
        "import sys\n"
        "for argv in sys.argv[1:]:\n"
        "    sys.argv = ['moodlog', *argv.split('|')]\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as done:\n"
        "        assert not done.code, argv\n"
    )
    lines = [
        "med|add|sertraline|--dose|50mg",
        "med|add|Lithium|--dose|300mg|--schedule|morning",
        "took|sertraline",
        "scales|add|headache|--min|0|--max|10",
        "warn|add|short sleep|--when|sleep < 5 on 2 nights in a row",
        "warn|add|Spending|--when|tag spending 3 times in 7 days",
    ]
    lines += [
        f"add|--date|2026-01-{day:02d}|--mood|5|--tag|Harbour walk|--note|day {day}"
        for day in range(1, days + 1)
        if day <= 31
    ]
    lines += [
        f"add|--date|2026-02-{day - 31:02d}|--mood|6|--tag|work" for day in range(32, days + 1)
    ]
    done = subprocess.run(
        [sys.executable, "-c", code, *lines],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


# --- Pipes ------------------------------------------------------------------------------------

PIPED = [
    "stats --since 2026-01-01 --until 2026-02-09",
    "list --since 2026-01-01 --until 2026-02-09",
    "med list",
    "dose list --last 1y",
    "export",
    "show 1",
    "report --help",
    "--help",
]


@pytest.mark.parametrize("reader", ["head -1", "true"])
def test_every_command_ends_with_0_when_its_reader_goes_away(
    journal_home: Path, reader: str
) -> None:
    _seed(journal_home)
    moodlog = f"{shlex.quote(sys.executable)} -m moodlog"
    script = "set -o pipefail\n" + "".join(
        f"{moodlog} {line} | {reader} >/dev/null || echo 'FAILED {line}' >&2\n" for line in PIPED
    )
    done = subprocess.run(
        ["bash", "-c", script],
        env={**os.environ, "MOODLOG_HOME": str(journal_home)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # Not a word either: no traceback, no "Exception ignored" from Python flushing at exit.
    assert done.stderr == ""
    assert done.returncode == 0


def test_no_piped_line_ends_in_a_space(journal_home: Path) -> None:
    _seed(journal_home)
    env = {"MOODLOG_HOME": str(journal_home)}
    for line in [
        *PIPED[:4],
        "session list",
        "side-effect list",
        "skill-use list",
        "scales",
        "skills",
        "appointment list",
        "ask --list",
    ]:
        done = run_moodlog_process(*line.split(), env=env)
        assert done.returncode == 0, (line, done.stderr)
        assert done.stdout.strip(), line
        padded = [row for row in done.stdout.splitlines() if row.endswith(" ")]
        assert padded == [], line


# --- The pager --------------------------------------------------------------------------------


def _fake_pager(folder: Path) -> Path:
    """A pager that says it started, then passes what it was given on."""
    pager = folder / "fake-pager"
    pager.write_text("#!/bin/sh\necho FAKE-PAGER-STARTED\ncat\n")
    pager.chmod(0o755)
    return pager


def _in_a_terminal(args: list[str], env: dict[str, str | None], rows: int = 24) -> tuple[int, str]:
    """Run moodlog with its output on a terminal ``rows`` high and 80 wide (``env`` on top of
    this one's; None unsets); its exit code and everything it showed."""
    environment = {**os.environ}
    for key, value in env.items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    main, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "moodlog", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        close_fds=True,
        env=environment,
    )
    os.close(follower)
    shown = _read_until(main, b"\0never\0", timeout=60)  # to the end: the terminal closes
    os.close(main)
    return process.wait(timeout=60), shown.decode(errors="replace")


def test_long_output_in_a_terminal_goes_through_the_pager_and_short_does_not(
    journal_home: Path, tmp_path: Path
) -> None:
    _seed(journal_home)
    env: dict[str, str | None] = {
        "MOODLOG_HOME": str(journal_home),
        "MOODLOG_PAGER": str(_fake_pager(tmp_path)),
    }
    period = ["--since", "2026-01-01", "--until", "2026-02-09"]
    code, shown = _in_a_terminal(["list", *period], env)
    assert code == 0
    assert "FAKE-PAGER-STARTED" in shown
    assert "day 31" in shown  # the whole list reached the pager
    # Five entries fit the window: printed as they are.
    code, shown = _in_a_terminal(["list", "--since", "2026-01-01", "--until", "2026-01-05"], env)
    assert code == 0
    assert "FAKE-PAGER-STARTED" not in shown
    assert "day 5" in shown
    # --no-pager, before the command, as git takes it.
    code, shown = _in_a_terminal(["--no-pager", "list", *period], env)
    assert code == 0
    assert "FAKE-PAGER-STARTED" not in shown
    assert "day 31" in shown
    # A window tall enough for it all.
    code, shown = _in_a_terminal(["list", *period], env, rows=200)
    assert "FAKE-PAGER-STARTED" not in shown


def test_output_printed_for_the_terminal_keeps_its_styles_paged_or_not(
    journal_home: Path, tmp_path: Path
) -> None:
    """A table's bold header reaches the terminal whether it fits (printed as it is) or goes
    through the pager (which less -R shows styled); the pager keeps no search history."""
    _seed(journal_home)
    recorder = tmp_path / "recording-pager"
    recorder.write_text('#!/bin/sh\necho "PAGER-HISTORY=$LESSHISTFILE"\ncat\n')
    recorder.chmod(0o755)
    env: dict[str, str | None] = {
        "MOODLOG_HOME": str(journal_home),
        "MOODLOG_PAGER": str(recorder),
        "LESSHISTFILE": None,
    }
    bold = "\x1b[1m"
    code, short = _in_a_terminal(["list", "--since", "2026-01-01", "--until", "2026-01-03"], env)
    assert code == 0
    assert bold in short
    code, paged = _in_a_terminal(["list", "--since", "2026-01-01", "--until", "2026-02-09"], env)
    assert code == 0
    assert "PAGER-HISTORY=-" in paged
    assert bold in paged
    code, own = _in_a_terminal(["skills"], env, rows=10)  # a listing with no command of its own
    assert "PAGER-HISTORY=-" in own


def test_piped_output_never_goes_through_the_pager(journal_home: Path, tmp_path: Path) -> None:
    _seed(journal_home)
    env = {"MOODLOG_HOME": str(journal_home), "MOODLOG_PAGER": str(_fake_pager(tmp_path))}
    for line in ("list --since 2026-01-01 --until 2026-02-09", "stats", "export"):
        done = run_moodlog_process(*line.split(), env=env)
        assert done.returncode == 0, done.stderr
        assert "FAKE-PAGER-STARTED" not in done.stdout


@pytest.mark.parametrize(
    ("pager", "page"),
    [
        ("", False),  # MOODLOG_PAGER empty: none, even with PAGER set
        ("cat", False),
        ("no-such-pager-program --flag", False),  # not installed: printed as it is
        (None, True),  # unset: PAGER
    ],
)
def test_moodlog_pager_wins_over_pager_and_opts_out(
    journal_home: Path, tmp_path: Path, pager: str | None, page: bool
) -> None:
    _seed(journal_home)
    env: dict[str, str | None] = {
        "MOODLOG_HOME": str(journal_home),
        "PAGER": str(_fake_pager(tmp_path)),
        "MOODLOG_PAGER": pager,
    }
    code, shown = _in_a_terminal(["list", "--since", "2026-01-01", "--until", "2026-02-09"], env)
    assert code == 0
    assert ("FAKE-PAGER-STARTED" in shown) is page
    assert "day 31" in shown


# --- Did you mean -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        (["ad"], "No such command 'ad'. Did you mean 'add'?"),
        (["stat"], "Did you mean 'stats' or 'status'?"),
        (["list", "--lst", "30d"], "No such option '--lst'. Did you mean '--last'"),
        (["med", "lst"], "No such command 'lst'. Did you mean 'list'?"),
        (["dose", "lst"], "No such command 'lst'. Did you mean 'list'?"),
        (["med", "list", "--al"], "No such option '--al'. Did you mean '--all'?"),
        (["--no-pagr", "list"], "No such option '--no-pagr'. Did you mean '--no-pager'?"),
    ],
)
def test_a_mistyped_command_or_option_names_the_nearest(
    moodlog: Run, typed: list[str], suggested: str
) -> None:
    result = moodlog(*typed)
    assert result.exit_code == 2
    assert suggested in result.output
    assert result.output.count("Did you mean") == 1


def test_a_slip_in_a_record_command_is_named_not_logged(moodlog: Run) -> None:
    slip = moodlog("session", "lst")
    assert slip.exit_code == 2
    assert "No such command 'lst'. Did you mean 'list'?" in slip.output
    assert moodlog("ask", "shw").exit_code == 2
    logged = moodlog("session", "individual")  # a kind of session, far from every command
    assert logged.exit_code == 0, logged.output
    sessions = json.loads(moodlog("session", "list", "--json").output)["sessions"]
    assert [session["kind"] for session in sessions] == ["individual"]  # the slip saved nothing


def test_a_global_option_after_the_command_says_where_it_goes(moodlog: Run) -> None:
    result = moodlog("list", "--no-pager")
    assert result.exit_code == 2
    assert "--no-pager goes before the command: moodlog --no-pager list" in result.output


def test_a_word_after_double_dash_is_no_command_and_no_crash(moodlog: Run) -> None:
    # `--` ends the options, so `--json` after it is taken for a command's name (Hypothesis
    # found this one raising an IndexError inside the suggestion).
    result = moodlog("scales", "--", "--json")
    assert result.exit_code == 2
    assert "No such command '--json'." in result.output
    assert "unexpected error" not in result.output


def test_a_name_with_a_line_break_is_named_on_one_line(moodlog: Run) -> None:
    # Hypothesis found `scales delete '0<newline>0' --yes` answering on two lines.
    assert moodlog("add", "--mood", "5").exit_code == 0
    result = moodlog("scales", "delete", "0\n0", "--yes")
    assert result.exit_code == 1
    assert result.output == (
        "moodlog: scale 0\\n0 is not in the journal; 'moodlog scales' lists them\n"
    )


def test_nothing_near_suggests_nothing(moodlog: Run) -> None:
    result = moodlog("zzzzqqq")
    assert result.exit_code == 2
    assert "No such command 'zzzzqqq'." in result.output
    assert "Did you mean" not in result.output


# --- Completion -------------------------------------------------------------------------------

_COMPLETE = (
    "import sys\n"
    "from moodlog.cli import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "print('PANDAS' if 'pandas' in sys.modules else 'NO-PANDAS')\n"
)


def _complete(line: str, env: dict[str, str]) -> list[str]:
    """What bash is offered for the last word of ``line`` (``moodlog took ``: the empty word
    after `took`), and that completing loaded no pandas."""
    words = line.split()
    if line.endswith(" "):
        words.append("")
    done = subprocess.run(
        [sys.executable, "-c", _COMPLETE],
        env={
            **os.environ,
            **env,
            "_MOODLOG_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    *offered, pandas = done.stdout.splitlines()
    assert pandas == "NO-PANDAS"
    return [word for word in offered if word]


def test_completion_offers_the_journals_names(journal_home: Path) -> None:
    _seed(journal_home, days=3)
    env = {"MOODLOG_HOME": str(journal_home)}
    assert _complete("moodlog took ", env) == ["Lithium", "sertraline"]
    assert _complete("moodlog missed s", env) == ["sertraline"]
    # Names are matched in any case; the start keeps the case it was typed in.
    assert _complete("moodlog med change li", env) == ["lithium"]
    assert _complete("moodlog dose list --med L", env) == ["Lithium"]
    assert _complete("moodlog add --took ", env) == ["Lithium", "sertraline"]
    assert _complete("moodlog add --tag Har", env) == ["Harbour\\ walk"]
    assert _complete("moodlog add --symptom head", env) == ["headache="]
    assert _complete("moodlog scales show h", env) == ["headache"]
    assert _complete("moodlog add --skill opposite", env) == ["opposite-action"]
    assert _complete("moodlog export --table s", env) == ["skill_uses", "sessions", "side_effects"]
    assert _complete("moodlog warn test ", env) == ["short\\ sleep", "Spending"]
    assert _complete("moodlog warn did s", env) == ["short\\ sleep", "spending"]


def test_completing_on_a_fresh_home_creates_no_journal(journal_home: Path) -> None:
    env = {"MOODLOG_HOME": str(journal_home)}
    before = sorted(journal_home.rglob("*"))
    assert _complete("moodlog took ", env) == []
    assert _complete("moodlog add --tag ", env) == []
    assert "Wise-mind" in _complete("moodlog add --skill ", env)  # the catalogue, no journal
    assert sorted(journal_home.rglob("*")) == before


def test_completing_leaves_no_file_beside_the_journal(journal_home: Path) -> None:
    _seed(journal_home, days=3)
    before = sorted(path.name for path in journal_home.iterdir())
    assert _complete("moodlog took ", {"MOODLOG_HOME": str(journal_home)}) != []
    assert sorted(path.name for path in journal_home.iterdir()) == before  # no -wal, no -shm


def test_completion_reads_the_journal_db_names(tmp_path: Path, journal_home: Path) -> None:
    _seed(journal_home, days=1)
    other = tmp_path / "empty-home"
    other.mkdir()
    line = f"moodlog --db {journal_home / 'moodlog.db'} took "
    assert _complete(line, {"MOODLOG_HOME": str(other)}) == ["Lithium", "sertraline"]
    assert list(other.iterdir()) == []


# --- report --open ----------------------------------------------------------------------------


def test_report_open_hands_the_file_to_the_viewer_without_waiting(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    opened = tmp_path / "opened.txt"
    viewer = tools / "xdg-open"
    viewer.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {shlex.quote(str(opened))}\n')
    viewer.chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    monkeypatch.setattr(sys, "platform", "linux")
    assert moodlog("add", "--mood", "5").exit_code == 0
    out = tmp_path / "report.pdf"
    result = moodlog("report", "--out", str(out), "--open")
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output
    for _ in range(200):  # the viewer runs on its own; moodlog did not wait for it
        if opened.exists() and opened.read_text():
            break
        time.sleep(0.05)
    assert opened.read_text() == str(out)


def test_report_open_without_a_viewer_says_where_the_file_is(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-tools"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(sys, "platform", "linux")
    assert moodlog("add", "--mood", "5").exit_code == 0
    out = tmp_path / "report.pdf"
    result = moodlog("report", "--out", str(out), "--open")
    assert result.exit_code == 0, result.output
    assert f"No xdg-open here to open it with; the report is at {out}" in result.output
    assert out.exists()

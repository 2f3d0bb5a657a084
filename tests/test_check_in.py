"""The day's check-in: `moodlog add` with no values in a real terminal (a pty) asks for the core
values, the person's scales, tags, skills with their code and today's due doses, then the note,
and saves it all at the end; Ctrl-C saves nothing."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
import termios
import time
from datetime import date
from pathlib import Path

from tests.conftest import run_moodlog_process
from tests.test_cli import _read_until


def _set_up(journal_home: Path) -> None:
    env = {"MOODLOG_HOME": str(journal_home)}
    for command in (
        ("init", "--preset", "bipolar"),
        ("med", "add", "sertraline", "--dose", "50mg"),
        ("med", "add", "lithium", "--dose", "300mg"),
        ("add", "--mood", "5", "--tag", "work", "--tag", "family"),
    ):
        done = run_moodlog_process(*command, env=env)
        assert done.returncode == 0, done.stderr


def _own_terminal() -> None:
    """In the child: make the pty its controlling terminal, so Ctrl-C typed there interrupts
    it as it would in a real terminal."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _check_in(journal_home: Path, *options: str) -> tuple[subprocess.Popen[bytes], int]:
    main, follower = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "moodlog", "add", *options],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        close_fds=True,
        preexec_fn=_own_terminal,  # noqa: PLW1509 (the test starts no threads)
        env={**os.environ, "MOODLOG_HOME": str(journal_home)},
    )
    os.close(follower)
    return process, main


def _answer(main: int, answers: list[tuple[bytes, bytes]]) -> bytes:
    transcript = b""
    for prompt, answer in answers:
        seen = _read_until(main, prompt)
        transcript += seen
        assert prompt in seen, transcript.decode(errors="replace")
        os.write(main, answer + b"\n")
    return transcript


def _rows(journal_file: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(journal_file)
    rows = connection.execute(sql).fetchall()
    connection.close()
    return rows


def test_one_check_in_asks_for_the_whole_day_and_saves_it(
    journal_home: Path, journal_file: Path
) -> None:
    _set_up(journal_home)
    process, main = _check_in(journal_home)
    transcript = _answer(
        main,
        [
            (b"mood (", b"6.5"),
            (b"anxiety (", b"3"),
            (b"irritability (", b""),
            (b"energy (", b"7"),
            (b"sleep (", b"7.5"),
            (b"sleep quality (", b"4"),
            (b"elevated (0-3)", b"1"),
            (b"depressed (0-3)", b""),
            (b"recent: 1 work \xc2\xb7 2 family", b"2, travel"),
            (b"skill used", b"opposite"),
            (b"Opposite action: code 0-7", b"6"),
            (b"skill used (Enter when done)", b""),
            (b"lithium 300 mg: taken, missed, skipped or later?", b"t"),
            (b"sertraline 50 mg: taken, missed, skipped or later?", b"missed"),
            (b"note", b"long walk"),
            (b"share this note", b"y"),
        ],
    )
    transcript += _read_until(main, b"Saved entry")
    transcript += _read_until(main, b"missed")
    process.wait(timeout=30)
    os.close(main)
    text = transcript.decode(errors="replace")
    assert process.returncode == 0, text
    assert "didn't help: 4 tried" in text  # the codes are offered by their groups
    entries = _rows(
        journal_file,
        "SELECT id, mood, anxiety, irritability, energy, sleep_hours, sleep_quality, symptoms, "
        "tags, note, note_shared FROM entries ORDER BY id",
    )
    assert len(entries) == 2
    entry_id, *values, symptoms, tags, note, shared = entries[-1]
    assert values == [6.5, 3, None, 7, 7.5, 4]
    assert symptoms == "elevated=1"
    assert tags == "family;travel"
    assert (note, shared) == ("long walk", 1)
    skills = _rows(journal_file, "SELECT skill, score, entry_id FROM skill_uses")
    assert skills == [("Opposite action", 6, entry_id)]
    doses = _rows(journal_file, "SELECT medicine, status, entry_id FROM doses ORDER BY medicine")
    assert doses == [("lithium", "taken", entry_id), ("sertraline", "missed", entry_id)]
    status = run_moodlog_process("status", env={"MOODLOG_HOME": str(journal_home)})
    assert "not logged" not in status.stdout


def test_a_dose_left_for_later_stays_to_log(journal_home: Path, journal_file: Path) -> None:
    _set_up(journal_home)
    process, main = _check_in(journal_home)
    answers = [(b"mood (", b"6")] + [(prompt, b"") for prompt in (b"anxiety (", b"irritability (")]
    answers += [(prompt, b"") for prompt in (b"energy (", b"sleep (", b"sleep quality (")]
    answers += [(b"elevated", b""), (b"depressed", b""), (b"tags", b""), (b"skill used", b"")]
    answers += [(b"lithium 300 mg", b"later"), (b"sertraline 50 mg", b"s"), (b"note", b"")]
    transcript = _answer(main, answers)
    transcript += _read_until(main, b"skipped")
    process.wait(timeout=30)
    os.close(main)
    assert process.returncode == 0, transcript.decode(errors="replace")
    assert _rows(journal_file, "SELECT medicine, status FROM doses") == [("sertraline", "skipped")]
    status = run_moodlog_process("status", env={"MOODLOG_HOME": str(journal_home)})
    assert "lithium not logged" in status.stdout


def test_ctrl_c_in_the_check_in_saves_nothing_and_exits_130(
    journal_home: Path, journal_file: Path
) -> None:
    _set_up(journal_home)
    before = journal_file.read_bytes()
    process, main = _check_in(journal_home)
    transcript = _answer(main, [(b"mood (", b"6"), (b"anxiety (", b"3")])
    transcript += _read_until(main, b"irritability (")
    # As a person would, a moment after the question shows: Python writes the question just
    # before it starts reading the terminal, and a Ctrl-C that lands in between is only
    # noticed at the next key (the same in any Python program reading with input()).
    time.sleep(0.5)
    os.write(main, b"\x03")
    transcript += _read_until(main, b"nothing was saved")
    process.wait(timeout=30)
    os.close(main)
    text = transcript.decode(errors="replace")
    assert process.returncode == 130, text
    assert "Aborted" not in text
    assert _rows(journal_file, "SELECT count(*) FROM entries") == [(1,)]
    assert _rows(journal_file, "SELECT count(*) FROM doses") == [(0,)]
    assert journal_file.read_bytes() == before


def test_a_check_in_about_an_earlier_day_says_so_and_asks_no_doses(
    journal_home: Path, journal_file: Path
) -> None:
    _set_up(journal_home)
    process, main = _check_in(journal_home, "--date", "2 days ago")
    answers = [(b"mood (", b"4")]
    answers += [(prompt, b"") for prompt in (b"anxiety (", b"irritability (", b"energy (")]
    answers += [(prompt, b"") for prompt in (b"sleep (", b"sleep quality (", b"elevated")]
    answers += [(b"depressed", b""), (b"tags", b"3")]  # two recent tags: 3 is a slip
    answers += [(b"'3': the recent tags are numbered 1 to 2; or type a tag", b"FAMILY")]
    answers += [(b"skill used", b""), (b"note", b"")]
    transcript = _answer(main, answers)
    transcript += _read_until(main, b"Saved entry")
    process.wait(timeout=30)
    os.close(main)
    text = transcript.decode(errors="replace")
    assert process.returncode == 0, text
    assert "taken, missed" not in text  # no dose question for an earlier day
    (day, tags), *_ = _rows(journal_file, "SELECT day, tags FROM entries ORDER BY id DESC")
    assert tags == "family"  # typed in capitals: the tag the journal has
    assert f"New entry for {date.fromisoformat(str(day)).strftime('%a %Y-%m-%d')}." in text
    assert date.fromisoformat(str(day)) < date.today()
    assert _rows(journal_file, "SELECT count(*) FROM doses") == [(0,)]


def test_a_check_in_about_a_future_day_is_refused_before_the_first_question(
    journal_home: Path, journal_file: Path
) -> None:
    _set_up(journal_home)
    before = journal_file.read_bytes()
    process, main = _check_in(journal_home, "--date", "tomorrow")
    transcript = _read_until(main, b"earlier day")
    process.wait(timeout=30)
    os.close(main)
    text = transcript.decode(errors="replace")
    assert process.returncode == 1, text
    assert "--date 'tomorrow'" in text
    assert "is in the future" in text
    assert "mood (" not in text
    assert journal_file.read_bytes() == before

"""Whatever is typed, moodlog answers with exit code 0, 1 (its own one-line message) or 2 (the
parser's usage error), never a traceback; and any text a person can write in a note survives
the trip into the journal and back.

Hypothesis draws argument lists for every command of the command table, from that command's
own options and arguments, with values chosen to hurt: empty, huge, negative, not numbers,
dates that do not exist, control characters, right-to-left marks, emoji, bytes that are not
UTF-8. It runs in-process through Typer's test runner, so hundreds of examples take seconds.
The short form runs in CI; the long form (`pytest -m slow`) runs 500 examples or more in all.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import click
import pytest
from click.testing import Result
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from moodlog.cli import app
from moodlog.storage.entries import get_entry
from moodlog.storage.journal import open_journal
from tests.command_lines import command_at, sample_line, seed_journal, write_import_files
from tests.conftest import Run, short_and_slow
from tests.test_cli import ALL_COMMANDS

# Examples in all, over every command (each command gets an equal share, rounded up).
SHORT_EXAMPLES = 150
SLOW_EXAMPLES = 500

NUMBERS = ["0", "5", "10", "11", "-1", "-0", "0.5", "6.25", "1e3", "1e309", "nan", "inf", "-inf"]
HUGE = ["9" * 20, "-" + "9" * 20, "9" * 400, "0x10", "1_000", " 5 ", "\u0663", "\uff15"]
DAYS = ["today", "yesterday", "monday", "Sunday", "2026-02-29", "2024-02-29", "2026-13-01"]
DAYS += ["0001-01-01", "9999-12-31", "1899-12-31", "99999-01-01", "2026-1-1", "tomorrow"]
TIMES = ["00:00", "23:59", "24:00", "7:5", "12:60", "-1:00", "noon"]
PERIODS = ["14d", "2w", "3m", "1y", "0d", "-3d", "99999999999y", "9" * 30 + "d", "1x", "d"]
PAIRS = ["focus=2", "a=b", "=", "x=", "=5", "opposite=9", "suicidal-thoughts=3", "self-harm=5"]
PAIRS += ["substance-use=0", "wise mind=7", "low-interest=3", "elevated=99", "opposite"]
MEDICINE = ["sertraline", "SERT", "s", "lorazepam", "all", "50mg", "0mg", "-5mg", "1e400mg"]
MEDICINE += ["0.0001 mg", "1 tablet", "morning=50mg,bedtime=200mg", "08:00,20:00", "mon,thu"]
MEDICINE += ["28d", "0d", "morning,morning", "bedtime=", "prn", "mg"]
WORDS = ["", " ", "-", "--", "phq9", "gad7", "0,0,0,0,0,0,0,0,3", "3,3,3", "pdf", "png", "dbt"]
WORDS += ["cbt", "own", "bipolar", "depression", "flu", "day-starts-at", "crisis-resources"]
WORDS += ["note", "skills", "tags", "%s", "{}", "'; DROP TABLE entries; --", "$(reboot)"]
STRANGE = ["\u202eevil\u202c", "שלום", "مرحبا بالعالم", "🙂" * 3, "👩\u200d👩\u200d👧", "e\u0301"]
STRANGE += ["\r\n", "\t", "\x1b[31mred\x1b[0m", "\x07", "\x7f", "\ufeff", "\u2028", "\udcff\udcfe"]
STRANGE += ["a" * 5000, "line one\nline two"]

# Any text an argument can carry: no NUL (the system cannot pass one in argv). Lone surrogates
# are how Python shows bytes of an argument that were not UTF-8, so they are drawn too.
any_text = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40),
    st.text(st.sampled_from("0123456789-.:=,edmy \udcff"), max_size=12),
)
EVERYTHING = NUMBERS + HUGE + DAYS + TIMES + PERIODS + PAIRS + MEDICINE + WORDS + STRANGE
IDS = ["1", "2", "0", "-1", "3", *HUGE]

# Values aimed at what each option or argument means; any of them may also get anything at all.
POOLS: dict[str, list[str]] = {
    **dict.fromkeys(["date", "since", "until", "start", "resolved", "day"], DAYS + HUGE),
    "time": TIMES + NUMBERS,
    **dict.fromkeys(
        ["mood", "anxiety", "irritability", "energy", "sleep", "sleep_quality", "severity"],
        NUMBERS + HUGE,
    ),
    **dict.fromkeys(["low", "high", "difficulty", "answers"], NUMBERS + HUGE + WORDS),
    "last": PERIODS,
    **dict.fromkeys(["symptom", "urge", "skill"], PAIRS + STRANGE),
    **dict.fromkeys(["dose", "schedule", "every", "slot"], MEDICINE + NUMBERS),
    **dict.fromkeys(["entry_id", "appointment_id", "done"], IDS),
}


def _paths(tmp: Path) -> st.SearchStrategy[str]:
    """Where --out and --db may point: only inside the test's own folder."""
    (tmp / "a-file.txt").write_text("someone else's file\n")
    (tmp / "a-folder").mkdir(exist_ok=True)
    names = ["out", "a-file.txt", "a-folder", "new/deeper/report.pdf", "copy.db", "x.png"]
    names += ["", ".", "a-file.txt/inside", "moodlog-home/moodlog.db", "\u202efdp.exe", "🙂.pdf"]
    return st.sampled_from([str(tmp / name) if name else name for name in names])


def _value(param: click.Parameter, tmp: Path) -> st.SearchStrategy[str]:
    name = param.name or ""
    if name in ("out", "db"):
        return _paths(tmp)
    if name == "days" and isinstance(param.type, click.types.IntParamType):
        # demo --days: a few days keeps each example quick; the edges are drawn as text.
        return st.one_of(st.integers(-3, 40).map(str), st.sampled_from(["0", "10951", *HUGE]))
    pool = POOLS.get(name, WORDS + STRANGE + MEDICINE + DAYS[:3])
    return st.one_of(st.sampled_from(pool), st.sampled_from(EVERYTHING), any_text)


@st.composite
def _bent_lines(draw: st.DrawFn, path: tuple[str, ...], tmp: Path) -> list[str]:
    """The command's sample line, bent one to three times: a positional value or an option's
    value replaced (a repeated option's last value wins), a token dropped, a stray token or a
    flag added; or, now and then, every positional value drawn afresh."""
    command = command_at(path)
    options = [p for p in command.params if isinstance(p, click.Option)]
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    line = sample_line(path, tmp)
    head, tail = line[: len(path)], line[len(path) :]
    positionals = [t for t in tail[: len(arguments)] if not t.startswith("-")]
    rest = tail[len(positionals) :]
    if draw(st.integers(0, 9)) == 0:
        positionals = [draw(_value(param, tmp)) for param in arguments]
    # Mostly values: a line the parser refuses tests little of moodlog.
    kinds = ["value"] * 3 * bool(positionals) + ["option"] * 5 * bool(options) + ["drop", "stray"]
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(kinds))
        if how == "value":
            index = draw(st.integers(0, len(positionals) - 1))
            positionals[index] = draw(_value(arguments[index], tmp))
        elif how == "option":
            option = draw(st.sampled_from(options))
            opt = draw(st.sampled_from(option.opts + option.secondary_opts))
            rest += [opt] if option.is_flag else [opt, draw(_value(option, tmp))]
        elif how == "drop" and rest:
            del rest[draw(st.integers(0, len(rest) - 1))]
        else:
            rest.append(draw(st.sampled_from(["--no-such-option", "-Z", "--", "extra", "-"])))
    prefix = ["--db", draw(_paths(tmp))] if draw(st.integers(0, 9)) == 0 else []
    return prefix + head + positionals + rest


@pytest.fixture(scope="module")
def seeded_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "moodlog.db"
    seed_journal(path)
    return path


def check_answer(line: list[str], result: Result) -> None:
    """Exit 0, 1 or 2 and no traceback; a moodlog error is one line on stderr naming what was
    wrong, never the last-resort message of the error boundary."""
    shown = f"moodlog {line!r}\n{result.output}"
    assert result.exit_code in (0, 1, 2), shown
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), shown
    assert "Traceback" not in result.output, shown
    quiet = "--quiet" in line or "-q" in line
    quiet_status = "status" in line and quiet and result.output == ""
    if result.exit_code == 1 and not quiet_status:  # `status --quiet` answers by exit code only
        stderr = result.stderr
        assert stderr.startswith("moodlog: "), shown
        assert stderr.count("\n") == 1, shown
        assert "unexpected error" not in stderr, shown


def _examples(total: int) -> int:
    return math.ceil(total / len(ALL_COMMANDS))


# A line the parser refuses (exit 2) tests little of moodlog, and a fuzzer whose lines were all
# refused would pass without testing anything: at least this share of the lines drawn must get
# through to a command's own code (exit 0, or 1 with moodlog's one-line message). Measured:
# 68% of the short form's lines, 57-60% of the slow form's.
REACHED_FLOOR = 0.4


def _bend_and_run(
    path: tuple[str, ...], examples: int, fixed: bool, runner: CliRunner, tmp_path: Path
) -> Counter[int]:
    """Run ``examples`` bent lines of one command; how many ended with each exit code."""
    exits: Counter[int] = Counter()

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=fixed,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(line=_bent_lines(path, tmp_path), stdin=st.sampled_from(["", "a note\n", "\x00"]))
    def answers(line: list[str], stdin: str) -> None:
        result = runner.invoke(app, line, input=stdin)
        check_answer(line, result)
        exits[result.exit_code] += 1

    answers()
    return exits


@short_and_slow("total", (SHORT_EXAMPLES,), (SLOW_EXAMPLES,))
def test_any_command_line_gets_an_answer_and_never_a_traceback(
    total: int,
    seeded_journal: Path,
    journal_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal_file.parent.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # demo's default folder
    write_import_files(tmp_path)
    runner = CliRunner()
    exits: dict[str, Counter[int]] = {}
    for path in ALL_COMMANDS:
        shutil.copy(seeded_journal, journal_file)  # each command starts from the same journal
        fixed = total == SHORT_EXAMPLES  # CI sees the same lines each run
        exits[" ".join(path)] = _bend_and_run(path, _examples(total), fixed, runner, tmp_path)

    by_command = "\n".join(
        f"{name}: {dict(sorted(codes.items()))}" for name, codes in exits.items()
    )
    print(by_command)
    drawn = sum(codes.total() for codes in exits.values())
    reached = sum(codes[0] + codes[1] for codes in exits.values())
    print(f"{reached} of {drawn} lines reached a command ({reached / drawn:.0%})")
    assert reached >= REACHED_FLOOR * drawn, f"{reached} of {drawn}, by exit code:\n{by_command}"


# ---------------------------------------------------------------------------------------------
# Notes survive the round trip: what is typed (or piped in) is what moodlog reads back.

NOTES = {
    # the longest note add and edit take (a longer one is refused: test_report_text.py)
    "longest-typed": ("Ein langer Tag. Ça va. " * 4_600)[:100_000],
    "control-characters": "".join(chr(c) for c in range(1, 32)) + "\x7f end",
    "right-to-left": "\u05e9\u05dc\u05d5\u05dd \u202bمرحبا بالعالم\u202c \u200fend\u200e",
    "emoji": "🙂 👩\u200d👩\u200d👧\u200d👦 🏳\ufe0f\u200d🌈 🇳🇿 e\u0301 \U0001f9e0",
}


def _stored_note(journal_file: Path, entry_id: int) -> str | None:
    with open_journal(journal_file) as journal, journal.transaction(write=False) as connection:
        return get_entry(connection, entry_id).note


@pytest.mark.parametrize("kind", list(NOTES))
def test_a_note_survives_the_round_trip_as_an_argument_and_from_standard_input(
    moodlog: Run, journal_file: Path, kind: str
) -> None:
    note = NOTES[kind]
    typed = moodlog("add", "--mood", "5", "--note", note)
    assert typed.exit_code == 0, typed.output[:500]
    piped = moodlog("add", "--mood", "5", "--note", "-", input=note + "\n")
    assert piped.exit_code == 0, piped.output[:500]
    edited = moodlog("edit", "1", "--note", note[::-1])
    assert edited.exit_code == 0, edited.output[:500]
    assert _stored_note(journal_file, 1) == note[::-1]
    assert _stored_note(journal_file, 2) == note
    shown = moodlog("show", "2")
    assert shown.exit_code == 0
    for line in note.splitlines():
        assert line in shown.output


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    database=None,
)
@given(note=st.text(st.characters(codec="utf-8"), min_size=1, max_size=300))
@example(note="line one\r\nline two\r\n")
@example(note="\x00 \u202e \U0001f642\r")
def test_any_text_piped_in_as_a_note_is_kept_exactly(
    moodlog: Run, journal_file: Path, note: str
) -> None:
    saved = moodlog("add", "--mood", "5", "--note", "-", input=note)
    assert saved.exit_code == 0, saved.output
    entry_id = int(saved.output.split()[2])
    expected = note.rstrip("\r\n")  # the line breaks that end the input are not the note's
    assert _stored_note(journal_file, entry_id) == (expected if expected.strip() else None)


# ---------------------------------------------------------------------------------------------
# What the fuzzing found, pinned down: each of these once ended in a traceback.

NOT_UTF8 = "caf\udce9"  # what Python makes of the bytes b"caf\xe9" typed in a Latin-1 terminal


@pytest.mark.parametrize(
    ("line", "code", "message"),
    [
        (["show", "9" * 20], 2, "is not in the range"),
        (["delete", "9" * 20, "--yes"], 2, "is not in the range"),
        (["edit", "9" * 20, "--mood", "5"], 2, "is not in the range"),
        (["ask", "--done", "9" * 20], 2, "is not in the range"),
        (["appointment", "delete", "9" * 20], 2, "is not in the range"),
        (["list", "--last", "99999999999y"], 1, "is too long"),
        (["list", "--last", "9" * 5000 + "d"], 1, "is too long"),
        (["report", "--last", "999999999m"], 1, "is too long"),
        (["add", "--note", NOT_UTF8], 1, "'caf\\xe9' is not UTF-8 text"),
        (["ask", NOT_UTF8], 1, "is not UTF-8 text"),
        (["check", "gad7", "--answers", "\u00b2,1,1,1,1,1,1"], 1, "answer '\u00b2' is not allowed"),
        (["check", "phq9", "--answers", "1,1,1,1,1,1,1,1,1", "--difficulty", "9" * 5000], 1, ""),
        (["add", "--skill", "opposite=\u00b2"], 1, "score '\u00b2' is not allowed"),
        (["med", "add", "lithium", "--dose", "1mg", "--every", "9" * 5000 + "d"], 1, "--every"),
        (["import", "\n", "--from", "daylio"], 1, "moodlog: \\n does not exist"),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else None,
)
def test_values_that_once_crashed_moodlog_get_a_clear_answer(
    moodlog: Run, line: list[str], code: int, message: str
) -> None:
    assert moodlog("add", "--mood", "6").exit_code == 0  # reading commands need a journal
    result = CliRunner().invoke(app, line)
    check_answer(line, result)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert result.output.strip().count("\n") == (0 if code == 1 else 3), result.output


def test_a_piped_note_that_is_not_utf8_is_refused_and_nothing_is_saved(
    moodlog: Run, journal_file: Path
) -> None:
    result = CliRunner().invoke(app, ["add", "--mood", "5", "--note", "-"], input=b"caf\xe9\n")
    assert result.exit_code == 1
    assert "not UTF-8 text (byte 0xe9 at position 3)" in result.stderr
    assert not journal_file.exists()


def test_an_unexpected_error_is_one_line_and_its_command_saves_nothing(
    moodlog: Run, journal_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moodlog.storage import safety

    def broken(*_: object) -> list[object]:
        raise RuntimeError("a bug")

    # The last step of add's transaction, after the entry's row is written.
    monkeypatch.setattr(safety, "safety_alert", broken)
    result = CliRunner().invoke(app, ["add", "--mood", "5", "--note", "lost?"])
    assert result.exit_code == 1
    assert result.stderr == (
        "moodlog: unexpected error (RuntimeError: a bug); moodlog saves a command's changes "
        "whole or not at all, so check with 'moodlog list'. Please report it with the command "
        "you typed\n"
    )
    with open_journal(journal_file) as journal, journal.transaction(write=False) as connection:
        assert connection.execute("SELECT count(*) FROM entries").fetchone()[0] == 0
    monkeypatch.setenv("MOODLOG_DEBUG", "1")
    shown = CliRunner().invoke(app, ["add", "--mood", "5"])
    assert isinstance(shown.exception, RuntimeError)


def test_every_command_has_a_sample_line() -> None:
    """The hardening tests run each command from its sample line: a new command needs one,
    and a line for a command that does not exist would test nothing."""
    from tests.command_lines import SAMPLE_LINES

    commands = {" ".join(path) for path in ALL_COMMANDS}
    assert sorted(commands - SAMPLE_LINES.keys()) == [], "add these to SAMPLE_LINES"
    assert sorted(SAMPLE_LINES.keys() - commands) == [], "no such commands"

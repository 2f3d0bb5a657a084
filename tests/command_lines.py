"""One working command line for every command, on the journal `seed_journal` writes.

The hardening tests start from these: the socket test runs each of them, the hostile-input test
bends them. Every command has its line here, and every line is a command's
(test_every_command_has_a_sample_line says so).
"""

from __future__ import annotations

from pathlib import Path

import click
import typer
from click.testing import Result
from typer.testing import CliRunner

from moodlog.cli import app

# "{tmp}" is the test's own folder. Positional values come before the options, so a test can
# tell them apart.
SAMPLE_LINES: dict[str, list[str]] = {
    "add": ["add", "--mood", "6", "--note", "ok", "--skill", "opposite=5", "--took", "lorazepam"],
    "list": ["list", "--last", "30d"],
    "show": ["show", "1"],
    "edit": ["edit", "1", "--mood", "5", "--note", "changed"],
    "delete": ["delete", "2", "--yes"],
    "scales": ["scales"],
    "scales add": ["scales", "add", "headache", "--min", "0", "--max", "10"],
    "scales remove": ["scales", "remove", "focus"],
    "init": ["init", "--preset", "depression"],
    "config": ["config"],
    "config get": ["config", "get", "day-starts-at"],
    "config set": ["config", "set", "day-starts-at", "05:00"],
    "where": ["where"],
    "demo": ["demo", "--days", "5", "--out", "{tmp}/demo"],
    "med": ["med"],
    "med add": ["med", "add", "lithium", "--dose", "300mg", "--schedule", "morning"],
    "med change": ["med", "change", "sertraline", "--dose", "100mg", "--reason", "low mood"],
    "med stop": ["med", "stop", "lorazepam", "--date", "2030-01-01", "--reason", "not needed"],
    "med list": ["med", "list", "--all"],
    "med remove": ["med", "remove", "melatonin", "--yes"],
    "took": ["took", "sertraline"],
    "missed": ["missed", "sertraline", "--date", "yesterday"],
    "skipped": ["skipped", "sertraline", "--date", "2026-01-05", "--reason", "advice"],
    "side-effect": ["side-effect", "headache", "--severity", "1", "--med", "sertraline"],
    "side-effect log": ["side-effect", "log", "headache", "--severity", "1"],
    "side-effect list": ["side-effect", "list", "--last", "30d"],
    "side-effect show": ["side-effect", "show", "1"],
    "side-effect edit": ["side-effect", "edit", "1", "--severity", "3", "--name", "vertigo"],
    "side-effect delete": ["side-effect", "delete", "1", "--yes"],
    "dose": ["dose", "list"],
    "dose list": ["dose", "list", "--last", "30d", "--med", "lorazepam"],
    "dose show": ["dose", "show", "1"],
    "dose edit": ["dose", "edit", "1", "--time", "09:15", "--reason", "panic"],
    "dose delete": ["dose", "delete", "1", "--yes"],
    "skills": ["skills", "--category", "dbt"],
    "skills add": ["skills", "add", "Box breathing", "--category", "own"],
    "session": ["session", "cbt", "--note", "homework"],
    "session log": ["session", "log", "cbt", "--note", "homework"],
    "session list": ["session", "list", "--last", "30d"],
    "session show": ["session", "show", "1"],
    "session edit": ["session", "edit", "1", "--kind", "group", "--note", "changed"],
    "session delete": ["session", "delete", "1", "--yes"],
    "check": ["check", "phq9", "--answers", "1,1,2,1,0,1,0,0,0"],
    "check log": ["check", "log", "phq9", "--answers", "1,1,2,1,0,1,0,0,0"],
    "check list": ["check", "list", "--last", "30d"],
    "check show": ["check", "show", "1"],
    "check edit": ["check", "edit", "1", "--date", "yesterday"],
    "check delete": ["check", "delete", "1", "--yes"],
    "skills show": ["skills", "show", "opposite action"],
    "skills edit": ["skills", "edit", "Sunlight walk", "--description", "x", "--category", "cbt"],
    "skills delete": ["skills", "delete", "Sunlight walk", "--yes"],
    "skill-use": ["skill-use", "list"],
    "skill-use list": ["skill-use", "list", "--last", "30d"],
    "skill-use show": ["skill-use", "show", "1"],
    "skill-use edit": ["skill-use", "edit", "1", "--skill", "stop", "--code", "4"],
    "skill-use delete": ["skill-use", "delete", "1", "--yes"],
    "scales show": ["scales", "show", "restlessness"],
    "scales edit": ["scales", "edit", "restlessness", "--min", "0", "--max", "4"],
    "scales delete": ["scales", "delete", "impulsivity", "--yes"],
    "report": ["report", "--last", "30d", "--out", "{tmp}/report.pdf"],
    "appointment": ["appointment", "list"],
    "appointment add": ["appointment", "add", "2026-12-01", "--with", "Dr Rao"],
    "appointment list": ["appointment", "list"],
    "appointment delete": ["appointment", "delete", "1", "--yes"],
    "appointment show": ["appointment", "show", "1"],
    "appointment edit": ["appointment", "edit", "1", "--date", "2026-12-02", "--with", "Dr Li"],
    "ask": ["ask", "Is this the right dose?"],
    "ask log": ["ask", "log", "Is this the right dose?"],
    "ask list": ["ask", "list", "--last", "30d"],
    "ask show": ["ask", "show", "1"],
    "ask edit": ["ask", "edit", "1", "Is 100 mg the right dose?"],
    "ask done": ["ask", "done", "1"],
    "ask delete": ["ask", "delete", "1", "--yes"],
    "warn": ["warn", "list"],
    "warn add": ["warn", "add", "low days", "--when", "mood <= 3 for 5 days", "--plan", "call Sam"],
    "warn list": ["warn", "list", "--json"],
    "warn show": ["warn", "show", "1"],
    "warn edit": ["warn", "edit", "1", "--when", "sleep < 5 on 2 nights in a row"],
    "warn delete": ["warn", "delete", "1", "--yes"],
    "warn test": ["warn", "test", "--last", "30d"],
    "warn did": ["warn", "did", "mood logged", "called Sam, kept my appointment"],
    "backup": ["backup", "--out", "{tmp}/copy.db"],
    "check-journal": ["check-journal"],
    "export": ["export", "--table", "all", "--format", "json", "--out", "{tmp}/all.json"],
    "import": ["import", "{tmp}/daylio.csv", "--from", "daylio"],
    "stats": ["stats", "--last", "30d"],
    "status": ["status"],
    "undo": ["undo", "--yes"],
    # In this order, the journal ends plain as it began (the passphrase comes from the
    # commands the tests' environment sets, tests/hermetic.py).
    "encrypt": ["encrypt", "--yes"],
    "passphrase": ["passphrase"],
    "decrypt": ["decrypt", "--yes"],
}

# For `moodlog import --from daylio`: a two-day export of the phone app.
DAYLIO_CSV = (
    "full_date,date,weekday,time,mood,activities,note_title,note\n"
    '2026-10-02,October 2,Friday,21:10,good,"walk | friends",,"Nice evening"\n'
    "2026-10-01,October 1,Thursday,8:05 PM,meh,,,\n"
)


def command_at(path: tuple[str, ...]) -> click.Command:
    """The command at ``path`` (``("med", "add")``), as the command line finds it."""
    command: click.Command = typer.main.get_group(app)
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None
        command = found
    return command


def sample_line(path: tuple[str, ...], tmp: Path) -> list[str]:
    return [token.replace("{tmp}", str(tmp)) for token in SAMPLE_LINES[" ".join(path)]]


def seed_journal(path: Path) -> None:
    """A journal with one of everything, so the sample lines (and ids and names typed at
    random) hit a record."""
    runner = CliRunner()
    for line in (
        ["init", "--preset", "bipolar", "--preset", "adhd"],
        [
            "med",
            "add",
            "sertraline",
            "--dose",
            "50mg",
            "--schedule",
            "morning",
            "--start",
            "2025-01-01",
        ],
        ["med", "add", "lorazepam", "--dose", "1mg", "--prn", "--start", "2025-01-01"],
        # Added by mistake, nothing logged: `med remove` takes it.
        [
            "med",
            "add",
            "melatonin",
            "--dose",
            "3mg",
            "--schedule",
            "bedtime",
            "--start",
            "2025-01-01",
        ],
        ["add", "--mood", "4", "--note", "first", "--skill", "opposite=5", "--took", "lorazepam"],
        ["add", "--date", "yesterday", "--mood", "6", "--tag", "travel", "--note", "second"],
        ["appointment", "add", "2026-01-05", "--with", "Dr Rao"],
        ["ask", "Why do I wake at 4?"],
        ["warn", "add", "short sleep", "--when", "sleep < 5 on 2 nights in a row"],
        # Showing since the first entry, so `warn did` has an episode to note.
        ["warn", "add", "mood logged", "--when", "mood >= 0"],
        ["session", "dbt", "--note", "group"],
        ["check", "gad7", "--answers", "1,1,1,1,1,1,1"],
        ["side-effect", "nausea", "--severity", "2", "--med", "sertraline"],
        ["skills", "add", "Sunlight walk", "--description", "ten minutes outside"],
    ):
        result: Result = runner.invoke(app, ["--db", str(path), *line], catch_exceptions=False)
        assert result.exit_code == 0, (line, result.output)


def write_import_files(tmp: Path) -> None:
    (tmp / "daylio.csv").write_text(DAYLIO_CSV)

"""`moodlog export`, `moodlog import` and `moodlog backup`: your data in and out."""

from __future__ import annotations

from typing import Annotated

import typer

from moodlog.actions.backup import back_up
from moodlog.actions.export import read_table
from moodlog.cli import completion, types
from moodlog.cli.app import journal, location
from moodlog.cli.options import (
    format_and_out,
    format_option,
    out_option,
    since_option,
    until_option,
)
from moodlog.cli.types import TypedValue
from moodlog.domain.daylio import MoodMapping, read_mood_mapping
from moodlog.domain.days import DaySpec
from moodlog.errors import InvalidValue

# Where an imported file comes from (told from its contents when not given).
SOURCES = ("moodlog", "daylio")

commands = typer.Typer()


@commands.command()
def export(
    ctx: typer.Context,
    table: Annotated[
        str | None,
        typer.Option(
            "--table",
            "-t",
            metavar="TABLE",
            click_type=TypedValue("table", read_table),
            help="daily, entries, doses, regimen, skill_uses, sessions, questionnaires, "
            "side_effects, appointments, questions, warning_signs, or all (the whole journal, "
            "JSON). "
            "[default: daily for CSV, all for JSON]",
            autocompletion=completion.tables,
        ),
    ] = None,
    format_: Annotated[
        str | None,
        format_option(
            ("csv", "json", "fhir"),
            "csv, json, or fhir (one FHIR R4 Bundle for a clinic's record system). [default: csv]",
        ),
    ] = None,
    since: Annotated[
        DaySpec | None, since_option("First day. [default: the first day you logged]")
    ] = None,
    until: Annotated[
        DaySpec | None, until_option("Last day. [default: the last record; today for daily]")
    ] = None,
    out: Annotated[
        str | None,
        out_option("Write to FILE (atomically, readable by you only). [default: standard output]"),
    ] = None,
    spreadsheet_safe: Annotated[
        bool,
        typer.Option(
            "--spreadsheet-safe",
            help="Put ' before a cell starting with = + - @, a tab or a return, so a spreadsheet "
            "shows it as text; import takes it off again.",
        ),
    ] = False,
    include_notes: Annotated[
        bool,
        typer.Option(
            "--include-notes",
            help="With --format fhir: put your notes in too, private ones too (marked "
            "[private]), and the reasons you typed for dose changes, missed and skipped doses "
            "and as-needed doses (CSV and JSON always hold them).",
        ),
    ] = False,
    include_safety_flags: Annotated[
        bool,
        typer.Option(
            "--include-safety-flags",
            help="With --format fhir: put your safety flags in too, as Flag resources.",
        ),
    ] = False,
) -> None:
    """Write a table of your journal as CSV (or JSON) to standard output or a file; notes
    included. --format fhir writes one FHIR R4 Bundle for a clinic instead, without notes or
    safety flags unless asked. Without --since, everything from the first day.

    Example: moodlog export --table entries --since 2026-01-01 > entries.csv
    """
    from moodlog.actions.export import FHIR, ExportRequest, export_fhir, export_journal

    if format_ == FHIR:
        check_fhir_options(table, out, spreadsheet_safe)
        fmt, chosen = FHIR, FHIR
    else:
        if include_notes or include_safety_flags:
            given = "--include-notes" if include_notes else "--include-safety-flags"
            raise InvalidValue(
                f"{given} is for --format fhir; CSV and JSON exports always hold your notes "
                "and safety flags"
            )
        fmt, chosen = export_format(table, format_, out, spreadsheet_safe)
    request = ExportRequest(
        chosen,
        fmt,
        since,
        until,
        out,
        spreadsheet_safe,
        out_label="--out",
        include_notes=include_notes,
        include_safety_flags=include_safety_flags,
    )
    with journal(ctx) as opened:
        write = export_fhir if fmt == FHIR else export_journal
        exported = write(opened, request)
    if exported.path is None:
        _write_stdout(exported.text.encode("utf-8"))
        return
    from moodlog.render.data_summary import export_summary

    typer.echo(export_summary(exported.table, exported.rows, exported.path))


def export_format(
    table: str | None, format_: str | None, out: str | None, spreadsheet_safe: bool
) -> tuple[str, str]:
    """The format and the table: ``--format``, else the suffix of ``--out``, else CSV for a
    table and JSON for ``all``; the table defaults to ``daily`` for CSV, ``all`` for JSON."""
    from moodlog.actions.export import ALL, DAILY, FORMATS, TABLE_CHOICES

    fmt = format_and_out(format_, out, FORMATS) or ("json" if table == ALL else "csv")
    table = table or (DAILY if fmt == "csv" else ALL)
    if table == ALL and fmt == "csv":
        raise InvalidValue(
            "--table all is the whole journal in one JSON document; use --format json, or "
            f"export one table as CSV: {', '.join(TABLE_CHOICES[:-1])}"
        )
    if spreadsheet_safe and fmt != "csv":
        raise InvalidValue("--spreadsheet-safe is for CSV; JSON is always exact")
    return fmt, table


def check_fhir_options(table: str | None, out: str | None, spreadsheet_safe: bool) -> None:
    """--format fhir is one Bundle of the journal's records, in JSON: no table, no CSV."""
    from moodlog.cli.options import format_and_out

    if table is not None:
        raise InvalidValue(
            "--table is for CSV and JSON; --format fhir writes one FHIR Bundle of your "
            "records (use --since and --until to choose the days)"
        )
    if spreadsheet_safe:
        raise InvalidValue("--spreadsheet-safe is for CSV; a FHIR Bundle is JSON, always exact")
    if format_and_out(None, out, ("csv",)) == "csv":
        raise InvalidValue(f"--out {out} ends in .csv but --format fhir writes JSON")


def _write_stdout(data: bytes) -> None:
    """Write the export as bytes (no newline translation); a reader that stops early, such as
    `| head`, ends the command quietly (the error boundary's BrokenPipeError, cli/app.py)."""
    typer.echo(data, nl=False)


# Files from this size on show a progress bar while they are imported (in a terminal).
LARGE_IMPORT_BYTES = 256 * 1024


@commands.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="moodlog's whole-journal JSON or entries CSV, or Daylio's CSV export.",
            show_default=False,
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="moodlog|daylio",
            click_type=types.choice(SOURCES),
            help="Where FILE comes from. [default: told from its contents]",
        ),
    ] = None,
    mood_map: Annotated[
        list[MoodMapping] | None,
        typer.Option(
            "--mood-map",
            metavar="NAME=VALUE",
            click_type=TypedValue("mapping", read_mood_mapping),
            help="A Daylio mood and its moodlog mood 0-10, e.g. super=9. Repeatable.",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Check the file and say what it would add; save nothing."),
    ] = False,
) -> None:
    """Add entries from moodlog's entries CSV or Daylio's export, or restore a whole journal
    from moodlog's JSON into an empty journal. All or nothing; importing a file twice adds
    nothing.

    Example: moodlog import daylio_export.csv --mood-map super=9 --dry-run
    """
    import contextlib
    from pathlib import Path

    from moodlog.actions.importing import ImportRequest, import_file
    from moodlog.cli.progress import progress_steps
    from moodlog.render.data_summary import import_summary

    request = ImportRequest(
        file,
        source,
        tuple(mood_map or ()),
        dry_run,
        source_label="--from",
        mood_map_label="--mood-map",
    )
    try:
        large = Path(file).expanduser().stat().st_size >= LARGE_IMPORT_BYTES
    except OSError:
        large = False
    steps = progress_steps("import", 3) if large else contextlib.nullcontext(None)
    with journal(ctx) as opened, steps as step:
        result = import_file(opened, request, progress=step)
    typer.echo(import_summary(result))


@commands.command()
def backup(
    ctx: typer.Context,
    out: Annotated[
        str | None,
        out_option(
            "Where to write the copy. [default: backups/ beside the journal, timestamped]",
            short=False,
        ),
    ] = None,
) -> None:
    """Copy the whole journal into a new file, safely even while moodlog is writing to it.

    Example: moodlog backup --out /media/usb/moodlog-2026-11.db
    """
    with journal(ctx) as opened:
        target = back_up(opened, out, "--out")
        encrypted = opened.key is not None
    typer.echo(f"Backed up to {target}")
    if encrypted:
        typer.echo("The copy is encrypted like the journal: it opens with the same passphrase.")
    typer.echo("To restore: move the journal aside and copy this file in its place.")


@commands.command("check-journal")
def check_journal(ctx: typer.Context) -> None:
    """Run SQLite's full integrity check on the journal. A damaged journal is left as it is;
    what can still be read is copied into a new journal beside it (moodlog-recovered-DATE.db).
    Exits 1 when the journal is damaged.

    Example: moodlog check-journal
    """
    from moodlog.actions.journal_check import check_the_journal
    from moodlog.render.journal_check import journal_check_lines

    found = check_the_journal(location(ctx).path)
    for line in journal_check_lines(found):
        typer.echo(line)
    if found.problems:
        raise typer.Exit(1)

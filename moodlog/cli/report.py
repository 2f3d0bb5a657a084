"""`moodlog report`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from moodlog.cli.app import journal
from moodlog.cli.options import (
    LastOpt,
    SinceOpt,
    UntilOpt,
    format_and_out,
    format_option,
    out_option,
    paper_option,
)
from moodlog.errors import InvalidValue

commands = typer.Typer()

FORMATS = ("pdf", "png")  # png: one file per page


@commands.command()
def report(
    ctx: typer.Context,
    last: LastOpt = None,
    since: SinceOpt = None,
    since_appointment: Annotated[
        bool,
        typer.Option(
            "--since-appointment",
            help="From your last appointment (the default when one is recorded).",
        ),
    ] = False,
    until: UntilOpt = None,
    out: Annotated[
        str | None,
        out_option(
            "Where to write it (a file or a folder). [default: moodlog-report-FROM-TO.pdf here]"
        ),
    ] = None,
    format_: Annotated[
        str | None, format_option(FORMATS, "pdf, or png: one file per page.")
    ] = None,
    paper: Annotated[str | None, paper_option()] = None,
    include_notes: Annotated[
        bool,
        typer.Option(
            "--include-notes", help="Also print private notes (only --share notes otherwise)."
        ),
    ] = False,
    open_: Annotated[
        bool,
        typer.Option(
            "--open", help="Open it with the system's viewer once written (its first page)."
        ),
    ] = False,
) -> None:
    """Write the report for your provider: page 1 shows how the weeks went at a glance.
    The period is since your last appointment, else the last 30 days.

    Example: moodlog report --last 90d --out ~/Desktop/for-dr-rao.pdf
    """
    chosen = [
        name
        for name, given in (
            ("--last", last is not None),
            ("--since", since is not None),
            ("--since-appointment", since_appointment),
        )
        if given
    ]
    if len(chosen) > 1:
        raise InvalidValue(
            f"use one of --last, --since, --since-appointment; got {', '.join(chosen)}"
        )
    fmt = format_and_out(format_, out, FORMATS) or "pdf"
    from moodlog.actions.drawing import drawer

    # The drawing process starts loading pandas and matplotlib now, while this one reads.
    with drawer() as drawing:
        from moodlog.actions.report import ReportRequest, make_report
        from moodlog.cli.progress import progress_steps

        request = ReportRequest(
            last=last,
            since=since,
            until=until,
            since_appointment=since_appointment,
            out=out,
            format=fmt,
            include_notes=include_notes,
            paper=paper,
        )
        with journal(ctx) as opened, progress_steps("report", 2) as step:
            written = make_report(opened, request, progress=step, drawer=drawing)
    typer.echo(
        f"Report for {written.period} ({written.reason}): {written.days_logged} of "
        f"{written.period.days} days logged."
    )
    for path in written.paths:
        typer.echo(f"Wrote {path}")
    if open_ and written.paths:
        open_in_viewer(Path(written.paths[0]))


def open_in_viewer(path: Path) -> None:
    """Hand the file to the system's viewer (xdg-open, macOS's open, Windows' own) and go on
    without waiting for it; with none, say where the file is."""
    if sys.platform == "win32":
        os.startfile(path)
        return
    viewer = "open" if sys.platform == "darwin" else "xdg-open"
    if shutil.which(viewer) is None:
        typer.echo(f"No {viewer} here to open it with; the report is at {path}")
        return
    # Its own session, no terminal: the viewer outlives moodlog, and its messages stay out.
    subprocess.Popen(
        [viewer, str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

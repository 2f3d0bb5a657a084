"""`moodlog backup` (and, with the data issue, `export` and `import`)."""

from __future__ import annotations

from typing import Annotated

import typer

from moodlog.actions.backup import back_up
from moodlog.cli.app import journal

commands = typer.Typer()


@commands.command()
def backup(
    ctx: typer.Context,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            metavar="FILE",
            help="Where to write the copy. [default: backups/ beside the journal, timestamped]",
        ),
    ] = None,
) -> None:
    """Copy the whole journal into a new file, safely even while moodlog is writing to it.

    Example: moodlog backup --out /media/usb/moodlog-2026-11.db
    """
    with journal(ctx) as opened:
        target = back_up(opened, out)
    typer.echo(f"Backed up to {target}")
    typer.echo("To restore: move the journal aside and copy this file in its place.")

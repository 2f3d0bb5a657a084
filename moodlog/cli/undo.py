"""`moodlog undo`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from moodlog.cli.app import journal, say_if_old_text_lingers
from moodlog.cli.records import YesOpt

commands = typer.Typer()


@commands.command()
def undo(
    ctx: typer.Context,
    yes: YesOpt = False,
    clear: Annotated[
        bool,
        typer.Option(
            "--clear", help="Forget the whole undo history (what undo could take back) now."
        ),
    ] = False,
) -> None:
    """Take back the last change made in the journal: shows it, asks, and takes it back whole.
    Run it again to go one change further back. It keeps the last 20 changes of the last 7
    days; a deletion is not undoable. A dose change or stop is withdrawn, not erased.

    Example: moodlog undo
    """
    from moodlog.actions import clock
    from moodlog.actions import undo as actions
    from moodlog.render.undo import change_lines

    with journal(ctx) as opened:
        if clear:
            count = actions.clear(opened)
            typer.echo(
                f"Forgot the undo history ({count} change{'' if count == 1 else 's'}); "
                "nothing can be undone now."
            )
            say_if_old_text_lingers(opened)
            return
        last = actions.last_change(opened)
        if last is None:
            typer.echo(
                "Nothing to undo: the undo history is empty (it keeps the last 20 changes of "
                "the last 7 days; deletions are not undoable)."
            )
            return
        lines = change_lines(
            last.change.command,
            last.change.made_at,
            last.rows,
            last.now_values,
            clock.today(opened),
        )
        typer.echo("\n".join(lines))
        if not yes:
            if not sys.stdin.isatty():
                typer.echo(
                    "moodlog: undoing needs --yes when moodlog cannot ask in a terminal; "
                    "nothing was changed",
                    err=True,
                )
                raise typer.Exit(1)
            if not typer.confirm("Take it back?", default=False):
                typer.echo("Kept.")
                return
        done = actions.undo(opened, last.change.id)
        for record, withdrawal in done.withdrawn:
            typer.echo(
                f"Withdrew medicine record {record} by record {withdrawal}, as 'moodlog med "
                "change --withdraw' does: regimen history is never rewritten, so the record "
                "stays, marked withdrawn."
            )
        typer.echo(f"Took back the change made by '{last.change.command}'.")
        say_if_old_text_lingers(opened)

"""What every kind of record shares on the command line: a command that logs a record and has
commands for the records it logged (`moodlog session individual`, `moodlog session list`), an
id argument, the question before a deletion.

Every kind of record reads the same way (docs/corrections.md):

    moodlog KIND list [--last 30d | --since D] [--until D]   a table, ids first
    moodlog KIND show ID                                     every field of one
    moodlog KIND edit ID [options]                           change what makes sense
    moodlog KIND delete ID [--yes]                           for good, asking first
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import click
import typer

from moodlog.cli.app import LARGEST_ID, SuggestingGroup, did_you_mean
from moodlog.errors import InvalidValue


class RecordCommands(SuggestingGroup):
    """A command whose first word may name one of its commands (`list`, `show`, `edit`,
    `delete`); any other first word, or none, goes to the command that logs a record, so
    `moodlog session individual --date yesterday` keeps working beside `moodlog session
    list`. ``logging`` names that command; it is hidden from the group's help, whose first
    lines say how to log."""

    logging = "log"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = args[0] if args else None
        asks_help = first is not None and first in ctx.help_option_names
        if first is None or (first not in self.commands and not asks_help):
            self._refuse_a_slip(ctx, first)
            args = [self.logging, *args]
        return super().parse_args(ctx, args)

    def _refuse_a_slip(self, ctx: click.Context, first: str | None) -> None:
        """A first word a letter away from one of the group's commands (`session lst`) is a
        slip, not the name of a record to log: say which command was meant."""
        if first is None or first.startswith("-") or " " in first or len(first) < 3:
            return
        visible = [name for name, command in self.commands.items() if not command.hidden]
        hint = did_you_mean(first.lower(), visible, cutoff=0.8)
        if hint:
            raise click.UsageError(f"No such command {first!r}.{hint}", ctx)


def record_group(parent: typer.Typer, name: str, logging: str = "log") -> typer.Typer:
    """A command named ``name`` that logs a record with its hidden command ``logging`` and
    has commands of its own for the records it logged; added to ``parent``."""
    group_class = type(
        f"{name.title().replace('-', '')}Commands", (RecordCommands,), {"logging": logging}
    )
    group = typer.Typer(cls=group_class)
    parent.add_typer(group, name=name)
    return group


def record_id(kind: str, listed_by: str) -> Any:
    """The ID argument of `show`, `edit` and `delete` for records of ``kind``."""
    return typer.Argument(metavar="ID", max=LARGEST_ID, help=f"The {kind}'s id (see {listed_by}).")


YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")]


def confirm_delete(
    what: str, shown: Callable[[], Sequence[str]], yes: bool, question: str | None = None
) -> bool:
    """Whether to go on with deleting ``what`` (e.g. "session 4"): yes with --yes; else, in a
    terminal, after showing the record's lines and asking; without a terminal, never (one
    line says to give --yes). Prints "Kept." when the person says no."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise InvalidValue(f"deleting {what} needs --yes when moodlog cannot ask in a terminal")
    typer.echo("\n".join(shown()))
    if typer.confirm(question or f"Delete {what} for good?", default=False):
        return True
    typer.echo("Kept.")
    return False

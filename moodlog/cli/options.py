"""Options that several commands share, declared once (as sqlite-utils shares its output
options): each is an ``Annotated`` alias to use as a parameter's type, or a function that makes
the option with a help text of the command's own.

The typed ones read their value with a parameter type of :mod:`moodlog.cli.types`, so a
command receives a date, a period length, a time or a dose, never the text typed.
"""

from __future__ import annotations

from datetime import time
from typing import Annotated, Any

import typer

from moodlog.cli import types
from moodlog.domain.days import DaySpec, PeriodLength
from moodlog.errors import InvalidValue

EDIT_DATE_HELP = "Move it to this day: YYYY-MM-DD, today, yesterday, '3 days ago', a weekday."
DATE_HELP = (
    "The day: YYYY-MM-DD, today, yesterday, '3 days ago', 'last monday', a weekday. "
    "[default: today]"
)


def date_option(help: str = DATE_HELP) -> Any:
    """``--date``/``-d``: a day, with a help text that says what the day is of."""
    return typer.Option("--date", "-d", metavar="D", click_type=types.day(), help=help)


def time_option(help: str = "Local time HH:MM. [default: now]") -> Any:
    """``--time``/``-t``: a clock time."""
    return typer.Option("--time", "-t", metavar="HH:MM", click_type=types.clock_time(), help=help)


def dose_option(help: str) -> Any:
    """``--dose``: an amount and a unit."""
    return typer.Option("--dose", metavar="X", click_type=types.dose(), help=help)


def last_option(help: str) -> Any:
    """``--last``/``-l``: a length of time ending on ``--until``."""
    return typer.Option(
        "--last", "-l", metavar="LENGTH", click_type=types.period_length("period"), help=help
    )


def since_option(help: str = "First day of the period.") -> Any:
    return typer.Option("--since", metavar="D", click_type=types.day(), help=help)


def until_option(help: str = "Last day of the period. [default: today]") -> Any:
    return typer.Option("--until", metavar="D", click_type=types.day(), help=help)


def format_option(allowed: tuple[str, ...], help: str) -> Any:
    """``--format``/``-f``: one of ``allowed``."""
    return typer.Option(
        "--format", "-f", metavar="|".join(allowed), click_type=types.choice(allowed), help=help
    )


def paper_option() -> Any:
    """``--paper``: the sheet a report is drawn on."""
    return typer.Option(
        "--paper",
        metavar="a4|letter",
        click_type=types.choice(("a4", "letter")),
        help="Paper size. [default: the paper setting, else Letter where the locale's "
        "country uses it, else A4]",
    )


def out_option(help: str, metavar: str = "FILE", short: bool = True) -> Any:
    """``--out`` (and ``-o`` where ``short``): where the command writes."""
    names = ("--out", "-o") if short else ("--out",)
    return typer.Option(*names, metavar=metavar, help=help)


def note_option(help: str) -> Any:
    """``--note``/``-n``: text, or '-' to read it from standard input (see ``note_text``)."""
    return typer.Option("--note", "-n", metavar="TEXT|-", help=help)


DateOpt = Annotated[DaySpec | None, date_option()]
TimeOpt = Annotated[time | None, time_option()]
SinceOpt = Annotated[DaySpec | None, since_option()]
UntilOpt = Annotated[DaySpec | None, until_option()]
LastOpt = Annotated[
    PeriodLength | None, last_option("A length ending on --until: 30d, 6w, 3m, 1y; 30 is days.")
]


# The --last of `moodlog KIND list`: records made every day are listed for 14 days unless a
# period is given, the others all (docs/corrections.md).
DailyLastOpt = Annotated[
    PeriodLength | None, last_option("A length ending on --until: 14d, 2w, 3m, 1y. [default: 14d]")
]
AllLastOpt = Annotated[
    PeriodLength | None, last_option("A length ending on --until: 30d, 3m, 1y. [default: all]")
]


# `--json` on every command that shows records or figures: one JSON document instead of the
# table or lines, keyed as the export names its columns (docs/json.md).
JsonOpt = Annotated[
    bool,
    typer.Option("--json", help="Write one JSON document for scripts instead (see docs/json.md)."),
]


def one_period(last: PeriodLength | None, since: DaySpec | None) -> None:
    """A period is a length (``--last``) or a first day (``--since``), not both."""
    if last is not None and since is not None:
        raise InvalidValue("use either --last or --since, not both")


def format_and_out(format_: str | None, out: str | None, formats: tuple[str, ...]) -> str | None:
    """The format ``--format`` names, else the one the suffix of ``--out`` names (one of
    ``formats``) unless it names a folder, else None; the two must agree."""
    from pathlib import Path

    from moodlog.storage.targets import names_folder

    # A folder's name says nothing of the format of the file put in it (exports.json/).
    named = Path(out).expanduser() if out else None
    in_folder = named is not None and out is not None and names_folder(out, named)
    suffix = named.suffix.lower().lstrip(".") if named and not in_folder else ""
    if format_ is not None:
        if suffix in formats and suffix != format_:
            raise InvalidValue(f"--out {out} ends in .{suffix} but --format is {format_}")
        return format_
    return suffix if suffix in formats else None

"""`moodlog appointment` and `moodlog ask`."""

from __future__ import annotations

from typing import Annotated

import typer

from moodlog.actions import appointments as actions
from moodlog.cli import types
from moodlog.cli.app import LARGEST_ID, command_group, journal, say_if_old_text_lingers
from moodlog.domain.days import DaySpec
from moodlog.errors import InvalidValue

commands = typer.Typer()
appointment_app = command_group(commands, "appointment", no_args_is_help=True)


@appointment_app.callback()
def appointment() -> None:
    """Appointments with your provider: past ones start your next report's period, the next one
    is what the report is for.

    Example: moodlog appointment add 2025-03-14 --with "Dr Rao"
    """


@appointment_app.command("add")
def appointment_add(
    ctx: typer.Context,
    day: Annotated[
        DaySpec,
        typer.Argument(
            metavar="D",
            click_type=types.day("appointment date"),
            help="The day: YYYY-MM-DD (past or upcoming), today, yesterday, a weekday.",
        ),
    ],
    with_whom: Annotated[
        str | None,
        typer.Option(
            "--with", metavar="NAME", help="Who it is with, e.g. 'Dr Rao' or 'therapist'."
        ),
    ] = None,
) -> None:
    """Record an appointment, past or upcoming.

    Example: moodlog appointment add 2025-03-14 --with "Dr Rao"
    """
    with journal(ctx) as opened:
        added = actions.add_appointment(opened, day, with_whom)
    typer.echo(f"Saved appointment {added.id}: {added}.")


@appointment_app.command("list")
def appointment_list(ctx: typer.Context) -> None:
    """List your appointments; the last one is where a report starts by default.

    Example: moodlog appointment list
    """
    from moodlog.render.terminal import print_appointments

    with journal(ctx) as opened:
        listed = actions.list_appointments(opened)
    print_appointments(listed.appointments, listed.today, listed.last, listed.next)


@appointment_app.command("delete")
def appointment_delete(
    ctx: typer.Context,
    appointment_id: Annotated[
        int,
        typer.Argument(
            metavar="ID", max=LARGEST_ID, help="The appointment's id (see appointment list)."
        ),
    ],
) -> None:
    """Delete an appointment recorded by mistake.

    Example: moodlog appointment delete 3
    """
    with journal(ctx) as opened:
        deleted = actions.delete_appointment(opened, appointment_id)
    typer.echo(f"Deleted appointment {appointment_id} ({deleted}).")
    say_if_old_text_lingers(opened)


@commands.command()
def ask(
    ctx: typer.Context,
    question: Annotated[
        str | None,
        typer.Argument(metavar="QUESTION", help="The question, in quotes."),
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List the questions not yet marked done.")
    ] = False,
    done: Annotated[
        int | None,
        typer.Option(
            "--done",
            metavar="ID",
            max=LARGEST_ID,
            help="Mark a question done; it leaves the report.",
        ),
    ] = None,
) -> None:
    """Note a question for your provider; it is on every report until you mark it done.

    Example: moodlog ask "Could the new dose be why I wake at 4?"
    """
    from moodlog.render.terminal import print_questions

    chosen = sum((question is not None, list_, done is not None))
    if chosen != 1:
        raise InvalidValue(
            'give one of: a question in quotes (moodlog ask "..."), --list, or --done ID'
        )
    with journal(ctx) as opened:
        if question is not None:
            asked = actions.ask(opened, question)
            typer.echo(f"Saved question {asked.id}; it will be on your next report.")
        elif done is not None:
            answered = actions.mark_done(opened, done)
            typer.echo(f"Marked question {done} done: {answered.text}")
        else:
            print_questions(actions.open_questions(opened))

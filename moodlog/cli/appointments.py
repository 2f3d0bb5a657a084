"""`moodlog appointment` and `moodlog ask`."""

from __future__ import annotations

from typing import Annotated

import typer

from moodlog.actions import appointments as actions
from moodlog.cli import types
from moodlog.cli.app import LARGEST_ID, command_group, journal, say_if_old_text_lingers
from moodlog.cli.options import AllLastOpt, JsonOpt, SinceOpt, UntilOpt, one_period
from moodlog.cli.records import YesOpt, confirm_delete, record_group, record_id
from moodlog.domain.days import DaySpec
from moodlog.errors import InvalidValue
from moodlog.storage.journal import Journal

commands = typer.Typer()
appointment_app = command_group(commands, "appointment", no_args_is_help=True)


@appointment_app.callback()
def appointment() -> None:
    """Appointments with your provider: past ones start your next report's period, the next one
    is what the report is for.

    Example: moodlog appointment add 2025-03-14 --with "Dr Rao"
    """


WithOpt = Annotated[
    str | None,
    typer.Option("--with", metavar="NAME", help="Who it is with, e.g. 'Dr Rao' or 'therapist'."),
]


@appointment_app.command("add")
def appointment_add(
    ctx: typer.Context,
    day: Annotated[
        DaySpec,
        typer.Argument(
            metavar="D",
            click_type=types.day("appointment date"),
            help="The day: YYYY-MM-DD (past or upcoming), today, tomorrow, 'in 2 weeks', "
            "'next friday', a weekday (the coming one).",
        ),
    ],
    with_whom: WithOpt = None,
) -> None:
    """Record an appointment, past or upcoming.

    Example: moodlog appointment add 2025-03-14 --with "Dr Rao"
    """
    with journal(ctx) as opened:
        added = actions.add_appointment(opened, day, with_whom)
    typer.echo(f"Saved appointment {added.id}: {added}.")


@appointment_app.command("list")
def appointment_list(
    ctx: typer.Context,
    last: AllLastOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    json: JsonOpt = False,
) -> None:
    """List your appointments, with their ids; the last one is where a report starts by
    default.

    Example: moodlog appointment list
    """
    from moodlog.render.terminal import print_appointments

    one_period(last, since)
    with journal(ctx) as opened:
        listed = actions.list_appointments(opened, last, since, until)
    if json:
        from moodlog.render.json_output import listing_json, print_json

        print_json(listing_json("appointments", listed.period, listed.appointments))
        return
    print_appointments(listed.appointments, listed.today, listed.last, listed.next, listed.period)


AppointmentId = Annotated[int, record_id("appointment", "moodlog appointment list")]


@appointment_app.command("show")
def appointment_show(
    ctx: typer.Context, appointment_id: AppointmentId, json: JsonOpt = False
) -> None:
    """Show every field of one appointment.

    Example: moodlog appointment show 3
    """
    from moodlog.render.terminal import appointment_lines

    with journal(ctx) as opened:
        record = actions.show_appointment(opened, appointment_id)
    if json:
        from moodlog.render.json_output import print_record_json

        print_record_json("appointments", record)
        return
    typer.echo("\n".join(appointment_lines(record)))


@appointment_app.command("edit")
def appointment_edit(
    ctx: typer.Context,
    appointment_id: AppointmentId,
    day: Annotated[
        DaySpec | None,
        typer.Option(
            "--date",
            "-d",
            metavar="D",
            click_type=types.day(),
            help="Move it to this day: YYYY-MM-DD (past or upcoming), today, tomorrow, "
            "'in 2 weeks', a weekday (the coming one).",
        ),
    ] = None,
    with_whom: WithOpt = None,
    clear_with: Annotated[
        bool, typer.Option("--clear-with", help="Forget whom it is with.")
    ] = False,
) -> None:
    """Change an appointment's day or whom it is with; what you do not give stays.

    Example: moodlog appointment edit 3 --date 2025-03-21
    """
    from moodlog.render.terminal import appointment_lines

    if day is None and with_whom is None and not clear_with:
        typer.echo(
            f"Nothing changed: give what to change, e.g. moodlog appointment edit {appointment_id} "
            "--date 2025-03-21"
        )
        return
    with journal(ctx) as opened:
        edited = actions.edit_appointment(opened, appointment_id, day, with_whom, clear_with)
    if not edited.changed:
        typer.echo(f"Nothing changed: appointment {appointment_id} already says that.")
        return
    typer.echo("\n".join(appointment_lines(edited.after)))
    say_if_old_text_lingers(opened)


@appointment_app.command("delete")
def appointment_delete(
    ctx: typer.Context, appointment_id: AppointmentId, yes: YesOpt = False
) -> None:
    """Delete an appointment recorded by mistake, for good.

    Example: moodlog appointment delete 3 --yes
    """
    from moodlog.render.terminal import appointment_lines

    with journal(ctx) as opened:
        shown = lambda: appointment_lines(actions.show_appointment(opened, appointment_id))  # noqa: E731
        if not confirm_delete(f"appointment {appointment_id}", shown, yes):
            return
        deleted = actions.delete_appointment(opened, appointment_id)
    typer.echo(f"Deleted appointment {appointment_id} ({deleted}).")
    say_if_old_text_lingers(opened)


ask_app = record_group(commands, "ask")


@ask_app.callback()
def ask_commands() -> None:
    """Questions for your provider: note one, list them, show, reword, mark done or delete one.

    Note one: moodlog ask "QUESTION" (it is on every report until you mark it done)

    Example: moodlog ask "Could the new dose be why I wake at 4?"
    """


@ask_app.command("log", hidden=True)
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
    json: Annotated[
        bool,
        typer.Option("--json", help="With --list: one JSON document (see docs/json.md)."),
    ] = False,
) -> None:
    """Note a question for your provider; it is on every report until you mark it done.

    Example: moodlog ask "Could the new dose be why I wake at 4?"
    """
    from moodlog.render.terminal import print_questions

    if json and not list_:
        raise InvalidValue("--json goes with --list: moodlog ask --list --json")
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
            _mark_done(opened, done)
        elif json:
            from moodlog.render.json_output import listing_json, print_json

            print_json(listing_json("questions", None, actions.open_questions(opened)))
        else:
            print_questions(actions.open_questions(opened))


def _mark_done(opened: Journal, question_id: int) -> None:
    answered = actions.mark_done(opened, question_id)
    typer.echo(f"Marked question {question_id} done: {answered.text}")


@ask_app.command("list")
def ask_list(
    ctx: typer.Context,
    last: AllLastOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    json: JsonOpt = False,
) -> None:
    """List your questions with their ids, the ones marked done too (with the day).

    Example: moodlog ask list --last 3m
    """
    from moodlog.render.terminal import print_question_listing

    one_period(last, since)
    with journal(ctx) as opened:
        listing = actions.list_questions(opened, last, since, until)
    if json:
        from moodlog.render.json_output import print_listing_json

        print_listing_json("questions", listing)
        return
    print_question_listing(listing)


QuestionId = Annotated[int, record_id("question", "moodlog ask list")]


@ask_app.command("show")
def ask_show(ctx: typer.Context, question_id: QuestionId, json: JsonOpt = False) -> None:
    """Show one question: when it was asked, whether it is done, its words.

    Example: moodlog ask show 2
    """
    from moodlog.render.terminal import question_lines

    with journal(ctx) as opened:
        record = actions.show_question(opened, question_id)
    if json:
        from moodlog.render.json_output import print_record_json

        print_record_json("questions", record)
        return
    typer.echo("\n".join(question_lines(record)))


@ask_app.command("edit")
def ask_edit(
    ctx: typer.Context,
    question_id: QuestionId,
    text: Annotated[
        str | None, typer.Argument(metavar="TEXT", help="The question's new words, in quotes.")
    ] = None,
) -> None:
    """Reword a question; whether it is done stays.

    Example: moodlog ask edit 2 "Could the new dose be why I wake at 5?"
    """
    from moodlog.render.terminal import question_lines

    if text is None:
        typer.echo(
            f'Nothing changed: give the new words, e.g. moodlog ask edit {question_id} "..."'
        )
        return
    with journal(ctx) as opened:
        edited = actions.edit_question(opened, question_id, text)
    if not edited.changed:
        typer.echo(f"Nothing changed: question {question_id} already says that.")
        return
    typer.echo("\n".join(question_lines(edited.after)))
    say_if_old_text_lingers(opened)


@ask_app.command("done")
def ask_done(ctx: typer.Context, question_id: QuestionId) -> None:
    """Mark a question done (asked and answered): it leaves the next reports.

    Example: moodlog ask done 2
    """
    with journal(ctx) as opened:
        _mark_done(opened, question_id)


@ask_app.command("delete")
def ask_delete(ctx: typer.Context, question_id: QuestionId, yes: YesOpt = False) -> None:
    """Delete a question for good (its words are overwritten in the file, not just unlinked).

    Example: moodlog ask delete 2 --yes
    """
    from moodlog.render.terminal import question_lines

    with journal(ctx) as opened:
        shown = lambda: question_lines(actions.show_question(opened, question_id))  # noqa: E731
        if not confirm_delete(f"question {question_id}", shown, yes):
            return
        deleted = actions.delete_question(opened, question_id)
    typer.echo(f"Deleted question {question_id} (asked {deleted.asked_on.isoformat()}).")
    say_if_old_text_lingers(opened)

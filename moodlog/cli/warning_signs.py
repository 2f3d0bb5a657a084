"""`moodlog warn`: your early warning signs, each a rule over the journal with your plan."""

from __future__ import annotations

from typing import Annotated

import typer

from moodlog.actions import warning_signs as actions
from moodlog.cli import completion
from moodlog.cli.app import command_group, journal, say_if_old_text_lingers, standard_input_text
from moodlog.cli.options import DateOpt, JsonOpt, LastOpt, SinceOpt, UntilOpt, one_period
from moodlog.cli.records import YesOpt, confirm_delete, record_id

commands = typer.Typer()
warn_app = command_group(commands, "warn", no_args_is_help=True)


@warn_app.callback()
def warn() -> None:
    """Your early warning signs: rules over your journal, written as you and your provider
    would say them, each with the plan you agreed for it. moodlog tells no one and sends
    nothing; see docs/warning-signs.md.

    Example: moodlog warn add "short sleep" --when "sleep < 5 on 2 nights in a row"
    """


WhenOpt = Annotated[
    str | None,
    typer.Option(
        "--when",
        "-w",
        metavar="RULE",
        help="When the sign shows, e.g. 'sleep < 5 on 2 nights in a row', 'elevated >= 2 on 3 "
        "of 5 days', 'missed lithium 2 days in a row', 'no entry for 3 days'; join conditions "
        "with 'and': 'sleep < 6 on 2 nights in a row and energy >= 7'.",
    ),
]
PlanOpt = Annotated[
    str | None,
    typer.Option(
        "--plan",
        "-p",
        metavar="TEXT|-",
        help="What you will do when it shows, who to contact; '-' reads it from standard input.",
    ),
]
SignId = Annotated[int, record_id("warning sign", "moodlog warn list")]


def _plan(value: str | None) -> str | None:
    return standard_input_text("plan") if value == "-" else value


@warn_app.command("add")
def warn_add(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(metavar="NAME", help="The sign's name, e.g. 'short sleep'."),
    ] = None,
    when: WhenOpt = None,
    plan: PlanOpt = None,
    preset: Annotated[
        str | None,
        typer.Option(
            "--preset",
            metavar="mania-early|depression-early",
            help="Start from a preset (a starting point to agree with your provider); "
            "--when, --plan and NAME change it.",
        ),
    ] = None,
) -> None:
    """Add a warning sign: its rule, and your plan for when it shows.

    Example: moodlog warn add "short sleep" --when "sleep < 5 on 2 nights in a row" --plan -
    """
    from moodlog.render.warning_signs import sign_lines

    with journal(ctx) as opened:
        added = actions.add_sign(opened, name, when, _plan(plan), preset)
    typer.echo(f"Saved warning sign {added.id}.")
    typer.echo("\n".join(sign_lines(added)))


@warn_app.command("list")
def warn_list(ctx: typer.Context, json: JsonOpt = False) -> None:
    """List your warning signs with their ids and rules.

    Example: moodlog warn list
    """
    from moodlog.render.warning_signs import print_signs

    with journal(ctx) as opened:
        signs = actions.list_signs(opened)
    if json:
        from moodlog.render.json_output import listing_json, print_json

        print_json(listing_json("warning_signs", None, signs))
        return
    print_signs(signs)


@warn_app.command("show")
def warn_show(ctx: typer.Context, sign_id: SignId, json: JsonOpt = False) -> None:
    """Show one warning sign: its rule and your plan, as agreed.

    Example: moodlog warn show 1
    """
    from moodlog.render.warning_signs import sign_lines

    with journal(ctx) as opened:
        sign = actions.show_sign(opened, sign_id)
    if json:
        from moodlog.render.json_output import print_record_json

        print_record_json("warning_signs", sign)
        return
    typer.echo("\n".join(sign_lines(sign)))


@warn_app.command("edit")
def warn_edit(
    ctx: typer.Context,
    sign_id: SignId,
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="A new name for the sign.")
    ] = None,
    when: WhenOpt = None,
    plan: PlanOpt = None,
    clear_plan: Annotated[bool, typer.Option("--clear-plan", help="Remove the plan.")] = False,
) -> None:
    """Change a sign's name, rule or plan; what you do not give stays.

    Example: moodlog warn edit 1 --when "sleep < 6 on 2 nights in a row"
    """
    from moodlog.render.warning_signs import sign_lines

    if name is None and when is None and plan is None and not clear_plan:
        typer.echo(
            f'Nothing changed: give what to change, e.g. moodlog warn edit {sign_id} --when "..."'
        )
        return
    with journal(ctx) as opened:
        edited = actions.edit_sign(opened, sign_id, name, when, _plan(plan), clear_plan)
    if not edited.changed:
        typer.echo(f"Nothing changed: warning sign {sign_id} already says that.")
        return
    typer.echo("\n".join(sign_lines(edited.after)))
    say_if_old_text_lingers(opened)


@warn_app.command("delete")
def warn_delete(ctx: typer.Context, sign_id: SignId, yes: YesOpt = False) -> None:
    """Delete a warning sign for good, with its plan.

    Example: moodlog warn delete 1 --yes
    """
    from moodlog.render.warning_signs import sign_lines

    with journal(ctx) as opened:
        shown = lambda: sign_lines(actions.show_sign(opened, sign_id))  # noqa: E731
        if not confirm_delete(f"warning sign {sign_id}", shown, yes):
            return
        deleted = actions.delete_sign(opened, sign_id)
    typer.echo(f"Deleted warning sign {sign_id} ({deleted.name}).")
    say_if_old_text_lingers(opened)


@warn_app.command("test")
def warn_test(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME",
            help="The sign to replay. [default: every sign]",
            autocompletion=completion.warning_signs,
        ),
    ] = None,
    last: LastOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Replay your signs over your journal's history: when each would have shown, and for how
    long, so you and your provider can tune a rule before relying on it. [default: --last 1y]

    Example: moodlog warn test "short sleep" --last 1y
    """
    from moodlog.render.warning_signs import replay_lines

    one_period(last, since)
    with journal(ctx) as opened:
        replay = actions.replay_signs(opened, name, last, since, until)
    typer.echo("\n".join(replay_lines(replay.period, replay.signs)))


@warn_app.command("did")
def warn_did(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="The sign, e.g. 'short sleep'.",
            autocompletion=completion.warning_signs,
        ),
    ],
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT|-", help="What you did about it; '-' reads it from standard input."
        ),
    ],
    date: DateOpt = None,
) -> None:
    """Note what you did about a sign when it showed: the report lists it beside the episode.
    [default: its latest episode; --date names a day it was showing]

    Example: moodlog warn did "short sleep" "bed by 10 for a week, called Dr Rao's office"
    """
    did = standard_input_text("note") if text == "-" else text
    with journal(ctx) as opened:
        noted = actions.note_what_was_done(opened, name, did, date)
    first, last = noted.episode
    days = (
        f"since {first}" if last is None else f"{first} to {last}" if last != first else f"{first}"
    )
    replaced = " (in place of what you noted before)" if noted.replaced else ""
    typer.echo(f"Noted what you did about {noted.sign.name}, showing {days}{replaced}.")

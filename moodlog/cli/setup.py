"""`moodlog scales`, `init`, `config`, `where`, `demo`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from moodlog.actions import journal_setup as actions
from moodlog.cli import completion
from moodlog.cli.app import command_group, journal, location, say_if_old_text_lingers
from moodlog.cli.options import JsonOpt, out_option, paper_option
from moodlog.cli.records import YesOpt, confirm_delete
from moodlog.cli.types import TypedValue
from moodlog.domain.entries import check_name, parse_number
from moodlog.domain.scales import PRESETS
from moodlog.domain.settings import SETTINGS, find_setting
from moodlog.errors import InvalidValue

commands = typer.Typer()

# A scale's bounds: any finite number.
NUMBER = TypedValue("number", lambda text, label: parse_number(text, label, "a number"))


def _read_demo_days(text: str, label: str) -> int:
    # The demo's actions are loaded only when `moodlog demo` runs, not for `config` or `where`.
    from moodlog.actions.demo import read_demo_days

    return read_demo_days(text, label)


scales_app = command_group(commands, "scales")


@scales_app.callback(invoke_without_command=True)
def scales(ctx: typer.Context, json: JsonOpt = False) -> None:
    """Your symptom scales, each with its own range: list, add, show, edit, remove.

    Example: moodlog scales
    """
    if ctx.invoked_subcommand is not None:
        return
    from moodlog.render.terminal import print_scales

    with journal(ctx) as opened:
        listed = actions.list_scales(opened)
    if json:
        from moodlog.render.json_output import listing_json, print_json

        print_json(listing_json("scales", None, listed))
        return
    print_scales(listed)


@scales_app.command("add")
def scales_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The scale's name, e.g. headache.")],
    low: Annotated[
        float, typer.Option("--min", click_type=NUMBER, help="The lowest value, e.g. 0.")
    ],
    high: Annotated[
        float,
        typer.Option("--max", click_type=NUMBER, help="The highest value, e.g. 10."),
    ],
    description: Annotated[
        str, typer.Option("--description", help="What the values mean, for you and the report.")
    ] = "",
) -> None:
    """Add a symptom scale of your own.

    Example: moodlog scales add headache --min 0 --max 10 --description "0 none, 10 worst"
    """
    if not high > low:
        raise InvalidValue(
            f"scale {check_name(name, 'scale')} --min {low:g} --max {high:g}: "
            "the maximum must be above the minimum"
        )
    with journal(ctx) as opened:
        scale = actions.add_scale(opened, name, low, high, description)
    typer.echo(f"Added scale {scale.name} ({scale.low:g}-{scale.high:g}).")
    typer.echo(f"Use it with: moodlog add --symptom {scale.name}=N")


ScaleName = Annotated[
    str,
    typer.Argument(
        metavar="NAME",
        help="The scale's name (see moodlog scales).",
        autocompletion=completion.scales,
    ),
]


@scales_app.command("show")
def scales_show(ctx: typer.Context, name: ScaleName, json: JsonOpt = False) -> None:
    """Show one scale: its range, what it means, and how many entries rate it.

    Example: moodlog scales show headache
    """
    from moodlog.render.terminal import scale_lines

    with journal(ctx) as opened:
        shown = actions.show_scale(opened, name)
    if json:
        from moodlog.render.json_output import print_record_json

        print_record_json("scales", shown.scale, entries_rating_it=len(shown.ratings))
        return
    typer.echo("\n".join(scale_lines(shown.scale, shown.ratings)))


@scales_app.command("edit")
def scales_edit(
    ctx: typer.Context,
    name: ScaleName,
    description: Annotated[
        str | None,
        typer.Option("--description", metavar="TEXT", help="What the values mean."),
    ] = None,
    low: Annotated[
        float | None,
        typer.Option("--min", click_type=NUMBER, help="A new lowest value (with --max)."),
    ] = None,
    high: Annotated[
        float | None,
        typer.Option("--max", click_type=NUMBER, help="A new highest value (with --min)."),
    ] = None,
) -> None:
    """Change a scale's description or range; a range that would leave an entry's rating
    outside it is refused.

    Example: moodlog scales edit headache --min 0 --max 5
    """
    from moodlog.render.terminal import scale_lines

    if description is None and low is None and high is None:
        typer.echo(
            f"Nothing changed: give what to change, e.g. moodlog scales edit {name} "
            "--description TEXT"
        )
        return
    if low is not None and high is not None and not high > low:
        raise InvalidValue(
            f"scale {check_name(name, 'scale')} --min {low:g} --max {high:g}: "
            "the maximum must be above the minimum"
        )
    with journal(ctx) as opened:
        edited = actions.edit_scale(opened, name, description, low, high)
        ratings = actions.show_scale(opened, edited.after.name).ratings
    if not edited.changed:
        typer.echo(f"Nothing changed: scale {edited.after.name} already says that.")
        return
    typer.echo("\n".join(scale_lines(edited.after, ratings)))
    say_if_old_text_lingers(opened)


def _remove_scale(ctx: typer.Context, name: str, yes: bool, done: str) -> None:
    """Remove a scale: at once when no entry rates it; else after asking (or with --yes),
    the ratings staying in their entries."""
    from moodlog.render.terminal import scale_lines

    with journal(ctx) as opened:
        shown = actions.show_scale(opened, name)
        what = f"scale {shown.scale.name}"
        count = len(shown.ratings)
        rated = f"{count} entr{'y keeps its rating' if count == 1 else 'ies keep their ratings'}"
        if count:
            if not yes and not sys.stdin.isatty():
                raise InvalidValue(
                    f"deleting {what} needs --yes when moodlog cannot ask in a terminal; "
                    f"{rated} on it, shown in the entry but on no scale"
                )
            lines = lambda: scale_lines(shown.scale, shown.ratings)  # noqa: E731
            if not confirm_delete(what, lines, yes, f"Delete {what}? ({rated} on it.)"):
                return
        kept = actions.remove_scale(opened, shown.scale.name)
    kept_text = f"; {kept} entries keep their values on it" if kept else ""
    typer.echo(f"{done} {what}{kept_text}.")
    say_if_old_text_lingers(opened)


@scales_app.command("remove")
def scales_remove(ctx: typer.Context, name: ScaleName, yes: YesOpt = False) -> None:
    """Remove a symptom scale (the same as scales delete). Ratings already recorded on it stay
    in their entries; when entries rate it, moodlog asks first (or give --yes).

    Example: moodlog scales remove headache
    """
    _remove_scale(ctx, name, yes, "Removed")


@scales_app.command("delete")
def scales_delete(ctx: typer.Context, name: ScaleName, yes: YesOpt = False) -> None:
    """Delete a symptom scale (the same as scales remove). Ratings already recorded on it stay
    in their entries; when entries rate it, moodlog asks first (or give --yes).

    Example: moodlog scales delete headache --yes
    """
    _remove_scale(ctx, name, yes, "Deleted")


@commands.command()
def init(
    ctx: typer.Context,
    preset: Annotated[
        list[str],
        typer.Option(
            "--preset",
            "-p",
            metavar="NAME",
            help=f"Add a condition's symptom scales: {', '.join(PRESETS)}. Repeatable.",
        ),
    ] = [],  # noqa: B006  (Typer reads the default; it is never changed)
    adopt_empty: Annotated[
        bool,
        typer.Option(
            "--adopt-empty",
            help="Start the journal in the empty file already at its place (made private, "
            "0600); any other command refuses an empty file.",
        ),
    ] = False,
) -> None:
    """Start the journal, and add the symptom scales providers ask about for a condition.
    Presets combine, and applying one twice adds nothing.

    Example: moodlog init --preset bipolar --preset anxiety
    """
    if not preset and not adopt_empty:
        raise InvalidValue(f"give --preset NAME (one of {', '.join(PRESETS)}) or --adopt-empty")
    with journal(ctx, adopt_empty) as opened:
        added = actions.apply_presets(opened, preset)
    if adopt_empty and not preset:
        typer.echo(f"Your journal is {opened.path} (readable only by you).")
        return
    if not added:
        typer.echo("Nothing to add: those presets' scales are already in your journal.")
        return
    typer.echo("Added symptom scales: " + ", ".join(scale.name for scale in added))
    typer.echo("Each is 0 none, 1 noticeable, 2 some impairment, 3 unable to function.")
    typer.echo(f"Use them with: moodlog add --symptom {added[0].name}=1")


config_app = command_group(commands, "config")


@config_app.callback(invoke_without_command=True)
def config(ctx: typer.Context) -> None:
    """Settings, kept in the journal: show them all, get one, set one.

    Example: moodlog config
    """
    if ctx.invoked_subcommand is not None:
        return
    with journal(ctx) as opened:
        values = actions.all_settings(opened)
    for key, value in values.items():
        typer.echo(f"{key} = {value}    # {SETTINGS[key].help}")


@config_app.command("get")
def config_get(
    ctx: typer.Context, key: Annotated[str, typer.Argument(help="The setting's name.")]
) -> None:
    """Print one setting's value.

    Example: moodlog config get day-starts-at
    """
    with journal(ctx) as opened:
        typer.echo(actions.get_setting(opened, key))


@config_app.command("set")
def config_set(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The setting's name.")],
    value: Annotated[str, typer.Argument(help="Its new value.")],
) -> None:
    """Change a setting.

    Example: moodlog config set day-starts-at 05:00
    """
    with journal(ctx) as opened:
        stored = actions.set_setting(opened, key, value)
    typer.echo(f"{find_setting(key).key} = {stored}")


@commands.command()
def where(ctx: typer.Context) -> None:
    """Print where your journal lives, what chose that place, and who can read it.

    Example: moodlog where
    """
    import os
    import stat

    place = location(ctx)
    typer.echo(f"journal  {place.path}")
    typer.echo(f"chosen   by {place.source}")
    typer.echo(f"backups  {place.backups}")
    if place.path.exists():
        mode = stat.S_IMODE(os.stat(place.path).st_mode)
        who = "only you" if mode & 0o077 == 0 else "other users too: run chmod 600 on it"
        typer.echo(f"readable by {who} (mode {mode:04o})")
        from moodlog.storage.damage import is_encrypted, starts_emptied

        if starts_emptied(place.path):
            typer.echo(
                "emptied (its bytes are zeros), not a journal: probably the old file of a "
                "journal that moodlog encrypt, decrypt or passphrase replaced with a new one"
            )
        elif is_encrypted(place.path):
            # Only its passphrase tells an encrypted journal from any other file that is not
            # plain SQLite; where asks for none.
            typer.echo(
                "not plain SQLite: encrypted with a passphrase, or not a journal at all "
                "(moodlog decrypt makes an encrypted one plain again)"
            )
        else:
            typer.echo("not encrypted (moodlog encrypt encrypts it with a passphrase)")
    else:
        typer.echo(
            "(not created yet: the first command that records something, such as moodlog add, "
            "creates it; commands that only read leave it so)"
        )


@commands.command()
def demo(
    ctx: typer.Context,
    days: Annotated[
        int,
        typer.Option(
            "--days",
            metavar="INTEGER",
            click_type=TypedValue("days", _read_demo_days),
            help="How many days of story to write.",
        ),
    ] = 90,
    out: Annotated[
        str | None,
        out_option(
            "Folder for the demo journal. [default: a new temporary folder]",
            metavar="DIR",
            short=False,
        ),
    ] = None,
    paper: Annotated[str | None, paper_option()] = None,
) -> None:
    """Write a believable sample journal in a folder of its own (never your real journal), show
    it, and write its report beside it.

    Example: moodlog demo --days 90 --out /tmp/moodlog-demo
    """
    from moodlog.actions.demo import make_demo
    from moodlog.actions.entries import list_entries
    from moodlog.cli.progress import progress_steps
    from moodlog.render.terminal import print_entries
    from moodlog.storage.journal import open_journal

    with progress_steps("demo", 5) as step:
        made = make_demo(
            days, out, progress=step, out_label="--out", paper=paper, real=location(ctx).path
        )
    with open_journal(made.path) as opened:
        period, entries = list_entries(opened, None, None, None)
    print_entries(period, entries)
    typer.echo(
        f"\nDemo journal: {made.path}\n{made.entries} entries from {made.first} to {made.last}, "
        f"{made.appointments} appointments. Your real journal was not touched."
    )
    for path in made.report:
        typer.echo(f"Its report: {path}")
    typer.echo(f"Look around: moodlog --db {made.path} report --last 30d")

"""`moodlog stats` and `moodlog status`."""

from __future__ import annotations

from typing import Annotated

import typer

from moodlog.cli.app import journal, location
from moodlog.cli.options import JsonOpt, SinceOpt, UntilOpt, last_option, one_period
from moodlog.domain.days import PeriodLength

commands = typer.Typer()


@commands.command()
def stats(
    ctx: typer.Context,
    last: Annotated[
        PeriodLength | None,
        last_option("A length ending on --until: 30d, 6w, 3m, 1y. [default: 30d]"),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    json: JsonOpt = False,
) -> None:
    """How a period went, in the terminal: each measure's mean beside the previous period and
    its sparkline, days logged and the longest gap, adherence, skills, sessions, the latest
    questionnaires, sleep against mood, skill days against the next day's anxiety, and mood
    before and after each dose change. The same figures as the report.

    Example: moodlog stats --last 90d
    """
    from moodlog.actions.stats import StatsRequest, journal_stats
    from moodlog.render.stats import print_stats

    one_period(last, since)
    with journal(ctx) as opened:
        found = journal_stats(opened, StatsRequest(last, since, until))
    if json:
        from moodlog.render.json_output import print_json, stats_json

        print_json(stats_json(found))
        return
    print_stats(found)


@commands.command()
def status(
    ctx: typer.Context,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Print nothing; exit 1 when something of today is left to log or a warning "
            "sign is showing, else 0.",
        ),
    ] = False,
    json: JsonOpt = False,
) -> None:
    """One line for a shell prompt or start-up file: what of today is left to log (today's
    entry, each scheduled dose), and a warning sign showing. Exits 0. Never creates a journal.
    On an encrypted journal it prints nothing (--json: "locked": 1) unless the journal's key is
    kept in the keyring (moodlog encrypt --remember): it never asks, nor runs
    MOODLOG_PASSPHRASE_COMMAND.

    Example: moodlog status --quiet || echo "moodlog: today is not logged yet"
    """
    from moodlog.actions.status import today_status
    from moodlog.storage.cipher import NoEncryption, WrongPassphrase
    from moodlog.storage.passphrase import PassphraseNeeded

    try:
        found = today_status(location(ctx).path)
    except (PassphraseNeeded, WrongPassphrase, NoEncryption):
        # An encrypted journal with no key at hand: a shell prompt must neither stop to ask
        # for its passphrase nor pay the key's derivation, nor print an error at every prompt.
        if json:
            from moodlog.render.json_output import locked_status_json, print_json

            print_json(locked_status_json())
        return
    if quiet:
        raise typer.Exit(1 if found.anything_left or found.signs else 0)
    if json:
        from moodlog.render.json_output import print_json, status_json

        print_json(status_json(found))
        return
    from moodlog.render.status import status_line

    typer.echo(status_line(found))

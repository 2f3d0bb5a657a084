"""`moodlog add`, `list`, `show`, `edit`, `delete`."""

from __future__ import annotations

import sys
from datetime import time
from typing import TYPE_CHECKING, Annotated, Any

import typer

from moodlog.actions import entries as actions
from moodlog.actions.entries import EntryDetails, EntryValues
from moodlog.cli import completion, types
from moodlog.cli.app import (
    LARGEST_ID,
    journal,
    note_text,
    print_signs_shown,
    say_if_old_text_lingers,
)
from moodlog.cli.options import (
    DailyLastOpt,
    DateOpt,
    JsonOpt,
    SinceOpt,
    TimeOpt,
    UntilOpt,
    date_option,
    note_option,
    one_period,
    time_option,
)
from moodlog.cli.types import TypedValue
from moodlog.domain.days import DaySpec
from moodlog.domain.entries import (
    ANXIETY,
    BUILT_IN_URGES,
    CLEARABLE,
    ENERGY,
    IRRITABILITY,
    MOOD,
    SLEEP_QUALITY,
    Measure,
    TypedSkillUse,
    Urge,
    check_urge,
    read_clearable,
    read_skill_use,
)
from moodlog.domain.scales import TypedSymptom, read_symptom
from moodlog.errors import InvalidValue

if TYPE_CHECKING:
    from moodlog.domain.medications import MedicineLabels
    from moodlog.storage.journal import Journal

commands = typer.Typer()

# Scores, dates, times, urges, skills (split into name and score) and fields to clear are read
# by the parameter types of moodlog.cli.types, so a wrong one gets moodlog's message naming
# what is allowed (exit 1) rather than the parser's; names checked against the journal (tags,
# symptoms, medicines) are read as text and checked by the action, with the same result.


def _score_option(measure: Measure, short: str, help: str) -> Any:
    """``--mood``, ``--sleep-quality``...: one of the entry's core measures, by its name."""
    name = "--" + measure.name.replace(" ", "-")
    return typer.Option(name, short, metavar="N", click_type=types.score(measure), help=help)


MoodOpt = Annotated[
    float | None,
    _score_option(MOOD, "-m", "0 lowest possible, 5 your usual self, 10 best; e.g. 6.5."),
]
AnxietyOpt = Annotated[float | None, _score_option(ANXIETY, "-a", "0 none to 10 worst imaginable.")]
IrritabilityOpt = Annotated[
    float | None, _score_option(IRRITABILITY, "-i", "0 none to 10 extreme.")
]
EnergyOpt = Annotated[float | None, _score_option(ENERGY, "-e", "0 none to 10 highest.")]
SleepOpt = Annotated[
    float | None,
    typer.Option(
        "--sleep",
        "-s",
        metavar="HOURS",
        click_type=types.sleep_hours(),
        help="Hours slept the night before, 0-24: 7.5, 7h30 or 7:30.",
    ),
]
SleepQualityOpt = Annotated[
    float | None, _score_option(SLEEP_QUALITY, "-q", "1 very poor, 3 fair, 5 very good.")
]
SymptomOpt = Annotated[
    list[TypedSymptom] | None,
    typer.Option(
        "--symptom",
        metavar="NAME=N",
        click_type=TypedValue("symptom", read_symptom),
        help="A symptom scale and its value, e.g. focus=2 (see moodlog scales). Repeatable.",
        autocompletion=completion.symptoms,
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        metavar="TAG",
        help="An event or word for the day, e.g. travel. Repeatable.",
        autocompletion=completion.tags,
    ),
]
NoteOpt = Annotated[
    str | None,
    note_option(
        "A note, private unless --share; '-' reads it from standard input (no shell history)."
    ),
]
UrgeOpt = Annotated[
    list[Urge] | None,
    typer.Option(
        "--urge",
        metavar="NAME=N",
        click_type=TypedValue("urge", check_urge),
        help=f"An urge 0 none to 5 strongest: {', '.join(BUILT_IN_URGES)} or your own. Repeatable.",
    ),
]
ActedOpt = Annotated[
    list[str] | None,
    typer.Option("--acted", metavar="NAME", help="You acted on this urge. Repeatable."),
]
SkillOpt = Annotated[
    list[TypedSkillUse] | None,
    typer.Option(
        "--skill",
        metavar="NAME[=SCORE]",
        click_type=TypedValue("skill", read_skill_use),
        help="A therapy skill you used (see moodlog skills), with the DBT diary-card score "
        "0 not thought about or used … 7 didn't try, used them, helped; e.g. opposite=6. "
        "Repeatable.",
        autocompletion=completion.skills,
    ),
]


def _print_alert(saved: EntryDetails) -> None:
    """The crisis message, at once, when an answer of this command raised a safety flag."""
    if saved.alert is not None:
        from moodlog.domain.safety import crisis_message
        from moodlog.render.therapy import fit

        typer.echo("")
        typer.echo(fit(crisis_message(saved.alert, "Your entry is saved.")))


TookOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--took",
        metavar="MED",
        help="You took the day's next dose of MED. Repeatable.",
        autocompletion=completion.medicines,
    ),
]
MissedOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--missed",
        metavar="MED",
        help="You missed the day's next dose of MED. Repeatable.",
        autocompletion=completion.medicines,
    ),
]


def _entry_values(ctx: typer.Context) -> EntryValues:
    """What was typed after `add` or `edit` (whose parameters share their names), read already
    by the parameter types."""
    given = ctx.params

    def repeated(option: str) -> list[Any]:
        return list(given.get(option) or [])

    return EntryValues(
        date=given["date"],
        time=given["time"],
        mood=given["mood"],
        anxiety=given["anxiety"],
        irritability=given["irritability"],
        energy=given["energy"],
        sleep=given["sleep"],
        sleep_quality=given["sleep_quality"],
        symptoms=repeated("symptom"),
        tags=repeated("tag"),
        note=note_text(given["note"]),
        share=given["share"],
        urges=repeated("urge"),
        acted=repeated("acted"),
        skills=repeated("skill"),
        took=repeated("took"),
        missed=repeated("missed"),
    )


def _dose_labels(values: EntryValues) -> MedicineLabels | None:
    """The options a dose message names (`--slot`), loaded only when a dose is named, so that
    `moodlog add --mood 6` does not load the medicine commands."""
    if not values.took and not values.missed:
        return None
    from moodlog.cli.medications import OPTIONS

    return OPTIONS


def _check_in(
    opened: Journal, date: DaySpec | None, time: time | None, share: bool
) -> EntryDetails | None:
    """The day's check-in, saved in one transaction after the last answer; None when nothing
    was entered. The day is checked before the first question; doses are asked for only when
    the entry is about today."""
    from moodlog.actions.check_in import check_in_offer
    from moodlog.cli.check_in import ask_check_in

    offer = check_in_offer(opened, date)
    asked = ask_check_in(offer, share)
    if asked.is_empty():
        return None
    # The day the questions were about, even when the answers end after the day's start.
    asked.date, asked.time = DaySpec.on(offer.day), time
    return actions.add_entry(opened, asked)


@commands.command()
def add(
    ctx: typer.Context,
    date: DateOpt = None,
    time: TimeOpt = None,
    mood: MoodOpt = None,
    anxiety: AnxietyOpt = None,
    irritability: IrritabilityOpt = None,
    energy: EnergyOpt = None,
    sleep: SleepOpt = None,
    sleep_quality: SleepQualityOpt = None,
    symptom: SymptomOpt = None,
    tag: TagOpt = None,
    note: NoteOpt = None,
    share: Annotated[
        bool, typer.Option("--share", help="Show this entry's note on your provider report.")
    ] = False,
    urge: UrgeOpt = None,
    acted: ActedOpt = None,
    skill: SkillOpt = None,
    took: TookOpt = None,
    missed: MissedOpt = None,
) -> None:
    """Record how you are: mood, anxiety, sleep, symptoms, skills used, doses taken or missed,
    a note. Run it with no values in a terminal and it asks for each one.

    Example: moodlog add --mood 6 --anxiety 3 --sleep 7.5 --skill opposite=6 --took sertraline
    """
    values = _entry_values(ctx)
    if values.is_empty():
        if not sys.stdin.isatty():
            raise InvalidValue(
                "nothing to record; give at least one value, e.g. moodlog add --mood 6 "
                "(run it in a terminal with no values and it asks for each)"
            )
        with journal(ctx) as opened:
            saved = _check_in(opened, date, time, share)
        if saved is None:
            typer.echo("Nothing entered; nothing saved.")
            return
    else:
        with journal(ctx) as opened:
            saved = actions.add_entry(opened, values, dose_labels=_dose_labels(values))
    entry = saved.entry
    if entry.id is not None:
        when = entry.day.isoformat() + (" (back-filled)" if entry.backfilled else "")
        typer.echo(f"Saved entry {entry.id} for {when} at {entry.time.strftime('%H:%M')}.")
    if saved.skill_uses:
        from moodlog.render.therapy import skill_uses_text

        typer.echo(f"Skills: {skill_uses_text(saved.skill_uses)}.")
    if saved.doses:
        from moodlog.render.medications import logged_dose_line

        for logged in saved.doses:
            typer.echo(logged_dose_line(logged))
    print_signs_shown(saved.signs)
    _print_alert(saved)


@commands.command("list")
def list_(
    ctx: typer.Context,
    last: DailyLastOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    json: JsonOpt = False,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            metavar="TEXT",
            help="Only entries whose note or tags hold TEXT, in any case; searches the whole "
            "journal unless a period is given.",
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            metavar="TAG",
            help="Only entries tagged TAG, in any case (repeat for entries with every one); "
            "the whole journal unless a period is given.",
            autocompletion=completion.tags,
        ),
    ] = None,
) -> None:
    """Show a table of entries, newest last.

    Example: moodlog list --last 30d, or moodlog list --search harbour
    """
    from moodlog.domain.search import entry_search
    from moodlog.render.terminal import print_entries

    one_period(last, since)
    found_by = entry_search(search, tag or ())
    with journal(ctx) as opened:
        period, entries = actions.list_entries(opened, last, since, until, search=found_by)
    if json:
        from moodlog.render.json_output import listing_json, print_json

        print_json(listing_json("entries", period, entries))
        return
    print_entries(period, entries, found_by.described() if found_by else None)


EntryId = Annotated[
    int,
    typer.Argument(metavar="ID", max=LARGEST_ID, help="The entry's id (see moodlog list)."),
]


@commands.command()
def show(ctx: typer.Context, entry_id: EntryId, json: JsonOpt = False) -> None:
    """Show every field of one entry.

    Example: moodlog show 12
    """
    from moodlog.render.terminal import entry_lines

    with journal(ctx) as opened:
        details = actions.entry_details(opened, entry_id)
    if json:
        from moodlog.render.json_output import print_json, record_json, records_json

        print_json(
            {
                **record_json("entries", details.entry),
                "skill_uses": records_json("skill_uses", details.skill_uses),
                "safety_flags": records_json("safety_flags", details.safety_flags),
            }
        )
        return
    typer.echo("\n".join(entry_lines(details.entry, details.skill_uses, details.safety_flags)))


EditDateOpt = Annotated[
    DaySpec | None,
    date_option(
        "Move the entry to this day: YYYY-MM-DD, today, yesterday, '3 days ago', a weekday."
    ),
]
EditTimeOpt = Annotated[time | None, time_option("Change the entry's local time, HH:MM.")]


@commands.command()
def edit(
    ctx: typer.Context,
    entry_id: EntryId,
    date: EditDateOpt = None,
    time: EditTimeOpt = None,
    mood: MoodOpt = None,
    anxiety: AnxietyOpt = None,
    irritability: IrritabilityOpt = None,
    energy: EnergyOpt = None,
    sleep: SleepOpt = None,
    sleep_quality: SleepQualityOpt = None,
    symptom: SymptomOpt = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            metavar="TAG",
            help="Replaces the entry's tags. Repeatable.",
            autocompletion=completion.tags,
        ),
    ] = None,
    note: NoteOpt = None,
    share: Annotated[
        bool | None,
        typer.Option("--share/--private", help="Show the note on reports, or keep it private."),
    ] = None,
    urge: UrgeOpt = None,
    acted: ActedOpt = None,
    skill: Annotated[
        list[TypedSkillUse] | None,
        typer.Option(
            "--skill",
            metavar="NAME[=SCORE]",
            click_type=TypedValue("skill", read_skill_use),
            help="Replaces the entry's skills; score 0-7 as in moodlog add. Repeatable.",
            autocompletion=completion.skills,
        ),
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear",
            metavar="FIELD",
            click_type=TypedValue("field", read_clearable),
            help=f"Empty a field: {', '.join(CLEARABLE)}. Repeatable.",
        ),
    ] = None,
    took: Annotated[
        list[str] | None,
        typer.Option(
            "--took",
            metavar="MED",
            help="You took the day's next dose of MED; replaces the doses logged with the "
            "entry. Repeatable.",
            autocompletion=completion.medicines,
        ),
    ] = None,
    missed: Annotated[
        list[str] | None,
        typer.Option(
            "--missed",
            metavar="MED",
            help="You missed the day's next dose of MED; replaces the doses logged with the "
            "entry. Repeatable.",
            autocompletion=completion.medicines,
        ),
    ] = None,
) -> None:
    """Change an entry: the values you give replace the old ones; the rest stay.

    Example: moodlog edit 12 --mood 5 --clear note
    """
    from moodlog.render.terminal import entry_lines

    values = _entry_values(ctx)
    if values.changes_nothing() and not clear:
        with journal(ctx) as opened:
            actions.show_entry(opened, entry_id)  # an id not in the journal is still an error
        typer.echo(
            f"Nothing changed: give a value to change, e.g. moodlog edit {entry_id} --mood 5 "
            "(moodlog edit --help lists them)."
        )
        return
    with journal(ctx) as opened:
        saved = actions.edit_entry(
            opened, entry_id, values, clear or [], dose_labels=_dose_labels(values)
        )
    typer.echo("\n".join(entry_lines(saved.entry, saved.skill_uses, saved.safety_flags)))
    if saved.doses:
        from moodlog.render.medications import logged_dose_line

        for logged in saved.doses:
            typer.echo(logged_dose_line(logged))
    say_if_old_text_lingers(opened)
    _print_alert(saved)


@commands.command()
def delete(
    ctx: typer.Context,
    entry_id: EntryId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
) -> None:
    """Delete an entry for good (its text is overwritten in the file, not just unlinked).

    Example: moodlog delete 12 --yes
    """
    from moodlog.render.terminal import entry_lines

    with journal(ctx) as opened:
        if not yes:
            if not sys.stdin.isatty():
                raise InvalidValue(
                    f"deleting entry {entry_id} needs --yes when moodlog cannot ask in a terminal"
                )
            entry = actions.show_entry(opened, entry_id)
            typer.echo("\n".join(entry_lines(entry)))
            if not typer.confirm("Delete this entry for good?", default=False):
                typer.echo("Kept.")
                return
        actions.delete_entry(opened, entry_id)
    typer.echo(f"Deleted entry {entry_id}.")
    say_if_old_text_lingers(opened)

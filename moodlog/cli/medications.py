"""`moodlog med add|change|stop|remove|list`, `took`, `missed`, `skipped`, `side-effect`."""

from __future__ import annotations

import sys
from datetime import time
from typing import Annotated

import typer

from moodlog.actions import medications as actions
from moodlog.cli import completion, types
from moodlog.cli.app import command_group, journal, print_signs_shown, say_if_old_text_lingers
from moodlog.cli.options import (
    EDIT_DATE_HELP,
    AllLastOpt,
    DailyLastOpt,
    DateOpt,
    JsonOpt,
    SinceOpt,
    UntilOpt,
    date_option,
    dose_option,
    one_period,
    time_option,
    until_option,
)
from moodlog.cli.records import YesOpt, confirm_delete, record_group, record_id
from moodlog.cli.types import TypedValue
from moodlog.domain.days import DaySpec
from moodlog.domain.doses import MISSED, SKIPPED, TAKEN
from moodlog.domain.entries import check_name
from moodlog.domain.medications import (
    MedicineLabels,
    Slots,
    TypedDose,
    Weekdays,
    read_interval,
    read_slots,
    read_weekdays,
)
from moodlog.domain.side_effects import check_severity
from moodlog.errors import InvalidValue

commands = typer.Typer()
med_app = command_group(commands, "med")

# Names are read as text and checked by moodlog itself, so a wrong one gets moodlog's message
# naming what is allowed (exit 1) rather than the parser's; dates, times, doses, schedules,
# weekdays and intervals are read by the parameter types of moodlog.cli.types, which do the same.

# What the actions' messages call the values: the options they are given with.
OPTIONS = MedicineLabels(
    dose="--dose",
    schedule="--schedule",
    days="--days",
    every="--every",
    date="--date",
    slot="--slot",
    medicine="--med",
)
MedicineArg = Annotated[
    str,
    typer.Argument(
        metavar="NAME",
        help="The medicine: its name or a unique start of it.",
        autocompletion=completion.medicines,
    ),
]
DoseOpt = Annotated[
    TypedDose | None,
    dose_option(
        "Amount and unit: 50mg, 0.5 mg, 1 tablet, 2.5 ml; an amount alone takes the unit "
        "prescribed."
    ),
]
ScheduleOpt = Annotated[
    Slots | None,
    typer.Option(
        "--schedule",
        metavar="S",
        click_type=TypedValue("schedule", read_slots, "schedule"),
        help="Slots (morning,noon,afternoon,evening,bedtime) or clock times (08:00,20:00), each "
        "optionally with its own dose: morning=50mg,bedtime=200mg. [default: once a day]",
    ),
]
DaysOpt = Annotated[
    Weekdays | None,
    typer.Option(
        "--days",
        metavar="D",
        click_type=TypedValue("weekdays", read_weekdays),
        help="Only on these weekdays, e.g. mon,thu.",
    ),
]
EveryOpt = Annotated[
    int | None,
    typer.Option(
        "--every",
        metavar="Nd",
        click_type=TypedValue("interval", read_interval),
        help="Every N days, e.g. 28d for a long-acting injection.",
    ),
]
ReasonOpt = Annotated[
    str | None, typer.Option("--reason", "-r", metavar="R", help="Why, in a few words.")
]
SlotOpt = Annotated[
    str | None,
    typer.Option(
        "--slot",
        metavar="S",
        help="Which of the day's doses, e.g. bedtime. [default: the next one not logged]",
    ),
]


@med_app.callback(invoke_without_command=True)
def med(ctx: typer.Context) -> None:
    """Your medicines, their doses, schedules and history. With no command: med list.

    Example: moodlog med add sertraline --dose 50mg --schedule morning
    """
    if ctx.invoked_subcommand is None:
        med_list(ctx)


@med_app.command("add")
def med_add(
    ctx: typer.Context,
    name: MedicineArg,
    dose: DoseOpt = None,
    schedule: ScheduleOpt = None,
    days: DaysOpt = None,
    every: EveryOpt = None,
    prn: Annotated[bool, typer.Option("--prn", help="Taken as needed, not on a schedule.")] = False,
    start: Annotated[
        DaySpec | None,
        typer.Option(
            "--start", metavar="D", click_type=types.day(), help="First day on it. [default: today]"
        ),
    ] = None,
    reason: ReasonOpt = None,
) -> None:
    """Put a medicine on your list with its dose and schedule.

    Example: moodlog med add lithium --schedule morning=300mg,bedtime=600mg --start 2026-10-01
    """
    from moodlog.render.medications import regimen_record_line

    chosen = (("--days", days is not None), ("--every", every is not None), ("--prn", prn))
    given = [option for option, is_given in chosen if is_given]
    if len(given) > 1:
        raise InvalidValue(
            f"{' and '.join(given)} exclude each other; a medicine is taken on some weekdays, "
            "every N days, or as needed"
        )
    if prn and schedule is not None:
        raise InvalidValue(
            "--prn and --schedule exclude each other; a medicine taken as needed has no slots"
        )
    with journal(ctx) as opened:
        record = actions.add_medicine(
            opened, name, dose, schedule, days, every, prn, start, reason, labels=OPTIONS
        )
    typer.echo(regimen_record_line(record))


@med_app.command("change")
def med_change(
    ctx: typer.Context,
    name: MedicineArg,
    dose: DoseOpt = None,
    schedule: ScheduleOpt = None,
    days: Annotated[
        Weekdays | None,
        typer.Option(
            "--days",
            metavar="D",
            click_type=TypedValue("weekdays", lambda text, label: read_weekdays(text, label, True)),
            help="Only on these weekdays, e.g. mon,thu; 'all' for daily.",
        ),
    ] = None,
    every: EveryOpt = None,
    date: Annotated[
        DaySpec | None,
        date_option(
            "First day of the change: earlier if entered late, later if planned. [default: today]"
        ),
    ] = None,
    reason: ReasonOpt = None,
    withdraw: Annotated[
        int | None,
        typer.Option(
            "--withdraw",
            metavar="ID",
            min=1,
            help="Withdraw a change or stop entered by mistake (its id in 'moodlog med list "
            "--all'): it was never in force. Give no new dose with it.",
        ),
    ] = None,
) -> None:
    """Change a medicine's dose or schedule from a date on. The earlier days keep their dose.
    A change entered by mistake is withdrawn with --withdraw ID, never rewritten.

    Example: moodlog med change sertraline --dose 100mg --date 2026-10-08 --reason "low mood"
    """
    from moodlog.render.medications import change_lines, withdrawal_lines

    if withdraw is not None:
        chosen = (("--dose", dose), ("--schedule", schedule), ("--days", days))
        given = [
            option
            for option, value in (*chosen, ("--every", every), ("--date", date))
            if value is not None
        ]
        if given:
            raise InvalidValue(
                f"--withdraw takes back a record as if it had never been made; give "
                f"{' and '.join(given)} in a change of its own"
            )
        with journal(ctx) as opened:
            withdrawn = actions.withdraw_record(opened, name, withdraw, reason)
        typer.echo("\n".join(withdrawal_lines(withdrawn)))
        return
    if days is not None and every is not None:
        raise InvalidValue("--days and --every exclude each other")
    with journal(ctx) as opened:
        change = actions.change_medicine(
            opened, name, dose, schedule, days, every, date, reason, labels=OPTIONS
        )
    typer.echo("\n".join(change_lines(change)))


@med_app.command("stop")
def med_stop(
    ctx: typer.Context,
    name: MedicineArg,
    date: Annotated[
        DaySpec | None, date_option("The first day without it. [default: today]")
    ] = None,
    reason: ReasonOpt = None,
) -> None:
    """Stop a medicine from a date on (its history stays).

    Example: moodlog med stop quetiapine --date 2026-10-12 --reason "too drowsy"
    """
    from moodlog.render.medications import change_lines

    with journal(ctx) as opened:
        stop = actions.stop_medicine(opened, name, date, reason, labels=OPTIONS)
    typer.echo("\n".join(change_lines(stop)))


@med_app.command("remove")
def med_remove(ctx: typer.Context, name: MedicineArg, yes: YesOpt = False) -> None:
    """Remove a medicine entered by mistake, with its whole history. One with doses or side
    effects logged asks first, names what would go, and removes them too only with --yes.
    To end a course, use med stop instead: its history stays.

    Example: moodlog med remove sertralin --yes
    """
    from moodlog.render.medications import removal_counts, removal_text

    with journal(ctx) as opened:
        shown = actions.medicine_to_remove(opened, name)
        what = f"medicine {shown.medicine.name}"
        if shown.logged:
            if not yes and not sys.stdin.isatty():
                raise InvalidValue(
                    f"removing {shown.medicine.name} needs --yes when moodlog cannot ask in a "
                    f"terminal; {removal_counts(shown)} would go with it"
                )
            lines = lambda: [removal_text(shown)]  # noqa: E731
            question = f"Remove {shown.medicine.name} and all of this for good?"
            if not confirm_delete(what, lines, yes, question):
                return
        removed = actions.remove_medicine(opened, shown.medicine.name)
    typer.echo(f"Removed {removal_text(removed)}.")
    say_if_old_text_lingers(opened)


@med_app.command("list")
def med_list(
    ctx: typer.Context,
    all_: Annotated[
        bool,
        typer.Option("--all", help="Every regimen record, dated, with reasons; side effects."),
    ] = False,
    until: Annotated[
        DaySpec | None, until_option("The day to show, counting its 30 days. [default: today]")
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Your current medicines with taken, missed, skipped and not-logged doses and adherence
    over the last 30 days.

    Example: moodlog med list --all
    """
    from moodlog.render.medications import print_history, print_medicines

    with journal(ctx) as opened:
        if all_:
            history = actions.regimen_history(opened)
        else:
            listing = actions.list_medicines(opened, until)
    if json:
        from moodlog.render.json_output import medicines_json, print_json, regimen_history_json

        print_json(regimen_history_json(history) if all_ else medicines_json(listing))
        return
    if all_:
        print_history(history)
        return
    print_medicines(listing)


@commands.command()
def took(
    ctx: typer.Context,
    medicine: Annotated[
        str | None,
        typer.Argument(
            metavar="[MED]",
            help="The medicine (a unique start of its name will do).",
            autocompletion=completion.medicines,
        ),
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Every dose scheduled on the day that is not logged.")
    ] = False,
    date: DateOpt = None,
    time: Annotated[time | None, time_option("When you took it. [default: now]")] = None,
    slot: SlotOpt = None,
    dose: Annotated[
        TypedDose | None,
        dose_option(
            "Only when it differed from the prescribed dose; 25 alone takes the unit prescribed."
        ),
    ] = None,
    reason: ReasonOpt = None,
) -> None:
    """Log a dose taken: the day's next dose not logged yet, or --slot; --all for every one.

    Example: moodlog took sertraline --time 08:10
    """
    if all_ and medicine is not None:
        raise InvalidValue("name a medicine (moodlog took sertraline) or use --all, not both")
    if not all_ and medicine is None:
        raise InvalidValue(
            "name the medicine taken (moodlog took sertraline), or use --all for every dose "
            "due and not logged yet; 'moodlog med list' shows your medicines"
        )
    if all_ and dose is not None:
        raise InvalidValue("--dose applies to one medicine; name it instead of using --all")
    if medicine is not None:
        _log_dose_of(ctx, TAKEN, medicine, date, time, slot, dose, reason)
        return
    from moodlog.render.medications import all_taken_lines

    with journal(ctx) as opened:
        result, signs = actions.take_all(opened, date, time, slot, reason)
    typer.echo("\n".join(all_taken_lines(result)))
    print_signs_shown(signs)


def _log_dose_of(
    ctx: typer.Context,
    status: str,
    medicine: str,
    date: DaySpec | None,
    time: time | None = None,
    slot: str | None = None,
    dose: TypedDose | None = None,
    reason: str | None = None,
) -> None:
    """Log one dose of ``medicine`` as taken, missed or skipped, and say what was logged."""
    from moodlog.render.medications import logged_dose_line

    with journal(ctx) as opened:
        logged, signs = actions.log_dose(
            opened, status, medicine, date, time, slot, dose, reason, labels=OPTIONS
        )
    typer.echo(logged_dose_line(logged))
    print_signs_shown(signs)


def _dose_not_taken(status: str, doc: str) -> None:
    """Declare `moodlog missed` or `moodlog skipped`: one medicine's dose, by day and slot."""

    def command(
        ctx: typer.Context,
        medicine: MedicineArg,
        date: DateOpt = None,
        slot: SlotOpt = None,
        reason: ReasonOpt = None,
    ) -> None:
        _log_dose_of(ctx, status, medicine, date, slot=slot, reason=reason)

    commands.command(status, help=doc)(command)


_dose_not_taken(
    MISSED,
    """Log a dose missed: the day's next dose not logged yet, or --slot.

    Example: moodlog missed lithium --slot bedtime --date yesterday
    """,
)
_dose_not_taken(
    SKIPPED,
    """Log a dose skipped on your prescriber's advice (not counted against adherence).

    Example: moodlog skipped lithium --reason "held before blood test"
    """,
)


side_effect_app = record_group(commands, "side-effect")


@side_effect_app.callback()
def side_effect_commands() -> None:
    """Side effects: record one or mark it resolved, list them, show, change or delete one.

    Record one: moodlog side-effect NAME --severity N [--med MED] [--date D] [--resolved D]

    Example: moodlog side-effect nausea --severity 2 --med sertraline
    """


@side_effect_app.command("log", hidden=True)
def side_effect(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="e.g. nausea, 'dry mouth'.")],
    severity: Annotated[
        int | None,
        typer.Option(
            "--severity",
            metavar="N",
            click_type=TypedValue("severity", check_severity),
            help="1 mild, 2 moderate, 3 severe (for a new one).",
        ),
    ] = None,
    med: Annotated[
        str | None,
        typer.Option(
            "--med",
            metavar="MED",
            help="The medicine you suspect.",
            autocompletion=completion.medicines,
        ),
    ] = None,
    date: Annotated[DaySpec | None, date_option("When it began. [default: today]")] = None,
    resolved: Annotated[
        DaySpec | None,
        typer.Option(
            "--resolved",
            metavar="D",
            click_type=types.day(),
            help="When it went away; alone, marks an open one resolved.",
        ),
    ] = None,
) -> None:
    """Record a side effect, or mark one resolved with --resolved alone.

    Example: moodlog side-effect nausea --severity 2 --med sertraline
    """
    from moodlog.render.medications import side_effect_line

    if severity is None and resolved is None:
        raise InvalidValue(
            f"side effect {check_name(name, 'side effect')!r} needs --severity 1-3 (1 mild, "
            "2 moderate, 3 severe) for a new one, or --resolved D to mark an open one resolved"
        )
    if severity is None and date is not None:
        raise InvalidValue(
            f"{date.label} sets when a new side effect began; to mark "
            f"{check_name(name, 'side effect')} resolved give --resolved D alone (or --severity "
            "too, to record a past side effect)"
        )
    with journal(ctx) as opened:
        result = actions.record_side_effect(
            opened, name, severity, med, date, resolved, labels=OPTIONS
        )
    typer.echo(side_effect_line(result))


dose_app = command_group(commands, "dose", no_args_is_help=True)


@dose_app.callback()
def dose_commands() -> None:
    """The doses you logged (with took, missed, skipped, add --took): list them, show, change
    or delete one.

    Example: moodlog dose list --med lorazepam
    """


@dose_app.command("list")
def dose_list(
    ctx: typer.Context,
    last: DailyLastOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    med: Annotated[
        str | None,
        typer.Option(
            "--med",
            metavar="MED",
            help="Only this medicine's doses.",
            autocompletion=completion.medicines,
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """List the doses you logged, with their ids (a log corrected by a later one is left out).

    Example: moodlog dose list --last 30d --med lorazepam
    """
    from moodlog.render.medications import print_doses

    one_period(last, since)
    with journal(ctx) as opened:
        listing = actions.list_doses(opened, last, since, until, med)
    if json:
        from moodlog.render.json_output import print_listing_json

        print_listing_json("doses", listing)
        return
    print_doses(listing)


DoseId = Annotated[int, record_id("dose log", "moodlog dose list")]


@dose_app.command("show")
def dose_show(ctx: typer.Context, dose_id: DoseId, json: JsonOpt = False) -> None:
    """Show every field of one dose log.

    Example: moodlog dose show 8
    """
    from moodlog.render.medications import dose_lines

    with journal(ctx) as opened:
        record = actions.show_dose(opened, dose_id)
    if json:
        from moodlog.render.json_output import print_record_json

        print_record_json("doses", record)
        return
    typer.echo("\n".join(dose_lines(record)))


@dose_app.command("edit")
def dose_edit(
    ctx: typer.Context,
    dose_id: DoseId,
    status: Annotated[
        str | None,
        typer.Option("--status", metavar="taken|missed|skipped", help="How the dose went."),
    ] = None,
    date: Annotated[DaySpec | None, date_option(EDIT_DATE_HELP)] = None,
    time: Annotated[time | None, time_option("When you took it.")] = None,
    slot: Annotated[
        str | None,
        typer.Option("--slot", metavar="S", help="Which of the day's doses: morning, 20:00, ..."),
    ] = None,
    dose: Annotated[
        TypedDose | None, dose_option("The dose taken, when it differed from the prescribed one.")
    ] = None,
    reason: ReasonOpt = None,
    clear_reason: Annotated[
        bool, typer.Option("--clear-reason", help="Remove the reason.")
    ] = False,
) -> None:
    """Change a dose log: taken, missed or skipped, its day, time, slot, dose or reason; what
    you do not give stays. Checked as took, missed and skipped check a new log.

    Example: moodlog dose edit 8 --status missed
    """
    from moodlog.render.medications import dose_lines

    changes = actions.DoseChanges(status, date, time, slot, dose, reason, clear_reason)
    if not changes.any():
        typer.echo(
            f"Nothing changed: give what to change, e.g. moodlog dose edit {dose_id} "
            "--status missed"
        )
        return
    with journal(ctx) as opened:
        edited = actions.edit_dose(opened, dose_id, changes, labels=OPTIONS)
    if not edited.changed:
        typer.echo(f"Nothing changed: dose {dose_id} already says that.")
        return
    typer.echo("\n".join(dose_lines(edited.after)))
    say_if_old_text_lingers(opened)


@dose_app.command("delete")
def dose_delete(ctx: typer.Context, dose_id: DoseId, yes: YesOpt = False) -> None:
    """Delete a dose log for good, with any earlier log of that dose it corrected: the dose is
    then not logged.

    Example: moodlog dose delete 8 --yes
    """
    from moodlog.render.medications import dose_lines

    with journal(ctx) as opened:
        shown = lambda: dose_lines(actions.show_dose(opened, dose_id))  # noqa: E731
        if not confirm_delete(f"dose {dose_id}", shown, yes):
            return
        deleted, earlier = actions.delete_dose(opened, dose_id)
    slot = deleted.slot or "as needed"
    extra = f"; and {earlier} earlier log{'s' if earlier > 1 else ''} of it" if earlier else ""
    typer.echo(
        f"Deleted dose {dose_id} ({deleted.medicine} {slot} {deleted.status}, "
        f"{deleted.day.isoformat()}{extra})."
    )
    say_if_old_text_lingers(opened)


@side_effect_app.command("list")
def side_effect_list(
    ctx: typer.Context,
    last: AllLastOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    json: JsonOpt = False,
) -> None:
    """List your side effects with their ids: with a period, those ongoing on some day of it.

    Example: moodlog side-effect list --last 3m
    """
    from moodlog.render.medications import print_side_effect_listing

    one_period(last, since)
    with journal(ctx) as opened:
        listing = actions.list_side_effects(opened, last, since, until)
    if json:
        from moodlog.render.json_output import print_listing_json

        print_listing_json("side_effects", listing)
        return
    print_side_effect_listing(listing)


SideEffectId = Annotated[int, record_id("side effect", "moodlog side-effect list")]


@side_effect_app.command("show")
def side_effect_show(ctx: typer.Context, effect_id: SideEffectId, json: JsonOpt = False) -> None:
    """Show every field of one side effect.

    Example: moodlog side-effect show 2
    """
    from moodlog.render.medications import side_effect_lines

    with journal(ctx) as opened:
        record = actions.show_side_effect(opened, effect_id)
    if json:
        from moodlog.render.json_output import print_record_json

        print_record_json("side_effects", record)
        return
    typer.echo("\n".join(side_effect_lines(record)))


@side_effect_app.command("edit")
def side_effect_edit(
    ctx: typer.Context,
    effect_id: SideEffectId,
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="Its name.")] = None,
    severity: Annotated[
        int | None,
        typer.Option(
            "--severity",
            metavar="N",
            click_type=TypedValue("severity", check_severity),
            help="1 mild, 2 moderate, 3 severe.",
        ),
    ] = None,
    med: Annotated[
        str | None,
        typer.Option(
            "--med",
            metavar="MED",
            help="The medicine you suspect.",
            autocompletion=completion.medicines,
        ),
    ] = None,
    clear_med: Annotated[bool, typer.Option("--clear-med", help="No medicine suspected.")] = False,
    date: Annotated[
        DaySpec | None, date_option("When it began: YYYY-MM-DD, yesterday, ...")
    ] = None,
    resolved: Annotated[
        DaySpec | None,
        typer.Option("--resolved", metavar="D", click_type=types.day(), help="When it went away."),
    ] = None,
    ongoing: Annotated[
        bool, typer.Option("--ongoing", help="It has not gone away after all.")
    ] = False,
) -> None:
    """Change a side effect's name, severity, medicine, onset or resolved day; what you do not
    give stays. It resolves on a day from its onset to today.

    Example: moodlog side-effect edit 2 --severity 1
    """
    from moodlog.render.medications import side_effect_lines

    changes = actions.SideEffectChanges(name, severity, med, clear_med, date, resolved, ongoing)
    if not changes.any():
        typer.echo(
            f"Nothing changed: give what to change, e.g. moodlog side-effect edit {effect_id} "
            "--severity 1"
        )
        return
    with journal(ctx) as opened:
        edited = actions.edit_side_effect(opened, effect_id, changes)
    if not edited.changed:
        typer.echo(f"Nothing changed: side effect {effect_id} already says that.")
        return
    typer.echo("\n".join(side_effect_lines(edited.after)))
    say_if_old_text_lingers(opened)


@side_effect_app.command("delete")
def side_effect_delete(ctx: typer.Context, effect_id: SideEffectId, yes: YesOpt = False) -> None:
    """Delete a side effect for good.

    Example: moodlog side-effect delete 2 --yes
    """
    from moodlog.render.medications import side_effect_lines

    with journal(ctx) as opened:
        shown = lambda: side_effect_lines(actions.show_side_effect(opened, effect_id))  # noqa: E731
        if not confirm_delete(f"side effect {effect_id}", shown, yes):
            return
        deleted = actions.delete_side_effect(opened, effect_id)
    typer.echo(f"Deleted side effect {effect_id} ({deleted.describe()}).")
    say_if_old_text_lingers(opened)

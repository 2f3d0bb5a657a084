"""`moodlog skills` (and `add`, `show`, `edit`, `delete`), `skill-use`, `session`, `check`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from moodlog.actions import therapy as actions
from moodlog.cli import completion
from moodlog.cli.app import (
    command_group,
    journal,
    note_text,
    print_signs_shown,
    say_if_old_text_lingers,
)
from moodlog.cli.options import (
    EDIT_DATE_HELP,
    AllLastOpt,
    DailyLastOpt,
    DateOpt,
    JsonOpt,
    SinceOpt,
    UntilOpt,
    date_option,
    note_option,
    one_period,
)
from moodlog.cli.records import YesOpt, confirm_delete, record_group, record_id
from moodlog.cli.types import TypedValue
from moodlog.domain.days import DaySpec
from moodlog.domain.entries import small_whole_number
from moodlog.domain.questionnaires import (
    ANSWER_HIGH,
    ANSWER_LOW,
    ATTRIBUTION,
    DIFFICULTY_LABELS,
    Answers,
    Difficulty,
    Instrument,
    find_instrument,
    read_answers,
    read_difficulty,
)
from moodlog.domain.therapy import (
    OWN,
    SkillCategory,
    check_category,
    check_description,
    read_list_category,
)
from moodlog.errors import InvalidValue, MoodlogError

commands = typer.Typer()

skills_app = command_group(commands, "skills")


def stdin_is_terminal() -> bool:
    """Whether moodlog may ask questions (tests replace this to answer in-process)."""
    return sys.stdin.isatty()


@skills_app.callback(invoke_without_command=True)
def skills(
    ctx: typer.Context,
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            "-c",
            metavar="dbt|cbt|own",
            click_type=TypedValue("category", read_list_category),
            help="Only this category.",
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """The therapy skills you can log, by module, each with a line on what it is; add your own.

    Example: moodlog skills --category dbt
    """
    if ctx.invoked_subcommand is not None:
        return
    from moodlog.render.therapy import print_skills

    with journal(ctx) as opened:
        listed = actions.list_skills(opened, category)
    if json:
        from moodlog.render.json_output import listing_json, print_json

        print_json(listing_json("skills", None, listed))
        return
    print_skills(listed)


@skills_app.command("add")
def skills_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The skill's name, e.g. 'Box breathing'.")],
    category: Annotated[
        SkillCategory | None,
        typer.Option(
            "--category",
            "-c",
            metavar="C",
            click_type=TypedValue("category", check_category),
            help="cbt, dbt, own, or a DBT module (mindfulness, distress-tolerance, "
            "emotion-regulation, interpersonal-effectiveness).  [default: own]",
        ),
    ] = None,
    description: Annotated[
        str,
        typer.Option(
            "--description",
            metavar="TEXT",
            click_type=TypedValue("description", check_description),
            help="One line on what it is, for you and the report.",
        ),
    ] = "",
) -> None:
    """Add a skill of your own to the catalogue, so you can log it with moodlog add --skill.

    Example: moodlog skills add "Box breathing" --category distress-tolerance
    """
    with journal(ctx) as opened:
        skill = actions.add_skill(opened, name, category or OWN, description)
    typer.echo(f"Added {skill.name}; moodlog skills lists it under {skill.group}.")
    typer.echo(f'Log it with: moodlog add --skill "{skill.name}=5"')


SkillName = Annotated[
    str,
    typer.Argument(
        metavar="NAME",
        help="The skill's name (see moodlog skills).",
        autocompletion=completion.skills,
    ),
]
CategoryOpt = Annotated[
    SkillCategory | None,
    typer.Option(
        "--category",
        "-c",
        metavar="C",
        click_type=TypedValue("category", check_category),
        help="cbt, dbt, own, or a DBT module (mindfulness, distress-tolerance, "
        "emotion-regulation, interpersonal-effectiveness).",
    ),
]


@skills_app.command("show")
def skills_show(ctx: typer.Context, name: SkillName, json: JsonOpt = False) -> None:
    """Show one skill of the catalogue: where it is listed, what it is, how often you logged it.

    Example: moodlog skills show "opposite action"
    """
    from moodlog.render.therapy import skill_lines

    with journal(ctx) as opened:
        shown = actions.show_skill(opened, name)
    if json:
        from moodlog.render.json_output import print_record_json

        print_record_json("skills", shown.skill, uses=shown.uses)
        return
    typer.echo("\n".join(skill_lines(shown.skill, shown.uses)))


@skills_app.command("edit")
def skills_edit(
    ctx: typer.Context,
    name: SkillName,
    new_name: Annotated[
        str | None,
        typer.Option("--name", metavar="NEW", help="A new name; logged uses follow."),
    ] = None,
    category: CategoryOpt = None,
    description: Annotated[
        str | None,
        typer.Option("--description", metavar="TEXT", help="A new line on what it is."),
    ] = None,
) -> None:
    """Rename a skill of your own or change its category or description; what you do not give
    stays. Built-in skills cannot be changed.

    Example: moodlog skills edit "Box breathing" --name "Square breathing"
    """
    from moodlog.render.therapy import skill_lines

    changes = actions.SkillChanges(new_name, category, description)
    if not changes.any():
        typer.echo(
            f"Nothing changed: give what to change, e.g. moodlog skills edit {name!r} "
            "--description TEXT"
        )
        return
    with journal(ctx) as opened:
        edited = actions.edit_skill(opened, name, changes)
        uses = actions.show_skill(opened, edited.after.name).uses
    if not edited.changed:
        typer.echo(f"Nothing changed: skill {edited.after.name} already says that.")
        return
    typer.echo("\n".join(skill_lines(edited.after, uses)))
    say_if_old_text_lingers(opened)


@skills_app.command("delete")
def skills_delete(ctx: typer.Context, name: SkillName, yes: YesOpt = False) -> None:
    """Delete a skill of your own for good. One you logged asks first, names how many uses go
    with it, and deletes them too only with --yes. Built-in skills cannot be deleted.

    Example: moodlog skills delete "Box breathing" --yes
    """
    from moodlog.render.therapy import skill_lines

    with journal(ctx) as opened:
        shown = actions.skill_to_delete(opened, name)
        what = f"skill {shown.skill.name}"
        going = f"its {shown.uses} logged use{'' if shown.uses == 1 else 's'}"
        if shown.uses:
            if not yes and not stdin_is_terminal():
                raise InvalidValue(
                    f"deleting {what} needs --yes when moodlog cannot ask in a terminal; "
                    f"{going} would go with it"
                )
            lines = lambda: skill_lines(shown.skill, shown.uses)  # noqa: E731
            question = f"Delete {what} and {going} for good?"
            if not confirm_delete(what, lines, yes, question):
                return
        deleted = actions.delete_skill(opened, shown.skill.name)
    extra = f" and {going}" if deleted.uses else ""
    typer.echo(f"Deleted {what}{extra}.")
    say_if_old_text_lingers(opened)


skill_use_app = command_group(commands, "skill-use", no_args_is_help=True)


@skill_use_app.callback()
def skill_use_commands() -> None:
    """The skills you logged with your entries (moodlog add --skill): list them, show, change
    or delete one.

    Example: moodlog skill-use list --last 30d
    """


@skill_use_app.command("list")
def skill_use_list(
    ctx: typer.Context,
    last: DailyLastOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    json: JsonOpt = False,
) -> None:
    """List the skill uses you logged, with their ids.

    Example: moodlog skill-use list --last 30d
    """
    from moodlog.render.therapy import print_skill_uses

    one_period(last, since)
    with journal(ctx) as opened:
        listing = actions.list_skill_uses(opened, last, since, until)
    if json:
        from moodlog.render.json_output import print_listing_json

        print_listing_json("skill_uses", listing)
        return
    print_skill_uses(listing)


SkillUseId = Annotated[int, record_id("skill use", "moodlog skill-use list")]


@skill_use_app.command("show")
def skill_use_show(ctx: typer.Context, use_id: SkillUseId, json: JsonOpt = False) -> None:
    """Show every field of one skill use.

    Example: moodlog skill-use show 4
    """
    from moodlog.render.therapy import skill_use_lines

    with journal(ctx) as opened:
        record = actions.show_skill_use(opened, use_id)
    if json:
        from moodlog.render.json_output import print_record_json

        print_record_json("skill_uses", record)
        return
    typer.echo("\n".join(skill_use_lines(record)))


@skill_use_app.command("edit")
def skill_use_edit(
    ctx: typer.Context,
    use_id: SkillUseId,
    skill: Annotated[
        str | None,
        typer.Option(
            "--skill",
            metavar="NAME",
            help="The skill used (see moodlog skills).",
            autocompletion=completion.skills,
        ),
    ] = None,
    code: Annotated[
        str | None,
        typer.Option(
            "--code",
            metavar="0-7|none",
            help="The DBT diary-card code, 0 not thought about or used … 7 didn't try, used "
            "them, helped; none to clear it.",
        ),
    ] = None,
) -> None:
    """Change a skill use's skill or diary-card code; its entry shows the change.

    Example: moodlog skill-use edit 4 --code 5
    """
    from moodlog.render.therapy import skill_use_lines

    changes = actions.SkillUseChanges(skill, code)
    if not changes.any():
        typer.echo(
            f"Nothing changed: give what to change, e.g. moodlog skill-use edit {use_id} --code 5"
        )
        return
    with journal(ctx) as opened:
        edited = actions.edit_skill_use(opened, use_id, changes)
    if not edited.changed:
        typer.echo(f"Nothing changed: skill use {use_id} already says that.")
        return
    typer.echo("\n".join(skill_use_lines(edited.after)))


@skill_use_app.command("delete")
def skill_use_delete(ctx: typer.Context, use_id: SkillUseId, yes: YesOpt = False) -> None:
    """Delete a skill use for good; its entry stays, without it.

    Example: moodlog skill-use delete 4 --yes
    """
    from moodlog.render.therapy import skill_use_lines

    with journal(ctx) as opened:
        shown = lambda: skill_use_lines(actions.show_skill_use(opened, use_id))  # noqa: E731
        if not confirm_delete(f"skill use {use_id}", shown, yes):
            return
        deleted = actions.delete_skill_use(opened, use_id)
    typer.echo(f"Deleted skill use {use_id} ({deleted.skill}, {deleted.day.isoformat()}).")
    say_if_old_text_lingers(opened)


session_app = record_group(commands, "session")


@session_app.callback()
def session_commands() -> None:
    """Therapy sessions you attended: record one, list them, show, change or delete one.

    Record one: moodlog session [KIND] [--date D] [--note TEXT]

    Example: moodlog session individual --date yesterday --note "worked on opposite action"
    """


@session_app.command("log", hidden=True)
def session(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="[KIND]",
            help="What kind of session, e.g. individual, group, 'dbt skills'. [default: therapy]",
        ),
    ] = None,
    date: DateOpt = None,
    note: Annotated[str | None, note_option("A note; '-' reads it from standard input.")] = None,
) -> None:
    """Record a therapy session you attended.

    Example: moodlog session individual --date yesterday --note "worked on opposite action"
    """
    from moodlog.domain.therapy import check_session_note

    text = check_session_note(note_text(note), "--note")
    with journal(ctx) as opened:
        result = actions.log_session(opened, kind, date, text)
    saved = result.session
    extra = " (with a note)" if saved.note else ""
    typer.echo(f"Saved session {saved.id}: {saved.kind}, {saved.day.isoformat()}{extra}.")
    if result.same_day is not None:
        typer.echo(
            f"A {saved.kind} session on {saved.day.isoformat()} was recorded already (session "
            f"{result.same_day.id}); if this one is a slip, moodlog undo takes it back."
        )


@session_app.command("list")
def session_list(
    ctx: typer.Context,
    last: AllLastOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    json: JsonOpt = False,
) -> None:
    """List the sessions you recorded, with their ids.

    Example: moodlog session list --last 3m
    """
    from moodlog.render.therapy import print_sessions

    one_period(last, since)
    with journal(ctx) as opened:
        listing = actions.list_sessions(opened, last, since, until)
    if json:
        from moodlog.render.json_output import print_listing_json

        print_listing_json("sessions", listing)
        return
    print_sessions(listing)


SessionId = Annotated[int, record_id("session", "moodlog session list")]


@session_app.command("show")
def session_show(ctx: typer.Context, session_id: SessionId, json: JsonOpt = False) -> None:
    """Show every field of one session, its whole note included.

    Example: moodlog session show 4
    """
    from moodlog.render.therapy import session_lines

    with journal(ctx) as opened:
        record = actions.show_session(opened, session_id)
    if json:
        from moodlog.render.json_output import print_record_json

        print_record_json("sessions", record)
        return
    typer.echo("\n".join(session_lines(record)))


@session_app.command("edit")
def session_edit(
    ctx: typer.Context,
    session_id: SessionId,
    kind: Annotated[
        str | None, typer.Option("--kind", metavar="KIND", help="The kind of session.")
    ] = None,
    date: Annotated[DaySpec | None, date_option(EDIT_DATE_HELP)] = None,
    note: Annotated[
        str | None, note_option("Replaces the note; '-' reads it from standard input.")
    ] = None,
    clear_note: Annotated[bool, typer.Option("--clear-note", help="Remove the note.")] = False,
) -> None:
    """Change a session's kind, day or note; what you do not give stays.

    Example: moodlog session edit 4 --date 2026-11-20
    """
    from moodlog.render.therapy import session_lines

    changes = actions.SessionChanges(kind, date, note_text(note), clear_note)
    if not changes.any():
        typer.echo(
            f"Nothing changed: give what to change, e.g. moodlog session edit {session_id} "
            "--kind group"
        )
        return
    with journal(ctx) as opened:
        edited = actions.edit_session(opened, session_id, changes)
    if not edited.changed:
        typer.echo(f"Nothing changed: session {session_id} already says that.")
        return
    typer.echo("\n".join(session_lines(edited.after)))
    say_if_old_text_lingers(opened)


@session_app.command("delete")
def session_delete(ctx: typer.Context, session_id: SessionId, yes: YesOpt = False) -> None:
    """Delete a session for good (its note is overwritten in the file, not just unlinked).

    Example: moodlog session delete 4 --yes
    """
    from moodlog.render.therapy import session_lines

    with journal(ctx) as opened:
        shown = lambda: session_lines(actions.show_session(opened, session_id))  # noqa: E731
        if not confirm_delete(f"session {session_id}", shown, yes):
            return
        deleted = actions.delete_session(opened, session_id)
    typer.echo(f"Deleted session {session_id} ({deleted.kind}, {deleted.day.isoformat()}).")
    say_if_old_text_lingers(opened)


def _ask_number(prompt: str, high: int, where: str) -> int:
    """Ask until the answer is a number from 0 to ``high``; 'q' stops without saving."""
    while True:
        text = typer.prompt(prompt, default="", show_default=False).strip()
        if text.lower() in ("q", "quit"):
            raise MoodlogError(f"stopped at {where}; nothing was saved")
        value = small_whole_number(text)
        if value is not None and ANSWER_LOW <= value <= high:
            return value
        typer.echo(f"  Type a number from {ANSWER_LOW} to {high} (or q to stop).", err=True)


def ask_questionnaire(instrument: Instrument) -> tuple[tuple[int, ...], int | None]:
    """Ask each item in turn, in the form's own words; then, when any problem was checked off,
    the form's difficulty question."""
    from moodlog.render.therapy import choices, fit, item_lines, questionnaire_intro

    typer.echo(fit("\n".join(questionnaire_intro(instrument))))
    answers: list[int] = []
    for number in range(1, len(instrument.items) + 1):
        typer.echo("")
        typer.echo(fit(item_lines(instrument, number), hanging="     "))
        answers.append(
            _ask_number(f"  answer {ANSWER_LOW}-{ANSWER_HIGH}", ANSWER_HIGH, f"item {number}")
        )
    difficulty = None
    if any(answers):
        typer.echo("")
        typer.echo(fit(instrument.difficulty_question))
        typer.echo(choices(DIFFICULTY_LABELS))
        difficulty = _ask_number(
            f"  answer {ANSWER_LOW}-{len(DIFFICULTY_LABELS) - 1}",
            len(DIFFICULTY_LABELS) - 1,
            "the difficulty question",
        )
    typer.echo("")
    typer.echo(fit(ATTRIBUTION))
    typer.echo("")
    return tuple(answers), difficulty


def cannot_ask(instrument: Instrument) -> tuple[tuple[int, ...], int | None]:
    """Without a terminal the answers cannot be asked: say how to type them."""
    example = ",".join("0" for _ in instrument.items)
    raise InvalidValue(
        f"check {instrument.key} needs --answers when moodlog cannot ask in a terminal, "
        f"e.g. --answers {example}"
    )


check_app = record_group(commands, "check")


@check_app.callback()
def check_commands() -> None:
    """PHQ-9 and GAD-7 questionnaires: answer one, list them, show, move or delete one.

    Answer one: moodlog check phq9|gad7 [--answers A,B,…] [--date D]

    Example: moodlog check phq9 --answers 1,1,2,1,0,1,0,0,0
    """


@check_app.command("log", hidden=True)
def check(
    ctx: typer.Context,
    instrument: Annotated[
        Instrument,
        typer.Argument(
            metavar="phq9|gad7",
            click_type=TypedValue("phq9|gad7", lambda text, _: find_instrument(text)),
            help="phq9 (depression) or gad7 (anxiety).",
        ),
    ],
    answers: Annotated[
        Answers | None,
        typer.Option(
            "--answers",
            metavar="A,B,…",
            click_type=TypedValue("answers", read_answers),
            help="Every item's answer in order, each 0 Not at all, 1 Several days, 2 More than "
            "half the days, 3 Nearly every day (9 for phq9, 7 for gad7). Without it, moodlog "
            "asks each item in a terminal.",
        ),
    ] = None,
    difficulty: Annotated[
        Difficulty | None,
        typer.Option(
            "--difficulty",
            metavar="N",
            click_type=TypedValue("difficulty", read_difficulty),
            help="With --answers: how difficult the problems made things, 0 Not "
            "difficult at all … 3 Extremely difficult.",
        ),
    ] = None,
    date: Annotated[
        DaySpec | None,
        date_option(
            "The day answered about: YYYY-MM-DD, today, yesterday, '3 days ago', a weekday. "
            "[default: today]"
        ),
    ] = None,
) -> None:
    """Answer the PHQ-9 (depression) or GAD-7 (anxiety) questionnaire in its official words,
    one item at a time; moodlog stores every answer, the total and its band. A screening
    score, not a diagnosis.

    Example: moodlog check phq9 --answers 1,1,2,1,0,1,0,0,0
    """
    from moodlog.domain.safety import crisis_message
    from moodlog.render.therapy import fit, overlap_note, questionnaire_result

    if difficulty is not None and answers is None:
        raise InvalidValue(
            f"--difficulty {difficulty.text!r} goes with --answers; without them moodlog asks "
            "the difficulty question itself"
        )
    ask = ask_questionnaire if stdin_is_terminal() else cannot_ask
    with journal(ctx) as opened:
        result = actions.take_questionnaire(opened, instrument, answers, difficulty, date, ask)
    typer.echo(fit("\n".join(questionnaire_result(result.questionnaire))))
    print_signs_shown(result.signs)
    if result.alert is not None:
        typer.echo("")
        typer.echo(fit(crisis_message(result.alert, "Your answers are saved.")))
    if result.overlapping is not None:
        typer.echo("")
        typer.echo(fit(overlap_note(result.questionnaire, result.overlapping)))


@check_app.command("list")
def check_list(
    ctx: typer.Context,
    last: AllLastOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    json: JsonOpt = False,
) -> None:
    """List the questionnaires you answered, with their ids.

    Example: moodlog check list --last 3m
    """
    from moodlog.render.therapy import print_questionnaires

    one_period(last, since)
    with journal(ctx) as opened:
        listing = actions.list_questionnaires(opened, last, since, until)
    if json:
        from moodlog.render.json_output import print_listing_json

        print_listing_json("questionnaires", listing)
        return
    print_questionnaires(listing)


QuestionnaireId = Annotated[int, record_id("questionnaire", "moodlog check list")]


@check_app.command("show")
def check_show(
    ctx: typer.Context, questionnaire_id: QuestionnaireId, json: JsonOpt = False
) -> None:
    """Show one questionnaire: every answer, the total and band, and any safety flag.

    Example: moodlog check show 2
    """
    from moodlog.render.therapy import questionnaire_lines

    with journal(ctx) as opened:
        shown = actions.show_questionnaire(opened, questionnaire_id)
    if json:
        from moodlog.render.json_output import print_record_json, records_json

        flags = records_json("safety_flags", shown.flags)
        print_record_json("questionnaires", shown.questionnaire, safety_flags=flags)
        return
    typer.echo("\n".join(questionnaire_lines(shown.questionnaire, shown.flags)))


@check_app.command("edit")
def check_edit(
    ctx: typer.Context,
    questionnaire_id: QuestionnaireId,
    date: Annotated[DaySpec | None, date_option(EDIT_DATE_HELP)] = None,
) -> None:
    """Move a questionnaire to the day it was about. Answers are not edited: delete it and
    answer again.

    Example: moodlog check edit 2 --date 2026-11-20
    """
    from moodlog.render.therapy import questionnaire_lines

    if date is None:
        typer.echo(
            f"Nothing changed: give what to change, e.g. moodlog check edit {questionnaire_id} "
            "--date yesterday (answers are re-taken, not edited)"
        )
        return
    with journal(ctx) as opened:
        edited = actions.move_questionnaire(opened, questionnaire_id, date)
        flags = actions.show_questionnaire(opened, questionnaire_id).flags
    if not edited.changed:
        typer.echo(f"Nothing changed: questionnaire {questionnaire_id} already says that.")
        return
    typer.echo("\n".join(questionnaire_lines(edited.after, flags)))


@check_app.command("delete")
def check_delete(
    ctx: typer.Context, questionnaire_id: QuestionnaireId, yes: YesOpt = False
) -> None:
    """Delete a questionnaire for good, with the safety flags it raised.

    Example: moodlog check delete 2 --yes
    """
    from moodlog.render.therapy import questionnaire_lines

    with journal(ctx) as opened:
        shown = actions.show_questionnaire(opened, questionnaire_id)
        lines = lambda: questionnaire_lines(shown.questionnaire, shown.flags)  # noqa: E731
        if not confirm_delete(f"questionnaire {questionnaire_id}", lines, yes):
            return
        deleted = actions.delete_questionnaire(opened, questionnaire_id)
    flagged = len(deleted.flags)
    extra = (
        f"; its {flagged} safety flag{'' if flagged == 1 else 's'} went with it" if flagged else ""
    )
    done = deleted.questionnaire
    typer.echo(
        f"Deleted questionnaire {questionnaire_id} ({done.title}, {done.day.isoformat()}){extra}."
    )
    say_if_old_text_lingers(opened)

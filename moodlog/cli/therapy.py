"""`moodlog skills`, `skills add`, `session`, `check`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from moodlog.actions import therapy as actions
from moodlog.cli.app import command_group, journal, note_text
from moodlog.cli.options import DateOpt, date_option, note_option
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
) -> None:
    """The therapy skills you can log, by module, each with a line on what it is; add your own.

    Example: moodlog skills --category dbt
    """
    if ctx.invoked_subcommand is not None:
        return
    from moodlog.render.therapy import print_skills

    with journal(ctx) as opened:
        listed = actions.list_skills(opened, category)
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


@commands.command()
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
        saved = actions.log_session(opened, kind, date, text)
    extra = " (with a note)" if saved.note else ""
    typer.echo(f"Saved {saved.kind} session for {saved.day.isoformat()}{extra}.")


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


@commands.command()
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
            "The day answered about: YYYY-MM-DD, today, yesterday or a weekday. [default: today]"
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
    if result.alert is not None:
        typer.echo("")
        typer.echo(fit(crisis_message(result.alert, "Your answers are saved.")))
    if result.overlapping is not None:
        typer.echo("")
        typer.echo(fit(overlap_note(result.questionnaire, result.overlapping)))

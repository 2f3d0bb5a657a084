"""The day's check-in: `moodlog add` with no values in a terminal asks, in turn, for the core
values, the person's own scales, tags, skills with their diary-card code, each dose due today
and not logged yet, then the note (docs/daily-use.md). Enter skips a question. Nothing is
saved until the last answer; Ctrl-C leaves with nothing saved."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from functools import partial
from typing import TypeVar

import click
import typer

from moodlog.actions.check_in import CheckInOffer
from moodlog.actions.entries import DoseAnswer, EntryValues
from moodlog.domain.doses import MISSED, SKIPPED, TAKEN, ScheduledDose
from moodlog.domain.entries import (
    CORE_MEASURES,
    TypedSkillUse,
    check_measure,
    check_tag,
    check_typed_note,
)
from moodlog.domain.scales import Scale, TypedSymptom, check_symptom
from moodlog.domain.therapy import (
    CODE_GROUPS,
    DIARY_CARD_SCORES,
    Skill,
    check_skill_use,
    find_skill,
)
from moodlog.errors import InvalidValue

Answer = TypeVar("Answer")

# Each answer to a due dose, by its word and its first letter; "later" leaves it unlogged.
LATER = "later"
_DOSE_ANSWERS = {word: word for word in (TAKEN, MISSED, SKIPPED, LATER)} | {
    word[0]: word for word in (TAKEN, MISSED, SKIPPED, LATER)
}


def _typed(question: str) -> str:
    """One answer, stripped; Enter gives ''. Ctrl-C (or the end of input) stops the check-in."""
    try:
        return str(typer.prompt(question, default="", show_default=False)).strip()
    except click.exceptions.Abort:
        typer.echo("", err=True)  # the line with ^C ends before the message
        raise KeyboardInterrupt from None


def _until_valid(question: str, read: Callable[[str], Answer]) -> Answer | None:
    """Ask until the answer reads; Enter skips (None). A refused answer says why."""
    while True:
        text = _typed(question)
        if not text:
            return None
        try:
            return read(text)
        except InvalidValue as error:
            typer.echo(f"  {error}", err=True)


def _scale_value(scale: Scale, text: str) -> TypedSymptom:
    """The value typed for one of the person's scales, checked against its range now."""
    typed = TypedSymptom(scale.name, text)
    check_symptom([scale], typed)
    return typed


def _ask_tags(recent: list[str]) -> list[str]:
    """Tags separated by commas; a number picks one of the recent tags offered."""
    offered = " · ".join(f"{number} {tag}" for number, tag in enumerate(recent, 1))
    question = "tags, separated by commas" + (f" (recent: {offered})" if recent else "")

    def read(text: str) -> list[str]:
        tags: list[str] = []
        for piece in (piece.strip() for piece in text.split(",")):
            if piece.isdecimal():  # a number picks a recent tag; one beyond them is a slip
                if not 1 <= int(piece) <= len(recent):
                    numbers = f"numbered 1 to {len(recent)}" if recent else "none offered"
                    raise InvalidValue(f"{piece!r}: the recent tags are {numbers}; or type a tag")
                tags.append(recent[int(piece) - 1])
            elif piece:
                tags.append(check_tag(piece))
        return tags  # spelled as the journal spells them, once each, when the entry is saved

    return _until_valid(question, read) or []


def diary_card_codes() -> str:
    """The diary-card codes by their groups, in words, each group on its own line."""
    lines = []
    for group, codes in CODE_GROUPS:
        words = " · ".join(f"{code} {DIARY_CARD_SCORES[code]}" for code in codes)
        lines.append(
            textwrap.fill(
                f"{group}: {words}", 78, initial_indent="    ", subsequent_indent="      "
            )
        )
    return "\n".join(lines)


def _ask_skills(catalogue: list[Skill]) -> list[TypedSkillUse]:
    """Skills used, one at a time, each with its diary-card code; Enter at a name ends."""
    uses: list[TypedSkillUse] = []
    shown_codes = False
    while True:
        skill = _until_valid(
            "skill used" + (" (Enter when done)" if uses else ""),
            lambda text: find_skill(catalogue, text),
        )
        if skill is None:
            return uses
        if not shown_codes:
            typer.echo("  diary-card code, by group (Enter for none):")
            typer.echo(diary_card_codes())
            shown_codes = True

        def read_code(text: str, skill: Skill = skill) -> TypedSkillUse:
            typed = TypedSkillUse(f"{skill.name}={text}", "skill", skill.name, text)
            check_skill_use(catalogue, typed)
            return typed

        code = _until_valid(f"  {skill.name}: code 0-7", read_code)
        uses.append(code or TypedSkillUse(skill.name, "skill", skill.name, None))


def _ask_dose(scheduled: ScheduledDose) -> DoseAnswer | None:
    dose = f" {scheduled.dose}" if scheduled.dose is not None else ""

    def read(text: str) -> str:
        word = _DOSE_ANSWERS.get(text.casefold())
        if word is None:
            raise InvalidValue(f"{text!r}: answer taken, missed, skipped or later (t, m, s, l)")
        return word

    status = _until_valid(
        f"{scheduled.label}{dose}: taken, missed, skipped or later? [t/m/s/l]", read
    )
    if status is None or status == LATER:
        return None
    return DoseAnswer(scheduled.medicine, scheduled.slot, status)


def ask_check_in(offer: CheckInOffer, share: bool) -> EntryValues:
    """Every question of the check-in, in turn; the answers not yet saved."""
    about = "today" if offer.day == offer.today else offer.day.strftime("%a %Y-%m-%d")
    typer.echo(
        f"New entry for {about}. Press Enter to skip a question; Ctrl-C leaves, saving nothing."
    )
    values = EntryValues()
    for measure in CORE_MEASURES:
        score = _until_valid(
            f"{measure.name} ({measure.low:g}-{measure.high:g}: {measure.anchors})",
            partial(check_measure, measure),
        )
        setattr(values, measure.name.replace(" ", "_"), score)
    for scale in offer.scales:
        if scale.description:
            typer.echo(
                textwrap.fill(scale.description, 78, initial_indent="  ", subsequent_indent="  ")
            )
        question = f"{scale.name} ({scale.low:g}-{scale.high:g})"
        symptom = _until_valid(question, partial(_scale_value, scale))
        if symptom is not None:
            values.symptoms.append(symptom)
    values.tags = _ask_tags(offer.recent_tags)
    values.skills = _ask_skills(offer.skills)
    for scheduled in offer.doses_due:
        answer = _ask_dose(scheduled)
        if answer is not None:
            values.dose_answers.append(answer)
    values.note = _until_valid("note", check_typed_note) or None
    if share:
        values.share = True
    elif values.note:
        values.share = _typed("share this note on your report? [y/N]").casefold() in ("y", "yes")
    return values

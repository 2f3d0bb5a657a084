"""Terminal output for therapy: the skills catalogue, skill uses, questionnaire results."""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Iterable

from moodlog.domain.listing import Listing
from moodlog.domain.questionnaires import (
    ANSWER_LABELS,
    DIFFICULTY_LABELS,
    INSTRUMENTS,
    SCREENING_NOTE,
    WINDOW_DAYS,
    Instrument,
    Questionnaire,
)
from moodlog.domain.safety import SafetyFlag
from moodlog.domain.therapy import DIARY_CARD_SCORES, Session, Skill, SkillUse
from moodlog.render.terminal import console, listing_title, plain_table, print_listing


def print_skills(skills: list[Skill]) -> None:
    """The catalogue as one table, a heading for each module, in the order given."""
    from rich.table import Table
    from rich.text import Text

    out = console()
    if not skills:
        out.print(
            "None of your own skills yet. Add one with: moodlog skills add NAME --category own",
            markup=False,
        )
        return
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column("skill", no_wrap=True)
    table.add_column("what it is")
    group = None
    for skill in skills:
        if skill.group != group:
            if group is not None:
                table.add_row("", "")
            group = skill.group
            table.add_row(Text(group, style="bold"), "")
        name = skill.name if skill.built_in else f"{skill.name} (yours)"
        table.add_row(f"  {name}", skill.description)
    out.print(table, markup=False)
    out.print(
        "\nLog one with: moodlog add --skill 'opposite action=6'. Scores (DBT diary card): "
        f"0 {DIARY_CARD_SCORES[0]} … 7 {DIARY_CARD_SCORES[-1]}.",
        markup=False,
    )


def skill_uses_text(uses: Iterable[SkillUse]) -> str:
    """``Opposite action 7, DEAR MAN``: each skill with its score, if it has one."""
    return ", ".join(use.skill if use.score is None else f"{use.skill} {use.score}" for use in uses)


def fit(text: str, hanging: str | None = None) -> str:
    """Text for people: in a terminal, each line wrapped at word boundaries to its width (keeping
    the line's indent, or ``hanging`` after its first line); piped, whole lines, so scripts see
    the exact wording."""
    if not sys.stdout.isatty():
        return text
    width = max(40, min(shutil.get_terminal_size().columns, 100) - 1)
    lines = []
    for line in text.splitlines():
        indent = line[: len(line) - len(line.lstrip())]
        follow = indent if hanging is None else hanging
        lines.append(
            textwrap.fill(line.strip(), width, initial_indent=indent, subsequent_indent=follow)
        )
    return "\n".join(lines)


def questionnaire_intro(instrument: Instrument) -> list[str]:
    """What is shown before the first item: the title and the stem."""
    return [instrument.title, instrument.stem]


def choices(labels: Iterable[str]) -> str:
    """The answers as they are offered under each question, numbered from 0."""
    return "\n".join(f"  {value} {label}" for value, label in enumerate(labels))


def item_lines(instrument: Instrument, number: int) -> str:
    """One item, numbered, with the answers to choose from, as it is asked."""
    answers = "  ".join(f"{value} {label}" for value, label in enumerate(ANSWER_LABELS))
    return f"{number}/{len(instrument.items)}  {instrument.items[number - 1]}\n  {answers}"


def questionnaire_result(questionnaire: Questionnaire) -> list[str]:
    """The saved result: total, band, and what the score does and does not mean."""
    instrument = INSTRUMENTS[questionnaire.instrument]
    band = next(band for band in instrument.bands if band.name == questionnaire.band)
    lines = [
        f"Saved {instrument.title} for {questionnaire.day.isoformat()} (id {questionnaire.id}).",
        f"Total {questionnaire.total} of {instrument.highest}: {band}.",
        SCREENING_NOTE,
    ]
    if questionnaire.difficulty is not None:
        lines.append(f"Difficulty: {DIFFICULTY_LABELS[questionnaire.difficulty]}.")
    return lines


def overlap_note(questionnaire: Questionnaire, other: Questionnaire) -> str:
    """Why two answers less than two weeks apart are both kept, and what that means."""
    gap = (questionnaire.day - other.day).days
    when = (
        "the same day"
        if gap == 0
        else f"{abs(gap)} day{'s' if abs(gap) != 1 else ''} {'before' if gap > 0 else 'after'}"
    )
    return (
        f"Note: you also answered the {questionnaire.title} on {other.day.isoformat()} "
        f"({when}; total {other.total}, {other.band}). Its questions cover the last "
        f"{WINDOW_DAYS // 7} weeks, so the two answers overlap; both are kept. Answers about "
        f"{WINDOW_DAYS // 7} weeks apart compare best."
    )


def session_lines(session: Session) -> list[str]:
    """Every field of one session, as `moodlog session show` prints it."""
    lines = [
        f"session {session.id}",
        f"  day       {session.day.strftime('%Y-%m-%d %a')}",
        f"  kind      {session.kind}",
        f"  recorded  {session.recorded_at.isoformat(timespec='minutes')}",
    ]
    if session.note:
        lines.append("  note")
        lines += [f"    {line}" for line in session.note.splitlines()]
    return lines


def print_sessions(listing: Listing[Session]) -> None:
    table = plain_table("id", "day", "kind", "note", wrapping="note", right=["id"])
    for session in listing.records:
        note = " ".join((session.note or "").split())
        table.add_row(
            str(session.id),
            session.day.strftime("%Y-%m-%d %a"),
            session.kind,
            note if len(note) <= 40 else note[:39] + "…",
        )
    print_listing(
        listing_title("sessions", listing.period, len(listing.records)),
        table,
        len(listing.records),
        "No sessions recorded. Record one with: moodlog session individual",
    )


def skill_lines(skill: Skill, uses: int) -> list[str]:
    """Every field of one skill of the catalogue, as `moodlog skills show` prints it."""
    lines = [
        f"skill {skill.name}",
        f"  listed under  {skill.group}",
        f"  kind          {'built in' if skill.built_in else 'yours'}",
        f"  logged        {uses} time{'' if uses == 1 else 's'}",
    ]
    if skill.description:
        lines.append(f"  description   {skill.description}")
    return lines


def code_text(score: int | None) -> str:
    """A skill use's diary-card code as `skill-use` shows it: ``6 didn't try, used them, …``."""
    return "none" if score is None else f"{score} {DIARY_CARD_SCORES[score]}"


def skill_use_lines(use: SkillUse) -> list[str]:
    """Every field of one skill use, as `moodlog skill-use show` prints it."""
    return [
        f"skill use {use.id}",
        f"  day       {use.day.strftime('%Y-%m-%d %a')}",
        f"  skill     {use.skill}",
        f"  code      {code_text(use.score)}",
        f"  entry     {use.entry_id if use.entry_id is not None else 'none'}",
        f"  recorded  {use.recorded_at.isoformat(timespec='minutes')}",
    ]


def print_skill_uses(listing: Listing[SkillUse]) -> None:
    table = plain_table(
        "id", "day", "skill", "code", "entry", wrapping="skill", right=["id", "code", "entry"]
    )
    for use in listing.records:
        table.add_row(
            str(use.id),
            use.day.strftime("%Y-%m-%d %a"),
            use.skill,
            "" if use.score is None else str(use.score),
            "" if use.entry_id is None else str(use.entry_id),
        )
    print_listing(
        listing_title("skill uses", listing.period, len(listing.records)),
        table,
        len(listing.records),
        "No skill uses logged. Log one with: moodlog add --skill 'opposite action=6'",
    )


def questionnaire_lines(questionnaire: Questionnaire, flags: Iterable[SafetyFlag]) -> list[str]:
    """Every field of one questionnaire, as `moodlog check show` prints it: each item's
    answer, the total and band, and the safety flags it raised."""
    instrument = INSTRUMENTS[questionnaire.instrument]
    band = next(band for band in instrument.bands if band.name == questionnaire.band)
    lines = [
        f"questionnaire {questionnaire.id}",
        f"  form      {instrument.title}",
        f"  day       {questionnaire.day.strftime('%Y-%m-%d %a')}",
        f"  total     {questionnaire.total} of {instrument.highest}: {band}",
        f"  recorded  {questionnaire.recorded_at.isoformat(timespec='minutes')}",
        "  answers",
    ]
    for number, answer in enumerate(questionnaire.answers, start=1):
        lines.append(f"    {number}. {answer} {ANSWER_LABELS[answer]}")
    if questionnaire.difficulty is not None:
        lines.append(f"  difficulty  {DIFFICULTY_LABELS[questionnaire.difficulty]}")
    for flag in flags:
        lines.append(f"  safety flag  {flag.detail}")
    return lines


def print_questionnaires(listing: Listing[Questionnaire]) -> None:
    table = plain_table(
        "id", "day", "form", "total", "band", wrapping="band", right=["id", "total"]
    )
    for questionnaire in listing.records:
        table.add_row(
            str(questionnaire.id),
            questionnaire.day.strftime("%Y-%m-%d %a"),
            questionnaire.title,
            str(questionnaire.total),
            questionnaire.band,
        )
    print_listing(
        listing_title("questionnaires", listing.period, len(listing.records)),
        table,
        len(listing.records),
        "No questionnaires answered. Answer one with: moodlog check phq9",
    )

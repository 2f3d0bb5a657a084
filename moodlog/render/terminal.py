"""Terminal output: Rich tables that fit 80 columns, plain text (no colour codes) when piped,
and no line ending in a space (a table pads its cells to the width of the widest)."""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import IO, TYPE_CHECKING, cast

from moodlog.domain.appointments import Appointment, Question
from moodlog.domain.days import Period
from moodlog.domain.entries import Entry
from moodlog.domain.listing import Listing
from moodlog.domain.scales import Scale

if TYPE_CHECKING:
    from rich.console import Console, JustifyMethod
    from rich.table import Table

    from moodlog.domain.safety import SafetyFlag
    from moodlog.domain.therapy import SkillUse


class _WithoutTrailingSpaces:
    """Standard output as Rich writes to it, each line without the spaces that pad it out to
    the table's width: they would end every piped line (`moodlog list | grep 'x$'`)."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._pending = ""

    def write(self, text: str) -> int:
        *lines, self._pending = (self._pending + text).split("\n")
        for line in lines:
            self._out.write(line.rstrip(" ") + "\n")
        return len(text)

    def flush(self) -> None:
        # Rich ends what it prints with a line break; a line without one is left whole.
        if self._pending:
            self._out.write(self._pending)
            self._pending = ""
        self._out.flush()

    def isatty(self) -> bool:
        return self._out.isatty()

    @property
    def encoding(self) -> str:
        return getattr(self._out, "encoding", None) or "utf-8"

    def fileno(self) -> int:
        return self._out.fileno()


@functools.cache
def _console_class() -> type[Console]:
    from rich.console import Console

    class QuietConsole(Console):
        """Rich's console, but a reader gone away is the error boundary's to handle (it exits 0
        quietly), not Rich's (which exits 1)."""

        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    return QuietConsole


def console() -> Console:
    out = cast(IO[str], _WithoutTrailingSpaces(sys.stdout))
    return _console_class()(file=out, highlight=False, soft_wrap=False)


def plain_table(*headers: str, wrapping: str, right: Sequence[str] = ()) -> Table:
    """A table without borders whose columns each keep to one line, but ``wrapping``'s; the
    ``right`` columns are set flush right."""
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for header in headers:
        justify: JustifyMethod = "right" if header in right else "left"
        table.add_column(header, justify=justify, no_wrap=header != wrapping)
    return table


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _short(text: str | None, width: int) -> str:
    if not text:
        return ""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def print_entries(period: Period, entries: list[Entry], searched: str | None = None) -> None:
    """The entries as a table under a title naming the period; ``searched`` (e.g. "matching
    'walk'") names the search that found them, and a search that found none is one line."""
    from rich.table import Table

    out = console()
    if searched and not entries:
        out.print(f"No entries {searched} from {period}.", markup=False, highlight=False)
        return
    logged_days = len({entry.day for entry in entries})
    found = len(entries)
    title = f"{period}: {logged_days} of {period.days} days logged"
    if searched:
        title = f"{period}: {found} {'entry' if found == 1 else 'entries'} {searched}"
    table = Table(
        title=title,
        title_justify="left",
        box=None,
        pad_edge=False,
    )
    for header, justify in (
        ("id", "right"),
        ("day", "left"),
        ("time", "left"),
        ("mood", "right"),
        ("anx", "right"),
        ("irr", "right"),
        ("enrg", "right"),
        ("sleep", "right"),
        ("tags · note", "left"),
    ):
        table.add_column(header, justify=justify, no_wrap=header != "tags · note")  # type: ignore[arg-type]
    for entry in entries:
        sleep = _number(entry.sleep_hours)
        if entry.sleep_quality is not None:
            sleep += f" q{entry.sleep_quality:g}"
        extra = ", ".join(entry.tags)
        if entry.note:
            marker = "shared" if entry.note_shared else "private"
            extra = (extra + " · " if extra else "") + f"[{marker}] {_short(entry.note, 30)}"
        table.add_row(
            str(entry.id),
            entry.day.isoformat() + ("*" if entry.backfilled else ""),
            entry.time.strftime("%H:%M"),
            _number(entry.mood),
            _number(entry.anxiety),
            _number(entry.irritability),
            _number(entry.energy),
            sleep.strip(),
            extra,
            style=None,
        )
    out.print(table, markup=False)
    if any(entry.backfilled for entry in entries):
        out.print("* back-filled: recorded on a later day", markup=False)
    if not entries:
        out.print("No entries in this period. Add one with: moodlog add --mood 6", markup=False)


def entry_lines(
    entry: Entry,
    skill_uses: Sequence[SkillUse] = (),
    safety_flags: Sequence[SafetyFlag] = (),
) -> list[str]:
    """Every field of one entry, one per line, as `moodlog show` prints them."""
    lines = [
        f"entry {entry.id}",
        f"day           {entry.day.isoformat()} at {entry.time.strftime('%H:%M')}",
        f"recorded      {entry.recorded_at.isoformat(timespec='seconds')}"
        + (" (back-filled)" if entry.backfilled else ""),
    ]
    for label, value in (
        ("mood", entry.mood),
        ("anxiety", entry.anxiety),
        ("irritability", entry.irritability),
        ("energy", entry.energy),
        ("sleep hours", entry.sleep_hours),
        ("sleep quality", entry.sleep_quality),
    ):
        if value is not None:
            lines.append(f"{label:<14}{value:g}")
    for name, value in entry.symptoms.items():
        lines.append(f"{'symptom':<14}{name} {value:g}")
    if entry.tags:
        lines.append(f"{'tags':<14}{', '.join(entry.tags)}")
    for name, level in entry.urges.items():
        acted = " (acted on)" if name in entry.acted else ""
        lines.append(f"{'urge':<14}{name} {level}{acted}")
    for name in entry.acted:
        if name not in entry.urges:
            lines.append(f"{'urge':<14}{name} (acted on)")
    for use in skill_uses:
        score = "" if use.score is None else f" {use.score}"
        lines.append(f"{'skill':<14}{use.skill}{score}")
    for flag in safety_flags:
        lines.append(f"{'safety flag':<14}{flag.detail} (on your next report)")
    if entry.note:
        lines.append("note          " + ("shared on reports" if entry.note_shared else "private"))
        lines.extend("  " + line for line in entry.note.splitlines())
    return lines


def print_scales(scales: list[Scale]) -> None:

    out = console()
    if not scales:
        out.print(
            "No symptom scales yet. Add your own with 'moodlog scales add NAME --min 0 --max 10',\n"
            "or a condition's with 'moodlog init --preset depression' (see moodlog init --help).",
            markup=False,
        )
        return
    table = plain_table("scale", "range", "from", "meaning", wrapping="meaning")
    for scale in scales:
        table.add_row(
            scale.name, f"{scale.low:g}-{scale.high:g}", scale.preset or "yours", scale.description
        )
    out.print(table, markup=False)


def scale_lines(scale: Scale, ratings: dict[int, float]) -> list[str]:
    """Every field of one scale and the entries rating it, as `moodlog scales show` prints it."""
    from moodlog.domain.entries import number_text

    rated = f"{len(ratings)} entr{'y' if len(ratings) == 1 else 'ies'}"
    if ratings:
        low, high = min(ratings.values()), max(ratings.values())
        rated += f", from {number_text(low)} to {number_text(high)}"
    lines = [
        f"scale {scale.name}",
        f"  range     {scale.low:g}-{scale.high:g}",
        f"  from      {f'the {scale.preset} preset' if scale.preset else 'yours'}",
        f"  rated in  {rated}",
    ]
    if scale.description:
        lines.append(f"  meaning   {scale.description}")
    return lines


def print_appointments(
    appointments: list[Appointment],
    today: date,
    last: Appointment | None,
    upcoming: Appointment | None,
    period: Period | None = None,
) -> None:
    table = plain_table("id", "day", "with", "", wrapping="with", right=["id"])
    for appointment in appointments:
        if appointment is last:
            when = "last: reports start here"
        elif appointment is upcoming:
            when = "next" + (" (today)" if appointment.day == today else "")
        else:
            when = "upcoming" if appointment.day >= today else ""
        table.add_row(
            str(appointment.id),
            appointment.day.strftime("%Y-%m-%d %a"),
            appointment.with_whom or "",
            when,
        )
    print_listing(
        listing_title("appointments", period, len(appointments)),
        table,
        len(appointments),
        'No appointments yet. Add one with: moodlog appointment add 2025-03-14 --with "Dr Rao"',
    )


def appointment_lines(appointment: Appointment) -> list[str]:
    """Every field of one appointment, as `moodlog appointment show` prints it."""
    return [
        f"appointment {appointment.id}",
        f"  day       {appointment.day.strftime('%Y-%m-%d %a')}",
        f"  with      {appointment.with_whom or ''}".rstrip(),
        f"  recorded  {appointment.recorded_at.isoformat(timespec='minutes')}",
    ]


def question_lines(question: Question) -> list[str]:
    """Every field of one question, as `moodlog ask show` prints it."""
    done = question.done_on.isoformat() if question.done_on else "not yet: on every report"
    return [
        f"question {question.id}",
        f"  asked     {question.asked_on.strftime('%Y-%m-%d %a')}",
        f"  done      {done}",
        f"  recorded  {question.recorded_at.isoformat(timespec='minutes')}",
        "  question",
        f"    {question.text}",
    ]


def print_question_listing(listing: Listing[Question]) -> None:
    """`moodlog ask list`: every question of the period, the ones marked done too."""
    table = plain_table("id", "asked", "done", "question", wrapping="question", right=["id"])
    for question in listing.records:
        done = question.done_on.isoformat() if question.done_on else ""
        table.add_row(str(question.id), question.asked_on.isoformat(), done, question.text)
    print_listing(
        listing_title("questions", listing.period, len(listing.records)),
        table,
        len(listing.records),
        'No questions yet. Add one with: moodlog ask "Is this dose right for me?"',
    )


def print_questions(questions: list[Question]) -> None:

    out = console()
    if not questions:
        out.print(
            'No open questions. Add one with: moodlog ask "Is this dose right for me?"',
            markup=False,
        )
        return
    table = plain_table("id", "asked", "question", wrapping="question", right=["id"])
    for question in questions:
        table.add_row(str(question.id), question.asked_on.isoformat(), question.text)
    out.print(table, markup=False)
    out.print("Mark one done after the appointment: moodlog ask --done ID", markup=False)


def listing_title(kind: str, period: Period | None, count: int) -> str:
    """The first line of a `moodlog KIND list`: what it covers and how many it found."""
    covered = f"{kind.capitalize()}, {period}" if period is not None else f"All {kind}"
    return f"{covered}: {count}"


def print_listing(
    title: str, table: Table, count: int, empty: str, after: Sequence[str] = ()
) -> None:
    """A listing of records under its title, or the line saying there are none and how to
    make one. Lines of text are never broken, so a command in them can be copied whole."""
    out = console()
    out.print(title, markup=False, soft_wrap=True)
    if not count:
        out.print(empty, markup=False, soft_wrap=True)
        return
    out.print(table, markup=False)
    for line in after:
        out.print(line, markup=False, soft_wrap=True)

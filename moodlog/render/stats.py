"""`moodlog stats` in the terminal: the report's figures as Rich tables and lines that fit 80
columns, plain text (no colour codes) when piped. Rich is imported inside the functions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from moodlog.analysis.report import (
    CHANGE_WINDOW_DAYS,
    AdherenceFigure,
    ChangeComparison,
    CountFigure,
    GroupComparison,
    MeanFigure,
    QuestionnaireFigure,
)
from moodlog.analysis.stats import SLEEP_HOURS_TOP, Stats
from moodlog.domain.questionnaires import first_to_latest_text, score_text
from moodlog.domain.report import adherence_text
from moodlog.domain.safety import count_text
from moodlog.domain.therapy import skills_not_used_text, skills_used_text
from moodlog.render.comparisons import (
    NOT_PROOF,
    PATTERNS_NOT_PROOF,
    comparison_lines,
    mean_text,
    polarity_rows,
    side_text,
)
from moodlog.render.medications import ADHERENCE_MEANS
from moodlog.render.terminal import console

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

BLOCKS = "▁▂▃▄▅▆▇█"
NOT_LOGGED = "·"
LABEL_WIDTH = 14
MAX_SKILLS = 10
UNIT_WORDS = {
    "day": ("Day by day", ""),
    "week": ("Week by week", "Each mark is a week's mean (Monday to Sunday)."),
    "month": ("Month by month", "Each mark is a month's mean."),
    "quarter": ("Quarter by quarter", "Each mark is a quarter's mean."),
    "year": ("Year by year", "Each mark is a year's mean."),
}


def sparkline(points: Sequence[float | None], low: float, high: float) -> str:
    """One block per point, ``▁`` at ``low`` to ``█`` at ``high`` (values beyond are clipped),
    ``·`` where nothing was logged. The scale is the measure's own, not the values' spread, so
    a flat line is a steady measure."""
    marks = []
    for value in points:
        if value is None:
            marks.append(NOT_LOGGED)
            continue
        share = 0.5 if high <= low else (min(max(value, low), high) - low) / (high - low)
        marks.append(BLOCKS[min(len(BLOCKS) - 1, int(share * len(BLOCKS)))])
    return "".join(marks)


def _days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")


def _signed(number: float | None) -> str:
    """``+0.7``, ``-1.2``; ``0.0`` for a change that rounds to nothing."""
    if number is None:
        return "—"
    return "0.0" if round(number, 1) == 0 else f"{number:+.1f}"


def _table() -> Table:
    from rich.table import Table

    return Table(box=None, pad_edge=False, header_style="bold")


def _heading(out: Console, text: str) -> None:
    out.print()
    out.print(text, style="bold", markup=False, highlight=False)


def _line(out: Console, text: str) -> None:
    out.print(text, markup=False, highlight=False)


def print_stats(stats: Stats) -> None:
    out = console()
    period, logging = stats.period, stats.logging
    _line(out, f"moodlog stats, {period} ({_days(period.days)})")
    logged = f"Logged {logging.days_logged} of {_days(period.days)}"
    gap = logging.longest_gap
    if gap is not None and gap.days == period.days:
        logged += " · nothing logged"
    elif gap is not None:
        span = str(gap.first) if gap.days == 1 else f"{gap.first} to {gap.last}"
        logged += f" · longest gap {_days(gap.days)} ({span})"
    else:
        logged += " · no gap"
    _line(out, logged)
    if logging.backfilled:
        entries = "entry" if logging.backfilled == 1 else "entries"
        _line(out, f"{logging.backfilled} {entries} back-filled (recorded on a later day)")
    if not stats.has_data:
        _line(
            out,
            "Nothing recorded in this period. Add an entry with 'moodlog add --mood 6', or "
            "choose another period (e.g. --last 90d).",
        )
        return
    _safety_flags(out, stats)
    _means(out, stats)
    _polarity(out, stats)
    _sparklines(out, stats)
    _medicines(out, stats)
    _therapy(out, stats)
    _questionnaires(out, stats.key_figures.questionnaires)
    _patterns(out, stats.sleep_mood, stats.skill_anxiety)
    _changes(out, stats.changes)


def _means(out: Console, stats: Stats) -> None:
    previous = stats.key_figures.previous_period
    _heading(out, f"Means, beside the previous {_days(previous.days)} ({previous})")
    table = _table()
    table.add_column("measure", no_wrap=True, max_width=20, overflow="ellipsis")
    for header in ("mean", "days", "previous", "days", "change"):
        table.add_column(header, justify="right", no_wrap=True)
    for line in stats.measures:
        figure: MeanFigure = line.figure
        table.add_row(
            f"{figure.label} ({figure.unit})",
            mean_text(figure.after),
            str(figure.n_after),
            mean_text(figure.before),
            str(figure.n_before),
            _signed(figure.change),
        )
    out.print(table, markup=False, highlight=False)


def _safety_flags(out: Console, stats: Stats) -> None:
    """The count first, as on the report's header, then each flag with its day and reasons."""
    flags = stats.safety_flags
    if not flags:
        _line(out, "No safety flags in this period.")
        return
    _line(out, f"{count_text(len(flags))} in this period (each on your report's first page):")
    for flag in flags:
        _line(out, f"  {flag.day}  {flag.text}")


def _polarity(out: Console, stats: Stats) -> None:
    figure = stats.key_figures.polarity
    if figure is None:
        return
    previous = stats.key_figures.previous_period
    _heading(out, "Elevation and depression, day by day, beside the previous period")
    table = _table()
    table.add_column("", no_wrap=True)
    table.add_column("this period", no_wrap=True)
    table.add_column(f"previous ({previous})", no_wrap=True)
    for row in polarity_rows(figure):
        table.add_row(*row)
    out.print(table, markup=False, highlight=False)
    _line(
        out,
        "A day counts once: elevated (elevation 1 or more, depression 0), depressed (the "
        "reverse) or mixed (both 1 or more), rated by the day's highest entries.",
    )


def _sparklines(out: Console, stats: Stats) -> None:
    heading, each_mark = UNIT_WORDS[stats.unit]
    _heading(out, f"{heading}, {stats.period}")
    _line(
        out,
        f"▁ low to █ high on each scale's own range (sleep 0-{SLEEP_HOURS_TOP:g} hours); "
        f"{NOT_LOGGED} not logged.",
    )
    if each_mark:
        _line(out, each_mark)
    for line in stats.measures:
        label = line.figure.label
        if len(label) > LABEL_WIDTH - 1:
            label = label[: LABEL_WIDTH - 2] + "…"
        _line(out, f"{label:<{LABEL_WIDTH}}{sparkline(line.points, line.low, line.high)}")


def _adherence_lines(figure: AdherenceFigure) -> list[str]:
    """``lithium: 78% · 7 taken, 1 missed, 1 not logged, 1 skipped · 88% of logged`` and the
    previous period's adherence, written the same way."""
    this = figure.this
    assert this is not None
    before = adherence_text(figure.previous) if figure.previous is not None else "nothing due"
    return [f"{figure.medicine}: {adherence_text(this)}", f"  previous period: {before}"]


def _count(figure: CountFigure, noun: str) -> str:
    def cell(count: int) -> str:
        return f"{count} {noun}" + ("" if count == 1 else "s")

    return f"{cell(figure.this)} · previous period {cell(figure.previous)}"


def _medicines(out: Console, stats: Stats) -> None:
    figures = stats.key_figures
    _heading(out, "Medicines")
    if not stats.has_medicines:
        _line(out, "No medicines recorded. Add one with 'moodlog med add NAME --dose X'.")
        return
    if figures.adherence:
        for figure in figures.adherence:
            for line in _adherence_lines(figure):
                _line(out, line)
        means = ADHERENCE_MEANS.format(through="the period's last day or today, whichever is first")
        _line(out, means[0].upper() + means[1:])
    else:
        _line(out, "No doses scheduled in this period.")
    for prn in figures.prn:
        _line(out, f"{prn.label.replace(' PRN', '')} as needed: {_count(prn, 'use')}")


def _therapy(out: Console, stats: Stats) -> None:
    figures = stats.key_figures
    _heading(out, "Therapy")
    if figures.skills is None and figures.sessions is None:
        _line(out, "No skills or sessions recorded. Log a skill with 'moodlog add --skill NAME'.")
        return
    if figures.skills is not None:
        this, before = figures.skills.this, figures.skills.previous
        _line(
            out,
            f"Skills used: {skills_used_text(this)} · previous period {skills_used_text(before)}",
        )
        _line(
            out,
            f"Skills not used: {skills_not_used_text(this)} · previous period "
            f"{skills_not_used_text(before)}",
        )
    if figures.sessions is not None:
        _line(out, "Sessions attended: " + _count(figures.sessions, "session"))
    if stats.rankings:
        table = _table()
        table.add_column("skills by days used", no_wrap=True, max_width=30, overflow="ellipsis")
        for header in ("days\nused", "times\nused", "helped", "didn't\nhelp", "not\nused"):
            table.add_column(header, justify="right", no_wrap=True)
        for ranking in stats.rankings[:MAX_SKILLS]:
            counts = ranking.counts
            table.add_row(
                ranking.skill,
                *(
                    str(n)
                    for n in (
                        counts.days,
                        counts.used,
                        counts.helped,
                        counts.not_helped,
                        counts.not_used,
                    )
                ),
            )
        out.print(table, markup=False, highlight=False)
        if len(stats.rankings) > MAX_SKILLS:
            _line(out, f"and {len(stats.rankings) - MAX_SKILLS} more skills")


def _questionnaires(out: Console, figures: Sequence[QuestionnaireFigure]) -> None:
    _heading(out, "Questionnaires, first → latest")
    if not figures:
        _line(out, "None answered. Answer one with 'moodlog check phq9' or 'moodlog check gad7'.")
        return
    for figure in figures:
        first, latest = figure.first, figure.latest
        text = f"{figure.title}  " + (
            first_to_latest_text(first, latest)
            if first is not None and latest is not None
            else "not answered in this period"
        )
        if figure.previous is not None:
            text += f" · previous period: {score_text(figure.previous)}"
        _line(out, text)
    _line(out, "Screening scores, not a diagnosis.")


def _patterns(out: Console, sleep: GroupComparison, skill: GroupComparison | None) -> None:
    _heading(out, "A night's sleep and that day's mood")
    for text in comparison_lines(sleep):
        _line(out, text)
    _heading(out, "Skill days and the next day's anxiety")
    if skill is None:
        _line(out, "No therapy skills recorded in this period.")
    else:
        for text in comparison_lines(skill):
            _line(out, text)
    _line(out, PATTERNS_NOT_PROOF)


def _changes(out: Console, changes: Sequence[ChangeComparison]) -> None:
    if not changes:
        return
    _heading(out, f"Dose changes: {CHANGE_WINDOW_DAYS} days before against the days from it")
    for compared in changes:
        change = compared.change
        reason = f" ({change.reason})" if change.reason else ""
        _line(out, f"{change.label} on {change.day}{reason}")
        table = _table()
        table.add_column("", no_wrap=True)
        table.add_column(f"{CHANGE_WINDOW_DAYS} days before", justify="right", no_wrap=True)
        table.add_column(f"{_days(compared.days_after)} from it", justify="right", no_wrap=True)
        table.add_column("change", justify="right", no_wrap=True)
        for name, value in (("mood", compared.mood), ("anxiety", compared.anxiety)):
            before, after = side_text(value)
            table.add_row(name, before, after, _signed(value.change))
        out.print(table, markup=False, highlight=False)
    _line(out, NOT_PROOF)

"""`moodlog report`: read the period's records in one transaction, analyse them, draw the pages
and write them (PDF by default, or one PNG per page), atomically and readable by the person
only."""

from __future__ import annotations

import os
import sqlite3
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from moodlog.actions import clock
from moodlog.actions.drawing import Drawer, DrawingJob
from moodlog.actions.records import (
    first_entry_day,
    load_therapy_records,
    medication_and_dose_days,
)
from moodlog.domain.appointments import report_period
from moodlog.domain.days import DaySpec, Period, PeriodLength
from moodlog.domain.doses import DayDoses, DueRule
from moodlog.domain.entries import Entry
from moodlog.domain.names import name_key
from moodlog.domain.paper import chosen_paper
from moodlog.domain.questionnaires import Questionnaire
from moodlog.domain.report import SignEpisode, SignOnReport
from moodlog.domain.sign_days import (
    days_needed,
    episodes,
    history_of,
    medicines_named,
    names_a_score,
)
from moodlog.domain.sign_records import WarningSign
from moodlog.domain.warning_signs import noted_within, read_rule
from moodlog.errors import MoodlogError
from moodlog.storage import appointments as appointment_rows
from moodlog.storage import warning_signs as sign_rows
from moodlog.storage.entries import entries_in
from moodlog.storage.journal import Journal
from moodlog.storage.scales import list_scales
from moodlog.storage.settings import get_setting
from moodlog.storage.targets import check_target, out_target

if TYPE_CHECKING:
    from moodlog.analysis.report import ReportInputs

Progress = Callable[[str], None]

# How far before the period an episode under way when it begins is traced back to its first
# day; one longer is given from this many days before, and says it began earlier still.
SIGN_LOOKBACK_DAYS = 90


@dataclass(frozen=True)
class ReportRequest:
    """What was typed after `moodlog report`."""

    last: PeriodLength | None = None
    since: DaySpec | None = None
    until: DaySpec | None = None
    since_appointment: bool = False
    out: str | None = None
    format: str = "pdf"  # or png: one file per page
    include_notes: bool = False
    paper: str | None = None  # a4 or letter; by default the paper setting, else the locale's


@dataclass(frozen=True)
class WrittenReport:
    period: Period
    reason: str
    days_logged: int
    paths: list[Path]


def report_path(request: ReportRequest, period: Period, fmt: str, cwd: Path, journal: Path) -> Path:
    """``out`` (a file, or a folder to put the default name in), else
    ``moodlog-report-FROM-TO.pdf`` in the current folder; never a file that is not moodlog's to
    replace (see :mod:`moodlog.storage.targets`), ``journal`` above all."""
    name = f"moodlog-report-{period.first.isoformat()}-{period.last.isoformat()}.{fmt}"
    if request.out is None:
        target = cwd / name
    else:
        target, folder = out_target(request.out, cwd, journal, "--out", lambda it: it / name)
        if not folder and target.suffix.lower() != f".{fmt}":
            target = target.with_name(target.name + f".{fmt}")
    check_target(target, journal, "the report's file", str(target))
    return target


def read_inputs(journal: Journal, request: ReportRequest, now: datetime) -> ReportInputs:
    """Everything the report needs, read in one transaction."""
    from moodlog.analysis.report import ReportInputs

    with journal.transaction(write=False) as connection:
        rule = clock.due_rule(journal, now)
        today = rule.today
        appointments = appointment_rows.list_appointments(connection)
        period, reason = report_period(
            today,
            appointments,
            request.last,
            request.since,
            request.until,
            request.since_appointment,
            clock.period_end(connection, today),
        )
        signs = sign_rows.list_signs(connection)
        rules = [read_rule(sign.rule) for sign in signs]
        signs_need = days_needed(rules, sign_period(period))
        # The entries and doses are read once, for the analysis and the signs alike.
        medication, dose_days = medication_and_dose_days(
            connection, period, rule, also=signs_need if signs else None
        )
        therapy = load_therapy_records(connection, period)
        first = first_entry_day(period, medication)
        read = entries_in(
            connection,
            Period(min(first, signs_need.first) if signs else first, period.last),
            rule.day_starts_at,
        )
        entries = read[bisect_left(read, first, key=lambda entry: entry.day) :]
        return ReportInputs(
            period=period,
            generated=now,
            entries=entries,
            scales=list_scales(connection),
            appointments=appointments,
            questions=[
                question
                for question in appointment_rows.list_questions(connection)
                if question.open_on(today)
            ],
            include_notes=request.include_notes,
            reason=reason,
            medication=medication,
            therapy=therapy,
            warning_signs=signs_on_report(
                connection, period, rule, signs, read, dose_days, therapy.questionnaires
            ),
        )


def sign_period(period: Period) -> Period:
    """The days the report reads warning signs over: the period and, before it, the days in
    which an episode under way when the period begins is traced back to its first day."""
    return Period(period.first - timedelta(days=SIGN_LOOKBACK_DAYS), period.last)


def signs_on_report(
    connection: sqlite3.Connection,
    period: Period,
    due: DueRule,
    signs: Sequence[WarningSign],
    entries: Sequence[Entry],
    dose_days: Mapping[str, Mapping[date, DayDoses]],
    questionnaires: Sequence[Questionnaire],
) -> tuple[SignOnReport, ...]:
    """Every warning sign, with its episodes that touch ``period`` (docs/warning-signs.md):
    the same episodes `moodlog warn test` lists, an episode under way when the period begins
    traced back to its first day, and what the person noted they did about each. The records
    are those already read for the report, holding at least the days the rules need
    (:func:`sign_period`): ``dose_days`` each medicine's doses day by day, by its name."""
    if not signs:
        return ()
    rules = [read_rule(sign.rule) for sign in signs]
    looked_at = sign_period(period)
    needed = days_needed(rules, looked_at)
    named = medicines_named(rules)
    history = history_of(
        entries,
        {name: days for name, days in dose_days.items() if name_key(name) in named},
        questionnaires if names_a_score(rules) else [],
        needed,
        due,
    )
    notes = sign_rows.episode_notes(connection)
    shown = []
    for sign, rule in zip(signs, rules, strict=True):
        noted = notes.get(sign.id or 0, [])
        found = [
            SignEpisode(
                first,
                last,
                # An episode traced back to the first day looked at may have begun earlier.
                noted_within(
                    noted, date.min if first == looked_at.first else first, last or period.last
                ),
                from_before=first == looked_at.first,
            )
            for first, last in episodes(rule, history, looked_at)
            if last is None or last >= period.first
        ]
        shown.append(SignOnReport(sign.name, sign.rule, sign.plan, sign.preset, tuple(found)))
    return tuple(shown)


def make_report(
    journal: Journal,
    request: ReportRequest,
    now: datetime | None = None,
    cwd: Path | None = None,
    progress: Progress | None = None,
    drawer: Drawer | None = None,
) -> WrittenReport:
    """Write the report for the period the request names; nothing is written when the period
    holds no data. ``drawer`` draws and writes the pages (a drawing process started before the
    journal was opened, see :mod:`moodlog.actions.drawing`); by default this process does."""
    now = clock.now(now)
    step = progress or (lambda _: None)
    fmt = request.format
    step("reading the journal")
    inputs = read_inputs(journal, request, now)
    period = inputs.period
    path = report_path(request, period, fmt, cwd or Path.cwd(), journal.path)

    from moodlog.analysis.report import has_data

    if not has_data(inputs):
        raise MoodlogError(
            f"nothing recorded from {period.first} to {period.last} ({inputs.reason}); no "
            "report was written. Choose another period (e.g. --last 90d) or add entries with "
            "'moodlog add'"
        )
    step("drawing the pages")
    with journal.transaction(write=False) as connection:
        setting = get_setting(connection, "paper")
    paper = chosen_paper(request.paper, setting, os.environ)
    job = DrawingJob(inputs, path, "png" if fmt == "png" else "pdf", paper, journal.path)
    drawn = (drawer or Drawer()).draw(job)
    return WrittenReport(period, inputs.reason, drawn.days_logged, drawn.paths)

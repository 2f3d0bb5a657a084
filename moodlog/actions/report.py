"""`moodlog report`: read the period's records in one transaction, analyse them, draw the pages
and write them (PDF by default, or one PNG per page), atomically and readable by the person
only."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from moodlog.actions import clock
from moodlog.actions.drawing import Drawer, DrawingJob
from moodlog.actions.records import first_entry_day, load_medication_records, load_therapy_records
from moodlog.domain.appointments import report_period
from moodlog.domain.days import DaySpec, Period, PeriodLength
from moodlog.domain.doses import DueRule
from moodlog.domain.names import name_key
from moodlog.domain.paper import chosen_paper
from moodlog.domain.report import SignEpisode, SignOnReport
from moodlog.domain.sign_days import days_needed, episodes, history_of
from moodlog.domain.warning_signs import Dose, Score, noted_within, read_rule
from moodlog.errors import MoodlogError
from moodlog.storage import appointments as appointment_rows
from moodlog.storage import warning_signs as sign_rows
from moodlog.storage.entries import entries_in
from moodlog.storage.journal import Journal
from moodlog.storage.medications import doses_in, load_medicines
from moodlog.storage.questionnaires import questionnaires_in
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
        medication = load_medication_records(connection, period, rule)
        therapy = load_therapy_records(connection, period)
        entries = entries_in(
            connection,
            Period(first_entry_day(period, medication), period.last),
            rule.day_starts_at,
        )
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
            warning_signs=signs_on_report(connection, period, rule),
        )


def signs_on_report(
    connection: sqlite3.Connection, period: Period, due: DueRule
) -> tuple[SignOnReport, ...]:
    """Every warning sign, with its episodes that touch ``period`` (docs/warning-signs.md):
    the same episodes `moodlog warn test` lists, an episode under way when the period begins
    traced back to its first day, and what the person noted they did about each."""
    signs = sign_rows.list_signs(connection)
    if not signs:
        return ()
    rules = [read_rule(sign.rule) for sign in signs]
    parts = [part for rule in rules for part in rule.parts]  # each condition joined by `and`
    looked_at = Period(period.first - timedelta(days=SIGN_LOOKBACK_DAYS), period.last)
    needed = days_needed(rules, looked_at)
    # Doses are worked out day by day only for the medicines a rule names: over ten years
    # that is most of the time the signs take.
    named = {name_key(part.subject.medicine) for part in parts if isinstance(part.subject, Dose)}
    medicines = [
        medicine for medicine in load_medicines(connection) if name_key(medicine.name) in named
    ]
    history = history_of(
        entries_in(connection, needed, due.day_starts_at),
        medicines,
        doses_in(connection, needed) if medicines else [],
        questionnaires_in(connection, needed)
        if any(isinstance(part.subject, Score) for part in parts)
        else [],
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

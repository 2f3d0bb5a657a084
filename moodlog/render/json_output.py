"""`--json`: what a command shows, as one JSON document for scripts (docs/json.md).

A record is written as the export writes it (docs/csv.md): an object whose keys are its table's
columns, in order, with the same values (dates and times as ISO text, numbers as numbers,
``null`` for no value, lists and pairs as the same text). A listing is ``{"period": {"since":
…, "until": …} or null, TABLE: [records]}``. The text is UTF-8, characters written as they are
(never ``\\uXXXX``), with one newline at the end.

Plain Python and the standard library only, so `moodlog status --json` stays as quick as
`moodlog status`.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import fields, is_dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from moodlog.analysis.report.details import GroupComparison
    from moodlog.analysis.stats import Stats
    from moodlog.domain.days import Period
    from moodlog.domain.doses import ScheduledDose
    from moodlog.domain.listing import Listing
    from moodlog.domain.medication_summaries import MedicineList, RegimenHistory
    from moodlog.domain.report import AdherenceRecord
    from moodlog.domain.status import TodayStatus


def plain(value: Any) -> Any:
    """``value`` in JSON's own types: a moment, day or time as ISO text, a number that is not
    a number (NaN) or infinite as null, tuples as lists, a number of numpy as Python's."""
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "first") and hasattr(value, "last") and len(fields(value)) == 2:
            return period_json(value)  # type: ignore[arg-type]
        return {field.name: plain(getattr(value, field.name)) for field in fields(value)}
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if hasattr(value, "item"):  # a numpy number: its Python value
        return plain(value.item())
    raise TypeError(f"{type(value).__name__} has no JSON form")


def _flat(value: Any) -> bool:
    """A value written on one line: a scalar, or an object or array of scalars (a record)."""
    if isinstance(value, dict):
        return all(not isinstance(item, dict | list) for item in value.values())
    if isinstance(value, list):
        return all(not isinstance(item, dict | list) for item in value)
    return True


def _text(value: Any, level: int) -> str:
    if _flat(value):
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    inner = " " * (level + 1)
    if isinstance(value, dict):
        parts = [
            f"{inner}{json.dumps(key, ensure_ascii=False)}: {_text(item, level + 1)}"
            for key, item in value.items()
        ]
        return "{\n" + ",\n".join(parts) + "\n" + " " * level + "}"
    parts = [inner + _text(item, level + 1) for item in value]
    return "[\n" + ",\n".join(parts) + "\n" + " " * level + "]"


def json_text(document: Any) -> str:
    """The document as JSON text: UTF-8 characters as they are, each record (an object of
    plain values) on a line of its own, as the export writes them; one newline at the end."""
    return _text(plain(document), 0) + "\n"


def print_json(document: Any) -> None:
    """Write the document to standard output as UTF-8 bytes, whatever the locale's encoding."""
    data = json_text(document).encode("utf-8")
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        sys.stdout.flush()
        stream.write(data)
    sys.stdout.flush()


def period_json(period: Period | None) -> dict[str, str] | None:
    """A period as ``{"since": FIRST, "until": LAST}``, as the whole-journal export names it;
    None (every record) as null."""
    if period is None:
        return None
    return {"since": period.first.isoformat(), "until": period.last.isoformat()}


def record_json(table: str, record: Any) -> dict[str, Any]:
    """One record as the export writes it in ``table``: its columns as keys, in order."""
    from moodlog.storage.tables import record_values

    return record_values(table, record)


def records_json(table: str, records: Sequence[Any]) -> list[dict[str, Any]]:
    return [record_json(table, record) for record in records]


def listing_json(
    table: str, period: Period | None, records: Sequence[Any], **more: Any
) -> dict[str, Any]:
    """A listing: its period, then its records under the name of their table, then ``more``."""
    return {
        "period": period_json(period),
        table: records_json(table, records),
        **more,
    }


def print_listing_json(table: str, listing: Listing[Any], **more: Any) -> None:
    """`moodlog KIND list --json`: the listing's period and records."""
    print_json(listing_json(table, listing.period, listing.records, **more))


def print_record_json(table: str, record: Any, **more: Any) -> None:
    """`moodlog KIND show ID --json`: the record, then ``more`` (records that go with it)."""
    print_json({**record_json(table, record), **more})


def adherence_json(counted: AdherenceRecord | None) -> dict[str, Any] | None:
    """A medicine's doses over a period, counted as the daily export counts them, and its
    adherence: taken / (scheduled - skipped) x 100, null when nothing was due."""
    if counted is None:
        return None
    return {
        "doses_scheduled": counted.scheduled,
        "doses_taken": counted.taken,
        "doses_missed": counted.missed,
        "doses_skipped": counted.skipped,
        "doses_not_logged": counted.not_logged,
        "adherence": counted.percent,
    }


def medicines_json(listing: MedicineList) -> dict[str, Any]:
    """`moodlog med list --json`: each medicine with its regimen on the day, its counts over
    the 30 days ending that day, its as-needed uses and planned steps; the medicines stopped in
    those days; the side effects ongoing on the day."""
    medicines = [
        {
            "medicine": summary.medicine.name,
            "regimen": record_json("regimen", summary.regimen) if summary.regimen else None,
            **(adherence_json(summary.adherence) or {}),
            "prn_uses": len(summary.as_needed),
            "planned": records_json("regimen", summary.planned),
        }
        for summary in listing.medicines
    ]
    return {
        "period": period_json(listing.period),
        "medicines": medicines,
        "stopped": records_json("regimen", [stop for _, stop in listing.stopped]),
        "side_effects": records_json("side_effects", listing.side_effects),
    }


def regimen_history_json(history: RegimenHistory) -> dict[str, Any]:
    """`moodlog med list --all --json`: every regimen record and every side effect."""
    return {
        "period": None,
        "regimen": records_json("regimen", history.records),
        "side_effects": records_json("side_effects", history.side_effects),
    }


def _scheduled(dose: ScheduledDose) -> dict[str, Any]:
    return {
        "medicine": dose.medicine,
        "day": dose.day,
        "slot": dose.slot,
        "dose": str(dose.dose) if dose.dose else None,
    }


def status_json(status: TodayStatus) -> dict[str, Any]:
    """`moodlog status --json`: today, whether it has an entry, the doses due by now and not
    logged, those still to come with the time each is due, and the warning signs showing."""
    return {
        "day": status.day,
        "journal": int(status.has_journal),
        "locked": 0,
        "logged": int(status.logged),
        "doses_not_logged": [_scheduled(dose) for dose in status.doses_left],
        "doses_to_come": [{**_scheduled(dose), "time": at} for dose, at in status.doses_to_come],
        "warning_signs": [{"id": sign.id, "name": sign.name} for sign in status.signs],
    }


def locked_status_json() -> dict[str, Any]:
    """`moodlog status --json` on an encrypted journal whose key is not at hand: nothing of
    it can be read, so every figure is null rather than a guess (no entry, no dose)."""
    return {
        "day": None,
        "journal": 1,
        "locked": 1,
        "logged": None,
        "doses_not_logged": None,
        "doses_to_come": None,
        "warning_signs": None,
    }


def stats_json(stats: Stats) -> dict[str, Any]:
    """`moodlog stats --json`: the figures `moodlog stats` prints, under the names the daily
    export gives them where it has them (docs/json.md)."""
    from moodlog.analysis.report import KEY_MEASURES
    from moodlog.analysis.stats import OTHER_MEASURES

    columns = {label: column for label, column, _ in (*KEY_MEASURES, *OTHER_MEASURES)}
    figures = stats.key_figures
    logging = stats.logging
    gap = logging.longest_gap
    measures = []
    for line in stats.measures:
        figure = line.figure
        core = figure.label in columns
        measures.append(
            {
                "measure": columns[figure.label] if core else "symptoms",
                "scale": None if core else figure.label,
                "mean": figure.after,
                "days": figure.n_after,
                "previous_mean": figure.before,
                "previous_days": figure.n_before,
                "points": line.points,
            }
        )
    return {
        "period": period_json(stats.period),
        "previous_period": period_json(figures.previous_period),
        "days": logging.days,
        "logged": logging.days_logged,
        "backfilled": logging.backfilled,
        "longest_gap": None
        if gap is None
        else {"since": gap.first, "until": gap.last, "days": gap.days},
        "points": stats.unit,
        "measures": measures,
        "adherence": [
            {
                "medicine": figure.medicine,
                **(adherence_json(figure.this) or {}),
                "previous": adherence_json(figure.previous),
            }
            for figure in figures.adherence
        ],
        "prn_uses": [
            {"medicine": figure.label, "prn_uses": figure.this, "previous": figure.previous}
            for figure in figures.prn
        ],
        "skills": plain(figures.skills),
        "skill_ranking": plain(stats.rankings),
        "sessions": (
            {"this": figures.sessions.this, "previous": figures.sessions.previous}
            if figures.sessions is not None
            else None
        ),
        "questionnaires": [
            {
                "instrument": figure.title,
                "first": record_json("questionnaires", figure.first) if figure.first else None,
                "latest": record_json("questionnaires", figure.latest) if figure.latest else None,
                "previous": record_json("questionnaires", figure.previous)
                if figure.previous
                else None,
            }
            for figure in figures.questionnaires
        ],
        "polarity": plain(figures.polarity),
        "safety_flags": len(stats.safety_flags),
        "sleep_mood": _compared(stats.sleep_mood, "mood"),
        "skill_anxiety": _compared(stats.skill_anxiety, "anxiety_next_day"),
        "dose_changes": [
            {
                **plain(change.change),
                "days_after": change.days_after,
                "mood": plain(change.mood),
                "anxiety": plain(change.anxiety),
            }
            for change in stats.changes
        ],
    }


def _compared(comparison: GroupComparison | None, measure: str) -> dict[str, Any] | None:
    """Two groups of days compared (docs/json.md says which for each comparison): each group's
    days and mean, and the correlation, under keys that do not change with the wording
    `stats` prints; not the days' values themselves."""
    if comparison is None:
        return None
    return {
        "measure": measure,
        "a": {"days": comparison.n_a, "mean": comparison.mean_a},
        "b": {"days": comparison.n_b, "mean": comparison.mean_b},
        "correlation": comparison.correlation,
    }

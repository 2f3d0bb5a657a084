"""What `moodlog undo` shows: the last change in the person's words ("entry 41 added:
2026-12-01 21:14, mood 2 · by 'moodlog add' today 21:14")."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from moodlog.storage.undo import TouchedRow

KINDS = {
    "entries": "entry",
    "doses": "dose",
    "regimen": "medicine record",
    "side_effects": "side effect",
    "skill_uses": "skill use",
    "sessions": "session",
    "questionnaires": "questionnaire",
    "safety_flags": "safety flag",
    "appointments": "appointment",
    "questions": "question",
    "settings": "setting",
    "scales": "scale",
    "skills": "skill",
    "warning_signs": "warning sign",
    "warning_sign_episodes": "warning sign announced",
}
# The values that say which record it is, by table; free text (notes, questions) is not shown.
SHOWN = {
    "entries": ("day", "time", "mood"),
    "doses": ("medicine", "status", "day", "slot"),
    "regimen": ("medicine", "kind", "effective_date", "dose"),
    "side_effects": ("name", "severity", "onset_date"),
    "skill_uses": ("skill", "day", "score"),
    "sessions": ("kind", "day"),
    "questionnaires": ("instrument", "day", "total"),
    "safety_flags": ("trigger", "day"),
    "appointments": ("day", "with_whom"),
    "questions": ("asked_on", "done_on"),
    "settings": ("key", "value"),
    "scales": ("name", "min", "max"),
    "skills": ("name", "category"),
    "warning_sign_episodes": ("first_day",),
}
TEXT = {"note", "text", "reason", "tags", "urges", "acted", "symptoms", "description"}
BARE = {"day", "time", "medicine", "name", "kind", "skill", "instrument", "effective_date"}
BARE |= {"status", "trigger", "asked_on", "onset_date", "key", "category", "with_whom"}
NAMED_BY = {"settings": "key", "scales": "name", "skills": "name"}
ROWS_SHOWN = 6


def when(moment: datetime, today: date) -> str:
    """'today 21:14', 'yesterday 08:02', or '2026-11-28 21:14'."""
    days = (today - moment.date()).days
    day = {0: "today", 1: "yesterday"}.get(days, moment.date().isoformat())
    return f"{day} {moment:%H:%M}"


def _plural(kind: str, count: int) -> str:
    if count == 1:
        return kind
    return kind[:-1] + "ies" if kind.endswith("y") else kind + "s"


def _plain(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _label(row: TouchedRow, values: dict[str, object] | None) -> str:
    kind = KINDS.get(row.table, row.table)
    named_by = NAMED_BY.get(row.table)
    if named_by and values and values.get(named_by) is not None:
        return f"{kind} {values[named_by]}"
    return f"{kind} {row.key}"


def row_line(row: TouchedRow, now_values: dict[str, object] | None) -> str:
    """One row of the change: what happened to it, and which record it is."""
    values = now_values if row.what != "removed" else row.old_values
    label = _label(row, values or row.old_values)
    if row.what == "changed":
        parts = []
        for column, old in row.old_values.items():
            if column in TEXT:
                parts.append(f"{column} changed")
            else:
                new = (now_values or {}).get(column)
                parts.append(f"{column} {_plain(old)} → {_plain(new)}")
        return f"{label} changed: " + (", ".join(parts) or "no values")
    shown = ", ".join(
        _plain(values[column]) if column in BARE else f"{column} {_plain(values[column])}"
        for column in SHOWN.get(row.table, ())
        if values and values.get(column) is not None and column != NAMED_BY.get(row.table)
    )
    return f"{label} {row.what}" + (f": {shown}" if shown else "")


def change_lines(
    command: str,
    made_at: datetime,
    rows: list[TouchedRow],
    now_values: list[dict[str, object] | None],
    today: date,
) -> list[str]:
    """The change as `moodlog undo` shows it before asking."""
    lines = [f"The last change, by '{command}' {when(made_at, today)}:"]
    if len(rows) <= ROWS_SHOWN:
        lines += [f"  {row_line(row, now)}" for row, now in zip(rows, now_values, strict=True)]
    else:
        counts = Counter((row.table, row.what) for row in rows)
        lines += [
            f"  {count} {_plural(KINDS.get(table, table), count)} {what}"
            for (table, what), count in counts.items()
        ]
    return lines

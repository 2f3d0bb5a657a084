"""The words of `moodlog check-journal`."""

from __future__ import annotations

from moodlog.storage.recovery import JournalCheck, TableRescue

# Problems named after the first; the check can list a hundred.
_PROBLEMS_SHOWN = 5


def journal_check_lines(check: JournalCheck) -> list[str]:
    """What the check found and, for a damaged journal, what the recovered copy holds and what
    it could not read."""
    if not check.problems:
        return [f"The journal is whole: {check.path} passed SQLite's full integrity check."]
    lines = [f"{check.path} is damaged: {check.problems[0]}"]
    lines += [f"  also: {problem}" for problem in check.problems[1:_PROBLEMS_SHOWN]]
    if len(check.problems) > _PROBLEMS_SHOWN:
        lines.append(f"  and {len(check.problems) - _PROBLEMS_SHOWN} more problems")
    if check.encrypted:
        lines.append(
            "An encrypted journal's rows are not copied out into a plain file: restore the "
            "newest backup from its backups/ folder (see docs/privacy.md)."
        )
        return lines
    if check.copy is None:
        lines.append(
            f"Nothing could be read from it ({check.schema_unreadable}). Restore the newest "
            "backup from its backups/ folder (see docs/privacy.md)."
        )
        return lines
    lines.append(f"What could be read is in {check.copy} (the journal itself was not changed).")
    lost = [line for rescue in check.tables if (line := _lost(rescue))]
    if lost:
        lines.append("Could not be read:")
        lines += [f"  {line}" for line in lost]
    else:
        lines.append("Every row could be read.")
    lines.append(
        "Compare it with the newest backup before using either: move the journal aside and "
        "copy the one you keep in its place."
    )
    return lines


def _rows(count: int) -> str:
    return f"{count:,} row" + ("" if count == 1 else "s")


def _lost(rescue: TableRescue) -> str:
    if rescue.whole_table_lost:
        return f"{rescue.table}: the whole table"
    parts = []
    if rescue.unread:
        parts.append(f"up to {_rows(rescue.unread)} in a damaged stretch")
    if rescue.lost_after is not None:
        parts.append(f"every row after id {rescue.lost_after} (how many is unknown)")
    if rescue.refused:
        parts.append(f"{_rows(rescue.refused)} with values damaged or referring to a lost row")
    if not parts:
        return ""
    return f"{rescue.table}: {', '.join(parts)} ({_rows(rescue.copied)} copied)"

"""What `moodlog export` and `moodlog import` say they did (or, with --dry-run, would do)."""

from __future__ import annotations

from pathlib import Path

from moodlog.domain.importing import ENTRIES_CSV, JOURNAL_JSON, ImportResult

# Each table's records in words: one, many.
_NOUNS = {
    "settings": ("setting", "settings"),
    "scales": ("symptom scale", "symptom scales"),
    "skills": ("skill of your own", "skills of your own"),
    "entries": ("entry", "entries"),
    "questionnaires": ("questionnaire", "questionnaires"),
    "safety_flags": ("safety flag", "safety flags"),
    "regimen": ("regimen record", "regimen records"),
    "doses": ("dose log", "dose logs"),
    "side_effects": ("side effect", "side effects"),
    "skill_uses": ("skill use", "skill uses"),
    "sessions": ("therapy session", "therapy sessions"),
    "appointments": ("appointment", "appointments"),
    "questions": ("question", "questions"),
    "daily": ("day", "days"),
    "all": ("record of the whole journal", "records of the whole journal"),
    "fhir": ("FHIR resource", "FHIR resources"),
}


def _count(number: int, table: str) -> str:
    one, many = _NOUNS.get(table, (table, table))
    return f"{number} {one if number == 1 else many}"


def _tables(added: dict[str, int]) -> str:
    return ", ".join(_count(count, table) for table, count in added.items())


def import_summary(result: ImportResult) -> str:
    name = f"{result.path.name} ({result.kind})"
    lines: list[str] = []
    entries = result.added.get("entries", 0)
    if not result.added:
        lines.append(f"Nothing to add from {name}: the journal already holds all of it.")
    elif result.kind == JOURNAL_JSON:
        verb = "Would restore" if result.dry_run else "Restored"
        lines.append(f"{verb} the whole journal from {name}: {_tables(result.added)}.")
    else:
        verb = "Would import" if result.dry_run else "Imported"
        lines.append(f"{verb} {_count(entries, 'entries')} from {name}.")
    scales = result.added.get("scales", 0) if result.kind == ENTRIES_CSV else 0
    if scales:
        lines.append(
            f"Added {scales} symptom scale{'s' if scales > 1 else ''} with the ranges the file "
            "gives (moodlog scales lists them)."
        )
    if result.already and result.added:
        lines.append(f"{result.already} already in the journal: not added again.")
    if result.new_ids:
        lines.append(
            f"{result.new_ids} of them got new ids: the ids they had in the file are taken here."
        )
    flags = result.added.get("safety_flags", 0) if result.kind != JOURNAL_JSON else 0
    if flags:
        lines.append(
            f"Their answers raise {_count(flags, 'safety_flags')}; they show on your next report."
        )
    if result.renamed:
        renamed = ", ".join(f"{activity!r} → {tag}" for activity, tag in result.renamed.items())
        lines.append(f"Activities written as tag names: {renamed}.")
    if result.kept_in_note:
        lines.append(
            "Activities no tag name can hold, kept in their entries' notes: "
            + ", ".join(result.kept_in_note)
            + "."
        )
    if result.dry_run:
        lines.append("Nothing was saved (--dry-run).")
    return "\n".join(lines)


def export_summary(table: str, rows: int, path: Path) -> str:
    """``Exported 3650 days (daily) to days.csv``; ``Exported 657 FHIR resources to
    for-clinic.json`` (the noun says it all)."""
    what = "" if table == "fhir" else f" ({table})"
    return f"Exported {_count(rows, table)}{what} to {path}"

"""Whole-journal JSON made hostile: a real export of a small journal with one field changed.
Each is refused with a line naming the record, the field and the value, exit 1, and the journal
left byte-identical; and documents made by changing random fields to random values either
import, and then read back, or are refused the same way."""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Run, short_and_slow

Document = dict[str, Any]


def small_journal(moodlog: Run) -> None:
    """An entry, a medicine taken on a schedule, a dose log, a PHQ-9 (with its safety flag)."""
    commands: list[tuple[str, ...]] = [
        ("med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning,evening",
         "--start", "2026-11-01"),
        ("add", "--date", "2026-11-20", "--time", "09:00", "--mood", "5", "--note", "fine"),
        ("took", "sertraline", "--date", "2026-11-20", "--slot", "morning"),
        ("check", "phq9", "--answers", "1,1,2,1,0,1,1,0,1", "--date", "2026-11-20"),
    ]  # fmt: skip
    for command in commands:
        result = moodlog(*command)
        assert result.exit_code == 0, (command, result.output)


@pytest.fixture
def export_text(moodlog: Run) -> str:
    small_journal(moodlog)
    result = moodlog("export", "--table", "all", "--format", "json")
    assert result.exit_code == 0, result.output
    return result.stdout


def empty_journal(moodlog: Run, path: Path) -> bytes:
    """A new, empty journal at ``path``; its bytes."""
    result = moodlog("--db", str(path), "list")
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def refused(moodlog: Run, journal: Path, document_text: str, folder: Path) -> str:
    """Import the text into the empty journal, which must refuse it and stay byte-identical;
    the output."""
    before = empty_journal(moodlog, journal)
    file = folder / "hostile.json"
    file.write_text(document_text, encoding="utf-8")
    result = moodlog("--db", str(journal), "import", str(file))
    assert result.exit_code == 1, result.output
    assert journal.read_bytes() == before
    return result.output


def one_refusal(output: str) -> None:
    """A refusal as a person reads it: a first line from moodlog, then one line per record,
    never an unexpected error."""
    lines = output.rstrip("\n").split("\n")
    assert lines[0].startswith("moodlog: "), output
    assert "unexpected error" not in output, output
    assert "Traceback" not in output, output
    assert all(line.startswith("  tables.") for line in lines[1:]), output
    assert all(len(line) < 400 for line in lines), output


def changed(table: str, field: str, value: object) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        document["tables"][table][0][field] = value

    return change


# Each case: how the export is changed, and the line the refusal must hold.
CORPUS: list[tuple[str, Callable[[str], str], str]] = [
    (
        "schedule that does not parse",
        lambda text: text.replace('"schedule": "morning;evening"', '"schedule": "{{{{"'),
        "tables.regimen[0] (id 1): schedule '{{{{': '{{{{' is not a slot",
    ),
    (
        "total that is not the total of the answers",
        lambda text: text.replace('"total": 8', '"total": 999'),
        "tables.questionnaires[0] (id 1): total 999 is not the total of the answers, 8",
    ),
    (
        "band that is not the band of the total",
        lambda text: text.replace('"band": "mild"', '"band": "lol"'),
        "tables.questionnaires[0] (id 1): band 'lol' is not the band of the answers, 'mild'",
    ),
    (
        "dose amount NaN",
        lambda text: text.replace('"dose_amount": 50.0', '"dose_amount": NaN'),
        "tables.regimen[0] (id 1): dose_amount NaN is not a finite number",
    ),
    (
        "dose amount Infinity",
        lambda text: text.replace('"dose_amount": 50.0', '"dose_amount": Infinity'),
        "tables.regimen[0] (id 1): dose_amount Infinity is not a finite number",
    ),
    (
        "dose amount that is not the dose",
        lambda text: text.replace('"dose_amount": 50.0', '"dose_amount": 0.0001'),
        "tables.regimen[0] (id 1): dose_amount 0.0001 is not a dose amount",
    ),
    (
        "id of 2^63",
        lambda text: text.replace('"id": 1, "day": "2026-11-20", "time"', f'"id": {2**63}, '
                                  '"day": "2026-11-20", "time"'),
        f"tables.entries[0] (id {2**63}): id {2**63} is not an id",
    ),
    (
        "id of 0",
        lambda text: text.replace('"id": 1, "medicine": "sertraline", "kind"',
                                  '"id": 0, "medicine": "sertraline", "kind"'),
        "tables.regimen[0] (id 0): id 0 is not an id",
    ),
    (
        "format number -1",
        lambda text: text.replace('"moodlog": 1', '"moodlog": -1'),
        'hostile.json: "moodlog" -1 is not a format number',
    ),
    (
        "format number 5",
        lambda text: text.replace('"moodlog": 1', '"moodlog": 5'),
        "hostile.json was written by a newer moodlog (format 5)",
    ),
    (
        "schema that is a number",
        lambda text: text.replace(text[text.index('"schema"') : text.index('"period"')],
                                  '"schema": 5,\n '),
        'hostile.json: "schema" 5 is not a list of schema steps',
    ),
    (
        "arrays nested 100,000 deep",
        lambda text: text.replace('"settings": []', '"settings": ' + "[" * 100_000 + "]" * 100_000),
        "hostile.json nests arrays or objects too deeply",
    ),
    (
        "mood of 1e400",
        lambda text: text.replace('"mood": 5.0', '"mood": 1e400'),
        "tables.entries[0] (id 1): mood 1e400 is not a finite number",
    ),
    (
        "mood of 4,301 digits",
        lambda text: text.replace('"mood": 5.0', '"mood": ' + "9" * 4301),
        "tables.entries[0] (id 1): mood 999999999999…(4,301 digits) is out of range",
    ),
    (
        "dose log slot that is no slot",
        lambda text: text.replace('"slot": "morning"', '"slot": "morning=5mg"'),
        "tables.doses[0] (id 1): slot 'morning=5mg' is not one slot",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "line"), [pytest.param(c, line, id=name) for name, c, line in CORPUS]
)
def test_a_hostile_field_is_refused_by_name_and_the_journal_is_left_as_it_was(
    moodlog: Run, export_text: str, tmp_path: Path, change: Callable[[str], str], line: str
) -> None:
    hostile = change(export_text)
    assert hostile != export_text
    output = refused(moodlog, tmp_path / "restored.db", hostile, tmp_path)
    one_refusal(output)
    assert line in output


def test_the_unchanged_export_restores(moodlog: Run, export_text: str, tmp_path: Path) -> None:
    file = tmp_path / "all.json"
    file.write_text(export_text, encoding="utf-8")
    result = moodlog("--db", str(tmp_path / "restored.db"), "import", str(file))
    assert result.exit_code == 0, result.output
    again = moodlog("--db", str(tmp_path / "restored.db"), "export", "-f", "json")
    assert json.loads(again.stdout)["tables"] == json.loads(export_text)["tables"]


# --- documents made by changing fields at random ----------------------------------------------

ANY_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**62, max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(
        ["", "morning", "08:00", "2026-11-20", "0001-01-01", "mon;thu", "{{{{", "50 mg", "mg"]
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=5,
)


@st.composite
def mutations(draw: st.DrawFn, document: Document) -> list[tuple[str, int, str, object]]:
    tables = sorted(name for name, records in document["tables"].items() if records)
    changes: list[tuple[str, int, str, object]] = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        table = draw(st.sampled_from(tables))
        index = draw(st.integers(min_value=0, max_value=len(document["tables"][table]) - 1))
        field = draw(st.sampled_from(sorted(document["tables"][table][index])))
        changes.append((table, index, field, draw(ANY_VALUE)))
    return changes


_example = itertools.count()


def _import_or_refuse(moodlog: Run, base: Document, folder: Path, changes: Any) -> None:
    document = copy.deepcopy(base)
    for table, index, field, value in changes:
        document["tables"][table][index][field] = value
    journal = folder / f"journal-{next(_example)}.db"
    before = empty_journal(moodlog, journal)
    file = folder / "mutated.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    result = moodlog("--db", str(journal), "import", str(file))
    if result.exit_code != 0:
        assert result.exit_code == 1, result.output
        one_refusal(result.output)
        assert journal.read_bytes() == before
        return
    for command in (("export", "-f", "json"), ("stats",), ("med", "list", "--all"), ("status",)):
        read = moodlog("--db", str(journal), *command)
        assert read.exit_code == 0, (changes, command, read.output)


@short_and_slow("examples", (20,), (200,))
def test_a_mutated_export_imports_and_reads_back_or_is_refused_by_name(
    moodlog: Run, export_text: str, tmp_path: Path, examples: int
) -> None:
    base: Document = json.loads(export_text)

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(changes=mutations(base))
    def check(changes: Any) -> None:
        _import_or_refuse(moodlog, base, tmp_path, changes)

    check()


@pytest.mark.parametrize("entry_id", [str(2**63), "9" * 5000, "0"])
def test_an_entries_csv_id_outside_what_the_journal_keeps_is_refused_by_name(
    moodlog: Run, tmp_path: Path, entry_id: str
) -> None:
    journal = tmp_path / "journal.db"
    before = empty_journal(moodlog, journal)
    file = tmp_path / "entries.csv"
    file.write_text(f"id,day,mood\n{entry_id},2026-11-20,5\n", encoding="utf-8")
    result = moodlog("--db", str(journal), "import", str(file))
    assert result.exit_code == 1, result.output
    assert f"line 2: id '{entry_id[:12]}" in result.output
    assert "is not an entry id; allowed: a whole number from 1 to 2^63-1" in result.output
    assert journal.read_bytes() == before

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

from moodlog.storage.journal import open_journal
from tests.conftest import Run, short_and_slow

Document = dict[str, Any]


def small_journal(moodlog: Run) -> None:
    """An entry, a medicine taken on a schedule, a dose log, a PHQ-9 (with its safety flag), a
    symptom scale, a skill of one's own and its use, a session, a side effect, an appointment
    and a question."""
    commands: list[tuple[str, ...]] = [
        ("scales", "add", "focus", "--min", "0", "--max", "3"),
        ("skills", "add", "Box breathing", "--category", "own"),
        ("session", "group", "--date", "2026-11-19"),
        ("side-effect", "nausea", "--severity", "2", "--date", "2026-11-18"),
        ("appointment", "add", "2026-11-25", "--with", "Dr Rao"),
        ("ask", "Is the dose right?"),
        ("med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning,evening",
         "--start", "2026-11-01"),
        ("add", "--date", "2026-11-20", "--time", "09:00", "--mood", "5", "--note", "fine",
         "--symptom", "focus=2", "--skill", "box breathing=5"),
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
    open_journal(path).close()
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


def changed(table: str, field: str, value: object, index: int = 0) -> Callable[[str], str]:
    """The export with one field of one record changed."""

    def change(text: str) -> str:
        document = json.loads(text)
        document["tables"][table][index][field] = value
        return json.dumps(document)

    return change


def added(table: str, record: dict[str, object]) -> Callable[[str], str]:
    """The export with one more record in a table."""

    def change(text: str) -> str:
        document = json.loads(text)
        document["tables"][table].append(record)
        return json.dumps(document)

    return change


LONGEST_TEXT = 16 * 1024 * 1024


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
        # An empty table (settings always holds the journal's FHIR namespace).
        lambda text: text.replace(
            '"warning_signs": []', '"warning_signs": ' + "[" * 100_000 + "]" * 100_000
        ),
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
    (
        "setting named by the start of its key",
        added("settings", {"key": "day", "value": "04:00"}),
        "tables.settings[1]: key 'day' is not a setting; the settings are day-starts-at",
    ),
    (
        "setting value its command refuses",
        added("settings", {"key": "day-starts-at", "value": "13:00"}),
        "tables.settings[1]: day-starts-at '13:00' is too late",
    ),
    (
        "scale whose max is below its min",
        changed("scales", "min", 5.0),
        "tables.scales[0]: max 3.0 is not above min 5.0",
    ),
    (
        "scale of a preset that does not exist",
        changed("scales", "preset", "lol"),
        "tables.scales[0]: preset 'lol' is not known; allowed: depression",
    ),
    (
        "scale name no command writes",
        changed("scales", "name", "Focus;x"),
        "tables.scales[0]: scale 'Focus;x' is not a usable name",
    ),
    (
        "own skill in a DBT module that does not exist (moodlog skills then failed)",
        lambda text: changed("skills", "module", "lol")(changed("skills", "category", "dbt")(text)),
        "tables.skills[0]: module 'lol' is not a module of dbt",
    ),
    (
        "own skill named as a built-in one",
        changed("skills", "name", "stop"),
        "tables.skills[0]: skill 'stop' is already in the catalogue as STOP",
    ),
    (
        "skill use of a skill not in the catalogue",
        changed("skill_uses", "skill", "Nope"),
        "tables.skill_uses[0] (id 1): skill 'Nope' is not in the catalogue",
    ),
    (
        "skill use code 9",
        changed("skill_uses", "score", 9),
        "tables.skill_uses[0] (id 1): score 9 is not a diary-card code; allowed: 0 to 7",
    ),
    (
        "session kind over two lines",
        changed("sessions", "kind", "group\ntherapy"),
        "tables.sessions[0] (id 1): kind 'group\\ntherapy' is not written as moodlog writes",
    ),
    (
        "side effect severity 4",
        changed("side_effects", "severity", 4),
        "tables.side_effects[0] (id 1): severity 4 is out of range; allowed: 1, 2 or 3",
    ),
    (
        "side effect resolved before it began",
        changed("side_effects", "resolved_date", "2026-01-01"),
        "tables.side_effects[0] (id 1): resolved_date '2026-01-01' is before onset_date",
    ),
    (
        "appointment with a name of 300 characters",
        changed("appointments", "with_whom", "x" * 300),
        "tables.appointments[0] (id 1): with_whom 'xxxx",
    ),
    (
        "question done before it was asked",
        changed("questions", "done_on", "1999-01-01"),
        "tables.questions[0] (id 1): done_on '1999-01-01' is before asked_on",
    ),
    (
        "question of 2,000 characters",
        changed("questions", "text", "q" * 2000),
        "is longer than 500 characters",
    ),
    (
        "safety flag with a reason its questionnaire does not raise",
        changed("safety_flags", "detail", "made up"),
        "tables.safety_flags[0] (id 1): trigger 'phq9-item9' with detail 'made up' is not a "
        "flag questionnaire 1 raises",
    ),
    (
        "safety flag of an entry that raises none",
        lambda text: changed("safety_flags", "questionnaire_id", None)(
            changed("safety_flags", "source", "entry")(changed("safety_flags", "entry_id", 1)(text))
        ),
        "tables.safety_flags[0] (id 1): trigger 'phq9-item9' with detail",
    ),
    (
        "symptom outside its scale",
        changed("entries", "symptoms", "focus=9"),
        "tables.entries[0] (id 1): symptom focus 9 is out of range; allowed: 0 to 3",
    ),
    (
        "questionnaire without its id (its safety flags refer to it by id)",
        changed("questionnaires", "id", None),
        "tables.questionnaires[0]: id is empty; it needs a value",
    ),
    (
        "note longer than 16 MiB",
        changed("entries", "note", "n" * (LONGEST_TEXT + 1)),
        f"tables.entries[0] (id 1): note is {LONGEST_TEXT + 1:,} characters long; allowed: up "
        f"to {LONGEST_TEXT:,} characters",
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
    for command in (
        ("export", "-f", "json"),
        ("stats",),
        ("med", "list", "--all"),
        ("status",),
        ("list",),
        ("skills",),
        ("scales",),
        ("ask", "--list"),
        ("appointment", "list"),
    ):
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


def test_a_time_written_without_its_leading_zero_is_stored_as_moodlog_writes_it(
    moodlog: Run, export_text: str, tmp_path: Path
) -> None:
    document = json.loads(export_text)
    document["tables"]["entries"][0]["time"] = "9:00"
    file = tmp_path / "all.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    journal = tmp_path / "restored.db"
    result = moodlog("--db", str(journal), "import", str(file))
    assert result.exit_code == 0, result.output
    again = moodlog("--db", str(journal), "export", "-f", "json")
    assert json.loads(again.stdout)["tables"] == json.loads(export_text)["tables"]


def test_a_setting_is_stored_as_config_writes_it(
    moodlog: Run, export_text: str, tmp_path: Path
) -> None:
    document = json.loads(export_text)
    document["tables"]["settings"] = [{"key": "day-starts-at", "value": "4:30"}]
    file = tmp_path / "all.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    journal = tmp_path / "restored.db"
    assert moodlog("--db", str(journal), "import", str(file)).exit_code == 0
    again = moodlog("--db", str(journal), "export", "-f", "json")
    settings = json.loads(again.stdout)["tables"]["settings"]
    # With the restored journal's own FHIR namespace, since the file held none.
    assert [s for s in settings if s["key"] != "fhir.id-namespace"] == [
        {"key": "day-starts-at", "value": "04:30"}
    ]


# --- the CSV doors: moodlog's entries CSV and Daylio's export ---------------------------------


def _csv_refused(moodlog: Run, tmp_path: Path, text: str, setup: tuple[str, ...] = ()) -> str:
    journal = tmp_path / "journal.db"
    empty_journal(moodlog, journal)
    if setup:
        assert moodlog("--db", str(journal), *setup).exit_code == 0
    before = journal.read_bytes()
    file = tmp_path / "import.csv"
    file.write_text(text, encoding="utf-8")
    result = moodlog("--db", str(journal), "import", str(file))
    assert result.exit_code == 1, result.output
    assert "unexpected error" not in result.output
    assert journal.read_bytes() == before
    return result.output


def test_an_entries_csv_time_is_stored_as_moodlog_writes_it(moodlog: Run, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    file = tmp_path / "entries.csv"
    file.write_text("day,time,mood\n2026-11-20,7:05,5\n2026-11-20,06:30,4\n", encoding="utf-8")
    assert moodlog("--db", str(journal), "import", str(file)).exit_code == 0
    exported = moodlog("--db", str(journal), "export", "--table", "entries").stdout
    times = [line.split(",")[2] for line in exported.splitlines()[1:]]
    assert times == ["07:05", "06:30"]  # in the order of the file, each as moodlog writes it


def test_an_entries_csv_symptom_outside_its_scale_is_refused(moodlog: Run, tmp_path: Path) -> None:
    output = _csv_refused(
        moodlog,
        tmp_path,
        "day,mood,symptoms\n2026-11-20,5,focus=9\n",
        ("scales", "add", "focus", "--min", "0", "--max", "3"),
    )
    assert "line 2: symptom focus 9 is out of range; allowed: 0 to 3" in output


def test_an_entries_csv_value_longer_than_16_mib_is_refused_by_column_and_length(
    moodlog: Run, tmp_path: Path
) -> None:
    note = "n" * (LONGEST_TEXT + 1)
    output = _csv_refused(moodlog, tmp_path, f"day,mood,note\n2026-11-20,5,{note}\n")
    assert (
        f"line 2: note is {LONGEST_TEXT + 1:,} characters long; allowed: up to "
        f"{LONGEST_TEXT:,} characters"
    ) in output


def test_a_daylio_note_longer_than_16_mib_is_refused(moodlog: Run, tmp_path: Path) -> None:
    note = "n" * (LONGEST_TEXT - 5)
    output = _csv_refused(
        moodlog,
        tmp_path,
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        f"2026-11-20,Nov 20,Friday,21:05,good,,a long title,{note}\n",
    )
    assert "line 2: note (note_title and note) is " in output
    assert f"allowed: up to {LONGEST_TEXT:,} characters" in output


def test_a_file_over_128_mib_is_refused_before_it_is_read(moodlog: Run, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    before = empty_journal(moodlog, journal)
    file = tmp_path / "huge.json"
    with file.open("wb") as huge:
        huge.truncate(128 * 1024 * 1024 + 1)  # sparse: takes no room on the disk
    result = moodlog("--db", str(journal), "import", str(file))
    assert result.exit_code == 1, result.output
    assert "huge.json is larger than 128 MiB, the largest file moodlog imports" in result.output
    assert journal.read_bytes() == before

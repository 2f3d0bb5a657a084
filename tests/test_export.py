"""`moodlog export`: every table, whole and exact, in the documented column order."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import stat
import subprocess
import sys
import uuid
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

import pytest

from moodlog.domain.daily_export import DAILY_COLUMNS
from moodlog.storage.journal import open_journal
from moodlog.storage.tables import JOURNAL_TABLES, RECORD_TABLES, TABLES
from tests.conftest import Run, days_ago, run_moodlog_process

DOCS = Path(__file__).parent.parent / "docs"
TABLE_NAMES = ("daily", *RECORD_TABLES)

# Every test here counts days from the calendar: the journal's today is made the same.
pytestmark = pytest.mark.usefixtures("noon_today")


def fill_every_table(moodlog: Run) -> None:
    """A journal with a row in every table: settings, scales, own skills, entries with notes
    that look like formulas, a dose change, doses taken, missed, skipped and as needed, a side
    effect, skills, a session, both questionnaires, a safety flag, an appointment, a
    question, a warning sign."""
    commands: list[tuple[str, ...]] = [
        ("config", "set", "day-starts-at", "05:00"),
        ("init", "--preset", "adhd"),
        ("skills", "add", "Box breathing", "--category", "own"),
        ("med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning,evening",
         "--start", days_ago(20)),
        ("med", "change", "sertraline", "--dose", "100mg", "--date", days_ago(10),
         "--reason", "still low"),
        ("med", "add", "lorazepam", "--dose", "0.5mg", "--prn", "--start", days_ago(20)),
        ("add", "--date", days_ago(5), "--time", "08:30", "--mood", "4.5", "--anxiety", "6",
         "--sleep", "6.25", "--sleep-quality", "2", "--symptom", "focus=2", "--tag", "work",
         "--note", 'Long day, "tired"\nsecond line', "--took", "sertraline",
         "--skill", "opposite=6", "--urge", "self-harm=3"),
        ("add", "--date", days_ago(5), "--time", "21:00", "--mood", "6", "--sleep", "7",
         "--tag", "friends", "--note", "=SUM(A1:A9)", "--share"),
        ("add", "--date", days_ago(4), "--mood", "3.3333333333333335", "--note", "-2 today"),
        ("add", "--date", days_ago(3), "--mood", "7", "--note", "@home +1 שלום 🎉"),
        ("took", "sertraline", "--date", days_ago(5), "--slot", "evening"),
        ("missed", "sertraline", "--date", days_ago(4), "--slot", "morning"),
        ("skipped", "sertraline", "--date", days_ago(4), "--slot", "evening",
         "--reason", "held on advice"),
        ("took", "lorazepam", "--date", days_ago(4), "--reason", "panic"),
        ("side-effect", "nausea", "--severity", "2", "--med", "sertraline",
         "--date", days_ago(9)),
        ("session", "individual", "--date", days_ago(3), "--note", "sleep, and work"),
        ("check", "phq9", "--answers", "1,1,2,1,0,1,1,0,1", "--difficulty", "1",
         "--date", days_ago(2)),
        ("check", "gad7", "--answers", "1,1,1,1,1,1,1", "--date", days_ago(2)),
        ("appointment", "add", days_ago(1), "--with", "Dr Rao"),
        ("ask", "Is 100 mg the right dose?"),
        ("warn", "add", "short sleep", "--when", "sleep < 5 on 2 nights in a row",
         "--plan", "Sleep before midnight.\nCall Dr Rao's office."),
    ]  # fmt: skip
    for command in commands:
        result = moodlog(*command)
        assert result.exit_code == 0, (command, result.output)


def read_table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def export_text(moodlog: Run, *args: str) -> str:
    result = moodlog("export", *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")  # .stdout would turn \r\n into \n


# --- the daily table -----------------------------------------------------------------------------


def test_export_alone_writes_daily_csv_with_a_row_for_every_day_logged_or_not(
    moodlog: Run,
) -> None:
    moodlog("add", "--date", days_ago(6), "--mood", "5")
    moodlog("add", "--date", days_ago(2), "--mood", "7")
    rows = read_table(export_text(moodlog))
    assert [row["day"] for row in rows] == [days_ago(n) for n in range(6, -1, -1)]
    assert [row["logged"] for row in rows] == ["1", "0", "0", "0", "1", "0", "0"]
    unlogged = rows[1]
    assert unlogged["entries"] == "0"
    assert unlogged["mood"] == ""
    assert unlogged["doses_scheduled"] == "0"


def test_daily_row_has_the_days_means_latest_sleep_and_dose_counts(moodlog: Run) -> None:
    fill_every_table(moodlog)
    rows = {row["day"]: row for row in read_table(export_text(moodlog, "--since", days_ago(5)))}
    five = rows[days_ago(5)]
    assert five["entries"] == "2"
    assert five["mood"] == "5.25"
    assert (five["mood_low"], five["mood_high"]) == ("4.5", "6")
    assert five["sleep_hours"] == "7"  # the latest recorded of the day
    assert five["sleep_quality"] == "2"  # only the morning gave one
    assert five["symptoms"] == "focus=2"
    assert five["urges"] == "self-harm=3"
    assert five["tags"] == "work;friends"
    assert five["doses_scheduled"] == "2"
    assert five["doses_taken"] == "2"
    assert five["doses"] == "sertraline morning=taken;sertraline evening=taken"
    # Code 6: used, didn't help.
    assert (five["skill_uses"], five["skills"], five["skills_used"]) == (
        "1",
        "Opposite action",
        "1",
    )
    assert (five["skills_helped"], five["skills_not_helped"], five["skills_could_not"]) == (
        "0",
        "1",
        "0",
    )
    assert five["safety_flags"] == "1"
    four = rows[days_ago(4)]
    assert (four["doses_missed"], four["doses_skipped"], four["prn_uses"]) == ("1", "1", "1")
    assert four["doses_not_logged"] == "0"
    three = rows[days_ago(3)]
    assert three["doses_not_logged"] == "2"
    assert three["sessions"] == "1"
    two = rows[days_ago(2)]
    assert (two["phq9"], two["gad7"]) == ("8", "7")
    assert rows[days_ago(1)]["appointments"] == "1"
    assert list(rows) == [days_ago(n) for n in range(5, -1, -1)]


def test_daily_dose_counts_add_up_to_the_dose_records_counted_by_hand(
    moodlog: Run, fixed_clock: Callable[[datetime], None]
) -> None:
    """The daily table's dose columns, summed, against the doses table read with plain pandas:
    sertraline is due morning and evening on every day from the journal's first day (five days
    ago, its first entry) and, at noon today, only its morning dose today (the evening's time
    has not come); nothing before the first day; lorazepam only as needed."""
    import pandas as pd

    fixed_clock(datetime.combine(date.today(), time(12, 0)).astimezone())
    fill_every_table(moodlog)
    daily = pd.read_csv(io.StringIO(export_text(moodlog, "--since", days_ago(12))))
    doses = pd.read_csv(io.StringIO(export_text(moodlog, "--table", "doses")))
    in_period = doses[doses["day"] >= days_ago(12)]
    sertraline = in_period[in_period["medicine"] == "sertraline"]["status"].value_counts()
    as_needed = in_period[in_period["medicine"] == "lorazepam"]

    assert len(daily) == 13
    before_the_journal = daily[daily["day"] < days_ago(5)]
    assert int(before_the_journal["doses_scheduled"].sum()) == 0
    scheduled = 2 * 5 + 1
    assert int(daily["doses_scheduled"].sum()) == scheduled
    assert int(daily["doses_taken"].sum()) == sertraline["taken"] == 2
    assert int(daily["doses_missed"].sum()) == sertraline["missed"] == 1
    assert int(daily["doses_skipped"].sum()) == sertraline["skipped"] == 1
    assert int(daily["doses_not_logged"].sum()) == scheduled - 4
    assert int(daily["prn_uses"].sum()) == len(as_needed) == 1


# --- every table ---------------------------------------------------------------------------------


def _documented_columns() -> dict[str, list[str]]:
    """Each table's columns as docs/csv.md lists them, in order."""
    documented: dict[str, list[str]] = {}
    table: str | None = None
    for line in (DOCS / "csv.md").read_text().splitlines():
        heading = re.match(r"^#{2,3} `(\w+)`", line)
        if heading:
            table = heading.group(1)
            documented[table] = []
            continue
        if line.startswith("#"):
            table = None
        row = re.match(r"^\| `(\w+)` \|", line)
        if table and row:
            documented[table].append(row.group(1))
    return documented


def test_docs_csv_md_lists_every_tables_columns_in_the_codes_order() -> None:
    documented = _documented_columns()
    assert documented.pop("daily") == list(DAILY_COLUMNS)
    # The entries export ends with the ranges of the scales its symptoms name.
    assert documented.pop("entries") == [*TABLES["entries"].columns, "symptom_scales"]
    assert documented == {
        table.name: list(table.columns) for table in JOURNAL_TABLES if table.name != "entries"
    }


def test_the_record_tables_have_the_journals_columns(journal_file: Path, moodlog: Run) -> None:
    import sqlite3

    moodlog("add", "--mood", "5")
    connection = sqlite3.connect(journal_file)
    for table in JOURNAL_TABLES:
        stored = {row[1] for row in connection.execute(f"PRAGMA table_info({table.name})")}
        assert set(table.columns) == stored, table.name
    connection.close()


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_pandas_reads_every_table_from_a_pipe_with_the_documented_columns(
    table: str, journal_file: Path, moodlog: Run
) -> None:
    fill_every_table(moodlog)
    columns = list(DAILY_COLUMNS) if table == "daily" else list(TABLES[table].columns)
    columns += ["symptom_scales"] if table == "entries" else []
    reader = (
        "import pandas, sys, json; frame = pandas.read_csv(sys.stdin); "
        "print(json.dumps([list(frame.columns), len(frame)]))"
    )
    python = shlex.quote(sys.executable)
    command = (
        f"{python} -m moodlog --db {shlex.quote(str(journal_file))} export --table {table} | "
        f"{python} -c {shlex.quote(reader)}"
    )
    done = subprocess.run(command, shell=True, capture_output=True, text=True, check=True)
    read_columns, count = json.loads(done.stdout)
    assert read_columns == columns
    assert count > 0


def test_entries_carry_every_note_private_or_shared(moodlog: Run) -> None:
    fill_every_table(moodlog)
    notes = {row["note"] for row in read_table(export_text(moodlog, "--table", "entries"))}
    assert 'Long day, "tired"\nsecond line' in notes
    assert "@home +1 שלום 🎉" in notes


def test_numbers_are_written_in_their_shortest_exact_form(moodlog: Run) -> None:
    fill_every_table(moodlog)
    rows = read_table(export_text(moodlog, "--table", "entries"))
    moods = [row["mood"] for row in rows]
    assert moods == ["4.5", "6", "3.3333333333333335", "7"]
    assert float(moods[2]) == 3.3333333333333335
    assert rows[0]["sleep_hours"] == "6.25"
    assert rows[0]["irritability"] == ""


def test_csv_lines_end_with_crlf_and_quote_only_what_needs_it(moodlog: Run) -> None:
    moodlog("add", "--mood", "5", "--note", "two\nlines, and a comma")
    text = export_text(moodlog, "--table", "entries")
    assert text.startswith("id,day,time,recorded_at,backfilled,mood,")
    assert text.endswith("\r\n")
    assert '"two\nlines, and a comma"' in text
    assert "\ufeff" not in text


def test_spreadsheet_safe_puts_an_apostrophe_before_formula_cells(moodlog: Run) -> None:
    fill_every_table(moodlog)
    exact = {row["note"] for row in read_table(export_text(moodlog, "--table", "entries"))}
    assert {"=SUM(A1:A9)", "-2 today", "@home +1 שלום 🎉"} <= exact
    safe = read_table(export_text(moodlog, "--table", "entries", "--spreadsheet-safe"))
    notes = {row["note"] for row in safe}
    assert {"'=SUM(A1:A9)", "'-2 today", "'@home +1 שלום 🎉"} <= notes
    assert 'Long day, "tired"\nsecond line' in notes
    assert [row["mood"] for row in safe] == ["4.5", "6", "3.3333333333333335", "7"]
    # The last column says the row's cells carry the mark, so an import can take it off.
    assert [row["spreadsheet_safe"] for row in safe] == ["1", "1", "1", "1"]
    assert list(safe[0]) == [*TABLES["entries"].columns, "symptom_scales", "spreadsheet_safe"]


def test_spreadsheet_safe_neutralises_a_leading_tab_or_carriage_return_too(moodlog: Run) -> None:
    for note in ("\tindented", "\rreturn", "'quoted", "'=already marked", "plain - text"):
        assert moodlog("add", "--mood", "5", "--note", note).exit_code == 0
    safe = read_table(export_text(moodlog, "-t", "entries", "--spreadsheet-safe"))
    # A note that already starts with an apostrophe before a formula start gets one more, so
    # the import knows which apostrophe is the mark; one that does not is left as it is.
    assert [row["note"] for row in safe] == [
        "'\tindented",
        "'\rreturn",
        "'quoted",
        "''=already marked",
        "plain - text",
    ]


def test_since_and_until_choose_records_by_their_own_date(moodlog: Run) -> None:
    fill_every_table(moodlog)
    entries = read_table(
        export_text(moodlog, "--table", "entries", "--since", days_ago(4), "--until", days_ago(3))
    )
    assert [row["day"] for row in entries] == [days_ago(4), days_ago(3)]
    regimen = read_table(export_text(moodlog, "--table", "regimen", "--since", days_ago(15)))
    assert [row["kind"] for row in regimen] == ["change"]
    questions = read_table(export_text(moodlog, "--table", "questions", "--until", days_ago(1)))
    assert questions == []


def test_json_table_is_an_array_of_records_with_numbers_as_numbers(moodlog: Run) -> None:
    fill_every_table(moodlog)
    records = json.loads(export_text(moodlog, "--table", "doses", "--format", "json"))
    assert list(records[0]) == list(TABLES["doses"].columns)
    assert records[0]["entry_id"] == 1
    assert records[-1]["reason"] == "panic"
    assert records[-1]["slot"] is None


def test_json_alone_is_the_whole_journal_in_one_document(moodlog: Run) -> None:
    fill_every_table(moodlog)
    document = json.loads(export_text(moodlog, "--format", "json"))
    assert document["moodlog"] == 1
    assert document["schema"][-1] == "0013_fhir_id_namespace"
    assert document["period"] is None
    tables = document["tables"]
    assert list(tables) == [table.name for table in JOURNAL_TABLES]
    # No command writes an announced episode of a warning sign yet: that table may be empty
    # (test_warning_signs.py carries one through the round trip).
    empty = [name for name in tables if not tables[name]]
    assert empty in ([], ["warning_sign_episodes"]), empty
    day_starts, namespace = tables["settings"]
    assert day_starts == {"key": "day-starts-at", "value": "05:00"}
    # Every journal holds the random namespace of its FHIR ids from its making.
    assert namespace["key"] == "fhir.id-namespace"
    assert uuid.UUID(namespace["value"]).version == 4
    assert tables["safety_flags"][0]["trigger"] == "self-harm-urge"


def test_the_same_journal_exports_to_the_same_bytes(moodlog: Run) -> None:
    fill_every_table(moodlog)
    assert export_text(moodlog, "--format", "json") == export_text(moodlog, "--table", "all")
    assert export_text(moodlog, "--table", "daily") == export_text(moodlog)


def test_an_empty_journal_exports_headers_only(moodlog: Run, journal_file: Path) -> None:
    open_journal(journal_file).close()
    assert export_text(moodlog) == ",".join(DAILY_COLUMNS) + "\r\n"
    assert export_text(moodlog, "--table", "questions", "-f", "json") == "[]\n"


# --- files and mistakes --------------------------------------------------------------------------


def test_export_out_writes_a_private_file_and_replaces_an_old_one(
    moodlog: Run, tmp_path: Path
) -> None:
    moodlog("add", "--mood", "5")
    target = tmp_path / "exports" / "entries.csv"
    result = moodlog("export", "--table", "entries", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert "Exported 1 entry (entries) to" in result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    moodlog("add", "--mood", "6")
    assert moodlog("export", "--table", "entries", "--out", str(target)).exit_code == 0
    assert len(read_table(target.read_text(encoding="utf-8"))) == 2
    assert [path.name for path in target.parent.iterdir()] == ["entries.csv"]


def test_export_out_into_a_folder_names_the_file_and_takes_the_format_from_a_suffix(
    moodlog: Run, tmp_path: Path
) -> None:
    moodlog("add", "--mood", "5", "--date", "2026-11-03")
    moodlog("add", "--mood", "6", "--date", "2026-11-05")
    exported = moodlog(
        "export", "--table", "entries", "--since", "2026-11-01", "--out", str(tmp_path)
    )
    assert exported.exit_code == 0
    # Named by the table and the days it covers: from --since to today.
    (written,) = tmp_path.glob("moodlog-entries-2026-11-01-*.csv")
    assert len(read_table(written.read_text(encoding="utf-8"))) == 2
    assert moodlog("export", "--out", str(tmp_path / "all.json")).exit_code == 0
    assert json.loads((tmp_path / "all.json").read_text())["moodlog"] == 1


def test_export_never_writes_over_the_journal(moodlog: Run, journal_file: Path) -> None:
    moodlog("add", "--mood", "5")
    before = journal_file.read_bytes()
    result = moodlog("export", "--out", str(journal_file), "--format", "csv")
    assert result.exit_code == 1
    assert "is the journal itself" in result.output
    assert journal_file.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--table", "moods"), "--table 'moods' is not a table; allowed: daily, entries"),
        (("--format", "xml"), "--format 'xml' is not known; allowed: csv, json"),
        (("--table", "all", "--format", "csv"), "--table all is the whole journal in one JSON"),
        (("--format", "json", "--spreadsheet-safe"), "--spreadsheet-safe is for CSV"),
        (("--since", "2026-02-30"), "--since '2026-02-30' does not exist in the calendar"),
        (("--since", "today", "--until", "yesterday"), "is after --until"),
        (("--format", "csv", "--out", "x.json"), "--out x.json ends in .json but --format is"),
    ],
)
def test_a_wrong_option_is_named_with_what_is_allowed(
    moodlog: Run, args: tuple[str, ...], message: str
) -> None:
    assert moodlog("add", "--mood", "6").exit_code == 0  # export reads only a journal that is
    result = moodlog("export", *args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_export_into_a_pipe_its_reader_closed_ends_quietly(journal_file: Path) -> None:
    added = run_moodlog_process("--db", str(journal_file), "add", "--mood", "5")
    assert added.returncode == 0, added.stderr
    process = subprocess.Popen(
        [sys.executable, "-m", "moodlog", "--db", str(journal_file), "export"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # like `| head` that has read all it wanted
    errors = process.stderr.read().decode()
    process.wait(timeout=60)
    assert process.returncode == 0
    assert errors == ""


def test_export_loads_neither_pandas_nor_matplotlib(journal_file: Path) -> None:
    code = (
        "import sys\n"
        "from moodlog.cli import main\n"
        f"sys.argv = ['moodlog', '--db', {str(journal_file)!r}, 'export', '--out', "
        f"{str(journal_file.parent / 'x.csv')!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({'pandas', 'numpy', 'matplotlib'} & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"

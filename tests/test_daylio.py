"""Importing Daylio's CSV export: real files' byte-order marks, CRLF line ends, 12-hour times,
multi-line notes, emoji and right-to-left text; moods, activities and idempotence."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import time
from pathlib import Path
from typing import Any

import pytest

from moodlog.domain.daylio import activity_tag, parse_daylio_time
from moodlog.errors import InvalidValue
from tests.conftest import Run

SAMPLE = Path(__file__).parent / "fixtures" / "daylio_export.csv"
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note"


def sample_rows() -> list[dict[str, str]]:
    with SAMPLE.open(newline="", encoding="utf-8") as source:
        return list(csv.DictReader(source))


def daylio_text(rows: list[dict[str, str]], twelve_hour: bool = False) -> str:
    """Rows written as Daylio writes them (CRLF, quoted fields); times in the 12-hour form a
    US phone writes (``10:05 PM``) when asked."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER.split(","))
    for row in rows:
        clock = row["time"]
        if twelve_hour:
            hour, minute = (int(part) for part in clock.split(":"))
            clock = f"{(hour - 1) % 12 + 1}:{minute:02d}\u202f{'PM' if hour >= 12 else 'AM'}"
        note = row["note"].replace("\n", "\r\n")
        writer.writerow(
            [
                row["full_date"],
                row["date"],
                row["weekday"],
                clock,
                row["mood"],
                row["activities"],
                row["note_title"],
                note,
            ]
        )
    return buffer.getvalue()


def daylio_file(path: Path, text: str, bom: bool = True) -> Path:
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def entries(journal: Path) -> list[tuple[Any, ...]]:
    """The journal's entries as SQLite gives them (each column's type is the column's own)."""
    connection = sqlite3.connect(journal)
    try:
        return connection.execute(
            "SELECT day, time, mood, tags, note, backfilled, recorded_at FROM entries "
            "ORDER BY day, time"
        ).fetchall()
    finally:
        connection.close()


def imported(moodlog: Run, *args: str) -> str:
    result = moodlog(*args)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_daylio_sample_imports_with_its_rows_tags_and_notes_intact(
    moodlog: Run, journal_file: Path
) -> None:
    output = imported(moodlog, "import", str(SAMPLE))
    assert output.startswith("Imported 10 entries from daylio_export.csv (Daylio CSV export).")
    rows = entries(journal_file)
    assert len(rows) == 10
    by_moment = {(row[0], row[1]): row for row in rows}
    assert by_moment[("2026-10-14", "22:05")][2:5] == (
        7.5,
        "friends;exercise;good sleep",
        "Walked with Sam after work.",
    )
    assert by_moment[("2026-10-12", "23:10")][2:5] == (
        2.5,
        "work;bad sleep;headache",
        "Rough day\nCouldn't focus. Skipped lunch.",
    )
    assert by_moment[("2026-10-12", "08:15")][2:5] == (5.0, "bad sleep", None)
    assert by_moment[("2026-10-11", "20:30")][2:5] == (
        10.0,
        "family;cooking;movies",
        "Dinner with my sister 🎉",
    )
    assert by_moment[("2026-10-09", "22:45")][2] == 0.0
    assert by_moment[("2026-10-08", "21:00")][2:5] == (5.0, None, None)
    assert by_moment[("2026-10-07", "21:15")][4] == 'Note with a comma, and "quotes" inside'
    assert by_moment[("2026-10-06", "22:00")][4] == (
        "Multi-line note:\nwoke at 4am\ncouldn't get back to sleep"
    )
    assert all(row[5] == 0 for row in rows)  # recorded at their own moment: not back-filled
    assert by_moment[("2026-10-14", "22:05")][6].startswith("2026-10-14T22:05:00")


def test_the_same_daylio_file_imported_again_adds_nothing(moodlog: Run, journal_file: Path) -> None:
    imported(moodlog, "import", str(SAMPLE))
    again = imported(moodlog, "import", str(SAMPLE))
    assert again.startswith("Nothing to add from daylio_export.csv")
    assert len(entries(journal_file)) == 10


def test_a_12_hour_crlf_bom_export_gives_the_same_entries_and_adds_nothing_after_the_24_hour_one(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    variant = daylio_file(tmp_path / "us.csv", daylio_text(sample_rows(), twelve_hour=True))
    raw = variant.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    assert b"10:05\xe2\x80\xafPM" in raw
    other = tmp_path / "other.db"
    imported(moodlog, "--db", str(other), "import", str(variant))
    imported(moodlog, "import", str(SAMPLE))
    assert entries(other) == entries(journal_file)
    assert imported(moodlog, "import", str(variant)).startswith("Nothing to add from us.csv")


def test_a_later_export_adds_only_the_new_entries(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    rows = sample_rows()
    older = daylio_file(tmp_path / "october.csv", daylio_text(rows[3:]))
    imported(moodlog, "import", str(older))
    output = imported(moodlog, "import", str(SAMPLE))
    assert output.startswith("Imported 3 entries")
    assert "7 already in the journal: not added again." in output
    assert len(entries(journal_file)) == 10


def test_two_identical_rows_are_two_entries_and_stay_two(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    row = sample_rows()[7]
    twice = daylio_file(tmp_path / "twice.csv", daylio_text([row, row]))
    assert imported(moodlog, "import", str(twice)).startswith("Imported 2 entries")
    assert imported(moodlog, "import", str(twice)).startswith("Nothing to add")
    assert len(entries(journal_file)) == 2


def test_right_to_left_text_and_emoji_survive_in_notes_and_titles(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    rows = sample_rows()[:1]
    rows[0]["note_title"] = "יום טוב 🌞"
    rows[0]["note"] = 'مرحبا\nשלום, "עולם" 👋🏽 \u200fend'
    made = daylio_file(tmp_path / "rtl.csv", daylio_text(rows))
    imported(moodlog, "import", str(made))
    (row,) = entries(journal_file)
    assert row[4] == 'יום טוב 🌞\nمرحبا\nשלום, "עולם" 👋🏽 \u200fend'
    shown = moodlog("show", "1").output
    assert "👋🏽" in shown


def test_moods_outside_daylios_five_are_named_with_their_lines_until_mapped(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    rows = sample_rows()
    rows[0]["mood"] = "Super"
    rows[2]["mood"] = "super"
    rows[5]["mood"] = "so-so"
    made = daylio_file(tmp_path / "custom.csv", daylio_text(rows))
    result = moodlog("import", str(made))
    assert result.exit_code == 1
    assert "custom.csv: 3 rows cannot be imported, so nothing was imported" in result.output
    assert "lines 2, 4: mood 'Super' is not one of Daylio's five (rad, good, meh, bad, awful)" in (
        result.output
    )
    assert "--mood-map 'Super=N'" in result.output
    assert "line 7: mood 'so-so'" in result.output
    assert entries(journal_file) == []
    output = imported(
        moodlog, "import", str(made), "--mood-map", "SUPER=9", "--mood-map", "so-so=4.5"
    )
    assert output.startswith("Imported 10 entries")
    moods = sorted(row[2] for row in entries(journal_file))
    assert moods.count(9.0) == 2
    assert 4.5 in moods


def test_a_mood_map_can_change_one_of_the_five(moodlog: Run, journal_file: Path) -> None:
    imported(moodlog, "import", str(SAMPLE), "--mood-map", "meh=4")
    assert sorted(row[2] for row in entries(journal_file)).count(4.0) == 3


def test_a_bad_mood_map_is_named(moodlog: Run) -> None:
    result = moodlog("import", str(SAMPLE), "--mood-map", "super=11")
    assert result.exit_code == 1
    assert "--mood-map 'super=11': mood 11 is out of range; allowed: a number from 0 to 10" in (
        result.output
    )
    result = moodlog("import", str(SAMPLE), "--mood-map", "super")
    assert "--mood-map 'super' needs the form NAME=VALUE" in result.output


def test_a_file_with_one_bad_row_imports_nothing_and_names_its_line_and_value(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    rows = sample_rows()
    rows[9]["time"] = "25:10"  # the last row, after the multi-line note of line 11
    made = daylio_file(tmp_path / "bad.csv", daylio_text(rows))
    result = moodlog("import", str(made))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "moodlog: bad.csv: 1 row cannot be imported, so nothing was imported; fix it and import "
        "the file again:",
        "  line 11: time '25:10' is not a time; allowed: 24-hour 22:05 or 12-hour 10:05 PM",
    ]
    assert entries(journal_file) == []


def test_every_bad_row_is_listed_by_its_line(moodlog: Run, tmp_path: Path) -> None:
    rows = sample_rows()
    rows[1]["full_date"] = "2026-10-32"
    rows[3]["time"] = "13:15 PM"
    rows[4]["mood"] = ""
    made = daylio_file(tmp_path / "bad.csv", daylio_text(rows), bom=False)
    result = moodlog("import", str(made), "--dry-run")
    assert result.exit_code == 1
    assert "3 rows cannot be imported" in result.output
    assert "line 3: full_date '2026-10-32' is not a date" in result.output
    assert "line 5: time '13:15 PM' is not a time" in result.output
    assert "line 6: mood is empty" in result.output


def test_dry_run_checks_the_daylio_file_and_saves_nothing(moodlog: Run, journal_file: Path) -> None:
    output = imported(moodlog, "import", str(SAMPLE), "--dry-run")
    assert output.splitlines() == [
        "Would import 10 entries from daylio_export.csv (Daylio CSV export).",
        "Nothing was saved (--dry-run).",
    ]
    assert not journal_file.exists()  # checked against an empty journal in memory
    assert moodlog("add", "--date", "2026-01-01", "--mood", "5").exit_code == 0
    again = imported(moodlog, "import", str(SAMPLE), "--dry-run")
    assert again.startswith("Would import 10 entries")
    assert len(entries(journal_file)) == 1  # the journal's own entry, nothing imported


def test_activities_become_tags_and_what_no_tag_can_hold_is_kept_in_the_note(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    rows = sample_rows()[:1]
    rows[0]["activities"] = "Café | Work/Study | a=b;c | 🎮 | שינה | Good Sleep"
    rows[0]["note"] = ""
    made = daylio_file(tmp_path / "acts.csv", daylio_text(rows))
    output = imported(moodlog, "import", str(made))
    assert "Activities written as tag names: 'Work/Study' → Work Study" in output
    assert "'a=b;c' → a b c" in output
    assert "Café" not in output  # kept as it is, case and accent and all
    assert "Activities no tag name can hold, kept in their entries' notes: 🎮." in output
    (row,) = entries(journal_file)
    assert row[3] == "Café;Work Study;a b c;שינה;Good Sleep"
    assert row[4] == "Daylio activities: 🎮"


def test_an_activity_takes_the_spelling_the_journal_has_for_its_tag(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    assert moodlog("add", "--date", "2026-01-01", "--mood", "5", "--tag", "café").exit_code == 0
    rows = sample_rows()[:2]
    rows[0]["activities"] = "Café | Good Sleep"
    rows[1]["activities"] = "CAFÉ | good sleep"
    imported(moodlog, "import", str(daylio_file(tmp_path / "acts.csv", daylio_text(rows))))
    tags = sorted(row[3] for row in entries(journal_file))
    assert tags == ["café", "café;Good Sleep", "café;Good Sleep"]


def test_daylio_is_told_from_its_header_and_from_daylio_checks_it(
    moodlog: Run, tmp_path: Path
) -> None:
    assert imported(moodlog, "import", str(SAMPLE), "--from", "daylio").startswith("Imported")
    result = moodlog("import", str(SAMPLE), "--from", "moodlog")
    assert result.exit_code == 1
    assert "is Daylio's export; use --from daylio" in result.output


def test_imported_daylio_entries_go_out_in_the_entries_export_and_back(
    moodlog: Run, tmp_path: Path
) -> None:
    imported(moodlog, "import", str(SAMPLE))
    exported = moodlog("export", "--table", "entries").stdout_bytes.decode()
    saved = tmp_path / "entries.csv"
    saved.write_text(exported, encoding="utf-8", newline="")
    other = tmp_path / "other.db"
    imported(moodlog, "--db", str(other), "import", str(saved))
    assert moodlog("--db", str(other), "export", "-t", "entries").stdout_bytes.decode() == exported
    # The import keys came along: the Daylio file adds nothing there either.
    again = imported(moodlog, "--db", str(other), "import", str(SAMPLE))
    assert again.startswith("Nothing to add")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22:05", time(22, 5)),
        ("7:05", time(7, 5)),
        ("10:05 PM", time(22, 5)),
        ("10:05 pm", time(22, 5)),
        ("10:05\u202fPM", time(22, 5)),
        ("10:05\u00a0p.m.", time(22, 5)),
        ("12:00 AM", time(0, 0)),
        ("12:30 PM", time(12, 30)),
        ("9:15 a.m.", time(9, 15)),
        ("21:40:15", time(21, 40)),
    ],
)
def test_times_in_the_forms_phones_write_them(text: str, expected: time) -> None:
    assert parse_daylio_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "13:00 PM", "0:30 AM", "noon", "10h05", ""])
def test_times_that_are_not_times_are_refused(text: str) -> None:
    with pytest.raises(InvalidValue, match="is not a time"):
        parse_daylio_time(text)


@pytest.mark.parametrize(
    ("activity", "tag"),
    [
        ("Good Sleep", "Good Sleep"),
        ("Café", "Café"),
        ("Cafe\u0301", "Café"),  # the accent as a second character: the same tag
        ("Über", "Über"),
        ("朋友", "朋友"),
        ("Work & Study", "Work Study"),
        ("self-care", "self-care"),
        ("☕ coffee", "coffee"),
        ("Straße", "Straße"),
        ("'quoted'", "quoted'"),
        ("🎮", None),
        ("שינה", "שינה"),
        ("x" * 70, "x" * 60),
    ],
)
def test_an_activity_becomes_a_tag_moodlog_can_hold(activity: str, tag: str | None) -> None:
    assert activity_tag(activity) == tag

"""Every kind of record can be listed, shown, changed and deleted through the real commands, and
a deleted record's text is gone from the file's bytes (docs/corrections.md).

Each kind is one row of KINDS: how a person makes the record (its text carries SECRET), and the
commands that list, show, change and delete it. ``{id}`` in a command is the id the making
command printed.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import Run

SECRET = "quokka-amber-5150"


@dataclass(frozen=True)
class Kind:
    name: str
    make: tuple[str, ...]  # prints the new record's id as the first number after "Saved "
    listing: tuple[str, ...]
    show: tuple[str, ...]
    edit: tuple[str, ...]
    edited: str  # in `show` after the edit, not before
    delete: tuple[str, ...]
    setup: tuple[tuple[str, ...], ...] = ()  # commands run first (a medicine for a dose log)


KINDS = [
    Kind(
        "session",
        make=("session", "individual", "--date", "yesterday", "--note", SECRET),
        listing=("session", "list"),
        show=("session", "show", "{id}"),
        edit=("session", "edit", "{id}", "--kind", "group"),
        edited="group",
        delete=("session", "delete", "{id}", "--yes"),
    ),
    # --- medication and appointment kinds ---
    Kind(
        "appointment",
        make=("appointment", "add", "2026-03-02", "--with", SECRET),
        listing=("appointment", "list"),
        show=("appointment", "show", "{id}"),
        edit=("appointment", "edit", "{id}", "--date", "2026-03-09"),
        edited="2026-03-09",
        delete=("appointment", "delete", "{id}", "--yes"),
    ),
    Kind(
        "question",
        make=("ask", f"Is {SECRET} the right dose?"),
        listing=("ask", "list"),
        show=("ask", "show", "{id}"),
        edit=("ask", "edit", "{id}", f"Is {SECRET} too much?"),
        edited="too much",
        delete=("ask", "delete", "{id}", "--yes"),
    ),
    Kind(
        "dose",
        setup=(("med", "add", "lorazepam", "--dose", "1mg", "--prn", "--start", "2026-01-01"),),
        make=("took", "lorazepam", "--date", "yesterday", "--reason", SECRET),
        listing=("dose", "list"),
        show=("dose", "show", "{id}"),
        edit=("dose", "edit", "{id}", "--time", "14:35"),
        edited="14:35",
        delete=("dose", "delete", "{id}", "--yes"),
    ),
    Kind(
        "side effect",
        make=("side-effect", SECRET, "--severity", "2", "--date", "yesterday"),
        listing=("side-effect", "list"),
        show=("side-effect", "show", "{id}"),
        edit=("side-effect", "edit", "{id}", "--severity", "3"),
        edited="severe",
        delete=("side-effect", "delete", "{id}", "--yes"),
    ),
    # --- end of medication and appointment kinds ---
]


def _bytes_on_disk(journal_file: Path) -> bytes:
    """The journal and its side files, as anyone with the disk could read them."""
    return b"".join(path.read_bytes() for path in sorted(journal_file.parent.glob("moodlog.db*")))


def _saved_id(output: str) -> str:
    found = re.search(r"Saved [^\d]*?(\d+)", output)
    assert found, output
    return found.group(1)


def _with_id(words: tuple[str, ...], record_id: str) -> list[str]:
    return [word.replace("{id}", record_id) for word in words]


def _make(moodlog: Run, kind: Kind) -> Result:
    for line in kind.setup:
        assert moodlog(*line).exit_code == 0, line
    return moodlog(*kind.make)


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_a_record_is_listed_shown_changed_and_deleted_for_good(
    moodlog: Run, journal_file: Path, kind: Kind
) -> None:
    made = _make(moodlog, kind)
    assert made.exit_code == 0, made.output
    record_id = _saved_id(made.output)

    listed = moodlog(*kind.listing)
    assert listed.exit_code == 0, listed.output
    assert re.search(rf"^\s*{record_id}\s", listed.output, re.MULTILINE), listed.output

    shown = moodlog(*_with_id(kind.show, record_id))
    assert shown.exit_code == 0, shown.output
    assert SECRET in shown.output
    assert kind.edited not in shown.output

    edited = moodlog(*_with_id(kind.edit, record_id))
    assert edited.exit_code == 0, edited.output
    assert kind.edited in moodlog(*_with_id(kind.show, record_id)).output

    assert SECRET.encode() in _bytes_on_disk(journal_file)
    deleted = moodlog(*_with_id(kind.delete, record_id))
    assert deleted.exit_code == 0, deleted.output
    assert f"Deleted {kind.name} {record_id}" in deleted.output
    assert SECRET.encode() not in _bytes_on_disk(journal_file)

    gone = moodlog(*_with_id(kind.show, record_id))
    assert gone.exit_code == 1
    assert f"{kind.name} {record_id} is not in the journal" in gone.output
    assert not re.search(rf"^\s*{record_id}\s", moodlog(*kind.listing).output, re.MULTILINE)


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_a_delete_without_a_terminal_asks_for_yes_and_keeps_the_record(
    moodlog: Run, journal_file: Path, kind: Kind
) -> None:
    record_id = _saved_id(_make(moodlog, kind).output)
    asked = moodlog(*_with_id(kind.delete, record_id)[:-1])  # without --yes
    assert asked.exit_code == 1
    assert f"deleting {kind.name} {record_id} needs --yes" in asked.output
    assert SECRET in moodlog(*_with_id(kind.show, record_id)).output


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_an_edit_with_nothing_to_change_says_so(moodlog: Run, kind: Kind) -> None:
    record_id = _saved_id(_make(moodlog, kind).output)
    result = moodlog(*_with_id(kind.edit, record_id)[:3])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Nothing changed")


# --- Sessions ---------------------------------------------------------------------------------


def test_the_session_command_still_records_with_a_kind_or_without(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("session").exit_code == 0
    assert moodlog("session", "dbt skills", "--date", "2026-11-02").exit_code == 0
    with sqlite3.connect(journal_file) as connection:
        rows = connection.execute("SELECT kind, day FROM sessions ORDER BY id").fetchall()
    assert rows[0][0] == "therapy"
    assert rows[1] == ("dbt skills", "2026-11-02")


def test_a_session_listing_covers_the_period_asked_for(moodlog: Run) -> None:
    for day in ("2026-01-05", "2026-06-05", "2026-11-05"):
        assert moodlog("session", "group", "--date", day).exit_code == 0
    everything = moodlog("session", "list").output
    assert everything.splitlines()[0] == "All sessions: 3"
    since = moodlog("session", "list", "--since", "2026-06-01", "--until", "2026-06-30").output
    assert since.splitlines()[0] == "Sessions, 2026-06-01 to 2026-06-30: 1"
    assert "2026-06-05" in since
    assert "2026-01-05" not in since
    assert "2026-11-05" not in since


def test_a_session_moved_to_a_later_day_than_today_is_refused(moodlog: Run) -> None:
    assert moodlog("session").exit_code == 0
    result = moodlog("session", "edit", "1", "--date", "2099-01-01")
    assert result.exit_code == 1
    assert "is in the future" in result.output
    assert "therapy" in moodlog("session", "show", "1").output


# --- Appointments and questions -----------------------------------------------------------


def test_an_appointment_edit_changes_whom_it_is_with_and_forgets_the_old_name(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("appointment", "add", "2026-03-02", "--with", SECRET).exit_code == 0
    edited = moodlog("appointment", "edit", "1", "--with", "Dr Okafor")
    assert edited.exit_code == 0, edited.output
    assert "Dr Okafor" in moodlog("appointment", "show", "1").output
    assert SECRET.encode() not in _bytes_on_disk(journal_file)
    cleared = moodlog("appointment", "edit", "1", "--clear-with")
    assert cleared.exit_code == 0, cleared.output
    assert "Dr Okafor" not in moodlog("appointment", "list").output


def test_an_appointment_moved_onto_the_same_one_is_refused(moodlog: Run) -> None:
    moodlog("appointment", "add", "2026-03-02", "--with", "Dr Rao")
    moodlog("appointment", "add", "2026-03-09", "--with", "Dr Rao")
    moved = moodlog("appointment", "edit", "2", "--date", "2026-03-02")
    assert moved.exit_code == 1
    assert "already in the journal (id 1)" in moved.output
    assert "2026-03-09" in moodlog("appointment", "show", "2").output


def test_an_appointment_listing_covers_the_period_asked_for(moodlog: Run) -> None:
    for day in ("2026-01-05", "2026-06-05"):
        moodlog("appointment", "add", day)
    listed = moodlog("appointment", "list", "--since", "2026-06-01", "--until", "2026-06-30")
    assert listed.output.splitlines()[0] == "Appointments, 2026-06-01 to 2026-06-30: 1"
    assert "2026-01-05" not in listed.output


def test_ask_list_shows_done_questions_too_and_ask_done_marks_one(moodlog: Run) -> None:
    moodlog("ask", "Why do I wake at 4?")
    moodlog("ask", "Is 100 mg right?")
    done = moodlog("ask", "done", "1")
    assert done.exit_code == 0, done.output
    assert done.output.startswith("Marked question 1 done")
    listed = moodlog("ask", "list").output
    assert listed.splitlines()[0] == "All questions: 2"
    assert "Why do I wake at 4?" in listed
    assert "Is 100 mg right?" in listed
    # `ask --list` is what is still open for the next report.
    still_open = moodlog("ask", "--list").output
    assert "Why do I wake at 4?" not in still_open
    assert "Is 100 mg right?" in still_open
    shown = moodlog("ask", "show", "1").output
    assert "done      " in shown
    assert "not yet" not in shown


def test_a_question_reworded_keeps_whether_it_is_done(moodlog: Run) -> None:
    moodlog("ask", "Why do I wake at 4?")
    moodlog("ask", "--done", "1")
    assert moodlog("ask", "edit", "1", "Why do I wake at 5?").exit_code == 0
    shown = moodlog("ask", "show", "1").output
    assert "Why do I wake at 5?" in shown
    assert "not yet" not in shown
    same = moodlog("ask", "edit", "1", "Why do I wake at 5?")
    assert same.output == "Nothing changed: question 1 already says that.\n"


# --- Dose logs ------------------------------------------------------------------------------


def _sertraline_four_days(moodlog: Run) -> None:
    """sertraline once a day from 2026-11-20; taken on the 20th, missed on the 21st, taken on
    the 22nd, nothing logged on the 23rd."""
    for line in (
        ("med", "add", "sertraline", "--dose", "50mg", "--start", "2026-11-20"),
        ("add", "--date", "2026-11-20", "--mood", "5"),
        ("took", "sertraline", "--date", "2026-11-20"),
        ("missed", "sertraline", "--date", "2026-11-21"),
        ("took", "sertraline", "--date", "2026-11-22"),
    ):
        assert moodlog(*line).exit_code == 0, line


def _sertraline_stats(moodlog: Run) -> str:
    output = moodlog("stats", "--since", "2026-11-20", "--until", "2026-11-23").output
    (line,) = [line for line in output.splitlines() if line.startswith("sertraline:")]
    return line


def test_a_dose_edited_or_deleted_changes_adherence_everywhere(
    moodlog: Run, journal_file: Path
) -> None:
    _sertraline_four_days(moodlog)
    # 4 doses due: 2 taken, 1 missed, 1 not logged: 2/4 = 50%, 2 of 3 logged = 67%.
    assert _sertraline_stats(moodlog) == (
        "sertraline: 50% · 2 taken, 1 missed, 1 not logged · 67% of logged"
    )
    # The miss of the 21st was in fact a dose held on advice: 2 / (4 - 1) = 67%, 2 of 2 logged.
    edited = moodlog("dose", "edit", "2", "--status", "skipped", "--reason", "blood test")
    assert edited.exit_code == 0, edited.output
    assert _sertraline_stats(moodlog) == (
        "sertraline: 67% · 2 taken, 0 missed, 1 not logged, 1 skipped · 100% of logged"
    )
    # The dose of the 22nd was logged by mistake: 1 / (4 - 1) = 33%, 2 not logged.
    assert moodlog("dose", "delete", "3", "--yes").exit_code == 0
    assert _sertraline_stats(moodlog) == (
        "sertraline: 33% · 1 taken, 0 missed, 2 not logged, 1 skipped · 100% of logged"
    )
    exported = moodlog("export", "--table", "doses").output
    assert "blood test" in exported
    assert len(exported.strip().splitlines()) == 3  # the header and the two logs left


def test_a_dose_edit_is_checked_as_a_new_log_is(moodlog: Run) -> None:
    _sertraline_four_days(moodlog)
    taken_twice = moodlog("dose", "edit", "3", "--date", "2026-11-20")
    assert taken_twice.exit_code == 1
    assert "is logged already (dose 1)" in taken_twice.output
    not_yet = moodlog("dose", "edit", "1", "--date", "2026-11-19")
    assert not_yet.exit_code == 1
    assert "sertraline" in not_yet.output
    missed_at = moodlog("dose", "edit", "2", "--time", "08:00")
    assert missed_at.exit_code == 1
    assert "only a dose taken has a time" in missed_at.output
    wrong = moodlog("dose", "edit", "2", "--status", "forgot")
    assert wrong.exit_code == 1
    assert "'forgot' is not one of taken, missed, skipped" in wrong.output
    # Moved to the day nothing was logged on, it answers that day's dose.
    moved = moodlog("dose", "edit", "3", "--date", "2026-11-23")
    assert moved.exit_code == 0, moved.output
    assert "2026-11-23" in moodlog("dose", "show", "3").output


def test_a_dose_logged_again_and_then_deleted_leaves_the_dose_not_logged(moodlog: Run) -> None:
    _sertraline_four_days(moodlog)
    # Logged again by its slot, the dose of the 21st is corrected by a new log (dose 4).
    assert moodlog("took", "sertraline", "--date", "2026-11-21", "--slot", "once").exit_code == 0
    assert "corrects  dose 2" in moodlog("dose", "show", "4").output
    listed = moodlog("dose", "list", "--since", "2026-11-20", "--until", "2026-11-23").output
    assert not re.search(r"^\s*2\s", listed, re.MULTILINE)  # corrected: it no longer counts
    deleted = moodlog("dose", "delete", "4", "--yes")
    assert deleted.output.startswith("Deleted dose 4 (")
    assert "and 1 earlier log of it" in deleted.output
    # 4 due: taken on the 20th and 22nd, nothing on the 21st or 23rd: 2/4 = 50%, 2 of 2 logged.
    assert _sertraline_stats(moodlog) == (
        "sertraline: 50% · 2 taken, 0 missed, 2 not logged · 100% of logged"
    )


def test_an_as_needed_dose_logged_twice_in_minutes_is_named_not_refused(
    moodlog: Run, fixed_clock: Callable[[datetime], None]
) -> None:
    start = ("--start", "2026-01-01")
    assert moodlog("med", "add", "lorazepam", "--dose", "1mg", "--prn", *start).exit_code == 0
    fixed_clock(datetime(2026, 11, 20, 14, 2).astimezone())
    assert moodlog("took", "lorazepam").exit_code == 0
    fixed_clock(datetime(2026, 11, 20, 14, 5).astimezone())
    second = moodlog("took", "lorazepam")
    assert second.exit_code == 0
    assert second.output.splitlines()[-1] == (
        "You logged lorazepam at 14:02 too (dose 1); if this one is a slip: moodlog dose delete 2"
    )
    fixed_clock(datetime(2026, 11, 20, 19, 0).astimezone())
    assert "You logged" not in moodlog("took", "lorazepam").output


# --- Side effects ---------------------------------------------------------------------------


def test_the_side_effect_command_still_records_and_resolves(moodlog: Run) -> None:
    made = moodlog("side-effect", "nausea", "--severity", "2", "--date", "2026-11-02")
    assert made.output.startswith("Saved side effect 1: nausea, moderate (2)")
    resolved = moodlog("side-effect", "nausea", "--resolved", "2026-11-09")
    assert resolved.exit_code == 0, resolved.output
    assert resolved.output.startswith("Marked resolved: nausea")
    assert "2026-11-09" in moodlog("side-effect", "show", "1").output


def test_a_side_effect_cannot_resolve_before_it_began(moodlog: Run) -> None:
    moodlog("side-effect", "nausea", "--severity", "2", "--date", "2026-11-02")
    moodlog("side-effect", "nausea", "--resolved", "2026-11-09")
    early = moodlog("side-effect", "edit", "1", "--resolved", "2026-11-01")
    assert early.exit_code == 1
    assert "is before nausea began (2026-11-02)" in early.output
    # Nor move its onset after the day it resolved.
    late = moodlog("side-effect", "edit", "1", "--date", "2026-11-10")
    assert late.exit_code == 1
    assert "is before nausea began (2026-11-10)" in late.output
    assert moodlog("side-effect", "edit", "1", "--ongoing").exit_code == 0
    assert "ongoing" in moodlog("side-effect", "show", "1").output


def test_a_side_effect_edit_names_the_medicine_as_logging_does(moodlog: Run) -> None:
    moodlog("med", "add", "sertraline", "--dose", "50mg", "--start", "2026-01-01")
    moodlog("side-effect", "nausea", "--severity", "2")
    assert moodlog("side-effect", "edit", "1", "--med", "sert").exit_code == 0
    assert "sertraline" in moodlog("side-effect", "show", "1").output
    unknown = moodlog("side-effect", "edit", "1", "--med", "lithium")
    assert unknown.exit_code == 1
    assert "sertraline" in unknown.output

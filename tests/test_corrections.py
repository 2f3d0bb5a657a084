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
    # The record's id when `make` does not print it: a name (skills, scales), or the first id
    # of a fresh journal.
    record_id: str | None = None
    # Text of the record's own, in `show` and in the file until the record is deleted.
    secret: str = SECRET
    # A command run after `make`, so the record has what makes its deletion ask (a skill's
    # logged use, a scale's rating).
    then: tuple[str, ...] = ()
    # What `show` says once the record is gone.
    missing: str = "{name} {id} is not in the journal"
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
    # --- rec17a: therapy kinds ---
    Kind(
        "skill use",
        make=("add", "--skill", "opposite action=6"),
        record_id="1",
        secret="Opposite action",  # a skill use's own text is its skill's name
        listing=("skill-use", "list"),
        show=("skill-use", "show", "{id}"),
        edit=("skill-use", "edit", "{id}", "--code", "2"),
        edited="thought about, not used, wanted to",
        delete=("skill-use", "delete", "{id}", "--yes"),
    ),
    Kind(
        "questionnaire",
        make=("check", "phq9", "--answers", "2,2,2,2,2,2,2,1,0", "--date", "yesterday"),
        record_id="1",
        secret="moderately severe",  # the band a total of 15 falls in
        listing=("check", "list"),
        show=("check", "show", "{id}"),
        edit=("check", "edit", "{id}", "--date", "2025-06-15"),
        edited="2025-06-15",
        delete=("check", "delete", "{id}", "--yes"),
    ),
    Kind(
        "skill",
        make=("skills", "add", "Box breathing", "--description", SECRET),
        record_id="Box breathing",
        then=("add", "--skill", "box breathing=5"),
        listing=("skills",),
        show=("skills", "show", "{id}"),
        edit=("skills", "edit", "{id}", "--category", "distress-tolerance"),
        edited="DBT · distress tolerance",
        delete=("skills", "delete", "{id}", "--yes"),
        missing="skill {id!r} is not in the catalogue",
    ),
    Kind(
        "scale",
        make=("scales", "add", "headache", "--min", "0", "--max", "10", "--description", SECRET),
        record_id="headache",
        then=("add", "--symptom", "headache=6"),
        listing=("scales",),
        show=("scales", "show", "{id}"),
        edit=("scales", "edit", "{id}", "--min", "0", "--max", "20"),
        edited="0-20",
        delete=("scales", "delete", "{id}", "--yes"),
    ),
    # --- end rec17a ---
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


def _made(moodlog: Run, kind: Kind) -> str:
    """Make the kind's record (and what goes with it); its id."""
    for line in kind.setup:
        assert moodlog(*line).exit_code == 0, line
    made = moodlog(*kind.make)
    assert made.exit_code == 0, made.output
    if kind.then:
        also = moodlog(*kind.then)
        assert also.exit_code == 0, also.output
    return kind.record_id or _saved_id(made.output)


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_a_record_is_listed_shown_changed_and_deleted_for_good(
    moodlog: Run, journal_file: Path, kind: Kind
) -> None:
    record_id = _made(moodlog, kind)

    listed = moodlog(*kind.listing)
    assert listed.exit_code == 0, listed.output
    assert re.search(rf"^\s*{record_id}\s", listed.output, re.MULTILINE), listed.output

    shown = moodlog(*_with_id(kind.show, record_id))
    assert shown.exit_code == 0, shown.output
    assert kind.secret in shown.output
    assert kind.edited not in shown.output

    edited = moodlog(*_with_id(kind.edit, record_id))
    assert edited.exit_code == 0, edited.output
    assert kind.edited in moodlog(*_with_id(kind.show, record_id)).output

    assert kind.secret.encode() in _bytes_on_disk(journal_file)
    deleted = moodlog(*_with_id(kind.delete, record_id))
    assert deleted.exit_code == 0, deleted.output
    assert f"Deleted {kind.name} {record_id}" in deleted.output
    assert kind.secret.encode() not in _bytes_on_disk(journal_file)

    gone = moodlog(*_with_id(kind.show, record_id))
    assert gone.exit_code == 1
    assert kind.missing.format(name=kind.name, id=record_id) in gone.output
    assert not re.search(rf"^\s*{record_id}\s", moodlog(*kind.listing).output, re.MULTILINE)


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_a_delete_without_a_terminal_asks_for_yes_and_keeps_the_record(
    moodlog: Run, journal_file: Path, kind: Kind
) -> None:
    record_id = _made(moodlog, kind)
    asked = moodlog(*_with_id(kind.delete, record_id)[:-1])  # without --yes
    assert asked.exit_code == 1
    assert f"deleting {kind.name} {record_id} needs --yes" in asked.output
    assert kind.secret in moodlog(*_with_id(kind.show, record_id)).output


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_an_edit_with_nothing_to_change_says_so(moodlog: Run, kind: Kind) -> None:
    record_id = _made(moodlog, kind)
    result = moodlog(*_with_id(kind.edit, record_id)[:3])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Nothing changed")


NUMBERED = [kind for kind in KINDS if kind.record_id is None or kind.record_id.isdigit()]


def _listed_ids(moodlog: Run, kind: Kind) -> set[int]:
    listed = moodlog(*kind.listing)
    assert listed.exit_code == 0, listed.output
    return {int(found) for found in re.findall(r"^\s*(\d+)\s", listed.output, re.MULTILINE)}


@pytest.mark.parametrize("kind", NUMBERED, ids=[kind.name for kind in NUMBERED])
def test_an_id_once_given_is_never_given_again(moodlog: Run, kind: Kind) -> None:
    """Make a record, delete it, make the same again: the new record gets a new id, so a note
    that said "session 1" can never point at another record."""
    first = int(_made(moodlog, kind))
    assert moodlog(*_with_id(kind.delete, str(first))).exit_code == 0
    assert _listed_ids(moodlog, kind) == set()
    made = moodlog(*kind.make)
    assert made.exit_code == 0, made.output
    (again,) = _listed_ids(moodlog, kind)
    assert again > first


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


# --- rec17a: skill uses, questionnaires, skills of one's own, scales, session kinds -----------


def test_an_empty_or_blank_session_kind_is_refused_and_nothing_is_saved(moodlog: Run) -> None:
    for kind in ("", "   "):
        result = moodlog("session", kind)
        assert result.exit_code == 1
        assert "session kind" in result.output
        assert "is not a usable name" in result.output
        assert len(result.output.strip().splitlines()) == 1
        refused = moodlog("session", "edit", "1", "--kind", kind)
        assert refused.exit_code == 1
    assert "No sessions recorded" in moodlog("session", "list").output


def test_a_skill_use_edited_or_deleted_shows_in_its_entry(moodlog: Run) -> None:
    assert moodlog("add", "--mood", "5", "--skill", "opposite=6", "--skill", "stop").exit_code == 0
    assert "Opposite action 6" in moodlog("show", "1").output

    assert moodlog("skill-use", "edit", "1", "--code", "none").exit_code == 0
    entry = moodlog("show", "1").output
    assert re.search(r"^skill\s+Opposite action$", entry, re.MULTILINE), entry

    assert (
        moodlog("skill-use", "edit", "1", "--skill", "check the facts", "--code", "5").exit_code
        == 0
    )
    entry = moodlog("show", "1").output
    assert "Check the facts 5" in entry
    assert "Opposite action" not in entry

    # An entry holds each skill once, as `add` and `edit --skill` keep it.
    taken = moodlog("skill-use", "edit", "1", "--skill", "stop")
    assert taken.exit_code == 1
    assert "entry 1 already holds STOP (skill use 2)" in taken.output

    deleted = moodlog("skill-use", "delete", "1", "--yes")
    assert deleted.output.startswith("Deleted skill use 1 (Check the facts, ")
    entry = moodlog("show", "1").output
    assert "Check the facts" not in entry
    assert "STOP" in entry
    assert "mood" in entry


def test_an_entry_edited_with_skills_replaces_the_skill_uses_listed(moodlog: Run) -> None:
    assert moodlog("add", "--skill", "opposite=6").exit_code == 0
    assert moodlog("edit", "1", "--skill", "stop=3").exit_code == 0
    listed = moodlog("skill-use", "list").output
    assert "Opposite action" not in listed
    assert re.search(r"^\s*\d+\s.*STOP\s+3\s+1$", listed, re.MULTILINE), listed


def test_a_skill_use_code_outside_the_diary_card_is_refused(moodlog: Run) -> None:
    assert moodlog("add", "--skill", "opposite=6").exit_code == 0
    result = moodlog("skill-use", "edit", "1", "--code", "8")
    assert result.exit_code == 1
    assert "score '8' is not allowed" in result.output
    assert "6 didn't try, used them, didn't help" in moodlog("skill-use", "show", "1").output


def test_skill_uses_are_listed_for_the_last_14_days_unless_a_period_is_given(
    moodlog: Run,
) -> None:
    from datetime import date, timedelta

    old = (date.today() - timedelta(days=20)).isoformat()
    assert moodlog("add", "--skill", "stop", "--date", old).exit_code == 0
    assert moodlog("add", "--skill", "tipp").exit_code == 0
    recent = moodlog("skill-use", "list").output
    assert recent.splitlines()[0].endswith(": 1")
    assert "TIPP" in recent
    assert "STOP" not in recent
    month = moodlog("skill-use", "list", "--last", "30d").output
    assert "STOP" in month
    assert "TIPP" in month


def test_check_still_answers_a_questionnaire_and_lists_what_was_answered(moodlog: Run) -> None:
    assert moodlog("check", "phq9", "--answers", "1,1,2,1,0,1,0,0,0").exit_code == 0
    assert moodlog("check", "log", "gad7", "--answers", "0,0,0,0,0,0,0").exit_code == 0
    listed = moodlog("check", "list").output
    assert listed.splitlines()[0] == "All questionnaires: 2"
    assert re.search(r"^\s*1\s.*PHQ-9\s+6\s+mild\s*$", listed, re.MULTILINE), listed
    assert re.search(r"^\s*2\s.*GAD-7\s+0\s+minimal\s*$", listed, re.MULTILINE), listed
    shown = moodlog("check", "show", "1").output
    assert "    3. 2 More than half the days" in shown
    assert "total     6 of 27: mild (5-9)" in shown


def _flag_days(journal_file: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(journal_file) as connection:
        rows = connection.execute("SELECT day, questionnaire_id FROM safety_flags").fetchall()
    return [(str(day), int(questionnaire)) for day, questionnaire in rows]


def test_a_questionnaire_moved_to_another_day_takes_its_safety_flag_with_it(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("check", "phq9", "--answers", "0,0,0,0,0,0,0,0,2").exit_code == 0
    moved = moodlog("check", "edit", "1", "--date", "2026-01-10")
    assert moved.exit_code == 0, moved.output
    assert "day       2026-01-10 Sat" in moved.output
    assert _flag_days(journal_file) == [("2026-01-10", 1)]
    same = moodlog("check", "edit", "1", "--date", "2026-01-10")
    assert same.output == "Nothing changed: questionnaire 1 already says that.\n"


def test_a_deleted_questionnaire_takes_its_safety_flag_off_stats(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("add", "--mood", "5").exit_code == 0  # so stats has a period to show
    assert moodlog("check", "phq9", "--answers", "0,0,0,0,0,0,0,0,2").exit_code == 0
    assert "1 safety flag in this period" in moodlog("stats", "--last", "30d").output
    deleted = moodlog("check", "delete", "1", "--yes")
    assert deleted.exit_code == 0, deleted.output
    assert "its 1 safety flag went with it" in deleted.output
    assert _flag_days(journal_file) == []
    assert "No safety flags in this period." in moodlog("stats", "--last", "30d").output


def test_a_renamed_skill_keeps_its_logged_uses(moodlog: Run, journal_file: Path) -> None:
    assert moodlog("skills", "add", "Box breathing").exit_code == 0
    assert moodlog("add", "--skill", "box breathing=5").exit_code == 0
    renamed = moodlog("skills", "edit", "box breathing", "--name", "Square breathing")
    assert renamed.exit_code == 0, renamed.output
    assert "logged        1 time" in renamed.output
    assert "Square breathing 5" in moodlog("show", "1").output
    with sqlite3.connect(journal_file) as connection:
        names = connection.execute("SELECT skill FROM skill_uses").fetchall()
    assert names == [("Square breathing",)]
    taken = moodlog("skills", "edit", "square breathing", "--name", "STOP")
    assert taken.exit_code == 1
    assert "already in the catalogue" in taken.output


def test_a_built_in_skill_is_shown_but_never_changed_or_deleted(moodlog: Run) -> None:
    shown = moodlog("skills", "show", "opposite")
    assert shown.exit_code == 0
    assert "listed under  DBT · emotion regulation" in shown.output
    assert "kind          built in" in shown.output
    for line in (("edit", "opposite", "--name", "Other"), ("delete", "opposite", "--yes")):
        refused = moodlog("skills", *line)
        assert refused.exit_code == 1
        assert refused.output == (
            "moodlog: Opposite action is a built-in skill; only skills of your own can be "
            "changed or deleted\n"
        )


def test_a_skill_never_logged_is_deleted_without_asking(moodlog: Run) -> None:
    assert moodlog("skills", "add", "Box breathing").exit_code == 0
    deleted = moodlog("skills", "delete", "box breathing")
    assert deleted.exit_code == 0, deleted.output
    assert deleted.output == "Deleted skill Box breathing.\n"


def test_a_logged_skill_names_its_uses_before_it_goes_with_them(moodlog: Run) -> None:
    assert moodlog("skills", "add", "Box breathing").exit_code == 0
    assert moodlog("add", "--skill", "box breathing=5").exit_code == 0
    assert moodlog("add", "--skill", "box breathing").exit_code == 0
    asked = moodlog("skills", "delete", "box breathing")
    assert asked.exit_code == 1
    assert "its 2 logged uses would go with it" in asked.output
    deleted = moodlog("skills", "delete", "box breathing", "--yes")
    assert deleted.output == "Deleted skill Box breathing and its 2 logged uses.\n"
    assert "No skill uses logged" in moodlog("skill-use", "list").output
    assert moodlog("show", "1").exit_code == 0


def test_a_scale_range_that_would_leave_a_rating_outside_is_refused(moodlog: Run) -> None:
    assert moodlog("scales", "add", "headache", "--min", "0", "--max", "10").exit_code == 0
    assert moodlog("add", "--symptom", "headache=2").exit_code == 0
    assert moodlog("add", "--symptom", "headache=7").exit_code == 0
    refused = moodlog("scales", "edit", "headache", "--min", "0", "--max", "5")
    assert refused.exit_code == 1
    assert "entry 2 rates it 7, outside that range" in refused.output
    assert "range     0-10" in moodlog("scales", "show", "headache").output
    one_side = moodlog("scales", "edit", "headache", "--max", "7")
    assert one_side.exit_code == 1
    assert "give both --min and --max" in one_side.output
    narrowed = moodlog("scales", "edit", "headache", "--min", "1", "--max", "7")
    assert narrowed.exit_code == 0, narrowed.output
    assert "rated in  2 entries, from 2 to 7" in narrowed.output
    assert moodlog("add", "--symptom", "headache=8").exit_code == 1


def test_a_deleted_scale_leaves_its_ratings_in_their_entries(moodlog: Run) -> None:
    assert moodlog("scales", "add", "headache", "--min", "0", "--max", "10").exit_code == 0
    assert moodlog("add", "--symptom", "headache=6").exit_code == 0
    deleted = moodlog("scales", "delete", "headache", "--yes")
    assert deleted.output == "Deleted scale headache; 1 entries keep their values on it.\n"
    assert "headache 6" in moodlog("show", "1").output
    assert moodlog("scales", "add", "nausea", "--min", "0", "--max", "3").exit_code == 0
    removed = moodlog("scales", "remove", "nausea")
    assert removed.output == "Removed scale nausea.\n"


# --- Appointments and questions -----------------------------------------------------------


def test_an_appointment_edit_changes_whom_it_is_with_and_forgets_the_old_name(
    moodlog: Run, journal_file: Path
) -> None:
    assert moodlog("appointment", "add", "2026-03-02", "--with", SECRET).exit_code == 0
    edited = moodlog("appointment", "edit", "1", "--with", "Dr Okafor")
    assert edited.exit_code == 0, edited.output
    assert "Dr Okafor" in moodlog("appointment", "show", "1").output
    # The undo history keeps the name the edit replaced until it is forgotten.
    assert moodlog("undo", "--clear").exit_code == 0
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
        "You logged lorazepam at 14:02 too (dose 1); if this one is a slip, moodlog undo takes "
        "it back."
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


# --- Medicines: remove one entered by mistake, withdraw a wrong change (meds17) ---------------


def _regimen_rows(journal_file: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(journal_file) as connection:
        return connection.execute("SELECT * FROM regimen ORDER BY id").fetchall()


def _ok(moodlog: Run, *args: str) -> str:
    result = moodlog(*args)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def _refused(moodlog: Run, *args: str) -> str:
    """A command refused with one line and exit 1."""
    result = moodlog(*args)
    assert result.exit_code == 1, (args, result.output)
    assert len(result.output.strip().splitlines()) == 1, result.output
    return result.output


def test_a_medicine_with_nothing_logged_is_removed_without_asking(
    moodlog: Run, journal_file: Path
) -> None:
    _ok(moodlog, "med", "add", "sertraline", "--dose", "50mg", "--start", "2026-11-01")
    _ok(moodlog, "med", "add", "Sertralin", "--dose", "50mg", "--reason", SECRET)
    _ok(moodlog, "med", "change", "sertralin", "--dose", "100mg", "--reason", SECRET)
    # The exact name wins over the longer one it starts; case is ignored.
    removed = _ok(moodlog, "med", "remove", "SERTRALIN")
    assert removed.startswith("Removed Sertralin: 2 regimen records.")
    assert [row[1] for row in _regimen_rows(journal_file)] == ["sertraline"]
    assert SECRET.encode() not in _bytes_on_disk(journal_file)
    assert "Sertralin " not in _ok(moodlog, "med", "list", "--all")
    unknown = _refused(moodlog, "med", "remove", "lithium")
    assert "lithium" in unknown
    assert "is not on your list" in unknown


def test_a_medicine_with_logs_names_what_would_go_and_goes_only_with_yes(
    moodlog: Run, journal_file: Path
) -> None:
    for line in (
        ("med", "add", "sertraline", "--dose", "50mg", "--start", "2026-11-01"),
        ("med", "change", "sertraline", "--dose", "100mg", "--date", "2026-11-10",
         "--reason", SECRET),
        ("med", "add", "lorazepam", "--dose", "1mg", "--prn", "--start", "2026-11-01"),
        ("took", "sertraline", "--date", "2026-11-11", "--reason", SECRET),
        ("took", "sertraline", "--date", "2026-11-12"),
        ("took", "lorazepam", "--date", "2026-11-12"),
        ("side-effect", "nausea", "--severity", "2", "--med", "sertraline",
         "--date", "2026-11-11"),
    ):  # fmt: skip
        _ok(moodlog, *line)
    asked = _refused(moodlog, "med", "remove", "sert")
    assert "needs --yes" in asked
    assert "2 regimen records, 2 dose logs, 1 side effect would go" in asked
    assert len(_regimen_rows(journal_file)) == 3  # nothing removed
    assert SECRET in _ok(moodlog, "dose", "list", "--since", "2026-11-01")

    removed = _ok(moodlog, "med", "remove", "sert", "--yes")
    assert removed.startswith("Removed sertraline: 2 regimen records, 2 dose logs, 1 side effect.")
    assert [row[1] for row in _regimen_rows(journal_file)] == ["lorazepam"]
    doses = _ok(moodlog, "dose", "list", "--since", "2026-11-01")
    assert "lorazepam" in doses
    assert "sertraline" not in doses
    assert _ok(moodlog, "side-effect", "list").startswith("All side effects: 0")
    assert SECRET.encode() not in _bytes_on_disk(journal_file)


def _wrong_change(moodlog: Run) -> None:
    """sertraline 50 mg daily from Friday 2026-11-20; a change to 100 mg on Mondays only from
    Sunday the 22nd, typed by mistake (record 2); taken on the 20th, missed on the 21st."""
    for line in (
        ("med", "add", "sertraline", "--dose", "50mg", "--start", "2026-11-20"),
        ("med", "change", "sertraline", "--dose", "100mg", "--days", "mon",
         "--date", "2026-11-22", "--reason", "wrong row of the chart"),
        ("took", "sertraline", "--date", "2026-11-20"),
        ("missed", "sertraline", "--date", "2026-11-21"),
    ):  # fmt: skip
        _ok(moodlog, *line)


def test_a_withdrawn_change_is_as_if_it_had_never_been_made(moodlog: Run) -> None:
    _wrong_change(moodlog)
    # With the wrong change, the 22nd (a Sunday) is not due: the 20th, 21st and 23rd are,
    # 1 taken, 1 missed, 1 not logged: 1/3 = 33%, 1 of 2 logged = 50%.
    assert _sertraline_stats(moodlog) == (
        "sertraline: 33% · 1 taken, 1 missed, 1 not logged · 50% of logged"
    )
    assert "100 mg on Mon" in _ok(moodlog, "med", "list", "--until", "2026-11-23")
    assert "no dose scheduled" in _refused(moodlog, "took", "sertraline", "--date", "2026-11-22")

    withdrawn = _ok(
        moodlog, "med", "change", "sertraline", "--withdraw", "2", "--reason", "misread"
    )
    assert withdrawn.startswith(
        "Withdrew record 2, sertraline's change from 2026-11-22 (100 mg on Mon): it was never "
        "in force (reason: misread). Saved as record 3"
    )
    assert "From 2026-11-22: 50 mg daily (from 2026-11-20)." in withdrawn
    # Every day from the 20th to the 23rd is due again: 1 taken, 1 missed, 2 not logged:
    # 1/4 = 25%, 1 of 2 logged = 50%; and the 22nd takes a dose of 50 mg.
    assert _sertraline_stats(moodlog) == (
        "sertraline: 25% · 1 taken, 1 missed, 2 not logged · 50% of logged"
    )
    listed = _ok(moodlog, "med", "list", "--until", "2026-11-23")
    assert "50 mg daily" in listed
    assert "since 2026-11-20" in listed
    assert "100 mg" not in listed
    took = _ok(moodlog, "took", "sertraline", "--date", "2026-11-22")
    assert "sertraline taken, 50 mg" in took
    daily = _ok(moodlog, "export", "--since", "2026-11-22", "--until", "2026-11-22")
    assert "sertraline=taken" in daily


def test_med_list_all_shows_the_ids_and_the_withdrawn_change(moodlog: Run) -> None:
    _wrong_change(moodlog)
    _ok(moodlog, "med", "change", "sertraline", "--withdraw", "2", "--reason", "misread")
    rows = _ok(moodlog, "med", "list", "--all").splitlines()
    (at,) = [at for at, line in enumerate(rows) if line.strip().startswith("2 ")]
    assert "2026-11-22" in rows[at]
    assert "change" in rows[at]
    # The regimen column wraps: "100 mg on Mon (withdrawn 2026-.., record 3)".
    assert "(withdrawn" in rows[at + 1]
    (withdrawal,) = [line for line in rows if line.strip().startswith("3 ")]
    assert "withdraw" in withdrawal
    assert "withdraws record 2" in withdrawal
    assert "misread" in withdrawal
    assert re.search(r"^\s*1\s+2026-11-20\*?\s+sertraline\s+start", "\n".join(rows), re.M)


def test_a_withdrawal_twice_of_another_medicine_or_an_unknown_record_is_refused(
    moodlog: Run, journal_file: Path
) -> None:
    _wrong_change(moodlog)
    _ok(moodlog, "med", "add", "lithium", "--dose", "300mg", "--start", "2026-11-20")
    _ok(moodlog, "med", "change", "lithium", "--dose", "600mg", "--date", "2026-11-22")  # 4
    _ok(moodlog, "med", "change", "sertraline", "--withdraw", "2")  # record 5
    before = _regimen_rows(journal_file)
    assert "withdrawn on" in _refused(moodlog, "med", "change", "sertraline", "--withdraw", "2")
    assert "lithium's, not sertraline's" in _refused(
        moodlog, "med", "change", "sertraline", "--withdraw", "4"
    )
    assert "regimen record 99 is not in the journal" in _refused(
        moodlog, "med", "change", "sertraline", "--withdraw", "99"
    )
    assert "cannot be withdrawn" in _refused(
        moodlog, "med", "change", "sertraline", "--withdraw", "1"
    )
    assert "withdrawal cannot be withdrawn" in _refused(
        moodlog, "med", "change", "sertraline", "--withdraw", "5"
    )
    assert "--dose" in _refused(
        moodlog, "med", "change", "lithium", "--withdraw", "4", "--dose", "300mg"
    )
    assert _regimen_rows(journal_file) == before


def test_a_withdrawn_stop_puts_the_medicine_back_on_the_list(moodlog: Run) -> None:
    _ok(moodlog, "med", "add", "quetiapine", "--dose", "25mg", "--start", "2026-11-01")
    _ok(moodlog, "med", "stop", "quetiapine", "--date", "2026-11-10")
    assert "No medicines on your list" in _ok(moodlog, "med", "list")
    withdrawn = _ok(moodlog, "med", "change", "quet", "--withdraw", "2")
    assert "quetiapine's stop from 2026-11-10: it was never in force" in withdrawn
    assert "25 mg daily" in _ok(moodlog, "med", "list")


def test_a_withdrawal_survives_an_export_and_import_and_a_bad_one_is_refused(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    _wrong_change(moodlog)
    _ok(moodlog, "med", "add", "lithium", "--dose", "300mg", "--start", "2026-11-20")
    _ok(moodlog, "med", "change", "lithium", "--dose", "600mg", "--date", "2026-11-22")  # 4
    _ok(moodlog, "med", "change", "sertraline", "--withdraw", "2", "--reason", "misread")
    exported = tmp_path / "journal.json"
    _ok(moodlog, "export", "--format", "json", "--out", str(exported))
    regimen_csv = _ok(moodlog, "export", "--table", "regimen")
    assert regimen_csv.splitlines()[0].endswith(",withdraws")
    assert regimen_csv.splitlines()[-1].endswith(",2")

    fresh = tmp_path / "fresh.db"
    _ok(moodlog, "--db", str(fresh), "import", str(exported))
    assert _regimen_rows(fresh) == _regimen_rows(journal_file)
    stats = moodlog("--db", str(fresh), "stats", "--since", "2026-11-20", "--until", "2026-11-23")
    assert "sertraline: 25% · 1 taken, 1 missed, 2 not logged" in stats.output

    # A withdrawal naming a record of another medicine is refused, naming the record.
    text = exported.read_text().replace('"withdraws": 2', '"withdraws": 4')
    assert text != exported.read_text()
    wrong = tmp_path / "wrong.json"
    wrong.write_text(text)
    refused = moodlog("--db", str(tmp_path / "other.db"), "import", str(wrong))
    assert refused.exit_code == 1
    assert "withdraws 4, a record of another medicine" in refused.output


def test_the_report_lists_a_withdrawn_change_and_leaves_it_off_the_doses(
    moodlog: Run, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    _ok(moodlog, "med", "add", "sertraline", "--dose", "50mg", "--start", "2026-10-01")
    _ok(moodlog, "med", "change", "sertraline", "--dose", "100mg", "--date", "2026-11-01")
    _ok(moodlog, "med", "change", "sertraline", "--dose", "150mg", "--date", "2026-11-15")
    _ok(moodlog, "med", "change", "sertraline", "--withdraw", "3", "--reason", "typed 150")
    for day in range(2, 29):
        _ok(moodlog, "add", "--date", f"2026-11-{day:02}", "--mood", "5", "--took", "sertraline")
    out = tmp_path / "report.pdf"
    _ok(moodlog, "report", "--since", "2026-11-01", "--until", "2026-11-30", "--out", str(out))
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]
    assert "1 Nov sertraline 50→100 mg" in pages[0]
    assert "15 Nov withdrawn: sertraline 100→150 mg, never in force" in pages[0]
    assert "typed 150" in pages[0]
    # Page 2 compares the doses the medicine was on: 100 mg all month, never 150 mg.
    assert "100 mg · 1 Nov – 30 Nov 2026" in pages[1]
    assert "150 mg ·" not in pages[1]

"""Warning signs: the rules a person and their provider write, what they mean day by day, and
the commands that keep them (docs/warning-signs.md)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from moodlog.domain.days import Period
from moodlog.domain.doses import DueRule
from moodlog.domain.entries import Entry
from moodlog.domain.questionnaires import Questionnaire
from moodlog.domain.sign_days import episodes, history_of
from moodlog.domain.warning_signs import Vocabulary, read_rule
from moodlog.errors import InvalidValue
from tests.conftest import Run

D1 = date(2025, 3, 1)


def day(n: int) -> date:
    """Day ``n`` of the scripted histories: day 1 is 2025-03-01."""
    return D1 + timedelta(days=n - 1)


def entry(n: int, **values: object) -> Entry:
    return Entry(
        day=day(n),
        time=time(9, 0),
        recorded_at=datetime.combine(day(n), time(9, 0), UTC),
        **values,  # type: ignore[arg-type]
    )


def replayed(rule: str, entries: list[Entry], days: int, **more: object) -> list[object]:
    """The episodes of ``rule`` over days 1 to ``days`` of a journal that begins on day 1."""
    period = Period(day(1), day(days))
    history = history_of(
        entries,
        {},
        more.get("questionnaires", []),  # type: ignore[arg-type]
        period,
        DueRule(first_day=day(1), today=day(days), now=time(23, 0)),
    )
    return list(episodes(read_rule(rule), history, period))


JOURNAL = Vocabulary(
    scales={"elevated": (0, 3), "depressed": (0, 3), "focus": (0, 4)},
    medicines=("Lithium", "sertraline"),
    urges=("skin-picking",),
)


# --- the grammar ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("sleep < 5 on 2 nights in a row", "sleep < 5 on 2 nights in a row"),
        ("elevated >= 2 on 3 of 5 days", "elevated >= 2 on 3 of 5 days"),
        ("mood <= 3 for 5 days", "mood <= 3 on 5 days in a row"),
        ("missed lithium 2 days in a row", "missed Lithium on 2 days in a row"),
        ("not taken SERT on 2 of 7 days", "not taken sertraline on 2 of 7 days"),
        ("tag spending 3 times in 7 days", "tag spending 3 times in 7 days"),
        ('tag "late night" 2 times in 3 days', "tag late night 2 times in 3 days"),
        ('tag "on call" on 2 of 3 days', 'tag "on call" on 2 of 3 days'),
        ("phq9 >= 15", "phq9 >= 15"),
        ("GAD7>=10", "gad7 >= 10"),
        ("phq9 item 9 >= 1", "phq9 item 9 >= 1"),
        ("no entry for 3 days", "no entry for 3 days"),
        ("anxiety mean over 7 days >= 7", "anxiety mean over 7 days >= 7"),
        ("Mood<=3", "mood <= 3"),
        ("sleep quality <= 2 for 3 nights", "sleep quality <= 2 on 3 nights in a row"),
        ("foc <= 1", "focus <= 1"),
        ("self-harm >= 3", "urge self-harm >= 3"),
        ("urge skin >= 2 on 2 of 3 days", "urge skin-picking >= 2 on 2 of 3 days"),
        ("acted self-harm", "acted self-harm"),
        ("energy >= 8 on 1 day in a row", "energy >= 8"),
    ],
)
def test_each_form_of_rule_reads_and_is_kept_in_one_written_form(typed: str, kept: str) -> None:
    rule = read_rule(typed, JOURNAL)
    assert rule.text == kept
    assert read_rule(kept).text == kept  # the kept form reads back as itself


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "sleep < x on 2 nights in a row",
            "rule 'sleep < x on 2 nights in a row': word 3, 'x', should be a number; "
            'e.g. "sleep < 5 on 2 nights in a row"',
        ),
        (
            "sleep < 5 on 2 nights in a",
            "rule 'sleep < 5 on 2 nights in a' ends too soon: needs 'row'; "
            'e.g. "sleep < 5 on 2 nights in a row"',
        ),
        (
            "missed aspirin 2 days in a row",
            "rule 'missed aspirin 2 days in a row': word 2, 'aspirin', is not a medicine of this "
            'journal; allowed: Lithium, sertraline; e.g. "missed lithium 2 days in a row"',
        ),
        (
            "elevated >= 2 on 6 of 5 days",
            "rule 'elevated >= 2 on 6 of 5 days': word 7, '5', is fewer days than the 6 the rule "
            'counts; e.g. "elevated >= 2 on 3 of 5 days"',
        ),
        (
            "phq9 >= 15 for 3 days",
            "rule 'phq9 >= 15 for 3 days': word 4, 'for', cannot follow a questionnaire score, "
            'which covers two weeks already; e.g. "phq9 >= 15"',
        ),
        (
            "mood <= 3 for 5 weeks",
            "rule 'mood <= 3 for 5 weeks': word 6, 'weeks', should be 'days', 'day', 'nights' "
            "or 'night'; e.g. \"sleep < 5 on 2 nights in a row\"",
        ),
    ],
)
def test_a_bad_rule_is_one_line_naming_the_word_and_a_rule_that_works(
    typed: str, message: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        read_rule(typed, JOURNAL)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("moood < 3", "word 1, 'moood', is not a value of this journal"),
        ("sleep 5", "word 2, '5', should be a comparison"),
        ("mood < 11", "word 3, '11', is outside mood's range, 0 to 10"),
        ("phq9 >= 40", "word 3, '40', is outside phq9's range, 0 to 27"),
        ("phq9 item 10 >= 1", "word 3, '10', should be the item's number in PHQ-9"),
        ("no entry for days", "word 4, 'days', should be the number of days"),
        ("mood <= 3 for 5 days please", "word 7, 'please', is more than the rule can read"),
        ('tag "late night 2 times in 3 days', "word 2, '\"late night 2 times in 3 days', has no"),
        ("e >= 1", "word 1, 'e', could be energy or elevated"),
        ("tag", "ends too soon: should be the name of a tag"),
    ],
)
def test_bad_rules_name_where_they_went_wrong(typed: str, words: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        read_rule(typed, JOURNAL)
    assert words in str(refused.value)
    assert "\n" not in str(refused.value)
    assert 'e.g. "' in str(refused.value)


# --- what a rule means, on scripted histories -------------------------------------------------


def test_a_day_not_logged_breaks_in_a_row() -> None:
    """Short nights on days 1, 2, 4, 5, 6; day 3 not logged; day 7 a full night. Two nights in
    a row first hold on day 2; day 3 (not logged) and day 4 (after it) do not; then days 5-6."""
    entries = [entry(n, sleep_hours=4.0) for n in (1, 2, 4, 5, 6)] + [entry(7, sleep_hours=8.0)]
    assert replayed("sleep < 5 on 2 nights in a row", entries, 7) == [
        (day(2), day(2)),
        (day(5), day(6)),
    ]


def test_sleep_is_the_latest_recorded_night_of_the_day() -> None:
    later = Entry(
        day=day(1),
        time=time(8, 0),
        recorded_at=datetime.combine(day(1), time(21, 0), UTC),
        sleep_hours=7.0,
    )
    assert replayed("sleep < 5", [entry(1, sleep_hours=4.0), later], 1) == []


def test_n_of_m_days_counts_a_day_not_logged_as_not_meeting() -> None:
    """Elevation's highest of the day: day 1 (1 then 2) 2, day 2 0, day 3 3, day 4 not
    logged, day 5 2, day 6 1, day 7 2, day 8 0: days 1, 3, 5 and 7 meet >= 2. Three of the
    five days ending on day 5 (1, 3, 5) and on day 7 (3, 5, 7); two on days 6 and 8."""
    levels = {1: [1.0, 2.0], 2: [0.0], 3: [3.0], 5: [2.0], 6: [1.0], 7: [2.0], 8: [0.0]}
    entries = [
        entry(n, symptoms={"elevated": level}) for n, rated in levels.items() for level in rated
    ]
    assert replayed("elevated >= 2 on 3 of 5 days", entries, 8) == [
        (day(5), day(5)),
        (day(7), day(7)),
    ]


def test_mean_over_n_days_is_the_mean_of_the_day_values_it_has() -> None:
    """Anxiety: day 1 6; day 2 7 and 9 (the day's mean, 8); day 3 not logged; day 4 7; day 5
    4. Over the 3 days ending on each day: day 1 6; day 2 (6+8)/2 = 7; day 3 7; day 4
    (8+7)/2 = 7.5; day 5 (7+4)/2 = 5.5; day 6 (7+4)/2 = 5.5. At least 7 on days 2 to 4."""
    entries = [entry(1, anxiety=6.0), entry(2, anxiety=7.0), entry(2, anxiety=9.0)]
    entries += [entry(4, anxiety=7.0), entry(5, anxiety=4.0)]
    assert replayed("anxiety mean over 3 days >= 7", entries, 6) == [(day(2), day(4))]


def test_tags_count_each_tagged_entry() -> None:
    """Spending tagged once on day 1, twice on day 2, once on day 4; three times in 4 days
    from day 2 (1 + 2) to day 5 (2 + 1); day 6 sees only day 4's."""
    entries = [
        entry(1, tags=["spending"]),
        entry(2, tags=["Spending"]),
        entry(2, tags=["spending"]),
    ]
    entries += [entry(3, mood=5.0), entry(4, tags=["spending", "travel"])]
    assert replayed("tag spending 3 times in 4 days", entries, 6) == [(day(2), day(5))]


def test_no_entry_for_n_days_still_showing_on_the_last_day() -> None:
    """Entries on days 1, 2 and 5: days 3-4 and 6-7 without one. Two days without an entry
    hold on day 4, and again on day 7, where it still shows."""
    entries = [entry(n, mood=5.0) for n in (1, 2, 5)]
    assert replayed("no entry for 2 days", entries, 7) == [(day(4), day(4)), (day(7), None)]


def test_no_rule_holds_before_the_journals_first_day() -> None:
    """The journal begins on day 1: days before it are not days without an entry."""
    period = Period(day(-5), day(1))
    history = history_of([entry(1, mood=5.0)], {}, [], period, DueRule(day(1), day(1), time(23, 0)))
    assert episodes(read_rule("no entry for 2 days"), history, period) == []


def test_a_questionnaire_score_holds_for_the_two_weeks_its_questions_cover() -> None:
    """PHQ-9 of 16 on day 1 holds through day 14; nothing on days 15-19; 10 on day 20."""

    def phq9(n: int, answers: tuple[int, ...]) -> Questionnaire:
        moment = datetime.combine(day(n), time(9, 0), UTC)
        return Questionnaire(day(n), "phq9", answers, None, sum(answers), "", moment, n)

    answered = [phq9(1, (2, 2, 2, 2, 2, 2, 2, 1, 1)), phq9(20, (1, 1, 1, 1, 1, 1, 2, 2, 0))]
    entries = [entry(1, mood=5.0)]
    assert replayed("phq9 >= 15", entries, 22, questionnaires=answered) == [(day(1), day(14))]
    assert replayed("phq9 item 9 >= 1", entries, 22, questionnaires=answered) == [(day(1), day(14))]


def ok(moodlog: Run, *args: str, input: str | None = None) -> str:
    result = moodlog(*args, input=input)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def lithium(moodlog: Run) -> None:
    """Lithium each morning from 2025-03-01 (day 1): taken on day 1, missed on day 2, not
    logged on day 3, missed on day 4, skipped on day 5 (held on advice), taken on day 6."""
    ok(moodlog, "add", "--mood", "5", "--date", day(1).isoformat())
    ok(moodlog, "med", "add", "lithium", "--dose", "300mg", "--schedule", "morning",
       "--start", day(1).isoformat())  # fmt: skip
    ok(moodlog, "took", "lithium", "--date", day(1).isoformat(), "--time", "08:00")
    ok(moodlog, "missed", "lithium", "--date", day(2).isoformat())
    ok(moodlog, "missed", "lithium", "--date", day(4).isoformat())
    ok(moodlog, "skipped", "lithium", "--date", day(5).isoformat())
    ok(moodlog, "took", "lithium", "--date", day(6).isoformat(), "--time", "08:00")


def replay_lines(moodlog: Run, *args: str) -> list[str]:
    since, until = day(1).isoformat(), day(6).isoformat()
    output = ok(moodlog, "warn", "test", *args, "--since", since, "--until", until)
    return output.splitlines()[1:]


@pytest.mark.usefixtures("lithium")
def test_missed_means_logged_missed_and_not_taken_counts_doses_not_logged(moodlog: Run) -> None:
    """Missed on days 2 and 4: never two days in a row. Not taken on days 2, 3 (not logged)
    and 4: two in a row on days 3 and 4. Missed twice in 3 days: on day 4 (days 2 and 4)."""
    ok(moodlog, "warn", "add", "missed", "--when", "missed lith 2 days in a row")
    ok(moodlog, "warn", "add", "not taken", "--when", "not taken lithium 2 days in a row")
    ok(moodlog, "warn", "add", "missed twice", "--when", "missed lithium 2 times in 3 days")
    assert replay_lines(moodlog) == [
        "missed (missed lithium on 2 days in a row): would not have shown",
        "not taken (not taken lithium on 2 days in a row): would have shown 1 time",
        "  2025-03-03 to 2025-03-04 (2 days)",
        "missed twice (missed lithium 2 times in 3 days): would have shown 1 time",
        "  2025-03-04 (1 day)",
    ]
    assert replay_lines(moodlog, "not tak") == [
        "not taken (not taken lithium on 2 days in a row): would have shown 1 time",
        "  2025-03-03 to 2025-03-04 (2 days)",
    ]


# --- the commands -----------------------------------------------------------------------------


def test_warn_test_lists_each_showing_and_how_long(moodlog: Run) -> None:
    """Nights of 2025-03-01 to 03-10: 4, 4.5, 4, 8, 7, 4, 3, not logged, 4, 4. Under 5 on
    two nights in a row: on 03-02 and 03-03 (2 days), on 03-07 (1 day: 03-06 and 03-07), and
    from 03-10 (03-09 and 03-10; 03-08 not logged broke the run), still showing on the last
    day."""
    nights = {1: "4", 2: "4.5", 3: "4", 4: "8", 5: "7", 6: "4", 7: "3", 9: "4", 10: "4"}
    for n, hours in nights.items():
        ok(moodlog, "add", "--sleep", hours, "--date", day(n).isoformat())
    ok(moodlog, "warn", "add", "short sleep", "--when", "sleep < 5 on 2 nights in a row")
    output = ok(moodlog, "warn", "test", "--since", "2025-03-01", "--until", "2025-03-10")
    assert output.splitlines() == [
        "Warning signs replayed over 2025-03-01 to 2025-03-10 (10 days):",
        "short sleep (sleep < 5 on 2 nights in a row): would have shown 3 times",
        "  2025-03-02 to 2025-03-03 (2 days)",
        "  2025-03-07 (1 day)",
        "  since 2025-03-10 (1 day so far)",
    ]


def test_a_sign_can_be_listed_shown_edited_undone_and_deleted(moodlog: Run) -> None:
    ok(moodlog, "add", "--mood", "5")
    added = ok(
        moodlog, "warn", "add", "short sleep", "--when", "Sleep<5 for 2 nights", "--plan", "-",
        input="Sleep before midnight.\nCall Dr Rao's office.\n",
    )  # fmt: skip
    assert "Saved warning sign 1." in added
    assert "  when      sleep < 5 on 2 nights in a row" in added
    listed = ok(moodlog, "warn", "list")
    assert "All warning signs: 1" in listed
    assert "short sleep" in listed
    shown = ok(moodlog, "warn", "show", "1").splitlines()
    assert shown[0] == "warning sign 1: short sleep"
    assert shown[-3:] == ["  plan", "    Sleep before midnight.", "    Call Dr Rao's office."]
    record = json.loads(ok(moodlog, "warn", "show", "1", "--json"))
    assert record["rule"] == "sleep < 5 on 2 nights in a row"
    assert record["plan"] == "Sleep before midnight.\nCall Dr Rao's office."
    listing = json.loads(ok(moodlog, "warn", "list", "--json"))
    assert listing["period"] is None
    assert [sign["id"] for sign in listing["warning_signs"]] == [1]

    edited = ok(moodlog, "warn", "edit", "1", "--when", "sleep < 6 on 2 of 3 nights")
    assert "  when      sleep < 6 on 2 of 3 nights" in edited
    undone = ok(moodlog, "undo", "--yes")
    assert "moodlog warn edit" in undone
    assert "  when      sleep < 5 on 2 nights in a row" in ok(moodlog, "warn", "show", "1")

    same = moodlog("warn", "add", "SHORT  sleep", "--when", "mood < 3")
    assert same.exit_code == 1
    assert "already in the journal (id 1)" in same.output

    bad = moodlog("warn", "edit", "1", "--when", "sleep < x")
    assert bad.exit_code == 1
    assert "rule 'sleep < x': word 3, 'x', should be a number" in bad.output

    ok(moodlog, "warn", "delete", "1", "--yes")
    assert "No warning signs yet" in ok(moodlog, "warn", "list")
    gone = moodlog("warn", "show", "1")
    assert gone.exit_code == 1
    assert "warning sign 1 is not in the journal" in gone.output


def test_adding_a_sign_can_be_undone(moodlog: Run) -> None:
    ok(moodlog, "warn", "add", "low days", "--when", "mood <= 3 on 5 of 7 days")
    ok(moodlog, "undo", "--yes")
    assert "No warning signs yet" in ok(moodlog, "warn", "list")


def test_presets_are_starting_points_shown_and_editable(moodlog: Run) -> None:
    added = ok(moodlog, "warn", "add", "--preset", "mania-early")
    assert "  when      sleep < 6 on 2 nights in a row and energy >= 7" in added
    assert "a starting point to agree with your provider, not a treatment" in added
    ok(moodlog, "warn", "add", "--preset", "depression", "--when", "mood <= 2 for 5 days")
    assert "mood <= 2 on 5 days in a row" in ok(moodlog, "warn", "show", "2")
    ok(moodlog, "warn", "edit", "1", "--when", "sleep < 5 for 3 nights", "--clear-plan")
    shown = ok(moodlog, "warn", "show", "1")
    assert "sleep < 5 on 3 nights in a row" in shown
    assert "plan      none yet" in shown
    unknown = moodlog("warn", "add", "--preset", "anxiety-early")
    assert unknown.exit_code == 1
    assert "allowed: mania-early, depression-early" in unknown.output


def test_warning_signs_go_through_the_whole_journal_round_trip(
    moodlog: Run, tmp_path: Path, journal_file: Path
) -> None:
    ok(moodlog, "add", "--mood", "5", "--tag", "spending")
    ok(moodlog, "warn", "add", "spending", "--when", "tag spending 3 times in 7 days",
       "--plan", "Give Sam the card.\nTell Dr Rao.")  # fmt: skip
    ok(moodlog, "warn", "add", "--preset", "depression-early")
    # An episode announced (no command writes one yet; the journal holds it as its table says).
    with sqlite3.connect(journal_file) as connection:
        connection.execute(
            "INSERT INTO warning_sign_episodes (sign_id, first_day, rule, announced_at, note) "
            "VALUES (2, '2025-03-05', 'mood <= 3 on 5 of 7 days', "
            "'2025-03-05T21:00:00+00:00', 'Called Sam.')"
        )
    connection.close()
    exported = tmp_path / "journal.json"
    ok(moodlog, "export", "--format", "json", "--out", str(exported))
    document = json.loads(exported.read_text())
    assert document["tables"]["warning_sign_episodes"][0]["note"] == "Called Sam."
    assert [sign["name"] for sign in document["tables"]["warning_signs"]] == [
        "spending",
        "low days",
    ]
    restored = tmp_path / "restored.db"
    ok(moodlog, "--db", str(restored), "import", str(exported))
    assert ok(moodlog, "--db", str(restored), "warn", "list", "--json") == ok(
        moodlog, "warn", "list", "--json"
    )
    assert ok(moodlog, "--db", str(restored), "export", "--format", "json") == ok(
        moodlog, "export", "--format", "json"
    )
    csv = ok(moodlog, "export", "--table", "warning_signs")
    assert csv.splitlines()[0] == "id,name,rule,plan,preset,recorded_at"


def test_an_imported_sign_whose_rule_cannot_be_read_is_refused(
    moodlog: Run, tmp_path: Path
) -> None:
    ok(moodlog, "warn", "add", "short sleep", "--when", "sleep < 5 on 2 nights in a row")
    exported = tmp_path / "journal.json"
    ok(moodlog, "export", "--format", "json", "--out", str(exported))
    document = json.loads(exported.read_text())
    document["tables"]["warning_signs"][0]["rule"] = "sleep < five"
    exported.write_text(json.dumps(document))
    refused = moodlog("--db", str(tmp_path / "new.db"), "import", str(exported))
    assert refused.exit_code == 1
    assert "rule 'sleep < five': word 3, 'five', should be a number" in refused.output


def test_a_built_in_urge_the_entries_rated_is_one_name(moodlog: Run) -> None:
    # The journal's entries rated suicidal thoughts (in two spellings) and the urge is built
    # in: a rule names it without being told it "could be suicidal-thoughts or
    # suicidal-thoughts".
    ok(moodlog, "add", "--urge", "suicidal-thoughts=2", "--date", "yesterday")
    ok(moodlog, "add", "--urge", "Suicidal-Thoughts=1")
    for typed in ("urge suicidal-thoughts >= 1", "suicidal >= 1", "acted suicidal-thoughts"):
        result = moodlog("warn", "add", typed, "--when", typed)
        assert result.exit_code == 0, result.output
    listed = json.loads(ok(moodlog, "warn", "list", "--json"))["warning_signs"]
    kept = [sign["rule"] for sign in listed]
    assert kept == [
        "urge suicidal-thoughts >= 1",
        "urge suicidal-thoughts >= 1",
        "acted suicidal-thoughts",
    ]

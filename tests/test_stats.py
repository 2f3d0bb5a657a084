"""`moodlog stats`: the report's figures in the terminal, on scripted journals whose answers are
worked out by hand below."""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, timedelta

import pytest

from moodlog.actions import clock
from moodlog.analysis.report import analyse
from moodlog.analysis.stats import bins, sparkline_unit, summarise
from moodlog.domain.days import Period
from moodlog.render.comparisons import NOT_PROOF
from moodlog.render.stats import sparkline
from tests.conftest import Run
from tests.report_data import full_inputs

MARCH = ("--since", "2025-03-01", "--until", "2025-03-05")


def ok(moodlog: Run, *args: str) -> str:
    result = moodlog(*args)
    assert result.exit_code == 0, result.output
    return result.output


def stats(moodlog: Run, *args: str) -> str:
    """`moodlog stats` as a pipe sees it: no colour codes, no line over 80 columns."""
    output = ok(moodlog, "stats", *args)
    assert "\x1b" not in output
    too_wide = [line for line in output.splitlines() if len(line) > 80]
    assert too_wide == []
    return output


def row(output: str, label: str) -> list[str]:
    """The cells after ``label`` on the line that starts with it."""
    for line in output.splitlines():
        if line.startswith(label + " "):
            return line[len(label) :].split()
    raise AssertionError(f"no line starts with {label!r} in:\n{output}")


def marks(output: str, label: str) -> str:
    """A measure's sparkline: the line whose first 14 columns hold just its label."""
    for line in output.splitlines():
        if line[:14].rstrip() == label and line[14:15].strip():
            return line[14:]
    raise AssertionError(f"no sparkline for {label!r} in:\n{output}")


def flat(output: str) -> str:
    return " ".join(output.split())


def day(text: str, offset: int = 0) -> str:
    return (date.fromisoformat(text) + timedelta(days=offset)).isoformat()


def scripted_week(moodlog: Run) -> None:
    """2025-03-01 to 03-05, and the five days before it.

    This period: mood 4 and 6 on the 1st (a day mean of 5), 7, nothing on the 3rd, 3, 7:
    mean (5 + 7 + 3 + 7) / 4 = 5.5 over 4 days. Anxiety 6 and 4 (mean 5), 2, -, 5, 4: 16 / 4 =
    4.0. Sleep 8, 6, -, 5, 7: 26 / 4 = 6.5.
    Previous period (02-24 to 02-28): mood 4 and 5 on two days: 4.5; anxiety 6, 6: 6.0; sleep
    7, 9: 8.0; energy 4 on one day (and none this period).
    Changes: mood +1.0, anxiety -2.0, sleep -1.5.
    """
    for when, values in (
        ("2025-03-01", ("--mood", "4", "--anxiety", "6", "--sleep", "8")),
        ("2025-03-01", ("--mood", "6", "--anxiety", "4")),
        ("2025-03-02", ("--mood", "7", "--anxiety", "2", "--sleep", "6")),
        ("2025-03-04", ("--mood", "3", "--anxiety", "5", "--sleep", "5")),
        ("2025-03-05", ("--mood", "7", "--anxiety", "4", "--sleep", "7")),
        ("2025-02-25", ("--mood", "4", "--anxiety", "6", "--sleep", "7", "--energy", "4")),
        ("2025-02-27", ("--mood", "5", "--anxiety", "6", "--sleep", "9")),
    ):
        ok(moodlog, "add", "--date", when, *values)


# Means beside the previous period


def test_each_mean_is_the_mean_of_the_days_beside_the_previous_period(moodlog: Run) -> None:
    scripted_week(moodlog)
    output = stats(moodlog, *MARCH)
    assert "Means, beside the previous 5 days (2025-02-24 to 2025-02-28)" in output
    # mean, days, previous, days, change
    assert row(output, "Mood (0-10)") == ["5.5", "4", "4.5", "2", "+1.0"]
    assert row(output, "Anxiety (0-10)") == ["4.0", "4", "6.0", "2", "-2.0"]
    assert row(output, "Sleep (hours)") == ["6.5", "4", "8.0", "2", "-1.5"]


def test_a_days_sleep_is_the_one_stored_last_when_two_were_recorded_at_once(
    moodlog: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two entries of one day back-filled in the same moment, the evening one typed first: the
    # latest recorded is the one stored last, in the means as in the daily export.
    moment = datetime(2025, 3, 6, 9, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda given=None: given or moment)
    ok(moodlog, "add", "--date", "2025-03-05", "--time", "21:00", "--sleep", "5")
    ok(moodlog, "add", "--date", "2025-03-05", "--time", "08:00", "--sleep", "8")
    assert row(stats(moodlog, *MARCH), "Sleep (hours)")[:2] == ["8.0", "1"]
    daily = ok(moodlog, "export", *MARCH).splitlines()
    sleep = daily[0].split(",").index("sleep_hours")
    assert daily[-1].split(",")[sleep] == "8"


def test_a_measure_recorded_only_before_shows_no_change(moodlog: Run) -> None:
    scripted_week(moodlog)
    output = stats(moodlog, *MARCH)
    assert row(output, "Energy (0-10)") == ["—", "0", "4.0", "1", "—"]
    assert "Irritability" not in output  # never recorded in either period


def test_a_symptom_scale_has_its_mean_and_its_line(moodlog: Run) -> None:
    """focus (0-3): 1 and 3 on the 1st (a day mean of 2), 3 on the 2nd: mean 2.5 over 2 days.
    On 0-3 a 2 is the sixth block ▆ (2/3 x 8 = 5.3), a 3 the top █."""
    ok(moodlog, "init", "--preset", "adhd")
    ok(moodlog, "add", "--date", "2025-03-01", "--symptom", "focus=1")
    ok(moodlog, "add", "--date", "2025-03-01", "--symptom", "focus=3")
    ok(moodlog, "add", "--date", "2025-03-02", "--symptom", "focus=3")
    output = stats(moodlog, *MARCH)
    assert row(output, "focus (0-3)") == ["2.5", "2", "—", "0", "—"]
    assert marks(output, "focus") == "▆█···"
    assert "restlessness" not in output  # a scale with nothing recorded is left out


def test_days_logged_and_the_longest_gap(moodlog: Run) -> None:
    """Logged on the 1st, 5th and 7th of 10 days: gaps of 3 days (2-4), 1 (6) and 3 (8-10);
    the first of the longest is named."""
    for when in ("2025-03-01", "2025-03-05", "2025-03-07"):
        ok(moodlog, "add", "--date", when, "--mood", "5")
    output = stats(moodlog, "--since", "2025-03-01", "--until", "2025-03-10")
    assert "Logged 3 of 10 days · longest gap 3 days (2025-03-02 to 2025-03-04)" in output


def test_a_back_filled_entry_is_counted(moodlog: Run) -> None:
    scripted_week(moodlog)
    output = stats(moodlog, *MARCH)
    assert "5 entries back-filled (recorded on a later day)" in output


# Sparklines


def test_the_sparkline_has_a_block_per_day_and_a_dot_for_a_day_not_logged(moodlog: Run) -> None:
    """Mood day means 5, 7, -, 3, 7 on 0-10: blocks ▁ to █ cut 0-10 into eighths, so 5 is the
    fifth block ▅, 7 the sixth ▆, 3 the third ▃."""
    scripted_week(moodlog)
    output = stats(moodlog, *MARCH)
    assert "Day by day, 2025-03-01 to 2025-03-05" in output
    assert marks(output, "Mood") == "▅▆·▃▆"


def test_sparkline_blocks_run_over_the_scale_and_clip_beyond_it() -> None:
    assert sparkline([0, 1.25, 2.5, 5, 9.99, 10, None], 0, 10) == "▁▂▃▅██·"
    assert sparkline([14, -1], 0, 12) == "█▁"
    assert sparkline([3, 3], 3, 3) == "▅▅"  # a scale with no range draws the middle


def test_long_periods_are_drawn_as_weekly_then_monthly_means() -> None:
    assert sparkline_unit(Period(date(2025, 1, 1), date(2025, 3, 5))) == "day"  # 64 days
    assert sparkline_unit(Period(date(2025, 1, 1), date(2025, 3, 6))) == "week"
    assert sparkline_unit(Period(date(2024, 1, 1), date(2025, 12, 31))) == "month"
    assert sparkline_unit(Period(date(2016, 11, 27), date(2026, 11, 26))) == "quarter"
    weeks = bins(Period(date(2025, 3, 5), date(2025, 3, 20)), "week")
    assert [(piece.first.day, piece.last.day) for piece in weeks] == [(5, 9), (10, 16), (17, 20)]
    months = bins(Period(date(2024, 12, 20), date(2025, 2, 3)), "month")
    assert [str(piece) for piece in months] == [
        "2024-12-20 to 2024-12-31",
        "2025-01-01 to 2025-01-31",
        "2025-02-01 to 2025-02-03",
    ]
    quarters = bins(Period(date(2024, 11, 15), date(2025, 4, 1)), "quarter")
    assert [piece.first for piece in quarters] == [
        date(2024, 11, 15),
        date(2025, 1, 1),
        date(2025, 4, 1),
    ]


def test_ninety_days_are_drawn_week_by_week_within_80_columns(moodlog: Run) -> None:
    """2025-01-06 is a Monday; mood 2 every day of the first week, 8 every day of the last."""
    first = "2025-01-06"
    for offset in range(7):
        ok(moodlog, "add", "--date", day(first, offset), "--mood", "2")
    for offset in range(84, 90):
        ok(moodlog, "add", "--date", day(first, offset), "--mood", "8")
    output = stats(moodlog, "--since", first, "--until", day(first, 89))
    assert "Week by week" in output
    assert "Each mark is a week's mean (Monday to Sunday)." in output
    # 13 weeks, 11 of them not logged; 2 is the third block, 8 the seventh.
    assert marks(output, "Mood") == "▂" + "·" * 11 + "▇"


def test_weekly_points_are_each_weeks_mean_of_its_days_means() -> None:
    """Worked out here from the records: a day's mood is the mean of its entries, a week's
    (Monday to Sunday, cut at the period's ends) the mean of its days'."""
    inputs = full_inputs(days=150)
    period = inputs.period
    by_day: dict[date, list[float]] = {}
    for e in inputs.entries:
        if e.mood is not None and period.first <= e.day <= period.last:
            by_day.setdefault(e.day, []).append(e.mood)
    by_week: dict[date, list[float]] = {}
    for day_, moods in by_day.items():
        monday = day_ - timedelta(days=day_.weekday())
        by_week.setdefault(monday, []).append(statistics.fmean(moods))
    first_monday = period.first - timedelta(days=period.first.weekday())
    mondays = range(0, (period.last - first_monday).days + 1, 7)
    weeks = [first_monday + timedelta(days=offset) for offset in mondays]
    expected = [statistics.fmean(by_week[w]) if w in by_week else None for w in weeks]

    found = summarise(inputs)
    assert found.unit == "week"
    mood = next(line for line in found.measures if line.figure.label == "Mood")
    assert len(expected) == 23  # 150 days touch 23 Monday-to-Sunday weeks
    assert mood.points == pytest.approx(expected)


# The same figures as the report


def test_stats_and_report_give_the_same_figures_from_the_same_records() -> None:
    inputs = full_inputs()
    found = summarise(inputs)
    report = analyse(inputs)
    assert found.key_figures == report.key_figures
    assert found.sleep_mood == report.details.sleep_mood
    assert found.skill_anxiety == report.details.skill_anxiety
    assert found.changes == report.details.changes
    assert found.rankings == report.details.rankings
    assert found.logging.days_logged == report.header.days_logged
    assert found.logging.backfilled == report.header.backfilled
    assert [line.figure for line in found.measures[:3]] == list(report.key_figures.means)


# Sleep against mood; skill days against the next day's anxiety


def sleep_fortnight(moodlog: Run) -> list[tuple[float, float]]:
    """Seven short nights (5 h) then seven long ones (8 h), from 2025-03-01."""
    moods = [3, 4, 3, 5, 4, 3, 4, 6, 7, 6, 5, 7, 6, 8]
    pairs = []
    for offset, mood in enumerate(moods):
        sleep = 5.0 if offset < 7 else 8.0
        ok(moodlog, "add", "--date", day("2025-03-01", offset), "--mood", str(mood),
           "--sleep", f"{sleep:g}")  # fmt: skip
        pairs.append((sleep, float(mood)))
    return pairs


def test_sleep_and_mood_correlation_is_shown_with_seven_days_in_each_group(moodlog: Run) -> None:
    pairs = sleep_fortnight(moodlog)
    output = flat(stats(moodlog, "--since", "2025-03-01", "--until", "2025-03-14"))
    # short nights: (3+4+3+5+4+3+4) / 7 = 26/7 = 3.71; long: (6+7+6+5+7+6+8) / 7 = 45/7 = 6.43
    assert "after a night under 6 h: mean mood 3.7, n = 7 days" in output
    assert "after 6 h or more: mean mood 6.4, n = 7 days" in output
    r = statistics.correlation([s for s, _ in pairs], [m for _, m in pairs])
    assert f"Correlation (Pearson r): {r:+.2f}" in output
    assert "Observations, not proof: other things change on the same days." in output


def test_sleep_and_mood_correlation_is_withheld_with_six_short_nights(moodlog: Run) -> None:
    sleep_fortnight(moodlog)
    output = flat(stats(moodlog, "--since", "2025-03-02", "--until", "2025-03-14"))
    assert "after a night under 6 h: mean mood 3.8, n = 6 days" in output  # 23/6 = 3.83
    assert "Correlation not shown: needs at least 7 days in each group." in output
    assert "Pearson" not in output


def skill_fortnight(moodlog: Run) -> dict[int, float]:
    """Fifteen logged days from 2025-03-01 (day 1); a skill on the odd days 1-13. Anxiety is
    low on the day after a skill day, higher otherwise."""
    anxiety = {d: (3.0 + d % 4 / 2 if d % 2 == 0 else 6.0 + d % 3) for d in range(1, 16)}
    for d, value in anxiety.items():
        skill = ("--skill", "opposite action=6") if d % 2 == 1 and d <= 13 else ()
        ok(moodlog, "add", "--date", day("2025-02-28", d), "--anxiety", f"{value:g}", *skill)
    return anxiety


def test_skill_days_and_next_day_anxiety_correlation_is_shown_at_seven_days(
    moodlog: Run,
) -> None:
    anxiety = skill_fortnight(moodlog)
    output = flat(stats(moodlog, "--since", "2025-03-01", "--until", "2025-03-15"))
    # with a skill: days 1, 3, …, 13, followed by 2, 4, …, 14; without: 2, 4, …, 14, followed by
    # 3, 5, …, 15 (day 15 has no next day in the period).
    after_skill = [anxiety[d + 1] for d in range(1, 14, 2)]
    after_none = [anxiety[d + 1] for d in range(2, 15, 2)]
    assert f"mean next day's anxiety {statistics.fmean(after_skill):.1f}, n = 7 days" in output
    assert f"mean next day's anxiety {statistics.fmean(after_none):.1f}, n = 7 days" in output
    r = statistics.correlation([1.0] * 7 + [0.0] * 7, after_skill + after_none)
    assert f"Correlation (Pearson r): {r:+.2f}" in output


def test_skill_days_correlation_is_withheld_with_six_skill_days(moodlog: Run) -> None:
    skill_fortnight(moodlog)
    output = flat(stats(moodlog, "--since", "2025-03-02", "--until", "2025-03-15"))
    assert "after a day with a skill used: mean next day's anxiety" in output
    assert "n = 6 days" in output
    assert output.count("Correlation not shown: needs at least 7 days in each group.") == 2


# Medicines


def sertraline_raised_on_the_first_of_march(moodlog: Run) -> None:
    """50 mg from January, 100 mg from 2025-03-01. Mood: 9 on 01-31 (more than 28 days before
    the change, so outside the comparison), then 3 and 5 on alternate days 02-15 to 02-28
    (14 days, mean 4.0), 6 on 03-01 to 03-10 (10 days). Anxiety 3 in March only."""
    ok(moodlog, "med", "add", "sertraline", "--dose", "50mg", "--start", "2025-01-01")
    ok(moodlog, "med", "change", "sertraline", "--dose", "100mg", "--date", "2025-03-01",
       "--reason", "still low")  # fmt: skip
    ok(moodlog, "add", "--date", "2025-01-31", "--mood", "9")
    for offset in range(14):
        mood = "3" if offset % 2 else "5"
        ok(moodlog, "add", "--date", day("2025-02-15", offset), "--mood", mood)
    for offset in range(10):
        ok(moodlog, "add", "--date", day("2025-03-01", offset), "--mood", "6", "--anxiety", "3")


def test_mood_28_days_before_and_after_a_dose_change_with_n(moodlog: Run) -> None:
    sertraline_raised_on_the_first_of_march(moodlog)
    output = stats(moodlog, "--since", "2025-03-01", "--until", "2025-03-10")
    assert "sertraline 50→100 mg on 2025-03-01 (still low)" in output
    assert row(output, "mood") == ["4.0", "(n", "=", "14)", "6.0", "(n", "=", "10)", "+2.0"]
    assert row(output, "anxiety") == ["—", "(n", "=", "0)", "3.0", "(n", "=", "10)", "—"]
    assert "28 days before" in output
    assert "10 days from it" in output
    assert NOT_PROOF in flat(output)


def test_without_a_dose_change_in_the_period_there_is_no_before_and_after(moodlog: Run) -> None:
    sertraline_raised_on_the_first_of_march(moodlog)
    output = stats(moodlog, "--since", "2025-03-02", "--until", "2025-03-10")
    assert "Dose changes" not in output
    assert NOT_PROOF not in flat(output)


def test_adherence_is_taken_over_scheduled_less_skipped_with_the_counts_beside_it(
    moodlog: Run,
) -> None:
    """Ten days, one dose a day: taken 7, missed 1, skipped 1, not logged 1. Adherence = 7 /
    (10 - 1) = 78%; of the 8 doses logged taken or missed, 7 taken = 88%. The ten days before
    (02-19 to 02-28) count from the journal's first day, 02-20 (its first dose logged): 9 due,
    taken on 4, the other 5 not logged: 4 / 9 = 44%, 4 of 4 logged = 100%."""
    ok(moodlog, "med", "add", "lithium", "--dose", "300mg", "--start", "2025-02-01")
    for offset in range(7):
        ok(moodlog, "took", "lithium", "--date", day("2025-03-01", offset), "--time", "08:00")
    ok(moodlog, "missed", "lithium", "--date", "2025-03-08")
    ok(moodlog, "skipped", "lithium", "--date", "2025-03-09", "--reason", "blood test")
    for offset in range(1, 5):
        ok(moodlog, "took", "lithium", "--date", day("2025-02-19", offset), "--time", "08:00")
    ok(moodlog, "add", "--date", "2025-03-01", "--mood", "5")
    output = flat(stats(moodlog, "--since", "2025-03-01", "--until", "2025-03-10"))
    assert "lithium: 78% · 7 taken, 1 missed, 1 not logged, 1 skipped · 88% of logged" in output
    assert "previous period: 44% · 4 taken, 0 missed, 5 not logged · 100% of logged" in output


def test_adherence_of_the_previous_period_comes_from_the_same_function(moodlog: Run) -> None:
    """The days before 03-01 from the journal's first day (02-20 to 02-28): taken on 4 of the
    9, none skipped: 44%. Nothing logged this period: no percentage, 10 not logged."""
    ok(moodlog, "med", "add", "lithium", "--dose", "300mg", "--start", "2025-02-01")
    for offset in range(1, 5):
        ok(moodlog, "took", "lithium", "--date", day("2025-02-19", offset), "--time", "08:00")
    ok(moodlog, "add", "--date", "2025-03-01", "--mood", "5")
    output = flat(stats(moodlog, "--since", "2025-03-01", "--until", "2025-03-10"))
    assert "lithium: none logged · 10 not logged" in output
    assert "previous period: 44% · 4 taken, 0 missed, 5 not logged · 100% of logged" in output


def test_as_needed_uses_are_counted_per_period(moodlog: Run) -> None:
    ok(moodlog, "med", "add", "lorazepam", "--dose", "0.5mg", "--prn", "--start", "2025-01-01")
    for when in ("2025-02-26", "2025-03-02", "2025-03-04"):
        ok(moodlog, "took", "lorazepam", "--date", when, "--time", "21:00", "--reason", "panic")
    output = stats(moodlog, *MARCH)
    assert "lorazepam as needed: 2 uses · previous period 1 use" in output


# Therapy and questionnaires


def test_skills_are_counted_by_diary_card_group_and_ranked_by_days_used(moodlog: Run) -> None:
    """Opposite action on 2 days (6 and 4: used, didn't help), wise mind once (7: helped),
    check the facts 2 (thought about only) and 3 (tried but couldn't): logged, never used.
    Used: 3 times on 2 days. The period before: TIPP once, 5 (helped)."""
    for when, skill in (
        ("2025-03-01", "opposite action=6"),
        ("2025-03-02", "opposite action=4"),
        ("2025-03-02", "wise mind=7"),
        ("2025-03-04", "check the facts=2"),
        ("2025-03-05", "check the facts=3"),
        ("2025-02-27", "tipp=5"),
    ):
        ok(moodlog, "add", "--date", when, "--skill", skill)
    output = flat(stats(moodlog, *MARCH))
    assert (
        "Skills used: 3 times on 2 days · 1 helped, 2 didn't help · previous period "
        "1 time on 1 day · 1 helped"
    ) in output
    assert (
        "Skills not used: 1 tried but couldn't, 1 thought about only · previous period none"
    ) in output
    assert "mean" not in output.split("Therapy")[1].split("Questionnaires")[0]
    lines = [line.split() for line in stats(moodlog, *MARCH).splitlines()]
    ranked = [cells for cells in lines if cells[:1] in (["Opposite"], ["Wise"], ["Check"])]
    # days used, times used, helped, didn't help, not used
    assert ranked == [
        ["Opposite", "action", "2", "2", "0", "2", "0"],
        ["Wise", "mind", "1", "1", "1", "0", "0"],
        ["Check", "the", "facts", "0", "0", "0", "0", "2"],
    ]


def test_sessions_attended_beside_the_previous_period(moodlog: Run) -> None:
    for when in ("2025-02-25", "2025-03-01", "2025-03-04"):
        ok(moodlog, "session", "DBT group", "--date", when)
    output = stats(moodlog, *MARCH)
    assert "Sessions attended: 2 sessions · previous period 1 session" in output


def test_questionnaires_first_to_latest_beside_the_previous_periods_latest(moodlog: Run) -> None:
    """PHQ-9: 11 (moderate) in the period before (02-24 to 02-28), 5 on 03-01, then 8 (mild)
    on 03-04 with "somewhat difficult"; an answer before the period before is not shown.
    GAD-7 3+3+3+2+2+2+1 = 16 (severe), answered once."""
    ok(moodlog, "check", "phq9", "--answers", "0,0,0,0,0,0,0,0,0", "--date", "2025-02-20")
    ok(moodlog, "check", "phq9", "--answers", "1,1,2,2,1,1,2,1,0", "--date", "2025-02-25")
    ok(moodlog, "check", "phq9", "--answers", "1,1,1,1,1,0,0,0,0", "--date", "2025-03-01")
    ok(
        moodlog,
        *("check", "phq9", "--answers", "1,1,1,1,1,1,1,1,0", "--difficulty", "1"),
        *("--date", "2025-03-04"),
    )
    ok(moodlog, "check", "gad7", "--answers", "3,3,3,2,2,2,1", "--date", "2025-03-02")
    output = stats(moodlog, *MARCH)
    assert (
        "PHQ-9 5 → 8 mild (2025-03-01 → 2025-03-04) · somewhat difficult · previous period: "
        "11 moderate (2025-02-25)"
    ) in flat(output)
    assert "GAD-7  16 severe (2025-03-02)" in output
    assert "Screening scores, not a diagnosis." in output
    assert "No skills or sessions recorded." in output


# Periods, empty journals, mistakes


def test_without_options_stats_covers_the_last_30_days(moodlog: Run) -> None:
    ok(moodlog, "add", "--mood", "6")
    output = stats(moodlog)
    first_line = output.splitlines()[0]
    assert first_line.endswith("(30 days)")
    assert "Logged 1 of 30 days" in output


def test_a_period_with_nothing_recorded_says_so(moodlog: Run) -> None:
    assert moodlog("config", "set", "paper", "a4").exit_code == 0  # a journal, no records
    output = stats(moodlog, "--since", "2020-01-01", "--until", "2020-01-31")
    assert "Logged 0 of 31 days · nothing logged" in output
    assert "Nothing recorded in this period." in output


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--last", "30x"), "period '30x' is not a length"),
        (("--last", "7d", "--since", "2025-03-01"), "use either --last or --since, not both"),
        (("--since", "2025-03-05", "--until", "2025-03-01"), "is after --until"),
    ],
)
def test_a_mistyped_period_is_one_clear_line(
    moodlog: Run, options: tuple[str, ...], message: str
) -> None:
    assert moodlog("config", "set", "paper", "a4").exit_code == 0  # a journal, no records
    result = moodlog("stats", *options)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output

"""The words both the report and `moodlog stats` put beside a comparison: two groups of days,
the 28 days either side of a dose change, the polarity counts beside the previous period's,
and why each is an observation, not proof. Written once here so the page and the terminal say
the same thing."""

from __future__ import annotations

from moodlog.analysis.report import (
    CHANGE_WINDOW_DAYS,
    MIN_GROUP_DAYS,
    ChangeComparison,
    Comparison,
    GroupComparison,
    Polarity,
    PolarityFigure,
)
from moodlog.domain.dates import day_text
from moodlog.domain.days import Period
from moodlog.domain.report import isolated_label

NOT_PROOF = (
    "An observation, not proof: changes are often made at a low point, moods drift back "
    "toward usual on their own, and many medicines take weeks to act."
)
PATTERNS_NOT_PROOF = "Observations, not proof: other things change on the same days."


def mean_text(number: float | None) -> str:
    return "—" if number is None else f"{number:.1f}"


def comparison_lines(comparison: GroupComparison) -> list[str]:
    """Each group's mean and n, then the correlation, or why it is not shown."""

    def group(name: str, n: int, mean: float | None) -> str:
        return f"{name}: mean {comparison.what} {mean_text(mean)}, n = {n} day" + (
            "" if n == 1 else "s"
        )

    lines = [
        group(comparison.group_a, comparison.n_a, comparison.mean_a),
        group(comparison.group_b, comparison.n_b, comparison.mean_b),
    ]
    if comparison.correlation is not None:
        lines.append(f"Correlation (Pearson r): {comparison.correlation:+.2f}")
    elif comparison.enough:
        lines.append("Correlation: not defined (no variation)")
    else:
        lines.append(f"Correlation not shown: needs at least {MIN_GROUP_DAYS} days in each group.")
    return lines


def side_text(value: Comparison) -> tuple[str, str]:
    """``4.2 (n = 25)`` before and after."""
    return (
        f"{mean_text(value.before)} (n = {value.n_before})",
        f"{mean_text(value.after)} (n = {value.n_after})",
    )


def change_line(compared: ChangeComparison, period: Period | None = None) -> str:
    """``sertraline 50→100 mg on 20 Jan 2025, 28 days before → 15 days from it: mood 3.9
    (n = 25) → 4.4 (n = 13); anxiety …``; the day as the report of ``period`` words it."""

    def side(name: str, value: Comparison) -> str:
        before, after = side_text(value)
        return f"{name} {before} → {after}"

    change = compared.change
    return (
        f"{isolated_label(change)} on {day_text(change.day, period)}, "
        f"{CHANGE_WINDOW_DAYS} days before → "
        f"{compared.days_after} days from it: {side('mood', compared.mood)}; "
        f"{side('anxiety', compared.anxiety)}."
    )


def _rated(count: int, rated: int) -> str:
    return f"{count} of {rated} days rated" if rated else "not rated"


def polarity_rows(figure: PolarityFigure) -> list[tuple[str, str, str]]:
    """(label, this period, previous period) for each polarity count: ``Elevated days``,
    ``13 of 56 days rated``; ``Nights under 6 h``, ``13 of 58 nights recorded``."""

    def nights(polarity: Polarity) -> str:
        if not polarity.nights:
            return "no sleep recorded"
        return f"{polarity.short_nights} of {polarity.nights} nights recorded"

    this, before = figure.this, figure.previous
    return [
        (
            "Elevated days",
            _rated(this.elevated, this.rated),
            _rated(before.elevated, before.rated),
        ),
        (
            "Depressed days",
            _rated(this.depressed, this.rated),
            _rated(before.depressed, before.rated),
        ),
        ("Mixed days", _rated(this.mixed, this.rated), _rated(before.mixed, before.rated)),
        ("Nights under 6 h", nights(this), nights(before)),
    ]

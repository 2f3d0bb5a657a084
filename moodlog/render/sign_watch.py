"""The calm words moodlog prints when a warning sign begins to show (after `add`, `took`,
`missed`, `skipped`, `check`), and the part `moodlog status` adds for a sign showing. Plain
text, no Rich."""

from __future__ import annotations

from collections.abc import Sequence

from moodlog.domain.sign_records import ShownSign, WarningSign

MAX_SIGNS_NAMED = 2


def announcement(shown: Sequence[ShownSign]) -> str:
    """Each sign that began to show, with its rule, since when, and the plan agreed for it;
    for a sign that touches safety, the crisis resources; then that it is said once per
    episode and that moodlog tells no one. One paragraph a line (the terminal wraps them)."""
    lines: list[str] = []
    for one in shown:
        sign = one.sign
        lines.append(
            f"A warning sign you chose to watch for is showing: {sign.name} ({sign.rule}), "
            f"since {one.first_day.isoformat()}."
        )
        if sign.plan:
            lines.append("Your plan for it:")
            lines.extend(f"  {line}" for line in sign.plan.splitlines())
        else:
            lines.append(
                f"You have not written a plan for it yet; when you are ready: moodlog warn "
                f"edit {sign.id} --plan TEXT"
            )
        if one.crisis_resources is not None:
            lines.append(
                "If you feel unsafe, might act on these thoughts, or are in danger now, get "
                "help now:"
            )
            lines.extend(f"  {line.strip()}" for line in one.crisis_resources.splitlines())
        lines.append("")
    lines.append(
        "moodlog says this once while the sign lasts. It tells no one and sends nothing: "
        "everything stays on this computer."
    )
    return "\n".join(lines)


def status_part(signs: Sequence[WarningSign]) -> str:
    """``sign: short sleep``, ``signs: short sleep, low days and 1 more``."""
    names = [sign.name for sign in signs[:MAX_SIGNS_NAMED]]
    more = len(signs) - MAX_SIGNS_NAMED
    text = ", ".join(names) + (f" and {more} more" if more > 0 else "")
    return ("sign: " if len(signs) == 1 else "signs: ") + text

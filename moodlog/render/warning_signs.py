"""Warning signs in the terminal: `warn list`, `warn show`, `warn test`."""

from __future__ import annotations

from datetime import date

from moodlog.domain.days import Period
from moodlog.domain.sign_records import WarningSign
from moodlog.domain.warning_signs import Episode
from moodlog.render.terminal import listing_title, plain_table, print_listing

_NONE_YET = (
    'No warning signs yet. Add one with: moodlog warn add "short sleep" --when '
    '"sleep < 5 on 2 nights in a row", or start from a preset: moodlog warn add --preset '
    "mania-early"
)
STARTING_POINT = "a starting point to agree with your provider, not a treatment"


def print_signs(signs: list[WarningSign]) -> None:
    """`moodlog warn list`: every sign with its rule."""
    table = plain_table("id", "sign", "when", "plan", wrapping="when", right=["id"])
    for sign in signs:
        table.add_row(str(sign.id), sign.name, sign.rule, "yes" if sign.plan else "")
    print_listing(listing_title("warning signs", None, len(signs)), table, len(signs), _NONE_YET)


def sign_lines(sign: WarningSign) -> list[str]:
    """Every field of one sign, as `moodlog warn show` prints it; the plan as written."""
    lines = [
        f"warning sign {sign.id}: {sign.name}",
        f"  when      {sign.rule}",
    ]
    if sign.preset is not None:
        lines.append(f"  from      the {sign.preset} preset,")
        lines.append(f"            {STARTING_POINT}")
    lines.append(f"  recorded  {sign.recorded_at.isoformat(timespec='minutes')}")
    if sign.plan:
        lines.append("  plan")
        lines.extend(f"    {line}" for line in sign.plan.splitlines())
    else:
        lines.append(f"  plan      none yet: moodlog warn edit {sign.id} --plan TEXT")
    return lines


def _days(first: date, last: date) -> str:
    days = (last - first).days + 1
    return f"{days} day{'s' if days != 1 else ''}"


def episode_text(episode: Episode, period_end: date) -> str:
    """``2026-03-02 to 2026-03-04 (3 days)``; one still showing: ``since 2026-03-02 (3 days so
    far)``."""
    first, last = episode
    if last is None:
        return f"since {first.isoformat()} ({_days(first, period_end)} so far)"
    if last == first:
        return f"{first.isoformat()} (1 day)"
    return f"{first.isoformat()} to {last.isoformat()} ({_days(first, last)})"


def replay_lines(period: Period, signs: list[tuple[WarningSign, list[Episode]]]) -> list[str]:
    """`moodlog warn test`: for each sign, when it would have shown in the period."""
    lines = [f"Warning signs replayed over {period} ({period.days} days):"]
    for sign, found in signs:
        if not found:
            lines.append(f"{sign.name} ({sign.rule}): would not have shown")
            continue
        times = f"{len(found)} time{'s' if len(found) != 1 else ''}"
        lines.append(f"{sign.name} ({sign.rule}): would have shown {times}")
        lines.extend(f"  {episode_text(episode, period.last)}" for episode in found)
    return lines

"""The one line `moodlog status` prints: plain text, no Rich, since it runs at every prompt."""

from __future__ import annotations

from moodlog.domain.status import TodayStatus

MAX_DOSES_NAMED = 3


def status_line(status: TodayStatus) -> str:
    """``not logged today · sertraline evening not logged``, or ``all logged today``."""
    if not status.has_journal:
        return "not logged today · no journal yet (moodlog add starts one)"
    parts = [] if status.logged else ["not logged today"]
    labels = [dose.label for dose in status.doses_left]
    if labels:
        named = ", ".join(labels[:MAX_DOSES_NAMED])
        more = len(labels) - MAX_DOSES_NAMED
        if more > 0:
            named += f" and {more} more dose" + ("" if more == 1 else "s")
        parts.append(f"{named} not logged")
    return " · ".join(parts) or "all logged today"

"""The one line `moodlog status` prints: plain text, no Rich, since it runs at every prompt."""

from __future__ import annotations

from moodlog.domain.status import TodayStatus
from moodlog.render.sign_watch import status_part

MAX_DOSES_NAMED = 3


def status_line(status: TodayStatus) -> str:
    """``not logged today · sertraline morning not logged · next lithium bedtime at 22:00``,
    ``all logged so far · next lithium bedtime at 22:00`` or ``all logged today``: the doses
    due by now and not logged, then the next dose still to come (its time has not come, so it
    is not yet left undone); last, a warning sign showing (``sign: short sleep``)."""
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
    signs = [status_part(status.signs)] if status.signs else []
    if not status.doses_to_come:
        return " · ".join([*parts, *signs]) or "all logged today"
    dose, at = status.doses_to_come[0]
    next_dose = f"next {dose.label}" + (f" at {at:%H:%M}" if at is not None else "")
    return " · ".join([*(parts or ["all logged so far"]), next_dose, *signs])

"""Days, times and periods as the person means them.

A day is the person's local calendar day, starting at the ``day-starts-at`` setting (default
04:00): an entry made at 00:30 belongs to the day before. Dates typed on the command line are
``YYYY-MM-DD``, ``today``, ``yesterday`` or a weekday name (the most recent such day, today
included), all relative to the current *journal* day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from moodlog.errors import InvalidValue

DEFAULT_DAY_STARTS_AT = time(4, 0)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

DATE_FORMS = "YYYY-MM-DD, today, yesterday or a weekday name"

_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
_PERIOD_RE = re.compile(r"^(\d+)\s*([dwmy])$")


def parse_time(text: str, what: str = "time") -> time:
    """Read a clock time written HH:MM (24-hour)."""
    match = _TIME_RE.match(text.strip())
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise InvalidValue(f"{what} {text!r} is not a time; use HH:MM in 24-hour form, e.g. 07:30")


def journal_day(moment: datetime, day_starts_at: time = DEFAULT_DAY_STARTS_AT) -> date:
    """The day a moment belongs to: before ``day_starts_at`` it is still the day before."""
    if moment.time() < day_starts_at:
        return moment.date() - timedelta(days=1)
    return moment.date()


def parse_date(text: str, today: date, what: str = "date") -> date:
    """Read a date in one of the forms docs/daily-use.md lists; ``today`` is the current
    journal day."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    for forms in (WEEKDAYS, tuple(name[:3] for name in WEEKDAYS)):
        if word in forms:
            back = (today.weekday() - forms.index(word)) % 7
            return today - timedelta(days=back)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
        try:
            return date.fromisoformat(word)
        except ValueError:
            raise InvalidValue(
                f"{what} {text!r} does not exist in the calendar; use {DATE_FORMS}"
            ) from None
    raise InvalidValue(f"{what} {text!r} is not a date; use {DATE_FORMS}")


@dataclass(frozen=True)
class Period:
    """An inclusive run of days."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def __str__(self) -> str:
        return f"{self.first.isoformat()} to {self.last.isoformat()}"


def _months_back(day: date, months: int) -> date:
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    # The same day of the month, or the month's last day when it has fewer days.
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


def parse_period_length(text: str, until: date) -> Period:
    """Read ``Nd``, ``Nw``, ``Nm`` or ``Ny``: the N days/weeks/months/years ending on ``until``."""
    match = _PERIOD_RE.match(text.strip().lower())
    too_long = InvalidValue(f"period {text!r} is too long; moodlog keeps dates from 1900 on")
    if match and len(match.group(1)) > 9:
        raise too_long
    if not match or int(match.group(1)) == 0:
        raise InvalidValue(
            f"period {text!r} is not a length; use a whole number and d, w, m or y, "
            "e.g. 30d, 2w, 3m"
        )
    count, unit = int(match.group(1)), match.group(2)
    try:
        if unit == "d":
            first = until - timedelta(days=count - 1)
        elif unit == "w":
            first = until - timedelta(days=7 * count - 1)
        elif unit == "m":
            first = _months_back(until, count) + timedelta(days=1)
        else:
            first = _months_back(until, 12 * count) + timedelta(days=1)
    except (OverflowError, ValueError):  # before year 1, beyond what a date can hold
        raise too_long from None
    if first.year < 1900:
        raise too_long
    return Period(first, until)


def resolve_period(
    today: date,
    last: str | None,
    since: str | None,
    until: str | None,
    default_last: str,
) -> Period:
    """The period named by ``--last``/``--since``/``--until`` (``--last`` and ``--since`` exclude
    each other); with neither, ``default_last`` ending on ``--until``."""
    end = parse_date(until, today, "--until") if until else today
    if last and since:
        raise InvalidValue("use either --last or --since, not both")
    if since:
        first = parse_date(since, today, "--since")
        if first > end:
            raise InvalidValue(
                f"--since {first.isoformat()} is after --until {end.isoformat()}; "
                "the period must start on or before its last day"
            )
        return Period(first, end)
    return parse_period_length(last or default_last, end)

"""Days, times and periods as the person means them.

A day is the person's local calendar day, starting at the ``day-starts-at`` setting (default
04:00): an entry made at 00:30 belongs to the day before. Dates typed on the command line are
``YYYY-MM-DD``, ``today``, ``yesterday``, ``tomorrow``, ``3 days ago``, ``in 2 weeks``, ``last
monday``, ``next friday`` or a bare weekday name, all relative to the current *journal* day. A
bare weekday is the most recent such day (today included), except for a command about the
future (an appointment), where it is the coming one (today included); docs/daily-use.md.

Every day moodlog keeps lies within :data:`KEPT_DAYS` (1900-01-01 to 2200-12-31): a day
outside it, typed or imported, is refused, so a period, its previous period and the daily
export always stay within what a date can hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from moodlog.errors import InvalidValue

DEFAULT_DAY_STARTS_AT = time(4, 0)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

DATE_FORMS = (
    "YYYY-MM-DD, today, yesterday, tomorrow, '3 days ago', 'in 2 weeks', 'last monday', "
    "'next friday' or a weekday name"
)
PERIOD_FORMS = "a whole number and d, w, m or y, e.g. 30d, 4w, 3m, 1y (a bare 30 means days)"

# A count of days, weeks, months or years before or after today: "3 days ago", "in 2 weeks".
_UNITS = {"day": "d", "week": "w", "month": "m", "year": "y"}
_AGO_RE = re.compile(r"^(\d{1,9}) +(day|week|month|year)s? +ago$")
_IN_RE = re.compile(r"^in +(\d{1,9}) +(day|week|month|year)s?$")
_NAMED_WEEKDAY_RE = re.compile(r"^(last|next) +([a-z]+)$")

_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
_PERIOD_RE = re.compile(r"^(\d+)\s*([dwmy]?)$")


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


def time_in_day(clock: time, day_starts_at: time = DEFAULT_DAY_STARTS_AT) -> tuple[bool, time]:
    """Where a clock time falls within its journal day, to sort by: a time before
    ``day_starts_at`` is in the small hours after the rest of the day (00:30 after 22:00)."""
    return clock < day_starts_at, clock


@dataclass(frozen=True)
class DaySpec:
    """A day as typed. Every form but ``YYYY-MM-DD`` counts from the journal's today, which
    depends on the clock and on ``day-starts-at``, so the action resolves the day with
    :meth:`resolve` against the one clock; a ``YYYY-MM-DD`` date is the same every day.

    ``label`` is what the value is called in messages (``date`` unless the command line names
    the option it was typed after); ``text`` is what was typed, shown back in messages.
    """

    text: str
    label: str = "date"
    exact: date | None = None  # a calendar date
    count: int = 0  # else: this many units after today (before it when negative)...
    unit: str = "d"  # ...d, w, m or y (a month later: the same day of the month, or its last)
    weekday: int | None = None  # ...or a weekday (0 Monday):
    step: int = 0  # the one before today (-1), after today (1), or the nearest (0), today included

    @classmethod
    def on(cls, day: date, label: str = "date") -> DaySpec:
        """A calendar date, as if typed in ``YYYY-MM-DD``."""
        return cls(day.isoformat(), label, exact=day)

    def resolve(self, today: date, ahead: bool = False) -> date:
        """The day meant, with ``today`` the journal's current day; a bare weekday is the
        coming one when the command is ``ahead`` (about the future), else the most recent."""
        if self.exact is not None:
            return self.exact
        if self.weekday is not None:
            back = (today.weekday() - self.weekday) % 7
            forward = (self.weekday - today.weekday()) % 7
            if self.step < 0:
                return today - timedelta(days=back or 7)
            if self.step > 0:
                return today + timedelta(days=forward or 7)
            return today + timedelta(days=forward) if ahead else today - timedelta(days=back)
        try:
            if self.unit in ("m", "y"):
                day = _months_later(today, self.count * (12 if self.unit == "y" else 1))
            else:
                day = today + timedelta(days=self.count * (7 if self.unit == "w" else 1))
        except (OverflowError, ValueError):  # beyond what a date can hold
            day = KEPT_DAYS.last + timedelta(days=1) if self.count > 0 else date.min
        return check_kept_day(day, self.label, self.text)


def read_day(text: str, what: str = "date") -> DaySpec:
    """Read a date in one of the forms above, each form one branch returning a
    :class:`DaySpec`."""
    word = " ".join(text.strip().lower().split())
    shifts = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if word in shifts:
        return DaySpec(text, what, count=shifts[word])
    weekday = _weekday(word)
    if weekday is not None:
        return DaySpec(text, what, weekday=weekday)
    named = _NAMED_WEEKDAY_RE.match(word)
    if named and _weekday(named.group(2)) is not None:
        step = -1 if named.group(1) == "last" else 1
        return DaySpec(text, what, weekday=_weekday(named.group(2)), step=step)
    ago, later = _AGO_RE.match(word), _IN_RE.match(word)
    if ago or later:
        count, unit = (ago or later).groups()  # type: ignore[union-attr]
        sign = -1 if ago else 1
        return DaySpec(text, what, count=sign * int(count), unit=_UNITS[unit])
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
        try:
            day = date.fromisoformat(word)
        except ValueError:
            raise InvalidValue(
                f"{what} {text!r} does not exist in the calendar; use {DATE_FORMS}"
            ) from None
        return DaySpec(text, what, exact=check_kept_day(day, what, text))
    raise InvalidValue(f"{what} {text!r} is not a date; use {DATE_FORMS}")


def _weekday(word: str) -> int | None:
    """0 for monday or mon, ... 6 for sunday or sun; None for any other word."""
    for forms in (WEEKDAYS, tuple(name[:3] for name in WEEKDAYS)):
        if word in forms:
            return forms.index(word)
    return None


def resolve_day(day: DaySpec | None, today: date) -> date:
    """The day typed, else today."""
    return day.resolve(today) if day is not None else today


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


# Every day moodlog keeps: a day outside is refused wherever it comes from (typed or imported).
KEPT_DAYS = Period(date(1900, 1, 1), date(2200, 12, 31))


def check_kept_day(day: date, what: str = "date", text: str | None = None) -> date:
    """``day`` when moodlog keeps it (see :data:`KEPT_DAYS`); else refused, naming ``what``
    and the value as typed (``text``, default the day itself)."""
    if day not in KEPT_DAYS:
        shown = text if text is not None else day.isoformat()
        raise InvalidValue(f"{what} {shown!r} is outside the days moodlog keeps, {KEPT_DAYS}")
    return day


def _months_later(day: date, months: int) -> date:
    """The same day of the month ``months`` later (earlier when negative), or that month's last
    day when it has fewer days (31 January and a month: 28 or 29 February): python-dateutil's
    ``relativedelta``, loaded only when a month or a year is typed (``add``'s own forms never
    load it; docs/daily-use.md)."""
    from dateutil.relativedelta import relativedelta

    return day + relativedelta(months=months)


def _months_back(day: date, months: int) -> date:
    return _months_later(day, -months)


@dataclass(frozen=True)
class PeriodLength:
    """A length of time typed as ``Nd``, ``Nw``, ``Nm``, ``Ny`` or ``N`` (days); the period it
    names ends on a day known only when the command runs (see :meth:`ending`). ``label`` and
    ``text`` as in :class:`DaySpec`."""

    count: int
    unit: str  # d, w, m or y
    text: str
    label: str = "period"

    def ending(self, until: date) -> Period:
        """The N days/weeks/months/years ending on ``until``."""
        try:
            if self.unit == "d":
                first = until - timedelta(days=self.count - 1)
            elif self.unit == "w":
                first = until - timedelta(days=7 * self.count - 1)
            elif self.unit == "m":
                first = _months_back(until, self.count) + timedelta(days=1)
            else:
                first = _months_back(until, 12 * self.count) + timedelta(days=1)
        except (OverflowError, ValueError):  # before year 1, beyond what a date can hold
            raise self._too_long() from None
        if first < KEPT_DAYS.first:
            raise self._too_long()
        return Period(first, until)

    def _too_long(self) -> InvalidValue:
        return InvalidValue(
            f"{self.label} {self.text!r} is too long; moodlog keeps the days {KEPT_DAYS}"
        )

    def __str__(self) -> str:
        return self.text


def read_period_length(text: str, what: str = "period") -> PeriodLength:
    """Read ``Nd``, ``Nw``, ``Nm`` or ``Ny``, or a bare ``N`` (days)."""
    match = _PERIOD_RE.match(text.strip().lower())
    if match and len(match.group(1)) > 9:
        raise PeriodLength(0, "d", text, what)._too_long()
    if not match or int(match.group(1)) == 0:
        raise InvalidValue(f"{what} {text!r} is not a length; use {PERIOD_FORMS}")
    return PeriodLength(int(match.group(1)), match.group(2) or "d", text, what)


def resolve_period(
    today: date,
    last: PeriodLength | None,
    since: DaySpec | None,
    until: DaySpec | None,
    default_last: PeriodLength,
    default_end: date | None = None,
) -> Period:
    """The period named by a length (``last``) or a first day (``since``), which exclude each
    other, ending on ``until`` (default ``default_end``, else today); with neither,
    ``default_last``."""
    end = until.resolve(today) if until is not None else default_end or today
    if last and since:
        raise InvalidValue("a period is a length or a first day, not both")
    if since:
        first = since.resolve(today)
        check_order(since, first, until, end)
        return Period(first, end)
    return (last or default_last).ending(end)


def check_order(since: DaySpec, first: date, until: DaySpec | None, last: date) -> None:
    """A period starts on or before its last day."""
    if first > last:
        end = f"{until.label} {last.isoformat()}" if until else f"today ({last.isoformat()})"
        raise InvalidValue(
            f"{since.label} {first.isoformat()} is after {end}; "
            "the period must start on or before its last day"
        )


def day_until_today(day: DaySpec | None, today: date, what: str) -> date:
    """The day typed (default today), refused when it is after today; ``what`` says what is
    about a day, e.g. "an entry is about"."""
    if day is None:
        return today
    resolved = day.resolve(today)
    if resolved > today:
        raise InvalidValue(
            f"{day.label} {day.text!r} ({resolved.isoformat()}) is in the future; {what} today "
            f"({today.isoformat()}) or an earlier day"
        )
    return resolved

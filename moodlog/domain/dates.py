"""How the report words a date: one style throughout, ``2 Nov`` when the period lies within
one calendar year and the date in that year, ``2 Nov 2026`` otherwise; a span ``5 Jun –
1 Dec 2026`` (``5 Jun 2025 – 1 Dec 2026`` across years). The day is never zero-padded and a
year is always written whole, so neither is mistaken for the other."""

from __future__ import annotations

from datetime import date

from moodlog.domain.days import Period

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_text(day: date, period: Period | None = None) -> str:
    """``2 Nov``, with its year (``2 Nov 2026``) unless ``period`` lies within the one
    calendar year ``day`` is in. English month names, whatever the machine's locale."""
    words = f"{day.day} {MONTHS[day.month - 1]}"
    if period is not None and period.first.year == period.last.year == day.year:
        return words
    return f"{words} {day.year}"


def tick_text(day: date) -> str:
    """``2 Nov``: a day on an axis, where the period's dates give the year."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def weekday_tick_text(day: date) -> str:
    """``Mon 2``: a day on an axis of a few days, in English whatever the machine's locale."""
    return f"{WEEKDAYS[day.weekday()]} {day.day}"


def month_text(day: date) -> str:
    """``Nov 2026``: a month on an axis, its year whole."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def span_text(first: date, last: date, period: Period | None = None) -> str:
    """``5 Jun – 1 Dec 2026``; ``5 Jun 2025 – 1 Dec 2026`` across years; one day alone as
    :func:`day_text` words it. The year is left off both ends when ``period`` lies within
    that year (as :func:`day_text`)."""
    if first == last:
        return day_text(first, period)
    if first.year != last.year:
        return f"{day_text(first)} – {day_text(last)}"
    return f"{day_text(first, Period(first, last))} – {day_text(last, period)}"


def period_text(period: Period) -> str:
    """The period itself, its year always given: ``5 Jun – 1 Dec 2026``."""
    return span_text(period.first, period.last)

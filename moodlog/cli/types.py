"""Parameter types: what is typed on the command line becomes a value here, at the edge, so the
actions receive dates, periods, times and doses rather than text.

A wrong value raises moodlog's own :class:`~moodlog.errors.InvalidValue` (not click's usage
error), so the error boundary prints its one line, naming what is allowed, and exits 1. Each
type names the value in its messages by the option it was typed after (``--since '2026-02-30'
does not exist in the calendar``), or by the label it was given (an argument's).

Each form a value may take is one branch of the domain reader the type calls
(:func:`~moodlog.domain.days.read_day`, :func:`~moodlog.domain.days.read_period_length`,
:func:`~moodlog.domain.days.parse_time`, :func:`~moodlog.domain.entries.read_sleep_hours`,
:func:`~moodlog.domain.medications.parse_dose`): a new form (``3 days ago``, ``7h30``) is added
there, and every option of the type takes it.

A value only one family of commands takes (a questionnaire's answers, a medicine's schedule, an
urge) is a :class:`TypedValue` over its domain reader, declared in that family's command module:
the module is loaded only when one of its commands runs, so `moodlog add` loads none of the
others' readers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import click

from moodlog.domain.days import DaySpec, PeriodLength, parse_time, read_day, read_period_length
from moodlog.domain.entries import Measure, check_measure, read_sleep_hours
from moodlog.errors import InvalidValue

if TYPE_CHECKING:
    from moodlog.domain.medications import TypedDose

Value = TypeVar("Value")

# click's ParamType is generic from click 8.2 on; older versions, which Typer allows, are not.
if TYPE_CHECKING:
    _ParamType = click.ParamType[Any, str]
else:
    _ParamType = click.ParamType


class TypedValue(_ParamType, Generic[Value]):
    """A value read by ``read(text, label)``; ``label`` defaults to the option's name."""

    def __init__(self, name: str, read: Callable[[str, str], Value], label: str | None = None):
        self.name = name
        self._read = read
        self._label = label

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value  # a default, already a value
        return self._read(value, self._label or _option_name(param))


def _option_name(param: click.Parameter | None) -> str:
    if param is None:
        return "value"
    long_names = [name for name in param.opts if name.startswith("--")]
    return long_names[0] if long_names else (param.human_readable_name or "value").lower()


def score(measure: Measure) -> TypedValue[float]:
    """One of an entry's core measures (mood 0-10, sleep quality 1-5...), in range."""
    return TypedValue(measure.name, lambda text, _: check_measure(measure, text), measure.name)


def sleep_hours() -> TypedValue[float]:
    """Hours slept the night before (see :func:`~moodlog.domain.entries.read_sleep_hours`)."""
    return TypedValue("hours", lambda text, _: read_sleep_hours(text), "sleep")


def choice(allowed: tuple[str, ...], label: str | None = None) -> TypedValue[str]:
    """One of a few words, in any case (``--format PNG``)."""

    def read(text: str, label: str) -> str:
        word = text.strip().lower()
        if word not in allowed:
            raise InvalidValue(f"{label} {text!r} is not known; allowed: {', '.join(allowed)}")
        return word

    return TypedValue("|".join(allowed), read, label)


def day(label: str | None = None) -> TypedValue[DaySpec]:
    """A date: YYYY-MM-DD, today, yesterday, 3 days ago, a weekday... (see :func:`read_day`)."""
    return TypedValue("date", read_day, label)


def period_length(label: str | None = None) -> TypedValue[PeriodLength]:
    """A length of time: 30d, 4w, 3m, 1y, or a bare 30 (days)."""
    return TypedValue("length", read_period_length, label)


def clock_time(label: str | None = None) -> TypedValue[time]:
    """A clock time, HH:MM in 24-hour form."""
    return TypedValue("time", parse_time, label)


def dose(label: str | None = None) -> TypedValue[TypedDose]:
    """A dose: an amount and a unit (50mg, 0.5 mg, 1 tablet), or an amount alone (25), which
    takes the unit prescribed."""
    return TypedValue("dose", _read_dose, label)


def _read_dose(text: str, label: str) -> TypedDose:
    # Medicines are loaded only when a command about them runs.
    from moodlog.domain.medications import read_typed_dose

    return read_typed_dose(text, label)

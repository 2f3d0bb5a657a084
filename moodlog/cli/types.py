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
    from moodlog.domain.medications import Dose

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


def _read_dose(text: str, label: str) -> Dose:
    # Medicines are loaded only when a command about them runs.
    from moodlog.domain.medications import parse_dose

    return parse_dose(text, label)


def score(measure: Measure) -> TypedValue[float]:
    """One of an entry's core measures (mood 0-10, sleep quality 1-5...), in range."""
    return TypedValue(measure.name, lambda text, _: check_measure(measure, text), measure.name)


def sleep_hours() -> TypedValue[float]:
    """Hours slept the night before (see :func:`~moodlog.domain.entries.read_sleep_hours`)."""
    return TypedValue("hours", lambda text, _: read_sleep_hours(text), "sleep")


def severity(label: str | None = None) -> TypedValue[int]:
    """A side effect's severity: 1 mild, 2 moderate, 3 severe."""
    return TypedValue("severity", _read_severity, label)


def _read_severity(text: str, label: str) -> int:
    from moodlog.domain.side_effects import check_severity

    return check_severity(text, label)


def choice(allowed: tuple[str, ...], label: str | None = None) -> TypedValue[str]:
    """One of a few words, in any case (``--format PNG``)."""

    def read(text: str, label: str) -> str:
        word = text.strip().lower()
        if word not in allowed:
            raise InvalidValue(f"{label} {text!r} is not known; allowed: {', '.join(allowed)}")
        return word

    return TypedValue("|".join(allowed), read, label)


def day(label: str | None = None) -> TypedValue[DaySpec]:
    """A date: YYYY-MM-DD, today, yesterday or a weekday name (see :class:`DaySpec`)."""
    return TypedValue("date", read_day, label)


def period_length(label: str | None = None) -> TypedValue[PeriodLength]:
    """A length of time: 30d, 4w, 3m, 1y."""
    return TypedValue("length", read_period_length, label)


def clock_time(label: str | None = None) -> TypedValue[time]:
    """A clock time, HH:MM in 24-hour form."""
    return TypedValue("time", parse_time, label)


def dose(label: str | None = None) -> TypedValue[Dose]:
    """A dose: an amount and a unit (50mg, 0.5 mg, 1 tablet)."""
    return TypedValue("dose", _read_dose, label)


# --- Therapy, entries, import/export and the demo ---------------------------------------------
# Values whose meaning needs the journal (a skill resolved against the person's catalogue) or
# another value (answers against the questionnaire named) are split here into their parts and
# checked in full by the action; the rest are checked whole here. Each module is loaded only
# when a value of its own is typed, so that `moodlog add --mood 6` pays for none of them.

if TYPE_CHECKING:
    from moodlog.domain.daylio import MoodMapping
    from moodlog.domain.entries import TypedSkillUse, Urge
    from moodlog.domain.questionnaires import Answers, Difficulty, Instrument
    from moodlog.domain.scales import TypedSymptom
    from moodlog.domain.therapy import SkillCategory


def questionnaire() -> TypedValue[Instrument]:
    """The PHQ-9 or the GAD-7, by ``phq9``/``gad7`` (``PHQ-9``, ``gad 7`` too)."""
    return TypedValue("phq9|gad7", _read_questionnaire, "questionnaire")


def answers(label: str | None = None) -> TypedValue[Answers]:
    """A questionnaire's answers, ``1,0,2,...``."""
    return TypedValue("answers", _read_answers, label)


def difficulty(label: str | None = None) -> TypedValue[Difficulty]:
    """The PHQ-9's difficulty answer, 0-3."""
    return TypedValue("difficulty", _read_difficulty, label)


def skill_category(label: str | None = None) -> TypedValue[SkillCategory]:
    """A category for a skill of one's own: cbt, dbt, own or a DBT module (category, module)."""
    return TypedValue("category", _read_skill_category, label)


def list_category(label: str | None = None) -> TypedValue[str]:
    """A category the skills are listed by: cbt, dbt or own."""
    return TypedValue("category", _read_list_category, label)


def skill_description(label: str | None = None) -> TypedValue[str]:
    """A skill's one-line description."""
    return TypedValue("description", _read_skill_description, label)


def skill_use(label: str | None = None) -> TypedValue[TypedSkillUse]:
    """``NAME`` or ``NAME=SCORE``: a skill, found in the person's catalogue by the action."""
    return TypedValue("skill", _read_skill_use, label)


def symptom(label: str | None = None) -> TypedValue[TypedSymptom]:
    """``NAME=N``: a symptom scale, found with its range by the action, and its value."""
    return TypedValue("symptom", _read_symptom, label)


def _read_symptom(text: str, label: str) -> TypedSymptom:
    from moodlog.domain.scales import read_symptom

    return read_symptom(text, label)


def urge(label: str | None = None) -> TypedValue[Urge]:
    """``NAME=N``: an urge, built in or the person's own, and its strength 0-5."""
    return TypedValue("urge", _read_urge, label)


def clearable(label: str | None = None) -> TypedValue[str]:
    """A field of an entry that can be emptied."""
    return TypedValue("field", _read_clearable, label)


def mood_mapping(label: str | None = None) -> TypedValue[MoodMapping]:
    """``NAME=VALUE``: a Daylio mood and its moodlog mood 0-10."""
    return TypedValue("mapping", _read_mood_mapping, label)


def export_table(label: str | None = None) -> TypedValue[str]:
    """A table of the journal to export, or ``all``."""
    return TypedValue("table", _read_export_table, label)


def demo_days(label: str | None = None) -> TypedValue[int]:
    """How many days the demo journal tells."""
    return TypedValue("days", _read_demo_days, label)


def _read_questionnaire(text: str, label: str) -> Instrument:
    from moodlog.domain.questionnaires import find_instrument

    return find_instrument(text)


def _read_answers(text: str, label: str) -> Answers:
    from moodlog.domain.questionnaires import read_answers

    return read_answers(text, label)


def _read_difficulty(text: str, label: str) -> Difficulty:
    from moodlog.domain.questionnaires import read_difficulty

    return read_difficulty(text, label)


def _read_skill_use(text: str, label: str) -> TypedSkillUse:
    from moodlog.domain.entries import read_skill_use

    return read_skill_use(text, label)


def _read_urge(text: str, label: str) -> Urge:
    from moodlog.domain.entries import check_urge

    return check_urge(text, label)


def _read_clearable(text: str, label: str) -> str:
    from moodlog.domain.entries import read_clearable

    return read_clearable(text, label)


def _read_skill_category(text: str, label: str) -> SkillCategory:
    from moodlog.domain.therapy import check_category

    return check_category(text, label)


def _read_list_category(text: str, label: str) -> str:
    from moodlog.domain.therapy import read_list_category

    return read_list_category(text, label)


def _read_skill_description(text: str, label: str) -> str:
    from moodlog.domain.therapy import check_description

    return check_description(text, label)


def _read_mood_mapping(text: str, label: str) -> MoodMapping:
    from moodlog.domain.daylio import read_mood_mapping

    return read_mood_mapping(text, label)


def _read_export_table(text: str, label: str) -> str:
    from moodlog.actions.export import read_table

    return read_table(text, label)


def _read_demo_days(text: str, label: str) -> int:
    from moodlog.actions.demo import read_demo_days

    return read_demo_days(text, label)


# --- medicines and symptom scales ------------------------------------------------------------
# Each reads with a reader of moodlog.domain.medications (loaded only when a command about
# medicines runs) or of moodlog.domain.entries, one branch per form there.

if TYPE_CHECKING:
    from moodlog.domain.medications import Slots, Weekdays


def schedule(label: str = "schedule") -> TypedValue[Slots]:
    """A day's doses: named slots or clock times, each with its own dose or not
    (``morning=50mg,bedtime``). Its messages have always called it "schedule"."""

    def read(text: str, label: str) -> Slots:
        from moodlog.domain.medications import read_slots

        return read_slots(text, label)

    return TypedValue("schedule", read, label)


def weekdays(every_day_words: bool = False, label: str | None = None) -> TypedValue[Weekdays]:
    """Weekdays (``mon,thu``), 0 for Monday; ``()`` is every day, which ``every_day_words``
    also lets the person say with all or daily."""

    def read(text: str, label: str) -> Weekdays:
        from moodlog.domain.medications import read_weekdays

        return read_weekdays(text, label, every_day_words)

    return TypedValue("weekdays", read, label)


def interval(label: str | None = None) -> TypedValue[int]:
    """Days between doses: 28d or 4w."""

    def read(text: str, label: str) -> int:
        from moodlog.domain.medications import read_interval

        return read_interval(text, label)

    return TypedValue("interval", read, label)


def number(label: str | None = None) -> TypedValue[float]:
    """Any finite number (a symptom scale's bounds)."""

    def read(text: str, label: str) -> float:
        from moodlog.domain.entries import parse_number

        return parse_number(text, label, "a number")

    return TypedValue("number", read, label)

"""What every stored record of a kind must hold, whatever door it came in by: each value read
with the very reader the commands use (a schedule with the schedule reader, a dose with the dose
reader), and what moodlog works out itself (a questionnaire's total and band) worked out again.
A record that passes can be read by every command. Plain Python.

Each check takes a record's values by column, as the journal stores them, and returns what is
wrong with it, one message per problem, each naming the field and the value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from moodlog.domain.medications import (
    ONCE,
    UNITS,
    WEEKDAY_NAMES,
    Dose,
    check_medicine_name,
    parse_dose,
    read_slots,
)
from moodlog.domain.questionnaires import INSTRUMENTS, score
from moodlog.errors import InvalidValue

# SQLite keeps whole numbers in 8 bytes; an id is a positive one.
LARGEST_WHOLE_NUMBER = 2**63 - 1
SMALLEST_WHOLE_NUMBER = -(2**63)
_LONGEST_INTERVAL_DAYS = 366
_SHOWN_CHARACTERS = 60

Values = Mapping[str, Any]


def shown(value: object) -> str:
    """A value as a message names it: its repr, cut short so a message stays one short line."""
    text = repr(value)
    if len(text) > _SHOWN_CHARACTERS:
        text = f"{text[: _SHOWN_CHARACTERS - 20]}… ({len(text):,} characters)"
    return text.replace("\n", "\\n").replace("\r", "\\r")


def check_number(name: str, value: float) -> str | None:
    """A number stored in a journal column: finite, and whole numbers within what SQLite
    keeps."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"{name} {shown(value)} is not a finite number"
    if isinstance(value, int) and not SMALLEST_WHOLE_NUMBER <= value <= LARGEST_WHOLE_NUMBER:
        return f"{name} {shown(value)} is out of range; whole numbers go up to {2**63 - 1:,}"
    return None


def check_id(name: str, value: int) -> str | None:
    if not 1 <= value <= LARGEST_WHOLE_NUMBER:
        return f"{name} {shown(value)} is not an id; allowed: a whole number from 1 to 2^63-1"
    return None


def _dose_fields(values: Values) -> list[str]:
    """The dose columns: an amount and a unit the dose reader gives, both or neither; the
    dose as text, when given, reads as that same dose."""
    amount, unit, text = values.get("dose_amount"), values.get("dose_unit"), values.get("dose")
    if amount is None and unit is None:
        return [] if text is None else [f"dose {shown(text)} is given without dose_amount"]
    if amount is None or unit is None:
        return ["dose_amount and dose_unit go together; give both or neither"]
    problems = []
    try:
        checked = parse_dose(f"{amount:.3f}".rstrip("0").rstrip(".") + f" {unit}", "dose")
    except InvalidValue:
        checked = None
    if unit not in UNITS:
        problems.append(f"dose_unit {shown(unit)} is not a unit; units: {', '.join(UNITS)}")
    elif checked is None or checked.amount != amount:
        problems.append(
            f"dose_amount {shown(amount)} is not a dose amount; above 0, at most 1,000,000, "
            "at most 3 decimals"
        )
    elif text is not None and str(Dose(amount, unit)) != text:
        problems.append(f"dose {shown(text)} is not dose_amount {amount:g} {unit}")
    return problems


def _regimen(values: Values) -> list[str]:
    problems = _dose_fields(values)
    try:
        check_medicine_name(values["medicine"])
    except InvalidValue as error:
        problems.append(str(error))
    if values.get("schedule") is not None:
        try:
            read_slots(values["schedule"], "schedule")
        except InvalidValue as error:
            problems.append(str(error))
    days = values.get("days")
    if days is not None and not all(day in WEEKDAY_NAMES for day in days.split(";")):
        problems.append(
            f"days {shown(days)} is not a list of weekdays; e.g. mon;thu "
            f"(names: {', '.join(WEEKDAY_NAMES)})"
        )
    every = values.get("every_days")
    if every is not None and not 1 <= every <= _LONGEST_INTERVAL_DAYS:
        problems.append(
            f"every_days {shown(every)} is out of range; allowed: 1 to {_LONGEST_INTERVAL_DAYS}"
        )
    if (every is None) != (values.get("every_from") is None):
        problems.append("every_days and every_from go together; give both or neither")
    return problems


def _dose_log(values: Values) -> list[str]:
    problems = _dose_fields(values)
    slot = values.get("slot")
    if slot is not None:
        try:
            slots = read_slots(slot, "slot")
        except InvalidValue as error:
            problems.append(str(error))
        else:
            if len(slots) != 1 or slots[0].name != slot or slots[0].dose is not None:
                problems.append(f"slot {shown(slot)} is not one slot; e.g. morning or {ONCE}")
    return problems


def _questionnaire(values: Values) -> list[str]:
    instrument = INSTRUMENTS.get(values["instrument"])
    if instrument is None:
        return [f"instrument {shown(values['instrument'])} is not known; allowed: phq9, gad7"]
    count = len(instrument.items)
    answers = [values.get(f"item{number}") for number in range(1, 10)]
    given, beyond = answers[:count], answers[count:]
    if any(answer is None for answer in given) or any(answer is not None for answer in beyond):
        return [f"the {instrument.title} has {count} items: item1 to item{count}, no more"]
    try:
        result = score(instrument, [int(answer) for answer in given if answer is not None])
    except InvalidValue as error:
        return [str(error)]
    problems = []
    if values["total"] != result.total:
        problems.append(
            f"total {shown(values['total'])} is not the total of the answers, {result.total}"
        )
    if values["band"] != result.band.name:
        problems.append(
            f"band {shown(values['band'])} is not the band of the answers, {result.band.name!r}"
        )
    return problems


_CHECKS: dict[str, Callable[[Values], list[str]]] = {
    "regimen": _regimen,
    "doses": _dose_log,
    "questionnaires": _questionnaire,
}


def check_stored(kind: str, values: Values) -> list[str]:
    """What is wrong with a record of the table ``kind`` (its values by column, each already of
    its column's type and present when its column needs one)."""
    check = _CHECKS.get(kind)
    return check(values) if check else []

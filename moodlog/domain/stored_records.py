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
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from moodlog.domain.appointments import MAX_QUESTION, MAX_WITH
from moodlog.domain.days import parse_time
from moodlog.domain.entries import Entry, check_name, number_text
from moodlog.domain.medications import (
    CHANGE,
    ONCE,
    STOP,
    UNITS,
    WEEKDAY_NAMES,
    WITHDRAW,
    Dose,
    check_medicine_name,
    parse_dose,
    read_slots,
)
from moodlog.domain.questionnaires import INSTRUMENTS, Questionnaire, score
from moodlog.domain.safety import entry_flags, questionnaire_flags
from moodlog.domain.scales import PRESETS, Scale
from moodlog.domain.settings import SETTINGS, check_setting
from moodlog.domain.side_effects import SEVERITIES
from moodlog.domain.therapy import (
    BUILT_IN_SKILLS,
    CATEGORIES,
    DBT_MODULES,
    SCORE_HIGH,
    SCORE_LOW,
    Skill,
    SkillCategory,
    check_description,
    check_session_note,
    new_skill,
)
from moodlog.domain.warning_signs import PRESETS as SIGN_PRESETS
from moodlog.domain.warning_signs import check_plan, check_sign_name, read_rule
from moodlog.errors import InvalidValue

# SQLite keeps whole numbers in 8 bytes; an id is a positive one.
LARGEST_WHOLE_NUMBER = 2**63 - 1
SMALLEST_WHOLE_NUMBER = -(2**63)
_LONGEST_INTERVAL_DAYS = 366
_SHOWN_CHARACTERS = 60
# The longest text value an import takes, in characters: far above anything moodlog writes (a
# typed note stops at 100,000 characters; a note from Daylio or a file may be longer, and the
# benchmarks keep a 5-MiB one), yet small enough that a hostile file cannot fill memory with
# one value (docs/import.md).
LONGEST_TEXT = 16 * 1024 * 1024

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


def check_text_length(name: str, value: str) -> str | None:
    """A text value of an imported record: at most :data:`LONGEST_TEXT` characters."""
    if len(value) > LONGEST_TEXT:
        return (
            f"{name} is {len(value):,} characters long; allowed: up to {LONGEST_TEXT:,} characters"
        )
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


def _regimen(values: Values, known: Known) -> list[str]:
    problems = _regimen_values(values)
    kind, withdraws = values.get("kind"), values.get("withdraws")
    medicine = str(values["medicine"]).casefold()
    if kind == WITHDRAW:
        problems += _withdrawal(values, known)
    elif withdraws is not None:
        problems.append(f"withdraws {shown(withdraws)} belongs to a withdrawal, not a {kind}")
    if not problems:
        if isinstance(values.get("id"), int):
            known.regimen[values["id"]] = (medicine, str(kind))
        if kind == WITHDRAW and isinstance(withdraws, int):
            known.withdrawn.add(withdraws)
    return problems


def _withdrawal(values: Values, known: Known) -> list[str]:
    """A withdrawal names an earlier change or stop of its medicine, not withdrawn before, and
    carries no dose or schedule of its own."""
    withdraws = values.get("withdraws")
    given = [
        column
        for column in ("dose", "dose_amount", "dose_unit", "schedule", "days", "every_days")
        if values.get(column) is not None
    ]
    problems = [f"a withdrawal has no {', '.join(given)}"] if given else []
    named = known.regimen.get(withdraws) if isinstance(withdraws, int) else None
    if named is None:
        problems.append(f"withdraws {shown(withdraws)} is not a regimen record before it")
    elif named[0] != str(values["medicine"]).casefold():
        problems.append(f"withdraws {withdraws}, a record of another medicine")
    elif named[1] not in (CHANGE, STOP):
        problems.append(f"withdraws {withdraws}, a {named[1]}; only a change or stop is withdrawn")
    elif withdraws in known.withdrawn:
        problems.append(f"withdraws {withdraws}, which another record withdraws already")
    return problems


def _regimen_values(values: Values) -> list[str]:
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


@dataclass
class Known:
    """What the records checked so far hold that later ones refer to: the symptom scales, the
    skill catalogue (built in, then the person's own), and the safety flags each entry and
    questionnaire raises, by (source, id), with its day."""

    scales: dict[str, Scale] = field(default_factory=dict)
    skills: list[Skill] = field(default_factory=lambda: list(BUILT_IN_SKILLS))
    flags: dict[tuple[str, int], tuple[str, set[tuple[str, str]]]] = field(default_factory=dict)
    # Each regimen record's medicine (as matched, ignoring case) and kind, by id; the ids a
    # withdrawal has withdrawn.
    regimen: dict[int, tuple[str, str]] = field(default_factory=dict)
    withdrawn: set[int] = field(default_factory=set)


def _as_written(value: str, checked: str, name: str, how: str) -> list[str]:
    """A name is kept as the command that made it writes it; another spelling is refused."""
    if checked != value:
        return [f"{name} {shown(value)} is not written as moodlog writes {how}, {checked!r}"]
    return []


def _checked(read: Callable[[], object]) -> list[str]:
    try:
        read()
    except InvalidValue as error:
        return [str(error)]
    return []


def _setting(values: Values, known: Known) -> list[str]:
    key = values["key"]
    if key not in SETTINGS:
        return [f"key {shown(key)} is not a setting; the settings are {', '.join(SETTINGS)}"]
    return _checked(lambda: check_setting(key, values["value"]))


def _scale(values: Values, known: Known) -> list[str]:
    name, low, high, preset = values["name"], values["min"], values["max"], values.get("preset")
    problems = []
    try:
        problems += _as_written(name, check_name(name, "scale"), "name", "scale names")
    except InvalidValue as error:
        problems.append(str(error))
    if not high > low:
        problems.append(f"max {shown(high)} is not above min {shown(low)}")
    if preset is not None and preset not in PRESETS:
        problems.append(f"preset {shown(preset)} is not known; allowed: {', '.join(PRESETS)}")
    if not problems:
        known.scales[name] = Scale(name, low, high, values.get("description") or "", preset)
    return problems


def _skill(values: Values, known: Known) -> list[str]:
    name, category, module = values["name"], values["category"], values.get("module")
    if values.get("built_in") != 0:
        return [
            f"built_in {shown(values.get('built_in'))}: the built-in skills are not kept in "
            "the journal, only one's own; allowed: 0"
        ]
    if category not in CATEGORIES:
        return [f"category {shown(category)} is not a category; allowed: {', '.join(CATEGORIES)}"]
    if module is not None and (category != "dbt" or module not in DBT_MODULES):
        return [
            f"module {shown(module)} is not a module of {category}; allowed: "
            + (", ".join(DBT_MODULES) + " or empty" if category == "dbt" else "empty")
        ]
    description = values.get("description") or ""
    try:
        skill = new_skill(name, SkillCategory(category, module), description, known.skills)
    except InvalidValue as error:
        return [str(error)]
    problems = _as_written(name, skill.name, "name", "skill names")
    problems += _as_written(description, check_description(description), "description", "it")
    if not problems:
        known.skills.append(skill)
    return problems


def _skill_use(values: Values, known: Known) -> list[str]:
    name = values["skill"]
    skill = next((skill for skill in known.skills if skill.name == name), None)
    if skill is None:
        return [
            f"skill {shown(name)} is not in the catalogue (the built-in skills and tables.skills)"
        ]
    problems = []
    if (values["category"], values.get("module")) != (skill.category, skill.module):
        problems.append(
            f"category {shown(values['category'])} and module {shown(values.get('module'))} "
            f"are not those of {skill.name}: {skill.category!r} and {skill.module!r}"
        )
    score = values.get("score")
    if score is not None and not SCORE_LOW <= score <= SCORE_HIGH:
        problems.append(
            f"score {shown(score)} is not a diary-card code; allowed: {SCORE_LOW} to {SCORE_HIGH}"
        )
    return problems


def _session(values: Values, known: Known) -> list[str]:
    kind, note = values["kind"], values.get("note")
    try:
        problems = _as_written(kind, check_name(kind, "session kind"), "kind", "session kinds")
    except InvalidValue as error:
        problems = [str(error)]
    if note is not None:
        problems += _checked(lambda: check_session_note(note))
    return problems


def _side_effect(values: Values, known: Known) -> list[str]:
    name, severity = values["name"], values["severity"]
    try:
        problems = _as_written(name, check_name(name, "side effect"), "name", "side effects")
    except InvalidValue as error:
        problems = [str(error)]
    if severity not in SEVERITIES:
        problems.append(f"severity {shown(severity)} is out of range; allowed: 1, 2 or 3")
    if values["medicine"] is not None:
        problems += _checked(lambda: check_medicine_name(values["medicine"]))
    resolved, onset = values.get("resolved_date"), values["onset_date"]
    if resolved is not None and resolved < onset:
        problems.append(f"resolved_date {shown(resolved)} is before onset_date {shown(onset)}")
    return problems


def _appointment(values: Values, known: Known) -> list[str]:
    # Measured as `appointment add` measures it: spaces run together.
    whom = values.get("with_whom")
    if whom is not None and len(" ".join(whom.split())) > MAX_WITH:
        return [f"with_whom {shown(whom)} is longer than {MAX_WITH} characters"]
    return []


def _question(values: Values, known: Known) -> list[str]:
    # Measured as `ask` measures it: spaces run together.
    text, asked, done = values["text"], values["asked_on"], values.get("done_on")
    problems = []
    if not text.strip():
        problems.append("text is blank; a question needs words")
    elif len(" ".join(text.split())) > MAX_QUESTION:
        problems.append(f"text {shown(text)} is longer than {MAX_QUESTION} characters")
    if done is not None and done < asked:
        problems.append(f"done_on {shown(done)} is before asked_on {shown(asked)}")
    return problems


def _questionnaire_flags(values: Values, known: Known) -> list[str]:
    problems = _questionnaire(values)
    if not problems:
        instrument = INSTRUMENTS[values["instrument"]]
        answers = tuple(int(values[f"item{n}"]) for n in range(1, len(instrument.items) + 1))
        answered = Questionnaire(
            date.fromisoformat(values["day"]),
            instrument.key,
            answers,
            values.get("difficulty"),
            values["total"],
            values["band"],
            datetime.fromisoformat(values["recorded_at"]),
            values["id"],
        )
        reasons = {(flag.trigger, flag.detail) for flag in questionnaire_flags(answered)}
        known.flags[("questionnaire", values["id"])] = (values["day"], reasons)
    return problems


def symptoms_in_range(symptoms: dict[str, float], scales: list[Scale]) -> list[str]:
    """A symptom on one of the journal's scales is within that scale's range, as `add` checks
    it. A symptom on a scale the journal no longer has is kept as it is: removing a scale
    keeps the values already recorded on it."""
    by_name = {scale.name: scale for scale in scales}
    problems = []
    for name, value in symptoms.items():
        scale = by_name.get(name)
        if scale is not None and not scale.low <= value <= scale.high:
            problems.append(
                f"symptom {name} {number_text(value)} is out of range; allowed: {scale.allowed()}"
            )
    return problems


def check_entry(entry: Entry, known: Known) -> list[str]:
    """An entry read back from a journal's own record (its values already checked as the
    entries CSV is): its symptoms within their scales, and the safety flags it raises noted,
    for the flags that follow."""
    assert entry.id is not None
    reasons = {(flag.trigger, flag.detail) for flag in entry_flags(entry, entry.recorded_at)}
    known.flags[("entry", entry.id)] = (entry.day.isoformat(), reasons)
    return symptoms_in_range(entry.symptoms, list(known.scales.values()))


def _safety_flag(values: Values, known: Known) -> list[str]:
    """A safety flag is one its entry or questionnaire raises, on its day: moodlog works them
    out itself, and a flag with another reason would put words on the report nobody wrote."""
    source = values["source"]
    record_id = values.get("entry_id") if source == "entry" else values.get("questionnaire_id")
    raised = known.flags.get((source, record_id)) if isinstance(record_id, int) else None
    if raised is None:
        return [f"{source} {shown(record_id)} is not a {source} of the file that raises flags"]
    day, reasons = raised
    problems = []
    if (values["trigger"], values["detail"]) not in reasons:
        allowed = "; ".join(f"{trigger}: {detail}" for trigger, detail in sorted(reasons))
        problems.append(
            f"trigger {shown(values['trigger'])} with detail {shown(values['detail'])} is not a "
            f"flag {source} {record_id} raises ({allowed or 'it raises none'})"
        )
    if values["day"] != day:
        problems.append(f"day {shown(values['day'])} is not the day of {source} {record_id}, {day}")
    return problems


def _warning_sign(values: Values, known: Known) -> list[str]:
    """A sign's name and plan as `warn add` takes them, its rule in the form moodlog keeps."""
    problems = _checked(lambda: check_sign_name(values["name"]))
    problems += _checked(lambda: check_plan(values.get("plan")))
    problems += _kept_rule(values["rule"])
    preset = values.get("preset")
    if preset is not None and preset not in SIGN_PRESETS:
        problems.append(f"preset {shown(preset)} is not known; allowed: {', '.join(SIGN_PRESETS)}")
    return problems


def _kept_rule(rule: str) -> list[str]:
    try:
        kept = read_rule(rule).text
    except InvalidValue as error:
        return [str(error)]
    return _as_written(rule, kept, "rule", "rules")


def _sign_episode(values: Values) -> list[str]:
    problems = _kept_rule(values["rule"])
    note = values.get("note")
    if note is not None:
        problems += _checked(lambda: check_plan(note))
    return problems


def _plain(check: Callable[[Values], list[str]]) -> Callable[[Values, Known], list[str]]:
    return lambda values, known: check(values)


_CHECKS: dict[str, Callable[[Values, Known], list[str]]] = {
    "settings": _setting,
    "scales": _scale,
    "skills": _skill,
    "regimen": _regimen,
    "doses": _plain(_dose_log),
    "questionnaires": _questionnaire_flags,
    "safety_flags": _safety_flag,
    "side_effects": _side_effect,
    "skill_uses": _skill_use,
    "sessions": _session,
    "appointments": _appointment,
    "questions": _question,
    "warning_signs": _warning_sign,
    "warning_sign_episodes": _plain(_sign_episode),
}


def check_stored(kind: str, values: Values, known: Known | None = None) -> list[str]:
    """What is wrong with a record of the table ``kind`` (its values by column, each already of
    its column's type and present when its column needs one). ``known`` holds what the records
    before it hold (a restore checks tables in the order they refer to each other); a record
    that passes is added to it."""
    check = _CHECKS.get(kind)
    return check(values, known if known is not None else Known()) if check else []


def stored_form(kind: str, values: Values) -> dict[str, Any]:
    """The record's values as moodlog itself writes them: a time ``7:05`` as ``07:05``, a
    setting as `moodlog config` stores it. The values have passed :func:`check_stored`."""
    stored = dict(values)
    if isinstance(stored.get("time"), str) and kind in ("entries", "doses"):
        stored["time"] = parse_time(stored["time"]).strftime("%H:%M")
    if kind == "settings":
        stored["value"] = check_setting(stored["key"], stored["value"])
    return stored

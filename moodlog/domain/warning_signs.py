"""Warning signs: the person's own early signs of a relapse, written as rules over the journal
(`sleep < 5 on 2 nights in a row`), each with the plan agreed for it. Plain Python.

A rule is a condition on one day's values and how many days it needs:

    VALUE OP N                      sleep < 5, mood <= 3, elevated >= 2, urge self-harm >= 3
    VALUE mean over N days OP N     anxiety mean over 7 days >= 7
    missed MED · not taken MED      a dose logged missed (not taken: missed or not logged)
    tag NAME · acted NAME           an entry tagged so; an urge acted on
    phq9 OP N · gad7 OP N · phq9 item 9 OP N
    no entry for N days

followed, for any but a questionnaire and `no entry`, by how many days: nothing (that day),
`on N days in a row` (or `nights`, or `for N days`), `on K of N days`, `K times in N days`.
Conditions may be joined with `and`, each with its own days, all holding on the day:
`sleep < 6 on 2 nights in a row and energy >= 7`.
docs/warning-signs.md says what each means; :mod:`moodlog.domain.sign_days` works out the
days.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from moodlog.domain.entries import BUILT_IN_URGES, CORE_MEASURES, number_text
from moodlog.domain.names import either, matching, name_key
from moodlog.domain.questionnaires import INSTRUMENTS, WINDOW_DAYS
from moodlog.errors import InvalidValue

MAX_NAME = 60
MAX_PLAN = 5_000
MAX_DID = 1_000  # what the person did about an episode: a line or two on the report
LONGEST_SPAN = 366  # days a rule may look back over

# The values a rule can read from entries: the core ones by the word a rule uses for them.
CORE_VALUES: dict[str, tuple[float, float]] = {
    ("sleep" if measure.name == "sleep hours" else measure.name): (measure.low, measure.high)
    for measure in CORE_MEASURES
}
URGE_RANGE = (0.0, 5.0)

OPERATORS = ("<=", ">=", "<", ">", "=")

EXAMPLES = {
    "value": "sleep < 5 on 2 nights in a row",
    "mean": "anxiety mean over 7 days >= 7",
    "of": "elevated >= 2 on 3 of 5 days",
    "dose": "missed lithium 2 days in a row",
    "tag": "tag spending 3 times in 7 days",
    "urge": "urge self-harm >= 3",
    "score": "phq9 >= 15",
    "item": "phq9 item 9 >= 1",
    "no entry": "no entry for 3 days",
    "and": "sleep < 6 on 2 nights in a row and energy >= 7",
}
_TOKEN = re.compile(r'"[^"]*"?|<=|>=|==|=<|=>|<|>|=|[^\s<>="]+')


# --- what a rule is made of -------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """``value OP number``."""

    operator: str
    number: float

    def holds(self, value: float) -> bool:
        if self.operator == "<":
            return value < self.number
        if self.operator == "<=":
            return value <= self.number
        if self.operator == ">":
            return value > self.number
        if self.operator == ">=":
            return value >= self.number
        return value == self.number

    def __str__(self) -> str:
        return f"{self.operator} {number_text(self.number)}"


@dataclass(frozen=True)
class Value:
    """A value of the day: a core value (``sleep`` the night's hours), one of the person's
    scales, or an urge's strength (``urge NAME``)."""

    name: str
    urge: bool = False

    def __str__(self) -> str:
        return f"urge {quoted(self.name)}" if self.urge else quoted(self.name)


@dataclass(frozen=True)
class Dose:
    """A medicine's due doses of the day: ``missed`` logged missed; ``not taken`` missed or not
    logged (a dose skipped on the prescriber's advice is neither)."""

    status: str
    medicine: str

    def __str__(self) -> str:
        return f"{self.status} {quoted(self.medicine)}"


@dataclass(frozen=True)
class Tag:
    name: str

    def __str__(self) -> str:
        return f"tag {quoted(self.name)}"


@dataclass(frozen=True)
class Acted:
    """An urge acted on that day."""

    name: str

    def __str__(self) -> str:
        return f"acted {quoted(self.name)}"


@dataclass(frozen=True)
class Score:
    """The latest PHQ-9 or GAD-7 total (or one item's answer) of the two weeks the questions
    cover."""

    instrument: str
    item: int | None = None

    def __str__(self) -> str:
        return self.instrument + (f" item {self.item}" if self.item is not None else "")


@dataclass(frozen=True)
class NoEntry:
    """A day with no entry (not logged)."""

    def __str__(self) -> str:
        return "no entry"


Subject = Value | Dose | Tag | Acted | Score | NoEntry


@dataclass(frozen=True)
class Span:
    """How many days a rule needs: ``in a row`` — the day and the ``days - 1`` before all meet
    the condition; ``of`` — at least ``count`` of the ``days`` ending on the day meet it;
    ``times`` — the condition is met ``count`` times (tagged entries, missed doses) in the
    ``days``. ``unit`` is the word the person used, days or nights."""

    kind: str  # "in a row", "of", "times"
    days: int = 1
    count: int = 1
    unit: str = "days"

    def __str__(self) -> str:
        unit = self.unit if self.days != 1 else self.unit.rstrip("s")
        if self.kind == "in a row":
            return "" if self.days == 1 else f"on {self.days} {unit} in a row"
        if self.kind == "of":
            return f"on {self.count} of {self.days} {unit}"
        return f"{self.count} {'time' if self.count == 1 else 'times'} in {self.days} {unit}"


ONE_DAY = Span("in a row")


@dataclass(frozen=True)
class Rule:
    """A warning sign's rule: a subject, its comparison (none for doses, tags, acted urges and
    no entry), the days of a mean (``mean over N days``), and the days it needs; ``also``,
    the conditions joined to it with ``and``, each with its own days, all holding on the day."""

    subject: Subject
    comparison: Comparison | None = None
    mean_over: int | None = None
    span: Span = ONE_DAY
    also: tuple[Rule, ...] = ()

    @property
    def parts(self) -> tuple[Rule, ...]:
        """The conditions joined with ``and``, each a rule of its own (one for most rules)."""
        return (replace(self, also=()), *self.also) if self.also else (self,)

    @property
    def text(self) -> str:
        """The rule as `warn show` prints it, and as it is kept."""
        if self.also:
            return " and ".join(part.text for part in self.parts)
        if isinstance(self.subject, NoEntry):
            return f"no entry for {self.span.days} {'day' if self.span.days == 1 else 'days'}"
        words = [str(self.subject)]
        if self.mean_over is not None:
            words.append(f"mean over {self.mean_over} days")
        if self.comparison is not None:
            words.append(str(self.comparison))
        words.append(str(self.span))
        return " ".join(word for word in words if word)

    def __str__(self) -> str:
        return self.text

    @property
    def days_needed(self) -> int:
        """How many days, ending on a day, decide whether the rule holds on it."""
        if self.also:
            return max(part.days_needed for part in self.parts)
        one_day = WINDOW_DAYS if isinstance(self.subject, Score) else self.mean_over or 1
        return self.span.days + one_day - 1


def quoted(name: str) -> str:
    """A name as a rule writes it: in double quotes when a word of it could be read as a
    number, a comparison or a word of the rules."""
    words = name.split()
    plain = bool(words) and all(
        re.fullmatch(r"[^<>=\"]+", word)
        and not _is_number(word)
        and word.casefold() not in _KEYWORDS
        for word in words
    )
    return name if plain else f'"{name}"'


_KEYWORDS = {"and", "on", "for", "of", "in", "mean", "item", "times", "time", "days", "nights"}


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# --- what a rule may name -----------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """The names a rule can use in this journal: the person's scales (name -> range), the
    medicines, and the urges beyond the built-in ones. Without one (a rule read back from the
    journal, already in its kept form), names are taken as written."""

    scales: dict[str, tuple[float, float]] = field(default_factory=dict)
    medicines: tuple[str, ...] = ()
    urges: tuple[str, ...] = ()


# --- reading a rule ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Word:
    text: str
    position: int  # 1 for the first word
    quoted: bool = False

    @property
    def key(self) -> str:
        return "" if self.quoted else self.text.casefold()


class _Reader:
    """The words of a rule, read left to right; a mistake names the word and its place."""

    def __init__(self, text: str, example: str) -> None:
        self.text = " ".join(text.split())
        self.words = []
        for position, match in enumerate(_TOKEN.finditer(self.text), 1):
            token = match.group()
            if token.startswith('"'):
                if len(token) < 2 or not token.endswith('"'):
                    raise self.error_at(position, token, "has no closing quote")
                self.words.append(_Word(token[1:-1], position, True))
            else:
                self.words.append(_Word(token, position))
        self.at = 0
        self.example = example

    def error_at(self, position: int, word: str, problem: str) -> InvalidValue:
        return InvalidValue(
            f"rule {self.text!r}: word {position}, {word!r}, {problem}; "
            f'e.g. "{getattr(self, "example", EXAMPLES["value"])}"'
        )

    def error(self, problem: str) -> InvalidValue:
        """A mistake at the word about to be read (or at the end of the rule)."""
        if self.at < len(self.words):
            word = self.words[self.at]
            return self.error_at(word.position, word.text, problem)
        return InvalidValue(
            f"rule {self.text!r} ends too soon: {problem.removeprefix('is ')}; "
            f'e.g. "{self.example}"'
        )

    def peek(self, offset: int = 0) -> str | None:
        index = self.at + offset
        return self.words[index].key if index < len(self.words) else None

    def done(self) -> bool:
        return self.at >= len(self.words)

    def take(self) -> _Word:
        word = self.words[self.at]
        self.at += 1
        return word

    def expect(self, *keys: str) -> str:
        if self.peek() not in keys:
            wanted = either(repr(key) for key in keys)
            raise self.error(f"should be {wanted}" if not self.done() else f"needs {wanted}")
        return self.take().key

    def whole_number(self, what: str, low: int = 1, high: int = LONGEST_SPAN) -> int:
        if self.done():
            raise self.error(f"needs {what}")
        word = self.words[self.at]
        if word.quoted or not word.text.isdigit() or not low <= int(word.text) <= high:
            raise self.error(f"should be {what}, a whole number from {low} to {high}")
        self.at += 1
        return int(word.text)

    def name(self, what: str, stops: Iterable[str] = ()) -> str:
        """The words of a name, up to a number, a comparison or one of ``stops``."""
        stops = set(stops)
        words: list[str] = []
        while not self.done():
            word = self.words[self.at]
            if word.quoted:
                if words:
                    break
                self.at += 1
                return word.text
            if word.text in OPERATORS or word.key in stops or _is_number(word.text):
                break
            words.append(word.text)
            self.at += 1
        if not words:
            raise self.error(f"should be the name of {what}")
        return " ".join(words)


def _operator(reader: _Reader) -> str:
    if reader.done() or reader.words[reader.at].quoted:
        raise reader.error("needs a comparison: <, <=, >, >= or =")
    word = reader.words[reader.at].text
    operator = {"==": "=", "=<": "<=", "=>": ">="}.get(word, word)
    if operator not in OPERATORS:
        raise reader.error("should be a comparison: <, <=, >, >= or =")
    reader.at += 1
    return operator


def _comparison(reader: _Reader, what: str, allowed: tuple[float, float] | None) -> Comparison:
    operator = _operator(reader)
    if reader.done():
        raise reader.error(f"needs a number after {operator!r}")
    word = reader.words[reader.at]
    number_text_ = word.text.replace(",", ".")
    if word.quoted or not _is_number(number_text_) or not _finite(float(number_text_)):
        raise reader.error("should be a number")
    number = float(number_text_)
    if allowed is not None and not allowed[0] <= number <= allowed[1]:
        low, high = (number_text(limit) for limit in allowed)
        raise reader.error(f"is outside {what}'s range, {low} to {high}")
    reader.at += 1
    return Comparison(operator, number)


def _finite(number: float) -> bool:
    return math.isfinite(number)


def _span(reader: _Reader) -> Span:
    """How many days: nothing, `on N days in a row`, `N days in a row`, `for N days`,
    `on K of N days`, `K times in N days`."""
    if reader.done() or reader.peek() == "and":
        return ONE_DAY
    if reader.peek() == "for":
        reader.take()
        days = reader.whole_number("the number of days")
        return Span("in a row", days, unit=_unit(reader))
    if reader.peek() == "on":
        reader.take()
    count = reader.whole_number("the number of days")
    if reader.peek() == "of":
        reader.take()
        days = reader.whole_number("the number of days")
        if count > days:
            raise reader.error_at(
                reader.words[reader.at - 1].position,
                str(days),
                f"is fewer days than the {count} the rule counts",
            )
        return Span("of", days, count, _unit(reader))
    if reader.peek() in ("times", "time"):
        reader.take()
        reader.expect("in")
        days = reader.whole_number("the number of days")
        return Span("times", days, count, _unit(reader))
    unit = _unit(reader)
    reader.expect("in")
    reader.expect("a")
    reader.expect("row")
    return Span("in a row", count, unit=unit)


def _unit(reader: _Reader) -> str:
    word = reader.expect("days", "day", "nights", "night")
    return "nights" if word.startswith("night") else "days"


def _match(text: str, candidates: Sequence[str], kind: str, reader: _Reader, at: int) -> str:
    # A name may come twice (a built-in urge the entries rated too, in another case): the
    # first spelling stands for both.
    distinct: dict[str, str] = {}
    for name in candidates:
        distinct.setdefault(name_key(name), name)
    candidates = list(distinct.values())
    found = matching(text, candidates)
    if len(found) == 1:
        return found[0]
    word = reader.words[at]
    if found:
        raise reader.error_at(word.position, text, f"could be {either(found)}; type more of it")
    allowed = ", ".join(candidates) or "none yet"
    raise reader.error_at(word.position, text, f"is not {kind} of this journal; allowed: {allowed}")


def _value(reader: _Reader, known: Vocabulary | None) -> tuple[Value, tuple[float, float] | None]:
    start = reader.at
    name = reader.name("a value (mood, sleep, a scale, an urge)", stops=("mean", "and"))
    if known is None:
        key = name_key(name)
        return Value(name), CORE_VALUES.get(key)
    candidates = [*CORE_VALUES, *known.scales, *BUILT_IN_URGES, *known.urges]
    found = _match(name, candidates, "a value", reader, start)
    if found in CORE_VALUES:
        return Value(found), CORE_VALUES[found]
    if found in known.scales:
        return Value(found), known.scales[found]
    return Value(found, urge=True), URGE_RANGE


def _subject_value(reader: _Reader, known: Vocabulary | None) -> Rule:
    if reader.peek() == "urge":
        reader.take()
        start = reader.at
        name = reader.name("an urge", stops=("and",))
        if known is not None:
            name = _match(name, [*BUILT_IN_URGES, *known.urges], "an urge", reader, start)
        value = Value(name, urge=True)
        allowed: tuple[float, float] | None = URGE_RANGE
    else:
        value, allowed = _value(reader, known)
    mean_over = None
    if reader.peek() == "mean":
        reader.take()
        reader.expect("over")
        mean_over = reader.whole_number("the number of days")
        _unit(reader)
    comparison = _comparison(reader, str(value), allowed)
    return Rule(value, comparison, mean_over, _span(reader))


def _subject_score(reader: _Reader) -> Rule:
    instrument = INSTRUMENTS[reader.take().key]
    item = None
    highest: float = instrument.highest
    if reader.peek() == "item":
        reader.take()
        item = reader.whole_number(
            f"the item's number in {instrument.title}", 1, len(instrument.items)
        )
        highest = 3
    comparison = _comparison(reader, str(Score(instrument.key, item)), (0, highest))
    if not reader.done() and reader.peek() != "and":
        raise reader.error("cannot follow a questionnaire score, which covers two weeks already")
    return Rule(Score(instrument.key, item), comparison)


def _subject_dose(reader: _Reader, known: Vocabulary | None) -> Rule:
    status = "missed" if reader.take().key == "missed" else "not taken"
    if status == "not taken":
        reader.expect("taken")
    start = reader.at
    medicine = reader.name("a medicine", stops=("on", "for", "and"))
    if known is not None:
        medicine = _match(medicine, known.medicines, "a medicine", reader, start)
    return Rule(Dose(status, medicine), span=_span(reader))


def _subject_named(reader: _Reader, known: Vocabulary | None) -> Rule:
    kind = reader.take().key
    start = reader.at
    name = reader.name("a tag" if kind == "tag" else "an urge", stops=("on", "for", "and"))
    if kind == "acted":
        if known is not None:
            name = _match(name, [*BUILT_IN_URGES, *known.urges], "an urge", reader, start)
        return Rule(Acted(name), span=_span(reader))
    return Rule(Tag(name), span=_span(reader))


def _no_entry(reader: _Reader) -> Rule:
    reader.take()
    reader.expect("entry", "entries")
    reader.expect("for")
    days = reader.whole_number("the number of days")
    reader.expect("days", "day")
    return Rule(NoEntry(), span=Span("in a row", days))


def _example_for(text: str) -> str:
    first = text.split(maxsplit=1)[0].casefold() if text.split() else ""
    return {
        "missed": EXAMPLES["dose"],
        "not": EXAMPLES["dose"],
        "tag": EXAMPLES["tag"],
        "urge": EXAMPLES["urge"],
        "acted": "acted self-harm",
        "no": EXAMPLES["no entry"],
        "phq9": EXAMPLES["score"],
        "gad7": "gad7 >= 10",
    }.get(first, _value_example(text.casefold()))


def _value_example(text: str) -> str:
    if " mean" in text:
        return EXAMPLES["mean"]
    return EXAMPLES["of"] if " of " in text else EXAMPLES["value"]


def read_rule(text: str, known: Vocabulary | None = None) -> Rule:
    """The rule ``text`` says; a mistake is one line naming the word where it went wrong and
    a rule that would work. With ``known``, names are matched as everywhere in moodlog (case
    ignored; an exact name, else a unique prefix) and kept in the journal's spelling."""
    reader = _Reader(text, _example_for(text))
    if reader.done():
        raise InvalidValue(f'the rule is empty; e.g. --when "{EXAMPLES["value"]}"')
    parts = [_condition(reader, known)]
    while reader.peek() == "and":
        joined = reader.take()
        if reader.done():
            raise reader.error_at(joined.position, joined.text, "needs a condition after it")
        reader.example = EXAMPLES["and"]
        # `no entry` is judged only once a day is over, unlike what it would be joined to.
        if isinstance(parts[0].subject, NoEntry) or (
            reader.peek() == "no" and reader.peek(1) in ("entry", "entries")
        ):
            raise reader.error_at(
                joined.position, joined.text, "cannot join `no entry` to another condition"
            )
        parts.append(_condition(reader, known))
    if not reader.done():
        raise reader.error("is more than the rule can read")
    return replace(parts[0], also=tuple(parts[1:])) if len(parts) > 1 else parts[0]


def _condition(reader: _Reader, known: Vocabulary | None) -> Rule:
    """One condition of a rule, with its days; a rule joins one or more with ``and``."""
    first = reader.peek()
    if first == "no" and reader.peek(1) in ("entry", "entries"):
        return _no_entry(reader)
    if first in INSTRUMENTS:
        return _subject_score(reader)
    if first == "missed" or (first == "not" and reader.peek(1) == "taken"):
        return _subject_dose(reader, known)
    if first in ("tag", "acted"):
        return _subject_named(reader, known)
    return _subject_value(reader, known)


def check_sign_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise InvalidValue('a warning sign needs a name, e.g. moodlog warn add "short sleep"')
    if len(name) > MAX_NAME:
        raise InvalidValue(
            f"the name {name[:20]!r}… is {len(name)} characters long; allowed: up to {MAX_NAME}"
        )
    return name


def check_did(text: str) -> str:
    """What the person did about an episode, as written (lines kept)."""
    did = text.strip()
    if not did:
        raise InvalidValue(
            'say what you did, e.g. moodlog warn did "short sleep" "went to bed at 10, '
            "called Dr Rao's office\""
        )
    if len(did) > MAX_DID:
        raise InvalidValue(
            f"what you did is {len(did):,} characters long; allowed: up to {MAX_DID:,}"
        )
    return did


def noted_within(notes: Sequence[tuple[date, str]], first: date, last: date) -> str | None:
    """What the person noted they did about the episode over ``first`` to ``last``: the notes
    of episode rows beginning within those days (a back-filled entry can move an episode's
    first day after it was noted), earliest first."""
    found = [note for began, note in notes if first <= began <= last]
    return "; ".join(found) if found else None


def check_plan(text: str | None) -> str | None:
    """The plan as the person wrote it (lines kept), or None for none."""
    if text is None or not text.strip():
        return None
    plan = text.strip()
    if len(plan) > MAX_PLAN:
        raise InvalidValue(
            f"the plan is {len(plan):,} characters long; allowed: up to {MAX_PLAN:,}"
        )
    return plan


# --- presets -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Preset:
    """A starting point to agree with a provider, not a treatment."""

    name: str
    sign: str
    rule: str
    plan: str


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        Preset(
            "mania-early",
            "short sleep, more energy",
            "sleep < 6 on 2 nights in a row and energy >= 7",
            "A starting point to agree with your provider: less sleep with more energy is a "
            "common early sign of mania. Adjust the rule and write your own steps, e.g. keep to "
            "your usual bedtime, no caffeine after noon, call your prescriber's office.",
        ),
        Preset(
            "depression-early",
            "low days",
            "mood <= 3 on 5 of 7 days",
            "A starting point to agree with your provider: a run of low days is a common early "
            "sign of depression. Adjust the rule and write your own steps, e.g. keep one "
            "planned activity a day, tell someone you trust, book an appointment.",
        ),
    )
}


def find_preset(text: str) -> Preset:
    found = matching(text, PRESETS)
    if len(found) != 1:
        raise InvalidValue(
            f"preset {text!r} is not a warning-sign preset; allowed: {', '.join(PRESETS)}"
        )
    return PRESETS[found[0]]


# --- when a rule holds -------------------------------------------------------------------------


Episode = tuple[date, date | None]

"""The PHQ-9 and GAD-7: their official wording, their scoring and their published bands.

The wording is the instruments' own, verbatim (Pfizer's public-domain forms; no permission is
required to reproduce them). A total is a screening score, not a diagnosis.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from moodlog.domain.entries import small_whole_number
from moodlog.domain.names import match_name
from moodlog.errors import InvalidValue

ANSWER_LABELS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
ANSWER_LOW, ANSWER_HIGH = 0, len(ANSWER_LABELS) - 1

# Both published forms end with this unscored question, each in its own words: the GAD-7's
# says "have these made it", the PHQ-9's "have these problems made it".
PHQ9_DIFFICULTY_QUESTION = (
    "If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?"
)
GAD7_DIFFICULTY_QUESTION = (
    "If you checked off any problems, how difficult have these made it for you to do your "
    "work, take care of things at home, or get along with other people?"
)
DIFFICULTY_LABELS = (
    "Not difficult at all",
    "Somewhat difficult",
    "Very difficult",
    "Extremely difficult",
)

ATTRIBUTION = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)

SCREENING_NOTE = (
    "This is a screening score, not a diagnosis: it says how much these problems bothered you "
    "over the last 2 weeks. Only a clinician can diagnose; bring it to your next appointment."
)

# The questions cover the last two weeks: two answers taken closer together than this overlap.
WINDOW_DAYS = 14


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    name: str

    def __str__(self) -> str:
        return f"{self.name} ({self.low}-{self.high})"


@dataclass(frozen=True)
class Instrument:
    key: str  # phq9 or gad7, as typed and stored
    title: str  # PHQ-9 or GAD-7, as shown
    stem: str
    items: tuple[str, ...]
    bands: tuple[Band, ...]
    difficulty_question: str  # unscored; asked when any problem was checked off

    @property
    def highest(self) -> int:
        return ANSWER_HIGH * len(self.items)


# Both forms are cut at 5, 10 and 15: they share their bands up to "moderate".
LOWER_BANDS = (Band(0, 4, "minimal"), Band(5, 9, "mild"), Band(10, 14, "moderate"))

PHQ9 = Instrument(
    key="phq9",
    title="PHQ-9",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following "
    "problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    bands=(*LOWER_BANDS, Band(15, 19, "moderately severe"), Band(20, 27, "severe")),
    difficulty_question=PHQ9_DIFFICULTY_QUESTION,
)

GAD7 = Instrument(
    key="gad7",
    title="GAD-7",
    # The GAD-7 form's own stem says "the following problems" where the PHQ-9's says "any of
    # the following problems"; each instrument is shown with its own.
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
    bands=(*LOWER_BANDS, Band(15, 21, "severe")),
    difficulty_question=GAD7_DIFFICULTY_QUESTION,
)

INSTRUMENTS = {instrument.key: instrument for instrument in (PHQ9, GAD7)}

# PHQ-9 item 9 asks about thoughts of death or self-harm: any answer above 0 is a safety flag.
PHQ9_SAFETY_ITEM = 9

ANSWERS_ALLOWED = ", ".join(f"{value} {label}" for value, label in enumerate(ANSWER_LABELS))
DIFFICULTY_ALLOWED = ", ".join(f"{value} {label}" for value, label in enumerate(DIFFICULTY_LABELS))


def find_instrument(text: str) -> Instrument:
    """``phq9`` or ``gad7`` (``PHQ-9``, ``gad 7`` and the like too)."""
    return match_name(
        text,
        INSTRUMENTS.values(),
        "questionnaire",
        name_of=lambda instrument: instrument.key,
        loose=True,
        unknown="is not known; choose phq9 or gad7",
    )


def check_answer(instrument: Instrument, number: int, text: str) -> int:
    """One answer, 0-3, to item ``number`` (counted from 1)."""
    value = small_whole_number(text)
    if value is None or not ANSWER_LOW <= value <= ANSWER_HIGH:
        raise InvalidValue(
            f"{instrument.title} item {number} answer {text.strip()!r} is not allowed; "
            f"allowed: {ANSWERS_ALLOWED}"
        )
    return value


@dataclass(frozen=True)
class Answers:
    """Answers as typed (``1,0,2,...``), split into their parts; each part is read against the
    questionnaire named beside them, by :func:`check_answers`. ``label`` names them in
    messages."""

    text: str
    label: str
    parts: tuple[str, ...]


def read_answers(text: str, label: str = "answers") -> Answers:
    return Answers(text, label, tuple(text.replace(" ", "").split(",")))


def check_answers(instrument: Instrument, answers: Answers) -> tuple[int, ...]:
    """One value 0-3 per item, in the form's order."""
    parts = answers.parts
    count = len(instrument.items)
    if len(parts) != count or not all(parts):
        given = "an empty value" if not all(parts) else f"{len(parts)} values"
        raise InvalidValue(
            f"{answers.label} {answers.text!r} has {given}; the {instrument.title} needs {count}, "
            f"one per item, separated by commas, each {ANSWER_LOW}-{ANSWER_HIGH} "
            f"({ANSWERS_ALLOWED})"
        )
    return tuple(check_answer(instrument, number, part) for number, part in enumerate(parts, 1))


@dataclass(frozen=True)
class Difficulty:
    """The difficulty answer as typed: its number (None when it is not a whole number),
    checked by :func:`check_difficulty` once the questionnaire is known."""

    text: str
    label: str
    value: int | None


def read_difficulty(text: str, label: str = "difficulty") -> Difficulty:
    return Difficulty(text, label, small_whole_number(text))


def check_difficulty(instrument: Instrument, difficulty: Difficulty) -> int:
    """The answer to the form's unscored difficulty question, 0-3."""
    label, text, value = difficulty.label, difficulty.text, difficulty.value
    if value is None or not ANSWER_LOW <= value <= ANSWER_HIGH:
        raise InvalidValue(f"{label} {text!r} is not allowed; allowed: {DIFFICULTY_ALLOWED}")
    return value


@dataclass(frozen=True)
class Score:
    total: int
    band: Band


def score(instrument: Instrument, answers: Sequence[int]) -> Score:
    """The total of the answers and its published band."""
    if len(answers) != len(instrument.items) or not all(
        ANSWER_LOW <= answer <= ANSWER_HIGH for answer in answers
    ):
        raise InvalidValue(
            f"{instrument.title} needs {len(instrument.items)} answers, each "
            f"{ANSWER_LOW}-{ANSWER_HIGH}; got {list(answers)}"
        )
    total = sum(answers)
    band = next(band for band in instrument.bands if band.low <= total <= band.high)
    return Score(total, band)


@dataclass
class Questionnaire:
    """One PHQ-9 or GAD-7 answered on a day: every item, the total and its band."""

    day: date
    instrument: str  # phq9 or gad7
    answers: tuple[int, ...]
    difficulty: int | None
    total: int
    band: str
    recorded_at: datetime
    id: int | None = None

    @property
    def title(self) -> str:
        return INSTRUMENTS[self.instrument].title


def answered(
    instrument: Instrument,
    answers: Sequence[int],
    difficulty: int | None,
    day: date,
    recorded_at: datetime,
) -> Questionnaire:
    """A questionnaire record, scored."""
    result = score(instrument, answers)
    return Questionnaire(
        day=day,
        instrument=instrument.key,
        answers=tuple(answers),
        difficulty=difficulty,
        total=result.total,
        band=result.band.name,
        recorded_at=recorded_at,
    )


def score_text(questionnaire: Questionnaire, day: Callable[[date], str] = date.isoformat) -> str:
    """``7 mild (2026-11-28)``: one answer's total, band and day (worded by ``day``)."""
    return f"{questionnaire.total} {questionnaire.band} ({day(questionnaire.day)})"


def difficulty_text(questionnaire: Questionnaire) -> str:
    """`` · somewhat difficult``, or nothing when the difficulty question was not answered."""
    if questionnaire.difficulty is None:
        return ""
    return f" · {DIFFICULTY_LABELS[questionnaire.difficulty].lower()}"


def first_to_latest_text(
    first: Questionnaire, latest: Questionnaire, day: Callable[[date], str] = date.isoformat
) -> str:
    """``15 → 7 mild (2026-11-03 → 2026-11-28) · somewhat difficult``: a form's first and latest
    total of a period, the latest's band, both days, and the latest's difficulty answer. One
    answer alone reads ``7 mild (2026-11-28)``, with its difficulty answer if it has one. The
    days are worded by ``day``."""
    if first is latest:
        return score_text(latest, day) + difficulty_text(latest)
    return (
        f"{first.total} → {latest.total} {latest.band} "
        f"({day(first.day)} → {day(latest.day)})" + difficulty_text(latest)
    )

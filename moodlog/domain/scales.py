"""Symptom scales: the person's own, and the condition presets that add the ones providers ask
about."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from moodlog.domain.entries import check_name, parse_number, split_pair
from moodlog.domain.names import match_name
from moodlog.errors import InvalidValue

FUNCTIONING = "0 none, 1 noticeable, 2 some impairment, 3 unable to function"


@dataclass(frozen=True)
class Scale:
    name: str
    low: float
    high: float
    description: str = ""
    preset: str | None = None

    def allowed(self) -> str:
        return f"{self.low:g} to {self.high:g}" + (
            f" ({self.description})" if self.description else ""
        )


def _preset(name: str, *scales: tuple[str, str]) -> tuple[Scale, ...]:
    return tuple(Scale(scale, 0, 3, f"{what}: {FUNCTIONING}", name) for scale, what in scales)


# Each preset's scales use the functioning anchors of the MGH mood chart / NIMH Life Chart, so
# a 2 means the same thing on every scale: it got in the way of the day.
PRESETS: dict[str, tuple[Scale, ...]] = {
    "depression": _preset(
        "depression",
        ("low-interest", "little interest or pleasure in doing things"),
        ("hopelessness", "feeling hopeless or worthless"),
        ("fatigue", "tiredness, slowed down"),
        ("appetite", "appetite changed (more or less)"),
    ),
    "anxiety": _preset(
        "anxiety",
        ("worry", "worry that is hard to control"),
        ("panic", "panic attacks or surges of fear"),
        ("avoidance", "avoiding places, people or tasks because of fear"),
        ("tension", "muscle tension, restlessness, on edge"),
    ),
    "bipolar": _preset(
        "bipolar",
        ("elevated", "elevated or irritable mood, more energy, less need for sleep"),
        ("depressed", "depressed mood, slowed down, withdrawn"),
    ),
    "adhd": _preset(
        "adhd",
        ("focus", "trouble focusing or finishing tasks"),
        ("restlessness", "restlessness, fidgeting"),
        ("impulsivity", "acting or speaking before thinking"),
    ),
    "psychosis": _preset(
        "psychosis",
        ("hallucinations", "hearing or seeing things others don't"),
        ("paranoid-thoughts", "feeling watched, followed or targeted"),
        ("disorganised-thinking", "thoughts jumbled, hard to follow a conversation"),
    ),
}


def preset_scales(name: str) -> tuple[Scale, ...]:
    preset = match_name(
        name, PRESETS, "preset", unknown=f"is not known; choose from {', '.join(PRESETS)}"
    )
    return PRESETS[preset]


def new_scale(name: str, low: float, high: float, description: str = "") -> Scale:
    scale_name = check_name(name, "scale")
    if not high > low:  # the command line refuses it first, naming its options
        raise InvalidValue(
            f"scale {scale_name} from {low:g} to {high:g}: the maximum must be above the minimum"
        )
    return Scale(scale_name, low, high, description.strip())


def find_scale(scales: list[Scale], text: str) -> Scale:
    """The scale named exactly, else the one the text is a unique prefix of."""
    known = ", ".join(scale.name for scale in scales) or "none yet"
    return match_name(
        text,
        scales,
        "symptom",
        name_of=lambda scale: scale.name,
        unknown=f"is not one of your scales ({known}); add it with "
        "'moodlog scales add NAME --min A --max B' or 'moodlog init --preset NAME'",
    )


class TypedSymptom(NamedTuple):
    """``NAME=N`` as typed for a symptom: the scale is found, and the value checked against its
    own range, once the person's scales are known."""

    name: str
    value: str


def read_symptom(text: str, label: str = "symptom") -> TypedSymptom:
    """Split ``NAME=N`` for a symptom scale."""
    return TypedSymptom(*split_pair(text, label, "focus=2"))


def check_symptom(scales: list[Scale], typed: TypedSymptom) -> tuple[str, float]:
    """A symptom's scale and value, within that scale's own range."""
    raw_name, raw_value = typed
    scale = find_scale(scales, raw_name)
    value = parse_number(raw_value, f"symptom {scale.name}", scale.allowed())
    if not scale.low <= value <= scale.high:
        raise InvalidValue(
            f"symptom {scale.name} {raw_value} is out of range; allowed: {scale.allowed()}"
        )
    return scale.name, value

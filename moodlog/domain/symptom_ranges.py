"""The ranges of the symptom scales an entries CSV names, carried in the export's
``symptom_scales`` column so that the file imports into a journal that lacks the scales
(docs/csv.md): ``worry=0..3;focus=0..4``, each scale a row's symptoms name, with its lowest and
highest value. ``name=`` with no range says the exporting journal had no scale for it (one
removed with `moodlog scales remove` keeps its values): the import keeps the values and adds
no scale, as that journal had none."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from moodlog.domain.entries import check_name
from moodlog.domain.scales import Scale
from moodlog.errors import InvalidValue

SYMPTOM_SCALES_COLUMN = "symptom_scales"
_FORM = "name=lowest..highest;name=lowest..highest, e.g. worry=0..3"


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def scale_ranges_text(names: Iterable[str], scales: Sequence[Scale]) -> str:
    """The cell for a row whose symptoms name ``names``: each with its journal scale's range,
    or none when the journal has no scale for it."""
    by_name = {scale.name: scale for scale in scales}
    return ";".join(
        f"{name}={_number_text(by_name[name].low)}..{_number_text(by_name[name].high)}"
        if name in by_name
        else f"{name}="
        for name in names
    )


def read_scale_ranges(text: str) -> dict[str, tuple[float, float] | None]:
    """The scales a ``symptom_scales`` cell gives, by name: (lowest, highest), or None for a
    scale the exporting journal did not have."""
    ranges: dict[str, tuple[float, float] | None] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        name, sep, span = part.partition("=")
        if sep and not span.strip():
            ranges[check_name(name, "scale")] = None
            continue
        low_text, dots, high_text = span.strip().partition("..")
        if not sep or not dots:
            raise InvalidValue(f"{SYMPTOM_SCALES_COLUMN} {text!r} needs the form {_FORM}")
        checked = check_name(name, "scale")
        try:
            low, high = float(low_text), float(high_text)
        except ValueError:
            raise InvalidValue(
                f"{SYMPTOM_SCALES_COLUMN} {part.strip()!r} needs two numbers, e.g. worry=0..3"
            ) from None
        if not (math.isfinite(low) and math.isfinite(high) and low < high):
            raise InvalidValue(
                f"{SYMPTOM_SCALES_COLUMN} {part.strip()!r}: the lowest value must be below the "
                "highest, both finite"
            )
        ranges[checked] = (low, high)
    return ranges


def scales_to_add(
    used: Iterable[str], known: Iterable[str], given: dict[str, tuple[float, float] | None]
) -> list[Scale]:
    """The scales an import adds: each scale the entries use that the journal lacks, with the
    range the file gives. A scale the file gives no range for is refused, naming each such
    scale and how to add it, rather than guessed from its values."""
    have = set(known)
    missing: list[str] = []
    added: list[Scale] = []
    for name in dict.fromkeys(used):
        if name in have:
            continue
        if name in given:
            span = given[name]
            if span is not None:
                added.append(Scale(name, *span))
        else:
            missing.append(name)
    if missing:
        raise InvalidValue(
            f"the entries name symptom scales this journal does not have, and the file does not "
            f"give their ranges: {', '.join(missing)}. Add each first with its range, e.g. "
            f"moodlog scales add {missing[0]} --min LOWEST --max HIGHEST, then import again"
        )
    return added

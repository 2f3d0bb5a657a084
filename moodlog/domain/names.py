"""How a typed name finds what it names: medicines, side effects, scales, skills, urges,
dose slots, presets, settings, questionnaires.

One rule for every kind of name (docs/medications.md, docs/therapy.md): case never matters and
runs of spaces count as one; an exact name wins, else a name the text is a unique prefix of.
Skill names (and other loose kinds) also ignore spaces, hyphens and any other character that
is not a letter or digit, so ``opposite`` finds *Opposite action* and ``relaxation breathing``
finds *Relaxation/breathing*. Names may use letters of any script (``Café``, ``朋友``); they are
compared in Unicode's composed form (NFC), so an accent typed as one character or two is one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from moodlog.errors import InvalidValue, MoodlogError

Named = TypeVar("Named")


def name_key(text: str, loose: bool = False) -> str:
    """What names are compared on: folded case, one space between words; for a loose kind,
    letters and digits only."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    if loose:
        return "".join(character for character in folded if character.isalnum())
    return " ".join(folded.split())


def is_name_character(character: str) -> bool:
    """A letter, digit or mark (an accent, a vowel sign) of any script."""
    return unicodedata.category(character)[0] in "LNM"


def tidy_name(text: str) -> str:
    """``text`` in Unicode's composed form (NFC), one space between words."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def matching(
    text: str,
    candidates: Iterable[Named],
    name_of: Callable[[Named], str] = str,
    loose: bool = False,
) -> list[Named]:
    """The candidates named exactly by ``text``; failing that, the ones whose name it begins.
    Empty text names nothing."""
    key = name_key(text, loose)
    if not key:
        return []
    keyed = [(name_key(name_of(candidate), loose), candidate) for candidate in candidates]
    exact = [candidate for name, candidate in keyed if name == key]
    return exact or [candidate for name, candidate in keyed if name.startswith(key)]


def spelled_as_known(names: Iterable[str], known: Iterable[str] = ()) -> list[str]:
    """``names`` without repeats, each in the spelling ``known`` (the journal's) already has
    for it, compared after case folding: ``cafe`` stays ``cafe``, but ``CAFÉ`` typed where the
    journal has ``Café`` is ``Café``; a new name keeps the spelling it was typed in."""
    spelling: dict[str, str] = {}
    for name in known:
        spelling.setdefault(name_key(name), name)
    kept: dict[str, str] = {}
    for name in names:
        key = name_key(name)
        kept.setdefault(key, spelling.setdefault(key, name))
    return list(kept.values())


def either(names: Iterable[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``: the names a message offers."""
    listed = list(names)
    if len(listed) < 2:
        return "".join(listed)
    return f"{', '.join(listed[:-1])} or {listed[-1]}"


def match_name(
    text: str,
    candidates: Iterable[Named],
    kind: str,
    *,
    name_of: Callable[[Named], str] = str,
    loose: bool = False,
    unknown: str | None = None,
    unknown_error: type[MoodlogError] = InvalidValue,
) -> Named:
    """The one candidate ``text`` names. An ambiguous prefix is an error listing the names it
    could be; a name that matches nothing is an error saying ``unknown`` (by default, listing
    every name allowed)."""
    options = list(candidates)
    found = matching(text, options, name_of, loose)
    if len(found) == 1:
        return found[0]
    if found:
        could_be = either(name_of(candidate) for candidate in found)
        raise InvalidValue(f"{kind} {text!r} could be {could_be}; type more of the name")
    allowed = ", ".join(name_of(candidate) for candidate in options) or "none yet"
    raise unknown_error(f"{kind} {text!r} {unknown or f'is not known; allowed: {allowed}'}")

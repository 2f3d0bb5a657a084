"""One rule for every kind of name: case never matters, an exact name wins, else a unique
prefix; skills also ignore spaces and hyphens."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moodlog.domain.names import either, match_name, matching
from moodlog.domain.scales import preset_scales
from moodlog.domain.settings import find_setting
from moodlog.errors import InvalidValue, NotFound

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßéαβ", min_size=1, max_size=8)


@given(name=words, tail=words)
def test_an_exact_name_wins_over_a_longer_name_it_begins(name: str, tail: str) -> None:
    longer = name + tail
    assert match_name(name, [longer, name], "medicine") == name
    assert match_name(name, [name, longer], "medicine") == name


@given(names=st.lists(words, min_size=1, max_size=6, unique_by=str.casefold), pick=st.data())
def test_case_never_matters(names: list[str], pick: st.DataObject) -> None:
    name = pick.draw(st.sampled_from(names))
    assert matching(name.upper(), names) == matching(name.lower(), names) == [name]


@given(names=st.lists(words, min_size=1, max_size=6, unique=True), text=words)
def test_a_unique_prefix_finds_its_name_and_a_shared_one_finds_them_all(
    names: list[str], text: str
) -> None:
    found = matching(text, names)
    exact = [name for name in names if name.casefold() == text.casefold()]
    begun = [name for name in names if name.casefold().startswith(text.casefold())]
    assert found == (exact or begun)


def test_an_ambiguous_prefix_lists_what_it_could_be() -> None:
    with pytest.raises(InvalidValue, match="medicine 'l' could be lithium or lorazepam; type more"):
        match_name("l", ["lithium", "lorazepam", "sertraline"], "medicine")


def test_an_unknown_name_says_what_is_allowed() -> None:
    with pytest.raises(InvalidValue, match="urge 'x' is not known; allowed: a, b"):
        match_name("x", ["a", "b"], "urge")
    with pytest.raises(NotFound, match="medicine 'x' is gone"):
        match_name("x", ["a"], "medicine", unknown="is gone", unknown_error=NotFound)


def test_empty_text_names_nothing() -> None:
    assert matching("  ", ["a", "b"]) == []


def test_loose_names_ignore_spaces_hyphens_and_other_marks() -> None:
    skills = ["Opposite action", "Relaxation/breathing", "DEAR MAN"]
    assert matching("opposite", skills, loose=True) == ["Opposite action"]
    assert matching("relaxation breathing", skills, loose=True) == ["Relaxation/breathing"]
    assert matching("dear-man", skills, loose=True) == ["DEAR MAN"]
    assert matching("opposite-action", skills) == []


def test_either_lists_names_as_a_sentence_would() -> None:
    assert either(["a"]) == "a"
    assert either(["a", "b"]) == "a or b"
    assert either(["a", "b", "c"]) == "a, b or c"


def test_presets_and_settings_follow_the_same_rule() -> None:
    assert preset_scales("DEP") == preset_scales("depression")
    assert find_setting("Day").key == "day-starts-at"
    with pytest.raises(InvalidValue, match="setting 'colour' is not known"):
        find_setting("colour")

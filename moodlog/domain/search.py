"""Finding entries by a word of their note or tags (`moodlog list --search`) and by a tag
(`--tag`).

Text is compared as names are (:func:`moodlog.domain.names.name_key`): in Unicode's composed
form, after case folding, which works for every script (``STRASSE`` finds ``Straße``,
``ΣΟΦΊΑ`` finds ``σοφία``), with runs of spaces and line breaks read as one space. SQLite's
LIKE folds ASCII letters only, so the match is made here, on each entry of the period: a
10-year journal takes well under a second (docs/performance.md), and no search index keeps
a copy of the words of notes that were deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from moodlog.domain.entries import Entry
from moodlog.domain.names import name_key
from moodlog.errors import InvalidValue


@dataclass(frozen=True)
class EntrySearch:
    """What a listing keeps: entries whose note or a tag holds ``text``, and that carry every
    one of ``tags``; None and () keep every entry."""

    text: str | None = None
    tags: tuple[str, ...] = ()

    def matches(self, entry: Entry) -> bool:
        tag_keys = [name_key(tag) for tag in entry.tags]
        if any(name_key(tag) not in tag_keys for tag in self.tags):
            return False
        if self.text is None:
            return True
        wanted = name_key(self.text)
        in_note = entry.note is not None and wanted in name_key(entry.note)
        return in_note or any(wanted in key for key in tag_keys)

    def described(self) -> str:
        """The search in words, e.g. ``matching 'walk', tagged Café``."""
        parts = []
        if self.text is not None:
            parts.append(f"matching {self.text!r}")
        if self.tags:
            parts.append("tagged " + " and ".join(self.tags))
        return ", ".join(parts)


def entry_search(text: str | None, tags: Iterable[str]) -> EntrySearch | None:
    """The search typed with ``--search`` and ``--tag``; None when neither was given. Text of
    nothing but spaces finds nothing worth finding and is refused."""
    tags = tuple(tags)
    if text is None and not tags:
        return None
    if text is not None and not name_key(text):
        raise InvalidValue("--search needs a word to look for; it was empty")
    for tag in tags:
        if not name_key(tag):
            raise InvalidValue("--tag needs a tag's name; it was empty")
    return EntrySearch(" ".join(text.split()) if text is not None else None, tags)

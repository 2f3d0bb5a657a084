"""Cells made safe for spreadsheets (``export --spreadsheet-safe``), and made exact again when
such an export is imported. docs/csv.md describes the mark and how a file carries it.
"""

from __future__ import annotations

# A cell starting with one of these is a formula to a spreadsheet, or can become one: some
# spreadsheets drop a leading tab or carriage return and read what follows.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

MARK = "'"

# The last column of a spreadsheet-safe CSV export: ``1`` on every row whose cells carry the
# mark, so an import can take exactly the marks off and nothing else.
SPREADSHEET_SAFE_COLUMN = "spreadsheet_safe"
MARKED = "1"


def _needs_mark(text: str) -> bool:
    # A cell that already starts with apostrophes before a formula start gets one more, so an
    # import can tell the mark from a note's own apostrophe: it removes one from exactly these.
    return text.lstrip(MARK).startswith(FORMULA_STARTS)


def spreadsheet_safe(text: str) -> str:
    """``'=1+1`` for ``=1+1``: a spreadsheet shows the cell as text instead of running it."""
    return MARK + text if _needs_mark(text) else text


def without_mark(text: str) -> str:
    """The cell as it was before :func:`spreadsheet_safe`: ``=1+1`` for ``'=1+1``, while
    ``'hello`` stays ``'hello``."""
    return text[len(MARK) :] if text.startswith(MARK) and _needs_mark(text) else text

"""Shell completion of the names in the journal: medicines, skills, symptom scales, tags,
warning signs, and the tables `export --table` writes (docs/terminal.md).

Each function is an option's or argument's ``autocompletion``: it runs only when the shell asks
(``moodlog --install-completion`` sets that up), reads the journal read-only, never creates one,
and stays light (no pandas).
"""

from __future__ import annotations

import os

import click


def _names(ctx: click.Context, kind: str) -> list[str]:
    # Imported here: every command that completes a name imports this module when it runs.
    from moodlog.storage.names import journal_names
    from moodlog.storage.paths import locate_journal

    # The root callback, which keeps --db, does not run while completing: read the option.
    db = ctx.find_root().params.get("db")
    return journal_names(locate_journal(db if isinstance(db, str) else None).path, kind)


def _starting(names: list[str], incomplete: str, word: str = "{}") -> list[str]:
    """The names that start with what was typed, in any case, as shell words. The start keeps
    the case it was typed in (`opp` gives `opposite-action`): shells offer only the words that
    start with what is typed, and moodlog matches these names in any case."""
    typed = incomplete.casefold()
    found = []
    for name in names:
        if name[: len(incomplete)].casefold() == typed:
            found.append(incomplete + name[len(incomplete) :])
        elif name.casefold().startswith(typed):  # a letter whose folding is longer (ß)
            found.append(name)
    return [word.format(_shell_word(name)) for name in found]


def _shell_word(name: str) -> str:
    """A name with spaces as bash inserts it: escaped, so it stays one word (zsh and fish
    quote what they insert themselves)."""
    if os.environ.get("_MOODLOG_COMPLETE", "").endswith("bash"):
        return name.replace(" ", "\\ ")
    return name


def medicines(ctx: click.Context, incomplete: str) -> list[str]:
    """The medicines of the journal (`moodlog took <TAB>`, `--med <TAB>`)."""
    return _starting(_names(ctx, "medicine"), incomplete)


def skills(ctx: click.Context, incomplete: str) -> list[str]:
    """The skills of the catalogue, the person's own too, written with hyphens for spaces
    (a skill's name is matched with spaces and hyphens ignored)."""
    names = [name.replace(" ", "-") for name in _names(ctx, "skill")]
    return _starting(names, incomplete)


def symptoms(ctx: click.Context, incomplete: str) -> list[str]:
    """``NAME=`` for each symptom scale of the journal (`--symptom <TAB>`)."""
    return _starting(_names(ctx, "scale"), incomplete, "{}=")


def scales(ctx: click.Context, incomplete: str) -> list[str]:
    """The journal's symptom scales (`moodlog scales show <TAB>`)."""
    return _starting(_names(ctx, "scale"), incomplete)


def tags(ctx: click.Context, incomplete: str) -> list[str]:
    """The tags already in the journal's entries (`--tag <TAB>`)."""
    return _starting(_names(ctx, "tag"), incomplete)


def warning_signs(ctx: click.Context, incomplete: str) -> list[str]:
    """The journal's warning signs (`moodlog warn test <TAB>`, `moodlog warn did <TAB>`)."""
    return _starting(_names(ctx, "warning sign"), incomplete)


def tables(incomplete: str) -> list[str]:
    """What `export --table` takes."""
    from moodlog.actions.export import TABLE_CHOICES

    return _starting(list(TABLE_CHOICES), incomplete)

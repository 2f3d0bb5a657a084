"""moodlog's own errors.

Core code raises these; the CLI's one error boundary (moodlog.cli.app) prints the message on one
line to stderr and exits 1. A message names the value that was wrong and what is allowed.
"""


class MoodlogError(Exception):
    """A mistake in what the person asked for, or a fault they can act on."""


class InvalidValue(MoodlogError):
    """A value outside what is allowed: a score out of range, a date that does not exist."""


class NotFound(MoodlogError):
    """An id or a name that is not in the journal."""


class JournalError(MoodlogError):
    """The journal file cannot be used: not a journal, damaged, newer, unwritable."""


def escaped(text: str, keep: str = "") -> str:
    """``text`` with its control characters shown escaped (a line break as ``\\n``), those in
    ``keep`` excepted: a value quoted in a message (a file named with a line break) cannot break
    the message's lines or send a terminal an escape sequence."""
    return "".join(
        character
        if character.isprintable() or character == " " or character in keep
        else repr(character)[1:-1]
        for character in text
    )

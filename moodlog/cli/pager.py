"""Long output through a pager, as git does it (docs/terminal.md).

A command whose output may be long (`list`, `stats`, `show`, every `KIND list`) prints into
memory; when it is done, what it printed goes to the pager if it is longer than the terminal
window, else straight to the terminal. Only when standard output is a terminal: piped or
redirected, output is never paged. The pager is ``MOODLOG_PAGER``, else ``PAGER``, else
``less -FRX``; an empty one, or ``cat``, means none, and so does ``--no-pager``. A pager that
is not installed is skipped: the output is printed as it is.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator

DEFAULT_PAGER = "less -FRX"


def pager_command() -> list[str] | None:
    """The pager to run, as words, or None for none: ``MOODLOG_PAGER`` (even empty) wins over
    ``PAGER``; neither set means ``less -FRX``. It is split as a shell would split it; a
    program that is not installed means none."""
    chosen = os.environ.get("MOODLOG_PAGER")
    if chosen is None:
        chosen = os.environ.get("PAGER", DEFAULT_PAGER)
    try:
        words = shlex.split(chosen)
    except ValueError:
        return None
    if not words or words == ["cat"] or shutil.which(words[0]) is None:
        return None
    return words


class _ForTheTerminal(io.TextIOWrapper):
    """What a paged command prints, held until it is done: it goes to the terminal, directly or
    through the pager (``less -R`` passes styles on), so it is styled as for the terminal."""

    def isatty(self) -> bool:
        return True


# A style's escape sequence (bold, a colour): it takes no room on the screen.
_STYLE_RE = re.compile(r"\x1b\[[0-9;]*m")


def _rows(text: str, columns: int) -> int:
    """How many rows of a window ``columns`` wide the text takes, long lines wrapped."""
    from rich.cells import cell_len

    lines = _STYLE_RE.sub("", text).splitlines()
    return sum(max(1, -(-cell_len(line) // columns)) for line in lines)


@contextlib.contextmanager
def paged(no_pager: bool = False) -> Iterator[None]:
    """What is printed inside goes through the pager when it is longer than the window."""
    if no_pager or not sys.stdout.isatty():
        yield
        return
    try:
        size = os.get_terminal_size(sys.stdout.fileno())
    except (OSError, ValueError):
        yield
        return
    encoding = sys.stdout.encoding or "utf-8"
    # Text and bytes (an export writes bytes) both end up here, as the terminal would get them.
    raw = io.BytesIO()
    printed = _ForTheTerminal(raw, encoding, errors="replace", write_through=True)
    try:
        with contextlib.redirect_stdout(printed):
            yield
    finally:
        data = raw.getvalue()
        command = pager_command()
        # The pager's own last line (less's prompt) is one of the window's rows.
        rows = _rows(data.decode(encoding, "replace"), size.columns or 80)
        fits = size.lines == 0 or rows < size.lines
        if fits or command is None or not _page(command, data):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()


def _page(command: list[str], data: bytes) -> bool:
    """Show ``data`` in the pager and wait for the person to leave it; False when it could not
    be started. Ctrl-C belongs to the pager meanwhile (less stops a search with it)."""
    # less keeps what is searched for in ~/.lesshst: not words from the journal, unless the
    # person asked for a history file themselves.
    environment = {"LESSHISTFILE": "-", **os.environ}
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=environment)
    except OSError:
        return False
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        # communicate() writes what it can: a pager left before the end is not an error.
        pager.communicate(data)
    finally:
        signal.signal(signal.SIGINT, previous)
    return True

"""A progress line for slow work, shown only in a terminal (nothing when piped)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def progress_steps(what: str) -> Iterator[Callable[[str], None]]:
    """Yield a function that names the step under way: a spinner with that name on stderr in
    a terminal, nothing otherwise."""
    if not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.console import Console

    console = Console(stderr=True)
    with console.status(f"{what}: starting") as status:
        yield lambda step: status.update(f"{what}: {step}")

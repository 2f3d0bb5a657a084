"""A progress bar for slow work, shown only in a terminal (nothing when piped)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def progress_steps(what: str, steps: int) -> Iterator[Callable[[str], None]]:
    """Yield a function to call at the start of each of ``steps`` steps with its name: a bar on
    stderr in a terminal (gone when done), nothing otherwise."""
    if not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(what, total=steps)
        started = 0

        def step(name: str) -> None:
            nonlocal started
            progress.update(task, description=f"{what}: {name}", completed=started)
            started += 1

        yield step

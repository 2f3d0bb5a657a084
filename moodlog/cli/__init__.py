"""The command line: thin Typer commands over :mod:`moodlog.actions`.

Importing this package must stay light (no pandas, numpy or matplotlib): `moodlog add` runs it
every day. Heavy modules are imported inside the commands that need them.
"""

from moodlog.cli import entries, setup, therapy
from moodlog.cli.app import app, main

# Each newer command module has a `commands` Typer of its own (the layout of the lazy command
# table); until that table is here, its commands join the app directly.
app.add_typer(therapy.commands)

__all__ = ["app", "entries", "main", "setup", "therapy"]

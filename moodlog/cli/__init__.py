"""The command line: thin Typer commands over :mod:`moodlog.actions`.

Importing this package must stay light (no pandas, numpy or matplotlib): `moodlog add` runs it
every day. Heavy modules are imported inside the commands that need them.
"""

from moodlog.cli import entries, medications, setup
from moodlog.cli.app import app, main

__all__ = ["app", "entries", "main", "medications", "setup"]

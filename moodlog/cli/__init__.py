"""The command line: thin Typer commands over :mod:`moodlog.actions`.

Importing this package must stay light (no pandas, numpy or matplotlib): `moodlog add` runs it
every day. Commands are loaded one at a time from the table in :mod:`moodlog.cli.app`.
"""

from moodlog.cli.app import COMMANDS, app, main

__all__ = ["COMMANDS", "app", "main"]

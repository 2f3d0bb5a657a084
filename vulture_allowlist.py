"""Names in moodlog that vulture cannot see used, because a library or Python calls them.

vulture reads this file beside moodlog/ (pyproject.toml, [tool.vulture]); nothing imports it. Typer
commands and callbacks are left out there by their decorators instead. Each entry says who uses
it; a name no one uses any more is deleted from the code, not added here.
"""

import fontTools

from moodlog.cli.app import ErrorBoundary
from moodlog.cli.types import TypedValue
from moodlog.domain.safety import SafetyFlag
from moodlog.render.report import _SameFontQuietly
from moodlog.render.terminal import _console_class

# click's Group asks for the list of commands, one command, and the help's command list.
ErrorBoundary.list_commands
ErrorBoundary.get_command
ErrorBoundary.format_commands

# click calls a parameter type's convert() on each value typed.
TypedValue.convert

# logging calls a Filter's filter() on each record.
_SameFontQuietly.filter

# matplotlib's PDF writer does `from fontTools import subset`, which finds the lazily loaded
# module render/report/__init__.py sets on the package.
fontTools.subset

# A column of safety_flags (the questionnaire that raised the flag): storage/rows.py writes and
# reads a record's fields by their column names.
SafetyFlag.questionnaire_id

# Rich calls its console's on_broken_pipe() when the reader of its output went away.
_console_class().on_broken_pipe

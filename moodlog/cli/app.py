"""The Typer application, the global options, the command table and the one error boundary.

Commands parse what was typed, call one function of :mod:`moodlog.actions`, and print. Core
code raises :class:`moodlog.errors.MoodlogError`; :class:`ErrorBoundary` prints its message on
one line to stderr and exits 1. Usage errors from the parser exit 2, and suggest the command or
option nearest to what was typed. A reader that goes away (`moodlog list | head -1`) ends the
command quietly with 0, as it does other command-line tools.

Each command lives in a module of this package with a ``commands`` Typer of its own, listed in
:data:`COMMANDS`. Only the module of the command being run is imported and turned into a click
command, so `moodlog add` does not pay for the forty other commands (docs/performance.md).
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import importlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from typer.core import TyperGroup

from moodlog import __version__
from moodlog.errors import InvalidValue, MoodlogError, escaped
from moodlog.storage import driver
from moodlog.storage.journal import Journal, blank_journal, open_journal
from moodlog.storage.paths import JournalLocation, locate_journal

if TYPE_CHECKING:
    from moodlog.domain.sign_records import ShownSign

# The largest id SQLite can store; a larger number typed as an id is refused by the parser.
LARGEST_ID = 2**63 - 1


def fail(message: str) -> None:
    """Print the message to stderr, no traceback, and exit 1. Its control characters are shown
    escaped, but for the line breaks of a message that lists one problem a line (an import's
    bad rows)."""
    click.echo(f"moodlog: {escaped(message, keep=chr(10))}", err=True)
    sys.exit(1)


def _not_utf8(error: UnicodeEncodeError | UnicodeDecodeError) -> str:
    """The message for text that is not UTF-8: an argument holding bytes that are not (Python
    shows them as lone surrogates), which SQLite cannot store."""
    if isinstance(error.object, str):
        try:
            raw = error.object.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = error.object.encode("utf-8", "backslashreplace")
    else:
        raw = bytes(error.object)
    shown = raw.decode("utf-8", "backslashreplace")
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return (
        f"'{shown}' is not UTF-8 text; moodlog keeps text as UTF-8. Set your terminal to "
        "UTF-8 (e.g. LANG=en_US.UTF-8) and type it again"
    )


def _reader_gone(code: int | str | None = 0) -> None:
    """The reader of our output went away (`moodlog list | head -1`, `| true`): stop without a
    word, with ``code`` (0 but after an error), as command-line tools do, and keep Python from
    complaining when it flushes stdout at exit (what is left goes to the null device)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)


def did_you_mean(typed: str, names: Iterable[str], cutoff: float = 0.6) -> str:
    """`` Did you mean 'add'?`` with the names nearest to ``typed``, nearest first; empty when
    none is as near as ``cutoff`` (difflib's ratio)."""
    nearest = difflib.get_close_matches(typed, list(names), n=3, cutoff=cutoff)
    if not nearest:
        return ""
    quoted = [repr(name) for name in nearest]
    choices = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f" Did you mean {choices}?"


def _nearest_option(error: click.NoSuchOption) -> click.UsageError:
    """The parser's error for an unknown option, suggesting the command's options nearest to
    it (the parser's own lists them in alphabetical order, however far)."""
    command = error.ctx.command if error.ctx is not None else None
    names = [
        name
        for param in (command.params if command is not None else [])
        if isinstance(param, click.Option) and not param.hidden
        for name in [*param.opts, *param.secondary_opts]
        if name.startswith("--") == error.option_name.startswith("--")
    ]
    message = f"No such option {error.option_name!r}.{did_you_mean(error.option_name, names)}"
    root = error.ctx.find_root() if error.ctx is not None else None
    if root is not None and root is not error.ctx:
        global_names = [name for param in root.command.params for name in param.opts]
        if error.option_name in global_names:
            words = (error.ctx.command_path if error.ctx else "").split()
            message = (
                f"{error.option_name} goes before the command: "
                f"{' '.join([words[0], error.option_name, *words[1:]])} ..."
            )
    return click.UsageError(message, error.ctx)


class SuggestingGroup(TyperGroup):
    """A command with commands of its own whose unknown command names the nearest ones."""

    def suggestions(self, ctx: click.Context) -> list[str]:
        """The names a mistyped command is compared with (the hidden ones are not)."""
        return [name for name, command in self.commands.items() if not command.hidden]

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.NoSuchOption:
            raise
        except click.UsageError:
            if not args:  # nothing typed to compare (`moodlog scales -- --json`)
                raise
            typed = args[0]
            message = f"No such command {typed!r}.{did_you_mean(typed, self.suggestions(ctx))}"
            raise click.UsageError(message, ctx) from None


# command name -> (module that defines it, one-line summary for `moodlog --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "add": ("moodlog.cli.entries", "Record mood, anxiety, sleep, symptoms, a note."),
    "list": ("moodlog.cli.entries", "A table of entries in a period."),
    "show": ("moodlog.cli.entries", "Every field of one entry."),
    "edit": ("moodlog.cli.entries", "Change an entry's values."),
    "delete": ("moodlog.cli.entries", "Delete an entry for good."),
    "scales": ("moodlog.cli.setup", "List, add, show, edit or remove symptom scales."),
    "init": ("moodlog.cli.setup", "Add a condition's symptom scales (presets)."),
    "config": ("moodlog.cli.setup", "Show, get or set settings."),
    "where": ("moodlog.cli.setup", "Where the journal lives and who can read it."),
    "demo": ("moodlog.cli.setup", "A sample journal in a folder of its own."),
    "med": ("moodlog.cli.medications", "Your medicines: add, change a dose, stop, list."),
    "took": ("moodlog.cli.medications", "Log a dose taken (or every dose of the day)."),
    "missed": ("moodlog.cli.medications", "Log a dose missed."),
    "skipped": ("moodlog.cli.medications", "Log a dose held on your prescriber's advice."),
    "side-effect": ("moodlog.cli.medications", "Side effects: record, resolve, list, correct."),
    "dose": ("moodlog.cli.medications", "List, show, change or delete the doses you logged."),
    "skills": ("moodlog.cli.therapy", "The therapy skills catalogue; add and correct your own."),
    "skill-use": ("moodlog.cli.therapy", "List, show, change or delete the skills you logged."),
    "session": ("moodlog.cli.therapy", "Therapy sessions attended: record, list, correct."),
    "check": ("moodlog.cli.therapy", "Answer the PHQ-9 or GAD-7; list or delete answers."),
    "report": ("moodlog.cli.report", "Write the provider report (PDF or PNG pages)."),
    "appointment": (
        "moodlog.cli.appointments",
        "Appointments with your provider: add, list, correct.",
    ),
    "ask": ("moodlog.cli.appointments", "Questions for your next report: ask, list, correct."),
    "warn": (
        "moodlog.cli.warning_signs",
        "Your early warning signs and your plan: add, list, test, correct.",
    ),
    "stats": ("moodlog.cli.insight", "How a period went, in the terminal."),
    "status": ("moodlog.cli.insight", "One line: what of today is left to log."),
    "export": ("moodlog.cli.data", "Your data as CSV or JSON, notes included."),
    "import": ("moodlog.cli.data", "Add entries from moodlog's exports or from Daylio."),
    "backup": ("moodlog.cli.data", "A consistent copy of the journal."),
    "check-journal": ("moodlog.cli.data", "Check the journal for damage; rescue what is readable."),
    "undo": ("moodlog.cli.undo", "Take back the last change made in the journal."),
    "encrypt": ("moodlog.cli.encryption", "Encrypt the journal with a passphrase."),
    "passphrase": ("moodlog.cli.encryption", "Change the encrypted journal's passphrase."),
    "decrypt": ("moodlog.cli.encryption", "Make the encrypted journal plain again."),
}


def build_command(name: str) -> click.Command | None:
    """The click command for ``name``, built from its module's Typer."""
    if name not in COMMANDS:
        return None
    module = importlib.import_module(COMMANDS[name][0])
    commands: typer.Typer = module.commands
    for info in commands.registered_commands:
        assert info.callback is not None
        if (info.name or typer.main.get_command_name(info.callback.__name__)) == name:
            return _with_pager(
                typer.main.get_command_from_info(
                    info, pretty_exceptions_short=True, rich_markup_mode=None
                )
            )
    for group in commands.registered_groups:
        if group.name == name:
            return _with_pager(
                typer.main.get_group_from_info(
                    group,
                    pretty_exceptions_short=True,
                    suggest_commands=False,
                    rich_markup_mode=None,
                )
            )
    raise LookupError(f"{COMMANDS[name][0]} does not define the command {name!r}")


def _with_pager(command: click.Command, words: tuple[str, ...] = ()) -> click.Command:
    """``command``, its long-output commands (stats, list and show, every record kind's)
    printing through the pager (moodlog.cli.pager)."""
    words = (*words, command.name or "")
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _with_pager(sub, words)
        if command.callback is not None and words[-1] in PAGED_LISTINGS:
            command.callback = _paged(command.callback)
    elif command.callback is not None and (words[-1] in PAGED or " ".join(words) in PAGED):
        command.callback = _paged(command.callback)
    return command


# The commands whose output may be longer than a window: the last word of a command's path, or
# the whole path.
PAGED = {"list", "show", "stats", "export"}
# The commands that list when given no command of their own (`moodlog skills`, `moodlog med`).
PAGED_LISTINGS = {"skills", "scales", "med"}


def _paged(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        from moodlog.cli.pager import paged

        with paged(no_pager=bool(click.get_current_context().meta.get(NO_PAGER))):
            return callback(*args, **kwargs)

    return run


# Where the global --no-pager is kept for the command that runs (click's meta is shared by every
# context of one command line).
NO_PAGER = "moodlog.no_pager"


class ErrorBoundary(SuggestingGroup):
    """Catches moodlog's own errors (and the faults of the machine) for every command, and
    loads each command only when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def suggestions(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        # `moodlog --help | true`: the help is printed while the options are read.
        try:
            return super().make_context(info_name, args, parent, **extra)
        except BrokenPipeError:
            _reader_gone()
            raise
        except click.NoSuchOption as error:
            raise _nearest_option(error) from None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return build_command(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, summary) for name, (_, summary) in COMMANDS.items()])

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MoodlogError as error:
            fail(str(error))
        except driver.ERRORS as error:
            fail(f"the journal could not be used: {error}")
        except BrokenPipeError:
            _reader_gone()
        except click.NoSuchOption as error:
            raise _nearest_option(error) from None
        except OSError as error:
            where = f" ({error.filename})" if error.filename else ""
            fail(f"{error.strerror or error}{where}")
        except (UnicodeEncodeError, UnicodeDecodeError) as error:
            fail(_not_utf8(error))
        except KeyboardInterrupt:
            click.echo("moodlog: stopped; nothing was saved", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as error:
            # Never a traceback. A transaction the error broke into was rolled back; one that
            # had committed (the error came while printing, say) stays whole. MOODLOG_DEBUG=1
            # shows the traceback.
            if os.environ.get("MOODLOG_DEBUG"):
                raise
            fail(
                f"unexpected error ({type(error).__name__}: {error}); moodlog saves a command's "
                "changes whole or not at all, so check with 'moodlog list'. Please report it "
                "with the command you typed"
            )


app = typer.Typer(
    cls=ErrorBoundary,
    name="moodlog",
    help="A private journal of mood, sleep, medicines and therapy skills, kept on this machine.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"moodlog {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="Use the journal file at PATH (before MOODLOG_DB, MOODLOG_HOME and the default).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and stop."
        ),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print long output straight to the terminal, not through MOODLOG_PAGER, "
            "PAGER or less -FRX.",
        ),
    ] = False,
) -> None:
    """A private journal of mood, sleep, medicines and therapy skills, kept on this machine.

    Example: moodlog add --mood 6 --anxiety 3 --sleep 7.5
    """
    ctx.obj = db
    ctx.meta[NO_PAGER] = no_pager


def command_group(parent: typer.Typer, name: str, no_args_is_help: bool = False) -> typer.Typer:
    """A command with commands of its own (`moodlog scales add`), added to ``parent``."""
    group = typer.Typer(cls=SuggestingGroup, no_args_is_help=no_args_is_help)
    parent.add_typer(group, name=name)
    return group


def location(ctx: typer.Context) -> JournalLocation:
    """Where the journal is, from --db, MOODLOG_DB, MOODLOG_HOME or the platform default."""
    root_context = ctx.find_root()
    return locate_journal(root_context.obj if isinstance(root_context.obj, str) else None)


def note_text(value: str | None) -> str | None:
    """The text of a --note option: as typed, or with '-', read from standard input (so it
    stays out of the shell's history). Read as bytes, so the note is kept exactly as it was
    written, line breaks inside it included; the line breaks that end the input are dropped."""
    from moodlog.domain.entries import check_typed_note

    if value is None:
        return None
    return check_typed_note(value if value != "-" else standard_input_text("note"))


def standard_input_text(what: str) -> str:
    """Text given on standard input (a note, a plan), its ending line breaks dropped."""
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidValue(
            f"the {what} on standard input is not UTF-8 text (byte {data[error.start]:#04x} at "
            f"position {error.start}); save it as UTF-8 and try again; nothing was saved"
        ) from None
    return text.rstrip("\r\n")


@contextlib.contextmanager
def journal(ctx: typer.Context, adopt_empty: bool = False) -> Iterator[Journal]:
    """The journal this command works on, open and migrated; closed afterwards. An empty file
    in its place is refused unless ``adopt_empty``; a command that only reads makes none."""
    path = location(ctx).path
    if _answered_without_records(ctx) and not os.path.lexists(path):
        chosen = blank_journal(path)  # creates nothing
    else:
        chosen = open_journal(path, adopt_empty, create=not only_reads(ctx))
    with chosen as opened:
        from moodlog.actions import clock

        opened.recording = undoable_command(ctx)
        opened.only_adds = opened.recording in _ONLY_ADD
        opened.now = clock.now
        yield opened


# Commands whose writes `moodlog undo` does not take back: a deletion keeps no copy of what it
# removed, a withdrawal is itself the correction of a regimen record, and undo is undo.
_NOT_UNDOABLE = {"delete", "remove", "undo", "check-journal", "backup", "demo"}


# Commands that only read (beside every `list` and `show`): with no journal yet they say so
# and how to start one, and leave nothing behind (docs/data-location.md).
_ONLY_READ = {
    "moodlog stats",
    "moodlog report",
    "moodlog export",
    "moodlog backup",
    "moodlog scales",
    "moodlog med",
    "moodlog warn test",
}
# Commands whose answer needs no records: with no journal yet they read an empty one in
# memory (the settings' defaults, the built-in skills, nothing to undo) and make nothing.
_ANSWERED_WITHOUT_RECORDS = {
    "moodlog config",
    "moodlog config get",
    "moodlog skills",
    "moodlog skills show",
    "moodlog undo",
}


def _answered_without_records(ctx: typer.Context) -> bool:
    """The commands above, and `import --dry-run`: it checks a file against the journal and
    saves nothing, so before the first entry it checks against an empty one."""
    dry_run = _typed(ctx) == "moodlog import" and bool(ctx.params.get("dry_run"))
    return dry_run or _typed(ctx) in _ANSWERED_WITHOUT_RECORDS


def _typed(ctx: typer.Context) -> str:
    """The command's words, `moodlog` first (whatever the program was called)."""
    return " ".join(["moodlog", *ctx.command_path.split()[1:]])


def only_reads(ctx: typer.Context) -> bool:
    """Whether the command only reads the journal, so it must not make one: every `list` and
    `show`, `ask --list`, and the commands named above."""
    listing = ctx.command_path.split()[-1] in ("list", "show") or bool(ctx.params.get("list_"))
    return listing or _typed(ctx) in _ONLY_READ


# Commands that only add records: their changes note added rows alone (`add` runs daily).
_ONLY_ADD = {"moodlog add"}


def undoable_command(ctx: typer.Context) -> str | None:
    """The command as the person typed it, without the values it was given (a note's text
    stays out of the undo history), when its writes are a change `moodlog undo` takes back;
    None otherwise."""
    words = ctx.command_path.split()
    words[0] = "moodlog"
    if words[-1] == "log":  # the hidden logging command of a group (moodlog session KIND)
        words.pop()
    if _NOT_UNDOABLE.intersection(words) or ctx.params.get("withdraw") is not None:
        return None
    return " ".join(words)


def say_if_old_text_lingers(opened: Journal) -> None:
    """After a delete or an edit: one line when another program was reading the journal, so
    SQLite could not yet forget the old text (docs/privacy.md)."""
    if opened.old_text_lingers:
        typer.echo(
            "Another program is reading the journal, so the old text stays in "
            f"{escaped(str(opened.path))} until that program closes; moodlog removes it at its "
            "next write after that."
        )


def print_signs_shown(signs: Sequence[ShownSign]) -> None:
    """The warning signs that just began to show, with their plans (after every command that
    logs something)."""
    if signs:
        from moodlog.render.sign_watch import announcement
        from moodlog.render.therapy import fit

        typer.echo("")
        typer.echo(fit(announcement(signs)))


def main() -> None:
    code: int | str | None = 0
    try:
        app(prog_name="moodlog")
    except SystemExit as done:
        code = done.code
    # What is still buffered is written now, where a reader gone away can be told apart.
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_gone(code)
    sys.exit(code)

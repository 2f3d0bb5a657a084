"""`moodlog encrypt`, `moodlog decrypt` and `moodlog passphrase`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from moodlog.cli.app import location
from moodlog.errors import escaped

commands = typer.Typer()

RememberOpt = Annotated[
    bool,
    typer.Option(
        "--remember",
        help="Keep the journal's key in your system's keyring (needs the keyring package), so "
        "moodlog need not ask for the passphrase on this machine.",
    ),
]

_FORGOTTEN = (
    "A forgotten passphrase cannot be recovered: without it, no one can read the journal, "
    "not you, not moodlog, not its makers. Keep it somewhere safe (a password manager)."
)


@commands.command()
def encrypt(
    ctx: typer.Context,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Encrypt without asking to confirm.")
    ] = False,
    remove_plain_copies: Annotated[
        bool,
        typer.Option(
            "--remove-plain-copies",
            help="Also remove the journal's older plain copies (backups, copies taken before "
            "an upgrade) without asking.",
        ),
    ] = False,
    remember: RememberOpt = False,
) -> None:
    """Encrypt the journal with a passphrase (SQLCipher): asked twice on the terminal, or
    printed by MOODLOG_NEW_PASSPHRASE_COMMAND; never an argument. Every command then asks for
    it, or runs MOODLOG_PASSPHRASE_COMMAND. Needs the encryption extra.

    Example: moodlog encrypt
    """
    from moodlog.actions import encryption as actions

    path = location(ctx).path
    actions.ready_to_encrypt(path, remember)
    typer.echo(_FORGOTTEN)
    if not _confirmed(yes, "Encrypt the journal now?", "encrypting"):
        return
    encrypted = actions.encrypt(path, remember)
    copies = encrypted.copies
    typer.echo(f"Encrypted the journal {escaped(str(path))}; the plain file is gone.")
    if encrypted.not_kept is not None:
        typer.echo(f"moodlog: {escaped(encrypted.not_kept)}", err=True)
    elif remember:
        typer.echo(
            "Its key is kept in your system's keyring: anyone logged in as you on this machine "
            "can open the journal without the passphrase."
        )
    if copies:
        heading = "These older plain copies can still be read by anyone who gets them:"
        _offer_to_remove(copies, heading, "plain ", remove_plain_copies)


@commands.command()
def decrypt(
    ctx: typer.Context,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Decrypt without asking to confirm.")
    ] = False,
) -> None:
    """Make the encrypted journal plain SQLite again (asks to confirm, then for its
    passphrase).

    Example: moodlog decrypt
    """
    from moodlog.actions import encryption as actions

    path = location(ctx).path
    actions.ready_to_decrypt(path)
    question = "Decrypt the journal? It will be readable by anyone who has the file"
    if not _confirmed(yes, question, "decrypting"):
        return
    forgotten = actions.decrypt(path)
    typer.echo(
        f"The journal {escaped(str(path))} is plain again: readable by anyone who can read the "
        "file. Its backups made while it was encrypted stay encrypted."
    )
    if forgotten:
        typer.echo("Its key kept in your system's keyring was removed.")


def _confirmed(yes: bool, question: str, doing: str) -> bool:
    """Whether to go on: --yes, or the answer typed in a terminal. Outside a terminal without
    --yes, one line and exit 1: a script must say --yes, never be waited on."""
    if yes:
        return True
    if not sys.stdin.isatty():
        typer.echo(
            f"moodlog: {doing} needs --yes when moodlog cannot ask in a terminal; "
            "nothing was changed",
            err=True,
        )
        raise typer.Exit(1)
    if typer.confirm(question, default=False):
        return True
    typer.echo("Kept as it was.")
    return False


@commands.command()
def passphrase(ctx: typer.Context, remember: RememberOpt = False) -> None:
    """Change the encrypted journal's passphrase: the old one, then the new one twice (or
    MOODLOG_PASSPHRASE_COMMAND and MOODLOG_NEW_PASSPHRASE_COMMAND). A key kept in the keyring
    is replaced by the new one.

    Example: moodlog passphrase
    """
    from moodlog.actions import encryption as actions

    path = location(ctx).path
    changed = actions.change_passphrase(path, remember)
    copies = changed.copies
    typer.echo(f"Changed the passphrase of {escaped(str(path))}.")
    if changed.not_kept is not None:
        typer.echo(f"moodlog: {escaped(changed.not_kept)}", err=True)
    if copies:
        heading = (
            "These older copies open without the new passphrase (with the old one, or plain, "
            "from before encryption):"
        )
        _offer_to_remove(copies, heading, "")


def _offer_to_remove(copies: list[Path], heading: str, kind: str, at_once: bool = False) -> None:
    """Name the older copies that the new key leaves readable and remove them (zeros first)
    when ``at_once`` or the person says so in a terminal; else say they were kept."""
    from moodlog.actions import encryption as actions

    typer.echo(heading)
    for copy in copies:
        typer.echo(f"  {escaped(str(copy))}")
    if at_once or (sys.stdin.isatty() and typer.confirm("Remove them?", default=False)):
        actions.remove_copies(copies)
        typer.echo(f"Removed {len(copies)} {kind}cop{'y' if len(copies) == 1 else 'ies'}.")
    else:
        typer.echo("They were kept; remove them once you no longer need them (docs/privacy.md).")

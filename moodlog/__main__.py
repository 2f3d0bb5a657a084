"""moodlog's entry: the `moodlog` command and `python -m moodlog`.

For the daily commands on an encrypted journal whose passphrase a command gives, the journal's
key is first set to be worked out beside the loading of the command line
(storage/early_key.py): that is most of what encryption adds to `moodlog add`."""

from __future__ import annotations

import os
import sys

# The commands that open the journal before anything else they do or ask.
DAILY = frozenset({"add", "took", "missed", "skipped"})


def main() -> None:
    _work_out_the_key_early(sys.argv[1:])
    from moodlog.cli import main as run

    run()


def _work_out_the_key_early(words: list[str]) -> None:
    """Start working out the key when the line is a daily command on a journal moodlog will
    open with MOODLOG_PASSPHRASE_COMMAND. Never for help, completion or anything else: those
    must not run a password manager."""
    if not os.environ.get("MOODLOG_PASSPHRASE_COMMAND") or "_MOODLOG_COMPLETE" in os.environ:
        return
    db: str | None = None
    rest = list(words)
    while rest and rest[0].startswith("-"):
        option = rest.pop(0)
        if option == "--db" and rest:
            db = rest.pop(0)
        elif option.startswith("--db="):
            db = option.removeprefix("--db=")
        elif option != "--no-pager":
            return  # --help, --version, or a mistake the command line will name
    if not rest or rest[0] not in DAILY or {"--help", "-h"} & set(rest):
        return
    if any(word == "-" or word.endswith("=-") or word == "-n-" for word in rest):
        return  # the line reads standard input (`--note -`), which the command would share
    from moodlog.storage.early_key import start
    from moodlog.storage.paths import locate_journal

    try:
        start(locate_journal(db).path)
    except Exception:  # a path that cannot be worked out, no thread to be had: the command says
        return


if __name__ == "__main__":
    main()

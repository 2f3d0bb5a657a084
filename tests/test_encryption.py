"""An encrypted journal (moodlog encrypt, decrypt, passphrase): what a lost laptop cannot read,
and every command working the same on it."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shlex
import shutil
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2

from moodlog.storage.damage import SQLITE_HEADER
from tests.conftest import Run, run_moodlog_process
from tests.test_check_in import _answer, _own_terminal
from tests.test_cli import _read_until

# Quotes of both kinds, a backslash, a space and non-ASCII: every character must work.
PASSPHRASE = 'It\'s "ours" \\ Grüße ☂'


def use_passphrase(
    monkeypatch: pytest.MonkeyPatch, folder: Path, passphrase: str, new: str | None = None
) -> None:
    """The passphrase (and the new one) printed by commands reading files, as `pass` would."""
    for variable, text in (
        ("MOODLOG_PASSPHRASE_COMMAND", passphrase),
        ("MOODLOG_NEW_PASSPHRASE_COMMAND", new or passphrase),
    ):
        secret = folder / f"{variable}.txt"
        secret.write_text(text + "\n", encoding="utf-8")
        monkeypatch.setenv(variable, shlex.join(["cat", str(secret)]))


def encrypted_with_a_noted_command(
    journal_file: Path, tmp_path: Path
) -> tuple[dict[str, str], Path]:
    """The journal with an entry, encrypted, and passphrase commands that note each run of
    theirs in the file returned (not there yet): whether moodlog ran one shows there."""
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    marker = tmp_path / "ran.txt"
    script = tmp_path / "passphrase.sh"
    script.write_text(f"#!/bin/sh\necho ran >> '{marker}'\ncat '{secret}'\n", encoding="utf-8")
    script.chmod(0o700)
    commands = {
        "MOODLOG_PASSPHRASE_COMMAND": str(script),
        "MOODLOG_NEW_PASSPHRASE_COMMAND": str(script),
    }
    db = ("--db", str(journal_file))
    assert run_moodlog_process(*db, "add", "--mood", "6", env=commands).returncode == 0
    assert run_moodlog_process(*db, "encrypt", "--yes", env=commands).returncode == 0
    marker.unlink()
    return commands, marker


def digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def demo_journal(moodlog: Run, tmp_path: Path) -> Path:
    made = moodlog("demo", "--days", "30", "--out", str(tmp_path / "demo"))
    assert made.exit_code == 0, made.output
    return tmp_path / "demo" / "moodlog.db"


def private_words(journal: Path) -> set[str]:
    """Notes, medicine names and tags the plain journal holds, read straight from it."""
    connection = sqlite3.connect(journal)
    try:
        words = {str(row[0]) for row in connection.execute("SELECT note FROM entries")}
        words |= {str(row[0]) for row in connection.execute("SELECT medicine FROM regimen")}
        for (tags,) in connection.execute("SELECT tags FROM entries WHERE tags IS NOT NULL"):
            words |= set(json.loads(tags)) if str(tags).startswith("[") else set(tags.split(","))
    finally:
        connection.close()
    return {word for word in words if word and word != "None" and len(word) >= 5}


def test_an_encrypted_demo_journal_and_its_backup_hold_no_readable_note_medicine_or_tag(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    journal = demo_journal(moodlog, tmp_path)
    folder = journal.parent
    words = private_words(journal)
    assert len(words) >= 5
    assert moodlog("--db", str(journal), "backup").exit_code == 0  # a plain copy, offered

    encrypted = moodlog("--db", str(journal), "encrypt", "--yes", "--remove-plain-copies")

    assert encrypted.exit_code == 0, encrypted.output
    assert "A forgotten passphrase cannot be recovered" in encrypted.output
    assert "Removed 1 plain copy." in encrypted.output
    assert not journal.read_bytes().startswith(SQLITE_HEADER)
    backed_up = moodlog("--db", str(journal), "backup")
    assert backed_up.exit_code == 0, backed_up.output
    assert "encrypted like the journal" in backed_up.output
    files = [path for path in folder.rglob("*") if path.is_file()]
    assert any(path.parent.name == "backups" for path in files)
    for path in files:
        data = path.read_bytes()
        for word in words:
            assert word.encode() not in data, (path, word)
    # The backup opens with the same passphrase.
    (backup,) = (folder / "backups").iterdir()
    listed = moodlog("--db", str(backup), "list", "--last", "30d")
    assert listed.exit_code == 0, listed.output


README = Path(__file__).resolve().parent.parent / "README.md"
DAYLIO_SAMPLE = Path(__file__).parent / "fixtures" / "daylio_export.csv"


def readme_lines() -> list[list[str]]:
    """Every line of the README's code blocks that runs moodlog, as its words."""
    blocks = re.findall(r"^```\n(.*?)^```", README.read_text(encoding="utf-8"), re.M | re.S)
    lines = [shlex.split(line, comments=True) for block in blocks for line in block.splitlines()]
    return [words[1:] for words in lines if words[:1] == ["moodlog"]]


def test_every_readme_command_works_on_an_encrypted_journal(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    journal = demo_journal(moodlog, tmp_path)
    assert moodlog("--db", str(journal), "encrypt", "--yes").exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)  # where `report` and `--out e.csv` write
    shutil.copy(DAYLIO_SAMPLE, out / "daylio_export.csv")
    lines = readme_lines()
    assert len(lines) >= 14, lines  # the README read as expected
    ran = []
    for line in lines:
        if line == ["add"]:
            continue  # the check-in in a terminal: its own test below
        typed = "a note typed on standard input\n" if "-" in line else None
        # `moodlog export > days.csv`: the words before `>`, the output into the file after it.
        cut = line.index(">") if ">" in line else len(line)
        result = moodlog("--db", str(journal), *line[:cut], input=typed)
        assert result.exit_code == 0, (line, result.output)
        for name in line[cut + 1 :]:
            (out / name).write_text(result.stdout, encoding="utf-8")
        ran.append(line[0])
    assert {"add", "list", "status", "stats", "appointment", "ask", "report", "export"} <= set(ran)
    assert "import" in ran
    assert any(path.suffix == ".pdf" for path in out.iterdir())
    assert (out / "days.csv").read_text(encoding="utf-8").startswith("day,logged,")
    assert "a note typed on standard input" in (out / "e.csv").read_text(encoding="utf-8")
    # What the README does not show, on the encrypted journal too: a backup, an undo, `where`.
    assert moodlog("--db", str(journal), "backup", "--out", str(out / "copy.db")).exit_code == 0
    assert not (out / "copy.db").read_bytes().startswith(SQLITE_HEADER)
    assert moodlog("--db", str(journal), "undo", "--yes").exit_code == 0
    where = moodlog("--db", str(journal), "where")
    assert "encrypted with a passphrase" in where.output


def test_the_file_opens_in_sqlcipher_with_the_passphrase_itself(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key moodlog derives is SQLCipher's own, so any SQLCipher tool opens the journal with
    the passphrase (here given as SQL text, its quote doubled)."""
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    assert moodlog("add", "--mood", "6", "--note", "kept").exit_code == 0
    assert moodlog("encrypt", "--yes").exit_code == 0
    connection = dbapi2.connect(str(journal_file))
    try:
        quoted = PASSPHRASE.replace("'", "''")
        connection.execute(f"PRAGMA key = '{quoted}'")
        notes = connection.execute("SELECT note FROM entries").fetchall()
    finally:
        connection.close()
    assert notes == [("kept",)]


def test_a_wrong_passphrase_is_one_line_and_changes_nothing(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    assert moodlog("add", "--mood", "6").exit_code == 0
    assert moodlog("encrypt", "--yes").exit_code == 0
    assert moodlog("add", "--mood", "5").exit_code == 0  # its log, as after any command
    before = digest(journal_file.parent)
    use_passphrase(monkeypatch, tmp_path, "not it")
    for line in (
        ["add", "--mood", "4"],
        ["list"],
        ["backup"],
        ["decrypt", "--yes"],
        ["passphrase"],
    ):
        result = moodlog(*line)
        assert result.exit_code == 1, line
        assert result.stderr == (
            f"moodlog: the passphrase does not open this journal ({journal_file}); it was left "
            "untouched. If you are sure of the passphrase, the start of the file may be "
            f"damaged: no backup in {journal_file.parent / 'backups'} was made with its present "
            "passphrase to tell the two apart\n"
        ), line
        assert digest(journal_file.parent) == before, line


def test_decrypt_and_a_new_passphrase(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_passphrase(monkeypatch, tmp_path, "first one", new="first one")
    assert moodlog("add", "--mood", "6", "--note", "kept").exit_code == 0
    assert moodlog("encrypt", "--yes").exit_code == 0
    use_passphrase(monkeypatch, tmp_path, "first one", new="second ünïcode")
    changed = moodlog("passphrase")
    assert changed.exit_code == 0, changed.output
    assert moodlog("list").exit_code == 1  # the old one no longer opens it
    use_passphrase(monkeypatch, tmp_path, "second ünïcode")
    decrypted = moodlog("decrypt", "--yes")
    assert decrypted.exit_code == 0, decrypted.output
    assert journal_file.read_bytes().startswith(SQLITE_HEADER)
    connection = sqlite3.connect(journal_file)
    try:
        assert connection.execute("SELECT note FROM entries").fetchall() == [("kept",)]
    finally:
        connection.close()
    assert moodlog("decrypt").stderr == (
        f"moodlog: the journal {journal_file} is not encrypted; nothing was changed\n"
    )


def test_without_a_passphrase_command_or_a_terminal_it_says_so_and_status_says_nothing(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    assert moodlog("add", "--mood", "6").exit_code == 0
    assert moodlog("encrypt", "--yes").exit_code == 0
    monkeypatch.delenv("MOODLOG_PASSPHRASE_COMMAND")
    listed = moodlog("list")
    assert listed.exit_code == 1
    assert listed.stderr == (
        f"moodlog: {journal_file} is encrypted and no passphrase can be asked for here (not a "
        "terminal); set MOODLOG_PASSPHRASE_COMMAND to a command that prints it (see "
        "docs/privacy.md)\n"
    )
    status = moodlog("status")
    assert (status.exit_code, status.output) == (0, "")


_RECORDER = """#!{python}
import json, os, sys
def read(path):
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return ""
parent = os.getppid()
seen = {{
    "argv": sys.argv,
    "env": dict(os.environ),
    "parent_cmdline": read(f"/proc/{{parent}}/cmdline"),
    "parent_environ": read(f"/proc/{{parent}}/environ"),
}}
with open({record!r}, "w", encoding="utf-8") as handle:
    json.dump(seen, handle)
if not sys.stdin.isatty():
    sys.stdout.write(sys.stdin.read())
"""


def _recorder(folder: Path, name: str) -> tuple[Path, Path]:
    """A program that writes down its arguments, its environment and its parent's (moodlog's,
    as `ps` and /proc show them), then passes its input on as a pager would."""
    record = folder / f"{name}.json"
    program = folder / name
    program.write_text(_RECORDER.format(python=sys.executable, record=str(record)))
    program.chmod(0o700)
    return program, record


def _holds_no_passphrase(record: Path) -> None:
    seen = json.loads(record.read_text(encoding="utf-8"))
    assert PASSPHRASE not in " ".join(seen["argv"])
    assert all(PASSPHRASE not in value for value in seen["env"].values())
    assert PASSPHRASE not in seen["parent_cmdline"]
    assert PASSPHRASE not in seen["parent_environ"]


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
def test_the_passphrase_is_in_no_argument_nor_environment_of_a_child(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once moodlog holds the passphrase, the children it starts (the pager of a long list, the
    viewer of `report --open`) see it neither in their arguments nor in their environment, nor
    in moodlog's own as /proc shows them; nor does the passphrase command itself."""
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    for day in range(1, 13):
        added = moodlog("add", "--mood", "6", "--note", f"day {day}", "--date", f"2026-11-{day:02}")
        assert added.exit_code == 0, added.output
    assert moodlog("encrypt", "--yes").exit_code == 0
    tools = tmp_path / "tools"
    tools.mkdir()
    pager, paged = _recorder(tools, "pager")
    _, viewed = _recorder(tools, "xdg-open")
    # The passphrase command records what it is given too.
    asked, asked_record = _recorder(tools, "ask")
    secret = tmp_path / "MOODLOG_PASSPHRASE_COMMAND.txt"
    wrapper = tools / "passphrase"
    wrapper.write_text(f"#!/bin/sh\n{asked} < /dev/null > /dev/null\ncat '{secret}'\n")
    wrapper.chmod(0o700)
    env = {
        **os.environ,
        "MOODLOG_PASSPHRASE_COMMAND": str(wrapper),
        "MOODLOG_PAGER": str(pager),
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
    }

    main, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 6, 80, 0, 0))
    listing = subprocess.Popen(
        [sys.executable, "-m", "moodlog", "--db", str(journal_file), "list", "--last", "60d"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        close_fds=True,
        env=env,
    )
    os.close(follower)
    shown = _read_until(main, b"\x00", timeout=30)
    listing.wait(timeout=30)
    os.close(main)
    out = str(tmp_path / "report.pdf")
    report = subprocess.run(
        [
            sys.executable,
            "-m",
            "moodlog",
            "--db",
            str(journal_file),
            "report",
            "--open",
            "--last",
            "60d",
            "--out",
            out,
        ],
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
    )

    assert listing.returncode == 0, shown
    assert b"day 12" in shown
    assert report.returncode == 0, report.stderr
    for _ in range(100):  # the viewer is not waited for
        if viewed.exists() and viewed.read_text():
            break
        time.sleep(0.1)
    for record in (paged, viewed, asked_record):
        _holds_no_passphrase(record)
    assert PASSPHRASE.encode() not in shown + report.stdout + report.stderr


def test_without_the_encryption_extra_it_says_how_to_install_it(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    assert moodlog("add", "--mood", "6").exit_code == 0
    assert moodlog("encrypt", "--yes").exit_code == 0
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # as if it were not installed
    for line in (["list"], ["encrypt", "--yes"], ["decrypt"]):
        result = moodlog(*line)
        assert result.exit_code == 1, line
        assert result.stderr == (
            "moodlog: encrypted journals need moodlog's encryption extra; install it with "
            "pip install 'moodlog[encryption]'\n"
        ), line


def test_add_on_a_plain_journal_never_loads_sqlcipher(journal_file: Path) -> None:
    code = (
        "import sys\n"
        "from moodlog.cli import main\n"
        f"sys.argv = ['moodlog', '--db', {str(journal_file)!r}, 'add', '--mood', '6', "
        "'--note', 'kept plain']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    print('EXIT:' + repr(done.code))\n"
        "print('LOADED:' + ','.join(m for m in sys.modules if 'cipher' in m or 'passphrase' in m))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("LOADED:"), done.stdout
    assert "EXIT:" not in done.stdout or "EXIT:0" in done.stdout or "EXIT:None" in done.stdout
    saved = sqlite3.connect(journal_file)
    try:
        notes = [row[0] for row in saved.execute("SELECT note FROM entries")]
    finally:
        saved.close()
    assert notes == ["kept plain"]


def test_an_encrypted_journal_is_upgraded_encrypted_after_an_encrypted_backup(
    journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moodlog.storage import journal as journal_module
    from moodlog.storage.cipher import derive_key, new_key
    from moodlog.storage.encryption import change_key
    from moodlog.storage.journal import open_journal
    from moodlog.storage.migrations import MIGRATIONS

    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    with monkeypatch.context() as patch:
        patch.setattr(journal_module, "MIGRATIONS", MIGRATIONS[:2])
        open_journal(journal_file).close()
    change_key(journal_file, None, new_key(PASSPHRASE.encode()))

    with open_journal(journal_file) as journal, journal.transaction() as connection:
        steps = connection.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]

    assert steps == len(MIGRATIONS)
    assert not journal_file.read_bytes().startswith(SQLITE_HEADER)
    (backup,) = (journal_file.parent / "backups").glob("*before-0003_medications*")
    data = backup.read_bytes()
    assert not data.startswith(SQLITE_HEADER)
    copy = dbapi2.connect(str(backup))
    try:
        literal = derive_key(PASSPHRASE.encode(), data[:16]).sql
        copy.execute(f"PRAGMA key = {literal}")
        assert copy.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == 2
    finally:
        copy.close()


def test_check_journal_checks_an_encrypted_journal_and_copies_nothing_out(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    for day in range(1, 29):
        added = moodlog("add", "--date", f"2026-01-{day:02d}", "--mood", "5", "--note", "x" * 900)
        assert added.exit_code == 0, added.output
    assert moodlog("encrypt", "--yes").exit_code == 0
    whole = moodlog("check-journal")
    assert whole.output == (
        f"The journal is whole: {journal_file} passed SQLite's full integrity check.\n"
    )
    data = bytearray(journal_file.read_bytes())
    data[-3000:-2000] = bytes(1000)  # inside the last page: the first still opens
    journal_file.write_bytes(bytes(data))

    damaged = moodlog("check-journal")

    assert damaged.exit_code == 1
    assert damaged.output.startswith(f"{journal_file} is damaged: ")
    assert "An encrypted journal's rows are not copied out into a plain file" in damaged.output
    assert sorted(path.name for path in journal_file.parent.iterdir()) == ["moodlog.db"]


def _without_passphrase_commands() -> dict[str, str]:
    return {
        name: value
        for name, value in os.environ.items()
        if name not in ("MOODLOG_PASSPHRASE_COMMAND", "MOODLOG_NEW_PASSPHRASE_COMMAND")
    }


def _encrypt_in_a_terminal(journal_file: Path, typed: bytes) -> str:
    """`moodlog encrypt` answered in a pty: yes, then the new passphrase twice; what it showed."""
    process, main = _in_a_terminal(journal_file, "encrypt")
    shown = _typed(
        process,
        main,
        [
            (b"Encrypt the journal now?", b"y"),
            (b"New passphrase: ", typed),
            (b"The new passphrase again: ", typed),
        ],
    )
    assert process.returncode == 0, shown
    return shown


def _in_a_terminal(journal_file: Path, *line: str) -> tuple[subprocess.Popen[bytes], int]:
    """moodlog run in a pty that is its controlling terminal (getpass reads /dev/tty), with no
    passphrase command: it must ask there."""
    main, follower = os.openpty()
    env = _without_passphrase_commands()
    process = subprocess.Popen(
        [sys.executable, "-m", "moodlog", "--db", str(journal_file), *line],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        close_fds=True,
        preexec_fn=_own_terminal,  # noqa: PLW1509 (the test starts no threads)
        env=env,
    )
    os.close(follower)
    return process, main


def _typed(process: subprocess.Popen[bytes], main: int, answers: list[tuple[bytes, bytes]]) -> str:
    transcript = _answer(main, answers)
    # What is printed after the last answer, until the terminal closes with the process.
    transcript += _read_until(main, b"\x00", timeout=30)
    process.wait(timeout=30)
    os.close(main)
    return transcript.decode(errors="replace")


def test_the_passphrase_is_asked_on_the_terminal_and_never_echoed(
    moodlog: Run, journal_file: Path
) -> None:
    typed = PASSPHRASE.encode()
    assert moodlog("add", "--mood", "6", "--note", "harbour").exit_code == 0
    shown = _encrypt_in_a_terminal(journal_file, typed)
    assert "Encrypted the journal" in shown
    assert PASSPHRASE not in shown
    # The README's check-in, `moodlog add` with no values in a terminal, asks for the
    # passphrase first, then for each value.
    process, main = _in_a_terminal(journal_file, "add")
    answers = [(b"Passphrase for ", typed), (b"mood (", b"7")]
    answers += [(prompt, b"") for prompt in (b"anxiety", b"irritability", b"energy", b"sleep (")]
    answers += [(prompt, b"") for prompt in (b"sleep quality", b"tags", b"skill used")]
    answers += [(b"note", b"lighthouse"), (b"share", b"n")]
    shown = _typed(process, main, answers)
    assert process.returncode == 0, shown
    assert "Saved entry" in shown
    assert PASSPHRASE not in shown
    process, main = _in_a_terminal(journal_file, "list")
    shown = _typed(process, main, [(b"Passphrase for ", typed)])
    assert process.returncode == 0, shown
    assert "harbour" in shown
    assert "lighthouse" in shown
    assert PASSPHRASE not in shown


# A keyring that passes for the system's, kept in the test's own HOME (tests/keyring_stub.py).
STUB_KEYRING = {
    "PYTHON_KEYRING_BACKEND": "tests.keyring_stub.StubKeyring",
    "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
}


def encrypt_remembering(
    journal_file: Path, passphrase_file: Path
) -> subprocess.CompletedProcess[str]:
    """`moodlog encrypt --yes --remember`, the new passphrase read from ``passphrase_file``,
    the key kept in the stand-in keyring of the test's HOME."""
    return run_moodlog_process(
        "--db",
        str(journal_file),
        "encrypt",
        "--yes",
        "--remember",
        env={**STUB_KEYRING, "MOODLOG_NEW_PASSPHRASE_COMMAND": f"cat {passphrase_file}"},
    )


def test_remember_keeps_the_key_in_the_keyring_so_no_passphrase_is_asked(
    journal_file: Path, tmp_path: Path
) -> None:
    """With --remember the derived key (never the passphrase) is kept in the keyring: commands
    and `status` open the journal without a passphrase command or a terminal; decrypt removes
    the key."""
    secret = tmp_path / "new.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    no_commands = {"MOODLOG_PASSPHRASE_COMMAND": "", "MOODLOG_NEW_PASSPHRASE_COMMAND": ""}
    db = ("--db", str(journal_file))
    assert run_moodlog_process(*db, "add", "--mood", "6", "--note", "remembered").returncode == 0
    encrypted = encrypt_remembering(journal_file, secret)
    assert encrypted.returncode == 0, encrypted.stderr
    assert "kept in your system's keyring" in encrypted.stdout

    listed = run_moodlog_process(*db, "list", env={**STUB_KEYRING, **no_commands})
    status = run_moodlog_process(*db, "status", env={**STUB_KEYRING, **no_commands})

    assert listed.returncode == 0, listed.stderr
    assert "remembered" in listed.stdout
    assert status.returncode == 0, status.stderr
    assert "today" in status.stdout  # its line, not nothing: the kept key needs no prompt
    kept = Path(os.environ["HOME"]) / "test-keyring.json"
    assert str(journal_file.resolve()) in kept.read_text()
    assert PASSPHRASE.encode() not in kept.read_bytes()
    decrypted = run_moodlog_process(*db, "decrypt", "--yes", env={**STUB_KEYRING, **no_commands})
    assert decrypted.returncode == 0, decrypted.stderr
    assert "Its key kept in your system's keyring was removed." in decrypted.stdout
    assert str(journal_file.resolve()) not in kept.read_text()


@pytest.mark.parametrize(
    "backend",
    [
        "keyrings.alt.file.PlaintextKeyring",
        "keyring.backends.null.Keyring",
        "keyring.backends.fail.Keyring",
    ],
)
def test_remember_is_refused_before_anything_changes_without_a_locked_keyring(
    journal_file: Path, tmp_path: Path, backend: str
) -> None:
    """keyrings.alt's file would write the key into a plain file in the home; the null and fail
    stand-ins keep nothing: the journal stays plain and nothing is written."""
    secret = tmp_path / "new.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    db = ("--db", str(journal_file))
    assert run_moodlog_process(*db, "add", "--mood", "6").returncode == 0
    before = journal_file.read_bytes()
    home = Path(os.environ["HOME"])
    files_before = sorted(home.rglob("*"))

    refused = run_moodlog_process(
        *db,
        "encrypt",
        "--yes",
        "--remember",
        env={"PYTHON_KEYRING_BACKEND": backend, "MOODLOG_NEW_PASSPHRASE_COMMAND": f"cat {secret}"},
    )

    assert refused.returncode == 1
    assert refused.stderr.startswith(
        "moodlog: --remember needs a keyring that keeps secrets locked"
    )
    assert refused.stderr.endswith("nothing was changed\n")
    assert refused.stderr.count("\n") == 1
    assert journal_file.read_bytes() == before
    assert sorted(home.rglob("*")) == files_before


def test_remember_without_the_keyring_package_says_how_to_install_it(
    moodlog: Run, journal_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert moodlog("add", "--mood", "6").exit_code == 0
    before = journal_file.read_bytes()
    monkeypatch.setitem(sys.modules, "keyring", None)
    result = moodlog("encrypt", "--yes", "--remember")
    assert result.exit_code == 1
    assert result.stderr == (
        "moodlog: --remember keeps the key in your system's keyring through the keyring "
        "package; install it with pip install keyring; nothing was changed\n"
    )
    assert journal_file.read_bytes()[:16] == before[:16] == SQLITE_HEADER


def test_encrypt_offers_only_this_journals_own_plain_copies_never_another_journals(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    folder = tmp_path / "journals"
    journal, work = folder / "moodlog.db", folder / "moodlog-work.db"
    for path in (journal, work):
        assert moodlog("--db", str(path), "add", "--mood", "5").exit_code == 0
        assert moodlog("--db", str(path), "backup").exit_code == 0
    (own,) = (folder / "backups").glob("moodlog-backup-*.db")
    (others,) = (folder / "backups").glob("moodlog-work-backup-*.db")
    kept = others.read_bytes()
    # A file a person named themselves is no copy moodlog made.
    mine = folder / "backups" / "moodlog-mine.db"
    mine.write_bytes(kept)

    encrypted = moodlog("--db", str(journal), "encrypt", "--yes", "--remove-plain-copies")

    assert encrypted.exit_code == 0, encrypted.output
    assert f"  {own}" in encrypted.output
    assert str(others) not in encrypted.output
    assert "Removed 1 plain copy." in encrypted.output
    assert not own.exists()
    assert others.read_bytes() == kept
    assert mine.read_bytes() == kept
    assert work.read_bytes().startswith(SQLITE_HEADER)


def _damage_every_page_but_the_first(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for start in range(4096, len(data), 4096):
        data[start + 2000] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_damaged_encrypted_journal_is_pointed_at_its_encrypted_backup_before_a_plain_one(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    for mood in range(1, 8):
        assert moodlog("add", "--mood", str(mood), "--note", f"day {mood}").exit_code == 0
    assert moodlog("backup").exit_code == 0
    (plain,) = (journal_file.parent / "backups").iterdir()
    assert moodlog("encrypt", "--yes").exit_code == 0
    backed_up = moodlog("backup")
    assert backed_up.exit_code == 0, backed_up.output
    (encrypted,) = set((journal_file.parent / "backups").iterdir()) - {plain}
    _damage_every_page_but_the_first(journal_file)

    first = moodlog("list", "--last", "30d")
    encrypted.unlink()
    second = moodlog("list", "--last", "30d")

    assert first.exit_code == second.exit_code == 1
    assert "is damaged" in first.stderr
    assert f"the newest whole backup is {encrypted} (see docs/privacy.md)" in first.stderr
    assert f"the newest whole backup is {plain} (plain, from before the journal was encrypted" in (
        second.stderr
    )
    # check-journal copies nothing out of an encrypted journal: it is not offered.
    assert "check-journal" not in first.stderr + second.stderr


def test_status_never_runs_the_passphrase_command_and_uses_only_a_kept_key(
    journal_file: Path, tmp_path: Path
) -> None:
    """A shell prompt's status neither derives the key nor runs the passphrase command (which
    could open a password manager's window at every prompt): it prints nothing, unless the
    key is kept in the keyring."""
    commands, marker = encrypted_with_a_noted_command(journal_file, tmp_path)
    db = ("--db", str(journal_file))

    status = run_moodlog_process(*db, "status", env=commands)
    assert (status.returncode, status.stdout, status.stderr) == (0, "", "")
    assert not marker.exists()
    # With the key kept, status opens the journal with it and still runs no command.
    changed = run_moodlog_process(*db, "passphrase", "--remember", env={**commands, **STUB_KEYRING})
    assert changed.returncode == 0, changed.stderr
    marker.unlink()
    kept = run_moodlog_process(*db, "status", env={**commands, **STUB_KEYRING})
    assert kept.returncode == 0, kept.stderr
    assert "today" in kept.stdout
    assert not marker.exists()


def test_a_damaged_first_page_is_told_from_a_wrong_passphrase_by_the_kept_key(
    journal_file: Path, tmp_path: Path
) -> None:
    """A key kept in the keyring opened this very file (its salt is the file's): when it no
    longer does, the first page is damaged. Without a kept key, the passphrase's key opening a
    backup written with the journal's key (its salt) tells the same."""
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    commands = {
        "MOODLOG_PASSPHRASE_COMMAND": f"cat {secret}",
        "MOODLOG_NEW_PASSPHRASE_COMMAND": f"cat {secret}",
    }
    db = ("--db", str(journal_file))
    assert run_moodlog_process(*db, "add", "--mood", "6").returncode == 0
    encrypted = run_moodlog_process(
        *db, "encrypt", "--yes", "--remember", env={**commands, **STUB_KEYRING}
    )
    assert encrypted.returncode == 0, encrypted.stderr
    assert run_moodlog_process(*db, "backup", env=commands).returncode == 0
    (backup,) = (journal_file.parent / "backups").iterdir()
    data = bytearray(journal_file.read_bytes())
    data[1000] ^= 0xFF  # inside the first page, past its salt
    journal_file.write_bytes(bytes(data))

    kept = run_moodlog_process(*db, "list", env={**STUB_KEYRING, "MOODLOG_PASSPHRASE_COMMAND": ""})
    asked = run_moodlog_process(*db, "list", env=commands)

    assert kept.returncode == asked.returncode == 1
    assert kept.stderr.startswith(
        f"moodlog: {journal_file} is damaged (its first page fails its check); "
    )
    assert f"the newest whole backup is {backup} " in kept.stderr
    assert asked.stderr == kept.stderr


def test_an_sqlcipher_other_than_4_is_refused(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moodlog.storage import cipher

    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    assert moodlog("add", "--mood", "6").exit_code == 0
    assert moodlog("encrypt", "--yes").exit_code == 0
    before = digest(journal_file.parent)
    monkeypatch.setattr(cipher, "sqlcipher_version", lambda _: "5.0.0 community")

    result = moodlog("list")

    assert result.exit_code == 1
    assert result.stderr == (
        "moodlog: encrypted journals need SQLCipher 4, and the sqlcipher3 installed has 5.0.0 "
        "community; install the one moodlog names with pip install 'moodlog[encryption]'\n"
    )
    assert digest(journal_file.parent) == before


def test_encrypting_an_encrypted_journal_is_refused_before_any_passphrase_is_asked(
    journal_file: Path, tmp_path: Path
) -> None:
    commands, marker = encrypted_with_a_noted_command(journal_file, tmp_path)
    db = ("--db", str(journal_file))

    again = run_moodlog_process(*db, "encrypt", "--yes", env=commands)

    assert again.returncode == 1
    assert again.stderr == (
        f"moodlog: the journal {journal_file} is already encrypted; 'moodlog passphrase' "
        "changes its passphrase\n"
    )
    assert not marker.exists()


def test_a_keyring_that_fails_to_keep_the_key_still_lets_encrypt_offer_the_plain_copies(
    journal_file: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    env = {
        **STUB_KEYRING,
        "PYTHON_KEYRING_BACKEND": "tests.keyring_stub.RefusingKeyring",
        "MOODLOG_PASSPHRASE_COMMAND": f"cat {secret}",
        "MOODLOG_NEW_PASSPHRASE_COMMAND": f"cat {secret}",
    }
    db = ("--db", str(journal_file))
    assert run_moodlog_process(*db, "add", "--mood", "6", env=env).returncode == 0
    assert run_moodlog_process(*db, "backup", env=env).returncode == 0

    encrypted = run_moodlog_process(
        *db, "encrypt", "--yes", "--remember", "--remove-plain-copies", env=env
    )

    assert encrypted.returncode == 0, encrypted.stderr
    assert encrypted.stderr == (
        "moodlog: the keyring could not keep the key (PasswordSetError); the journal is "
        "encrypted all the same, and its passphrase is asked for\n"
    )
    assert "kept in your system's keyring" not in encrypted.stdout
    assert "Removed 1 plain copy." in encrypted.stdout
    assert list((journal_file.parent / "backups").iterdir()) == []


def test_a_new_passphrase_names_the_older_copies_the_old_one_still_opens(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_passphrase(monkeypatch, tmp_path, "first one", new="first one")
    assert moodlog("add", "--mood", "6").exit_code == 0
    assert moodlog("backup").exit_code == 0
    (plain,) = (journal_file.parent / "backups").iterdir()
    assert moodlog("encrypt", "--yes").exit_code == 0
    assert moodlog("backup").exit_code == 0
    (old,) = set((journal_file.parent / "backups").iterdir()) - {plain}
    use_passphrase(monkeypatch, tmp_path, "first one", new="second one")

    changed = moodlog("passphrase")

    assert changed.exit_code == 0, changed.output
    assert changed.stdout == (
        f"Changed the passphrase of {journal_file}.\n"
        "These older copies open without the new passphrase (with the old one, or plain, from "
        "before encryption):\n"
        f"  {old}\n"
        f"  {plain}\n"
        "They were kept; remove them once you no longer need them (docs/privacy.md).\n"
    )
    use_passphrase(monkeypatch, tmp_path, "first one")
    assert moodlog("--db", str(old), "list").exit_code == 0


def test_a_new_passphrase_whose_key_the_keyring_cannot_keep_is_changed_all_the_same(
    journal_file: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("first one\n", encoding="utf-8")
    second.write_text("second one\n", encoding="utf-8")
    db = ("--db", str(journal_file))
    assert run_moodlog_process(*db, "add", "--mood", "6").returncode == 0
    assert encrypt_remembering(journal_file, first).returncode == 0
    refusing = {
        **STUB_KEYRING,
        "PYTHON_KEYRING_BACKEND": "tests.keyring_stub.RefusingKeyring",
        "MOODLOG_PASSPHRASE_COMMAND": "",
        "MOODLOG_NEW_PASSPHRASE_COMMAND": f"cat {second}",
    }

    changed = run_moodlog_process(*db, "passphrase", env=refusing)

    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.startswith(f"Changed the passphrase of {journal_file}.")
    assert changed.stderr == (
        "moodlog: the keyring could not keep the key (PasswordSetError); the journal is "
        "encrypted all the same, and its passphrase is asked for\n"
    )
    kept = Path(os.environ["HOME"]) / "test-keyring.json"
    assert (
        str(journal_file.resolve()) not in kept.read_text()
    )  # the old key, which no longer opens it
    listed = run_moodlog_process(*db, "list", env={"MOODLOG_PASSPHRASE_COMMAND": f"cat {second}"})
    assert listed.returncode == 0, listed.stderr


def test_the_keyring_is_asked_only_for_a_journal_whose_key_was_kept_there(
    journal_file: Path, tmp_path: Path
) -> None:
    """A locked keyring shows its unlock window when asked: moodlog asks it only about a
    journal whose key the person chose to keep there (--remember), never at every prompt for
    one they did not. status --json then says the journal is locked, with nothing guessed."""
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    watched = {**STUB_KEYRING, "PYTHON_KEYRING_BACKEND": "tests.keyring_stub.WatchedKeyring"}
    no_command = {**watched, "MOODLOG_PASSPHRASE_COMMAND": ""}
    new = {**watched, "MOODLOG_NEW_PASSPHRASE_COMMAND": f"cat {secret}"}
    db = ("--db", str(journal_file))
    asked = Path(os.environ["HOME"]) / "keyring-asked.txt"
    note = journal_file.with_name(".moodlog.db.key-in-keyring")
    assert run_moodlog_process(*db, "add", "--mood", "6").returncode == 0
    assert run_moodlog_process(*db, "encrypt", "--yes", env=new).returncode == 0

    status = run_moodlog_process(*db, "status", env=no_command)
    locked = run_moodlog_process(*db, "status", "--json", env=no_command)
    refused = run_moodlog_process(*db, "list", env=no_command)

    assert (status.returncode, status.stdout, status.stderr) == (0, "", "")
    assert json.loads(locked.stdout) == {
        "day": None,
        "journal": 1,
        "locked": 1,
        "logged": None,
        "doses_not_logged": None,
        "doses_to_come": None,
        "warning_signs": None,
    }
    assert refused.returncode == 1
    assert "not a terminal" in refused.stderr
    assert not asked.exists()
    assert not note.exists()

    env = {**new, "MOODLOG_PASSPHRASE_COMMAND": f"cat {secret}"}
    assert run_moodlog_process(*db, "passphrase", "--remember", env=env).returncode == 0
    assert note.stat().st_mode & 0o777 == 0o600
    assert "x'" not in note.read_text(encoding="utf-8")  # a note, not the key
    asked.unlink()  # passphrase asked it, to replace a key kept before
    kept = run_moodlog_process(*db, "status", "--json", env=no_command)
    assert json.loads(kept.stdout)["locked"] == 0
    assert json.loads(kept.stdout)["logged"] == 1
    assert asked.read_text(encoding="utf-8").splitlines() == [str(journal_file.resolve())]


ADD_PIPED_NOTE = ("add", "--mood", "5", "--note", "-")


def _terminal_on_standard_output() -> None:
    """In the child: the pty on standard output becomes the controlling terminal (standard
    input is a pipe)."""
    os.setsid()
    fcntl.ioctl(1, termios.TIOCSCTTY, 0)


def test_a_note_piped_in_at_a_terminal_still_gets_the_passphrase_asked_there(
    moodlog: Run, journal_file: Path
) -> None:
    """`echo note | moodlog add --note -` typed at a terminal: standard input is the pipe, and
    the passphrase is asked on the terminal itself."""
    typed = PASSPHRASE.encode()
    assert moodlog("add", "--mood", "6").exit_code == 0
    shown = _encrypt_in_a_terminal(journal_file, typed)
    main, follower = os.openpty()
    env = _without_passphrase_commands()
    process = subprocess.Popen(
        [sys.executable, "-m", "moodlog", "--db", str(journal_file), *ADD_PIPED_NOTE],
        stdin=subprocess.PIPE,
        stdout=follower,
        stderr=follower,
        close_fds=True,
        preexec_fn=_terminal_on_standard_output,  # noqa: PLW1509 (the test starts no threads)
        env=env,
    )
    os.close(follower)
    assert process.stdin is not None
    process.stdin.write(b"keel\n")
    process.stdin.close()
    shown = _typed(process, main, [(b"Passphrase for ", typed)])
    assert process.returncode == 0, shown
    assert PASSPHRASE not in shown
    process, main = _in_a_terminal(journal_file, "list")
    shown = _typed(process, main, [(b"Passphrase for ", typed)])
    assert "keel" in shown


def backed_up_then_given_a_new_passphrase(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The journal encrypted with "old one", backed up, then given "new one": its backup, which
    the old passphrase opens."""
    use_passphrase(monkeypatch, tmp_path, "old one")
    assert moodlog("add", "--mood", "6").exit_code == 0
    assert moodlog("encrypt", "--yes").exit_code == 0
    assert moodlog("backup").exit_code == 0
    (old,) = (journal_file.parent / "backups").iterdir()
    use_passphrase(monkeypatch, tmp_path, "old one", new="new one")
    assert moodlog("passphrase").exit_code == 0
    return old


def test_a_passphrase_from_before_a_change_is_wrong_and_no_backup_it_opens_is_offered(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person who forgot `moodlog passphrase` is told the passphrase is wrong: never that the
    journal is damaged, nor sent to a backup the old passphrase opens, which lacks everything
    written since."""
    old = backed_up_then_given_a_new_passphrase(moodlog, journal_file, tmp_path, monkeypatch)
    use_passphrase(monkeypatch, tmp_path, "old one")

    unsure = moodlog("list")
    use_passphrase(monkeypatch, tmp_path, "new one")
    assert moodlog("backup").exit_code == 0  # a backup with the journal's present key
    use_passphrase(monkeypatch, tmp_path, "old one")
    sure = moodlog("list")

    assert unsure.exit_code == sure.exit_code == 1
    assert unsure.stderr == (
        f"moodlog: the passphrase does not open this journal ({journal_file}); it was left "
        "untouched. If you are sure of the passphrase, the start of the file may be damaged: "
        f"no backup in {journal_file.parent / 'backups'} was made with its present passphrase "
        "to tell the two apart\n"
    )
    assert sure.stderr == (
        f"moodlog: the passphrase does not open this journal ({journal_file}); it was left "
        "untouched\n"
    )
    assert str(old) not in unsure.stderr + sure.stderr


def test_a_damaged_first_page_is_named_with_the_backup_of_the_same_passphrase(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The passphrase's key opens the backup written with the journal's key, so the journal's
    first page is damaged: it is said so, with that backup (not an older passphrase's), and
    another passphrase is still only wrong."""
    old = backed_up_then_given_a_new_passphrase(moodlog, journal_file, tmp_path, monkeypatch)
    use_passphrase(monkeypatch, tmp_path, "new one")
    assert moodlog("backup").exit_code == 0
    (same,) = set((journal_file.parent / "backups").iterdir()) - {old}
    data = bytearray(journal_file.read_bytes())
    data[1000] ^= 0xFF  # inside the first page, past its salt
    journal_file.write_bytes(bytes(data))
    before = digest(journal_file.parent)

    right = moodlog("list")
    use_passphrase(monkeypatch, tmp_path, "old one")
    wrong = moodlog("list")

    assert right.exit_code == wrong.exit_code == 1
    assert right.stderr == (
        f"moodlog: {journal_file} is damaged (its first page fails its check); moodlog left it "
        f"untouched and saves nothing to it: the newest whole backup is {same} "
        "(see docs/privacy.md)\n"
    )
    assert wrong.stderr == (
        f"moodlog: the passphrase does not open this journal ({journal_file}); it was left "
        "untouched\n"
    )
    assert digest(journal_file.parent) == before


def test_a_file_of_zeros_is_said_to_be_emptied_not_a_journal(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What encrypt, decrypt and passphrase leave of the journal's old file (zeros) is no
    encrypted journal asking for its passphrase."""
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    assert moodlog("add", "--mood", "6").exit_code == 0
    journal_file.write_bytes(bytes(3 * 4096))

    listed = moodlog("list")
    where = moodlog("where")

    assert listed.exit_code == 1
    assert listed.stderr == (
        f"moodlog: {journal_file} is emptied (its bytes are zeros), not a moodlog journal: "
        "probably the old file of a journal that moodlog encrypt, decrypt or passphrase "
        "replaced with a new one; moodlog left it untouched. Point --db or MOODLOG_DB at your "
        "journal\n"
    )
    assert journal_file.read_bytes() == bytes(3 * 4096)
    assert where.exit_code == 0
    assert where.stdout.endswith(
        "emptied (its bytes are zeros), not a journal: probably the old file of a journal that "
        "moodlog encrypt, decrypt or passphrase replaced with a new one\n"
    )


def test_a_first_page_read_halfway_through_another_write_is_read_again_under_the_lock(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first read of the first page takes no lock, and may meet it while another moodlog
    writes it: when the journal's own key fails there, the page is read once more as a command
    reads it before the journal is called damaged."""
    from moodlog.storage import cipher

    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    assert moodlog("add", "--mood", "6", "--note", "still here").exit_code == 0
    assert moodlog("encrypt", "--yes").exit_code == 0
    assert moodlog("backup").exit_code == 0
    whole = cipher.opens

    def torn(path: Path, key: cipher.Key) -> bool:
        return False if path == journal_file else whole(path, key)

    monkeypatch.setattr(cipher, "opens", torn)

    listed = moodlog("list")

    assert listed.exit_code == 0, listed.output
    assert "still here" in listed.stdout


def test_a_journal_reached_through_a_symbolic_link_is_swapped_in_its_own_folder(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """encrypt, passphrase and decrypt through a link leave the link pointing at the journal,
    which the passphrase opens by either name with every row."""
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    real = tmp_path / "real" / "moodlog.db"
    link = tmp_path / "link" / "moodlog.db"
    for note in ("first", "second", "third"):
        assert moodlog("--db", str(real), "add", "--mood", "5", "--note", note).exit_code == 0
    link.parent.mkdir()
    link.symlink_to(real)
    before = moodlog("--db", str(real), "list").stdout
    # Plain copies made by either name, in the backups/ folder beside each.
    assert moodlog("--db", str(real), "backup").exit_code == 0
    assert moodlog("--db", str(link), "backup").exit_code == 0

    encrypted = moodlog("--db", str(link), "encrypt", "--yes", "--remove-plain-copies")

    assert encrypted.exit_code == 0, encrypted.output
    assert "Removed 2 plain copies." in encrypted.stdout
    assert list((real.parent / "backups").iterdir()) == []
    assert list((link.parent / "backups").iterdir()) == []
    assert link.is_symlink()
    assert link.readlink() == real
    assert not real.read_bytes().startswith(SQLITE_HEADER)
    assert real.read_bytes()[:16] != bytes(16)  # the journal, not the zeroed old file
    for name in (real, link):
        listed = moodlog("--db", str(name), "list")
        assert (listed.exit_code, listed.stdout) == (0, before), listed.output
    assert sorted(path.name for path in real.parent.iterdir()) == ["backups", "moodlog.db"]
    assert sorted(path.name for path in link.parent.iterdir()) == ["backups", "moodlog.db"]

    use_passphrase(monkeypatch, tmp_path, PASSPHRASE, new="another one")
    assert moodlog("--db", str(link), "passphrase").exit_code == 0
    use_passphrase(monkeypatch, tmp_path, "another one")
    assert moodlog("--db", str(link), "decrypt", "--yes").exit_code == 0
    assert link.readlink() == real
    assert real.read_bytes().startswith(SQLITE_HEADER)
    assert moodlog("--db", str(real), "list").stdout == before


def test_a_journal_with_another_name_is_refused_before_anything_changes(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hard link's other name would keep the old file, then zeros: refused, in one line."""
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    assert moodlog("add", "--mood", "6", "--note", "kept").exit_code == 0
    other = tmp_path / "other-name.db"
    os.link(journal_file, other)
    refusal = (
        f"moodlog: the journal {journal_file} has another name too (a hard link), which would "
        "keep the old file, then zeros; remove that name, or make the journal a file of its "
        "own (a copy), and try again; nothing was changed\n"
    )
    before = digest(journal_file.parent)
    refused = moodlog("encrypt", "--yes")
    assert (refused.exit_code, refused.stderr) == (1, refusal)
    assert digest(journal_file.parent) == before

    other.unlink()
    assert moodlog("encrypt", "--yes").exit_code == 0
    os.link(journal_file, other)
    before = digest(journal_file.parent)
    for line in (["decrypt", "--yes"], ["passphrase"]):
        refused = moodlog(*line)
        assert (refused.exit_code, refused.stderr) == (1, refusal), line
        assert digest(journal_file.parent) == before, line


_HOLDER = """import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1])
connection.execute("SELECT count(*) FROM entries").fetchall()
print("open", flush=True)
time.sleep(60)
"""


def test_a_journal_another_program_holds_open_is_refused_saying_nothing_was_changed(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process's idle connection (a shell prompt's status, in WAL mode) keeps the
    journal from leaving WAL mode: encrypt says so at once, rather than that it stayed busy."""
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    assert moodlog("add", "--mood", "6").exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(journal_file)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "open\n"
        before = journal_file.read_bytes()
        started = time.monotonic()
        refused = moodlog("encrypt", "--yes")
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"moodlog: another program has the journal {journal_file} open (a shell prompt's "
        "status line?); close it and try again; nothing was changed\n",
    )
    assert waited < 10
    assert journal_file.read_bytes() == before
    assert moodlog("encrypt", "--yes").exit_code == 0  # once it is closed


def test_decrypt_asks_to_confirm_on_a_terminal_and_needs_yes_without_one(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Decrypting lowers the journal's protection: confirmed first, like encrypt. No key was
    kept in the keyring, so none is said to be removed."""
    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    assert moodlog("add", "--mood", "6", "--note", "kept").exit_code == 0
    assert moodlog("encrypt", "--yes").exit_code == 0
    encrypted = journal_file.read_bytes()

    unasked = moodlog("decrypt")
    assert (unasked.exit_code, unasked.stderr) == (
        1,
        "moodlog: decrypting needs --yes when moodlog cannot ask in a terminal; nothing was "
        "changed\n",
    )
    process, main = _in_a_terminal(journal_file, "decrypt")
    question = b"Decrypt the journal? It will be readable by anyone who has the file"
    shown = _typed(process, main, [(question, b"n")])
    assert process.returncode == 0, shown
    assert "Kept as it was." in shown
    assert journal_file.read_bytes() == encrypted

    decrypted = moodlog("decrypt", "--yes")
    assert decrypted.exit_code == 0, decrypted.output
    assert decrypted.stdout == (
        f"The journal {journal_file} is plain again: readable by anyone who can read the file. "
        "Its backups made while it was encrypted stay encrypted.\n"
    )
    assert journal_file.read_bytes().startswith(SQLITE_HEADER)


@pytest.mark.parametrize("passphrase", [PASSPHRASE.encode(), b"a\x00b", b"", "é".encode() * 300])
def test_the_key_is_derived_as_pbkdf2_of_the_standard_library_derives_it(
    passphrase: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key comes from SQLCipher's own OpenSSL (faster than hashlib's here), and is the key
    the standard library's PBKDF2 gives: SQLCipher 4's 256,000 rounds of HMAC-SHA512."""
    from moodlog.storage.cipher import derive_key

    salt = bytes(range(16))
    expected = hashlib.pbkdf2_hmac("sha512", passphrase, salt, 256_000, 32)
    derive_key(b"", salt)  # the library is trusted once it gave hashlib's answer for a probe
    # Without hashlib's PBKDF2, the key still comes: SQLCipher's library derives it.
    monkeypatch.setattr(hashlib, "pbkdf2_hmac", None)
    assert derive_key(passphrase, salt).sql == f"\"x'{expected.hex()}{salt.hex()}'\""


def test_the_key_of_a_daily_command_is_worked_out_while_moodlog_loads(
    moodlog: Run, journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """moodlog's entry starts working out the key for `add`, `took`, `missed` and `skipped`
    before the command line is loaded; the command then takes that key, for that journal only.
    Never for help, `status` or another command."""
    from moodlog.__main__ import _work_out_the_key_early
    from moodlog.storage.cipher import derive_key, salt_of
    from moodlog.storage.early_key import early_key

    use_passphrase(monkeypatch, tmp_path, PASSPHRASE)
    assert moodlog("add", "--mood", "6").exit_code == 0
    assert moodlog("encrypt", "--yes").exit_code == 0
    salt = salt_of(journal_file)
    expected = derive_key(PASSPHRASE.encode(), salt).sql
    for line in (["add", "--mood", "5"], ["--no-pager", "took", "lithium"]):
        _work_out_the_key_early(["--db", str(journal_file), *line])
        found = early_key(journal_file, salt)
        assert found is not None, line
        assert found.sql == expected
    _work_out_the_key_early([f"--db={journal_file}", "skipped", "lithium"])
    assert early_key(journal_file.parent / "other.db", salt) is None  # not that journal's
    for line in (["add", "--help"], ["status"], ["list"], ["--help"], ["--version"]):
        _work_out_the_key_early(["--db", str(journal_file), *line])
        assert early_key(journal_file, salt) is None, line
    monkeypatch.delenv("MOODLOG_PASSPHRASE_COMMAND")
    _work_out_the_key_early(["--db", str(journal_file), "add", "--mood", "5"])
    assert early_key(journal_file, salt) is None  # a thread never asks on the terminal


def test_a_daily_command_runs_the_passphrase_command_once_and_says_its_failure_once(
    journal_file: Path, tmp_path: Path
) -> None:
    commands, marker = encrypted_with_a_noted_command(journal_file, tmp_path)
    db = ("--db", str(journal_file))
    failing = tmp_path / "failing.sh"
    failing.write_text(f"#!/bin/sh\necho ran >> '{marker}'\nexit 3\n", encoding="utf-8")
    failing.chmod(0o700)

    added = run_moodlog_process(*db, "add", "--mood", "7", "--note", "early", env=commands)
    helped = run_moodlog_process(*db, "add", "--help", env=commands)

    assert added.returncode == 0, added.stderr
    assert marker.read_text(encoding="utf-8") == "ran\n"
    assert helped.returncode == 0
    assert marker.read_text(encoding="utf-8") == "ran\n"  # help runs no password manager
    marker.unlink()
    before = journal_file.read_bytes()
    refused = run_moodlog_process(
        *db, "add", "--mood", "7", env={"MOODLOG_PASSPHRASE_COMMAND": str(failing)}
    )
    assert refused.returncode == 1
    assert refused.stderr == (
        f"moodlog: MOODLOG_PASSPHRASE_COMMAND ({failing}) failed with exit status 3; "
        "no passphrase\n"
    )
    assert marker.read_text(encoding="utf-8") == "ran\n"
    assert journal_file.read_bytes() == before
    listed = run_moodlog_process(*db, "list", env=commands)
    assert "early" in listed.stdout


def test_a_note_on_standard_input_is_kept_whatever_the_passphrase_command_reads(
    journal_file: Path, tmp_path: Path
) -> None:
    """`--note -` reads standard input, which a passphrase command shares: moodlog reads the
    note before it runs the command, never beside it."""
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    script = tmp_path / "reads.sh"
    script.write_text(f"#!/bin/sh\nread -r line\ncat '{secret}'\n", encoding="utf-8")
    script.chmod(0o700)
    commands = {
        "MOODLOG_PASSPHRASE_COMMAND": str(script),
        "MOODLOG_NEW_PASSPHRASE_COMMAND": f"cat {secret}",
    }
    db = ("--db", str(journal_file))
    assert run_moodlog_process(*db, "add", "--mood", "6").returncode == 0
    assert run_moodlog_process(*db, "encrypt", "--yes", env=commands).returncode == 0
    for note in ("--note", "-"), ("--note=-",), ("-n", "-"), ("-n-",):
        added = run_moodlog_process(
            *db, "add", "--mood", "5", *note, input=f"piped {len(note)}{note[0]}\n", env=commands
        )
        assert added.returncode == 0, added.stderr
        listed = run_moodlog_process(*db, "list", env=commands)
        assert f"piped {len(note)}{note[0]}" in listed.stdout, note


def test_a_journal_path_that_cannot_be_worked_out_is_one_line_with_a_passphrase_command(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    added = run_moodlog_process(
        "--db",
        "~nosuchuser-of-moodlog/j.db",
        "add",
        "--mood",
        "5",
        env={"MOODLOG_PASSPHRASE_COMMAND": f"cat {secret}"},
    )
    assert added.returncode == 1
    assert "Traceback" not in added.stderr
    assert len(added.stderr.splitlines()) == 1, added.stderr


def test_a_new_passphrase_keeps_its_key_when_a_locked_keyring_kept_the_old_one(
    journal_file: Path, tmp_path: Path
) -> None:
    """The note says a key was kept: a keyring too locked to give the old one back still gets
    the new one, and the note stays."""
    old = tmp_path / "old.txt"
    old.write_text(PASSPHRASE + "\n", encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text("a new one\n", encoding="utf-8")
    db = ("--db", str(journal_file))
    note = journal_file.with_name(".moodlog.db.key-in-keyring")
    assert run_moodlog_process(*db, "add", "--mood", "6").returncode == 0
    kept = encrypt_remembering(journal_file, old)
    assert kept.returncode == 0, kept.stderr
    assert note.exists()
    locked = {**STUB_KEYRING, "PYTHON_KEYRING_BACKEND": "tests.keyring_stub.LockedKeyring"}
    changed = run_moodlog_process(
        *db,
        "passphrase",
        env={
            **locked,
            "MOODLOG_PASSPHRASE_COMMAND": f"cat {old}",
            "MOODLOG_NEW_PASSPHRASE_COMMAND": f"cat {new}",
        },
    )
    assert changed.returncode == 0, changed.stderr
    assert note.exists()
    from moodlog.storage.cipher import derive_key, salt_of

    stored = json.loads((Path(os.environ["HOME"]) / "test-keyring.json").read_text())
    expected = derive_key(b"a new one", salt_of(journal_file)).stored
    assert stored == {f"moodlog/{journal_file.resolve()}": expected}


def test_a_library_whose_pbkdf2_differs_from_the_standard_one_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SQLCipher's library derives the key only after it gave the standard library's answer
    for a probe: a key of its own would lock a journal other SQLCipher tools cannot open."""
    from moodlog.storage import cipher

    def another_answer(_: str, passphrase: bytes, salt: bytes, rounds: int, size: int) -> bytes:
        return bytes([rounds % 251]) * size

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", another_answer)
    cipher._sqlcipher_pbkdf2.cache_clear()
    try:
        key = cipher.derive_key(b"anything", bytes(16))
    finally:
        cipher._sqlcipher_pbkdf2.cache_clear()
    assert key.sql == f"\"x'{(bytes([256_000 % 251]) * 32).hex()}{bytes(16).hex()}'\""

"""Every test gets its own MOODLOG_HOME, so no test can touch a real journal."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from moodlog.cli import app

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def journal_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "moodlog-home"
    monkeypatch.setenv("MOODLOG_HOME", str(home))
    monkeypatch.delenv("MOODLOG_DB", raising=False)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    return home


@pytest.fixture
def journal_file(journal_home: Path) -> Path:
    return journal_home / "moodlog.db"


@pytest.fixture
def moodlog() -> Run:
    """Run a moodlog command in-process, as typed after `moodlog`."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return run


def run_moodlog_process(
    *args: str, input: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m moodlog` in a fresh interpreter (for what in-process runs cannot show:
    imports, exit codes of the real entry point, concurrency)."""
    return subprocess.run(
        [sys.executable, "-m", "moodlog", *args],
        input=input,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )

"""Every test gets its own HOME, XDG folders and MOODLOG_HOME, so no test can touch a real
journal; tests/hermetic.py does it and checks it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from moodlog.cli import app
from moodlog.domain.doses import DueRule
from tests.hermetic import (
    journal_home,
    pytest_configure,
    pytest_sessionfinish,
    pytest_unconfigure,
)

# The hermetic hooks and the per-test fixture, here so that pytest finds them.
__all__ = ["journal_home", "pytest_configure", "pytest_sessionfinish", "pytest_unconfigure"]

Run = Callable[..., Result]


@pytest.fixture
def journal_file(journal_home: Path) -> Path:
    return journal_home / "moodlog.db"


def due_by_end_of(today: date, first_day: date = date.min) -> DueRule:
    """Every dose from ``first_day`` (the journal's first day) through ``today`` due, today's
    too: the rule as it stands at the last minute of ``today`` (03:59 of the next morning, the
    day starting at 04:00)."""
    return DueRule(first_day=first_day, today=today, now=time(3, 59))


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime], None]:
    """Stop the one clock at a moment, for every action a command runs in-process."""
    from moodlog.actions import clock

    def stop_at(moment: datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda given=None: given or moment)

    return stop_at


@pytest.fixture
def noon_today(fixed_clock: Callable[[datetime], None]) -> None:
    """The journal's today is the calendar's: run between midnight and the hour the journal's
    day starts (04:00), a command would count the day before as today, and an export would end
    a day before the days a test counts from the calendar (:func:`days_ago`)."""
    fixed_clock(datetime.combine(date.today(), time(12, 0)).astimezone())


def days_ago(count: int) -> str:
    """The calendar's day ``count`` days before today, as moodlog writes it."""
    return (date.today() - timedelta(days=count)).isoformat()


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


# The long forms of the hardening tests (crash trials, concurrency, fuzzing) carry the `slow`
# marker and are skipped unless asked for: `pytest -m slow` runs only them, `pytest --slow` (or
# MOODLOG_SLOW=1) runs everything. Plain `pytest`, as CI runs it, runs the short forms.
SLOW_REASON = "long form: run with pytest -m slow, pytest --slow or MOODLOG_SLOW=1"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow", action="store_true", help="also run the long forms of the hardening tests"
    )


def _slow_wanted(config: pytest.Config) -> bool:
    chosen_by_marker = "slow" in str(config.getoption("markexpr") or "")
    asked = bool(config.getoption("--slow")) or os.environ.get("MOODLOG_SLOW") == "1"
    return chosen_by_marker or asked


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _slow_wanted(config):
        return
    skip = pytest.mark.skip(reason=SLOW_REASON)
    for item in items:
        if item.get_closest_marker("slow") is not None:
            item.add_marker(skip)


def short_and_slow(
    names: str, short: tuple[object, ...], slow: tuple[object, ...]
) -> pytest.MarkDecorator:
    """Parametrize a test with its short form (run by CI) and its long form (marked slow)."""
    return pytest.mark.parametrize(
        names,
        [pytest.param(*short, id="short"), pytest.param(*slow, id="slow", marks=pytest.mark.slow)],
    )

"""`--out` naming a folder: a path ending in a separator, or a folder that exists, gets the
command's usual file name inside it (the folder made 0700 when missing, the file 0600), for
`report` (its PDF, or every PNG page), `export`, `backup` and `demo`."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import Run


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def week(moodlog: Run, fixed_clock: Callable[[datetime], None]) -> Run:
    """Three entries of the week to 2026-11-20."""
    fixed_clock(datetime(2026, 11, 20, 14, 0).astimezone())
    for day in ("2026-11-16", "2026-11-18", "2026-11-20"):
        result = moodlog("add", "--mood", "6", "--sleep", "7", "--date", day)
        assert result.exit_code == 0, result.output
    return moodlog


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """An empty folder of the test's own (the journal's home is elsewhere in tmp_path)."""
    folder = tmp_path / "desk"
    folder.mkdir()
    return folder


def as_typed(folder: Path, existing: bool) -> str:
    """``folder`` as a person would type it: an existing one as it is, a new one ending in /."""
    if existing:
        folder.mkdir()
        return str(folder)
    return str(folder) + os.sep


@pytest.mark.parametrize("existing", [False, True], ids=["new-folder/", "existing-folder"])
def test_report_pdf_goes_inside_the_folder(week: Run, desk: Path, existing: bool) -> None:
    folder = desk / "reports"
    result = week("report", "--since", "2026-11-16", "--out", as_typed(folder, existing))

    assert result.exit_code == 0, result.output
    assert [path.name for path in folder.iterdir()] == ["moodlog-report-2026-11-16-2026-11-20.pdf"]
    assert [path.name for path in desk.iterdir()] == ["reports"]
    assert mode(folder / "moodlog-report-2026-11-16-2026-11-20.pdf") == 0o600
    if not existing:
        assert mode(folder) == 0o700


@pytest.mark.parametrize("existing", [False, True], ids=["new-folder/", "existing-folder"])
def test_report_png_pages_go_inside_the_folder(week: Run, desk: Path, existing: bool) -> None:
    folder = desk / "pngs"
    result = week("report", "-f", "png", "--since", "2026-11-16", "-o", as_typed(folder, existing))

    assert result.exit_code == 0, result.output
    pages = sorted(path.name for path in folder.iterdir())
    assert pages == [
        "moodlog-report-2026-11-16-2026-11-20-1.png",
        "moodlog-report-2026-11-16-2026-11-20-2.png",
    ]
    # Nothing beside the folder (it used to be pngs-1.png, pngs-2.png).
    assert [path.name for path in desk.iterdir()] == ["pngs"]
    assert all(mode(folder / page) == 0o600 for page in pages)


@pytest.mark.parametrize("existing", [False, True], ids=["new-folder/", "existing-folder"])
def test_export_is_named_by_its_table_and_days(week: Run, desk: Path, existing: bool) -> None:
    folder = desk / "exports"
    typed = as_typed(folder, existing)

    csv_export = week("export", "--table", "entries", "--out", typed)
    json_export = week("export", "--table", "daily", "--format", "json", "--out", typed)

    assert csv_export.exit_code == 0, csv_export.output
    assert json_export.exit_code == 0, json_export.output
    # From the journal's first day to today (the clock's 2026-11-20).
    assert sorted(path.name for path in folder.iterdir()) == [
        "moodlog-daily-2026-11-16-2026-11-20.json",
        "moodlog-entries-2026-11-16-2026-11-20.csv",
    ]
    assert mode(folder / "moodlog-entries-2026-11-16-2026-11-20.csv") == 0o600
    if not existing:
        assert mode(folder) == 0o700


def test_a_folder_named_like_a_format_does_not_choose_it(week: Run, desk: Path) -> None:
    result = week("export", "--table", "entries", "--out", str(desk / "old.json") + os.sep)

    assert result.exit_code == 0, result.output
    (written,) = (desk / "old.json").iterdir()
    assert written.name == "moodlog-entries-2026-11-16-2026-11-20.csv"


def test_export_with_a_period_is_named_by_it(week: Run, desk: Path) -> None:
    result = week("export", "--since", "2026-11-17", "--until", "2026-11-19", "--out", f"{desk}/x/")

    assert result.exit_code == 0, result.output
    assert (desk / "x" / "moodlog-daily-2026-11-17-2026-11-19.csv").is_file()


@pytest.mark.parametrize("existing", [False, True], ids=["new-folder/", "existing-folder"])
def test_backup_goes_inside_the_folder(week: Run, desk: Path, existing: bool) -> None:
    folder = desk / "copies"
    result = week("backup", "--out", as_typed(folder, existing))

    assert result.exit_code == 0, result.output
    (copy,) = folder.iterdir()
    assert copy.name.startswith("moodlog-backup-")
    assert copy.suffix == ".db"
    assert mode(copy) == 0o600
    assert [path.name for path in desk.iterdir()] == ["copies"]
    assert week("--db", str(copy), "list", "--since", "2026-11-16").output.count("2026-11-") >= 3


def test_a_second_backup_into_the_same_folder_gets_a_name_of_its_own(week: Run, desk: Path) -> None:
    folder = desk / "copies"
    assert week("backup", "--out", f"{folder}/").exit_code == 0
    again = week("backup", "--out", f"{folder}/")
    assert again.exit_code == 0, again.output
    first, second = sorted(folder.iterdir(), key=lambda copy: len(copy.name))
    assert first.name.startswith("moodlog-backup-")
    assert second.name.startswith(first.stem + "-")  # the same day, with the time
    assert mode(second) == 0o600


def test_a_separator_after_a_file_is_refused(week: Run, desk: Path) -> None:
    (desk / "notes.txt").write_text("mine\n")

    result = week("export", "--out", f"{desk}/notes.txt/")

    assert result.exit_code == 1
    assert "names a folder" in result.output
    assert (desk / "notes.txt").read_text() == "mine\n"


def test_demo_out_with_a_separator_is_the_folder(moodlog: Run, desk: Path) -> None:
    result = moodlog("demo", "--days", "20", "--out", f"{desk}/demo/")

    assert result.exit_code == 0, result.output
    assert (desk / "demo" / "moodlog.db").is_file()
    assert [path.name for path in desk.iterdir()] == ["demo"]

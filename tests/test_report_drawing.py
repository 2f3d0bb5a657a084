"""The report's drawing process (moodlog.actions.drawing): the same report as drawing in this
process, every failure brought back as one line, and no process left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from moodlog.actions import drawing
from moodlog.actions.drawing import Drawer, DrawingJob, ForkedDrawer
from tests.conftest import Run
from tests.report_data import full_inputs

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


def text_of(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@needs_fork
def test_drawing_process_writes_the_same_report_as_this_process(tmp_path: Path) -> None:
    inputs = full_inputs()
    here = Drawer().draw(DrawingJob(inputs, tmp_path / "here.pdf", "pdf"))
    forked = ForkedDrawer()
    there = forked.draw(DrawingJob(inputs, tmp_path / "there.pdf", "pdf"))
    assert there.paths == [tmp_path / "there.pdf"]
    assert there.days_logged == here.days_logged == 26  # full_inputs leaves 4 days out
    assert text_of(tmp_path / "there.pdf") == text_of(tmp_path / "here.pdf")
    assert gone(forked._pid)


@needs_fork
def test_a_drawing_process_never_given_its_job_is_stopped(tmp_path: Path) -> None:
    forked = ForkedDrawer()
    forked.close()
    assert gone(forked._pid)
    assert list(tmp_path.iterdir()) == []


def add_a_day(moodlog: Run) -> None:
    assert moodlog("add", "--mood", "5", "--note", "a good day", "--share").exit_code == 0


@needs_fork
def test_an_unexpected_error_while_drawing_is_one_line(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_a_day(moodlog)
    from moodlog.render import report

    def broken(*_: object) -> None:
        raise ValueError("the pages could not be laid out")

    monkeypatch.setattr(report, "render_report", broken)
    result = moodlog("report", "--out", str(tmp_path / "r.pdf"))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "moodlog: unexpected error (ValueError: the pages could not be laid out)"
    )
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "r.pdf").exists()


@needs_fork
def test_a_drawing_process_that_dies_is_named_and_nothing_is_written(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_a_day(moodlog)

    def dies(_: DrawingJob) -> None:
        os._exit(3)

    monkeypatch.setattr(drawing, "draw", dies)
    result = moodlog("report", "--out", str(tmp_path / "r.pdf"))
    assert result.exit_code == 1
    assert result.stderr == (
        "moodlog: the report could not be drawn: its drawing process ended (exit status 3); "
        "no report was written\n"
    )
    assert not (tmp_path / "r.pdf").exists()


def test_without_a_second_process_the_report_is_drawn_here(
    moodlog: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_a_day(moodlog)
    monkeypatch.setattr(drawing, "_can_fork", lambda: False)

    def no_fork() -> int:
        raise AssertionError("forked although it should not")

    monkeypatch.setattr(os, "fork", no_fork)
    result = moodlog("report", "--out", str(tmp_path / "r.pdf"))
    assert result.exit_code == 0, result.stderr
    assert "a good day" in " ".join(text_of(tmp_path / "r.pdf"))


@needs_fork
def test_a_report_refused_before_drawing_leaves_no_process_behind(
    moodlog: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[ForkedDrawer] = []
    start = ForkedDrawer.__init__

    def remembered(self: ForkedDrawer) -> None:
        start(self)
        started.append(self)

    monkeypatch.setattr(ForkedDrawer, "__init__", remembered)
    assert moodlog("config", "set", "paper", "a4").exit_code == 0  # a journal, no records
    result = moodlog("report", "--last", "30d")  # an empty journal: nothing to report
    assert result.exit_code == 1
    assert "nothing recorded" in result.stderr
    assert len(started) == 1
    assert gone(started[0]._pid)

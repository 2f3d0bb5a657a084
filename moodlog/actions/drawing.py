"""Drawing the report's pages, in a second process where the machine allows it.

Most of a report's time goes to loading pandas and matplotlib and to drawing; reading the
journal needs neither. So `moodlog report` starts a drawing process first: while it loads the
drawing libraries, this process reads the journal (in one transaction, as always) and then
hands it the records; it analyses them, draws and writes the file, and answers with what it
wrote or the error it met. On two or more cores the reading is hidden behind the loading;
handing the records over costs about a tenth of a second for ten years of them.

The drawing process never touches the journal: it only receives records and writes the report
file. Where there is no ``fork`` (Windows) or only one core, the same work runs in this process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from moodlog.errors import MoodlogError

if TYPE_CHECKING:
    from moodlog.analysis.report import ReportInputs
    from moodlog.render.report import ReportFormat


@dataclass(frozen=True)
class DrawingJob:
    """What to draw and where to write it."""

    inputs: ReportInputs
    path: Path
    format: ReportFormat
    paper: str = "a4"  # or letter
    journal: Path | None = None  # the journal the records came from: never written over


@dataclass(frozen=True)
class Drawn:
    """What was written: the days logged (for the command's summary) and the files."""

    days_logged: int
    paths: list[Path]


def draw(job: DrawingJob) -> Drawn:
    """Analyse the records, draw the pages and write them: the work itself, in whichever
    process runs it."""
    from moodlog.analysis.report import analyse
    from moodlog.render.report import render_report, save_report
    from moodlog.render.report.style import PAPERS

    report = analyse(job.inputs)
    pages = render_report(report, PAPERS[job.paper])
    return Drawn(report.header.days_logged, save_report(pages, job.path, job.format, job.journal))


class Drawer:
    """Draws reports in this process."""

    def draw(self, job: DrawingJob) -> Drawn:
        return draw(job)


class ForkedDrawer(Drawer):
    """A drawing process, started at once; :meth:`draw` hands it its one job and waits."""

    def __init__(self) -> None:
        job_read, self._job_write = os.pipe()
        self._answer_read, answer_write = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the drawing process; it leaves only through os._exit
            try:
                os.close(self._job_write)
                os.close(self._answer_read)
                _serve(job_read, answer_write)
            finally:
                os._exit(0)
        os.close(job_read)
        os.close(answer_write)
        self._open = {self._job_write, self._answer_read}  # this process's ends, until taken
        self._done = False

    def draw(self, job: DrawingJob) -> Drawn:
        payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            with self._take(self._job_write, "wb") as sending:
                sending.write(payload)
        except BrokenPipeError:
            pass  # it is gone; its answer (or its absence) says why
        with self._take(self._answer_read, "rb") as receiving:
            answer = receiving.read()
        _, status = os.waitpid(self._pid, 0)
        self._done = True
        if not answer:
            raise MoodlogError(
                f"the report could not be drawn: its drawing process ended "
                f"({_how_it_ended(status)}); no report was written"
            )
        kind, value = pickle.loads(answer)
        if kind == "error":
            raise value
        assert isinstance(value, Drawn)
        return value

    def _take(self, descriptor: int, mode: str) -> BinaryIO:
        """A file over one end of a pipe, which closes it; :meth:`close` will not close the
        number again (it may by then belong to another file)."""
        self._open.discard(descriptor)
        return cast(BinaryIO, os.fdopen(descriptor, mode))

    def close(self) -> None:
        """Stop the drawing process if it was never given its job or did not answer (an
        error, or Ctrl-C, came first)."""
        for descriptor in self._open:
            with contextlib.suppress(OSError):
                os.close(descriptor)
        self._open.clear()
        if self._done:
            return
        self._done = True
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)


def _how_it_ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def _serve(job_read: int, answer_write: int) -> None:
    """The drawing process: load the libraries, take the job, answer with the result or the
    error it met (with its traceback as a note, for MOODLOG_DEBUG)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the command reports it, not this
    answer: tuple[str, object]
    try:
        # What draw() needs, loaded while the command reads: the work starts when records arrive.
        from moodlog.render.report import load_drawing

        load_drawing()
        with os.fdopen(job_read, "rb") as receiving:
            payload = receiving.read()
        if not payload:
            return  # no job: the command stopped before asking for a report
        answer = ("ok", draw(pickle.loads(payload)))
    except MoodlogError as error:
        answer = ("error", error)
    except Exception as error:  # every failure is reported to the command
        error.add_note("".join(traceback.format_exception(error)))
        answer = ("error", error)
    try:
        encoded = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an error that cannot be sent is named instead
        failed = answer[1]
        encoded = pickle.dumps(("error", RuntimeError(f"{type(failed).__name__}: {failed}")))
    with contextlib.suppress(BrokenPipeError), os.fdopen(answer_write, "wb") as sending:
        sending.write(encoded)


def _can_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2


@contextlib.contextmanager
def drawer() -> Iterator[Drawer]:
    """A drawer for one report: a drawing process started now where the machine allows it,
    else drawing in this process. Leaving the block stops a process that was never used."""
    if not _can_fork():
        yield Drawer()
        return
    forked = ForkedDrawer()
    try:
        yield forked
    finally:
        forked.close()

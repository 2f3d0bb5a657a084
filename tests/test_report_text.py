"""Any text reaches the report: every script, emoji, right-to-left notes with their dates at the
left, a character only another font on the machine has drawn in that font; a long note is cut
with a mark and costs no more than a short one; a typed note has a length limit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from moodlog.domain.report import isolate
from moodlog.render.report import save_report
from moodlog.render.report import text as report_text
from moodlog.render.report.layout import Block, Column, Page, block_lines, flow
from moodlog.render.report.text import CONTINUES, SHOWN_LENGTH, cut, wrap
from tests.conftest import run_moodlog_process
from tests.test_report_fonts import fonts

HEBREW = "היום הרגשתי טוב יותר"
ARABIC = "اليوم شعرت بتحسن كبير"
NOTES = ["今天感觉好多了，睡了八个小时", "今日は疲れた。薬を飲んだ", HEBREW, ARABIC, "🎂 party 💊"]


def _journal(tmp_path: Path) -> dict[str, str]:
    env = {"MOODLOG_HOME": str(tmp_path / "home"), "MPLBACKEND": "Agg"}
    commands = [
        ("med", "add", "氯硝西泮", "--schedule", "morning=1mg", "--start", "2026-03-01"),
        ("ask", "Why 疲れ?"),
        ("ask", "למה אני עייף"),
        ("ask", "لماذا أنا متعب"),
        ("ask", "💊 twice?"),
    ]
    for day, note in enumerate(NOTES, 2):
        commands.append(
            ("add", "--date", f"2026-03-0{day}", "--mood", "5", "--note", note, "--share")
        )
    commands.append(("add", "--date", "2026-03-03", "--took", "氯硝西泮"))
    for command in commands:
        done = run_moodlog_process(*command, env=env)
        assert done.returncode == 0, done.stderr
    return env


def _report(env: dict[str, str], out: Path, fmt: str) -> None:
    period = ("--since", "2026-03-01", "--until", "2026-03-07")
    done = run_moodlog_process("report", *period, "--format", fmt, "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr


def _without_marks(text: str) -> str:
    """Text read back, without the direction marks a reader adds and with single spaces."""
    kept = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(kept.split())


def test_a_report_in_many_scripts_writes_in_both_formats(tmp_path: Path) -> None:
    env = _journal(tmp_path)
    _report(env, tmp_path / "r.pdf", "pdf")
    _report(env, tmp_path / "r.png", "png")
    assert len(PdfReader(tmp_path / "r.pdf").pages) >= 1
    assert sorted(path.name for path in tmp_path.glob("r-*.png"))[0] == "r-1.png"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    read = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Right-to-left notes read back in the order they were written, not reversed.
    assert HEBREW in _without_marks(read)
    assert ARABIC in _without_marks(read)
    assert HEBREW[::-1] not in _without_marks(read)


def _words_left_to_right(pdf: Path) -> list[list[tuple[float, str]]]:
    """Each line's words with where they start, read back from ``pdf`` by poppler."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    lines: dict[int, list[tuple[float, str]]] = {}
    for x, y, word in found:  # the test's lines are 36 pt apart; a glyph's top varies by font
        lines.setdefault(round(float(y) / 18), []).append((float(x), word))
    return [sorted(words) for _, words in sorted(lines.items())]


def _as_read(words: list[tuple[float, str]]) -> list[str]:
    """Words as a reader reads them: poppler gives each word's letters in the order drawn,
    left to right, so a right-to-left word is turned back."""
    right_to_left = ("R", "AL")
    return [
        word[::-1] if unicodedata.bidirectional(word[0]) in right_to_left else word
        for _, word in words
    ]


def test_a_right_to_left_note_keeps_its_date_at_the_left_and_a_name_its_dose_after(
    tmp_path: Path,
) -> None:
    page = Page()
    page.text(1.0, 1.0, f"2 Nov  {isolate(HEBREW)}")
    page.text(1.0, 1.5, f"{isolate('سيرترالين')} 50→100 mg")
    page.text(1.0, 2.0, f"3 Nov  {isolate('Mixed: שלום and مرحبا')} end")
    save_report([page.figure], tmp_path / "r.pdf", "pdf")
    note, change, mixed = _words_left_to_right(tmp_path / "r.pdf")
    # The date first, at the left; the note's words after it, the first written rightmost.
    assert _as_read(note) == ["2", "Nov", *HEBREW.split()[::-1]]
    # The name first, then its dose in the order written (not "mg 100→50 name").
    assert "".join(_as_read(change)) == "سيرترالين50→100mg"
    assert _as_read(change)[0] == "سيرترالين"
    # A note in a left-to-right script with a few Hebrew and Arabic words keeps its order,
    # and a space between each word (no invisible mark drawn in its place).
    assert _as_read(mixed) == ["3", "Nov", "Mixed:", "שלום", "and", "مرحبا", "end"]


def _only_in_stix() -> str:
    """A character matplotlib's STIX font has and DejaVu Sans lacks."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    dejavu = FT2Font(font_manager.findfont("DejaVu Sans"))
    stix = FT2Font(os.path.join(matplotlib.get_data_path(), "fonts", "ttf", "STIXGeneral.ttf"))
    line = 0x214A  # ⅊, property line: in no DejaVu font
    assert dejavu.get_char_index(line) == 0
    assert stix.get_char_index(line) != 0
    return chr(line)


def test_a_character_dejavu_lacks_is_drawn_in_a_font_that_has_it(tmp_path: Path) -> None:
    arc = _only_in_stix()
    assert report_text.fallback_family(arc, False) == "STIXGeneral"
    assert report_text.clean(f"an {arc} arc") == f"an {arc} arc"  # not the stand-in box
    page = Page()
    lines = block_lines(Block("Shared notes", [f"2026-03-02  an {arc} arc"]), 3.4)
    assert flow(page, lines, [Column(0.6, 3.4)], 1.0, 10.0) == []
    save_report([page.figure], tmp_path / "r.pdf", "pdf")
    assert any("STIXGeneral" in name for name in fonts(tmp_path / "r.pdf"))


def test_a_character_no_font_has_is_a_visible_box() -> None:
    unassigned = "\U0010fffd"  # a private-use character no font here has
    assert report_text.clean(f"a{unassigned}b") == f"a{report_text.STAND_IN}b"


def test_a_long_note_is_cut_with_a_mark_that_the_rest_is_in_the_journal() -> None:
    words = "word " * 1000
    shown = cut(words)
    assert shown.endswith(CONTINUES)
    assert len(shown) <= SHOWN_LENGTH + len(CONTINUES) + 1
    assert shown.startswith("word word")
    assert " wor " not in shown  # ended at a space, not inside a word
    assert cut("short note") == "short note"
    # 200,000 characters without spaces: cut before anything looks at each character
    assert len(cut("x" * 200_000)) == SHOWN_LENGTH + 1 + len(CONTINUES)


def test_wrapping_measures_each_character_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    measured = 0
    advance = report_text._advance

    def counting(character: str, bold: bool) -> float:
        nonlocal measured
        measured += 1
        return advance(character, bold)

    monkeypatch.setattr(report_text, "_advance", counting)
    for text in ("x" * 20_000, "word " * 4_000, "long-hyphenated-" * 1_250):
        measured = 0
        lines = wrap(text, 3.4, 8.5)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        # Each character at most twice (a word, then the pieces of one wider than a line),
        # however long the text: no candidate line is measured again.
        assert measured <= 2 * len(text) + 2


def _draw_note(text: str, tmp_path: Path, fmt: str) -> None:
    """A shared note drawn as page 1's list draws one: cut, isolated, wrapped, placed, saved."""
    page = Page()
    block = Block("Shared notes", [f"2026-03-02  {isolate(cut(text))}"], hanging=0.7)
    lines = block_lines(block, 3.4)
    flow(page, lines, [Column(0.6, 3.4), Column(4.3, 3.4)], 1.0, 11.0)
    save_report([page.figure], tmp_path / f"r.{fmt}", fmt)  # type: ignore[arg-type]


def _notes() -> st.SearchStrategy[str]:
    """Arbitrary Unicode from every plane (combining marks and controls included; lone
    surrogates are not text a journal can hold), 0-200,000 characters, with spaces or without:
    a random piece repeated to the length."""
    pieces = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)
    spaced = st.booleans()
    length = st.integers(0, 200_000)

    def note(piece: str, with_spaces: bool, size: int) -> str:
        if not with_spaces:
            piece = "".join(piece.split()) or "x"
        elif " " not in piece:
            piece += " "
        return (piece * (size // len(piece) + 1))[:size]

    return st.builds(note, pieces, spaced, length)


def _fuzz(examples: int, tmp_path: Path) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(text=_notes(), fmt=st.sampled_from(["pdf", "png"]))
    def draws(text: str, fmt: str) -> None:
        _draw_note(text, tmp_path, fmt)

    draws()


def test_notes_of_any_unicode_and_length_are_drawn(tmp_path: Path) -> None:
    _fuzz(6, tmp_path)


@pytest.mark.slow
def test_notes_of_any_unicode_and_length_are_drawn_long_form(tmp_path: Path) -> None:
    _fuzz(200, tmp_path)


def test_a_typed_note_over_100000_characters_is_refused(tmp_path: Path) -> None:
    env = {"MOODLOG_HOME": str(tmp_path / "home")}
    too_long = "x" * 100_001
    for args, given_input in (
        (("--note", too_long), None),
        (("--note", "-"), too_long + "\n"),
    ):
        done = run_moodlog_process("add", "--mood", "5", *args, input=given_input, env=env)
        assert done.returncode == 1
        assert done.stderr.strip().splitlines() == [
            "moodlog: the note is 100,001 characters; a typed note holds at most 100,000; "
            "nothing was saved"
        ]
    listed = run_moodlog_process("list", env=env)
    assert "x" * 20 not in listed.stdout
    done = run_moodlog_process("add", "--mood", "5", "--note", "-", input="y" * 100_000, env=env)
    assert done.returncode == 0, done.stderr
    edited = run_moodlog_process("edit", "1", "--note", too_long, env=env)
    assert edited.returncode == 1
    assert "100,001 characters" in edited.stderr


def test_a_word_longer_than_a_line_begins_beside_the_date_before_it() -> None:
    from moodlog.render.report.layout import wrap_hanging
    from moodlog.render.report.text import text_width

    lines = wrap_hanging("28 Nov  " + "x" * 300, 2.8, 0.6, 8.5)
    assert lines[0].startswith("28 Nov x")  # not the date alone on a line
    assert "".join(lines).replace("28 Nov ", "") == "x" * 300  # every letter, once
    assert text_width(lines[0], 8.5) <= 2.8
    assert all(text_width(line, 8.5) <= 2.8 - 0.6 for line in lines[1:])


@pytest.mark.parametrize(
    "text",
    [
        "ab " + "a-" * 3 + "x" * 200,  # a hyphen early, then a long run of letters
        "https://example.org/a-very-long-path-with-hyphens-" + "y" * 80,
        "q" * 50 + "-" + "z" * 300,
    ],
)
def test_a_long_word_with_hyphens_wraps_inside_its_indented_column(text: str) -> None:
    from moodlog.render.report.layout import wrap_hanging
    from moodlog.render.report.text import text_width

    lines = wrap_hanging(text, 3.0, 1.0, 8.5)
    assert text_width(lines[0], 8.5) <= 3.0
    assert all(text_width(line, 8.5) <= 2.0 for line in lines[1:])
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_isolate_marks_a_person_pasted_do_not_split_their_note() -> None:
    from moodlog.render.report.text import segments

    # Text copied from a messaging app can carry the marks moodlog uses to draw pieces apart.
    assert segments(isolate("אבג\u2069 דהו")) == ["אבג דהו"]
    pasted = "plain \u2068words\u2069 here"
    assert segments(f"2 Nov  {isolate(pasted)}") == ["2 Nov  plain words here"]

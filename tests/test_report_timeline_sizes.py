"""Page 1's timeline sizes its panels from the heights it draws them at: where it says it
ended is where its ink ends, and given a foot to end above, its panels shrink to end there,
never below it, whether it has one medicine, several or none, a life chart, tags or therapy."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

import pytest

from moodlog.analysis.report import analyse
from moodlog.analysis.report.timeline import Timeline
from tests.report_data import full_inputs
from tests.test_report_paper import DPI, pixels

if TYPE_CHECKING:
    from moodlog.render.report.layout import Page

TOP = 1.0  # where the tests start the timeline, inches from the page's top


def timeline_with(
    medicines: int, life_chart: bool, tags: int, therapy: bool, days: int = 30
) -> Timeline:
    """The scripted journal's timeline with ``medicines`` adherence rows (its one medicine's
    strip repeated under other names), and with more than one its row of as-needed doses too;
    ``tags`` tags; its life chart and therapy kept or taken off."""
    timeline = analyse(full_inputs(bipolar=life_chart, days=days)).timeline
    strip = timeline.adherence[0]
    tagged_days = next(iter(timeline.tags.values()))
    return replace(
        timeline,
        adherence=tuple(replace(strip, medicine=f"medicine {n}") for n in range(medicines)),
        prn=timeline.prn if medicines > 1 else (),
        tags={f"tag {n}": tagged_days for n in range(tags)},
        skills=timeline.skills if therapy else None,
        sessions=timeline.sessions if therapy else (),
    )


def drawn(timeline: Timeline, bottom: float | None = None) -> tuple[Page, float]:
    """A page with only ``timeline`` on it, from :data:`TOP`; and where it said it ended."""
    from moodlog.render.report.layout import Page
    from moodlog.render.report.style import report_style
    from moodlog.render.report.timeline import draw_timeline

    with report_style():
        page = Page()
        end = draw_timeline(page, timeline, TOP, 0.6, page.content_width, bottom=bottom)
    return page, end


def lowest_ink(page: Page) -> float:
    """How far below the page's top its lowest ink is, inches."""
    import numpy as np

    rows = np.flatnonzero(pixels(page.figure).any(axis=1))
    return float(rows[-1] + 1) / DPI


def panel_height(page: Page, label: str) -> float:
    (ax,) = [ax for ax in page.figure.axes if ax.get_label() == label]
    return float(ax.get_position().height) * page.height


KINDS = [
    pytest.param(1, False, 0, True, id="one medicine"),
    pytest.param(1, True, 0, False, id="one medicine, life chart, no therapy"),
    pytest.param(6, False, 3, True, id="six medicines, tags"),
    pytest.param(4, True, 5, True, id="four medicines, life chart, tags"),
    pytest.param(0, False, 2, False, id="no medicines, no therapy, tags"),
    pytest.param(0, True, 0, True, id="no medicines, life chart"),
]


@pytest.mark.parametrize(("medicines", "life_chart", "tags", "therapy"), KINDS)
def test_the_timeline_ends_where_its_ink_ends(
    medicines: int, life_chart: bool, tags: int, therapy: bool
) -> None:
    page, end = drawn(timeline_with(medicines, life_chart, tags, therapy))
    ink = lowest_ink(page)
    # Nothing below where it says it ended (a pixel's rounding aside), and less room under its
    # ink than a line of its key takes (0.16 in): no line of room left empty.
    assert ink <= end + 1 / DPI
    assert end - ink < 0.16


@pytest.mark.parametrize(("medicines", "life_chart", "tags", "therapy"), KINDS)
def test_panels_shrink_to_end_at_the_foot_they_are_given(
    medicines: int, life_chart: bool, tags: int, therapy: bool
) -> None:
    timeline = timeline_with(medicines, life_chart, tags, therapy)
    _, full_end = drawn(timeline)
    foot = full_end - 0.5  # half an inch less than the panels take in full
    page, end = drawn(timeline, bottom=foot)
    assert end == pytest.approx(foot, abs=1e-6)  # all the room used, and no more
    assert lowest_ink(page) <= foot + 1 / DPI
    assert panel_height(page, "mood") < 1.85  # shorter than in full (1.85 in)


def test_one_medicine_is_a_strip_a_line_tall_however_short_the_room() -> None:
    timeline = timeline_with(1, True, 0, False)
    _, full_end = drawn(timeline)
    for foot in (full_end, full_end - 0.5, full_end - 1.5):
        page, end = drawn(timeline, bottom=foot)
        # Its row is 0.19 in and 0.08 in around it in full, but the strip is never under
        # 0.3 in: the sizing counts that too, so the timeline still ends at its foot.
        assert panel_height(page, "adherence") == pytest.approx(0.3)
        assert end <= foot + 1e-9


def test_given_too_little_room_the_panels_stop_at_their_least_heights() -> None:
    timeline = timeline_with(3, True, 0, True)
    _, full_end = drawn(timeline)
    page, end = drawn(timeline, bottom=TOP + 1.0)
    # Each panel at the least at which its name and key still fit beside it.
    assert panel_height(page, "mood") == pytest.approx(0.62)
    assert panel_height(page, "sleep") == pytest.approx(0.29)
    assert panel_height(page, "adherence") == pytest.approx(4 * 0.085 + 0.08)  # 3 and a PRN
    assert TOP + 1.0 < end < full_end
    assert lowest_ink(page) <= end + 1 / DPI


def test_a_few_days_are_ticked_with_english_weekdays() -> None:
    from moodlog.render.report.timeline import date_ticks

    # Named in English whatever the machine's locale (they were its names before).
    ticks = date_ticks(date(2026, 11, 30), date(2026, 12, 3))  # Monday to Thursday
    assert [tick.label for tick in ticks] == ["Mon 30", "Tue 1", "Wed 2", "Thu 3"]

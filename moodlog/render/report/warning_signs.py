"""Warning signs on the report (docs/warning-signs.md): on page 1, under the safety flags, the
signs that showed in the period with their dates, lengths and what the person noted they did;
and after page 1, the signs and their plans as agreed, for the provider to review with the
person.

Page 1's list is bounded (:data:`MAX_SIGN_LINES`) so it can never push the key figures and the
timeline off the page: when the signs need more, they are listed compactly (dates only), and
then as many as fit with a line saying how many more are on the plan page, which lists them
all with their latest episodes."""

from __future__ import annotations

from collections.abc import Sequence

from moodlog.domain.dates import day_text, span_text
from moodlog.domain.days import Period
from moodlog.domain.report import SignEpisode, SignOnReport, isolate, signs_shown
from moodlog.render.report.layout import Column, Line, Page, flow, wrap_hanging
from moodlog.render.report.style import (
    GREY,
    HEADING_SIZE,
    INK,
    MARGIN_X,
    PAGE_TITLE_GAP,
    REDDISH_PURPLE,
    SMALL_SIZE,
    TEXT_SIZE,
    TITLE_SIZE,
    Paper,
)
from moodlog.render.report.text import (
    SHOWN_LENGTH,
    cut,
    line_height,
    standard_font_shows,
    text_width,
    wrap,
)

MAX_SIGN_LINES = 5  # page 1's list of signs: lines under its heading, at most
PLAN_PAGE = "Warning signs and the plan agreed"
NOTE_ON_PAGE_ONE = 160  # characters of what the person did, on page 1 (all of it after)
HANGING = 0.2
# Episodes the plan page lists for each sign: over a long period a sign may show often, and
# the page is for agreeing the plan, not for every date (`moodlog warn test` lists them all).
PLAN_EPISODES = 8


def _days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")


def episode_text(episode: SignEpisode, period: Period, compact: bool = False) -> str:
    """``3 – 5 Nov (3 days)``, ``since 20 Nov (11 days so far)``; compact:
    ``3 – 5 Nov (3 d)``, ``20 Nov – (11 d)``. One that may have begun earlier still says so."""
    days = episode.days(period)
    more = "+" if episode.from_before else ""
    if episode.last is None:
        if compact:
            return f"{day_text(episode.first, period)} – ({days}{more} d)"
        return f"since {day_text(episode.first, period)} ({_days(days)}{more} so far)"
    span = span_text(episode.first, episode.last, period)
    return f"{span} ({days}{more} d)" if compact else f"{span} ({_days(days)}{more})"


def _did(note: str, length: int) -> str:
    return f" — did: {isolate(cut(' '.join(note.split()), length))}"


def sign_line(sign: SignOnReport, period: Period, compact: bool = False) -> str:
    """A sign that showed, in one paragraph: its name and each episode (with what the person
    did, unless compact)."""
    episodes = []
    for episode in sign.episodes:
        text = episode_text(episode, period, compact)
        if episode.note and not compact:
            text += _did(episode.note, NOTE_ON_PAGE_ONE)
        episodes.append(text)
    return f"{isolate(sign.name)}: " + ("; " if not compact else ", ").join(episodes)


def page_one_signs(
    page: Page, report_signs: Sequence[SignOnReport], top: float, period: Period, plan_page: int
) -> float:
    """The signs that showed, under the safety flags: whole when they fit in
    :data:`MAX_SIGN_LINES` lines, else compact, else as many as fit and how many more are on
    the plan page. Returns where the block ends (``top`` when no sign showed)."""
    shown = signs_shown(tuple(report_signs))
    if not shown:
        return top
    width = page.content_width - 0.14

    def wrapped(compact: bool) -> list[list[str]]:
        return [
            wrap_hanging(sign_line(s, period, compact), width, HANGING, TEXT_SIZE) for s in shown
        ]

    items = wrapped(compact=False)
    left_out = ""
    if sum(map(len, items)) > MAX_SIGN_LINES:
        items = wrapped(compact=True)
        left_out = f"What the person did, and each sign's rule and plan: page {plan_page}."
        if sum(map(len, items)) > MAX_SIGN_LINES:
            kept: list[list[str]] = []
            for item in items:
                if sum(map(len, kept)) + len(item) > MAX_SIGN_LINES - 1:
                    break
                kept.append(item)
            more = len(items) - len(kept)
            left_out = (
                f"And {more} more sign{'' if more == 1 else 's'} that showed, with their dates, "
                f"on page {plan_page}, with what the person did and each sign's rule and plan."
            )
            items = kept
    page.text(
        MARGIN_X,
        top,
        f"Warning signs that showed: {len(shown)}",
        HEADING_SIZE,
        bold=True,
    )
    agreed = f"the person's own early signs; their rules and plans on page {plan_page}"
    heading_width = _heading_width(len(shown))
    page.text(MARGIN_X + heading_width, top + 0.01, agreed, SMALL_SIZE + 0.5, color=GREY)
    y = top + line_height(HEADING_SIZE) + 0.02
    for item in items:
        for number, line in enumerate(item):
            if number == 0:
                page.marker(MARGIN_X + 0.05, y + 0.06, "s", color=REDDISH_PURPLE, size=4)
            page.text(MARGIN_X + 0.14 + (HANGING if number else 0.0), y, line)
            y += line_height(TEXT_SIZE)
    if left_out:
        page.text(MARGIN_X, y, left_out, SMALL_SIZE + 0.5, color=GREY)
        y += line_height(SMALL_SIZE + 0.5)
    return y + 0.06


def _heading_width(count: int) -> float:
    return text_width(f"Warning signs that showed: {count}", HEADING_SIZE, bold=True) + 0.12


# --- the plan page ----------------------------------------------------------------------------


def _paragraph(
    text: str, width: float, indent: float, size: float = TEXT_SIZE, color: str = INK
) -> list[Line]:
    """A paragraph wrapped to ``width`` from ``indent``, in one typeface throughout."""
    embedded = not standard_font_shows(text)
    lines = wrap(text, width - indent, size) or [""]
    return [
        Line(part, size, indent=indent, color=color, embedded=embedded, space_before=0.0)
        for part in lines
    ]


def listed_episodes(episodes: Sequence[SignEpisode]) -> list[SignEpisode]:
    """The episodes the plan page lists for a sign, in date order: the latest
    :data:`PLAN_EPISODES`, and every one the person noted what they did about."""
    latest = set(range(max(0, len(episodes) - PLAN_EPISODES), len(episodes)))
    return [e for n, e in enumerate(episodes) if n in latest or e.note]


def sign_plan_lines(sign: SignOnReport, period: Period, width: float) -> list[Line]:
    """One sign as agreed: its name, the preset it began from, its rule as written, when it
    showed in the period (with what the person did), and its plan, every line of it."""
    name = Line(isolate(sign.name), HEADING_SIZE + 0.5, True, space_before=0.2, keep_with_next=True)
    lines = [name]
    if sign.preset is not None:
        lines += _paragraph(
            f"From the preset {sign.preset}: a starting point to agree with your provider, "
            "not treatment.",
            width,
            0.0,
            SMALL_SIZE + 0.5,
            GREY,
        )
    lines += _paragraph(f"Rule: {sign.rule}", width, 0.0)
    if sign.episodes:
        listed = listed_episodes(sign.episodes)
        earlier = len(sign.episodes) - len(listed)
        if earlier:
            days = sum(episode.days(period) for episode in sign.episodes)
            lines += _paragraph(
                f"Showed {len(sign.episodes)} times in this period, {_days(days)} in all. "
                f"The latest, and any with what the person did:",
                width,
                0.0,
            )
        else:
            lines += _paragraph("Showed in this period:", width, 0.0)
        for episode in listed:
            text = f"• {episode_text(episode, period)}"
            if episode.note:
                text += _did(episode.note, SHOWN_LENGTH)
            lines += _paragraph(text, width, 0.15)
        if earlier:
            first = sign.episodes[0].first
            lines += _paragraph(
                f"• and {earlier} more from {day_text(first, period)}: "
                f"moodlog warn test lists every one.",
                width,
                0.15,
                color=GREY,
            )
    else:
        lines += _paragraph("Did not show in this period.", width, 0.0, color=GREY)
    if sign.plan is None:
        lines += _paragraph("No plan written yet.", width, 0.0, color=GREY)
        return lines
    lines.append(Line("Plan:", TEXT_SIZE, True, space_before=0.04, keep_with_next=False))
    for paragraph in sign.plan.splitlines():
        # Every line of the plan, wrapped, never cut: the plan is what is being agreed.
        if paragraph.strip():
            lines += _paragraph(isolate(paragraph.rstrip()), width, 0.15)
        else:
            lines.append(Line("", TEXT_SIZE))
    return lines


def plan_pages(signs: Sequence[SignOnReport], period: Period, paper: Paper) -> list[Page]:
    """The signs and their plans as agreed, flowed over as many pages as they need (a sign
    going on to the next page is headed there by its name, "(continued)"); none without
    signs."""
    if not signs:
        return []
    from moodlog.render.report.page_one import carry_heading

    pages: list[Page] = []

    def new_page() -> tuple[Page, float]:
        page = Page(paper)
        pages.append(page)
        page.text(MARGIN_X, page.content_top, PLAN_PAGE, TITLE_SIZE - 2, bold=True)
        return page, page.content_top + line_height(TITLE_SIZE - 2) + PAGE_TITLE_GAP

    page, top = new_page()
    width = page.content_width
    lines: list[Line] = _paragraph(
        "Each sign is a rule over the journal that the person wrote, with the plan for when it "
        "shows. moodlog checks the rules on the person's own computer and tells no one. Review "
        "and revise them together: moodlog warn list, then moodlog warn edit ID --when RULE "
        "--plan TEXT.",
        width,
        0.0,
        SMALL_SIZE + 0.5,
        GREY,
    )
    for sign in signs:
        lines += sign_plan_lines(sign, period, width)
    while lines:
        placed = lines
        lines = flow(page, lines, [Column(MARGIN_X, width)], top, page.content_bottom)
        if len(lines) == len(placed) and top > page.content_top + 1:
            break  # nothing placed on a fresh page: cannot happen, but never loop
        lines = carry_heading(placed[: len(placed) - len(lines)], lines)
        if lines:
            page, top = new_page()
    return pages

"""Therapy: the skills catalogue (CBT, DBT by module, the person's own), skill use with the DBT
diary-card score, and therapy sessions attended.

Skill names match by the rule in domain/names.py: case, spaces and hyphens do not matter (nor
does any other character that is not a letter or digit, so ``relaxation breathing`` finds
*Relaxation/breathing*); an exact name wins, else a unique prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from moodlog.domain.entries import TypedSkillUse, small_whole_number
from moodlog.domain.names import match_name, matching, name_key
from moodlog.errors import InvalidValue

CATEGORIES = ("cbt", "dbt", "own")
DBT_MODULES = (
    "mindfulness",
    "distress tolerance",
    "emotion regulation",
    "interpersonal effectiveness",
)

SCORE_LOW, SCORE_HIGH = 0, 7
# The DBT diary card's skills scale (Linehan): how much a skill was thought about, tried, used.
DIARY_CARD_SCORES = (
    "not thought about or used",
    "thought about, not used, didn't want to",
    "thought about, not used, wanted to",
    "tried but couldn't use them",
    "tried, could do them, but they didn't help",
    "tried, could use them, helped",
    "didn't try, used them, didn't help",
    "didn't try, used them, helped",
)
SCORE_ALLOWED = (
    f"a whole number from {SCORE_LOW} ({DIARY_CARD_SCORES[0]}) "
    f"to {SCORE_HIGH} ({DIARY_CARD_SCORES[-1]})"
)

MAX_SKILL_NAME = 60
MAX_DESCRIPTION = 200
MAX_SESSION_NOTE = 10_000
DEFAULT_SESSION_KIND = "therapy"

# How alike (0-1, difflib's ratio) a typed name must be to a catalogue name to be suggested.
_ALIKE = 0.75
_SKILL_NAME_RE = re.compile(r"^[^;=,\x00-\x1f\x7f]+$")


@dataclass(frozen=True)
class Skill:
    """A skill of the catalogue: built in, or the person's own."""

    name: str
    category: str  # cbt, dbt or own
    module: str | None  # a DBT module, or None
    description: str
    built_in: bool = True

    @property
    def group(self) -> str:
        """The heading the skill is listed under."""
        if self.category == "cbt":
            return "CBT"
        if self.category == "dbt":
            return f"DBT · {self.module or 'other skills'}"
        return "Your own skills"


def _cbt(name: str, description: str) -> Skill:
    return Skill(name, "cbt", None, description)


def _dbt(module: str, name: str, description: str) -> Skill:
    return Skill(name, "dbt", module, description)


_MINDFULNESS, _DISTRESS, _EMOTION, _INTERPERSONAL = DBT_MODULES

BUILT_IN_SKILLS: tuple[Skill, ...] = (
    _cbt("Thought record", "Write down situation, thought, feeling, facts"),
    _cbt("Cognitive restructuring", "Question a thought; find a balanced one"),
    _cbt("Behavioural activation", "Do an activity for pleasure or mastery"),
    _cbt("Exposure", "Face a feared thing step by step"),
    _cbt("Problem solving", "Define it, list options, try one, review"),
    _cbt("Relaxation/breathing", "Slow breathing or muscle relaxation"),
    _cbt("Worry time", "Save worries for a set time of day"),
    _dbt(_MINDFULNESS, "Wise mind", "Balance emotion mind and reasonable mind"),
    _dbt(_MINDFULNESS, "Observe", "Notice what you sense, without words"),
    _dbt(_MINDFULNESS, "Describe", "Put words to what you observe: just facts"),
    _dbt(_MINDFULNESS, "Participate", "Throw yourself fully into the moment"),
    _dbt(_MINDFULNESS, "Nonjudgmental stance", "See facts without calling them good or bad"),
    _dbt(_MINDFULNESS, "One-mindfully", "One thing at a time, with full attention"),
    _dbt(_MINDFULNESS, "Effectively", "Do what works toward your goal"),
    _dbt(_DISTRESS, "STOP", "Stop, Take a step back, Observe, Proceed"),
    _dbt(_DISTRESS, "Pros and cons", "Weigh acting on an urge against resisting"),
    _dbt(_DISTRESS, "TIPP", "Cold water, exercise, paced breathing, relax"),
    _dbt(_DISTRESS, "Wise mind ACCEPTS", "Distract: activities, contributing, others…"),
    _dbt(_DISTRESS, "Self-soothe", "Comfort yourself through the five senses"),
    _dbt(_DISTRESS, "IMPROVE the moment", "Imagery, meaning, prayer, relaxation…"),
    _dbt(_DISTRESS, "Radical acceptance", "Accept fully what you cannot change now"),
    _dbt(_DISTRESS, "Turning the mind", "Choose acceptance again and again"),
    _dbt(_DISTRESS, "Willingness", "Do what the situation needs, not willfulness"),
    _dbt(_DISTRESS, "Half-smile and willing hands", "Soften face and hands toward acceptance"),
    _dbt(_EMOTION, "Check the facts", "Check if the emotion fits the facts"),
    _dbt(_EMOTION, "Opposite action", "Act opposite to an urge that doesn't fit"),
    _dbt(_EMOTION, "Accumulate positive emotions", "Do pleasant things; build a life worth living"),
    _dbt(_EMOTION, "Build mastery", "Do something a little hard each day"),
    _dbt(_EMOTION, "Cope ahead", "Rehearse coping with a hard situation"),
    _dbt(_EMOTION, "PLEASE", "Illness, eating, substances, sleep, exercise"),
    _dbt(_EMOTION, "Mindfulness of current emotions", "Let an emotion come and go like a wave"),
    _dbt(_INTERPERSONAL, "DEAR MAN", "Ask for what you want, or say no, skilfully"),
    _dbt(_INTERPERSONAL, "GIVE", "Keep the relationship: gentle, interested…"),
    _dbt(_INTERPERSONAL, "FAST", "Keep self-respect: fair, truthful, firm"),
    _dbt(_INTERPERSONAL, "Validation", "Show someone their feelings make sense"),
)


# The order skills are listed in: CBT, the DBT modules in their teaching order, then the
# person's own.
GROUP_ORDER = (
    "CBT",
    *(f"DBT · {module}" for module in DBT_MODULES),
    "DBT · other skills",
    "Your own skills",
)


def skill_key(text: str) -> str:
    """What skill names are compared on: lower case, letters and digits only."""
    return name_key(text, loose=True)


class SkillCategory(NamedTuple):
    """Where a skill of one's own is listed: its category, and its DBT module if it has one."""

    category: str  # cbt, dbt or own
    module: str | None


OWN = SkillCategory("own", None)


def check_category(text: str, label: str = "category") -> SkillCategory:
    """Read a category for a skill of one's own: ``cbt``, ``dbt``, ``own``, or a DBT module
    (which means ``dbt`` in that module)."""
    allowed = ", ".join((*CATEGORIES, *(module.replace(" ", "-") for module in DBT_MODULES)))
    category = match_name(
        text,
        (*CATEGORIES, *DBT_MODULES),
        label,
        loose=True,
        unknown=f"is not a category; allowed: {allowed}",
    )
    return (
        SkillCategory(category, None) if category in CATEGORIES else SkillCategory("dbt", category)
    )


def read_list_category(text: str, label: str = "category") -> str:
    """A category the catalogue is listed by: cbt, dbt or own (any case)."""
    return match_name(text, CATEGORIES, label, unknown="is not a category; allowed: dbt, cbt, own")


def check_description(text: str, label: str = "description") -> str:
    """A skill's one-line description, its spaces tidied."""
    description = " ".join(text.split())
    if len(description) > MAX_DESCRIPTION:
        raise InvalidValue(
            f"{label} is {len(description)} characters long; allowed: up to {MAX_DESCRIPTION}"
        )
    return description


def new_skill(
    name: str,
    category: SkillCategory,
    description: str,
    catalogue: Iterable[Skill],
) -> Skill:
    """A skill of the person's own in ``category`` (as :func:`check_category` reads it), with a
    description checked by :func:`check_description`; its name is checked against the names
    already in the catalogue."""
    display = " ".join(name.split())
    if (
        not display
        or not skill_key(display)
        or len(display) > MAX_SKILL_NAME
        or not _SKILL_NAME_RE.match(display)
    ):
        raise InvalidValue(
            f"skill name {name!r} is not usable; use up to {MAX_SKILL_NAME} letters, digits, "
            "spaces and hyphens (no ';', '=' or ','), e.g. 'Box breathing'"
        )
    kind, module = category
    key = skill_key(display)
    for skill in catalogue:
        if skill_key(skill.name) == key:
            raise InvalidValue(
                f"skill {name!r} is already in the catalogue as {skill.name} ({skill.group}); "
                "log it with moodlog add --skill"
            )
    return Skill(display, kind, module, check_description(description), built_in=False)


def find_skill(catalogue: Iterable[Skill], text: str) -> Skill:
    """The skill named exactly, else the one the text is a unique prefix of (case, spaces and
    hyphens ignored). Otherwise an error listing the candidates or the closest names."""
    skills = list(catalogue)
    key = skill_key(text)
    unmatched = key and not matching(text, skills, lambda skill: skill.name, loose=True)
    closest = closest_skills(skills, key) if unmatched else []
    hint = f" (did you mean {', '.join(closest)}?)" if closest else ""
    return match_name(
        text,
        skills,
        "skill",
        name_of=lambda skill: skill.name,
        loose=True,
        unknown=f"is not in the catalogue{hint}; see moodlog skills, or add your own with "
        "moodlog skills add NAME",
    )


def closest_skills(skills: list[Skill], key: str, limit: int = 3) -> list[str]:
    """The catalogue names nearest to what was typed: names containing it first, then the ones
    most alike, whole or in part (``acceptanse`` is near *Radical acceptance*)."""
    import difflib  # only a mistyped name needs it; `moodlog add` stays quick to start

    def likeness(name: str) -> float:
        parts = [name[start : start + len(key)] for start in range(len(name))]
        return max(difflib.SequenceMatcher(None, key, part).ratio() for part in [name, *parts])

    containing = [skill.name for skill in skills if key in skill_key(skill.name)]
    alike = sorted(
        (
            (likeness(skill_key(skill.name)), skill.name)
            for skill in skills
            if skill.name not in containing
        ),
        key=lambda pair: -pair[0],
    )
    return [*containing, *(name for score, name in alike if score >= _ALIKE)][:limit]


def check_score(skill: Skill, text: str) -> int:
    """A diary-card score 0-7 for a skill, or an error naming what is allowed."""
    value = small_whole_number(text)
    if value is None or not SCORE_LOW <= value <= SCORE_HIGH:
        raise InvalidValue(
            f"skill {skill.name} score {text!r} is not allowed; allowed: {SCORE_ALLOWED}"
        )
    return value


def check_skill_use(catalogue: Iterable[Skill], typed: TypedSkillUse) -> tuple[Skill, int | None]:
    """The skill named, and its score if one was typed."""
    skill = find_skill(catalogue, typed.name)
    if typed.score is None:
        return skill, None
    return skill, check_score(skill, typed.score)


@dataclass
class SkillUse:
    """A skill logged on a day, with its diary-card score if one was given."""

    day: date
    skill: str
    category: str
    module: str | None
    score: int | None
    recorded_at: datetime
    entry_id: int | None = None
    id: int | None = None

    @property
    def used(self) -> bool:
        return counts_as_used(self.score)


def counts_as_used(score: int | None) -> bool:
    """A skill counts as used when logged without a score (the person says they used it), or
    scored 4-7: the one definition for every page, table and export."""
    return code_group(score) in USED_GROUPS


def skill_use(
    skill: Skill, score: int | None, day: date, recorded_at: datetime, entry_id: int | None
) -> SkillUse:
    return SkillUse(day, skill.name, skill.category, skill.module, score, recorded_at, entry_id)


# The diary-card code is a category, never a scale to average: each code falls in one group.
# (name, the codes in it), in the order groups are shown; a skill logged with no code is used.
HELPED = "helped"
NOT_HELPED = "didn't help"
COULD_NOT = "tried but couldn't"
THOUGHT_ABOUT = "thought about only"
NOT_THOUGHT_ABOUT = "not thought about"
NO_CODE = "no code"
CODE_GROUPS: tuple[tuple[str, tuple[int, ...]], ...] = (
    (HELPED, (5, 7)),
    (NOT_HELPED, (4, 6)),
    (COULD_NOT, (3,)),
    (THOUGHT_ABOUT, (1, 2)),
    (NOT_THOUGHT_ABOUT, (0,)),
)
USED_GROUPS = (NO_CODE, HELPED, NOT_HELPED)
NOT_USED_GROUPS = (COULD_NOT, THOUGHT_ABOUT, NOT_THOUGHT_ABOUT)


def code_group(score: int | None) -> str:
    """The diary-card group of a skill log's code: used and helped (5, 7), used but didn't help
    (4, 6), tried but couldn't (3), thought about only (1, 2), not thought about (0); a log
    with no code is used, without a group of its own."""
    if score is None:
        return NO_CODE
    return next(name for name, codes in CODE_GROUPS if score in codes)


@dataclass(frozen=True)
class SkillCounts:
    """Skill logs counted by diary-card group: the one count every page, table and export
    shows. ``used`` is logs with no code or a code of 4-7, ``days`` the days with one."""

    logged: int = 0
    days: int = 0  # days with a skill used
    no_code: int = 0
    helped: int = 0
    not_helped: int = 0
    could_not: int = 0
    thought_about: int = 0
    not_thought_about: int = 0

    @property
    def used(self) -> int:
        return self.no_code + self.helped + self.not_helped

    @property
    def not_used(self) -> int:
        return self.could_not + self.thought_about + self.not_thought_about

    def of(self, group: str) -> int:
        return {
            NO_CODE: self.no_code,
            HELPED: self.helped,
            NOT_HELPED: self.not_helped,
            COULD_NOT: self.could_not,
            THOUGHT_ABOUT: self.thought_about,
            NOT_THOUGHT_ABOUT: self.not_thought_about,
        }[group]


def count_skills(uses: Iterable[SkillUse]) -> SkillCounts:
    """How many skill logs fall in each diary-card group, and on how many days one was used."""
    logs = list(uses)
    groups = [code_group(use.score) for use in logs]
    return SkillCounts(
        logged=len(logs),
        days=len({use.day for use in logs if use.used}),
        no_code=groups.count(NO_CODE),
        helped=groups.count(HELPED),
        not_helped=groups.count(NOT_HELPED),
        could_not=groups.count(COULD_NOT),
        thought_about=groups.count(THOUGHT_ABOUT),
        not_thought_about=groups.count(NOT_THOUGHT_ABOUT),
    )


def _times(count: int) -> str:
    return f"{count} time" + ("" if count == 1 else "s")


def skills_used_text(counts: SkillCounts) -> str:
    """``9 times on 6 days · 5 helped, 3 didn't help, 1 no code``: the logs that count as used,
    the days they fell on, and their diary-card groups (a group with none is left out)."""
    if not counts.used:
        return "none used"
    days = f"{counts.days} day" + ("" if counts.days == 1 else "s")
    shown = [
        f"{counts.of(group)} {group}" for group in (HELPED, NOT_HELPED, NO_CODE) if counts.of(group)
    ]
    return f"{_times(counts.used)} on {days} · " + ", ".join(shown)


def skills_not_used_text(counts: SkillCounts) -> str:
    """``2 tried but couldn't, 1 thought about only``: the logs that do not count as used, by
    diary-card group (a group with none is left out)."""
    shown = [f"{counts.of(group)} {group}" for group in NOT_USED_GROUPS if counts.of(group)]
    return ", ".join(shown) if shown else "none"


@dataclass(frozen=True)
class SkillRanking:
    """How one skill was used over a period: for the report's ranking and `moodlog stats`."""

    skill: str
    category: str
    module: str | None
    counts: SkillCounts


def rank_skills(uses: Iterable[SkillUse]) -> list[SkillRanking]:
    """Skills ranked by the days they were used, then by the times they helped, then by name."""
    by_skill: dict[str, list[SkillUse]] = {}
    for use in uses:
        by_skill.setdefault(use.skill, []).append(use)
    rankings = [
        SkillRanking(
            skill=name,
            category=logs[-1].category,
            module=logs[-1].module,
            counts=count_skills(logs),
        )
        for name, logs in by_skill.items()
    ]
    return sorted(
        rankings,
        key=lambda ranking: (
            -ranking.counts.days,
            -ranking.counts.helped,
            ranking.skill.casefold(),
        ),
    )


@dataclass
class Session:
    """A therapy session attended."""

    day: date
    kind: str
    note: str | None
    recorded_at: datetime
    id: int | None = None


def check_session_note(text: str | None, label: str = "note") -> str | None:
    if text is None or not text.strip():
        return None
    if len(text) > MAX_SESSION_NOTE:
        raise InvalidValue(
            f"{label} is {len(text)} characters long; allowed: up to {MAX_SESSION_NOTE}"
        )
    return text

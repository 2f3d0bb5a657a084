"""`moodlog warn`: warning signs, each a rule over the journal with the plan agreed for it; and
`warn test`, which replays the rules over the journal's history (docs/warning-signs.md)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date, datetime

from moodlog.actions import clock
from moodlog.actions.listing import Edited
from moodlog.domain.days import (
    DaySpec,
    Period,
    PeriodLength,
    read_period_length,
    resolve_day,
    resolve_period,
)
from moodlog.domain.names import match_name, name_key
from moodlog.domain.sign_days import (
    History,
    days_needed,
    dose_days_of,
    episodes,
    history_of,
    medicines_named,
    names_a_score,
)
from moodlog.domain.sign_records import WarningSign
from moodlog.domain.warning_signs import (
    Episode,
    Rule,
    Vocabulary,
    check_did,
    check_plan,
    check_sign_name,
    find_preset,
    read_rule,
)
from moodlog.errors import InvalidValue
from moodlog.storage import warning_signs as rows
from moodlog.storage.entries import entries_in
from moodlog.storage.journal import Journal
from moodlog.storage.medications import doses_in, load_medicines
from moodlog.storage.questionnaires import questionnaires_in
from moodlog.storage.scales import list_scales

TESTED_BY_DEFAULT = read_period_length("1y")


def vocabulary(connection: sqlite3.Connection) -> Vocabulary:
    """The names a rule can use in this journal: its scales, medicines and urges."""
    return Vocabulary(
        scales={scale.name: (scale.low, scale.high) for scale in list_scales(connection)},
        medicines=tuple(medicine.name for medicine in load_medicines(connection)),
        urges=tuple(rows.urge_names(connection)),
    )


def _refuse_the_same_name(connection: sqlite3.Connection, sign: WarningSign) -> None:
    for existing in rows.list_signs(connection):
        if existing.id != sign.id and name_key(existing.name) == name_key(sign.name):
            raise InvalidValue(
                f"a warning sign named {existing.name!r} is already in the journal (id "
                f"{existing.id}); give this one another name, or change that one with "
                f"moodlog warn edit {existing.id}"
            )


def add_sign(
    journal: Journal,
    name: str | None,
    rule: str | None,
    plan: str | None,
    preset: str | None = None,
    now: datetime | None = None,
) -> WarningSign:
    """Save a warning sign; from a preset, its name, rule and plan are the preset's unless
    given."""
    now = clock.now(now)
    chosen = find_preset(preset) if preset is not None else None
    if chosen is not None:
        name = chosen.sign if name is None else name
        rule = chosen.rule if rule is None else rule
        plan = chosen.plan if plan is None else plan
    if name is None or rule is None:
        raise InvalidValue(
            'a warning sign needs a name and a rule, e.g. moodlog warn add "short sleep" '
            '--when "sleep < 5 on 2 nights in a row"; or start from a preset: '
            "moodlog warn add --preset mania-early"
        )
    with journal.transaction() as connection:
        sign = WarningSign(
            name=check_sign_name(name),
            rule=read_rule(rule, vocabulary(connection)).text,
            recorded_at=now,
            plan=check_plan(plan),
            preset=chosen.name if chosen else None,
        )
        _refuse_the_same_name(connection, sign)
        sign.id = rows.insert_sign(connection, sign)
    return sign


def list_signs(journal: Journal) -> list[WarningSign]:
    with journal.transaction(write=False) as connection:
        return rows.list_signs(connection)


def show_sign(journal: Journal, sign_id: int) -> WarningSign:
    with journal.transaction(write=False) as connection:
        return rows.get_sign(connection, sign_id)


def edit_sign(
    journal: Journal,
    sign_id: int,
    name: str | None = None,
    rule: str | None = None,
    plan: str | None = None,
    clear_plan: bool = False,
) -> Edited[WarningSign]:
    """Rename a sign, change its rule or its plan; what is not given stays."""
    if plan is not None and clear_plan:
        raise InvalidValue("give --plan or --clear-plan, not both")
    with journal.transaction() as connection:
        before = rows.get_sign(connection, sign_id)
        after = replace(before)
        if name is not None:
            after.name = check_sign_name(name)
        if rule is not None:
            after.rule = read_rule(rule, vocabulary(connection)).text
        if plan is not None:
            after.plan = check_plan(plan)
        if clear_plan:
            after.plan = None
        if after != before:
            _refuse_the_same_name(connection, after)
            rows.update_sign(connection, after)
    if after.plan != before.plan:
        journal.forget_old_versions()
    return Edited(before, after)


def delete_sign(journal: Journal, sign_id: int) -> WarningSign:
    """Delete a sign for good, with the episodes announced for it."""
    with journal.transaction() as connection:
        deleted = rows.delete_sign(connection, sign_id)
    journal.forget_old_versions()
    return deleted


@dataclass(frozen=True)
class Replay:
    """`warn test`: the period replayed and, for each sign, the episodes it would have shown."""

    period: Period
    signs: list[tuple[WarningSign, list[Episode]]]


def replay_signs(
    journal: Journal,
    name: str | None = None,
    last: PeriodLength | None = None,
    since: DaySpec | None = None,
    until: DaySpec | None = None,
    now: datetime | None = None,
) -> Replay:
    """Replay the signs (or the one ``name`` names) over a period of the journal's history
    (by default the last year): when each would have shown, and until when."""
    now = clock.now(now)
    with journal.transaction(write=False) as connection:
        today = clock.today(journal, now)
        period = resolve_period(today, last, since, until, TESTED_BY_DEFAULT, today)
        signs = rows.list_signs(connection)
        if name is not None:
            signs = [match_name(name, signs, "warning sign", name_of=lambda sign: sign.name)]
        if not signs:
            raise InvalidValue(
                'no warning signs yet; add one with moodlog warn add "short sleep" '
                '--when "sleep < 5 on 2 nights in a row"'
            )
        rules = [read_rule(sign.rule) for sign in signs]
        history = _history(journal, connection, rules, period, now)
    return Replay(
        period,
        [(sign, episodes(rule, history, period)) for sign, rule in zip(signs, rules, strict=True)],
    )


def _history(
    journal: Journal,
    connection: sqlite3.Connection,
    rules: list[Rule],
    period: Period,
    now: datetime,
) -> History:
    """The history that decides ``rules`` on every day of ``period``."""
    needed = days_needed(rules, period)
    due = clock.due_rule(journal, now)
    named = medicines_named(rules)
    medicines = [m for m in load_medicines(connection) if name_key(m.name) in named]
    return history_of(
        entries_in(connection, needed, due.day_starts_at),
        dose_days_of(medicines, doses_in(connection, needed), needed, due) if medicines else {},
        questionnaires_in(connection, needed) if names_a_score(rules) else [],
        needed,
        due,
    )


@dataclass(frozen=True)
class NotedEpisode:
    """`warn did`: the sign, the episode the note was written on, and whether it replaced a
    note written before."""

    sign: WarningSign
    episode: Episode
    replaced: bool


def note_what_was_done(
    journal: Journal,
    name: str,
    did: str,
    day: DaySpec | None = None,
    now: datetime | None = None,
) -> NotedEpisode:
    """Note what the person did about the episode of sign ``name`` showing on ``day`` (by
    default the latest episode of the last year); the episode's row is made when it was never
    announced (a history filled in afterwards), its note replaced when it was."""
    now = clock.now(now)
    did = check_did(did)
    with journal.transaction() as connection:
        today = clock.today(journal, now)
        chosen = resolve_day(day, today)
        if chosen > today:
            raise InvalidValue(f"{chosen} is after today; a sign can only have shown by today")
        signs = rows.list_signs(connection)
        if not signs:
            raise InvalidValue(
                'no warning signs yet; add one with moodlog warn add "short sleep" '
                '--when "sleep < 5 on 2 nights in a row"'
            )
        sign = match_name(name, signs, "warning sign", name_of=lambda sign: sign.name)
        rule = read_rule(sign.rule)
        looked_at = Period(TESTED_BY_DEFAULT.ending(chosen).first, today)
        found = episodes(rule, _history(journal, connection, [rule], looked_at, now), looked_at)
        episode = _episode_on(sign, found, chosen if day is not None else None, looked_at)
        first, last = episode
        # An episode traced back to the first day looked at may have begun earlier.
        earliest = date.min if first == looked_at.first else first
        assert sign.id is not None
        replaced = rows.note_episode(
            connection, sign.id, (earliest, last or today), sign.rule, did, now
        )
    return NotedEpisode(sign, episode, replaced)


def _episode_on(
    sign: WarningSign, found: list[Episode], day: date | None, looked_at: Period
) -> Episode:
    """The episode showing on ``day`` (None: the latest); refused in one line naming when the
    sign did show."""
    test = f'moodlog warn test "{sign.name}" lists when it showed'
    if day is None:
        if not found:
            raise InvalidValue(
                f"{sign.name!r} has not shown since {looked_at.first}; nothing to note; {test}"
            )
        return found[-1]
    for first, last in found:
        if first <= day <= (last or looked_at.last):
            return (first, last)
    if not found:
        raise InvalidValue(
            f"{sign.name!r} did not show on {day}, nor since {looked_at.first}; {test}"
        )
    nearest = sorted(found, key=lambda episode: abs((episode[0] - day).days))[:3]
    shown = ", ".join(
        f"{first} to {last}" if last is not None else f"since {first}"
        for first, last in sorted(nearest)
    )
    nearest_word = "" if len(found) <= 3 else ", nearest that day,"
    raise InvalidValue(
        f"{sign.name!r} did not show on {day}; it showed{nearest_word} {shown}; {test}"
    )

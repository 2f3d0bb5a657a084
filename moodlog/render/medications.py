"""Medicines in the terminal: `med list`, `med list --all`, and the lines dose commands print.
Rich tables that fit 80 columns; Rich is imported inside the functions that use it."""

from __future__ import annotations

from collections import Counter

from moodlog.domain.doses import TAKEN, DoseLog
from moodlog.domain.listing import Listing
from moodlog.domain.medication_summaries import (
    AllTaken,
    LoggedDose,
    MedicineList,
    MedicineRemoval,
    MedicineSummary,
    RegimenChange,
    RegimenHistory,
    SideEffectLogged,
    Withdrawal,
)
from moodlog.domain.medications import (
    CHANGE,
    START,
    STOP,
    WITHDRAW,
    Medicine,
    Regimen,
    medicines_from,
)
from moodlog.domain.report import adherence_text
from moodlog.domain.side_effects import SEVERITIES, SideEffect
from moodlog.render.terminal import console, listing_title, plain_table, print_listing

ADHERENCE_MEANS = (
    "adherence = taken / (scheduled - skipped), over the doses due from the journal's first "
    "day through {through} (today's once their time has come); a dose not logged is neither "
    'taken nor missed, but it was still due; "of logged" is taken / (taken + missed).'
)


def logged_dose_line(logged: LoggedDose) -> str:
    """``Saved dose 8: sertraline morning taken, 50 mg, at 08:10 on 2026-10-05.``, and on a
    line of its own, an as-needed use of the same medicine logged a few minutes before."""
    log = logged.log
    words = [
        f"{logged.label} taken as needed" if log.slot is None else f"{logged.label} {log.status}"
    ]
    if log.status == TAKEN:
        if log.dose is not None:
            words.append(f"{log.dose} (prescribed {logged.prescribed})")
        elif logged.prescribed is not None:
            words.append(str(logged.prescribed))
    line = f"Saved dose {log.id}: " + ", ".join(words)
    if log.time is not None:
        line += f", at {log.time.strftime('%H:%M')}"
    line += f" on {log.day.isoformat()}"
    if log.reason:
        line += f" (reason: {log.reason})"
    line += "."
    replaced = logged.replaced
    if replaced is not None:
        line += (
            f" It corrects the earlier log of that dose ({replaced.status}), which stays "
            f"in the history (dose {replaced.id})."
        )
        if replaced.status == log.status == TAKEN:
            when = f" at {replaced.time.strftime('%H:%M')}" if replaced.time else ""
            line += (
                f"\n{logged.label} was logged taken already{when} (dose {replaced.id}); if this "
                "one is a slip, moodlog undo takes it back."
            )
    before = logged.just_before
    if before is not None:
        at = before.time or before.recorded_at.time()
        line += (
            f"\nYou logged {logged.label} at {at.strftime('%H:%M')} too (dose {before.id}); if "
            "this one is a slip, moodlog undo takes it back."
        )
    return line


def _dose_text(log: DoseLog) -> str:
    if log.status != TAKEN:
        return ""
    return str(log.dose) if log.dose is not None else "as prescribed"


def dose_lines(log: DoseLog) -> list[str]:
    """Every field of one dose log, as `moodlog dose show` prints it."""
    lines = [
        f"dose {log.id}",
        f"  medicine  {log.medicine}",
        f"  day       {log.day.strftime('%Y-%m-%d %a')}",
        f"  slot      {log.slot or 'as needed'}",
        f"  status    {log.status}",
    ]
    if log.time is not None:
        lines.append(f"  time      {log.time.strftime('%H:%M')}")
    if log.status == TAKEN:
        lines.append(f"  dose      {_dose_text(log)}")
    if log.reason:
        lines.append(f"  reason    {log.reason}")
    if log.entry_id is not None:
        lines.append(f"  entry     {log.entry_id} (logged with it)")
    if log.replaces is not None:
        lines.append(f"  corrects  dose {log.replaces}")
    lines.append(f"  recorded  {log.recorded_at.isoformat(timespec='minutes')}")
    return lines


def print_doses(listing: Listing[DoseLog]) -> None:
    """`moodlog dose list`: the dose logs that count, ids first."""
    table = plain_table(
        "id",
        "day",
        "medicine",
        "slot",
        "status",
        "time",
        "dose",
        "reason",
        wrapping="reason",
        right=["id"],
    )
    for log in listing.records:
        table.add_row(
            str(log.id),
            log.day.strftime("%Y-%m-%d %a"),
            log.medicine,
            log.slot or "as needed",
            log.status,
            log.time.strftime("%H:%M") if log.time else "",
            "" if log.dose is None else str(log.dose),
            log.reason or "",
        )
    print_listing(
        listing_title("dose logs", listing.period, len(listing.records)),
        table,
        len(listing.records),
        "No doses logged. Log one with: moodlog took sertraline",
    )


def all_taken_lines(result: AllTaken) -> list[str]:
    lines = [logged_dose_line(logged) for logged in result.logged]
    if result.already:
        kept = ", ".join(f"{state.scheduled.label} {state.status}" for state in result.already)
        lines.append(f"Logged before, left as they were: {kept}.")
    if result.not_due:
        lines.append(_not_due_line(result))
    if not result.logged and not result.not_due:
        lines.insert(0, f"Every dose scheduled on {result.day.isoformat()} is logged already.")
    elif not result.logged and not result.already:
        lines.insert(0, f"No dose of {result.day.isoformat()} is due yet; nothing logged.")
    elif not result.logged:
        lines.insert(0, f"Every dose due so far on {result.day.isoformat()} is logged already.")
    return lines


def _not_due_line(result: AllTaken) -> str:
    """``Not yet due: lithium bedtime (22:00); log it when you take it, or now with --slot
    bedtime``: the doses `took --all` left, since their time has not come."""
    named = ", ".join(
        dose.label if at is None or dose.slot == f"{at:%H:%M}" else f"{dose.label} ({at:%H:%M})"
        for dose, at in result.not_due
    )
    slots = " or ".join(
        f"--slot {slot}" for slot in dict.fromkeys(d.slot for d, _ in result.not_due)
    )
    if len(result.not_due) == 1:
        return f"Not yet due: {named}; log it when you take it, or now with {slots}."
    return f"Not yet due: {named}; log each when you take it, or now with {slots}."


def regimen_record_line(record: Regimen) -> str:
    """``Started sertraline on 2026-10-01: 50 mg morning.``, ``Changed sertraline from
    2026-10-08: 100 mg morning (reason: still low).``, ``Stopped quetiapine from 2026-10-12.``"""
    day = record.effective.isoformat()
    if record.kind == STOP:
        line = f"Stopped {record.medicine} from {day}"
    elif record.kind == START:
        line = f"Started {record.medicine} on {day}: {record.describe()}"
    else:
        line = f"Changed {record.medicine} from {day}: {record.describe()}"
    if record.reason:
        line += f" (reason: {record.reason})"
    return line + "."


def change_lines(change: RegimenChange) -> list[str]:
    lines = [
        regimen_record_line(change.record),
        f"Before: {change.previous.describe()} (from {change.previous.effective.isoformat()}).",
    ]
    if change.later:
        steps = ", ".join(
            f"{record.effective.isoformat()} ({record.describe()})" for record in change.later
        )
        if change.record.kind == STOP:
            lines.append(f"Steps planned after the stop stay in the history, unused: {steps}.")
        else:
            lines.append(f"Records dated later stay as they were recorded: {steps}.")
    return lines


def withdrawal_lines(withdrawal: Withdrawal) -> list[str]:
    """``Withdrew record 3, sertraline's change from 2026-11-25 (150 mg morning, evening):
    it was never in force.`` and what is in force from that day now."""
    gone = withdrawal.withdrawn
    day = gone.effective.isoformat()
    what = f"stop from {day}" if gone.kind == STOP else f"change from {day} ({gone.describe()})"
    line = f"Withdrew record {gone.id}, {gone.medicine}'s {what}: it was never in force"
    if withdrawal.record.reason:
        line += f" (reason: {withdrawal.record.reason})"
    lines = [line + f". Saved as record {withdrawal.record.id}, dated "
             f"{withdrawal.record.effective.isoformat()}."]  # fmt: skip
    now = withdrawal.now_in_force
    if now is None:
        lines.append(f"From {day}: not taken.")
    else:
        lines.append(f"From {day}: {now.describe()} (from {now.effective.isoformat()}).")
    return lines


def _count(count: int, what: str) -> str:
    return f"{count} {what}" + ("" if count == 1 else "s")


def removal_counts(removal: MedicineRemoval) -> str:
    """``3 regimen records, 45 dose logs, 1 side effect``."""
    counts = [_count(removal.regimen, "regimen record")]
    if removal.doses:
        counts.append(_count(removal.doses, "dose log"))
    if removal.side_effects:
        counts.append(_count(removal.side_effects, "side effect"))
    return ", ".join(counts)


def removal_text(removal: MedicineRemoval) -> str:
    """``sertraline: 3 regimen records, 45 dose logs, 1 side effect``."""
    return f"{removal.medicine.name}: {removal_counts(removal)}"


def side_effect_line(result: SideEffectLogged) -> str:
    if result.resolved_now:
        return f"Marked resolved: {result.effect.describe()}."
    return f"Saved side effect {result.effect.id}: {result.effect.describe()}."


def side_effect_lines(effect: SideEffect) -> list[str]:
    """Every field of one side effect, as `moodlog side-effect show` prints it."""
    return [
        f"side effect {effect.id}",
        f"  name      {effect.name}",
        f"  severity  {effect.severity} {SEVERITIES[effect.severity]}",
        f"  medicine  {effect.medicine or ''}".rstrip(),
        f"  onset     {effect.onset.strftime('%Y-%m-%d %a')}",
        f"  resolved  {effect.resolved.strftime('%Y-%m-%d %a') if effect.resolved else 'ongoing'}",
        f"  recorded  {effect.recorded_at.isoformat(timespec='minutes')}",
    ]


def print_side_effect_listing(listing: Listing[SideEffect]) -> None:
    """`moodlog side-effect list`: ids first."""
    table = plain_table(
        "id", "name", "severity", "medicine", "onset", "resolved", wrapping="name", right=["id"]
    )
    for effect in listing.records:
        table.add_row(
            str(effect.id),
            effect.name,
            f"{effect.severity} {SEVERITIES[effect.severity]}",
            effect.medicine or "",
            effect.onset.isoformat(),
            effect.resolved.isoformat() if effect.resolved else "ongoing",
        )
    print_listing(
        listing_title("side effects", listing.period, len(listing.records)),
        table,
        len(listing.records),
        "No side effects recorded. Record one with: moodlog side-effect nausea --severity 2",
    )


def _regimen_cell(summary: MedicineSummary) -> str:
    if summary.regimen is None:
        start = min(r.effective for r in summary.planned if r.kind == START)
        return f"starts {start.isoformat()}"
    since = max(
        record.effective
        for record in summary.medicine.history
        if record.effective <= summary.adherence.period.last
    )
    return f"{summary.regimen.describe()}\nsince {since.isoformat()}"


def _planned_line(summary: MedicineSummary) -> str:
    steps = [
        f"stop on {record.effective.isoformat()}"
        if record.kind == STOP
        else f"{record.describe()} from {record.effective.isoformat()}"
        for record in summary.planned
    ]
    return f"Planned for {summary.medicine.name}: " + "; ".join(steps)


def _uses(count: int) -> str:
    return f"{count} use" if count == 1 else f"{count} uses"


def _reasons(uses: list[DoseLog]) -> str:
    counted = Counter(use.reason or "no reason given" for use in uses)
    return ", ".join(f"{reason} ({count})" for reason, count in counted.most_common())


def print_medicines(listing: MedicineList) -> None:
    from rich.table import Table

    out = console()
    if not listing.medicines:
        out.print(
            f"No medicines on your list on {listing.day.isoformat()}. Add one with:\n"
            "  moodlog med add sertraline --dose 50mg --schedule morning",
            markup=False,
        )
    else:
        table = Table(
            title=f"Medicines on {listing.day.isoformat()}; counts for {listing.period}",
            title_justify="left",
            box=None,
            pad_edge=False,
            expand=True,
        )
        table.add_column("medicine", max_width=16)
        table.add_column("regimen", ratio=2)
        table.add_column("adherence", ratio=3)
        for summary in listing.medicines:
            if summary.regimen is not None and summary.regimen.as_needed:
                counted = f"as needed · {_uses(len(summary.as_needed))}"
            else:
                counted = adherence_text(summary.adherence)
            table.add_row(summary.medicine.name, _regimen_cell(summary), counted)
        out.print(table, markup=False)
        through = max(
            (s.adherence.through for s in listing.medicines if s.adherence.through),
            default=listing.day,
        )
        out.print(ADHERENCE_MEANS.format(through=through.isoformat()), markup=False)
    for summary in listing.medicines:
        if summary.planned:
            out.print(_planned_line(summary), markup=False)
        if summary.as_needed:
            out.print(
                f"{summary.medicine.name} as needed: {_uses(len(summary.as_needed))}, "
                f"{_reasons(summary.as_needed)}",
                markup=False,
            )
        if summary.adherence.unscheduled:
            out.print(
                f"{summary.medicine.name}: {summary.adherence.unscheduled} logged doses have no "
                "scheduled dose left to answer (a schedule change dated before them).",
                markup=False,
            )
    for medicine, stop in listing.stopped:
        out.print(f"Stopped in this period: {medicine.name} on {stop.effective}.", markup=False)
    if listing.side_effects:
        out.print("Side effects ongoing:", markup=False)
        for effect in listing.side_effects:
            out.print(f"  {effect.describe()}", markup=False)


def _regimen_words(medicines: dict[str, Medicine], record: Regimen) -> str:
    """What `med list --all` says of a record: its regimen, and whether it never applied
    (withdrawn, dated after a stop, or superseded on its day)."""
    medicine = medicines[record.medicine.casefold()]
    if record.kind == WITHDRAW:
        return f"withdraws record {record.withdraws}"
    words = "" if record.kind == STOP else record.describe()
    withdrawn = [gone.withdrawal for gone in medicine.withdrawn if gone.record.id == record.id]
    if withdrawn:
        when = withdrawn[0].effective.isoformat()
        return f"{words} (withdrawn {when}, record {withdrawn[0].id})".lstrip()
    if not medicine.applies(record):
        words += " (never in force)"
    return words


def print_history(history: RegimenHistory) -> None:
    from rich.table import Table

    out = console()
    if not history.records:
        out.print("No medicines recorded yet.", markup=False)
    else:
        medicines = {medicine.key: medicine for medicine in medicines_from(history.records)}
        table = Table(title="Every regimen record", title_justify="left", box=None, pad_edge=False)
        table.add_column("id", justify="right", no_wrap=True)
        table.add_column("from", no_wrap=True)
        table.add_column("medicine", max_width=14)
        table.add_column("record", no_wrap=True)
        table.add_column("regimen", ratio=3)
        table.add_column("reason", ratio=2)
        late = False
        for record in history.records:
            marks = ""
            if record.recorded_at.date() > record.effective:
                marks, late = "*", True
            kind = {START: "start", CHANGE: "change", STOP: "stop", WITHDRAW: "withdraw"}[
                record.kind
            ]
            if record.effective > history.today:
                kind += "\n(planned)"
            table.add_row(
                str(record.id),
                record.effective.isoformat() + marks,
                record.medicine,
                kind,
                _regimen_words(medicines, record),
                record.reason or "",
            )
        out.print(table, markup=False)
        if late:
            out.print("* entered late: recorded after the day it applies from", markup=False)
    if history.side_effects:
        print_side_effects(history.side_effects)


def print_side_effects(effects: list[SideEffect]) -> None:
    from rich.table import Table

    table = Table(title="Side effects", title_justify="left", box=None, pad_edge=False)
    table.add_column("side effect", ratio=1)
    table.add_column("severity", no_wrap=True)
    table.add_column("medicine", max_width=16)
    table.add_column("from", no_wrap=True)
    table.add_column("resolved", no_wrap=True)
    for effect in effects:
        table.add_row(
            effect.name,
            f"{effect.severity} {SEVERITIES[effect.severity]}",
            effect.medicine or "",
            effect.onset.isoformat(),
            effect.resolved.isoformat() if effect.resolved else "ongoing",
        )
    console().print(table, markup=False)

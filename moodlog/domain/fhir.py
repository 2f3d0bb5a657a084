"""The FHIR R4 export: the journal's records as one Bundle (type collection) of plain
dictionaries, ready for the standard library's JSON writer; no FHIR library is needed.

Every resource's id is a UUIDv5 of the journal's own random namespace and a name made of
moodlog's record ids (``questionnaire/12``), and each carries that name as its identifier
under a system of the journal's own, so exporting the same records again gives the same ids
and two journals never give the same one. docs/fhir.md describes each resource and code.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from hashlib import sha1
from typing import Any

from moodlog.domain import fhir_codes as codes
from moodlog.domain.daily_export import DAILY_COLUMNS, JournalRecords, daily_rows
from moodlog.domain.days import Period
from moodlog.domain.doses import MISSED, SKIPPED, TAKEN, DoseLog, DueRule, current_logs
from moodlog.domain.entries import Entry, split_pairs
from moodlog.domain.medications import (
    NAMED_SLOTS,
    ONCE,
    STOP,
    WEEKDAY_NAMES,
    Dose,
    Medicine,
    Regimen,
)
from moodlog.domain.questionnaires import INSTRUMENTS, Questionnaire
from moodlog.domain.safety import SafetyFlag
from moodlog.domain.scales import Scale

Resource = dict[str, Any]

# FHIR's codes for the times of day moodlog's named slots stand for.
_SLOT_WHEN = {"morning": "MORN", "noon": "NOON", "afternoon": "AFT", "evening": "EVE"}
_BEDTIME = "HS"
# UCUM's codes for moodlog's measured units; a counted unit (tablet) is an annotation.
_UCUM_UNITS = {"mg": "mg", "mcg": "ug", "g": "g", "ml": "mL", "IU": "[iU]"}


@dataclass
class FhirRecords:
    """What the bundle is made from: the journal's namespace, what the person set for the
    Patient, and the records of the period."""

    namespace: uuid.UUID
    today: date
    rule: DueRule
    day_starts_at: time
    name: str = ""
    birth_date: str = ""
    period: Period | None = None  # None: the whole journal
    entries: Sequence[Entry] = ()
    questionnaires: Sequence[Questionnaire] = ()
    medicines: Sequence[Medicine] = ()
    dose_logs: Sequence[DoseLog] = ()
    safety_flags: Sequence[SafetyFlag] = ()
    scales: Sequence[Scale] = ()
    include_notes: bool = False
    include_safety_flags: bool = False


def identifier_system(namespace: uuid.UUID) -> str:
    """The journal's own identifier system: a URN of its namespace."""
    return f"urn:uuid:{namespace}"


class _Bundle:
    """Resources, each with its stable id and identifier, handed one by one to ``sink`` as
    they are made (a 10-year journal's are written out one at a time, never all held)."""

    def __init__(self, namespace: uuid.UUID, sink: Callable[[Resource], None]) -> None:
        self.sink = sink
        self.count = 0
        self._namespace_bytes = namespace.bytes
        self.system = identifier_system(namespace)
        self.patient = self.reference("patient")
        self.performer = [self.patient]  # shared: the JSON writer writes it for each

    def id_of(self, name: str) -> str:
        """The UUIDv5 of ``name`` in the journal's namespace (RFC 4122, as ``uuid.uuid5``
        makes it, without building a UUID object for each of a 10-year journal's tens of
        thousands of resources)."""
        digest = bytearray(sha1(self._namespace_bytes + name.encode("utf-8")).digest()[:16])
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        text = digest.hex()
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"

    def reference(self, name: str) -> Resource:
        return {"reference": f"urn:uuid:{self.id_of(name)}"}

    def add(self, name: str, resource_type: str, body: Resource, single: bool = False) -> None:
        """Add a resource named ``name`` (its identifier's value); ``single`` for the types
        whose identifier is one Identifier rather than a list."""
        resource_id = self.id_of(name)
        identifier = {"system": self.system, "value": name}
        resource = {
            "resourceType": resource_type,
            "id": resource_id,
            "identifier": identifier if single else [identifier],
            **body,
        }
        self.sink({"fullUrl": f"urn:uuid:{resource_id}", "resource": resource})
        self.count += 1


def _coding(system: str, code: codes.Code) -> Resource:
    return {"system": system, "code": code.code, "display": code.display}


@cache
def _shared_concept(system: str, code: codes.Code, text: str) -> Resource:
    """A concept many resources share as it is (the JSON writer writes it for each)."""
    return _concept(system, code, text)


def _concept(system: str, code: codes.Code, text: str | None = None) -> Resource:
    concept: Resource = {"coding": [_coding(system, code)]}
    if text:
        concept["text"] = text
    return concept


def _moment(moment: datetime) -> str:
    """A FHIR dateTime with its UTC offset (a moment without one is given as its day)."""
    if moment.tzinfo is None:
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")


def _at(day: date, clock: time, day_starts_at: time, zone_of: datetime) -> str:
    """The moment of a journal day's clock time (its small hours are on the next calendar
    day), in the zone it was recorded in."""
    calendar_day = day + timedelta(days=1) if clock < day_starts_at else day
    return _moment(datetime.combine(calendar_day, clock, zone_of.tzinfo))


def _quantity(value: float, unit: str, code: str) -> Resource:
    return {"value": value, "unit": unit, "system": codes.UCUM, "code": code}


def _score(value: float) -> Resource:
    return _quantity(value, "{score}", "{score}")


def _dose_quantity(dose: Dose) -> Resource:
    code = _UCUM_UNITS.get(dose.unit, "{" + dose.unit + "}")
    return _quantity(dose.amount, dose.unit, code)


SURVEY = {"coding": [{"system": codes.OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}


CLINICAL = {"coding": [{"system": codes.FLAG_CATEGORY, "code": "clinical", "display": "Clinical"}]}


def _patient(bundle: _Bundle, records: FhirRecords) -> None:
    body: Resource = {}
    if records.name:
        body["name"] = [{"text": records.name}]
    if records.birth_date:
        body["birthDate"] = records.birth_date
    bundle.add("patient", "Patient", body)


def _answer(system: str, code: codes.Code, value: int) -> Resource:
    coding = _coding(system, code)
    coding["extension"] = [{"url": codes.ORDINAL_VALUE, "valueDecimal": value}]
    return {"valueCoding": coding}


def _questionnaire(bundle: _Bundle, answered: Questionnaire) -> None:
    """A PHQ-9 or GAD-7 as a QuestionnaireResponse against its LOINC form, and its total as
    an Observation derived from it."""
    form = codes.FORMS[answered.instrument]
    instrument = INSTRUMENTS[answered.instrument]
    name = f"questionnaire/{answered.id}"
    items = []
    for (item, answers), value, text in zip(
        form.items, answered.answers, instrument.items, strict=True
    ):
        items.append(
            {
                "linkId": f"/{item.code}",
                "text": text,
                "answer": [_answer(codes.LOINC, answers[value], value)],
            }
        )
    if answered.difficulty is not None and form.difficulty is not None:
        # As LOINC's answer list for 69722-7 gives it: its answers carry no score.
        answer = _coding(codes.LOINC, codes.DIFFICULTY_ANSWERS[answered.difficulty])
        items.append(
            {
                "linkId": f"/{form.difficulty.code}",
                "text": instrument.difficulty_question,
                "answer": [{"valueCoding": answer}],
            }
        )
    items.append(
        {
            "linkId": f"/{form.total.code}",
            "text": form.total.display,
            "answer": [{"valueDecimal": answered.total}],
        }
    )
    authored = _moment(answered.recorded_at)
    bundle.add(
        name,
        "QuestionnaireResponse",
        {
            # authored is when the answers were typed; the day they cover (a back-filled
            # questionnaire's is earlier) has no element of its own.
            "extension": [{"url": codes.DAY_COVERED, "valueDate": answered.day.isoformat()}],
            "questionnaire": f"http://loinc.org/q/{form.panel.code}",
            "status": "completed",
            "subject": bundle.patient,
            "authored": authored,
            "author": bundle.patient,
            "source": bundle.patient,
            "item": items,
        },
        single=True,
    )
    band = next(band for band in instrument.bands if band.name == answered.band)

    def drawn_from_answers(code: Resource, value: Resource) -> Resource:
        """An Observation of these answers: the survey's, on their day, from the response."""
        return {
            "status": "final",
            "category": [SURVEY],
            "code": code,
            "subject": bundle.patient,
            "effectiveDateTime": answered.day.isoformat(),
            "issued": authored,
            "performer": bundle.performer,
            **value,
            "derivedFrom": [bundle.reference(name)],
        }

    band_code = codes.Code(
        codes.BAND + band.name,
        f"{instrument.title} {band.name} ({band.low}-{band.high} of {instrument.highest})",
    )
    total = {
        "valueQuantity": _score(answered.total),
        "interpretation": [
            _concept(codes.MOODLOG, band_code, f"{band.name}; a screening score, not a diagnosis")
        ],
    }
    title = f"{instrument.title} total score"
    bundle.add(
        f"{name}/total",
        "Observation",
        drawn_from_answers(_concept(codes.LOINC, form.total, title), total),
    )
    if answered.difficulty is not None and form.difficulty is None:
        # The LOINC GAD-7 form has no difficulty item, so its answer is an Observation of its
        # own under moodlog's code, from the response.
        difficulty = codes.GAD7_DIFFICULTY_ANSWERS[answered.difficulty]
        bundle.add(
            f"{name}/difficulty",
            "Observation",
            drawn_from_answers(
                _concept(codes.MOODLOG, codes.GAD7_DIFFICULTY),
                {"valueCodeableConcept": _concept(codes.MOODLOG, difficulty)},
            ),
        )


# What a day's value is, in each daily Observation's code.text.
_MEAN = "the day's mean of its entries"
_LATEST = "the day's latest recorded value"
_SLEEP_CONCEPT = _concept(
    codes.LOINC,
    codes.SLEEP_DURATION,
    f"hours slept the night before the day, {_LATEST}",
)
_AT = {column: index for index, column in enumerate(DAILY_COLUMNS)}
_DAY_MEASURES = (
    ("mood", codes.MOOD),
    ("anxiety", codes.ANXIETY),
    ("irritability", codes.IRRITABILITY),
    ("energy", codes.ENERGY),
    ("sleep_quality", codes.SLEEP_QUALITY),
)


def _day_observation(
    bundle: _Bundle, day: str, what: str, concept: Resource, value: Resource
) -> None:
    bundle.add(
        f"day/{day}/{what}",
        "Observation",
        {
            "status": "final",
            "category": [SURVEY],
            "code": concept,
            "subject": bundle.patient,
            "effectiveDateTime": day,
            "performer": bundle.performer,
            "valueQuantity": value,
        },
    )


def _days(bundle: _Bundle, records: FhirRecords, period: Period) -> None:
    """Each day's mood, anxiety, irritability, energy, sleep and symptom scales, as the daily
    export gives them: a day's mean of its entries, sleep the latest recorded."""
    scales = {scale.name: scale for scale in records.scales}
    for row in daily_rows(JournalRecords(entries=records.entries), period, records.rule):
        if not row[_AT["logged"]]:
            continue
        day = row[_AT["day"]]
        for column, code in _DAY_MEASURES:
            value = row[_AT[column]]
            if value is not None:
                _day_observation(
                    bundle,
                    day,
                    code.code,
                    _shared_concept(
                        codes.MOODLOG,
                        code,
                        f"{column.replace('_', ' ')}, "
                        + (_LATEST if column == "sleep_quality" else _MEAN),
                    ),
                    _score(value),
                )
        hours = row[_AT["sleep_hours"]]
        if hours is not None:
            _day_observation(
                bundle,
                day,
                "sleep",
                _SLEEP_CONCEPT,
                _quantity(hours, "h", "h"),
            )
        for scale_name, mean in split_pairs(row[_AT["symptoms"]]).items():
            scale = scales.get(scale_name)
            anchors = scale.allowed() if scale else "the person's own scale"
            _day_observation(
                bundle,
                day,
                codes.SYMPTOM + scale_name,
                _shared_concept(
                    codes.MOODLOG,
                    codes.Code(codes.SYMPTOM + scale_name, f"{scale_name}: {anchors}"),
                    f"{scale_name}, {_MEAN}",
                ),
                _score(mean),
            )


PRIVATE = "[private] "


def _notes(bundle: _Bundle, records: FhirRecords) -> None:
    """Every note, private ones too (marked), only when the person asked for them."""
    for entry in records.entries:
        if not entry.note:
            continue
        bundle.add(
            f"entry/{entry.id}/note",
            "Observation",
            {
                "status": "final",
                "category": [SURVEY],
                "code": _concept(codes.MOODLOG, codes.JOURNAL_NOTE),
                "subject": bundle.patient,
                "effectiveDateTime": _at(
                    entry.day, entry.time, records.day_starts_at, entry.recorded_at
                ),
                "performer": bundle.performer,
                # Marked as the report marks a note the person did not share.
                "valueString": entry.note if entry.note_shared else PRIVATE + entry.note,
            },
        )


def _dosage(record: Regimen) -> list[Resource]:
    """The regimen's dose and timing: one Dosage per slot."""
    schedule = record.schedule
    if schedule is None:
        return []
    if schedule.as_needed:
        dosage: Resource = {"text": record.describe(), "asNeededBoolean": True}
        if record.dose:
            dosage["doseAndRate"] = [{"doseQuantity": _dose_quantity(record.dose)}]
        return [dosage]
    dosages = []
    for sequence, slot in enumerate(schedule.slots, start=1):
        repeat: Resource = {"frequency": 1, "period": schedule.every_days or 1, "periodUnit": "d"}
        if slot.name in _SLOT_WHEN:
            repeat["when"] = [_SLOT_WHEN[slot.name]]
        elif slot.name == "bedtime":
            repeat["when"] = [_BEDTIME]
        elif slot.name != ONCE and slot.name not in NAMED_SLOTS:
            repeat["timeOfDay"] = [f"{slot.name}:00"]
        if schedule.weekdays:
            repeat["dayOfWeek"] = [WEEKDAY_NAMES[day] for day in schedule.weekdays]
        dose = record.dose_for(slot)
        slot_name = slot.name if slot.name != ONCE else "once"
        dosage = {
            "sequence": sequence,
            "text": f"{slot_name}: {dose}" if dose is not None else slot_name,
            "timing": {"repeat": repeat},
        }
        if dose is not None:
            dosage["doseAndRate"] = [{"doseQuantity": _dose_quantity(dose)}]
        dosages.append(dosage)
    return dosages


def _overlaps(first: date, last: date | None, period: Period | None) -> bool:
    if period is None:
        return True
    return first <= period.last and (last is None or last >= period.first)


def _medication_statements(bundle: _Bundle, records: FhirRecords) -> None:
    """Each dose a medicine was on, from its record's date to the day before the next record
    in force (a withdrawn record never was)."""
    for medicine in records.medicines:
        standing = [record for record in medicine.history if medicine.applies(record)]
        for index, record in enumerate(standing):
            if record.kind == STOP:
                continue
            following = standing[index + 1] if index + 1 < len(standing) else None
            last = following.effective - timedelta(days=1) if following else None
            if not _overlaps(record.effective, last, records.period):
                continue
            notes = []
            if records.include_notes and record.reason:
                notes.append({"text": f"{record.kind} on {record.effective}: {record.reason}"})
            stopped = following is not None and following.kind == STOP
            if records.include_notes and following is not None and following.reason and not stopped:
                notes.append(
                    {"text": f"{following.kind} on {following.effective}: {following.reason}"}
                )
            if record.effective > records.today:
                status = "intended"
            elif last is not None and last < records.today:
                # A stop is a decision to end it; a change only replaces it with another dose.
                status = "stopped" if stopped else "completed"
            else:
                status = "active"
            effective: Resource = {"start": record.effective.isoformat()}
            if last is not None:
                effective["end"] = last.isoformat()
            body: Resource = {
                "status": status,
                "medicationCodeableConcept": {"text": medicine.name},
                "subject": bundle.patient,
                "effectivePeriod": effective,
                "informationSource": bundle.patient,
                "dosage": _dosage(record),
            }
            if status == "stopped" and following is not None:
                typed = following.reason if records.include_notes else None
                body["statusReason"] = [
                    _concept(codes.MOODLOG, codes.STOPPED, typed or codes.STOPPED.display)
                ]
            if notes:
                body["note"] = notes
            bundle.add(f"regimen/{record.id}", "MedicationStatement", body)


def _prescribed(medicine: Medicine | None, log: DoseLog) -> Dose | None:
    if log.dose is not None or medicine is None:
        return log.dose
    regimen = medicine.regimen_on(log.day)
    if regimen is None or regimen.schedule is None:
        return None
    for slot in regimen.schedule.slots:
        if slot.name == log.slot:
            return regimen.dose_for(slot)
    return regimen.dose


def _administrations(bundle: _Bundle, records: FhirRecords) -> None:
    """Each dose logged (the log that counts, not one a later log corrected): taken as
    completed, missed and skipped as not-done, each with its own coded reason; the reason the
    person typed only with their notes."""
    medicines = {medicine.key: medicine for medicine in records.medicines}
    for log in current_logs(records.dose_logs):
        medicine = medicines.get(log.medicine.casefold())
        body: Resource = {
            "status": "completed" if log.status == TAKEN else "not-done",
            "medicationCodeableConcept": {"text": medicine.name if medicine else log.medicine},
            "subject": bundle.patient,
        }
        if log.status in (MISSED, SKIPPED):
            code = codes.MISSED if log.status == MISSED else codes.SKIPPED
            typed = log.reason if records.include_notes else None
            body["statusReason"] = [_concept(codes.MOODLOG, code, typed or code.display)]
        elif records.include_notes and log.reason:
            body["reasonCode"] = [{"text": log.reason}]
        if log.time is not None:
            body["effectiveDateTime"] = _at(
                log.day, log.time, records.day_starts_at, log.recorded_at
            )
        else:
            body["effectiveDateTime"] = log.day.isoformat()
        dosage: Resource = {}
        slot = log.slot
        if slot is None:
            dosage["text"] = "as needed"
        elif slot != ONCE:
            dosage["text"] = slot
        dose = _prescribed(medicine, log)
        if dose is not None:
            dosage["dose"] = _dose_quantity(dose)
        if dosage:
            body["dosage"] = dosage
        bundle.add(f"dose/{log.id}", "MedicationAdministration", body)


def _flags(bundle: _Bundle, records: FhirRecords) -> None:
    """One Flag per safety trigger a record (an entry or a questionnaire) met: a coding is
    one concept, so two triggers of one entry are two Flags."""
    for flag in sorted(records.safety_flags, key=lambda flag: flag.id or 0):
        source = (
            f"entry/{flag.entry_id}" if flag.entry_id else f"questionnaire/{flag.questionnaire_id}"
        )
        day = flag.day.isoformat()
        bundle.add(
            f"{source}/safety-flag/{flag.trigger}",
            "Flag",
            {
                "status": "inactive",
                "category": [CLINICAL],
                "code": _concept(
                    codes.MOODLOG,
                    codes.Code(codes.SAFETY + flag.trigger, f"Safety trigger: {flag.trigger}"),
                    flag.detail,
                ),
                "subject": bundle.patient,
                "period": {"start": day, "end": day},
                "author": bundle.patient,
            },
        )


def fhir_bundle(
    records: FhirRecords, days: Period | None, sink: Callable[[Resource], None]
) -> tuple[Resource, int]:
    """The Bundle without its entries, and how many entries it has: each entry (the Patient,
    then each kind of resource in turn) goes to ``sink`` as it is made. ``days`` are the days
    whose daily values it holds (None: none)."""
    bundle = _Bundle(records.namespace, sink)
    _patient(bundle, records)
    for answered in sorted(records.questionnaires, key=lambda q: (q.day, q.id or 0)):
        _questionnaire(bundle, answered)
    if days is not None:
        _days(bundle, records, days)
    if records.include_notes:
        _notes(bundle, records)
    _medication_statements(bundle, records)
    _administrations(bundle, records)
    if records.include_safety_flags:
        _flags(bundle, records)
    period = records.period
    name = "bundle/" + (
        f"{period.first.isoformat()}/{period.last.isoformat()}" if period else "whole-journal"
    )
    head = {
        "resourceType": "Bundle",
        "id": bundle.id_of(name),
        "identifier": {"system": bundle.system, "value": name},
        "type": "collection",
    }
    return head, bundle.count

"""`moodlog export --format fhir`: one FHIR R4 Bundle a clinic's record system can take in,
checked for structure by the fhir.resources models and for codes against the published LOINC
panels, written out here by hand."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from typer.testing import CliRunner

from moodlog.cli import app
from moodlog.storage import journal as journal_module
from moodlog.storage.journal import open_journal
from tests.conftest import Run, days_ago
from tests.test_damage import _damaged_journal
from tests.test_damaged_journals import wreck_first_page
from tests.test_ids_never_reused import _frozen

LOINC = "http://loinc.org"
ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
MOODLOG = "https://moodlog.invalid/fhir/CodeSystem/moodlog"

# From the published LOINC panels 44249-1 (PHQ-9) and 69737-5 (GAD-7): each item's code and
# the answer codes of its list for 0, 1, 2, 3.
OFTEN = ("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9")
PHQ9_ITEMS = [
    ("44250-9", OFTEN),
    ("44255-8", OFTEN),
    ("44259-0", OFTEN),
    ("44254-1", OFTEN),
    ("44251-7", OFTEN),
    ("44258-2", OFTEN),
    ("44252-5", OFTEN),
    ("44253-3", OFTEN),
    ("44260-8", OFTEN),
]
GAD7_ITEMS = [
    ("69725-0", OFTEN),
    ("68509-9", ("LA6568-5", "LA6569-3", "LA18938-3", "LA6571-9")),  # "More days than not"
    ("69733-4", OFTEN),
    ("69734-2", OFTEN),
    ("69735-9", OFTEN),
    ("69689-8", OFTEN),
    ("69736-7", OFTEN),
]
PHQ9_DIFFICULTY = ("69722-7", ("LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3"))
TOTALS = {"44249-1": "44261-6", "69737-5": "70274-6"}

# Every test here counts days from the calendar: the journal's today is made the same.
pytestmark = pytest.mark.usefixtures("noon_today")


def ok(moodlog: Run, *args: str) -> str:
    result = moodlog(*args)
    assert result.exit_code == 0, result.output
    return str(result.output)


def make_journal(moodlog: Run, *db: str) -> None:
    """A fortnight of care: a dose change, doses taken, missed and skipped, an as-needed use,
    entries with a note and a symptom, both questionnaires, a safety flag."""
    commands: list[tuple[str, ...]] = [
        ("init", "--preset", "bipolar"),
        ("med", "add", "sertraline", "--dose", "50mg", "--schedule", "morning",
         "--start", days_ago(20)),
        ("med", "change", "sertraline", "--dose", "100mg", "--date", days_ago(10),
         "--reason", "still low"),
        ("med", "add", "lorazepam", "--dose", "0.5mg", "--prn", "--start", days_ago(20)),
        ("add", "--date", days_ago(12), "--time", "09:00", "--mood", "3", "--anxiety", "6",
         "--sleep", "5.5", "--sleep-quality", "2", "--symptom", "depressed=2",
         "--note", "a private note", "--urge", "suicidal-thoughts=1"),
        ("add", "--date", days_ago(12), "--time", "20:00", "--mood", "4"),
        ("add", "--date", days_ago(3), "--mood", "6", "--sleep", "7.5"),
        ("took", "sertraline", "--date", days_ago(12), "--time", "08:15"),
        ("missed", "sertraline", "--date", days_ago(11), "--reason", "forgot"),
        ("skipped", "sertraline", "--date", days_ago(9), "--reason", "held before blood test"),
        ("took", "lorazepam", "--date", days_ago(11), "--time", "14:00", "--reason", "panic"),
        ("check", "phq9", "--answers", "3,2,2,1,1,2,0,1,1", "--difficulty", "2",
         "--date", days_ago(12)),
        ("check", "gad7", "--answers", "1,2,2,3,0,1,0", "--difficulty", "1",
         "--date", days_ago(3)),
    ]  # fmt: skip
    for command in commands:
        ok(moodlog, *db, *command)


def export(moodlog: Run, *args: str) -> dict[str, Any]:
    bundle: dict[str, Any] = json.loads(ok(moodlog, "export", "--format", "fhir", *args))
    Bundle.model_validate(bundle)  # the structure and required fields of FHIR R4
    return bundle


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_bundle_is_valid_fhir_with_one_patient_every_resource_points_to(moodlog: Run) -> None:
    make_journal(moodlog)
    bundle = export(moodlog, "--include-notes", "--include-safety-flags")
    assert bundle["type"] == "collection"
    (patient,) = resources(bundle, "Patient")
    assert "name" not in patient  # nothing identifying
    assert "birthDate" not in patient
    for entry in bundle["entry"]:
        assert entry["fullUrl"] == "urn:uuid:" + entry["resource"]["id"]
        subject = entry["resource"].get("subject")
        if subject is not None:
            assert subject == {"reference": "urn:uuid:" + patient["id"]}
    kinds = {entry["resource"]["resourceType"] for entry in bundle["entry"]}
    assert kinds == {
        "Patient",
        "QuestionnaireResponse",
        "Observation",
        "MedicationStatement",
        "MedicationAdministration",
        "Flag",
    }


def test_questionnaire_items_and_answers_carry_the_loinc_codes(moodlog: Run) -> None:
    make_journal(moodlog)
    bundle = export(moodlog)
    by_form = {
        r["questionnaire"].rsplit("/", 1)[1]: r for r in resources(bundle, "QuestionnaireResponse")
    }
    phq9, gad7 = by_form["44249-1"], by_form["69737-5"]
    cases = [
        (phq9, PHQ9_ITEMS, [3, 2, 2, 1, 1, 2, 0, 1, 1]),
        (gad7, GAD7_ITEMS, [1, 2, 2, 3, 0, 1, 0]),
    ]
    for response, items, answers in cases:
        assert response["status"] == "completed"
        assert response["authored"][-6] in "+-" or response["authored"].endswith("Z")
        for (code, answer_codes), value, item in zip(
            items, answers, response["item"][: len(items)], strict=True
        ):
            assert item["linkId"] == f"/{code}"
            coding = item["answer"][0]["valueCoding"]
            assert (coding["system"], coding["code"]) == (LOINC, answer_codes[value])
            assert coding["extension"] == [{"url": ORDINAL, "valueDecimal": value}]
    phq9_difficulty = phq9["item"][9]
    assert phq9_difficulty["linkId"] == f"/{PHQ9_DIFFICULTY[0]}"
    assert phq9_difficulty["answer"][0]["valueCoding"]["code"] == PHQ9_DIFFICULTY[1][2]
    # Only the LOINC form's own items: the GAD-7 panel has no difficulty item.
    assert [item["linkId"] for item in gad7["item"]] == [f"/{code}" for code, _ in GAD7_ITEMS] + [
        "/70274-6"
    ]
    # The GAD-7 item 2 answered 2 is "More days than not", not the other items' wording.
    assert gad7["item"][1]["answer"][0]["valueCoding"]["display"] == "More days than not"


@pytest.mark.parametrize("difficulty", [0, 1, 2, 3])
def test_the_phq9_difficulty_answer_is_loincs_without_a_score(
    moodlog: Run, difficulty: int
) -> None:
    ok(moodlog, "check", "phq9", "--answers", "0,0,0,0,0,0,0,0,0", "--difficulty",
       str(difficulty))  # fmt: skip
    (response,) = resources(export(moodlog), "QuestionnaireResponse")
    (item,) = [i for i in response["item"] if i["linkId"] == f"/{PHQ9_DIFFICULTY[0]}"]
    (answer,) = item["answer"]
    # LOINC's answer list for 69722-7 carries no scores, so no ordinalValue either.
    assert answer["valueCoding"] == {
        "system": LOINC,
        "code": PHQ9_DIFFICULTY[1][difficulty],
        "display": (
            "Not difficult at all",
            "Somewhat difficult",
            "Very difficult",
            "Extremely difficult",
        )[difficulty],
    }


def test_the_gad7_difficulty_answer_is_an_observation_in_moodlogs_code(moodlog: Run) -> None:
    make_journal(moodlog)
    bundle = export(moodlog)
    responses = resources(bundle, "QuestionnaireResponse")
    (gad7,) = [r for r in responses if r["questionnaire"].endswith("69737-5")]
    observations = resources(bundle, "Observation")
    (difficulty,) = [o for o in observations if o["code"]["coding"][0]["code"] == "gad7-difficulty"]
    assert difficulty["code"]["coding"][0]["system"] == MOODLOG
    (value,) = difficulty["valueCodeableConcept"]["coding"]
    assert (value["system"], value["code"], value["display"]) == (
        MOODLOG,
        "gad7-difficulty-1",
        "Somewhat difficult",
    )
    assert difficulty["derivedFrom"] == [{"reference": "urn:uuid:" + gad7["id"]}]
    assert difficulty["effectiveDateTime"] == days_ago(3)


def test_a_response_says_when_it_was_answered_and_the_day_it_covers(moodlog: Run) -> None:
    make_journal(moodlog)  # both questionnaires back-filled: answered today about earlier days
    covered = {}
    for response in resources(export(moodlog), "QuestionnaireResponse"):
        (extension,) = response["extension"]
        assert extension["url"] == "https://moodlog.invalid/fhir/StructureDefinition/day-covered"
        covered[response["questionnaire"].rsplit("/", 1)[1]] = extension["valueDate"]
        assert response["authored"][:10] == date.today().isoformat()
    assert covered == {"44249-1": days_ago(12), "69737-5": days_ago(3)}


def test_totals_are_the_sum_of_the_answers_with_their_bands(moodlog: Run) -> None:
    make_journal(moodlog)
    bundle = export(moodlog)
    responses = {"urn:uuid:" + r["id"]: r for r in resources(bundle, "QuestionnaireResponse")}
    totals = [
        o
        for o in resources(bundle, "Observation")
        if o["code"]["coding"][0]["system"] == LOINC
        and o["code"]["coding"][0]["code"] in TOTALS.values()
    ]
    assert len(totals) == 2
    # PHQ-9 3+2+2+1+1+2+0+1+1 = 13, moderate (10-14); GAD-7 1+2+2+3+0+1+0 = 9, mild (5-9).
    expected = {"44261-6": (13, "moderate"), "70274-6": (9, "mild")}
    for total in totals:
        response = responses[total["derivedFrom"][0]["reference"]]
        form = response["questionnaire"].rsplit("/", 1)[1]
        assert total["code"]["coding"][0]["code"] == TOTALS[form]
        assert total["category"][0]["coding"][0]["code"] == "survey"
        ordinals = [
            item["answer"][0]["valueCoding"]["extension"][0]["valueDecimal"]
            for item in response["item"]
            if item["linkId"].lstrip("/") in {code for code, _ in PHQ9_ITEMS + GAD7_ITEMS}
        ]
        value, band = expected[total["code"]["coding"][0]["code"]]
        assert total["valueQuantity"]["value"] == sum(ordinals) == value
        assert total["interpretation"][0]["coding"][0]["code"].endswith(band)


def test_daily_values_sleep_in_hours_and_moodlog_codes_for_its_own_scales(moodlog: Run) -> None:
    make_journal(moodlog)
    bundle = export(moodlog)
    day = days_ago(12)
    of_day = {
        o["code"]["coding"][0]["code"]: o
        for o in resources(bundle, "Observation")
        if o.get("effectiveDateTime") == day
    }
    assert of_day["mood"]["valueQuantity"]["value"] == 3.5  # (3 + 4) / 2
    assert "5 your usual self" in of_day["mood"]["code"]["coding"][0]["display"]
    assert of_day["mood"]["code"]["coding"][0]["system"] != LOINC
    sleep = of_day["93832-4"]
    assert sleep["code"]["coding"][0]["system"] == LOINC
    assert (sleep["valueQuantity"]["value"], sleep["valueQuantity"]["code"]) == (5.5, "h")
    assert of_day["symptom:depressed"]["valueQuantity"]["value"] == 2


def test_regimen_periods_and_doses_taken_missed_and_skipped(moodlog: Run) -> None:
    make_journal(moodlog)
    bundle = export(moodlog)
    statements = [
        s
        for s in resources(bundle, "MedicationStatement")
        if s["medicationCodeableConcept"]["text"] == "sertraline"
    ]
    first, second = sorted(statements, key=lambda s: s["effectivePeriod"]["start"])
    assert first["effectivePeriod"] == {"start": days_ago(20), "end": days_ago(11)}
    assert first["dosage"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 50
    assert second["effectivePeriod"] == {"start": days_ago(10)}
    assert second["status"] == "active"
    administrations = resources(bundle, "MedicationAdministration")
    by_status: dict[str, list[dict[str, Any]]] = {}
    for administration in administrations:
        by_status.setdefault(administration["status"], []).append(administration)
    assert len(by_status["completed"]) == 2  # sertraline taken, lorazepam as needed
    missed, skipped = sorted(by_status["not-done"], key=lambda a: a["effectiveDateTime"])
    missed_code = missed["statusReason"][0]["coding"][0]["code"]
    skipped_code = skipped["statusReason"][0]["coding"][0]["code"]
    assert (missed_code, skipped_code) == ("missed", "skipped")


def test_two_exports_give_the_same_ids_and_two_journals_different_ones(
    moodlog: Run, tmp_path: Path
) -> None:
    make_journal(moodlog)
    first_text = ok(moodlog, "export", "--format", "fhir", "--include-notes")
    second_text = ok(moodlog, "export", "--format", "fhir", "--include-notes")
    assert first_text == second_text  # byte for byte: ids, order and values
    first = export(moodlog)
    other = str(tmp_path / "other.db")
    make_journal(moodlog, "--db", other)
    third: dict[str, Any] = json.loads(ok(moodlog, "--db", other, "export", "--format", "fhir"))
    assert not {e["fullUrl"] for e in first["entry"]} & {e["fullUrl"] for e in third["entry"]}
    # Each id is the UUIDv5 of the journal's namespace and the identifier's value.
    namespace = uuid.UUID(ok(moodlog, "config", "get", "fhir.id-namespace").strip())
    for entry in first["entry"]:
        identifier = entry["resource"]["identifier"]
        (identifier,) = identifier if isinstance(identifier, list) else [identifier]
        assert identifier["system"] == f"urn:uuid:{namespace}"
        assert entry["resource"]["id"] == str(uuid.uuid5(namespace, identifier["value"]))


def test_notes_and_safety_flags_only_when_asked(moodlog: Run) -> None:
    make_journal(moodlog)
    plain = json.dumps(export(moodlog))
    assert "a private note" not in plain
    assert '"Flag"' not in plain
    asked = export(moodlog, "--include-notes", "--include-safety-flags")
    assert "a private note" in json.dumps(asked)
    flags = resources(asked, "Flag")
    # The entry's suicidal-thoughts urge and the PHQ-9's item 9 answered 1.
    assert len(flags) == 2


def test_a_stopped_medicine_is_stopped_and_a_changed_dose_completed(moodlog: Run) -> None:
    make_journal(moodlog)
    ok(moodlog, "med", "stop", "lorazepam", "--date", days_ago(2), "--reason", "not needed")
    for args, reason in (((), "Stopped: the person recorded stopping this medicine"),
                         (("--include-notes",), "not needed")):  # fmt: skip
        statements = resources(export(moodlog, *args), "MedicationStatement")
        by_name = {s["medicationCodeableConcept"]["text"]: s for s in statements}
        stopped = by_name["lorazepam"]
        assert stopped["status"] == "stopped"
        assert stopped["effectivePeriod"] == {"start": days_ago(20), "end": days_ago(3)}
        (status_reason,) = stopped["statusReason"]
        assert status_reason["coding"][0]["code"] == "stopped"
        assert status_reason["text"] == reason
        assert "note" not in stopped
        changed = [s for s in statements if s["effectivePeriod"].get("end") == days_ago(11)]
        assert [s["status"] for s in changed] == ["completed"]
        assert "statusReason" not in changed[0]


def test_each_slots_dosage_text_is_the_slot_and_its_own_dose(moodlog: Run) -> None:
    ok(moodlog, "med", "add", "lithium", "--schedule", "morning=300mg,bedtime=600mg",
       "--start", days_ago(5))  # fmt: skip
    (statement,) = resources(export(moodlog), "MedicationStatement")
    assert [d["text"] for d in statement["dosage"]] == ["morning: 300 mg", "bedtime: 600 mg"]


def test_every_observation_names_its_performer(moodlog: Run) -> None:
    make_journal(moodlog)
    bundle = export(moodlog, "--include-notes")
    (patient,) = resources(bundle, "Patient")
    for observation in resources(bundle, "Observation"):
        assert observation["performer"] == [{"reference": "urn:uuid:" + patient["id"]}]


def test_the_reasons_typed_go_out_only_with_the_notes(moodlog: Run) -> None:
    make_journal(moodlog)
    plain = export(moodlog)
    text = json.dumps(plain)
    for typed in ("still low", "forgot", "held before blood test", "panic"):
        assert typed not in text
    # The coded reason always, with its display as its text.
    reasons = {
        a["statusReason"][0]["coding"][0]["code"]: a["statusReason"][0]["text"]
        for a in resources(plain, "MedicationAdministration")
        if a["status"] == "not-done"
    }
    assert reasons == {
        "missed": "Missed: the dose was due and not taken",
        "skipped": "Skipped: held on the prescriber's advice",
    }
    assert not any("note" in s for s in resources(plain, "MedicationStatement"))
    assert not any("reasonCode" in a for a in resources(plain, "MedicationAdministration"))
    asked = export(moodlog, "--include-notes")
    (changed,) = [
        s
        for s in resources(asked, "MedicationStatement")
        if s["effectivePeriod"]["start"] == days_ago(10)
    ]
    assert changed["note"] == [{"text": f"change on {days_ago(10)}: still low"}]
    given = {
        a["statusReason"][0]["coding"][0]["code"]: a["statusReason"][0]["text"]
        for a in resources(asked, "MedicationAdministration")
        if a["status"] == "not-done"
    }
    assert given == {"missed": "forgot", "skipped": "held before blood test"}
    (as_needed,) = [a for a in resources(asked, "MedicationAdministration") if "reasonCode" in a]
    assert as_needed["reasonCode"] == [{"text": "panic"}]


def test_notes_go_out_private_ones_marked(moodlog: Run) -> None:
    ok(moodlog, "add", "--mood", "5", "--note", "for me")
    ok(moodlog, "add", "--mood", "6", "--note", "for the doctor", "--share")
    notes = sorted(
        o["valueString"]
        for o in resources(export(moodlog, "--include-notes"), "Observation")
        if "valueString" in o
    )
    assert notes == ["[private] for me", "for the doctor"]


def test_each_safety_trigger_is_a_flag_of_its_own(moodlog: Run) -> None:
    ok(moodlog, "add", "--mood", "2", "--urge", "suicidal-thoughts=1", "--urge", "self-harm=3")
    flags = resources(export(moodlog, "--include-safety-flags"), "Flag")
    codings = sorted(
        (coding["code"], flag["code"]["text"])
        for flag in flags
        for coding in flag["code"]["coding"]
    )
    assert len(flags) == len(codings) == 2
    assert [code for code, _ in codings] == ["safety:self-harm-urge", "safety:suicidal-thoughts"]
    assert len({flag["id"] for flag in flags}) == 2


def test_since_and_until_choose_the_days(moodlog: Run) -> None:
    make_journal(moodlog)
    bundle = export(moodlog, "--since", days_ago(5), "--until", days_ago(1))
    (response,) = resources(bundle, "QuestionnaireResponse")
    assert response["questionnaire"].endswith("69737-5")
    days = {o.get("effectiveDateTime") for o in resources(bundle, "Observation")}
    assert days == {days_ago(3)}
    assert resources(bundle, "MedicationAdministration") == []
    # Only the dose in force in those days.
    (statement,) = [
        s
        for s in resources(bundle, "MedicationStatement")
        if s["medicationCodeableConcept"]["text"] == "sertraline"
    ]
    assert statement["effectivePeriod"]["start"] == days_ago(10)


def test_the_person_chooses_what_identifies_them(moodlog: Run) -> None:
    ok(moodlog, "config", "set", "fhir.name", "Alex Rivera")
    ok(moodlog, "config", "set", "fhir.birth-date", "1990-04-17")
    (patient,) = resources(export(moodlog), "Patient")
    assert patient["name"] == [{"text": "Alex Rivera"}]
    assert patient["birthDate"] == "1990-04-17"
    # A birth date in the future is refused and the one set is kept.
    assert moodlog("config", "set", "fhir.birth-date", days_ago(-1)).exit_code == 1
    assert ok(moodlog, "config", "get", "fhir.birth-date").strip() == "1990-04-17"
    ok(moodlog, "config", "set", "fhir.birth-date", str(date.today().year))  # begun by today
    (patient,) = resources(export(moodlog), "Patient")
    assert patient["birthDate"] == str(date.today().year)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("config", "set", "fhir.birth-date", "17/04/1990"), "fhir.birth-date '17/04/1990'"),
        (("config", "set", "fhir.birth-date", "1990-02-30"), "not a day of the calendar"),
        (("config", "set", "fhir.id-namespace", "abc"), "is not a UUID"),
        (
            ("config", "set", "fhir.birth-date", days_ago(-1)),
            f"moodlog: fhir.birth-date '{days_ago(-1)}' is after today ({days_ago(0)}); "
            'allowed: a day not after today, or "" for none\n',
        ),
        (
            ("config", "set", "fhir.birth-date", str(date.today().year + 1)),
            f"fhir.birth-date '{date.today().year + 1}' is after today",
        ),
        (("export", "--format", "fhir", "--table", "entries"), "--table is for CSV and JSON"),
        (("export", "--format", "fhir", "--spreadsheet-safe"), "--spreadsheet-safe is for CSV"),
        (("export", "--format", "fhir", "--out", "x.csv"), "ends in .csv"),
        (("export", "--include-notes"), "--include-notes is for --format fhir"),
    ],
)
def test_bad_input_gives_one_clear_line(moodlog: Run, args: tuple[str, ...], message: str) -> None:
    result = moodlog(*args)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("export", "--format", "fhir", "--since", "tomorrow", "--until", "yesterday"),
            f"--since {days_ago(-1)} is after --until {days_ago(1)}; the period must start on "
            "or before its last day",
        ),
        (
            ("export", "--format", "fhir", "--since", "tomorrow"),
            f"--since {days_ago(-1)} is after today ({days_ago(0)}); the period must start on "
            "or before its last day",
        ),
        (
            ("export", "--format", "fhir", "--since", "tomorrow", "--until", "in 5 days"),
            f"--since {days_ago(-1)} is after today ({days_ago(0)}); the period must start on "
            "or before its last day",
        ),
    ],
)
def test_a_period_after_today_is_refused_in_one_line(
    moodlog: Run, args: tuple[str, ...], message: str
) -> None:
    ok(moodlog, "add", "--mood", "5")
    result = moodlog(*args)
    assert result.exit_code == 1
    assert result.stderr == f"moodlog: {message}\n"


def test_out_writes_a_private_json_file(moodlog: Run, tmp_path: Path) -> None:
    make_journal(moodlog)
    target = tmp_path / "for-clinic.json"
    said = ok(moodlog, "export", "--format", "fhir", "--out", str(target))
    count = len(json.loads(target.read_text(encoding="utf-8"))["entry"])
    assert said == f"Exported {count} FHIR resources to {target}\n"
    Bundle.model_validate(json.loads(target.read_text(encoding="utf-8")))
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_restored_journal_keeps_its_ids(moodlog: Run, tmp_path: Path) -> None:
    make_journal(moodlog)
    before = export(moodlog)
    whole = tmp_path / "whole.json"
    ok(moodlog, "export", "--format", "json", "--out", str(whole))
    restored = str(tmp_path / "restored.db")
    ok(moodlog, "--db", restored, "import", str(whole))
    after: dict[str, Any] = json.loads(ok(moodlog, "--db", restored, "export", "--format", "fhir"))
    assert [e["fullUrl"] for e in after["entry"]] == [e["fullUrl"] for e in before["entry"]]


def test_add_loads_nothing_of_the_fhir_export(journal_home: Path) -> None:
    code = (
        "import sys\n"
        "from moodlog.cli import app\n"
        "try:\n"
        "    app(['add', '--mood', '6'], standalone_mode=False)\n"
        "finally:\n"
        "    loaded = [m for m in ('moodlog.domain.fhir', 'moodlog.domain.fhir_codes',\n"
        "              'hashlib', 'fhir', 'pydantic') if m in sys.modules]\n"
        "    print('LOADED:' + ','.join(loaded))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "LOADED:\n" in finished.stdout


def digest(folder: Path) -> dict[str, str]:
    """Every file beside the journal, and a digest of its bytes."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def test_every_journal_holds_its_namespace_from_its_making(
    moodlog: Run, journal_file: Path, tmp_path: Path
) -> None:
    ok(moodlog, "add", "--mood", "5")
    first = uuid.UUID(ok(moodlog, "config", "get", "fhir.id-namespace").strip())
    assert first.version == 4
    other = str(tmp_path / "other.db")
    ok(moodlog, "--db", other, "add", "--mood", "5")
    assert ok(moodlog, "--db", other, "config", "get", "fhir.id-namespace").strip() != str(first)
    # A journal of an older moodlog gets one when it is upgraded.
    older = tmp_path / "older" / "moodlog.db"
    _frozen(older, "journal_0009.sql")
    open_journal(older).close()
    connection = sqlite3.connect(older)
    (value,) = connection.execute(
        "SELECT value FROM settings WHERE key = 'fhir.id-namespace'"
    ).fetchone()
    connection.close()
    assert uuid.UUID(value).version == 4


def test_a_failed_export_and_a_damaged_journal_leave_the_file_as_it_was(
    moodlog: Run, journal_file: Path
) -> None:
    make_journal(moodlog)
    ok(moodlog, "check-journal")  # settles the journal's write-ahead log into the file
    before = digest(journal_file.parent)
    refused = moodlog("export", "--format", "fhir", "--since", "today", "--until", "yesterday")
    assert refused.exit_code == 1
    assert digest(journal_file.parent) == before
    wreck_first_page(journal_file, "entries_by_day")
    before = digest(journal_file.parent)
    result = moodlog("export", "--format", "fhir", "--since", days_ago(5))
    assert result.exit_code == 1
    assert f"{journal_file} is damaged" in result.stderr
    assert digest(journal_file.parent) == before


def test_a_journal_that_refuses_writes_exports_fhir(
    moodlog: Run, journal_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_journal(moodlog)
    expected = export(moodlog)
    set_pragmas = journal_module._set_connection_pragmas

    def read_only(connection: sqlite3.Connection) -> None:
        set_pragmas(connection)
        connection.execute("PRAGMA query_only = ON")

    monkeypatch.setattr(journal_module, "_set_connection_pragmas", read_only)
    assert export(moodlog) == expected


def test_an_older_whole_journal_without_a_namespace_keeps_the_new_journals(
    moodlog: Run, tmp_path: Path
) -> None:
    make_journal(moodlog)
    whole = tmp_path / "whole.json"
    ok(moodlog, "export", "--format", "json", "--out", str(whole))
    document = json.loads(whole.read_text(encoding="utf-8"))
    settings = document["tables"]["settings"]
    document["tables"]["settings"] = [s for s in settings if s["key"] != "fhir.id-namespace"]
    whole.write_text(json.dumps(document), encoding="utf-8")
    restored = str(tmp_path / "restored.db")
    ok(moodlog, "--db", restored, "add", "--mood", "5", "--date", "2020-01-01")
    ok(moodlog, "--db", restored, "delete", "1", "--yes")
    own = ok(moodlog, "--db", restored, "config", "get", "fhir.id-namespace")
    ok(moodlog, "--db", restored, "import", str(whole))
    assert ok(moodlog, "--db", restored, "config", "get", "fhir.id-namespace") == own
    assert own != ok(moodlog, "config", "get", "fhir.id-namespace")


def test_the_copy_check_journal_rescues_keeps_the_namespace(journal_file: Path) -> None:
    _damaged_journal(journal_file, "index-page")
    connection = sqlite3.connect(f"file:{journal_file}?mode=ro", uri=True)
    (namespace,) = connection.execute(
        "SELECT value FROM settings WHERE key = 'fhir.id-namespace'"
    ).fetchone()
    connection.close()
    assert CliRunner().invoke(app, ["check-journal"]).exit_code == 1
    (copy,) = journal_file.parent.glob("moodlog-recovered-*.db")
    recovered = sqlite3.connect(copy)
    rows = recovered.execute("SELECT key, value FROM settings").fetchall()
    recovered.close()
    assert ("fhir.id-namespace", namespace) in rows
    assert [key for key, _ in rows].count("fhir.id-namespace") == 1

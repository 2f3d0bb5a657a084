"""Every code the FHIR export writes, in one table: LOINC's for the PHQ-9 and GAD-7 and for
sleep, and moodlog's own for what no published code means (docs/fhir.md lists them).

The PHQ-9 and GAD-7 item codes and each item's answer list are LOINC's, as the published
LOINC Questionnaire resources for panel 44249-1 (PHQ-9 quick depression assessment panel) and
panel 69737-5 (Generalized anxiety disorder 7 item) give them (the LHC-Forms conversion of the
LOINC panels, answer list LL358-3; https://loinc.org/44249-1, https://loinc.org/69737-5). The
answer lists differ between items: the GAD-7's item 2 says "More days than not" for 2.
"""

from __future__ import annotations

from dataclasses import dataclass

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"

# moodlog's own code system, for values moodlog defines itself (its 0-10 scales, the person's
# symptom scales, a band's name, why a dose was not taken): never a borrowed code that means
# something else.
MOODLOG = "https://moodlog.invalid/fhir/CodeSystem/moodlog"
# moodlog's extension for the day a questionnaire's answers are about (a valueDate).
DAY_COVERED = "https://moodlog.invalid/fhir/StructureDefinition/day-covered"


@dataclass(frozen=True)
class Code:
    code: str
    display: str


@dataclass(frozen=True)
class Form:
    """One LOINC panel: its code, its items' codes with each item's answer list (the answer
    for 0, 1, 2, 3), its total score's code, and its difficulty item if LOINC has one."""

    panel: Code
    items: tuple[tuple[Code, tuple[Code, ...]], ...]
    total: Code
    difficulty: Code | None


NOT_AT_ALL = Code("LA6568-5", "Not at all")
SEVERAL_DAYS = Code("LA6569-3", "Several days")
MORE_THAN_HALF = Code("LA6570-1", "More than half the days")
MORE_DAYS_THAN_NOT = Code("LA18938-3", "More days than not")
NEARLY_EVERY_DAY = Code("LA6571-9", "Nearly every day")
HOW_OFTEN = (NOT_AT_ALL, SEVERAL_DAYS, MORE_THAN_HALF, NEARLY_EVERY_DAY)

# The difficulty answers, in moodlog's order 0-3 (LOINC numbers "Very difficult" after
# "Extremely difficult").
DIFFICULTY_ANSWERS = (
    Code("LA6572-7", "Not difficult at all"),
    Code("LA6573-5", "Somewhat difficult"),
    Code("LA6575-0", "Very difficult"),
    Code("LA6574-3", "Extremely difficult"),
)

PHQ9_FORM = Form(
    panel=Code("44249-1", "PHQ-9 quick depression assessment panel"),
    items=tuple(
        (Code(code, display), HOW_OFTEN)
        for code, display in (
            ("44250-9", "Little interest or pleasure in doing things"),
            ("44255-8", "Feeling down, depressed, or hopeless"),
            ("44259-0", "Trouble falling or staying asleep, or sleeping too much"),
            ("44254-1", "Feeling tired or having little energy"),
            ("44251-7", "Poor appetite or overeating"),
            (
                "44258-2",
                "Feeling bad about yourself-or that you are a failure or have let yourself or "
                "your family down",
            ),
            (
                "44252-5",
                "Trouble concentrating on things, such as reading the newspaper or watching "
                "television",
            ),
            (
                "44253-3",
                "Moving or speaking so slowly that other people could have noticed. Or the "
                "opposite-being so fidgety or restless that you have been moving around a lot "
                "more than usual",
            ),
            (
                "44260-8",
                "Thoughts that you would be better off dead, or of hurting yourself in some way",
            ),
        )
    ),
    total=Code("44261-6", "Patient health questionnaire 9 item total score"),
    difficulty=Code(
        "69722-7",
        "How difficult have these problems made it for you to do your work, take care of "
        "things at home, or get along with other people?",
    ),
)

GAD7_FORM = Form(
    panel=Code("69737-5", "Generalized anxiety disorder 7 item (GAD-7)"),
    items=(
        (Code("69725-0", "Feeling nervous, anxious or on edge"), HOW_OFTEN),
        (
            Code(
                "68509-9",
                "Over the past 2 weeks have you not been able to stop or control worrying",
            ),
            (NOT_AT_ALL, SEVERAL_DAYS, MORE_DAYS_THAN_NOT, NEARLY_EVERY_DAY),
        ),
        (Code("69733-4", "Worrying too much about different things"), HOW_OFTEN),
        (Code("69734-2", "Trouble relaxing"), HOW_OFTEN),
        (Code("69735-9", "Being so restless that it is hard to sit still"), HOW_OFTEN),
        (Code("69689-8", "Becoming easily annoyed or irritable."), HOW_OFTEN),
        (Code("69736-7", "Feeling afraid as if something awful might happen"), HOW_OFTEN),
    ),
    total=Code("70274-6", "Generalized anxiety disorder 7 item total score"),
    difficulty=None,
)

FORMS = {"phq9": PHQ9_FORM, "gad7": GAD7_FORM}

# The GAD-7 panel has no difficulty item, so its question and its answer are moodlog's own
# codes, in an Observation of their own.
GAD7_DIFFICULTY = Code(
    "gad7-difficulty",
    "If you checked off any problems, how difficult have these made it for you to do your "
    "work, take care of things at home, or get along with other people?",
)
GAD7_DIFFICULTY_ANSWERS = tuple(
    Code(f"gad7-difficulty-{value}", answer.display)
    for value, answer in enumerate(DIFFICULTY_ANSWERS)
)

SLEEP_DURATION = Code("93832-4", "Sleep duration")

# moodlog's own codes, each with its anchors in the display.
MOOD = Code("mood", "Mood 0-10: 0 lowest possible, 5 your usual self, 10 best possible")
ANXIETY = Code("anxiety", "Anxiety 0-10: 0 none, 10 worst imaginable")
IRRITABILITY = Code("irritability", "Irritability 0-10: 0 none, 10 extreme")
ENERGY = Code("energy", "Energy 0-10: 0 none, 10 highest")
SLEEP_QUALITY = Code("sleep-quality", "Sleep quality 1-5: 1 very poor, 5 very good")
SYMPTOM = "symptom:"  # then the scale's name: the person's own symptom scales
JOURNAL_NOTE = Code("journal-note", "Journal note (free text written by the person)")
BAND = "band:"  # then the band's name, e.g. band:moderately severe
MISSED = Code("missed", "Missed: the dose was due and not taken")
SKIPPED = Code("skipped", "Skipped: held on the prescriber's advice")
STOPPED = Code("stopped", "Stopped: the person recorded stopping this medicine")
SAFETY = "safety:"  # then the trigger, e.g. safety:phq9-item9

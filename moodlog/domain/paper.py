"""The paper a report is drawn on: A4, or US Letter where the locale's territory uses it."""

from __future__ import annotations

from collections.abc import Mapping

PAPER_NAMES = ("a4", "letter")
FROM_LOCALE = "locale"  # the paper setting's default: as the locale says

# The territories whose locales print on Letter (those glibc's locales give Letter paper):
# the United States, Canada, Mexico, the Philippines, Puerto Rico, and Chile, Colombia,
# Venezuela, Costa Rica, Guatemala, El Salvador, Nicaragua, Panama and the Dominican Republic.
LETTER_TERRITORIES = frozenset(
    ("US", "CA", "MX", "PH", "PR", "CL", "CO", "VE", "CR", "GT", "SV", "NI", "PA", "DO")
)


def _territory(locale: str) -> str | None:
    """``US`` from ``en_US.UTF-8`` (``language_TERRITORY.codeset@modifier``); None when the
    locale names none (``C``, ``POSIX``)."""
    name = locale.split(".", 1)[0].split("@", 1)[0]
    if "_" not in name:
        return None
    return name.split("_", 1)[1].upper() or None


def paper_from_locale(environ: Mapping[str, str]) -> str:
    """Letter when the locale for paper sizes names a territory that uses it, else A4. The
    locale is LC_ALL's, else LC_PAPER's, else LANG's (the order the C library reads them in);
    the first that is set decides."""
    for variable in ("LC_ALL", "LC_PAPER", "LANG"):
        value = environ.get(variable, "")
        if value:
            territory = _territory(value)
            return "letter" if territory in LETTER_TERRITORIES else "a4"
    return "a4"


def chosen_paper(asked: str | None, setting: str, environ: Mapping[str, str]) -> str:
    """The paper a report is drawn on: as asked (``--paper``), else the ``paper`` setting,
    else as the locale says."""
    if asked is not None:
        return asked
    if setting in PAPER_NAMES:
        return setting
    return paper_from_locale(environ)

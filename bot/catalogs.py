"""Translation catalogs (babel/gettext) for interface strings.

Vietnamese is the source language, so it needs no catalog. English comes from
bot/locales/en/LC_MESSAGES/careerbot.mo, compiled by `pybabel compile` when the project is installed
(`make` does it); when only the .po file is present (a plain checkout), it is compiled in memory.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "careerbot"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog for 'vi' (none needed) or 'en'."""
    if language == "vi":
        return gettext.NullTranslations()
    folder = LOCALES / language / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    if compiled.exists():
        with compiled.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    source = folder / f"{DOMAIN}.po"
    if not source.exists():
        return gettext.NullTranslations()
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)

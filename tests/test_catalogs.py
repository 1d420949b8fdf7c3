"""Every interface string is in the English catalog and translated (Vietnamese is the source)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from bot.catalogs import translations
from tests.conftest import ROOT

PO = ROOT / "bot" / "locales" / "en" / "LC_MESSAGES" / "careerbot.po"


def test_every_string_in_the_code_is_translated(tmp_path: Path) -> None:
    pot = tmp_path / "careerbot.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "--mapping",
            "babel.cfg",
            "--keywords",
            "_",
            "--no-location",
            "--output-file",
            str(pot),
            "--msgid-bugs-address",
            "",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        in_code = {m.id for m in read_po(handle) if m.id}
    with PO.open("rb") as handle:
        catalog = {m.id: m.string for m in read_po(handle) if m.id}
    missing = sorted(in_code - set(catalog))
    assert missing == [], "run `make messages` and translate"
    untranslated = sorted(msgid for msgid in in_code if not catalog[msgid])
    assert untranslated == []


def test_english_catalog_is_used() -> None:
    assert translations("en").gettext("Tìm hiểu nghề") == "Explore trades"
    assert translations("vi").gettext("Tìm hiểu nghề") == "Tìm hiểu nghề"

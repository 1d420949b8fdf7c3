"""Answer quality on the shared development questions, measured exactly as the product owner does."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCORER = ROOT.parent / "shared" / "eval" / "score.py"
DEV = ROOT.parent / "shared" / "eval" / "dev-questions.yaml"
EXTRA = ROOT / "tests" / "questions-extra.yaml"
EXTRA2 = ROOT / "tests" / "questions-extra2.yaml"
CAREERBOT = f"{sys.executable} -m bot.cli ask --json -"


def score(questions: Path) -> tuple[float, int, int]:
    """Run the shared scorer; return (accuracy %, answered wrongly, total)."""
    result = subprocess.run(
        [sys.executable, str(SCORER), str(questions), "--cmd", CAREERBOT],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    accuracy = re.search(r"^accuracy: ([\d.]+)% \(\d+/(\d+)\)$", result.stdout, re.MULTILINE)
    wrong = re.search(r"^answered wrongly:\s+(\d+)", result.stdout, re.MULTILINE)
    assert accuracy, result.stdout
    assert wrong, result.stdout
    return float(accuracy.group(1)), int(wrong.group(1)), int(accuracy.group(2))


@pytest.mark.slow
@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is not beside this checkout")
def test_development_questions_reach_the_bar() -> None:
    accuracy, wrong, total = score(DEV)
    assert accuracy >= 90.0
    assert wrong / total <= 0.03, f"{wrong} confident wrong answers out of {total}"


@pytest.mark.slow
@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is not beside this checkout")
@pytest.mark.parametrize("questions", [EXTRA, EXTRA2], ids=["extra", "extra2"])
def test_our_own_held_out_questions_stay_good(questions: Path) -> None:
    # Written by sessions that never saw the engine: a guard against over-fitting to the dev set.
    accuracy, wrong, total = score(questions)
    assert accuracy >= 90.0
    assert wrong / total <= 0.05, f"{wrong} confident wrong answers out of {total}"

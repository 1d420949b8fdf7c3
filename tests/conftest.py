"""Shared fixtures: the bundled knowledge base, a small one, and a way to run the CLI as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.engine import Engine
from knowledge.loader import load_knowledge

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "careers.yaml"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini.yaml"
CAREERBOT = [sys.executable, "-m", "bot.cli"]


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine over the bundled careers.yaml, built once."""
    return Engine(load_knowledge(BUNDLED).knowledge)


@pytest.fixture(scope="session")
def mini_engine() -> Engine:
    """The engine over a tiny hand-made knowledge base."""
    return Engine(load_knowledge(MINI).knowledge)


def run_cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `careerbot ARGS` in a subprocess, like a user at a terminal (no TTY)."""
    full_env = {k: v for k, v in os.environ.items() if k != "CAREERS_PATH"}
    full_env.update(env or {})
    return subprocess.run(
        [*CAREERBOT, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        timeout=120,
        check=False,
    )

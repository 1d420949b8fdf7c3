# careerbot — the two commands a newcomer needs: `make chat` and `make test`.
# Everything is installed into .venv on first use; only python3 (≥ 3.11) and make are required.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: chat test lint format typecheck bench eval validate clean help

help:
	@echo "make chat      talk to careerbot in the terminal"
	@echo "make test      run the whole test suite"
	@echo "make lint      ruff + mypy"
	@echo "make bench     speed and memory benchmarks (figures for the notes)"
	@echo "make eval      score the answer engine on ../shared/eval/dev-questions.yaml"
	@echo "make validate  check careers.yaml"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "careerbot needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

chat: $(STAMP)
	$(BIN)/careerbot chat

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python bench/bench_answer.py

eval: $(STAMP)
	$(BIN)/python ../shared/eval/score.py ../shared/eval/dev-questions.yaml --cmd "$(BIN)/careerbot ask --json -"

validate: $(STAMP)
	$(BIN)/careerbot validate

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache build *.egg-info

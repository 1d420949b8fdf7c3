# careerbot — the two commands a newcomer needs: `make chat` and `make test`.
# Everything is installed into .venv on first use; only python3 (≥ 3.11) and make are required.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: chat run test lint format bench eval validate clean help emulator messages catalogs

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
	$(MAKE) --no-print-directory catalogs
	@touch $(STAMP)

# Interface strings: Vietnamese in the code, English in bot/locales (gettext via babel).
LOCALES := bot/locales
catalogs:
	$(BIN)/pybabel compile --domain careerbot --directory $(LOCALES) --statistics

messages: $(STAMP)
	$(BIN)/pybabel extract --mapping babel.cfg --keywords _ --no-location --sort-output \
		--project careerbot --msgid-bugs-address "" --output-file $(LOCALES)/careerbot.pot .
	$(BIN)/pybabel update --domain careerbot --input-file $(LOCALES)/careerbot.pot --output-dir $(LOCALES) --no-fuzzy-matching

chat: $(STAMP)
	$(BIN)/careerbot chat

run: $(STAMP)
	$(BIN)/careerbot run

# The Telegram Bot API emulator for end-to-end tests (telegram-test-api, pinned in its lock file).
EMULATOR := tests/e2e/emulator
$(EMULATOR)/node_modules/.package-lock.json: $(EMULATOR)/package.json $(EMULATOR)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(EMULATOR) --no-audit --no-fund --loglevel=error; \
	else \
		echo "npm not found: end-to-end tests against the Bot API emulator will be skipped (apt-get install nodejs npm)"; \
	fi

emulator: $(EMULATOR)/node_modules/.package-lock.json

test: $(STAMP) emulator
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
	$(BIN)/python bench/bench_bot.py
	$(BIN)/python bench/quiz_distribution.py
	$(BIN)/python bench/bench_signals.py

eval: $(STAMP)
	$(BIN)/python ../shared/eval/score.py ../shared/eval/dev-questions.yaml --cmd "$(BIN)/careerbot ask --json -"

validate: $(STAMP)
	$(BIN)/careerbot validate

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache build *.egg-info

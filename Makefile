# Two commands matter: `make demo` and `make test`. Everything they need is installed here.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= geopivot-demo.db

.PHONY: setup demo serve test test-fast bench clean browser

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/geopivot demo --db $(DEMO_DB)

# Serves the demo store (run `make demo` first) on http://127.0.0.1:8000/ until Ctrl-C.
serve: setup
	test -f $(DEMO_DB) || $(BIN)/geopivot demo --db $(DEMO_DB)
	$(BIN)/geopivot serve --db $(DEMO_DB)

test: setup browser
	$(BIN)/ruff check --select F,E9 src tests benchmarks
	$(BIN)/python -m pytest -q

# Debian's Chromium for tests/test_browser.py (Playwright drives it and never downloads a browser);
# where apt cannot install it, the browser tests skip and say why.
browser:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium) || echo "chromium not installed: browser tests will skip"

test-fast: setup
	$(BIN)/python -m pytest -q -m 'not slow'

bench: setup
	$(BIN)/python benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm build src/*.egg-info

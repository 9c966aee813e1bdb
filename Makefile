# Everything a fresh machine needs: Python 3.11, pip and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test fuzz install semgrep parity clean bench profile realcode

# Semgrep lives in its own virtualenv: it pins its dependencies (opentelemetry
# among them) and breaks when another package upgrades them beside it. The
# path .venv-semgrep/bin/semgrep is stable: the tests (through FIXLINT_SEMGREP)
# and the benchmark call it there. It always runs offline (fixlint/semgrep/run.py).
SEMGREP_VERSION := 1.180.0
SEMGREP_VENV    := .venv-semgrep
SEMGREP         := $(SEMGREP_VENV)/bin/semgrep
SEMGREP_STAMP   := $(SEMGREP_VENV)/.installed-$(SEMGREP_VERSION)

run: $(STAMP)
	@echo "== fixlint check fixtures/ (exit 1 means findings, as expected here)"
	@$(BIN)/fixlint check --extend-select SFX305 --exclude '*.fixed.py' fixtures/; status=$$?; \
	  if [ $$status -gt 1 ]; then exit $$status; fi

test: $(STAMP) $(SEMGREP_STAMP)
	FIXLINT_SEMGREP=$(abspath $(SEMGREP)) $(BIN)/python -m pytest -q

# The property tests with FUZZ random examples each (make test runs a few
# hundred, derandomized); stops at the first failure, shrunk.
FUZZ ?= 2000
fuzz: $(STAMP)
	FIXLINT_FUZZ=$(FUZZ) $(BIN)/python -m pytest -q -x tests/test_fuzz.py

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,fix]'
	touch $(STAMP)

semgrep: $(SEMGREP_STAMP)

$(SEMGREP_STAMP):
	rm -rf $(SEMGREP_VENV)
	$(PYTHON) -m venv $(SEMGREP_VENV)
	$(SEMGREP_VENV)/bin/python -m pip install -q 'semgrep==$(SEMGREP_VERSION)'
	touch $(SEMGREP_STAMP)

# Re-export the Semgrep rules, measure flake8 and Semgrep on fixtures/
# (fixlint/semgrep/parity.json) and regenerate the README and rule pages.
parity: $(STAMP) $(SEMGREP_STAMP)
	$(BIN)/fixlint export-semgrep
	FIXLINT_SEMGREP=$(abspath $(SEMGREP)) $(BIN)/python -m tests.parity --write
	$(BIN)/python -m fixlint.generate

# The benchmark runs in its own venv with pinned tools (bench/requirements.txt),
# and Semgrep from its venv above; the corpus is cached in ~/.cache/fixlint-bench
# (or $$BENCH_CACHE).
BENCH_VENV  := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

bench: $(BENCH_STAMP) $(SEMGREP_STAMP)
	$(BENCH_VENV)/bin/python -m bench
	$(BENCH_VENV)/bin/python -m fixlint.generate

profile: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python -m bench.profile

$(BENCH_STAMP): pyproject.toml bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install -q -e '.[server]' -r bench/requirements.txt
	touch $(BENCH_STAMP)

clean:
	rm -rf $(VENV) $(SEMGREP_VENV) $(BENCH_VENV) .pytest_cache build dist *.egg-info

# fixlint over a pinned corpus of real applications (downloaded once into
# ~/.cache/fixlint-realcode or $$REALCODE_CACHE), checked against the reviewed
# verdicts in realcode/baseline.json; exit 1 on an unreviewed or vanished
# finding. `make realcode ARGS=--update` rewrites the baseline (see README).
realcode: $(STAMP)
	@$(BIN)/python -m realcode $(ARGS); status=$$?; \
	  $(BIN)/python -m fixlint.generate >/dev/null && exit $$status

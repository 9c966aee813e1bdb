# Everything a fresh machine needs: Python 3.11, pip and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install clean bench profile

run: $(STAMP)
	@echo "== fixlint check fixtures/ (exit 1 means findings, as expected here)"
	@$(BIN)/fixlint check --extend-select SFX305 --exclude '*.fixed.py' fixtures/; status=$$?; \
	  if [ $$status -gt 1 ]; then exit $$status; fi

test: $(STAMP)
	$(BIN)/python -m pytest -q

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,fix]'
	touch $(STAMP)

# The benchmark runs in its own venv with pinned tools (bench/requirements.txt);
# the corpus is cached in ~/.cache/fixlint-bench (or $$BENCH_CACHE).
BENCH_VENV  := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

bench: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python -m bench
	$(BENCH_VENV)/bin/python -m fixlint.generate

profile: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python -m bench.profile

$(BENCH_STAMP): pyproject.toml bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install -q -e . -r bench/requirements.txt
	touch $(BENCH_STAMP)

clean:
	rm -rf $(VENV) $(BENCH_VENV) .pytest_cache build dist *.egg-info

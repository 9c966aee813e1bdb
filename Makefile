# Everything a fresh machine needs: Python 3.11, pip and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test fuzz install clean

run: $(STAMP)
	@echo "== fixlint check fixtures/ (exit 1 means findings, as expected here)"
	@$(BIN)/fixlint check --extend-select SFX305 --exclude '*.fixed.py' fixtures/; status=$$?; \
	  if [ $$status -gt 1 ]; then exit $$status; fi

test: $(STAMP)
	$(BIN)/python -m pytest -q

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

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info

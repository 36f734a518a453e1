# Two commands do all the set-up on a fresh machine (see README.md):
#   make report   install into .venv, analyse the bundled corpus, execute the notebooks, render HTML and figures
#   make test     install into .venv (with test extras) and run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report analyze test benchmark clean-results help
help:
	@echo "make report   - set up and run the whole analysis + notebooks + figures on the bundled corpus"
	@echo "make test     - set up and run the tests"
	@echo "make analyze  - only write the result tables to results/"
	@echo "make benchmark - print speed figures (not part of the tests)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

report: $(STAMP)
	$(BIN)/framing report

analyze: $(STAMP)
	$(BIN)/framing analyze

test: $(STAMP)
	$(BIN)/python -m pytest

benchmark: $(STAMP)
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean-results:
	rm -rf results report

# Two commands do all the set-up on a fresh machine (see README.md):
#   make report   install into .venv, analyse the bundled corpus, execute the notebooks, render HTML and figures
#   make test     install into .venv (with test extras) and run the test suite
# Installs use requirements.lock as pip constraints (exact versions); `make lock` regenerates it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
PIP_INSTALL := $(BIN)/python -m pip install --quiet -c $(LOCK)

.PHONY: report analyze test test-soak benchmark wheel check-wheel lock soak clean-results help
help:
	@echo "make report      - set up and run the whole analysis + notebooks + figures on the bundled corpus"
	@echo "make test        - set up and run the tests (property tests with the bounded 'ci' profile)"
	@echo "make analyze     - only write the result tables to results/"
	@echo "make benchmark   - print speed figures (not part of the tests)"
	@echo "make check-wheel - build the wheel, install it into a clean venv, run 'framing report' outside the checkout"
	@echo "make lock        - rewrite requirements.lock from the installed environment"
	@echo "make test-soak   - property tests with many more examples (hypothesis profile 'soak')"
	@echo "make soak        - thousands of real articles through add, analyze and report (needs ../shared)"

# The venv is created only when missing: re-running `python -m venv` on a venv (or with the venv's own
# python first on PATH) can break it; dependency changes only reinstall into it.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(PIP_INSTALL) -e ".[test]"
	@touch $(STAMP)

report: $(STAMP)
	$(BIN)/framing report

analyze: $(STAMP)
	$(BIN)/framing analyze

test: $(STAMP)
	$(BIN)/python -m pytest

test-soak: $(STAMP)
	$(BIN)/python -m pytest tests/test_properties.py --hypothesis-profile=soak

benchmark: $(STAMP)
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

wheel: $(STAMP)
	rm -rf dist build
	$(BIN)/python -m pip wheel --quiet --no-deps -w dist .

check-wheel: wheel
	bash scripts/check_wheel.sh dist $(LOCK)

lock: $(STAMP)
	$(BIN)/python scripts/lock.py

soak: $(STAMP)
	$(BIN)/python scripts/soak.py $(SOAK_ARGS)

clean-results:
	rm -rf results report

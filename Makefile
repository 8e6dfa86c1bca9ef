# `make site` builds the site from seeds/ and records/; `make test` runs every test.
# Both install exactly the versions in requirements.lock into .venv/ first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The lock covers the package's dependencies and the `test` and `dev` extras, for any platform.
LOCK_ARGS := --extra test --extra dev --generate-hashes --universal --python-version 3.11

.PHONY: site test test-fast check lock serve bench clean

# Every package at the locked version and hash, nothing else resolved; then the project
# itself, built with the locked setuptools; then the gazetteer's index, once per set of
# GeoNames package versions, in the user's cache folder (builder/gazetteer/cache.py).
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m builder gazetteer build
	touch $(STAMP)

site: $(STAMP)
	$(PY) -m builder build

test: $(STAMP)
	$(PY) -m pytest

# The unit tests: no subprocess, site build, fuzzing or browser.
test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow and not browser"

check: $(STAMP)
	$(PY) -m ruff check builder tests
	$(PY) -m mypy

# Refresh the lock on purpose: the newest versions pyproject.toml's ranges allow.
lock: $(STAMP)
	$(PY) -m uv pip compile pyproject.toml $(LOCK_ARGS) --upgrade --quiet -o requirements.lock

# The benchmark compares `mkdocs build` with the newest Zensical, kept in a venv of its own.
ZENSICAL_VENV := .venv-zensical
ZENSICAL := $(ZENSICAL_VENV)/bin/zensical

$(ZENSICAL):
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet --upgrade zensical

bench: $(STAMP) $(ZENSICAL)
	ZENSICAL=$(ZENSICAL) $(PY) -m builder bench --events 2000 --events 10000 --page docs/performance.md

serve: $(STAMP)
	$(PY) -m builder serve

clean:
	rm -rf site docs/.builder-cache docs/index.md docs/events docs/actors docs/locations docs/sources docs/chronology docs/downloads

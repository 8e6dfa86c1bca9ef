# `make site` builds the site from seeds/ and records/; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site test serve bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(PY) -m builder build

test: $(STAMP)
	$(PY) -m pytest

# The benchmark compares `mkdocs build` with the newest Zensical, kept in a venv of its own.
ZENSICAL_VENV := .venv-zensical
ZENSICAL := $(ZENSICAL_VENV)/bin/zensical

$(ZENSICAL):
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet --upgrade zensical

bench: $(STAMP) $(ZENSICAL)
	ZENSICAL=$(ZENSICAL) $(PY) -m builder bench --events 1000 --events 10000 --page docs/performance.md

serve: $(STAMP)
	$(PY) -m builder serve

clean:
	rm -rf site docs/.builder-cache docs/index.md docs/events docs/actors docs/locations docs/sources docs/chronology docs/downloads

# The two commands of the README: `make demo` (main job) and `make test` (whole suite).
# Both set up everything they need on a fresh machine with Python 3.11.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

# `make demo PORT=8051` when 8050 is taken (regiomonitor demo says so before building).
PORT ?= 8050

AXE_VERSION := 4.14.1
AXE := tests/.cache/axe-core-$(AXE_VERSION)/axe.min.js

# The text catalogues (core/locale): one .po per language, compiled to .mo here.
LOCALE := core/locale
CATALOGUES := $(LOCALE)/nl/LC_MESSAGES/messages.mo $(LOCALE)/en/LC_MESSAGES/messages.mo
# How the code marks a text (core/texts.py); tests/test_texts.py reads this line.
BABEL_KEYWORDS := -k _ -k N_ -k said -k ngettext:1,2 -k pgettext:1c,2

.PHONY: demo test install browser clean messages

demo: $(INSTALLED) $(CATALOGUES)
	$(BIN)/regiomonitor demo --port $(PORT)

# Two workers (pytest-xdist), each file on one: half the tests wait on servers, browsers and
# subprocesses, so two cores run the suite in about three quarters of the time of one. The files
# go out in the order tests/conftest.py gives them (the longest first), not xdist's own.
TEST_WORKERS ?= 2

test: $(INSTALLED) $(CATALOGUES) browser $(AXE)
	AXE_CORE_JS=$(AXE) $(BIN)/python -m pytest --numprocesses $(TEST_WORKERS) --dist loadfile \
	  --no-loadscope-reorder

install: $(INSTALLED) $(CATALOGUES)

# Exact versions from the lock file, then the project itself without touching them. uv installs
# the same versions as pip does (same `pip freeze`), in 6 s instead of 58 s from an empty cache.
UV_VERSION := 0.13.9
UV := $(BIN)/uv pip install --quiet --python $(BIN)/python

$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Regiomonitor needs Python 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) --compile-bytecode -r requirements.lock
	$(UV) --no-deps -e .
	touch $@

$(LOCALE)/%/LC_MESSAGES/messages.mo: $(LOCALE)/%/LC_MESSAGES/messages.po $(INSTALLED)
	$(BIN)/pybabel compile --domain messages --locale $* --input-file $< --output-file $@

# After adding or changing texts in the code: every text into both catalogues (a new one with an
# empty translation, which tests/test_texts.py reports until it is filled in; gone ones removed).
messages: $(INSTALLED)
	$(BIN)/pybabel extract -F $(LOCALE)/babel.cfg $(BABEL_KEYWORDS) --no-default-keywords \
	  --no-location --sort-output --omit-header -o $(LOCALE)/messages.pot .
	$(BIN)/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) -D messages -w 100 \
	  --no-fuzzy-matching --ignore-obsolete
	rm $(LOCALE)/messages.pot

# Browser tests drive Debian's Chromium; Playwright cannot download its own here.
browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

# axe-core (accessibility rules) from the npm registry, pinned; the browser tests inject it.
$(AXE):
	mkdir -p $(dir $@)
	cd $(dir $@) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && \
	  tar -xzf axe-core-$(AXE_VERSION).tgz package/axe.min.js && mv package/axe.min.js . && \
	  rm -rf package axe-core-$(AXE_VERSION).tgz

clean:
	rm -rf $(VENV) data/warehouse $(CATALOGUES)

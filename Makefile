# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo serve test test-browser browser-deps bench bench-serve clean

install: $(STAMP)

# Everything is pinned in constraints.txt, the spaCy model included (it is a PyPI package).
$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip>=24"
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/sourcier demo
	@echo "Where did the story of Bamako's power cuts come from, and who carried it?"
	$(VENV)/bin/sourcier trace demo/corpus/39-lomeactu-mali-delestages-solaire.txt --input demo/corpus
	@echo "Who relayed the minister's words, and who dropped the credit to the interview?"
	$(VENV)/bin/sourcier trace "Les centrales solaires de Ségou et de Kita entreront en service en avril" --db sourcier.db
	@echo "Explore it in a browser: run 'make serve' (or '$(VENV)/bin/sourcier serve --db sourcier.db'), then open http://127.0.0.1:8000/"

serve: $(STAMP)
	$(VENV)/bin/sourcier serve --db sourcier.db

test: $(STAMP)
	$(PY) -m pytest -q

# Debian's chromium for the browser tests (Playwright drives it; no browser is downloaded).
browser-deps:
	test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

test-browser: $(STAMP) browser-deps
	SOURCIER_SCREENSHOTS=out/screenshots $(PY) -m pytest -q tests/serve/test_serve_browser.py
	@echo "Screenshots in out/screenshots/"

bench: $(STAMP)
	$(PY) benchmarks/throughput.py

clean:
	rm -rf $(VENV) out sourcier.db sourcier.db-*

# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean

install: $(STAMP)

# Everything is pinned in constraints.txt, the spaCy model included (it is a PyPI package).
$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip>=24"
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/sourcier demo
	@echo "Where did the first story come from, and who carried it?"
	$(VENV)/bin/sourcier trace demo/corpus/01-lesechosdusahel-mali-expulse-ambassadeur-france.html --input demo/corpus

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) benchmarks/throughput.py

clean:
	rm -rf $(VENV) out sourcier.db sourcier.db-*

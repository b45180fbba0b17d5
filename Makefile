# Two entry points for a fresh machine (Python 3.11+ with venv):
#   make demo   install into .venv and run the demo on the bundled corpus
#   make test   install into .venv (with test extras) and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test install install-dev system-deps docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"

demo: install
	$(BIN)/storyline demo

test: install-dev system-deps
	$(BIN)/python -m pytest -n 2 -q

system-deps:
	bash scripts/system-deps.sh

docs: install
	$(BIN)/python -m storyline.docs > docs/cli.md

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache

# The two commands of the README: `make demo` and `make test`. Both set up what is missing first.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
export OMP_THREAD_LIMIT := 1

.PHONY: setup demo test lint unit model bench clean

setup:
	@scripts/setup.sh

demo: setup
	@scripts/demo.sh

lint: setup
	$(BIN)/ruff check semantha tests benchmarks
	$(BIN)/ruff format --check semantha tests benchmarks
	$(BIN)/mypy semantha

test: lint
	$(BIN)/pytest -n 2 --dist loadgroup -p no:cacheprovider

unit: setup
	$(BIN)/pytest tests/unit -q

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache

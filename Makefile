# The two commands of the README: `make demo` and `make test`. Both set up what is missing first.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# OCRmyPDF, the throughput baseline, in a venv of its own: with it in .venv, its
# dependencies (rich) would be imported by, and measured in, every Semantha process.
BASELINES := .venv-baselines
export OMP_THREAD_LIMIT := 1

.PHONY: setup demo test lint unit model baselines bench clean

setup:
	@scripts/setup.sh

demo: setup
	@scripts/demo.sh

lint: setup
	$(BIN)/ruff check semantha tests benchmarks
	$(BIN)/ruff format --check semantha tests benchmarks
	$(BIN)/mypy semantha
	$(BIN)/lint-imports --no-cache

test: lint
	$(BIN)/pytest -n 2 --dist loadgroup -p no:cacheprovider

unit: setup
	$(BIN)/pytest tests/unit -q

# The shipped classifier: generated letters (clean, OCR-damaged, and scanned + read by
# Tesseract for real), fixed seeds. Takes about 6 minutes on 2 cores.
model: setup
	$(BIN)/semantha samples --text-only --out var/training/clean --count 3000 --seed 101
	$(BIN)/semantha samples --text-only --out var/training/noise05 --count 3000 --seed 102 --noise 0.05
	$(BIN)/semantha samples --text-only --out var/training/noise15 --count 3000 --seed 103 --noise 0.15
	$(BIN)/semantha samples --out var/training/scanned --count 200 --seed 104
	$(BIN)/semantha train --jobs 2 \
		--data var/training/clean var/training/noise05 var/training/noise15 var/training/scanned \
		--out models/classifier.npz

# Stage costs (pytest-benchmark) and end-to-end throughput side by side with the baselines.
$(BASELINES)/bin/ocrmypdf:
	python3 -m venv $(BASELINES)
	$(BASELINES)/bin/python -m pip install -q 'ocrmypdf>=16' 'pypdf>=4.2'

baselines: $(BASELINES)/bin/ocrmypdf

bench: setup baselines
	$(BIN)/pytest benchmarks/test_bench_reading.py benchmarks/test_bench_orientation.py benchmarks/test_bench_classify.py benchmarks/test_bench_searchable.py -p no:cacheprovider
	$(BIN)/python benchmarks/throughput.py --docs 20 --workers 2
	$(BIN)/python benchmarks/long_document.py --pages 120

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache

"""ROI-first reading through process_file on shipped samples, against full reading."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from semantha.config import config_path, load_config
from semantha.pipeline import Context, process_file, read_pages
from semantha.records import Outcome, Reading
from semantha.service.worker import build_context

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
# A two-page turned letter that names its office, and a duplex letter with a blank back.
CHOSEN = ("002-11-antrag-named-rot180-2p.pdf", "004-20-rechnung-named-duplex.pdf")


@cache
def _context(strategy: str) -> Context:
    config = load_config(config_path(ROOT / "config.yaml"))
    ocr = config.ocr.model_copy(update={"strategy": strategy})
    return build_context(config.model_copy(update={"ocr": ocr}))


def _truth(name: str) -> dict[str, object]:
    rows = (json.loads(line) for line in (SAMPLES / "truth.jsonl").read_text().splitlines())
    return next(row for row in rows if row["file"] == name)


def _run(name: str, strategy: str, full_text: bool = False) -> Outcome:
    return process_file(SAMPLES / name, _context(strategy), dry_run=True, full_text=full_text)


@pytest.mark.parametrize("name", CHOSEN)
def test_header_decides_like_the_whole_document(name: str) -> None:
    header_first, full = _run(name, "roi_first"), _run(name, "full")
    assert header_first.decision is not None and full.decision is not None
    assert header_first.decision.department == full.decision.department
    assert header_first.decision.department == _truth(name)["department"]
    assert header_first.document is not None
    pages = header_first.document.pages
    # Every page is accounted for; what was not read in full says so.
    assert len(pages) == len(_truth(name)["page_texts"])  # type: ignore[arg-type]
    assert "read_rest" not in header_first.timings
    assert [p.reading for p in pages] == [Reading.HEADER] + [Reading.UNREAD] * (len(pages) - 1)
    assert pages[0].text and all(p.text == "" for p in pages[1:])
    assert all(p.image is None for p in pages)


def test_full_text_reads_every_page_even_when_the_header_decides() -> None:
    outcome = _run(CHOSEN[0], "roi_first", full_text=True)
    assert outcome.document is not None
    pages = outcome.document.pages
    assert all(p.reading is Reading.OCR for p in pages)
    assert all(p.text.strip() and p.image is None for p in pages)


def test_pages_read_on_two_threads_equal_pages_read_one_by_one() -> None:
    name = "002-11-antrag-named-rot180-2p.pdf"
    one = read_pages(SAMPLES / name, replace(_context("full"), page_threads=1))
    two = read_pages(SAMPLES / name, replace(_context("full"), page_threads=2))
    assert len(one) == len(two) == 2
    assert [p.text for p in one] == [p.text for p in two] and all(p.text for p in two)
    assert [p.words for p in one] == [p.words for p in two]


def test_a_route_asking_for_a_searchable_pdf_gets_every_page_read(tmp_path: Path) -> None:
    import shutil
    import subprocess

    from semantha.rulefiles.store import load_ruleset

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    routes = rules / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    default = '          name: "{date}_{aktenzeichen|sha}.{ext}"\n'
    assert text.endswith(default)
    routes.write_text(text + "          searchable_pdf: true\n", encoding="utf-8")
    config = load_config(config_path(ROOT / "config.yaml"))
    paths = config.paths.model_copy(
        update={name: tmp_path / name for name in ("dms_root", "review", "quarantine", "work")}
    )
    config = config.model_copy(update={"paths": paths, "rules_dir": rules})
    for folder in ("dms_root", "review", "quarantine", "work"):
        (tmp_path / folder).mkdir()
    ctx = replace(_context("roi_first"), config=config, rules=load_ruleset(rules))
    name = CHOSEN[0]  # two pages, turned; its header alone decides (see above)
    scan = tmp_path / name
    shutil.copy(SAMPLES / name, scan)
    outcome = process_file(scan, ctx)
    assert outcome.status == "delivered" and "read_all" in outcome.timings
    assert outcome.document is not None
    assert all(p.reading is Reading.OCR and p.text for p in outcome.document.pages)
    (pdf,) = (d.destination for d in outcome.deliveries if d.destination is not None)
    assert pdf.suffix == ".pdf" and pdf.with_name(pdf.name + ".json").is_file()
    second = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    words = outcome.document.pages[1].text.split()
    assert sum(word in second for word in words) > 0.9 * len(words)

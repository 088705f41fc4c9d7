"""Separation on real scans: separator sheets rendered, rasterised, skewed and noised like
a scanner does; 30-letter stacks as PDF and as G4 TIFF cut exactly where letters begin."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pdf2image
import pytest
from configs import embedded_config
from PIL import Image

from semantha.config import ClassifySettings
from semantha.deciding import classify, rules
from semantha.reading import load
from semantha.reading.separation import Mark, find_mark
from semantha.records import Document, Page
from semantha.rulefiles.store import load_ruleset
from semantha.service import stacks
from semantha.stackpart import StackPart
from semantha.tools.samplegen.scan import scan_page
from semantha.tools.samplegen.stacks import StackTruth, write_stack
from semantha.tools.separatorsheet import sheet_pdf

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.integration


def _scanned_sheet(department: str | None, dpi: int, seed: int, bitonal: bool) -> np.ndarray:
    front = pdf2image.convert_from_bytes(sheet_pdf(department), dpi=dpi)[0].convert("L")
    defects = ["skew", "background", "blur", "noise", "speckle"]
    defects += ["bitonal"] if bitonal else ["jpeg"]
    scanned = scan_page(front, random.Random(seed), defects, profile="degraded", dpi=dpi)
    skew = next(d for d in scanned.defects if d.name == "skew")
    assert abs(float(skew.as_dict()["angle"])) >= 0.5  # the sheet really is fed askew
    return np.asarray(scanned.image.convert("L"))


@pytest.mark.parametrize("dpi", [200, 300])
@pytest.mark.parametrize("bitonal", [False, True])
def test_a_scanned_separator_sheet_is_found_with_its_office(dpi: int, bitonal: bool) -> None:
    for seed in range(2):
        assert find_mark(_scanned_sheet("63", dpi, seed, bitonal), dpi) == Mark("63")
        assert find_mark(_scanned_sheet(None, dpi, seed + 10, bitonal), dpi) == Mark()


@pytest.fixture(scope="module")
def stacks_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("stacks")


@pytest.fixture(scope="module", params=["pdf", "tiff"])
def sheet_stack(request: pytest.FixtureRequest, stacks_dir: Path) -> Iterator[StackTruth]:
    fmt = request.param
    yield write_stack(stacks_dir / f"stack.{fmt}", seed=7, count=30, fmt=fmt, sheets=True)


@pytest.mark.slow
def test_a_30_letter_stack_with_sheets_is_cut_exactly(sheet_stack: StackTruth) -> None:
    page = next(load.load_pages(sheet_stack.file, 150))
    assert page.image is not None and find_mark(page.image, page.dpi) == Mark()
    assert find_mark(_letter_page(sheet_stack), 200) is None  # a letter carries no code

    plan = stacks.plan(sheet_stack.file, "sheet", None)  # type: ignore[arg-type]

    assert [(p.first, p.last) for p in plan.parts] == list(sheet_stack.parts)
    assert plan.dropped == sheet_stack.sheets
    assert len(plan.parts) == 30

    parts = stacks.write_parts(sheet_stack.file, plan, "f" * 64)
    assert [Path(p.path).suffix for p in parts] == [sheet_stack.file.suffix] * 30
    for part in parts:
        path = Path(part.path)
        assert part.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert load.page_count(path) == part.last - part.first + 1
        assert (part.stack_sha256, part.department) == ("f" * 64, None)
    if sheet_stack.file.suffix == ".tiff":
        with Image.open(parts[0].path) as image:
            assert image.info["compression"] == "group4"


def _letter_page(stack: StackTruth) -> np.ndarray:
    page = next(load.load_pages(stack.file, 200, start=stack.starts[0] - 1))
    assert page.image is not None
    return page.image


def test_a_sheet_naming_an_office_decides_by_rule_with_its_reason(tmp_path: Path) -> None:
    ruleset = load_ruleset(ROOT / "rules")
    stack = StackPart("x.pdf", "a" * 64, "b" * 64, 4, 6, "63")
    page = Page(0, None, 300, text="Sehr geehrte Damen und Herren, anbei die Rechnung.")
    document = Document("a" * 64, tmp_path / "x.pdf", datetime.now(UTC), (page,), stack=stack)

    hits = rules.evaluate(document, ruleset)
    decision = classify.decide(document, hits, None, ClassifySettings(mode="rules-only"))

    sheet = next(h for h in hits if h.rule_id == rules.SEPARATOR_RULE)
    assert "Trennblatt für Amt 63" in sheet.reason and "Seiten 4-6" in sheet.reason
    assert (decision.department, decision.method) == ("63", "rule")


def test_barcode_pages_start_documents_and_stay_in_them(tmp_path: Path) -> None:
    departments = {1: "63"}
    truth = write_stack(
        tmp_path / "codes.pdf", seed=5, count=3, sheets=True, sheet_departments=departments
    )
    fronts = [n for n in truth.sheets if n - 1 not in truth.sheets]

    plan = stacks.plan(truth.file, "barcode", None)  # type: ignore[arg-type]

    # Every page is kept; a page with a code begins a document (a sheet's blank back stays
    # with it, as the back of a letter's coded first page would).
    assert plan.dropped == ()
    assert [p.first for p in plan.parts] == fronts
    assert [p.last for p in plan.parts] == list(truth.lasts)
    assert [p.department for p in plan.parts] == [None, "63", None]


@pytest.mark.slow
def test_explain_shows_the_cut_and_the_sheet_that_named_the_office(tmp_path: Path) -> None:
    truth = write_stack(tmp_path / "stack.pdf", seed=3, count=2, sheet_departments={1: "63"})
    config = embedded_config(tmp_path)
    command = [sys.executable, "-m", "semantha", "--config", str(config), "explain"]
    done = subprocess.run(
        [*command, str(truth.file), "--stack", "sheet", "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(ROOT)},
        check=True,
    )
    report = json.loads(done.stdout)

    assert report["stack"]["documents"] == [list(part) for part in truth.parts]
    assert report["stack"]["dropped"] == list(truth.sheets)
    first, second = report["explanations"]
    assert all(hit["rule"] != rules.SEPARATOR_RULE for hit in first["rule_hits"])
    (sheet,) = [hit for hit in second["rule_hits"] if hit["rule"] == rules.SEPARATOR_RULE]
    assert sheet["label"] == "63" and "Trennblatt für Amt 63" in sheet["reason"]
    assert second["decision"]["department"] == "63"

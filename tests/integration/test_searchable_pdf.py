"""Searchable PDFs of shipped sample scans, read once by the real pipeline (Tesseract).

Checked with poppler, which shows a page as a DMS viewer does (``/Rotate`` applied):
the text layer holds the OCR words, each at its place on the original page and over
ink; a page scanned turned shows upright; pages and image streams are the scan's own;
and nothing is read a second time.
"""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any

import numpy as np
import pypdf
import pytest
from PIL import Image

from semantha.config import config_path, load_config
from semantha.delivering.searchable import deskew_degrees, searchable_pdf, text_lines
from semantha.pipeline import Context, process_file, read_pages
from semantha.reading import ocr
from semantha.records import Page
from semantha.rulefiles.store import load_ruleset
from semantha.service.worker import build_context

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
ROT180_2P = "002-11-antrag-named-rot180-2p.pdf"
ROT90 = "006-22-sonstiges-named-rot90.pdf"
G4_SKEWED = "003-12-antrag-named-g4.tiff"
G4_DUPLEX = "010-34-buergeranfrage-named-duplex-g4.tiff"
CHOSEN = (ROT180_2P, ROT90, G4_SKEWED, G4_DUPLEX)
MM = 72 / 25.4
Found = tuple[str, float, float, float, float]


@cache
def context() -> Context:
    return build_context(load_config(config_path(ROOT / "config.yaml")))


@cache
def read(name: str) -> tuple[Page, ...]:
    return read_pages(SAMPLES / name, context())


@cache
def built(name: str) -> bytes:
    return searchable_pdf(SAMPLES / name, read(name))


def pdftotext_words(pdf: bytes, page: int) -> list[Found]:
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', xml
    )
    return [(unescape(t), float(a), float(b), float(c), float(d)) for a, b, c, d, t in found]


def rendered(pdf: bytes, page: int, dpi: int) -> np.typing.NDArray[np.uint8]:
    png = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(page), "-l", str(page), "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.uint8)


def expected_centres(page: Page) -> Iterator[tuple[str, float, float]]:
    """Each word's centre as the viewer shows the page, in points.

    Once turned upright by ``/Rotate`` the page stands as the preprocessed image did,
    except for the deskew: the scan is that image turned back about its centre.
    """
    theta = math.radians(deskew_degrees(page))
    cx, cy = page.size[0] / 2, page.size[1] / 2
    scale = 72 / page.dpi
    for line in text_lines(page.words):
        for word in line.words:
            x = word.box[0] + word.box[2] / 2 - cx
            y = (line.top + line.bottom) / 2 - cy
            shown_x = cx + x * math.cos(theta) - y * math.sin(theta)
            shown_y = cy + x * math.sin(theta) + y * math.cos(theta)
            yield word.text, shown_x * scale, shown_y * scale


# --------------------------------------------------------------------------- layer


@pytest.mark.parametrize("name", CHOSEN)
def test_the_text_layer_holds_every_ocr_word_at_its_place(name: str) -> None:
    pdf = built(name)
    for page in read(name):
        found = pdftotext_words(pdf, page.index + 1)
        words = [w for w in page.words if w.text.strip()]
        if page.blank:
            assert found == []
            continue
        # every character is there; poppler joins a lone "-" to the word it touches
        assert sorted("".join(f[0] for f in found)) == sorted("".join(w.text for w in words))
        same = Counter(f[0] for f in found) & Counter(w.text for w in words)
        assert same.total() >= 0.97 * len(words)
        for text, x, y in expected_centres(page):
            if text not in same:
                continue
            nearest = min(
                (f for f in found if f[0] == text),
                key=lambda f: abs((f[1] + f[3]) / 2 - x) + abs((f[2] + f[4]) / 2 - y),
            )
            assert (nearest[1] + nearest[3]) / 2 == pytest.approx(x, abs=1 * MM), text
            assert (nearest[2] + nearest[4]) / 2 == pytest.approx(y, abs=1 * MM), text


@pytest.mark.parametrize("name", CHOSEN)
def test_the_words_lie_over_the_ink_of_the_upright_page(name: str) -> None:
    pdf = built(name)
    for page in read(name):
        if page.blank:
            continue
        # the viewer shows the page the right way up (Tesseract's own orientation check)
        assert ocr.detect_orientation(rendered(pdf, page.index + 1, 200), 200) == 0
        image, scale = rendered(pdf, page.index + 1, 150), 150 / 72
        ink = float(np.median(image)) - 40  # clearly darker than the paper
        for text, x0, y0, x1, y1 in pdftotext_words(pdf, page.index + 1):
            # one pixel of margin: a dash alone on its line is a box one pixel high
            rows = slice(math.floor(y0 * scale) - 1, math.ceil(y1 * scale) + 1)
            patch = image[rows, math.floor(x0 * scale) - 1 : math.ceil(x1 * scale) + 1]
            assert patch.size and int(patch.min()) < ink, text


# --------------------------------------------------------------------------- the scan itself


def image_streams(pdf: pypdf.PdfReader) -> list[tuple[Any, bytes]]:
    streams = []
    for page in pdf.pages:
        for xobject in page["/Resources"]["/XObject"].values():  # type: ignore[index]
            obj = xobject.get_object()
            streams.append((obj["/Filter"], obj._data))
    return streams


@pytest.mark.parametrize("name", [ROT180_2P, ROT90])
def test_a_pdf_keeps_its_pages_and_image_streams(name: str) -> None:
    original = pypdf.PdfReader(SAMPLES / name)
    out = pypdf.PdfReader(io.BytesIO(built(name)))
    assert len(out.pages) == len(original.pages)
    assert image_streams(out) == image_streams(original)
    assert [p.rotation for p in out.pages] == [90 * p.quarter_turns for p in read(name)]


@pytest.mark.parametrize("name", [G4_SKEWED, G4_DUPLEX])
def test_a_g4_tiff_stays_g4_pixel_for_pixel(name: str) -> None:
    out = pypdf.PdfReader(io.BytesIO(built(name)))
    with Image.open(SAMPLES / name) as tiff:
        assert len(out.pages) == tiff.n_frames
        for index, page in enumerate(out.pages):
            tiff.seek(index)
            [(kind, _)] = image_streams(pypdf.PdfReader(io.BytesIO(built(name))))[index : index + 1]
            assert list(kind) == ["/CCITTFaxDecode"]
            decoded = page.images[0].image
            assert decoded is not None
            assert decoded.convert("1").tobytes() == tiff.convert("1").tobytes()


# --------------------------------------------------------------------------- one reading


def counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls: list[int] = []
    real: Callable[..., Page] = getattr(ocr, name)

    def counted(page: Page, *args: Any) -> Page:
        calls.append(page.index)
        return real(page, *args)

    monkeypatch.setattr(ocr, name, counted)
    return calls


def test_the_searchable_pdf_costs_no_second_ocr_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    full = counting(monkeypatch, "recognise")
    header = counting(monkeypatch, "recognise_header")
    pages = read_pages(SAMPLES / ROT180_2P, context())
    # each page read once; pages are read side by side, so in either order
    assert sorted(full) == [0, 1] and header == []
    pdf = searchable_pdf(SAMPLES / ROT180_2P, pages)
    assert sorted(full) == [0, 1] and header == []
    assert len(pdftotext_words(pdf, 2)) == len(pages[1].words)


# --------------------------------------------------------------------------- delivery


def test_a_route_with_searchable_pdf_delivers_a_pdf_with_its_sidecar(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    routes = (rules / "routes.yaml").read_text(encoding="utf-8")
    deliver_route = '          name: "{date}_{aktenzeichen|sha}.{ext}"\n'
    assert routes.endswith(deliver_route)
    (rules / "routes.yaml").write_text(
        routes + "          searchable_pdf: true\n", encoding="utf-8"
    )
    config = load_config(config_path(ROOT / "config.yaml"))
    srv = tmp_path / "srv"
    paths = config.paths.model_copy(
        update={
            name: srv / name
            for name in ("inbox", "work", "dms_root", "review", "quarantine", "archive")
        }
    )
    for folder in (paths.inbox, paths.work, paths.dms_root):
        folder.mkdir(parents=True)
    ctx = build_context(config.model_copy(update={"paths": paths}), load_ruleset(rules))
    scan = paths.inbox / G4_SKEWED
    shutil.copy(SAMPLES / G4_SKEWED, scan)

    outcome = process_file(scan, ctx)  # header first, as configured

    assert outcome.status == "delivered" and outcome.plan is not None
    # the route asks for a text layer: every page was read in full before delivery
    assert outcome.plan.needs_full_text and "read_all" in outcome.timings
    assert outcome.document is not None
    assert all(page.read_in_full for page in outcome.document.pages)
    [delivery] = outcome.deliveries
    dest = delivery.destination
    assert dest is not None and dest.suffix == ".pdf"
    assert sorted(p.name for p in dest.parent.iterdir()) == [dest.name, dest.name + ".json"]
    sidecar = json.loads(dest.with_name(dest.name + ".json").read_text(encoding="utf-8"))
    assert sidecar["file"] == dest.name and sidecar["source_file"] == G4_SKEWED
    assert sidecar["sha256"] == outcome.doc_id and sidecar["pages"] == 1
    assert sidecar["department"] == "12"
    text = subprocess.run(["pdftotext", str(dest), "-"], capture_output=True, check=True).stdout
    assert outcome.document is not None
    read_words = [w.text for w in outcome.document.pages[0].words]
    assert sorted(text.decode("utf-8").split()) == sorted(" ".join(read_words).split())
    assert scan.exists()  # the original stays for the service to archive


@pytest.mark.parametrize("name", CHOSEN)
def test_the_pdf_is_well_formed(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(built(name))
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout

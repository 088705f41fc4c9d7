"""The real ``semantha samples`` command in a subprocess, and tesseract on what it drew."""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from semantha.config import OcrSettings
from semantha.reading.ocr import detect_orientation, recognise
from semantha.records import Page
from semantha.tools.samplegen.corpus import generate_letters
from semantha.tools.samplegen.render import render_letter
from semantha.tools.samplegen.scan import scan_page

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]


def semantha(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    return subprocess.run(
        [sys.executable, "-m", "semantha", "samples", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def read_labels(folder: Path) -> tuple[list[str], list[dict[str, str]]]:
    with (folder / "labels.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


@pytest.mark.slow
def test_samples_writes_labelled_scans_deterministically(tmp_path: Path) -> None:
    first = semantha("--out", str(tmp_path / "a"), "--count", "5", "--seed", "21")
    assert first.returncode == 0, first.stderr
    summary = first.stdout.strip().splitlines()
    assert len(summary) == 1 and summary[0].startswith("wrote 5 documents")
    header, rows = read_labels(tmp_path / "a")
    assert header == ["file", "department", "doctype"]
    assert len(rows) == 5
    truth = [
        json.loads(line)
        for line in (tmp_path / "a" / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [t["file"] for t in truth] == [r["file"] for r in rows]
    for row, record in zip(rows, truth, strict=True):
        path = tmp_path / "a" / row["file"]
        assert path.stat().st_size > 1000
        assert record["department"] == row["department"]
        assert len(record["page_texts"]) == len(record["rotation"]) == len(record["defects"])
        if path.suffix == ".pdf":
            assert len(PdfReader(path).pages) == len(record["page_texts"])
    again = semantha("--out", str(tmp_path / "b"), "--count", "5", "--seed", "21")
    assert again.returncode == 0, again.stderr
    for row in rows:
        assert (tmp_path / "a" / row["file"]).read_bytes() == (
            tmp_path / "b" / row["file"]
        ).read_bytes()


def test_samples_honours_formats_and_profile(tmp_path: Path) -> None:
    done = semantha(
        "--out", str(tmp_path), "--count", "3", "--seed", "4", "--formats", "tiff",
        "--profile", "clean",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    _, rows = read_labels(tmp_path)
    assert all(row["file"].endswith("-g4.tiff") for row in rows)
    with Image.open(tmp_path / rows[0]["file"]) as tiff:
        assert tiff.info["compression"] == "group4"


def test_text_only_run_writes_training_rows_fast(tmp_path: Path) -> None:
    done = semantha("--out", str(tmp_path), "--count", "2000", "--text-only", "--noise", "0.05")
    assert done.returncode == 0, done.stderr
    assert "rows/s" in done.stdout
    header, rows = read_labels(tmp_path)
    assert header == ["text", "department", "doctype"]
    assert len(rows) == 2000
    assert len({row["department"] for row in rows}) > 15
    assert not list(tmp_path.glob("*.pdf"))


def test_bad_arguments_are_explained(tmp_path: Path) -> None:
    done = semantha("--out", str(tmp_path), "--count", "2", "--formats", "pdf,gif")
    assert done.returncode == 11
    assert "gif" in done.stderr and "what to do" in done.stderr


@pytest.mark.slow
def test_tesseract_reads_what_the_ground_truth_says_was_drawn() -> None:
    spec = next(s for s in generate_letters(8, 20) if s.kind == "citizen")
    letter = render_letter(spec, random.Random(3))
    image = np.asarray(letter.pages[0])
    os.environ["OMP_THREAD_LIMIT"] = "1"
    page = recognise(Page(index=0, image=image, dpi=300), OcrSettings(languages="deu"))
    truth_words = {w for w in letter.page_texts[0].split() if len(w) > 5 and w.isalpha()}
    read_words = set(page.text.split())
    assert spec.subject.split()[0] in read_words
    assert len(truth_words & read_words) >= 0.8 * len(truth_words)


SHIPPED = REPO / "samples"


def shipped_truth() -> list[dict[str, Any]]:
    lines = (SHIPPED / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_shipped_samples_are_what_their_names_and_labels_say() -> None:
    header, rows = read_labels(SHIPPED)
    truth = shipped_truth()
    assert header == ["file", "department", "doctype"]
    assert [r["file"] for r in rows] == [t["file"] for t in truth]
    readme = (SHIPPED / "README.md").read_text(encoding="utf-8")
    for record in truth:
        name, path = record["file"], SHIPPED / record["file"]
        assert f"`{name}`" in readme
        assert name.split("-")[1] == (record["department"] or "none")
        assert ("-named" in name) == (bool(record["department"]) and record["names_office"])
        pages = len(record["page_texts"])
        assert ("-duplex" in name) == bool(record["blank_pages"])
        if path.suffix == ".pdf":
            reader = PdfReader(path)
            assert len(reader.pages) == pages
            text = "".join(page.extract_text() or "" for page in reader.pages)
            assert bool(text.strip()) == name.endswith("-digital.pdf")
        else:
            with Image.open(path) as image:
                assert getattr(image, "n_frames", 1) == pages
                if path.suffix == ".tiff":
                    assert image.info["compression"] == "group4"
                first = image.size
            turned = record["rotation"][0] in (90, 270)
            assert (first[0] > first[1]) == turned
        for turn in {t for t in record["rotation"] if t}:
            assert f"-rot{turn}" in name


def test_shipped_samples_cover_every_case() -> None:
    truth = shipped_truth()
    assert {t["format"] for t in truth} == {"pdf", "textpdf", "tiff", "jpeg", "png"}
    assert {90, 180, 270} <= {turn for t in truth for turn in t["rotation"]}
    assert any(t["blank_pages"] for t in truth)
    assert any(len(t["page_texts"]) - len(t["blank_pages"]) > 1 for t in truth)
    named = [t for t in truth if t["names_office"]]
    assert len(named) > len(truth) / 2
    assert len({t["department"] for t in named}) == 20
    assert any(t["department"] and not t["names_office"] for t in truth)
    kinds = {t["kind"] for t in truth}
    assert {"internal", "invoice", "court", "advert"} <= kinds
    assert sum(path.stat().st_size for path in SHIPPED.iterdir()) < 15_000_000


@pytest.mark.slow
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_recorded_rotation_is_what_orientation_detection_undoes(turn: int) -> None:
    spec = next(s for s in generate_letters(8, 20) if s.kind == "company")
    front = render_letter(spec, random.Random(turn)).pages[0]
    scanned = scan_page(front, random.Random(turn), ["rotate", "noise"], rotation=turn)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    # truth says "content turned `turn` degrees clockwise"; OSD says how far to turn it back
    assert detect_orientation(np.asarray(scanned.image), 300) == (360 - turn) % 360

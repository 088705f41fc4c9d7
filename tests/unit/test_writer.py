"""Sample files as a scanner drops them, with labels.csv and truth.jsonl."""

from __future__ import annotations

import csv
import json
import random
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, TiffImagePlugin
from pypdf import PdfReader

from semantha.tools.samplegen.render import TextItem, layout_letter
from semantha.tools.samplegen.spec import LetterSpec
from semantha.tools.samplegen.writer import (
    FORMATS,
    DocumentPlan,
    curated_plans,
    file_name,
    page_truth,
    plan_documents,
    write_document,
    write_documents,
    write_text_samples,
)

DPI = 100  # small pages keep these tests fast; the formats are the same at 300 dpi


def letter(**changes: object) -> LetterSpec:
    spec = LetterSpec(
        kind="company",
        department="21",
        doctype="Mahnung",
        names_office=True,
        sender=("Inkasso Nord GmbH", "Hafenweg 3", "20457 Hamburg"),
        recipient=("Stadt Musterstadt", "Stadtkasse", "Rathausplatz 1", "12345 Musterstadt"),
        letter_date=date(2025, 10, 1),
        aktenzeichen="21.3-4711/25",
        references=(("Unser Zeichen", "IN-998"),),
        subject="Zahlungserinnerung Kassenzeichen 4711",
        salutation="Sehr geehrte Damen und Herren,",
        body=("der Betrag von 120,00 € ist noch offen. Bitte überweisen Sie ihn bis zum 15.10.",),
        closing=("Mit freundlichen Grüßen", "Inkasso Nord GmbH"),
    )
    return replace(spec, **changes)  # type: ignore[arg-type]


def plan(index: int = 1, **changes: object) -> DocumentPlan:
    base = DocumentPlan(index=index, seed=5, spec=letter(), format="pdf", profile="degraded")
    return replace(base, **changes)  # type: ignore[arg-type]


def test_image_pdf_has_no_text_layer_and_one_page_per_scanned_side(tmp_path: Path) -> None:
    record = write_document(plan(duplex=True), tmp_path, DPI)
    reader = PdfReader(tmp_path / record["file"])
    assert len(reader.pages) == 2
    assert all((page.extract_text() or "").strip() == "" for page in reader.pages)
    assert record["blank_pages"] == [1]
    assert record["page_texts"][1] == ""
    assert "-duplex" in record["file"]


def test_bitonal_pdf_pages_are_ccitt_g4(tmp_path: Path) -> None:
    record = write_document(plan(bitonal=True), tmp_path, DPI)
    page = PdfReader(tmp_path / record["file"]).pages[0]
    images = page["/Resources"]["/XObject"]  # type: ignore[index]
    image = next(iter(images.values())).get_object()
    assert "/CCITTFaxDecode" in str(image["/Filter"])


def test_gray_pdf_pages_are_jpeg(tmp_path: Path) -> None:
    record = write_document(plan(), tmp_path, DPI)
    page = PdfReader(tmp_path / record["file"]).pages[0]
    image = next(iter(page["/Resources"]["/XObject"].values())).get_object()  # type: ignore[index]
    assert "/DCTDecode" in str(image["/Filter"])


def test_born_digital_pdf_has_the_letter_as_extractable_text(tmp_path: Path) -> None:
    record = write_document(plan(format="textpdf", profile=None), tmp_path, DPI)
    text = PdfReader(tmp_path / record["file"]).pages[0].extract_text()
    spec = letter()
    for line in (spec.subject, spec.recipient[1], "Zahlungserinnerung", spec.aktenzeichen):
        assert line in text
    assert record["defects"] == [[]] and record["profile"] == "none"
    assert record["file"].endswith("-digital.pdf")


def test_tiff_is_multi_page_group4(tmp_path: Path) -> None:
    record = write_document(plan(format="tiff", bitonal=True, duplex=True), tmp_path, DPI)
    with Image.open(tmp_path / record["file"]) as tiff:
        assert isinstance(tiff, TiffImagePlugin.TiffImageFile)
        assert tiff.n_frames == 2
        for frame in range(2):
            tiff.seek(frame)
            assert tiff.info["compression"] == "group4"
            assert tiff.mode == "1"


def test_jpeg_and_png_hold_the_first_page_only(tmp_path: Path) -> None:
    long_letter = letter(body=("Ein sehr langer Absatz mit vielen Wörtern. " * 60,) * 3)
    for fmt, mode in (("jpeg", "L"), ("png", "1")):
        record = write_document(
            plan(spec=long_letter, format=fmt, bitonal=fmt == "png"), tmp_path, DPI
        )
        with Image.open(tmp_path / record["file"]) as image:
            assert image.mode == mode
            assert image.size == (827, 1169)
        assert len(record["page_texts"]) == 1


def test_rotated_sheets_are_recorded_and_named(tmp_path: Path) -> None:
    record = write_document(plan(rotations=(90,)), tmp_path, DPI)
    assert record["rotation"] == [90]
    assert "-rot90" in record["file"]
    assert any(d["name"] == "rotate" and d["degrees"] == 90 for d in record["defects"][0])
    width, height = PdfReader(tmp_path / record["file"]).pages[0].mediabox[2:]
    assert width > height


def test_truth_record_has_the_fields_and_ground_truth(tmp_path: Path) -> None:
    record = write_document(plan(stamp=True), tmp_path, DPI)
    assert record["fields"] == {
        "recipient_office": "21",
        "aktenzeichen": "21.3-4711/25",
        "date": "2025-10-01",
        "subject": "Zahlungserinnerung Kassenzeichen 4711",
    }
    assert "Stadtkasse" in record["page_texts"][0]
    assert record["defects"][0][0]["name"] == "stamp"
    assert "EINGANG" in record["defects"][0][0]["text"]
    assert (record["format"], record["seed"], record["profile"]) == ("pdf", 5, "degraded")
    unnamed = write_document(plan(2, spec=letter(names_office=False)), tmp_path, DPI)
    assert unnamed["fields"]["recipient_office"] == ""


def test_labels_csv_header_and_rows(tmp_path: Path) -> None:
    plans = [plan(1), plan(2, spec=letter(department="", doctype="", kind="advert"))]
    write_documents(plans, tmp_path, workers=1, dpi=DPI)
    lines = (tmp_path / "labels.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "file,department,doctype"
    rows = list(csv.DictReader(lines))
    assert [(r["department"], r["doctype"]) for r in rows] == [("21", "Mahnung"), ("", "")]
    assert all((tmp_path / r["file"]).is_file() for r in rows)
    truth = [json.loads(line) for line in (tmp_path / "truth.jsonl").read_text().splitlines()]
    assert [t["file"] for t in truth] == [r["file"] for r in rows]
    assert truth[1]["file"] == "002-none-advert.pdf"


def test_same_seed_same_files(tmp_path: Path) -> None:
    plans = [
        plan(1, stamp=True),
        plan(2, format="tiff", bitonal=True),
        plan(3, format="textpdf", profile=None),
        plan(4, format="png", bitonal=True),
    ]
    write_documents(plans, tmp_path / "a", workers=1, dpi=DPI)
    write_documents(plans, tmp_path / "b", workers=2, dpi=DPI)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_plan_mix_is_realistic_and_deterministic() -> None:
    rng = random.Random(1)
    specs = [letter(kind=rng.choice(["citizen", "company", "internal"])) for _ in range(400)]
    plans = plan_documents(specs, seed=9)
    assert plans == plan_documents(specs, seed=9)
    formats = Counter(p.format for p in plans)
    assert set(formats) == set(FORMATS)
    assert formats["pdf"] > len(plans) / 2
    scanned = [p for p in plans if p.format != "textpdf"]
    turned = sum(p.rotations[0] != 0 for p in scanned) / len(scanned)
    assert 0.12 < turned < 0.28
    assert 0.22 < sum(p.duplex for p in plans) / len(plans) < 0.38
    assert not any(p.duplex for p in plans if p.format in ("jpeg", "png", "textpdf"))
    assert {p.profile for p in scanned} == {"clean", "degraded"}
    assert all(p.bitonal for p in plans if p.format == "tiff")
    assert not any(p.stamp for p in plans if p.spec.kind == "internal")


def test_plan_respects_the_chosen_formats_and_profile() -> None:
    plans = plan_documents([letter()] * 30, seed=1, formats=["tiff", "jpeg"], profile="clean")
    assert {p.format for p in plans} == {"tiff", "jpeg"}
    assert {p.profile for p in plans} == {"clean"}
    with pytest.raises(ValueError, match="format"):
        plan_documents([letter()], seed=1, formats=[])


def test_file_names_say_what_they_expect() -> None:
    named = plan(7, spec=letter(doctype="Bürgeranfrage"), rotations=(180,), duplex=True)
    assert (
        file_name(named, 2, [180, 180, 0, 0]) == "007-21-buergeranfrage-named-rot180-2p-duplex.pdf"
    )
    advert = plan(8, spec=letter(kind="advert", department="", doctype="Sonstiges"), format="png")
    assert file_name(advert, 1, [0]) == "008-none-advert.png"
    tiff = plan(9, spec=letter(names_office=False), format="tiff", bitonal=True)
    assert file_name(tiff, 1, [0]) == "009-21-mahnung-unnamed-g4.tiff"


def test_text_only_rows(tmp_path: Path) -> None:
    write_documents([plan(1)], tmp_path, workers=1, dpi=DPI)  # an earlier image run
    summary = write_text_samples(tmp_path, seed=3, count=50, noise=0.1)
    with (tmp_path / "labels.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        assert next(reader) == ["text", "department", "doctype"]
        rows = list(reader)
    assert len(rows) == summary.documents == 50
    assert sorted(p.name for p in tmp_path.iterdir()) == ["labels.csv"]
    assert all(len(row) == 3 and row[0] for row in rows)
    assert not (tmp_path / "truth.jsonl").exists()
    clean = tmp_path / "clean"
    write_text_samples(clean, seed=3, count=50)
    assert (clean / "labels.csv").read_bytes() != (tmp_path / "labels.csv").read_bytes()


def test_curated_set_covers_every_office_format_and_kind() -> None:
    plans = curated_plans(1)
    assert len(plans) == 40
    named = {p.spec.department for p in plans if p.spec.names_office}
    assert len(named) >= 20
    assert sum(p.spec.names_office for p in plans) > len(plans) / 2
    assert any(p.spec.department and not p.spec.names_office for p in plans)
    kinds = Counter(p.spec.kind for p in plans)
    assert kinds["internal"] >= 2 and kinds["invoice"] >= 2 and kinds["court"] >= 1
    assert kinds["advert"] == 1
    assert {p.format for p in plans} == set(FORMATS)
    turns = {turn for p in plans for turn in p.rotations}
    assert {90, 180, 270} <= turns
    assert any(p.duplex and p.format == "tiff" for p in plans)
    assert any(p.duplex and p.format == "pdf" for p in plans)


def test_a_new_run_removes_the_files_of_the_previous_one_only(tmp_path: Path) -> None:
    write_documents([plan(1, rotations=(90,))], tmp_path, workers=1, dpi=DPI)
    old = next(tmp_path.glob("001-*.pdf"))
    keep = tmp_path / "README.md"
    keep.write_text("notes", encoding="utf-8")
    write_documents([plan(1)], tmp_path, workers=1, dpi=DPI)
    assert not old.exists()
    assert keep.read_text(encoding="utf-8") == "notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "001-21-mahnung-named.pdf",
        "README.md",
        "labels.csv",
        "truth.jsonl",
    ]


def test_a_legible_stamp_is_in_the_page_truth_before_the_lines_below_it(tmp_path: Path) -> None:
    record = write_document(plan(stamp=True), tmp_path, DPI)
    stamp = record["defects"][0][0]
    assert stamp["name"] == "stamp" and stamp["legible"] is True
    lines = record["page_texts"][0].splitlines()
    at = lines.index("EINGANG")
    assert lines[at : at + 3] == stamp["text"].split(" / ")
    # read where it sits: after the lines above the stamp, before those below it
    layout = layout_letter(letter(), random.Random("5/1"))
    above = [item.text for item in layout.pages[0].items if isinstance(item, TextItem)][:at]
    assert lines[:at] == above
    assert lines[at + 3 :] == layout.pages[0].text.splitlines()[at:]


def test_a_stamp_lost_to_the_bitonal_threshold_is_not_in_the_truth() -> None:
    page = layout_letter(letter(), random.Random("5/1")).pages[0]
    placed: dict[str, float | int | str] = {
        "name": "stamp",
        "text": "EINGANG / 3. OKT. 2025 / Stadt Musterstadt",
        "angle": 5.0,
        "x": 400,
        "y": 300,
    }
    assert page_truth(page, [{**placed, "legible": False}], DPI).text == page.text
    truth = page_truth(page, [{**placed, "legible": True}], DPI).text
    assert "3. OKT. 2025" in truth.splitlines()
    assert truth.replace("EINGANG\n3. OKT. 2025\nStadt Musterstadt\n", "") == page.text

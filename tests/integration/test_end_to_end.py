"""The whole path on real scans: `semantha process --json --text` through real Tesseract.

The documents are the shipped samples (generated scans with ground truth in
samples/truth.jsonl); one of each format and defect keeps the run short.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from configs import embedded_config
from textpdf import text_pdf

from semantha.fsutil import file_sha256

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
CONTRACT_KEYS = {
    "file",
    "sha256",
    "pages",
    "department",
    "doctype",
    "confidence",
    "method",
    "status",
    "destinations",
    "fields",
    "reason",
    "text",
    "planned",
}
# One per format and defect: image PDF, rotated 180 two pages, G4 TIFF, duplex (blank back),
# JPEG, born-digital PDF, G4 PNG rotated 90, an unroutable advert.
CHOSEN = (
    "001-10-hausmitteilung-named.pdf",
    "002-11-antrag-named-rot180-2p.pdf",
    "003-12-antrag-named-g4.tiff",
    "004-20-rechnung-named-duplex.pdf",
    "005-21-antrag-named.jpg",
    "009-33-sonstiges-named-digital.pdf",
    "016-63-beschwerde-named-rot90.pdf",
    "034-none-advert-duplex.pdf",
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def semantha(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "semantha", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def json_lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    root = tmp_path_factory.mktemp("e2e")
    config = embedded_config(root, "dms", "review", "quarantine", "archive", "work", "inbox")
    result = semantha(config, "process", "--json", "--text", *(str(SAMPLES / f) for f in CHOSEN))
    assert result.returncode == 0, result.stderr
    return root, json_lines(result.stdout)


def truth() -> dict[str, dict[str, Any]]:
    lines = (SAMPLES / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["file"]: row for row in map(json.loads, lines)}


def test_process_json_follows_the_contract(
    processed: tuple[Path, list[dict[str, Any]]],
) -> None:
    _, rows = processed
    assert [Path(r["file"]).name for r in rows] == list(CHOSEN)
    expected = truth()
    for row in rows:
        assert set(row) == CONTRACT_KEYS
        assert row["sha256"] == file_sha256(Path(row["file"]))
        assert row["method"] in {"rule", "model", "none"}
        assert row["status"] in {"delivered", "review"}
        assert row["planned"] == row["status"], "no delivery failed: as the routes planned"
        assert 0.0 <= row["confidence"] <= 1.0
        assert row["pages"] == len(expected[Path(row["file"]).name]["page_texts"])
        assert len(row["text"]) == row["pages"]
        assert all(isinstance(t, str) for t in row["text"])


def test_named_offices_are_delivered_to_their_department(
    processed: tuple[Path, list[dict[str, Any]]],
) -> None:
    root, rows = processed
    expected = truth()
    for row in rows:
        label = expected[Path(row["file"]).name]
        if not label["names_office"]:
            continue
        assert row["department"] == label["department"], row["reason"]
        assert row["status"] == "delivered"
        destination = Path(row["destinations"][0])
        assert destination.is_relative_to(root / "var" / "dms")
        assert destination.parent.parent.name.startswith(f"{label['department']}-")
        sidecar = json.loads(destination.with_name(destination.name + ".json").read_text())
        assert sidecar["sha256"] == row["sha256"]
        assert sidecar["department"] == label["department"]


def test_blank_backs_are_kept_and_rotated_pages_read(
    processed: tuple[Path, list[dict[str, Any]]],
) -> None:
    _, rows = processed
    expected = truth()
    for row in rows:
        label = expected[Path(row["file"]).name]
        for index, page_truth in enumerate(label["page_texts"]):
            if index in label["blank_pages"]:
                assert row["text"][index].strip() == ""
            else:
                # a page read upside down or sideways yields almost no real words
                words = set(page_truth.split())
                found = words & set(row["text"][index].split())
                assert len(found) >= 0.7 * len(words), (row["file"], index)


def test_advert_goes_to_review_not_to_an_office(
    processed: tuple[Path, list[dict[str, Any]]],
) -> None:
    root, rows = processed
    advert = next(r for r in rows if "advert" in r["file"])
    assert advert["department"] is None
    assert advert["status"] == "review"
    assert Path(advert["destinations"][0]).is_relative_to(root / "var" / "review")


def test_hostile_aktenzeichen_stays_under_dms_root(tmp_path: Path) -> None:
    config = embedded_config(tmp_path, "dms", "review", "quarantine", "archive", "work", "inbox")
    letter = text_pdf(
        tmp_path / "hostile.pdf",
        [
            "Erika Muster, Lindenweg 4, 71234 Musterstadt",
            "Stadt Musterstadt",
            "Baurechtsamt",
            "Rathausplatz 1",
            "71234 Musterstadt",
            "Aktenzeichen: ../../etc/x",
            "Musterstadt, den 12.11.2025",
            "Bauantrag für einen Carport auf Flurstück 1234/5",
            "Sehr geehrte Damen und Herren,",
            "anbei reiche ich den Bauantrag für einen Carport ein.",
            "Mit freundlichen Grüßen",
            "Erika Muster",
        ],
    )
    result = semantha(config, "process", "--json", str(letter))
    assert result.returncode == 0, result.stderr
    (row,) = json_lines(result.stdout)
    assert row["department"] == "63"
    written = [p for p in (tmp_path / "var").rglob("*") if p.is_file()]
    assert written, "nothing was delivered"
    for destination in map(Path, row["destinations"]):
        assert destination.resolve().is_relative_to((tmp_path / "var").resolve())
    assert not (tmp_path / "etc").exists()
    assert not any(".." in p.name for p in written)


def bad_inputs(folder: Path) -> dict[str, Path]:
    good = text_pdf(folder / "good.pdf", ["Stadt Musterstadt", "Bürgeramt", "Meldebescheinigung"])
    files = {
        "zero-byte": folder / "empty.pdf",
        "truncated": folder / "truncated.pdf",
        "encrypted": folder / "encrypted.pdf",
        "wrong-extension": folder / "letter.png",  # its DMS would take it for a PNG
        "html-as-pdf": folder / "page.pdf",
    }
    files["zero-byte"].write_bytes(b"")
    files["truncated"].write_bytes(good.read_bytes()[:400])
    subprocess.run(
        ["qpdf", "--encrypt", "secret", "secret", "256", "--", str(good), str(files["encrypted"])],
        check=True,
    )
    files["wrong-extension"].write_bytes(good.read_bytes())  # a PDF named .png
    files["html-as-pdf"].write_text("<html><body>Scan</body></html>", encoding="utf-8")
    return files


def test_bad_input_is_quarantined_with_a_reason(tmp_path: Path) -> None:
    config = embedded_config(tmp_path, "dms", "review", "quarantine", "archive", "work", "inbox")
    folder = tmp_path / "in"
    folder.mkdir()
    inputs = bad_inputs(folder)
    result = semantha(config, "process", "--json", *(str(p) for p in inputs.values()))
    assert result.returncode == 0, result.stderr
    rows = {Path(r["file"]).name: r for r in json_lines(result.stdout)}
    quarantine = tmp_path / "var" / "quarantine"
    for kind, path in inputs.items():
        row = rows[path.name]
        assert row["status"] == "quarantined", kind
        assert row["reason"], kind
        reason = json.loads((quarantine / f"{path.name}.error.json").read_text())
        assert reason["sha256"] == file_sha256(path)
        assert (quarantine / path.name).read_bytes() == path.read_bytes()
        assert path.exists(), "process never removes the input file"


def test_labels_of_the_samples_name_known_departments() -> None:
    import yaml

    departments = yaml.safe_load((ROOT / "rules" / "departments.yaml").read_text())
    known = {str(d["id"]) for d in departments["departments"]}
    with (SAMPLES / "labels.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert (SAMPLES / row["file"]).is_file()
            assert row["department"] == "" or row["department"] in known

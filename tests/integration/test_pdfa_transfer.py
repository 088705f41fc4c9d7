"""PDF/A-2b delivery, the transfer note and the audit chain, through the real service.

One run of ``semantha run --once`` (real Tesseract, real files) on sample scans of each
kind, with the default route asking for ``pdfa: true``. The PDF/A files are checked with
pikepdf: structurally (output intent, transparency, fonts, XMP, ID, encryption,
JavaScript) and by pikepdf's PDF/A-2b validator. veraPDF is not run (not packaged here).
Then the audit log the service wrote is tampered with, line by line, and ``semantha
audit verify`` must name the first bad line.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pikepdf
import pikepdf.pdfa
import pytest
from configs import embedded_config
from PIL import ImageCms

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
ICC = ROOT / "semantha" / "delivering" / "icc" / "sRGB2014.icc"
# scanned PDF turned 180 (2 pages), bitonal G4 TIFF, colour JPEG, a duplex PDF with a blank back
CHOSEN = {
    "002-11-antrag-named-rot180-2p.pdf": ("11", 2),
    "003-12-antrag-named-g4.tiff": ("12", 1),
    "005-21-antrag-named.jpg": ("21", 1),
    "004-20-rechnung-named-duplex.pdf": ("20", 2),
}


@dataclass(frozen=True)
class Run:
    root: Path
    config: Path
    delivered: dict[str, Path]  # sample name -> the PDF/A in the DMS folder

    @property
    def audit(self) -> Path:
        return self.root / "var" / "work" / "audit.jsonl"


def semantha(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1"}
    return subprocess.run(
        [sys.executable, "-m", "semantha", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("pdfa")
    rules = root / "rules"
    shutil.copytree(ROOT / "rules", rules)
    routes = (rules / "routes.yaml").read_text(encoding="utf-8")
    last = '          name: "{date}_{aktenzeichen|sha}.{ext}"\n'
    assert routes.endswith(last)
    (rules / "routes.yaml").write_text(routes + "          pdfa: true\n", encoding="utf-8")
    config = embedded_config(root, "inbox", "dms")
    text = config.read_text(encoding="utf-8").replace(
        f"rules_dir: {ROOT / 'rules'}", f"rules_dir: {rules}"
    )
    station = 'scan_station: ""'
    assert station in text
    config.write_text(text.replace(station, "scan_station: scan-poststelle-1"), encoding="utf-8")
    for name in CHOSEN:
        shutil.copy2(SAMPLES / name, root / "var" / "inbox" / name)
    done = semantha(config, "run", "--once")
    assert done.returncode == 0, done.stderr[-3000:]
    delivered: dict[str, Path] = {}
    for sidecar in (root / "var" / "dms").rglob("*.json"):
        index = json.loads(sidecar.read_text(encoding="utf-8"))
        delivered[index["source_file"]] = sidecar.with_name(index["file"])
    assert sorted(delivered) == sorted(CHOSEN), list((root / "var").rglob("*"))
    return Run(root, config, delivered)


def sidecar_of(pdf: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(pdf.with_name(pdf.name + ".json").read_text("utf-8"))
    return loaded


def objects(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            yield obj


# --------------------------------------------------------------------------- PDF/A


@pytest.mark.parametrize("name", CHOSEN)
def test_the_delivered_pdf_passes_pikepdfs_pdfa_2b_validator(run: Run, name: str) -> None:
    # The validator reports any warning raised while it parses a content stream, also
    # one that the garbage collector raises then for another test's leftovers.
    gc.collect()
    report = pikepdf.pdfa.validate_written(run.delivered[name], "2b")
    assert report.passed, [str(f) for f in report.findings]


@pytest.mark.parametrize("name", CHOSEN)
def test_the_pdfa_has_an_srgb_output_intent_with_the_vendored_profile(run: Run, name: str) -> None:
    with pikepdf.open(run.delivered[name]) as pdf:
        [intent] = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFA1
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        profile = intent.DestOutputProfile
        assert profile.N == 3 and profile.read_bytes() == ICC.read_bytes()
    icc = ImageCms.getOpenProfile(io.BytesIO(ICC.read_bytes()))
    assert ImageCms.getProfileDescription(icc).strip() == "sRGB2014"
    assert "International Color Consortium" in ImageCms.getProfileCopyright(icc)


@pytest.mark.parametrize("name", CHOSEN)
def test_the_pdfa_has_no_transparency_and_embeds_every_font(run: Run, name: str) -> None:
    with pikepdf.open(run.delivered[name]) as pdf:
        assert pdf.pdf_version <= "1.7"
        fonts = 0
        for obj in objects(pdf):
            assert "/SMask" not in obj and "/Group" not in obj, repr(obj)
            if obj.get("/Type") == pikepdf.Name.Font and obj.get("/Subtype") != "/Type0":
                fonts += 1
                descriptor = obj.FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        assert fonts >= 1  # the invisible text layer's font
        for page in pdf.pages:
            assert "/Group" not in page.obj


@pytest.mark.parametrize("name", CHOSEN)
def test_the_pdfa_carries_its_identity_and_index_data_and_nothing_active(
    run: Run, name: str
) -> None:
    index = sidecar_of(run.delivered[name])
    with pikepdf.open(run.delivered[name]) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        subjects = set(meta["dc:subject"])
        assert f"department={CHOSEN[name][0]}" in subjects
        assert f"doctype={index['doctype']}" in subjects
        assert f"sha256={index['sha256']}" in subjects
        if index["fields"].get("aktenzeichen"):
            assert f"aktenzeichen={index['fields']['aktenzeichen']}" in subjects
        assert len(pdf.trailer.ID) == 2 and len(bytes(pdf.trailer.ID[0])) == 16
        assert not pdf.is_encrypted and "/Encrypt" not in pdf.trailer
        assert "/Info" not in pdf.trailer
        assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.Root
        for obj in objects(pdf):
            assert "/JS" not in obj and "/JavaScript" not in obj
            assert obj.get("/S") != pikepdf.Name.JavaScript


def test_the_pdfa_keeps_the_words_searchable(run: Run) -> None:
    pdf = run.delivered["003-12-antrag-named-g4.tiff"]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    assert len(text.stdout.decode("utf-8").split()) > 30


# --------------------------------------------------------------------------- transfer note


@pytest.mark.parametrize("name", CHOSEN)
def test_each_sidecar_carries_a_transfer_note(run: Run, name: str) -> None:
    pdf = run.delivered[name]
    note = sidecar_of(pdf)["transfer"]
    pages = CHOSEN[name][1]
    assert note["station"] == "scan-poststelle-1"
    # when the scanner wrote the file: its mtime, kept by every move (copy2 into the inbox)
    mtime = datetime.fromtimestamp((SAMPLES / name).stat().st_mtime, UTC)
    assert note["scanned_at"] == mtime.isoformat(timespec="seconds")
    assert note["pages"] == pages
    assert note["scan_sha256"] == hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest()
    [file] = note["delivered"]
    assert file == {
        "file": pdf.name,
        "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
        "format": "PDF/A-2b",
    }
    checks = note["checks"]
    assert checks["completeness"]["pages_in_scan"] == pages
    assert checks["completeness"]["complete"] is True
    assert checks["ocr"]["pages"] >= 1 and 50 < checks["ocr"]["mean_confidence"] <= 100
    assert len(checks["orientation"]["quarter_turns"]) == pages


def test_the_note_states_resolution_colour_turns_and_blank_pages(run: Run) -> None:
    notes = {name: sidecar_of(pdf)["transfer"] for name, pdf in run.delivered.items()}
    assert notes["003-12-antrag-named-g4.tiff"]["colour_modes"] == ["bitonal"]
    assert notes["005-21-antrag-named.jpg"]["colour_modes"] in (["colour"], ["gray"])
    for note in notes.values():
        assert note["resolution_dpi"] and all(150 <= d <= 600 for d in note["resolution_dpi"])
    turned = notes["002-11-antrag-named-rot180-2p.pdf"]["checks"]["orientation"]
    assert turned["pages_turned"] == 2 and turned["quarter_turns"] == [2, 2]
    duplex = notes["004-20-rechnung-named-duplex.pdf"]["checks"]
    assert duplex["blank_pages"] == {"found": 1, "removed": 0}
    assert duplex["completeness"]["content_pages"] + duplex["completeness"]["blank_pages"] == 2


def test_the_audit_log_has_one_transfer_line_per_document(run: Run) -> None:
    lines = [json.loads(line) for line in run.audit.read_text("utf-8").splitlines()]
    transfers = {e["sha256"]: e for e in lines if e["event"] == "transfer"}
    assert len(transfers) == len(CHOSEN)
    for name, pdf in run.delivered.items():
        entry = transfers[hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest()]
        note = sidecar_of(pdf)["transfer"]
        assert entry["user"] == "service" and entry["station"] == "scan-poststelle-1"
        assert entry["checks"] == note["checks"] and entry["delivered"] == note["delivered"]


# --------------------------------------------------------------------------- audit verify


@pytest.fixture
def audit_copy(run: Run, tmp_path: Path) -> Iterator[tuple[Path, list[bytes]]]:
    """The service's audit log, restored after each tampering."""
    original = run.audit.read_bytes()
    yield run.audit, original.splitlines(keepends=True)
    run.audit.write_bytes(original)


def test_the_service_written_chain_verifies(run: Run) -> None:
    done = semantha(run.config, "audit", "verify")
    assert done.returncode == 0, done.stderr
    assert f"intact, {len(CHOSEN)} lines" in done.stdout


def test_an_edited_line_is_named(run: Run, audit_copy: tuple[Path, list[bytes]]) -> None:
    path, lines = audit_copy
    lines[1] = lines[1].replace(b'"station": "scan-poststelle-1"', b'"station": "scan-other"')
    path.write_bytes(b"".join(lines))
    done = semantha(run.config, "audit", "verify")
    assert done.returncode == 1
    assert "line 3 does not follow line 2" in done.stderr


def test_an_inserted_line_is_named(run: Run, audit_copy: tuple[Path, list[bytes]]) -> None:
    path, lines = audit_copy
    forged = json.loads(lines[0])
    forged["prev"] = hashlib.sha256(lines[0].rstrip(b"\n")).hexdigest()  # a forger's best
    lines.insert(1, json.dumps(forged).encode("utf-8") + b"\n")
    path.write_bytes(b"".join(lines))
    done = semantha(run.config, "audit", "verify")
    assert done.returncode == 1
    assert "line 3 does not follow line 2" in done.stderr


def test_a_removed_line_is_named(run: Run, audit_copy: tuple[Path, list[bytes]]) -> None:
    path, lines = audit_copy
    del lines[1]
    path.write_bytes(b"".join(lines))
    done = semantha(run.config, "audit", "verify")
    assert done.returncode == 1
    assert "line 2 does not follow line 1" in done.stderr


def test_a_cut_off_last_line_is_named(run: Run, audit_copy: tuple[Path, list[bytes]]) -> None:
    path, lines = audit_copy
    path.write_bytes(b"".join(lines)[:-40])
    done = semantha(run.config, "audit", "verify")
    assert done.returncode == 1
    assert f"line {len(lines)}, the last, is cut off" in done.stderr


def test_a_kept_head_catches_a_changed_or_removed_last_line(
    run: Run, audit_copy: tuple[Path, list[bytes]]
) -> None:
    path, lines = audit_copy
    head = semantha(run.config, "audit", "verify").stdout.split("head ")[1].strip()
    assert semantha(run.config, "audit", "verify", "--head", head).returncode == 0
    path.write_bytes(b"".join(lines[:-1]))  # the chain alone cannot see this
    assert semantha(run.config, "audit", "verify").returncode == 0
    done = semantha(run.config, "audit", "verify", "--head", head)
    assert done.returncode == 1 and "lines were removed from its end" in done.stderr
    path.write_bytes(b"".join(lines[:-1]) + lines[-1].replace(b'"service"', b'"someone"'))
    done = semantha(run.config, "audit", "verify", "--head", head)
    assert done.returncode == 1
    assert f"line {len(lines)} is not the line the kept head names" in done.stderr

"""Write generated mail as a scan station would drop it, with labels.csv and truth.jsonl.

Formats: image-only PDF (JPEG pages, or CCITT G4 for bitonal pages), born-digital PDF
with a real text layer, multi-page CCITT G4 TIFF, JPEG and PNG (single images: a
photo of the first page). ``labels.csv`` has the header ``file,department,doctype``;
``truth.jsonl`` holds the full ground truth of each file. Text-only mode writes
``text,department,doctype`` rows without any images.

Every document draws from its own ``random.Random(f"{seed}/{index}")``, so a file is
the same whether it was written alone, in a pool, or as part of a larger run.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import struct
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, partial
from pathlib import Path
from typing import Any, Literal

import img2pdf
import structlog
from PIL import Image
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from semantha.tools.samplegen import corpus
from semantha.tools.samplegen.render import (
    A4_MM,
    BoxItem,
    LetterLayout,
    PageLayout,
    StrokeItem,
    TextItem,
    insert_block,
    layout_letter,
    rasterize,
)
from semantha.tools.samplegen.scan import (
    ParamValue,
    Profile,
    ScannedPage,
    StampFrame,
    blank_back,
    plan_defects,
    scan_page,
    stamp_items,
)
from semantha.tools.samplegen.spec import LetterSpec

log = structlog.get_logger(__name__)

Format = Literal["pdf", "textpdf", "tiff", "jpeg", "png"]
FORMATS: tuple[Format, ...] = ("pdf", "textpdf", "tiff", "jpeg", "png")
ProfileChoice = Literal["clean", "degraded", "mixed"]
EXTENSIONS: dict[Format, str] = {
    "pdf": "pdf",
    "textpdf": "pdf",
    "tiff": "tiff",
    "jpeg": "jpg",
    "png": "png",
}
# the realistic default mix: mostly image PDFs, some fax-like G4 TIFFs, a few photos
# from the scanner's e-mail function and a few PDFs that were never printed
FORMAT_WEIGHTS: dict[Format, float] = {
    "pdf": 0.62,
    "tiff": 0.14,
    "jpeg": 0.09,
    "png": 0.07,
    "textpdf": 0.08,
}
LABEL_HEADER = ("file", "department", "doctype")
TEXT_LABEL_HEADER = ("text", "department", "doctype")
JPEG_QUALITY = 75
ROTATED_SHARE = 0.2
# about 30 % of all documents come duplex: only PDFs and TIFFs (3 in 4) can carry backs
DUPLEX_SHARE = 0.4


@dataclass(frozen=True)
class DocumentPlan:
    """How one letter becomes a file: format, scan profile, sheets turned, duplex."""

    index: int
    seed: int
    spec: LetterSpec
    format: Format
    profile: Profile | None  # None for born-digital PDFs (never scanned)
    bitonal: bool = False
    duplex: bool = False
    rotations: tuple[int, ...] = ()  # clockwise turn of sheet 1, 2, ...; missing = 0
    stamp: bool = False


@dataclass(frozen=True)
class Summary:
    documents: int
    pages: int
    bytes: int
    seconds: float
    formats: dict[str, int]


def _choice(rng: random.Random, weights: dict[Format, float], allowed: Sequence[Format]) -> Format:
    usable = [f for f in FORMATS if f in allowed]
    return rng.choices(usable, weights=[weights[f] for f in usable])[0]


def plan_documents(
    specs: Sequence[LetterSpec],
    seed: int,
    formats: Sequence[Format] = FORMATS,
    profile: ProfileChoice = "mixed",
) -> list[DocumentPlan]:
    """The realistic mix of formats, profiles, turned sheets and duplex backs."""
    if not formats:
        raise ValueError("at least one output format is needed")
    rng = random.Random(f"plan/{seed}")
    plans = []
    for index, spec in enumerate(specs, start=1):
        fmt = _choice(rng, FORMAT_WEIGHTS, formats)
        scanned = fmt != "textpdf"
        chosen: Profile = (
            profile if profile != "mixed" else ("degraded" if rng.random() < 0.55 else "clean")
        )
        rotations = tuple(
            rng.choice((90, 180, 180, 270)) if scanned and rng.random() < ROTATED_SHARE else 0
            for _ in range(4)
        )
        plans.append(
            DocumentPlan(
                index=index,
                seed=seed,
                spec=spec,
                format=fmt,
                profile=chosen if scanned else None,
                bitonal=fmt in ("tiff", "png") or (fmt == "pdf" and rng.random() < 0.15),
                duplex=fmt in ("pdf", "tiff") and rng.random() < DUPLEX_SHARE,
                rotations=rotations,
                stamp=scanned and spec.kind != "internal" and rng.random() < 0.6,
            )
        )
    return plans


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@dataclass(frozen=True)
class _Treatment:
    format: Format
    profile: Profile | None
    bitonal: bool = False
    duplex: bool = False
    rotations: tuple[int, ...] = ()


# the shipped set cycles through these so that every format, turn and back occurs
_TREATMENTS = (
    _Treatment("pdf", "clean"),
    _Treatment("pdf", "degraded", rotations=(180, 180, 180)),
    _Treatment("tiff", "degraded", bitonal=True),
    _Treatment("pdf", "degraded", duplex=True),
    _Treatment("jpeg", "clean"),
    _Treatment("pdf", "degraded", rotations=(90,)),
    _Treatment("png", "clean", bitonal=True),
    _Treatment("pdf", "degraded", bitonal=True, rotations=(270,)),
    _Treatment("textpdf", None),
    _Treatment("tiff", "clean", bitonal=True, duplex=True, rotations=(0, 180)),
)
CURATED_COUNT = 40


def _names(office: str, kind: str | None, spec: LetterSpec) -> bool:
    return spec.department == office and spec.names_office and kind in (None, spec.kind)


def _curated_specs(seed: int) -> list[LetterSpec]:
    """40 letters: one naming each office, unnamed ones, memos, invoices, court, advert."""
    pool = corpus.generate_letters(seed, 800)
    chosen: list[LetterSpec] = []

    def take(match: Callable[[LetterSpec], bool], count: int = 1) -> int:
        found = [spec for spec in pool if spec not in chosen and match(spec)][:count]
        chosen.extend(found)
        return len(found)

    preferred = {"20": "invoice", "30": "court", "10": "internal", "11": "internal"}
    for office in sorted({spec.department for spec in pool if spec.department}):
        if not take(partial(_names, office, preferred.get(office))):
            take(partial(_names, office, None))
    take(lambda s: bool(s.department) and not s.names_office and s.kind == "citizen", 5)
    take(lambda s: bool(s.department) and not s.names_office and s.kind == "company", 3)
    take(lambda s: s.kind == "internal" and not s.names_office, 1)
    take(lambda s: s.kind == "internal" and s.names_office, 1)
    take(lambda s: s.kind == "invoice", 2)
    take(lambda s: s.kind == "court", 1)
    take(lambda s: s.kind == "advert", 1)
    take(lambda s: s.kind == "private", 1)
    take(lambda s: not s.department and s.kind not in ("advert", "private"), 1)
    longest = sorted(pool, key=lambda s: -sum(len(p) for p in s.body))
    take(lambda s: s.names_office and s in longest[:40], CURATED_COUNT - len(chosen))
    return chosen[:CURATED_COUNT]


def curated_plans(seed: int) -> list[DocumentPlan]:
    """The plan of the shipped ``samples/`` set: every format, turn, back and letter kind."""
    plans = []
    for index, spec in enumerate(_curated_specs(seed), start=1):
        treat = _TREATMENTS[(index - 1) % len(_TREATMENTS)]
        plans.append(
            DocumentPlan(
                index=index,
                seed=seed,
                spec=spec,
                format=treat.format,
                profile=treat.profile,
                bitonal=treat.bitonal,
                duplex=treat.duplex,
                rotations=treat.rotations,
                stamp=treat.profile is not None and spec.kind != "internal" and index % 3 != 0,
            )
        )
    return plans


def _slug(text: str) -> str:
    ascii_text = text.lower().translate(_UMLAUTS)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "sonstiges"


def file_name(plan: DocumentPlan, pages: int, rotations: Sequence[int]) -> str:
    """Name a file for what it expects: ``007-63-antrag-named-rot180-duplex.pdf``."""
    spec = plan.spec
    what = spec.kind if spec.kind in ("advert", "private") else (spec.doctype or spec.kind)
    parts = [f"{plan.index:03d}", spec.department or "none", _slug(what)]
    if spec.department:
        parts.append("named" if spec.names_office else "unnamed")
    parts += [f"rot{turn}" for turn in sorted(set(rotations)) if turn]
    if pages > 1:
        parts.append(f"{pages}p")
    if plan.duplex:
        parts.append("duplex")
    if plan.format == "textpdf":
        parts.append("digital")
    elif plan.bitonal:
        parts.append("g4")
    return "-".join(parts) + "." + EXTENSIONS[plan.format]


def _stamp_day(plan: DocumentPlan, rng: random.Random) -> datetime:
    day = plan.spec.letter_date + timedelta(days=rng.randint(1, 6))
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def scan_sheets(
    plan: DocumentPlan, layout: LetterLayout, rng: random.Random, dpi: int
) -> list[tuple[ScannedPage, str]]:
    """Scan every sheet (and its blank back in duplex); pairs of page and ground truth."""
    assert plan.profile is not None
    rendered = rasterize(layout, dpi)
    fronts = rendered.pages
    if plan.format in ("jpeg", "png"):
        fronts = fronts[:1]  # a single image holds the first page
    stamp_day = _stamp_day(plan, rng).date()
    out: list[tuple[ScannedPage, str]] = []
    for i, front in enumerate(fronts):
        turn = plan.rotations[i] if i < len(plan.rotations) else 0
        names = plan_defects(
            rng, plan.profile, stamp=plan.stamp and i == 0, rotation=turn, bitonal=plan.bitonal
        )
        page = scan_page(
            front, rng, names, profile=plan.profile, dpi=dpi, rotation=turn, stamp_date=stamp_day
        )
        defects = [d.as_dict() for d in page.defects]
        out.append((page, page_truth(layout.pages[i], defects, dpi).text))
        if plan.duplex:
            back = blank_back(front, rng, names, dpi=dpi, rotation=turn)
            out.append((back, ""))
    return out


def page_truth(
    page: PageLayout, defects: Sequence[Mapping[str, ParamValue]], dpi: int = 300
) -> PageLayout:
    """What is printed on a scanned sheet: the letter, plus the stamp's text while legible.

    The incoming-mail stamp is real page content (the date of receipt); a bitonal scan
    that lost it to the threshold has no stamp text left to read (``scan.judged_stamp``).
    """
    for defect in defects:
        if defect["name"] == "stamp" and defect.get("legible", True):
            items = stamp_items(defect, dpi)
            return insert_block(page, items, StampFrame.of(defect, dpi).centre[1] * 25.4 / dpi)
    return page


def _page_bytes(image: Image.Image, dpi: int) -> bytes:
    """One PDF page image: CCITT G4 for bitonal pages, gray JPEG otherwise."""
    buffer = io.BytesIO()
    if image.mode == "1":
        image.save(buffer, "TIFF", compression="group4", dpi=(dpi, dpi))
    else:
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, dpi=(dpi, dpi), optimize=True)
    return buffer.getvalue()


def save_images(path: Path, images: Sequence[Image.Image], fmt: Format, dpi: int) -> None:
    if fmt == "pdf":
        pages = [_page_bytes(image, dpi) for image in images]
        # the internal engine writes no time-based /ID: same seed, same bytes
        pdf = img2pdf.convert(pages, nodate=True, engine=img2pdf.Engine.internal)
        path.write_bytes(pdf)
    elif fmt == "tiff":
        first, *rest = [image.convert("1", dither=Image.Dither.NONE) for image in images]
        first.save(
            path, "TIFF", compression="group4", save_all=True, append_images=rest, dpi=(dpi, dpi)
        )
    elif fmt == "jpeg":
        images[0].convert("L").save(path, "JPEG", quality=JPEG_QUALITY, dpi=(dpi, dpi))
    else:
        images[0].save(path, "PNG", dpi=(dpi, dpi), optimize=True)


@cache
def _font_name(path: Path) -> str:
    """The font at ``path``, registered with reportlab once per process."""
    name = f"Samplegen-{path.stem}"
    font = TTFont(name, str(path))
    # ascent and descent of the hhea table, the font's line metrics as FreeType reports
    # them (reportlab takes OS/2's smaller typographic ones): extractors build glyph boxes
    # from them, and with the smaller boxes pdftotext read info blocks before the address
    hhea = font.face.get_table("hhea")  # type: ignore[no-untyped-call]
    ascender, descender = struct.unpack(">hh", hhea[4:8])
    font.face.ascent = round(ascender * 1000 / font.face.unitsPerEm)
    font.face.descent = round(descender * 1000 / font.face.unitsPerEm)
    pdfmetrics.registerFont(font)
    return name


def _pdf_date(created: datetime, *_invariant_stamp: int) -> str:
    return created.strftime("D:%Y%m%d%H%M%S+00'00'")


def write_text_pdf(path: Path, layout: LetterLayout, created: datetime) -> None:
    """A born-digital PDF: the same layout drawn as real text, extractable without OCR.

    The layout measures in mm from the top left corner, the PDF in points from the
    bottom left.
    """
    width, height = A4_MM[0] * mm, A4_MM[1] * mm
    # invariant: no time-based /ID, same seed, same bytes; the letter's day stands as its
    # creation date
    canvas = Canvas(str(path), pagesize=(width, height), invariant=True, pageCompression=True)
    canvas.setDateFormatter(partial(_pdf_date, created))
    for page in layout.pages:
        for item in page.items:
            if isinstance(item, TextItem):
                for run in item.runs:
                    # a text object of its own: drawString's line feed (T*) would make
                    # extractors break a table row after every cell
                    text = canvas.beginText(run.x * mm, height - item.y * mm)
                    text.setFont(_font_name(run.font.path), run.font.size_pt)
                    text.textOut(run.text)
                    canvas.drawText(text)
            elif isinstance(item, BoxItem):
                canvas.setLineWidth(item.line * mm)
                bottom = height - (item.y + item.h) * mm
                canvas.rect(item.x * mm, bottom, item.w * mm, item.h * mm)
            elif isinstance(item, StrokeItem):
                canvas.setLineWidth(item.line * mm)
                (x0, y0), *rest = item.points
                line = canvas.beginPath()
                line.moveTo(x0 * mm, height - y0 * mm)
                for x, y in rest:
                    line.lineTo(x * mm, height - y * mm)
                canvas.drawPath(line, stroke=1, fill=0)
        canvas.showPage()
    canvas.save()


def write_document(plan: DocumentPlan, out_dir: Path, dpi: int = 300) -> dict[str, Any]:
    """Render, scan and save one letter; returns its truth.jsonl record."""
    started = time.perf_counter()
    rng = random.Random(f"{plan.seed}/{plan.index}")
    layout = layout_letter(plan.spec, rng)
    if plan.format == "textpdf":
        texts = list(layout.page_texts)
        rotations = [0] * len(texts)
        defects: list[list[dict[str, Any]]] = [[] for _ in texts]
        blank: list[int] = []
        name = file_name(plan, len(texts), rotations)
        write_text_pdf(out_dir / name, layout, _stamp_day(plan, rng))
    else:
        sheets = scan_sheets(plan, layout, rng, dpi)
        texts = [text for _, text in sheets]
        rotations = [page.rotation for page, _ in sheets]
        defects = [[d.as_dict() for d in page.defects] for page, _ in sheets]
        blank = [i for i, (page, _) in enumerate(sheets) if page.blank]
        name = file_name(plan, len(sheets) - len(blank), rotations)
        save_images(out_dir / name, [page.image for page, _ in sheets], plan.format, dpi)
    spec = plan.spec
    log.debug(
        "sample.written",
        index=plan.index,
        format=plan.format,
        pages=len(texts),
        seconds=round(time.perf_counter() - started, 3),
    )
    return {
        "file": name,
        "department": spec.department,
        "doctype": spec.doctype,
        "kind": spec.kind,
        "names_office": spec.names_office,
        "fields": {
            "recipient_office": spec.department if spec.names_office else "",
            "aktenzeichen": spec.aktenzeichen,
            "date": spec.letter_date.isoformat(),
            "subject": spec.subject,
        },
        "page_texts": texts,
        "blank_pages": blank,
        "rotation": rotations,
        "defects": defects,
        "profile": plan.profile or "none",
        "format": plan.format,
        "seed": plan.seed,
        "index": plan.index,
        "bytes": (out_dir / name).stat().st_size,
    }


def _atomic_write(path: Path, write: Callable[[io.TextIOWrapper], None]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        write(handle)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)


def write_labels(out_dir: Path, records: Sequence[dict[str, Any]]) -> None:
    """labels.csv (``file,department,doctype``) and truth.jsonl, one record per file."""

    def labels(handle: io.TextIOWrapper) -> None:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(LABEL_HEADER)
        for record in records:
            writer.writerow([record["file"], record["department"], record["doctype"]])

    def truth(handle: io.TextIOWrapper) -> None:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")

    _atomic_write(out_dir / "labels.csv", labels)
    _atomic_write(out_dir / "truth.jsonl", truth)


def remove_previous(out_dir: Path) -> int:
    """Delete the files an earlier run listed in ``out_dir/labels.csv`` (and nothing else).

    A regenerated set may name its files differently; stale ones would pose as samples.
    """
    labels = out_dir / "labels.csv"
    if not labels.is_file():
        return 0
    with labels.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        names = [row.get("file") or "" for row in reader] if reader.fieldnames else []
    removed = 0
    for name in names:
        path = out_dir / name
        # only plain names of this folder: a hand-edited labels.csv must not reach elsewhere
        if name and Path(name).name == name and path.is_file():
            path.unlink()
            removed += 1
    return removed


def write_documents(
    plans: Sequence[DocumentPlan],
    out_dir: Path,
    *,
    workers: int = 2,
    progress: Callable[[], None] | None = None,
    dpi: int = 300,
) -> Summary:
    """Write every planned document (in a process pool when it pays) plus the labels."""
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_previous(out_dir)
    records: list[dict[str, Any]] = []
    if workers > 1 and len(plans) >= 4:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(write_document, plan, out_dir, dpi) for plan in plans]
            for future in futures:
                records.append(future.result())
                if progress:
                    progress()
    else:
        for plan in plans:
            records.append(write_document(plan, out_dir, dpi))
            if progress:
                progress()
    write_labels(out_dir, records)
    seconds = time.perf_counter() - started
    summary = Summary(
        documents=len(records),
        pages=sum(len(r["page_texts"]) for r in records),
        bytes=sum(int(r["bytes"]) for r in records),
        seconds=seconds,
        formats=dict(sorted(Counter(str(r["format"]) for r in records).items())),
    )
    log.info(
        "samples.written",
        documents=summary.documents,
        pages=summary.pages,
        bytes=summary.bytes,
        seconds=round(seconds, 2),
    )
    return summary


def write_text_samples(out_dir: Path, seed: int, count: int, noise: float = 0.0) -> Summary:
    """labels.csv with ``text,department,doctype`` rows: training data without images."""
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_previous(out_dir)
    (out_dir / "truth.jsonl").unlink(missing_ok=True)  # it would describe removed files
    specs = corpus.generate_letters(seed, count)
    rng = random.Random(f"noise/{seed}")

    def rows(handle: io.TextIOWrapper) -> None:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(TEXT_LABEL_HEADER)
        for spec in specs:
            text = corpus.plain_text(spec)
            if noise > 0:
                text = corpus.ocr_noise(text, rng, noise)
            writer.writerow([text, spec.department, spec.doctype])

    path = out_dir / "labels.csv"
    _atomic_write(path, rows)
    seconds = time.perf_counter() - started
    log.info("samples.text_written", documents=len(specs), seconds=round(seconds, 2))
    return Summary(len(specs), 0, path.stat().st_size, seconds, {"text": len(specs)})

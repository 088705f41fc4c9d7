"""Letters not written by the sample generator: does Semantha read what they state?

    .venv/bin/python benchmarks/held_out_letters.py [--scan] [--out DIR] [--config PATH]

The letters in tests/data/held_out_letters/ are plain text in wording and layouts of
their own (labels.csv: file, department, doctype, clue, decoy, batch). Each is set as a
one-page PDF with a text layer (reportlab, monospaced so that columns stay columns)
and the PDFs go through ``semantha process --json --dry-run`` as a user would run it.
With ``--scan`` each page is rasterised (200 dpi, grey PNG) instead, so that OCR reads it.
The report groups the letters by their clue:

- reference: the city's file number ("Ihr Zeichen: 63-602.14/2025") is the only clue;
- reference_and_ours: the same plus the sender's own reference ("Unser Zeichen") shaped
  like another office's number (the decoy);
- ours_only: only the sender's reference names an office (the decoy), the content decides;
- memo: internal mail forwarded from one office (the decoy, "Von:") to another ("An:");
- memo_to_person: a memo whose "An:" names a person only;
- no_office: neither an office nor a reference.

Per group: letters, routed without review, precision of the routed, coverage, and how
many went to the decoy office; the same per batch (batch 2 was written after the
rules for references and memos, and never used to tune them). Prints Markdown and writes it to
benchmarks/results/held-out-letters-<stamp>.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pdf2image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[1]
LETTERS = ROOT / "tests" / "data" / "held_out_letters"
RESULTS = ROOT / "benchmarks" / "results"
FONT_SIZE = 9.0  # Courier at 9 pt: 90 characters fit between the margins
LINE_PITCH = 12.0
MARGIN = 50.0
SCAN_DPI = 200


@dataclass(frozen=True)
class Letter:
    file: str
    department: str
    clue: str
    decoy: str
    batch: str


@dataclass(frozen=True)
class Result:
    letter: Letter
    department: str | None
    method: str
    reason: str

    @property
    def routed(self) -> bool:
        return self.department is not None


def read_letters() -> list[Letter]:
    with (LETTERS / "labels.csv").open(encoding="utf-8", newline="") as handle:
        return [
            Letter(row["file"], row["department"], row["clue"], row["decoy"], row["batch"])
            for row in csv.DictReader(handle)
        ]


def set_as_pdf(text_file: Path, pdf: Path) -> None:
    """One page, one drawn string per line of the text file."""
    page = canvas.Canvas(str(pdf), pagesize=A4)
    page.setFont("Courier", FONT_SIZE)
    y = A4[1] - MARGIN
    for line in text_file.read_text(encoding="utf-8").splitlines():
        page.drawString(MARGIN, y, line)
        y -= LINE_PITCH
    page.save()


def rasterise(pdf: Path) -> Path:
    """The page as a grey scan: what OCR gets from a scanner, without the text layer."""
    png = pdf.with_suffix(".png")
    pdf2image.convert_from_path(pdf, dpi=SCAN_DPI, grayscale=True)[0].save(png)
    return png


def process(files: list[Path], config: Path | None) -> dict[str, dict[str, object]]:
    """``semantha process --json --dry-run`` on every file: file name -> its JSON line."""
    command = [sys.executable, "-m", "semantha"]
    if config is not None:
        command += ["--config", str(config)]
    command += ["process", *map(str, files), "--json", "--dry-run"]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {Path(str(line["file"])).name: line for line in lines}


def results(out: Path, config: Path | None, scan: bool) -> list[Result]:
    letters = read_letters()
    files = []
    for letter in letters:
        pdf = out / Path(letter.file).with_suffix(".pdf").name
        set_as_pdf(LETTERS / letter.file, pdf)
        files.append(rasterise(pdf) if scan else pdf)
    decided = process(files, config)
    found = []
    for letter, file in zip(letters, files, strict=True):
        line = decided[file.name]
        department = line.get("department")
        found.append(
            Result(
                letter,
                None if department is None else str(department),
                str(line.get("method")),
                str(line.get("reason", "")),
            )
        )
    return found


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def report(found: list[Result]) -> str:
    groups: dict[str, list[Result]] = defaultdict(list)
    for result in found:
        groups[result.letter.clue].append(result)
    for result in found:
        groups[f"batch {result.letter.batch}"].append(result)
    groups["all"] = found
    rows = [
        "| clue | letters | routed | right | precision | coverage | to the decoy |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for clue, items in groups.items():
        routed = [r for r in items if r.routed]
        right = [r for r in routed if r.department == r.letter.department]
        decoy = [r for r in routed if r.letter.decoy and r.department == r.letter.decoy]
        rows.append(
            f"| {clue} | {len(items)} | {len(routed)} | {len(right)} | "
            f"{_percent(len(right), len(routed))} | {_percent(len(routed), len(items))} | "
            f"{len(decoy)} |"
        )
    rows += ["", "| letter | truth | decided | method |", "|---|---|---|---|"]
    for r in found:
        mark = "" if not r.routed or r.department == r.letter.department else " ✗"
        truth = r.letter.department or "(none)"
        rows.append(
            f"| {r.letter.file} | {truth} | {r.department or 'review'}{mark} | {r.method} |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="keep the PDFs here (default: a temporary folder)")
    parser.add_argument("--config", type=Path, help="config.yaml (default: semantha's own)")
    parser.add_argument("--scan", action="store_true", help="rasterise the pages: OCR reads them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        text = report(results(out, args.config, args.scan))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M")
    kind = "scan" if args.scan else "text"
    RESULTS.mkdir(exist_ok=True)
    options = " --scan" if args.scan else ""
    title = (
        f"# Held-out letters, {kind} ({stamp})\n\n`python benchmarks/held_out_letters.py{options}`"
    )
    path = RESULTS / f"held-out-letters-{kind}-{stamp}.md"
    path.write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()

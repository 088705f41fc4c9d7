"""``semantha samples``: generate realistic scanned sample mail with labels.csv."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from semantha.errors import InputError

if TYPE_CHECKING:
    from semantha.tools.samplegen.writer import Format

POOL_FROM = 8


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's commands to the parser."""
    samples = subparsers.add_parser(
        "samples",
        help="generate realistic scanned sample mail with labels.csv and truth.jsonl",
        description=(
            "Writes fictional letters as a scan station would drop them (image PDFs, "
            "born-digital PDFs, G4 TIFFs, JPEG, PNG) with labels.csv and truth.jsonl."
        ),
    )
    samples.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    samples.add_argument("--count", type=int, default=40, metavar="N", help="number of documents")
    samples.add_argument("--seed", type=int, default=1, metavar="S", help="same seed, same files")
    samples.add_argument(
        "--text-only",
        action="store_true",
        help="labels.csv with text,department,doctype rows only (fast training data)",
    )
    samples.add_argument(
        "--noise",
        type=float,
        default=0.0,
        metavar="RATE",
        help="with --text-only: OCR-like damage per word (0..1)",
    )
    samples.add_argument(
        "--formats",
        default="pdf,textpdf,tiff,jpeg,png",
        metavar="LIST",
        help="comma-separated subset of pdf,textpdf,tiff,jpeg,png",
    )
    samples.add_argument(
        "--profile",
        choices=("clean", "degraded", "mixed"),
        default="mixed",
        help="scanner defects: clean, degraded or a realistic mix",
    )
    samples.add_argument(
        "--curated",
        action="store_true",
        help="the shipped samples/ set for --seed: every format, turn and letter kind "
        "(ignores --count, --formats and --profile)",
    )
    samples.add_argument("--workers", type=int, default=2, help="processes for large runs")
    samples.set_defaults(handler=run_samples)


def _formats(value: str) -> list[Format]:
    from semantha.tools.samplegen.writer import FORMATS

    chosen = [item.strip() for item in value.split(",") if item.strip()]
    unknown = [item for item in chosen if item not in FORMATS]
    if unknown or not chosen:
        raise InputError(
            f"unknown sample format(s): {', '.join(unknown) or '(none given)'}",
            f"choose from {','.join(FORMATS)}",
        )
    return [name for name in FORMATS if name in chosen]


def run_samples(args: argparse.Namespace) -> int:
    from semantha.cli.logsetup import configure_logging
    from semantha.tools.progress import counter
    from semantha.tools.samplegen import corpus, writer

    configure_logging(None, console_level="DEBUG" if args.verbose else "WARNING")
    if args.count < 1:
        raise InputError(f"--count must be at least 1, not {args.count}", "give --count N")
    if not 0.0 <= args.noise <= 1.0:
        raise InputError(f"--noise must be between 0 and 1, not {args.noise}", "e.g. --noise 0.05")
    out: Path = args.out
    if args.text_only:
        summary = writer.write_text_samples(out, args.seed, args.count, args.noise)
        rate = summary.documents / max(summary.seconds, 1e-9)
        print(
            f"wrote {summary.documents} text rows to {out / 'labels.csv'} "
            f"in {summary.seconds:.1f} s ({rate:.0f} rows/s)"
        )
        return 0
    if args.curated:
        plans = writer.curated_plans(args.seed)
    else:
        formats = _formats(args.formats)
        specs = corpus.generate_letters(args.seed, args.count)
        plans = writer.plan_documents(specs, args.seed, formats, args.profile)
    workers = args.workers if len(plans) >= POOL_FROM else 1
    with counter(len(plans)) as advance:
        summary = writer.write_documents(plans, out, workers=workers, progress=advance)
    formats_text = ", ".join(f"{n} {name}" for name, n in summary.formats.items())
    print(
        f"wrote {summary.documents} documents ({summary.pages} pages; {formats_text}) "
        f"to {out}: {summary.bytes / 1e6:.1f} MB in {summary.seconds:.1f} s "
        f"({summary.seconds / summary.documents:.2f} s/document)"
    )
    return 0

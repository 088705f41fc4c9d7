"""End-to-end throughput, side by side on the same generated documents.

    .venv/bin/python benchmarks/throughput.py [--docs 12] [--workers 2] [--seed 7]

Systems, each run in its own process tree so CPU time and memory are its own:

    naive      pdf2image at 300 dpi + pytesseract.image_to_string(lang="deu"), one page
               after the other, tesseract's default threading
    ocrmypdf   ``ocrmypdf --jobs N -l deu --sidecar`` per document (default PDF/A output)
    floor      the bare tesseract CLI (deu+eng, psm 3, one thread, N processes) on pages
               rendered beforehand: what full OCR costs at least
    routing    Semantha process_file(dry_run) with ocr.strategy roi_first, N workers
    fulltext   Semantha with every page read in full (``process --text``), N workers

Prints pages/s, core-seconds per page, peak RSS (sum over the process tree, sampled)
and ratios; department accuracy for the Semantha runs, CER (in reading order and
line-matched, see textmetrics) for the full-text runs. Writes a JSON and a Markdown
table to benchmarks/results/ with the machine's description. The host's speed drifts:
compare within one run only.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pypdf

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
OCRMYPDF = str(Path(sys.executable).with_name("ocrmypdf"))  # the venv's, from the dev extra
SYSTEMS = ("naive", "ocrmypdf", "floor", "routing", "fulltext")


@dataclass
class Run:
    system: str
    pages: int
    wall_s: float
    core_s: float
    peak_rss_mb: float
    pages_per_s: float = 0.0
    core_s_per_page: float = 0.0
    accuracy: float | None = None
    cer: float | None = None
    cer_lines: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# --- measuring a child process tree ------------------------------------------------------


def _pss_kb(proc: Path) -> int:
    """Proportional set size: pages shared by forked workers count once in the sum."""
    try:
        rollup = (proc / "smaps_rollup").read_text()
    except OSError:
        return 0
    return next(
        (int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0
    )


def _tree_rss_kb(root: int) -> int:
    """Memory of ``root`` and all its descendants (PSS where readable, else RSS), from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[pid] = _pss_kb(entry) or next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")),
            0,
        )
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, core seconds (user + system of the whole tree) and peak tree RSS (MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if code:
        raise SystemExit(f"{command[:4]} failed with exit code {code}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    core = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, core, peak / 1024


# --- the systems (run as children of this script) -------------------------------------------


def run_naive(files: list[Path], out: Path) -> None:
    import pdf2image
    import pytesseract

    texts = {}
    for path in files:
        images = pdf2image.convert_from_path(path, dpi=300)
        texts[path.name] = [pytesseract.image_to_string(image, lang="deu") for image in images]
    out.write_text(json.dumps(texts, ensure_ascii=False))


def run_ocrmypdf(files: list[Path], out: Path, workers: int) -> None:
    texts = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            sidecar, pdf = Path(tmp) / "side.txt", Path(tmp) / "out.pdf"
            options = ["--jobs", str(workers), "-l", "deu", "--quiet", "--sidecar", str(sidecar)]
            subprocess.run([OCRMYPDF, *options, str(path), str(pdf)], check=True)
            texts[path.name] = sidecar.read_text().split("\f")
    out.write_text(json.dumps(texts, ensure_ascii=False))


def _tesseract(image: Path) -> str:
    result = subprocess.run(
        ["tesseract", str(image), "-", "-l", "deu+eng", "--psm", "3", "--dpi", "300"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    return result.stdout


def run_floor(images: list[Path], out: Path, workers: int) -> None:
    with ProcessPoolExecutor(workers) as pool:
        texts = list(pool.map(_tesseract, images))
    out.write_text(json.dumps({"pages": len(texts)}))


_CONTEXT: Any = None  # built once before the workers fork, as the service does


def _load_context(strategy: str) -> None:
    import structlog

    from semantha.config import config_path, load_config
    from semantha.service import build_context

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(30))
    global _CONTEXT
    config = load_config(config_path(None))
    ocr = config.ocr.model_copy(update={"strategy": strategy})
    _CONTEXT = build_context(config.model_copy(update={"ocr": ocr}))


def _core_s() -> float:
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _semantha_one(path: Path, full_text: bool) -> dict[str, Any]:
    from semantha.pipeline import process_file

    start = _core_s()
    outcome = process_file(path, _CONTEXT, dry_run=True, full_text=full_text)
    pages = outcome.document.pages if outcome.document else ()
    return {
        "file": path.name,
        "department": outcome.decision.department if outcome.decision else None,
        "texts": [p.text for p in pages],
        "read_rest": "read_rest" in outcome.timings,
        "core_s": _core_s() - start,
    }


def run_semantha(files: list[Path], out: Path, workers: int, full_text: bool) -> None:
    _load_context("full" if full_text else "roi_first")
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        rows = list(pool.map(_semantha_one, files, [full_text] * len(files)))
    out.write_text(json.dumps({row["file"]: row for row in rows}, ensure_ascii=False))


# --- scoring ----------------------------------------------------------------------------------


def _truth(samples: Path) -> dict[str, dict[str, Any]]:
    rows = (json.loads(line) for line in (samples / "truth.jsonl").read_text().splitlines())
    return {row["file"]: row for row in rows}


def _department(value: str | None) -> str | None:
    return None if value in (None, "", "none") else value


def _cers(truth: dict[str, dict[str, Any]], texts: dict[str, list[str]]) -> tuple[float, float]:
    from semantha.textmetrics import cer, cer_unordered

    ordered, lines = [], []
    for name, pages in texts.items():
        for true, read in zip(truth[name]["page_texts"], pages, strict=False):
            if true.strip():
                ordered.append(cer(true, read))
                lines.append(cer_unordered(true, read))
    return statistics.median(ordered), statistics.median(lines)


def score(run: Run, result: Path, truth: dict[str, dict[str, Any]]) -> None:
    data = json.loads(result.read_text())
    if run.system in ("routing", "fulltext"):
        hits = [
            _department(row["department"]) == _department(truth[name]["department"])
            for name, row in data.items()
        ]
        run.accuracy = sum(hits) / len(hits)
        run.extra["read_rest"] = sum(row["read_rest"] for row in data.values())
        # Without the one-off start-up (model and rules loaded once per service).
        run.extra["core_s_per_page_steady"] = round(
            sum(row["core_s"] for row in data.values()) / run.pages, 3
        )
        data = {name: row["texts"] for name, row in data.items()}
    if run.system in ("naive", "ocrmypdf", "fulltext"):
        run.cer, run.cer_lines = _cers(truth, data)


# --- driver -----------------------------------------------------------------------------------


def _samples(count: int, seed: int, folder: Path) -> list[Path]:
    command = [sys.executable, "-m", "semantha", "samples", "--out", str(folder)]
    options = ["--count", str(count), "--seed", str(seed), "--formats", "pdf", "--workers", "1"]
    subprocess.run([*command, *options], check=True, capture_output=True, cwd=ROOT)
    return sorted(folder.glob("*.pdf"))


def _render(files: list[Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for path in files:
        prefix = folder / path.stem
        subprocess.run(
            ["pdftoppm", "-r", "300", "-gray", "-tiff", str(path), str(prefix)], check=True
        )
    return sorted(folder.glob("*.tif"))


def machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    tesseract = subprocess.run(["tesseract", "--version"], capture_output=True, text=True)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_avg": os.getloadavg(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "kernel": platform.release(),
        "tesseract": tesseract.stdout.splitlines()[0] if tesseract.stdout else "?",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--files", nargs="*", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args)
    systems = [s for s in args.systems.split(",") if s]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = _samples(args.docs, args.seed, work / "samples")
        images = _render(files, work / "pages")
        pages = sum(len(pypdf.PdfReader(path).pages) for path in files)
        truth = _truth(work / "samples")
        runs = [_measured(system, files, images, pages, truth, args, work) for system in systems]
    report(runs, args, pages)
    return 0


def _measured(
    system: str,
    files: list[Path],
    images: list[Path],
    pages: int,
    truth: dict[str, dict[str, Any]],
    args: argparse.Namespace,
    work: Path,
) -> Run:
    result = work / f"{system}.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT))  # this checkout's semantha, whatever is installed
    if system == "naive":
        env.pop("OMP_THREAD_LIMIT", None)  # tesseract's default threading
    inputs = images if system == "floor" else files
    command = [sys.executable, __file__, "--child", system, "--workers", str(args.workers)]
    command += ["--result", str(result), "--files", *map(str, inputs)]
    wall, core, rss = measure(command, env)
    run = Run(system, pages, round(wall, 2), round(core, 2), round(rss, 1))
    run.pages_per_s = round(pages / wall, 3)
    run.core_s_per_page = round(core / pages, 3)
    score(run, result, truth) if system != "floor" else None
    print(
        f"{system:9} {run.pages_per_s:7.3f} pages/s {run.core_s_per_page:6.2f} core-s/page "
        f"{run.peak_rss_mb:7.1f} MB",
        file=sys.stderr,
        flush=True,
    )
    return run


def _child(args: argparse.Namespace) -> int:
    files, out, workers = list(args.files), args.result, args.workers
    if args.child == "naive":
        run_naive(files, out)
    elif args.child == "ocrmypdf":
        run_ocrmypdf(files, out, workers)
    elif args.child == "floor":
        run_floor(files, out, workers)
    else:
        run_semantha(files, out, workers, full_text=args.child == "fulltext")
    return 0


def report(runs: list[Run], args: argparse.Namespace, pages: int) -> None:
    by = {run.system: run for run in runs}
    lines = [
        f"# Throughput, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"`.venv/bin/python benchmarks/throughput.py --docs {args.docs} --seed {args.seed} "
        f"--workers {args.workers}` - {pages} pages in {args.docs} generated PDFs",
        "",
        "| system | pages/s | core-s/page | peak PSS MB | x naive | x ocrmypdf | "
        "dept. accuracy | CER | CER line-matched |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        ratios = [
            f"{run.pages_per_s / by[base].pages_per_s:.2f}" if base in by else "-"
            for base in ("naive", "ocrmypdf")
        ]
        cells = [
            run.system,
            f"{run.pages_per_s:.3f}",
            f"{run.core_s_per_page:.2f}",
            f"{run.peak_rss_mb:.0f}",
            *ratios,
            "-" if run.accuracy is None else f"{100 * run.accuracy:.1f} %",
            "-" if run.cer is None else f"{100 * run.cer:.2f} %",
            "-" if run.cer_lines is None else f"{100 * run.cer_lines:.2f} %",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    for run in runs:
        if "core_s_per_page_steady" in run.extra:
            lines.append(
                f"\n{run.system}: {run.extra['core_s_per_page_steady']:.2f} core-s/page without "
                f"start-up; page one read in full for {run.extra['read_rest']} of {args.docs} "
                "documents"
            )
    if "floor" in by and "fulltext" in by:
        floor = by["fulltext"].core_s_per_page / by["floor"].core_s_per_page
        lines += ["", f"Full text / tesseract floor, core-seconds per page: {floor:.2f}"]
    info = machine()
    lines += ["", "Machine: " + ", ".join(f"{k}={v}" for k, v in info.items())]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M")
    (RESULTS / f"throughput-{stamp}.md").write_text(text)
    payload = {
        "machine": info,
        "args": vars(args) | {"files": None},
        "runs": [asdict(r) for r in runs],
    }
    (RESULTS / f"throughput-{stamp}.json").write_text(json.dumps(payload, indent=2, default=str))


if __name__ == "__main__":
    sys.exit(main())

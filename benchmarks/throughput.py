"""End-to-end throughput, side by side on the same generated documents.

    .venv/bin/python benchmarks/throughput.py [--docs 12] [--workers 2] [--seed 7] [--rounds 3]

OCRmyPDF runs from .venv-baselines (``make baselines``), apart from Semantha's .venv.
Systems, each run in its own process tree so CPU time and memory are its own:

    naive          pdf2image at 300 dpi + pytesseract.image_to_string(lang="deu"), one page
                   after the other, tesseract's default threading
    ocrmypdf       ``ocrmypdf --jobs N -l deu --sidecar`` per document (default PDF/A output),
                   a new process (and start-up) per document
    ocrmypdf_warm  OCRmyPDF's Python API in one long-lived process, as its folder watcher
                   does: ``import ocrmypdf`` once, then ``ocrmypdf.ocr(..., jobs=N,
                   sidecar=...)`` per document. The steady-state baseline for a service
                   that starts once; its one import is inside its wall time.
    floor          the bare tesseract CLI (deu+eng, psm 3, one thread, N processes) on pages
                   rendered beforehand: what full OCR costs at least
    routing        Semantha process_file(dry_run) with ocr.strategy roi_first, N workers
    fulltext       Semantha with every page read in full (``process --text``), N workers

The documents are generated and rendered once, then every selected system runs once per
round, in the same order each round, so the host's drift (it is shared and its speed
wanders ~2x) hits all systems alike. Reported per system: the median over rounds of
pages/s, core-seconds per page and peak PSS (sum over the process tree, sampled), and
ratios of pages/s against naive, ocrmypdf and ocrmypdf_warm taken within each round and
then the median of those. pages/s is the whole child's wall, start-up included (cold). For
the Semantha systems also the start-up (imports, config, rules, model) and pages/s after
it (pages / wall of the documents phase), both medians over rounds, and core-seconds per
page without start-up. Scores: department accuracy for the Semantha runs, CER (in reading
order and line-matched, see textmetrics) for the full-text runs; they are deterministic,
so the first round's are shown and a note is added if another round differs. Writes a JSON
(with every round's runs) and a Markdown table to benchmarks/results/ with the machine's
description. Compare ratios and figures within one report only.
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
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pypdf

from semantha.tools.samplegen.truth import read_truth

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
# OCRmyPDF lives in a venv of its own (`make bench` creates it): its dependencies must not
# be loaded by the Semantha processes measured beside it.
BASELINE_PYTHON = ROOT / ".venv-baselines" / "bin" / "python"
OCRMYPDF = str(BASELINE_PYTHON.with_name("ocrmypdf"))
SYSTEMS = ("naive", "ocrmypdf", "ocrmypdf_warm", "floor", "routing", "fulltext")
BASELINES = ("naive", "ocrmypdf", "ocrmypdf_warm")
SEMANTHA = ("routing", "fulltext")
FULL_TEXT = ("naive", "ocrmypdf", "ocrmypdf_warm", "fulltext")  # scored by CER


@dataclass
class Run:
    """One system's child process tree in one round."""

    system: str
    round: int
    pages: int
    wall_s: float
    core_s: float
    peak_rss_mb: float  # PSS where readable
    pages_per_s: float = 0.0
    core_s_per_page: float = 0.0
    startup_s: float | None = None  # Semantha only: imports + config + rules + model
    warm_pages_per_s: float | None = None  # Semantha only: pages / documents-phase wall
    ratios: dict[str, float] = field(default_factory=dict)  # pages/s vs same-round baselines
    accuracy: float | None = None
    cer: float | None = None
    cer_lines: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Summary:
    """One system over all rounds: medians of the figures, the first round's scores."""

    system: str
    rounds: int
    pages_per_s: float
    core_s_per_page: float
    peak_rss_mb: float
    ratios: dict[str, float]
    startup_s: float | None
    warm_pages_per_s: float | None
    accuracy: float | None
    cer: float | None
    cer_lines: float | None
    scores_agree: bool
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


def _sidecar_texts(
    files: list[Path], out: Path, convert: Callable[[Path, Path, Path], None]
) -> None:
    """Run ``convert(input, output_pdf, sidecar)`` per document; keep the sidecar's pages."""
    texts = {}
    with tempfile.TemporaryDirectory() as tmp:
        sidecar, pdf = Path(tmp) / "side.txt", Path(tmp) / "out.pdf"
        for path in files:
            convert(path, pdf, sidecar)
            texts[path.name] = sidecar.read_text().split("\f")
    out.write_text(json.dumps(texts, ensure_ascii=False))


def run_ocrmypdf(files: list[Path], out: Path, workers: int) -> None:
    def convert(path: Path, pdf: Path, sidecar: Path) -> None:
        options = ["--jobs", str(workers), "-l", "deu", "--quiet", "--sidecar", str(sidecar)]
        subprocess.run([OCRMYPDF, *options, str(path), str(pdf)], check=True)

    _sidecar_texts(files, out, convert)


def run_ocrmypdf_warm(files: list[Path], out: Path, workers: int) -> None:
    import ocrmypdf

    ocrmypdf.configure_logging(ocrmypdf.Verbosity.quiet)  # as ``--quiet`` for the CLI run

    def convert(path: Path, pdf: Path, sidecar: Path) -> None:
        code = ocrmypdf.ocr(
            path, pdf, language="deu", jobs=workers, sidecar=sidecar, progress_bar=False
        )
        if code != ocrmypdf.ExitCode.ok:
            raise SystemExit(f"ocrmypdf.ocr({path.name}) returned {code!r}")

    _sidecar_texts(files, out, convert)


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
    from semantha.service.worker import build_context

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
        "texts": [p.full_text for p in pages],
        "read_rest": "read_rest" in outcome.timings,
        "core_s": _core_s() - start,
    }


def run_semantha(files: list[Path], out: Path, workers: int, full_text: bool) -> None:
    # Start-up and documents phase timed apart, for the figures after start-up.
    start = time.perf_counter()
    _load_context("full" if full_text else "roi_first")
    startup = time.perf_counter() - start
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        start = time.perf_counter()
        rows = list(pool.map(_semantha_one, files, [full_text] * len(files)))
        documents = time.perf_counter() - start
    payload = {
        "startup_s": startup,
        "documents_s": documents,
        "documents": {row["file"]: row for row in rows},
    }
    out.write_text(json.dumps(payload, ensure_ascii=False))


# --- scoring ----------------------------------------------------------------------------------


def _department(value: str | None) -> str | None:
    return None if value in (None, "", "none") else value


def _cers(truth: dict[str, dict[str, Any]], texts: dict[str, list[str]]) -> tuple[float, float]:
    from semantha.tools.textmetrics import cer, cer_unordered

    ordered, lines = [], []
    for name, pages in texts.items():
        for true, read in zip(truth[name]["page_texts"], pages, strict=False):
            if true.strip():
                ordered.append(cer(true, read))
                lines.append(cer_unordered(true, read))
    return statistics.median(ordered), statistics.median(lines)


def _semantha_result(
    run: Run, data: dict[str, Any], truth: dict[str, dict[str, Any]]
) -> dict[str, list[str]]:
    """Accuracy and start-up figures from a Semantha child's result; returns its texts."""
    rows: dict[str, dict[str, Any]] = data["documents"]
    hits = [
        _department(row["department"]) == _department(truth[name]["department"])
        for name, row in rows.items()
    ]
    run.accuracy = sum(hits) / len(hits)
    run.startup_s = round(data["startup_s"], 2)
    run.warm_pages_per_s = round(run.pages / data["documents_s"], 3)
    run.extra["read_rest"] = sum(row["read_rest"] for row in rows.values())
    # Without the one-off start-up (model and rules loaded once per service).
    run.extra["core_s_per_page_steady"] = round(
        sum(row["core_s"] for row in rows.values()) / run.pages, 3
    )
    return {name: row["texts"] for name, row in rows.items()}


def score(run: Run, result: Path, truth: dict[str, dict[str, Any]]) -> None:
    data = json.loads(result.read_text())
    if run.system in SEMANTHA:
        data = _semantha_result(run, data, truth)
    if run.system in FULL_TEXT:
        run.cer, run.cer_lines = _cers(truth, data)


def _add_ratios(runs: list[Run]) -> None:
    """pages/s against each baseline of the same round (same pages, so a ratio of walls)."""
    by = {run.system: run for run in runs}
    for run in runs:
        run.ratios = {
            base: round(by[base].wall_s / run.wall_s, 3) for base in BASELINES if base in by
        }


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)  # an even count averages: drop float noise


def _median_known(values: list[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return _median(known) if known else None


def summarize(runs: list[Run]) -> Summary:
    """Medians over one system's rounds; scores are deterministic, so the first round's."""
    first = runs[0]
    steady = _median_known([run.extra.get("core_s_per_page_steady") for run in runs])
    extra = {"core_s_per_page_steady": steady, "read_rest": first.extra.get("read_rest")}
    return Summary(
        system=first.system,
        rounds=len(runs),
        pages_per_s=_median([run.pages_per_s for run in runs]),
        core_s_per_page=_median([run.core_s_per_page for run in runs]),
        peak_rss_mb=_median([run.peak_rss_mb for run in runs]),
        ratios={base: _median([run.ratios[base] for run in runs]) for base in first.ratios},
        startup_s=_median_known([run.startup_s for run in runs]),
        warm_pages_per_s=_median_known([run.warm_pages_per_s for run in runs]),
        accuracy=first.accuracy,
        cer=first.cer,
        cer_lines=first.cer_lines,
        scores_agree=len({(run.accuracy, run.cer, run.cer_lines) for run in runs}) == 1,
        extra={key: value for key, value in extra.items() if value is not None},
    )


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
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--docs", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--files", nargs="*", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args)
    systems = [s for s in args.systems.split(",") if s]
    unknown = set(systems) - set(SYSTEMS)
    if unknown or args.rounds < 1:
        parser.error(f"unknown systems {sorted(unknown)}" if unknown else "--rounds must be >= 1")
    if {"ocrmypdf", "ocrmypdf_warm"} & set(systems) and not Path(OCRMYPDF).is_file():
        parser.error(f"{OCRMYPDF} is missing: `make baselines` installs OCRmyPDF there")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = _samples(args.docs, args.seed, work / "samples")
        images = _render(files, work / "pages")
        pages = sum(len(pypdf.PdfReader(path).pages) for path in files)
        bench = Bench(files, images, pages, read_truth(work / "samples"), args, work)
        rounds = [_round(number, systems, bench) for number in range(1, args.rounds + 1)]
    summaries = [summarize([runs[i] for runs in rounds]) for i in range(len(systems))]
    report(summaries, rounds, args, pages)
    return 0


@dataclass(frozen=True)
class Bench:
    """What every run of every round works on."""

    files: list[Path]
    images: list[Path]  # the files' pages rendered beforehand, for the floor
    pages: int
    truth: dict[str, dict[str, Any]]
    args: argparse.Namespace
    work: Path


def _round(number: int, systems: list[str], bench: Bench) -> list[Run]:
    """Every system once, always in the same order, so drift hits them alike."""
    runs = [_measured(system, number, bench) for system in systems]
    _add_ratios(runs)
    return runs


def _measured(system: str, number: int, bench: Bench) -> Run:
    pages, args = bench.pages, bench.args
    result = bench.work / f"{system}.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT))  # this checkout's semantha, whatever is installed
    if system == "naive":
        env.pop("OMP_THREAD_LIMIT", None)  # tesseract's default threading
    inputs = bench.images if system == "floor" else bench.files
    python = str(BASELINE_PYTHON) if system == "ocrmypdf_warm" else sys.executable
    command = [python, __file__, "--child", system, "--workers", str(args.workers)]
    command += ["--result", str(result), "--files", *map(str, inputs)]
    wall, core, rss = measure(command, env)
    run = Run(system, number, pages, round(wall, 3), round(core, 2), round(rss, 1))
    run.pages_per_s = round(pages / wall, 3)
    run.core_s_per_page = round(core / pages, 3)
    if system != "floor":
        score(run, result, bench.truth)
    print(
        f"round {number} {system:13} {run.pages_per_s:7.3f} pages/s{_warm(run)} "
        f"{run.core_s_per_page:6.2f} core-s/page {run.peak_rss_mb:7.1f} MB",
        file=sys.stderr,
        flush=True,
    )
    return run


def _warm(run: Run) -> str:
    return "" if run.warm_pages_per_s is None else f" ({run.warm_pages_per_s:.3f} after start-up)"


def _child(args: argparse.Namespace) -> int:
    files, out, workers = list(args.files), args.result, args.workers
    if args.child == "naive":
        run_naive(files, out)
    elif args.child == "ocrmypdf":
        run_ocrmypdf(files, out, workers)
    elif args.child == "ocrmypdf_warm":
        run_ocrmypdf_warm(files, out, workers)
    elif args.child == "floor":
        run_floor(files, out, workers)
    else:
        run_semantha(files, out, workers, full_text=args.child == "fulltext")
    return 0


def _percent(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{100 * value:.{digits}f} %"


def _table(summaries: list[Summary]) -> list[str]:
    lines = [
        "| system | pages/s | core-s/page | peak PSS MB | "
        + " | ".join(f"x {base}" for base in BASELINES)
        + " | dept. accuracy | CER | CER line-matched |",
        "|---|---|---|---|" + "---|" * len(BASELINES) + "---|---|---|",
    ]
    for summary in summaries:
        ratios = summary.ratios
        cells = [
            summary.system,
            f"{summary.pages_per_s:.3f}",
            f"{summary.core_s_per_page:.2f}",
            f"{summary.peak_rss_mb:.0f}",
            *(f"{ratios[base]:.2f}" if base in ratios else "-" for base in BASELINES),
            _percent(summary.accuracy, 1),
            _percent(summary.cer, 2),
            _percent(summary.cer_lines, 2),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _notes(summaries: list[Summary], rounds: list[list[Run]], docs: int) -> list[str]:
    lines = []
    for summary in summaries:
        if summary.warm_pages_per_s is not None:
            lines.append(
                f"\n{summary.system}: {summary.warm_pages_per_s:.3f} pages/s after start-up "
                f"(start-up {summary.startup_s:.2f} s); "
                f"{summary.extra['core_s_per_page_steady']:.2f} core-s/page without start-up; "
                f"page one read in full for {summary.extra['read_rest']} of {docs} documents"
            )
        if not summary.scores_agree:
            lines.append(f"\n{summary.system}: scores differ between rounds, first round shown")
    by_round = [{run.system: run for run in runs} for runs in rounds]
    if all("floor" in by and "fulltext" in by for by in by_round):
        floor = statistics.median(
            by["fulltext"].core_s_per_page / by["floor"].core_s_per_page for by in by_round
        )
        lines += ["", f"Full text / tesseract floor, core-seconds per page: {floor:.2f}"]
    return lines


def _per_round(rounds: list[list[Run]]) -> list[str]:
    """One line per system and round, so the spread behind the medians is visible."""
    lines = ["", "## Rounds", "", "```"]
    for runs in rounds:
        for run in runs:
            lines.append(
                f"round {run.round} {run.system:13} {run.pages_per_s:7.3f} pages/s{_warm(run)}"
            )
    return [*lines, "```"]


def report(
    summaries: list[Summary], rounds: list[list[Run]], args: argparse.Namespace, pages: int
) -> None:
    lines = [
        f"# Throughput, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"`.venv/bin/python benchmarks/throughput.py --docs {args.docs} --seed {args.seed} "
        f"--workers {args.workers} --rounds {args.rounds}` - {pages} pages in {args.docs} "
        f"generated PDFs; medians of {args.rounds} rounds, ratios are medians of same-round "
        "ratios of pages/s (start-up included)",
        "",
        *_table(summaries),
        *_notes(summaries, rounds, args.docs),
        *_per_round(rounds),
    ]
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
        "pages": pages,
        "runs": [asdict(s) for s in summaries],
        "rounds": [[asdict(r) for r in runs] for runs in rounds],
    }
    (RESULTS / f"throughput-{stamp}.json").write_text(json.dumps(payload, indent=2, default=str))


if __name__ == "__main__":
    sys.exit(main())

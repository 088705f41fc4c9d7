"""Learning the city's own mail, week by week, as a city lives it.

    .venv/bin/python benchmarks/learning_curve.py [--weeks 4] [--per-week 200] [--seed 500]

The mail is written by another author (``benchmarks/shifted_mail.py``: other matters,
words, senders and layouts than the sample generator the shipped model learned from).
A city of its own is set up in a temporary folder: the embedded config, the shipped
rules, a copy of the shipped model. Then, for every week:

1. the week's letters (a seed of their own) are dropped into the inbox as PDFs with a
   text layer and ``semantha run --once`` routes them as the service would; they came
   in over the week's seven days: the texts kept of delivered letters are dated so;
2. an office that got a letter that is not for it drops the delivered file into
   ``returns/``; a second ``run --once`` takes the returns into review;
3. a simulated clerk resolves everything in review with the truth
   (``ReviewQueue.resolve``, as the review station does);
4. ``semantha learn --json`` learns from those decisions;
5. a week passes: the texts kept of delivered letters (weak labels) age by seven days.
   With ``learn.weak_label_days: N`` the deliveries of the week's first 7 - N days are
   learned at its end, the others a week later, as in a city.

Per week: letters, auto-routed (coverage), precision of the auto-routed, wrong
deliveries, the same for letters whose only clue is their content, and what learning
did (installed, seconds). Week 1 is the figure before any learning. A second table
gives the same by kind of letter, with the letters whose content decides split by
whether an earlier week brought one about the same matter (what a city can have
taught), and the coverage of the letters for an office: those for none always go to
review, so they bound what the first table's coverage can reach.
``--weak-label-days none`` learns from reviews and returns alone, ``0`` from every
delivery not sent back by learning time. With
``--baseline`` every week's letters also go through the shipped model unchanged
(``process --dry-run``), side by side. Prints Markdown and writes it to
benchmarks/results/learning-curve-<stamp>.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from held_out_letters import process
from shifted_mail import Letter, letters, set_as_pdf

from semantha.config import AppConfig, load_config
from semantha.delivering import kepttext
from semantha.fsutil import file_sha256
from semantha.service.journal import Journal, State, journal_path
from semantha.service.review import ReviewQueue
from semantha.service.worker import build_context

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
MODEL_FILES = ("classifier.npz", "classifier.manifest.json", "classifier.training.jsonl.gz")
CLERK = "clerk"


@dataclass(frozen=True)
class Routed:
    letter: Letter
    department: str | None  # None: review

    @property
    def right(self) -> bool:
        return self.department == self.letter.department


@dataclass(frozen=True)
class Figures:
    n: int
    routed: int
    right: int

    @classmethod
    def of(cls, items: Sequence[Routed]) -> Figures:
        routed = [r for r in items if r.department is not None]
        return cls(len(items), len(routed), sum(r.right for r in routed))

    @property
    def wrong(self) -> int:
        return self.routed - self.right

    def cells(self) -> list[str]:
        precision = f"{100 * self.right / self.routed:.1f} %" if self.routed else "–"
        coverage = f"{100 * self.routed / self.n:.1f} %" if self.n else "–"
        return [coverage, precision, str(self.wrong)]

    def count(self) -> str:
        """Routed of all letters ("12/20"), and the wrong ones among the routed."""
        return f"{self.routed}/{self.n}" + (f" ({self.wrong} wrong)" if self.wrong else "")


BY_KIND = (
    "By kind of letter: routed of all, and the wrong ones among them. A matter is seen "
    "when an earlier week brought a letter about it (of any kind); letters for no office "
    "always go to review."
)


KINDS = (
    "content, matter seen",
    "content, new matter",
    "decoy reference, matter seen",
    "decoy reference, new matter",
    "address",
    "reference",
    "memo",
    "for no office",
)


def kind(letter: Letter, seen: set[str]) -> str:
    """What tells the letter's office, and for those whose content does, whether an
    earlier week brought a letter about the same matter: only those can have been learned."""
    if letter.clue in ("content", "ours_decoy"):
        head = "content" if letter.clue == "content" else "decoy reference"
        return f"{head}, {'matter seen' if letter.matter in seen else 'new matter'}"
    return "for no office" if letter.clue == "unroutable" else letter.clue


def by_kind(week: int, routed: Sequence[Routed], seen: set[str]) -> str:
    """One row of the second table: per kind of letter, routed of all, and wrong ones;
    then the coverage of the letters for an office (those for none always go to review)."""
    cells = [str(week)]
    for name in KINDS:
        cells.append(Figures.of([r for r in routed if kind(r.letter, seen) == name]).count())
    cells.append(Figures.of([r for r in routed if r.letter.department]).cells()[0])
    return "| " + " | ".join(cells) + " |"


def semantha(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "semantha", "--config", str(config), *args]
    return subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)


def city(root: Path, weak_label_days: str | None) -> Path:
    """The embedded config with its folders under ``root`` and a model of its own."""
    models = root / "models"
    models.mkdir(parents=True)
    for name in MODEL_FILES:
        shutil.copy2(ROOT / "models" / name, models / name)
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    text = text.replace("rules_dir: rules", f"rules_dir: {ROOT / 'rules'}")
    text = text.replace("stable_after_s: 2.0", "stable_after_s: 0.2")
    text = text.replace("after_examples: 50", "after_examples: 0")  # learning is step 4
    if weak_label_days is not None:
        text = text.replace("weak_label_days: 2 ", f"weak_label_days: {weak_label_days} ")
    path = root / "config.yaml"
    path.write_text(text, encoding="utf-8")
    (root / "var" / "dms").mkdir(parents=True)  # the DMS share, mounted
    return path


def drop(week: Sequence[Letter], inbox: Path, stem: str) -> dict[str, Letter]:
    """The week's letters as PDFs in the inbox: sha256 of each file -> its letter."""
    inbox.mkdir(parents=True, exist_ok=True)
    truth = {}
    for n, letter in enumerate(week):
        pdf = inbox / f"{stem}-{n:04d}.pdf"
        set_as_pdf(letter.text, pdf)
        truth[file_sha256(pdf)] = letter
    return truth


def date_over_the_week(config: AppConfig, truth: dict[str, Letter]) -> None:
    """The texts kept of the week's delivered letters dated by the day each letter came:
    the first seventh on the week's first day, six days before learning, and so on; a
    second apart in the order they came, so that which of them are the newest does not
    depend on the order in which the workers happened to deliver them."""
    order = {sha256: n for n, sha256 in enumerate(truth)}
    now = datetime.now(UTC)
    for path in kepttext.delivered_folder(config.paths.work).glob("*.json"):
        n = order.get(path.stem)
        if n is None:
            continue
        kept = json.loads(path.read_text(encoding="utf-8"))
        day = n * 7 // len(order)
        came = now - timedelta(days=6 - day, seconds=len(order) - n)
        kept["kept_at"] = came.isoformat(timespec="seconds")
        path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")


def outcomes(config: AppConfig, truth: dict[str, Letter]) -> list[Routed]:
    journal = Journal(journal_path(config), readonly=True)
    found = [e for e in journal.documents() if e.sha256 in truth]
    return [
        Routed(truth[e.sha256], e.department if e.state == State.DELIVERED else None) for e in found
    ]


def send_back_wrong(config: AppConfig, truth: dict[str, Letter]) -> int:
    """Each office drops what it got by mistake into returns/, as delivered."""
    assert config.paths.returns is not None
    config.paths.returns.mkdir(parents=True, exist_ok=True)
    journal = Journal(journal_path(config), readonly=True)
    returned = 0
    for entry in journal.documents():
        letter = truth.get(entry.sha256)
        if letter is None or entry.state != State.DELIVERED:
            continue
        if entry.department == letter.department:
            continue
        for destination in map(Path, entry.destinations):
            if destination.suffix == ".pdf" and destination.exists():
                shutil.move(destination, config.paths.returns / destination.name)
                returned += 1
    return returned


def resolve_reviews(config: AppConfig, truth: dict[str, Letter]) -> int:
    """The clerk decides every document waiting in review with the truth, in the order
    the letters came (not the order in which the workers happened to queue them: the
    newest decisions judge what is learned)."""
    queue = ReviewQueue(config)
    ctx = build_context(config)
    came = {id(letter): n for n, letter in enumerate(truth.values())}
    waiting = []
    for item in queue.items():
        letter = truth.get(item.sha256)
        if letter is None:  # a returned file: its hash is that of what was delivered
            letter = next(iter(truth_by_delivered(config, truth, item.sha256)), None)
        if letter is not None:
            waiting.append((came[id(letter)], item.sha256, item, letter))
    resolved = 0
    for _, _, item, letter in sorted(waiting, key=lambda w: w[:2]):
        queue.resolve(
            item.id,
            department=letter.department or None,
            doctype=letter.doctype or None,
            fields={},
            user=CLERK,
            ctx=ctx,
        )
        resolved += 1
    return resolved


def truth_by_delivered(
    config: AppConfig, truth: dict[str, Letter], delivered_sha256: str
) -> list[Letter]:
    journal = Journal(journal_path(config), readonly=True)
    docs = {d.doc for d in journal.deliveries(delivered_sha256)}
    return [truth[e.sha256] for e in journal.documents() if e.id in docs and e.sha256 in truth]


def baseline(week: Sequence[Letter], folder: Path) -> list[Routed]:
    """The week's letters through the shipped model, unchanged (no learning)."""
    folder.mkdir(parents=True)
    files = []
    for n, letter in enumerate(week):
        pdf = folder / f"{n:04d}.pdf"
        set_as_pdf(letter.text, pdf)
        files.append(pdf)
    lines = process(files, None)
    found = []
    for letter, pdf in zip(week, files, strict=True):
        department = lines[pdf.name].get("department")
        found.append(Routed(letter, None if department is None else str(department)))
    return found


def a_week_passes(config: AppConfig) -> None:
    """The texts kept of delivered letters become seven days older."""
    for path in kepttext.delivered_folder(config.paths.work).glob("*.json"):
        kept = json.loads(path.read_text(encoding="utf-8"))
        then = datetime.fromisoformat(kept["kept_at"]) - timedelta(days=7)
        kept["kept_at"] = then.isoformat(timespec="seconds")
        path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")


def run(
    weeks: int,
    per_week: int,
    seed: int,
    with_baseline: bool,
    weak_label_days: str | None,
    root: Path,
) -> str:
    config_path = city(root, weak_label_days)
    config = load_config(config_path)
    everything: dict[str, Letter] = {}
    header = (
        "| week | letters | coverage | precision | wrong | content-only coverage | "
        "content-only precision | content-only wrong | returned | resolved | learn |"
    )
    if with_baseline:
        header += " shipped model: coverage | precision | wrong |"
    rows = [header, "|" + "---:|" * (header.count("|") - 1)]
    kinds = f"| week | {' | '.join(KINDS)} | coverage of the letters for an office |"
    kind_rows = [kinds, "|" + "---:|" * (kinds.count("|") - 1)]
    seen: set[str] = set()  # the matters of earlier weeks' letters
    for week in range(1, weeks + 1):
        if week > 1:
            a_week_passes(config)
        mail = letters(seed + week, per_week)
        truth = drop(mail, config.paths.inbox, f"w{week}")
        everything.update(truth)
        semantha(config_path, "run", "--once")
        date_over_the_week(config, truth)
        routed = outcomes(config, truth)
        returned = send_back_wrong(config, truth)
        if returned:
            semantha(config_path, "run", "--once")
        resolved = resolve_reviews(config, everything)
        started = time.perf_counter()
        learned = json.loads(semantha(config_path, "learn", "--json").stdout)
        seconds = time.perf_counter() - started
        learn = (
            f"{'installed' if learned['installed'] else 'kept'} "
            f"({learned['examples']} examples, {learned['weak']} weak, "
            f"{len(learned['office_names'])} office names, {seconds:.0f} s)"
        )
        content = [r for r in routed if r.letter.clue == "content"]
        cells = [
            str(week),
            str(len(routed)),
            *Figures.of(routed).cells(),
            *Figures.of(content).cells(),
            str(returned),
            str(resolved),
            learn,
        ]
        if with_baseline:
            cells += Figures.of(baseline(mail, root / f"baseline-{week}")).cells()
        rows.append("| " + " | ".join(cells) + " |")
        print(rows[-1], flush=True)
        kind_rows.append(by_kind(week, routed, seen))
        seen |= {letter.matter for letter in mail}
    return "\n".join(rows) + "\n\n" + BY_KIND + "\n\n" + "\n".join(kind_rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weeks", type=int, default=4)
    parser.add_argument("--per-week", type=int, default=200)
    parser.add_argument("--seed", type=int, default=500, help="week w uses seed + w")
    parser.add_argument("--baseline", action="store_true", help="the shipped model side by side")
    parser.add_argument(
        "--weak-label-days",
        help="learn.weak_label_days for the city: none (off), 0, ... (default: config.yaml's)",
    )
    parser.add_argument("--keep", type=Path, help="keep the city's folder here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch)
        weak = (
            None if args.weak_label_days is None else args.weak_label_days.replace("none", "null")
        )
        table = run(args.weeks, args.per_week, args.seed, args.baseline, weak, root)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M")
    options = f"--weeks {args.weeks} --per-week {args.per_week} --seed {args.seed}"
    options += " --baseline" if args.baseline else ""
    if args.weak_label_days is not None:
        options += f" --weak-label-days {args.weak_label_days}"
    text = (
        f"# Learning curve ({stamp})\n\n`python benchmarks/learning_curve.py {options}`\n\n"
        "Week 1 is routed by the shipped model: the figure before any learning. Learning "
        "runs after each week, on what the clerk resolved.\n\n" + table + "\n"
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"learning-curve-{stamp}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()

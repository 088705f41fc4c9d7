"""Unfamiliar letters: does Semantha send what it never learned to review? (issue #19)

    .venv/bin/python benchmarks/unfamiliar_letters.py [--seed 2027] [--count 200]
        [--shifted DIR] [--shifted-seed 7] [--gate MIN] [--no-pipeline]

Scores the inputs in benchmarks/data/unfamiliar/ (prose of other domains, English and
foreign letters, mail the city never receives, OCR garbage, very short texts) against
legitimate city mail:

- generated: fresh letters of the sample generator (``--seed``, ``--count``), clean and
  with OCR damage at rates 0.05 and 0.15 (``corpus_ocr.ocr_noise``);
- held-out: the letters of another author in tests/data/held_out_letters/;
- shifted: the letters of ``shifted_mail.letters(--shifted-seed, --count)`` when
  benchmarks/shifted_mail.py is there (or in ``--shifted DIR``).

Each text is read as one page of a text PDF would be (fields extracted, rules applied)
and classified with the configured model and thresholds, the familiarity gate off. Per
detector (familiarity, the model's top department probability, its margin) the report
gives the AUROC of "unfamiliar vs. legitimate"; per minimum familiarity the share of
unfamiliar inputs caught and the share of each legitimate group that the gate alone
sends to review (letters the model would have routed). Then, end to end, the unfamiliar
inputs go as text PDFs through ``semantha process --json --dry-run`` with the gate off
and with ``classify.min_familiarity`` = ``--gate`` (default: config.yaml's). Prints
Markdown and writes it to benchmarks/results/unfamiliar-<stamp>.md.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib
import random
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from statistics import median

import yaml
from held_out_letters import process
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from sklearn.metrics import roc_auc_score

from semantha.config import AppConfig, load_config
from semantha.deciding import classify, rules
from semantha.deciding.model import DocumentClassifier, document_text, load_classifier
from semantha.reading import extract
from semantha.records import Document, Page
from semantha.rulefiles.ruleset import RuleSet
from semantha.rulefiles.store import load_ruleset
from semantha.tools.samplegen.corpus import generate_letters, plain_text
from semantha.tools.samplegen.corpus_ocr import ocr_noise

ROOT = Path(__file__).resolve().parents[1]
UNFAMILIAR = ROOT / "benchmarks" / "data" / "unfamiliar"
HELD_OUT = ROOT / "tests" / "data" / "held_out_letters"
RESULTS = ROOT / "benchmarks" / "results"
CONFIG = ROOT / "config.yaml"
OCR_RATES = (0.05, 0.15)
MINIMA = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
# A font with the letters of Turkish and Polish: Courier's encoding has no "ş" or "ł".
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
FONT_SIZE = 9.0
LINE_PITCH = 12.0
MARGIN = 50.0
UNFAMILIAR_GROUP = "unfamiliar"


@dataclass(frozen=True)
class Item:
    """One text to score: its group (``unfamiliar`` or a legitimate one) and name."""

    group: str
    name: str
    text: str
    kind: str = ""
    truth: str | None = None  # the right office ("" for none); None: the city has none


@dataclass(frozen=True)
class Scored:
    """What the classifier made of an item with the familiarity gate off."""

    item: Item
    familiarity: float | None  # None: not one content word
    top: float  # the model's best department probability
    margin: float  # its lead over the second-best
    routed_by: str  # "model", "rule" or "" (review)
    department: str | None  # where it would go with the gate off (None: review)

    @property
    def familiar(self) -> float:
        """Familiarity as the gate reads it: a text without content words passes."""
        return 1.0 if self.familiarity is None else self.familiarity

    def gated(self, minimum: float) -> bool:
        """The gate at ``minimum`` sends to review what the model alone would route."""
        return self.routed_by == "model" and self.familiar < minimum

    def routed(self, minimum: float) -> bool:
        return self.routed_by != "" and not self.gated(minimum)


# --------------------------------------------------------------------------- the texts


def unfamiliar_items() -> list[Item]:
    with (UNFAMILIAR / "inputs.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Item(
            UNFAMILIAR_GROUP,
            row["file"],
            (UNFAMILIAR / row["file"]).read_text("utf-8"),
            row["kind"],
        )
        for row in rows
    ]


def generated_items(seed: int, count: int) -> list[Item]:
    specs = generate_letters(seed, count)
    texts = [plain_text(spec) for spec in specs]
    items = [
        Item("generated", f"{seed}-{i}", t, truth=s.department)
        for i, (t, s) in enumerate(zip(texts, specs, strict=True))
    ]
    for rate in OCR_RATES:
        rng = random.Random(f"unfamiliar/{seed}/{rate}")
        items += [
            Item(
                f"generated, OCR noise {rate}",
                f"{seed}-{i}",
                ocr_noise(t, rng, rate),
                truth=s.department,
            )
            for i, (t, s) in enumerate(zip(texts, specs, strict=True))
        ]
    return items


def held_out_items() -> list[Item]:
    with (HELD_OUT / "labels.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Item(
            "held-out", r["file"], (HELD_OUT / r["file"]).read_text("utf-8"), truth=r["department"]
        )
        for r in rows
    ]


def shifted_items(where: Path, seed: int, count: int) -> list[Item]:
    """The letters of benchmarks/shifted_mail.py, or none when it is not there."""
    if not (where / "shifted_mail.py").is_file():
        return []
    sys.path.insert(0, str(where))
    shifted_mail = importlib.import_module("shifted_mail")
    letters = shifted_mail.letters(seed, count)
    return [
        Item("shifted", f"{seed}-{i}", letter.text, truth=letter.department)
        for i, letter in enumerate(letters)
    ]


# --------------------------------------------------------------------------- scoring


def as_document(item: Item) -> Document:
    """The text as one page of a PDF with a text layer, with its fields extracted."""
    digest = hashlib.sha256(item.text.encode()).hexdigest()
    page = Page(0, None, 300, text=item.text)
    document = Document(digest, Path(item.name), datetime.now(UTC), (page,))
    return replace(document, fields=extract.extract_fields(document.pages))


def score(item: Item, model: DocumentClassifier, ruleset: RuleSet, config: AppConfig) -> Scored:
    document = as_document(item)
    settings = config.classify.model_copy(update={"min_familiarity": 0.0})
    hits = rules.evaluate(document, ruleset)
    department, _, scores = classify.decide_facets(document, hits, model, settings, ruleset)
    ranked = scores["department"].scores
    second = ranked[1].probability if len(ranked) > 1 else 0.0
    return Scored(
        item,
        model.model.familiarity(document_text(document)),
        ranked[0].probability,
        ranked[0].probability - second,
        department.method if department.label is not None else "",
        department.label,
    )


DETECTORS: dict[str, Callable[[Scored], float]] = {
    "familiarity": lambda s: s.familiar,
    "top department probability": lambda s: s.top,
    "margin": lambda s: s.margin,
}


def auroc(scored: Sequence[Scored], detector: Callable[[Scored], float]) -> float:
    """Chance that an unfamiliar input scores lower than a legitimate letter."""
    truth = [s.item.group == UNFAMILIAR_GROUP for s in scored]
    return float(roc_auc_score(truth, [-detector(s) for s in scored]))


# --------------------------------------------------------------------------- end to end


def set_as_pdf(text: str, pdf: Path) -> None:
    """One page (Courier-like, with the letters of every input), one string per line."""
    pdfmetrics.registerFont(TTFont("Mono", str(FONT_FILE)))
    page = canvas.Canvas(str(pdf), pagesize=A4)
    page.setFont("Mono", FONT_SIZE)
    y = A4[1] - MARGIN
    for line in text.splitlines():
        page.drawString(MARGIN, y, line)
        y -= LINE_PITCH
    page.save()


def config_with_gate(minimum: float, folder: Path) -> Path:
    """A copy of config.yaml (paths made absolute) with ``classify.min_familiarity``."""
    config = load_config(CONFIG)
    config = config.model_copy(
        update={"classify": config.classify.model_copy(update={"min_familiarity": minimum})}
    )
    path = folder / f"config-gate-{minimum}.yaml"
    path.write_text(yaml.safe_dump(config.model_dump(mode="json")), encoding="utf-8")
    return path


def end_to_end(
    items: Sequence[Item], minima: Sequence[float], folder: Path
) -> dict[float, dict[str, dict[str, object]]]:
    """Per minimum familiarity: file name -> the JSON line of ``semantha process``."""
    files = []
    for item in items:
        pdf = folder / Path(item.name).with_suffix(".pdf").name
        set_as_pdf(item.text, pdf)
        files.append(pdf)
    return {m: process(files, config_with_gate(m, folder)) for m in minima}


# --------------------------------------------------------------------------- the report


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def _groups(scored: Sequence[Scored]) -> dict[str, list[Scored]]:
    groups: dict[str, list[Scored]] = {}
    for s in scored:
        groups.setdefault(s.item.group, []).append(s)
    return groups


def familiarity_table(scored: Sequence[Scored]) -> list[str]:
    rows = [
        "| group | texts | no content word | familiarity min | median | max |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for group, items in _groups(scored).items():
        values = [s.familiarity for s in items if s.familiarity is not None]
        none = len(items) - len(values)
        rows.append(
            f"| {group} | {len(items)} | {none} | {min(values):.2f} | "
            f"{median(values):.2f} | {max(values):.2f} |"
        )
    return rows


def routing_table(scored: Sequence[Scored]) -> list[str]:
    rows = [
        "| group | texts | routed by rule | routed by model | wrong among the routed |",
        "|---|---:|---:|---:|---:|",
    ]
    for group, items in _groups(scored).items():
        by_rule = sum(s.routed_by == "rule" for s in items)
        by_model = sum(s.routed_by == "model" for s in items)
        wrong = (
            "–"
            if group == UNFAMILIAR_GROUP
            else str(sum(s.routed_by != "" and s.department != s.item.truth for s in items))
        )
        rows.append(f"| {group} | {len(items)} | {by_rule} | {by_model} | {wrong} |")
    return rows


def auroc_table(scored: Sequence[Scored]) -> list[str]:
    by_model = [s for s in scored if s.routed_by == "model"]
    rows = [
        "| detector | AUROC, all texts | AUROC, texts the model would route |",
        "|---|---:|---:|",
    ]
    for name, detector in DETECTORS.items():
        rows.append(f"| {name} | {auroc(scored, detector):.3f} | {auroc(by_model, detector):.3f} |")
    return rows


def threshold_table(scored: Sequence[Scored]) -> list[str]:
    groups = _groups(scored)
    odd = groups.pop(UNFAMILIAR_GROUP)
    head = "| min. familiarity | unfamiliar caught | unfamiliar still routed |"
    rule = "|---:|---:|---:|"
    for group, items in groups.items():
        head += f" {group} ({len(items)}) |"
        rule += "---:|"
    rows = [head, rule]
    before = sum(s.routed(0.0) for s in odd)
    rows.append(f"| 0 (off) | 0 | {before} of {len(odd)} |" + " 0 |" * len(groups))
    for minimum in MINIMA:
        caught = sum(s.familiar < minimum for s in odd)
        routed = sum(s.routed(minimum) for s in odd)
        row = f"| {minimum:.2f} | {_percent(caught, len(odd))} | {routed} of {len(odd)} |"
        for items in groups.values():
            gated = [s for s in items if s.gated(minimum)]
            wrong = sum(s.department != s.item.truth for s in gated)
            row += f" {len(gated)} ({_percent(len(gated), len(items))}), {wrong} wrong |"
        rows.append(row)
    return rows


def lowest_legitimate(scored: Sequence[Scored], count: int = 8) -> list[str]:
    legitimate = [s for s in scored if s.item.group != UNFAMILIAR_GROUP]
    legitimate.sort(key=lambda s: s.familiar)
    rows = ["| group | letter | familiarity | model p | routed by |", "|---|---|---:|---:|---|"]
    for s in legitimate[:count]:
        rows.append(
            f"| {s.item.group} | {s.item.name} | {s.familiar:.2f} | {s.top:.2f} | "
            f"{s.routed_by or 'review'} |"
        )
    return rows


def unfamiliar_table(
    scored: Sequence[Scored], decided: dict[float, dict[str, dict[str, object]]]
) -> list[str]:
    minima = sorted(decided)
    head = "| input | kind | familiarity | model p | margin | gate off, in process |"
    rule = "|---|---|---:|---:|---:|---|"
    for m in minima:
        head += f" pipeline, gate {m:g} |"
        rule += "---|"
    rows = [head, rule]
    for s in scored:
        if s.item.group != UNFAMILIAR_GROUP:
            continue
        familiarity = "–" if s.familiarity is None else f"{s.familiarity:.2f}"
        alone = f"**{s.department}** ({s.routed_by})" if s.routed_by else "review"
        row = (
            f"| {s.item.name} | {s.item.kind} | {familiarity} | {s.top:.2f} | {s.margin:.2f} "
            f"| {alone} |"
        )
        for m in minima:
            line = decided[m][Path(s.item.name).with_suffix(".pdf").name]
            shown = (
                "review"
                if line.get("planned") != "delivered"
                else f"**{line.get('department')}** ({line.get('method')})"
            )
            row += f" {shown} |"
        rows.append(row)
    return rows


def pipeline_summary(
    scored: Sequence[Scored], decided: dict[float, dict[str, dict[str, object]]]
) -> list[str]:
    odd = [s for s in scored if s.item.group == UNFAMILIAR_GROUP]
    kinds = sorted({s.item.kind for s in odd})
    rows = [
        "| kind | inputs |" + "".join(f" auto-routed, gate {m:g} |" for m in decided),
        "|---|---:|" + "---:|" * len(decided),
    ]
    for kind in [*kinds, "all"]:
        chosen = [s for s in odd if kind in ("all", s.item.kind)]
        row = f"| {kind} | {len(chosen)} |"
        for lines in decided.values():
            routed = sum(
                lines[Path(s.item.name).with_suffix(".pdf").name].get("planned") == "delivered"
                for s in chosen
            )
            row += f" {routed} |"
        rows.append(row)
    return rows


def report(
    scored: Sequence[Scored], decided: dict[float, dict[str, dict[str, object]]], command: str
) -> str:
    parts = [
        f"`{command}`",
        "## Familiarity per group\n\nShare of a text's distinct content words (4+ letters) "
        "that the model's word vocabulary holds.",
        "\n".join(familiarity_table(scored)),
        "## Decisions with the gate off (configured thresholds, in process)",
        "\n".join(routing_table(scored)),
        "## Detectors\n\nAUROC: the chance that an unfamiliar input scores lower than a "
        "legitimate letter (legitimate: every other group). The second column counts only "
        "the texts the model routes with the gate off: what a gate adds to the thresholds. "
        "A text without content words counts as familiar (1.0), as the gate treats it.",
        "\n".join(auroc_table(scored)),
        "## Minimum familiarity\n\nCaught: familiarity below the minimum. Still routed: "
        "decided by a rule, or by the model at or above the minimum (configured thresholds). "
        "Per legitimate group: letters the gate sends to review that the model would have "
        "routed, and how many of those the model would have routed to the wrong office.",
        "\n".join(threshold_table(scored)),
        "## The least familiar legitimate letters",
        "\n".join(lowest_legitimate(scored)),
    ]
    if decided:
        parts += [
            "## End to end: the unfamiliar inputs as text PDFs through "
            "`semantha process --json --dry-run`",
            "\n".join(pipeline_summary(scored, decided)),
        ]
    parts += ["## Every unfamiliar input", "\n".join(unfamiliar_table(scored, decided))]
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2027, help="generated letters' seed")
    parser.add_argument("--count", type=int, default=200, help="generated and shifted letters")
    parser.add_argument(
        "--shifted",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="folder with shifted_mail.py (default: benchmarks/)",
    )
    parser.add_argument("--shifted-seed", type=int, default=7)
    parser.add_argument(
        "--gate", type=float, help="min_familiarity to try end to end (default: config.yaml's)"
    )
    parser.add_argument("--no-pipeline", action="store_true", help="skip the end-to-end run")
    args = parser.parse_args()
    config = load_config(CONFIG)
    model = load_classifier(config.model)
    ruleset = load_ruleset(config.rules_dir)
    items = [
        *unfamiliar_items(),
        *generated_items(args.seed, args.count),
        *held_out_items(),
        *shifted_items(args.shifted, args.shifted_seed, args.count),
    ]
    scored = [score(item, model, ruleset, config) for item in items]
    decided: dict[float, dict[str, dict[str, object]]] = {}
    if not args.no_pipeline:
        with tempfile.TemporaryDirectory() as scratch:
            odd = [i for i in items if i.group == UNFAMILIAR_GROUP]
            gate = config.classify.min_familiarity if args.gate is None else args.gate
            decided = end_to_end(odd, (0.0, gate), Path(scratch))
    command = "python benchmarks/unfamiliar_letters.py " + " ".join(sys.argv[1:])
    text = report(scored, decided, command.strip())
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M")
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"unfamiliar-{stamp}.md"
    path.write_text(f"# Unfamiliar letters ({stamp})\n\n{text}\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()

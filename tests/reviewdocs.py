"""Documents in review for the station's tests: a config over temporary folders and the
shipped rules and model, and sample scans put into review by the delivery code itself."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from semantha.config import AppConfig, load_config
from semantha.delivering import deliver
from semantha.fsutil import file_sha256
from semantha.records import Decision, Document, Page, Reading, Score, Trace, frozen_map

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def write_config(folder: Path, extra: str = "", rules: Path = ROOT / "rules") -> Path:
    """config.yaml with every folder under ``folder``; the shipped rules (unless others
    are given) and model."""
    path = folder / "config.yaml"
    path.write_text(
        f"""\
paths:
  inbox: inbox
  work: work
  dms_root: dms
  review: review
  quarantine: quarantine
  archive: archive
  returns: returns
rules_dir: {rules}
model: {ROOT / "models" / "classifier.npz"}
logging:
  file: log/semantha.jsonl
{extra}""",
        encoding="utf-8",
    )
    (folder / "dms").mkdir(exist_ok=True)
    return path


def station_config(folder: Path, extra: str = "", rules: Path = ROOT / "rules") -> AppConfig:
    return load_config(write_config(folder, extra, rules))


def put_in_review(
    config: AppConfig,
    sample: str,
    *,
    text: str,
    department: str | None = None,
    departments: tuple[tuple[str, float], ...] = (("63", 0.5), ("32", 0.3), ("50", 0.1)),
    doctype: str | None = "Antrag",
    fields: dict[str, str] | None = None,
    returned_by: str | None = None,
    copy_as: str | None = None,
    queued_at: datetime | None = None,
) -> str:
    """Put ``sample`` into review as the pipeline would; returns its review id.

    ``copy_as`` gives the scan another name and different bytes (a second document);
    ``queued_at`` backdates its arrival in review."""
    source = SAMPLES / sample
    if copy_as is not None:
        source = shutil.copy(source, config.paths.work / copy_as)
        with Path(source).open("ab") as handle:
            handle.write(copy_as.encode())  # other bytes, another sha256
    sha256 = file_sha256(Path(source))
    page = Page(0, None, 300, text=text, reading=Reading.OCR, confidence=90.0)
    document = Document(
        sha256,
        Path(source),
        datetime.now(UTC),
        (page,),
        frozen_map(fields or {"aktenzeichen": "63-2024/17", "date": "2024-11-01"}),
    )
    trace = Trace(
        department_scores=tuple(Score(label, p) for label, p in departments),
        doctype_scores=(Score("Antrag", 0.6), Score("Beschwerde", 0.3)),
        reason="model unsure",
    )
    decision = Decision(department, doctype, departments[0][1], "model", trace)
    config.paths.work.mkdir(parents=True, exist_ok=True)
    (delivery,) = deliver.to_review(
        document, decision, config.paths, "model confidence is low", "review", returned_by
    )
    if queued_at is not None and delivery.destination is not None:
        sidecar = deliver.sidecar_path(delivery.destination)
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        data["delivered_at"] = queued_at.isoformat()
        sidecar.write_text(json.dumps(data), encoding="utf-8")
    return sha256[:12]

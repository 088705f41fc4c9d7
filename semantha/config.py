"""config.yaml: the service's configuration, validated on load (extra keys are errors).

Relative paths are resolved against the folder that holds config.yaml, so the same
file works wherever the project is checked out.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from semantha.errors import ConfigError
from semantha.yamlfile import load_model

DEFAULT_CONFIG = Path("config.yaml")
CONFIG_ENV = "SEMANTHA_CONFIG"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Paths(Strict):
    inbox: Path
    work: Path
    dms_root: Path
    review: Path
    quarantine: Path
    archive: Path
    # Where an office drops a document that reached it by mistake; no returns without it.
    returns: Path | None = None

    def outputs(self) -> dict[str, Path]:
        """Every folder but the inbox (none of them may lie inside it)."""
        folders = {
            "work": self.work,
            "dms_root": self.dms_root,
            "review": self.review,
            "quarantine": self.quarantine,
            "archive": self.archive,
        }
        return folders if self.returns is None else {**folders, "returns": self.returns}


class OcrSettings(Strict):
    languages: str = "deu+eng"
    dpi: int = Field(300, ge=72, le=600)
    timeout_s: float = Field(120.0, gt=0)
    psm: int = Field(3, ge=0, le=13)
    strategy: Literal["roi_first", "full"] = "roi_first"
    header_fraction: float = Field(0.4, gt=0, le=1)
    header_extra_fraction: float = Field(0.55, gt=0, le=1)
    header_languages: str = "deu"
    header_dpi: int = Field(200, ge=72, le=600)
    dark_on_light: bool = True
    # Pages of one document read at the same time; 0: the CPU cores shared among the
    # service's workers (all of them for `semantha process`).
    page_threads: int = Field(0, ge=0, le=64)
    # A page with more pixels is scaled down to this many before it is cleaned and
    # read (A3 at 300 dpi has 17 M): a huge image costs no more than a large page.
    max_page_pixels: int = Field(20_000_000, ge=1_000_000)
    # The OCR time budget of a page or band: this many seconds per million pixels, at
    # least MIN_OCR_BUDGET_S and at most timeout_s (an A4 page at 300 dpi: 8.7 M).
    seconds_per_megapixel: float = Field(4.0, gt=0)
    # Documents with more pages are not read in full for `process --text` or a
    # searchable_pdf route: they are quarantined with that reason.
    max_pages: int = Field(300, ge=1)


class PreprocessSettings(Strict):
    orientation: bool = True
    deskew: bool = True
    max_skew_deg: float = Field(10.0, ge=0, le=45)
    blank_pages: bool = True
    binarize: bool = True
    stamps: bool = True  # with binarize: incoming-mail stamps are erased and read apart
    checkboxes: bool = True  # with binarize: printed tick boxes are erased before OCR


class ClassifySettings(Strict):
    mode: Literal["rules+model", "rules-only"] = "rules+model"
    min_confidence: float = Field(0.94, ge=0, le=1)
    min_margin: float = Field(0.20, ge=0, le=1)
    doctype_min_confidence: float = Field(0.60, ge=0, le=1)
    # Precision `semantha learn` holds on the city's held-back letters when it moves a
    # threshold: raised wherever the held-back letters show it is needed, lowered only
    # where enough of them show it is safe.
    target_precision: float = Field(0.995, gt=0.5, lt=1)
    # A letter fewer of whose words (4+ letters) than this share occur in the model's
    # training letters is unfamiliar: review, however sure the model is. 0.45 stops most
    # unfamiliar mail and no letter of another author (benchmarks/unfamiliar_letters.py).
    min_familiarity: float = Field(0.45, ge=0, le=1)
    # A letter the model is unsure of goes where the most similar letter the city's
    # people decided went (the model's memory, built by `semantha learn`), when it is
    # at least this similar (cosine of the model's features) ...
    example_similarity: float = Field(0.25, ge=0, le=1)
    # ... and this much more similar than the most similar letter of any other office.
    # `semantha learn` moves it on the held-back letters, as it does min_confidence.
    example_margin: float = Field(0.15, ge=0, le=1)
    # ... or only this much when the model's own best guess is that same office: two
    # signals that agree. `semantha learn` moves it on the held-back letters.
    agreeing_margin: float = Field(0.10, ge=0, le=1)
    # Where the model is unsure but its best guess is the one office whose names the
    # address's unit is like, the address counts as these odds for that office: the
    # model's p becomes p * odds / (p * odds + 1 - p), routed when that reaches
    # min_confidence (at 20 and 0.94: from p = 0.44). 1: the address is not heard so.
    address_odds: float = Field(20.0, ge=1)


class ServiceSettings(Strict):
    workers: int = Field(2, ge=1, le=64)
    poll_interval_s: float = Field(1.0, gt=0)
    stable_after_s: float = Field(2.0, ge=0)
    # A quiet file whose format says it is incomplete (a scanner pausing) waits this long
    # before it is taken as it is, and quarantined as truncated.
    incomplete_wait_s: float = Field(300.0, ge=0)
    polling: bool = False
    rescan_interval_s: float = Field(60.0, gt=0)
    document_timeout_s: float = Field(600.0, gt=0)
    delivery_attempts: int = Field(5, ge=1)
    retry_backoff_s: float = Field(5.0, ge=0)
    duplicates: Literal["deliver", "skip", "review"] = "review"
    archive_retention_days: int = Field(90, ge=0)
    processing_attempts: int = Field(2, ge=1)
    stop_grace_s: float = Field(30.0, ge=0)
    worker_max_documents: int = Field(500, ge=1)
    # Prometheus metrics over HTTP from the main process; 0 serves none.
    metrics_port: int = Field(0, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"
    # Address space of each worker process in MiB (RLIMIT_AS); 0: no limit. A document
    # that needs more is quarantined instead of taking the machine's memory.
    worker_memory_mb: int = Field(3072, ge=0)
    # local: worker processes on this machine; celery: documents go through the broker
    # to `semantha worker` processes (a shared service centre).
    executor: Literal["local", "celery"] = "local"
    broker_url: str = "redis://127.0.0.1:6379/0"


SeparationMode = Literal["none", "sheet", "barcode", "auto"]
"""How a scanned file is cut into documents (``reading.separation``)."""
ANY_FOLDER = "*"


class ReviewSettings(Strict):
    # Days the recognised text of reviewed documents is kept with its label (the
    # city's labelled mail in work/examples/); 0 keeps it forever.
    text_retention_days: int = Field(730, ge=0)


class LoggingSettings(Strict):
    file: Path = Path("var/log/semantha.jsonl")
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


class StationSettings(Strict):
    """The review station (``semantha serve``): where it listens and who may use it."""

    host: str = "127.0.0.1"  # only this machine; a reverse proxy or 0.0.0.0 opens it wider
    port: int = Field(8080, ge=1, le=65535)
    # password: users of the users file log in; proxy: a trusted reverse proxy on this
    # machine names the user in ``proxy_header`` (accepted only from 127.0.0.1).
    auth: Literal["password", "proxy"] = "password"
    proxy_header: str = Field("X-Remote-User", min_length=1)
    users_file: Path | None = None  # default: users.json in paths.work
    session_hours: float = Field(10.0, gt=0, le=24 * 7)


class LearnSettings(Strict):
    # The newest share of the city's labelled letters, held back to judge a new model.
    hold_back: float = Field(0.2, gt=0, lt=1)
    min_examples: int = Field(20, ge=2)  # fewer labelled letters: nothing is learned
    city_weight: float = Field(1.0, gt=0)  # one city letter counts as this many generated ones
    base_per_label: int = Field(150, ge=0)  # generated letters kept per office; 0: all
    keep_versions: int = Field(5, ge=2)  # model versions kept in models/history/
    # Letters delivered automatically and not sent back within this many days are learned
    # as labelled by Semantha itself (weak labels); the newest delivered letters also judge
    # whether a new model still routes what was delivered. Their text is kept like that
    # of reviewed letters (review.text_retention_days). None: off, no text kept.
    weak_label_days: int | None = Field(2, ge=0)
    # Of the delivered letters, the newest this many are read (learning stays fast).
    weak_label_letters: int = Field(2000, ge=0)
    # The service learns on its own: after this many new labelled letters (0: never)...
    after_examples: int = Field(50, ge=0)
    # The newest this many learned letters are remembered (classify.example_margin);
    # 1,000 letters take about 2 MB of the model file. 0: none.
    example_letters: int = Field(3000, ge=0, le=65_535)
    # ... and each night at this time (HH:MM, local time; empty: not nightly).
    nightly_at: str = Field("", pattern=r"^$|^([01]\d|2[0-3]):[0-5]\d$")


class TransferSettings(Strict):
    """The transfer note (Transfervermerk) in sidecars and the audit log."""

    scan_station: str = ""  # the scan station's name; empty: this machine's host name

    @property
    def station(self) -> str:
        return self.scan_station or socket.gethostname()


class AppConfig(Strict):
    paths: Paths
    rules_dir: Path = Path("rules")
    model: Path = Path("models/classifier.npz")
    ocr: OcrSettings = OcrSettings()
    preprocess: PreprocessSettings = PreprocessSettings()
    classify: ClassifySettings = ClassifySettings()
    service: ServiceSettings = ServiceSettings()
    review: ReviewSettings = ReviewSettings()
    learn: LearnSettings = LearnSettings()
    logging: LoggingSettings = LoggingSettings()
    station: StationSettings = StationSettings()
    transfer: TransferSettings = TransferSettings()
    # Batch scanning: inbox subfolder name (or "*" for the rest) -> separation mode.
    separation: dict[str, SeparationMode] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _outputs_outside_inbox(self) -> AppConfig:
        # An output under the inbox would be picked up again as new mail.
        inbox = self.paths.inbox
        for name, path in self.paths.outputs().items():
            if path == inbox or inbox in path.parents or path in inbox.parents:
                raise ValueError(f"paths.{name} ({path}) must not lie inside or contain the inbox")
        return self

    @model_validator(mode="after")
    def _stacks_split_locally(self) -> AppConfig:
        # A stack is cut where it is read, and its documents' files must stay with the
        # station's journal: a Celery worker's scratch folder is not the station's work/.
        cutting = any(mode != "none" for mode in self.separation.values())
        if cutting and self.service.executor == "celery":
            raise ValueError(
                "separation (batch scanning) runs with service.executor: local only; "
                "scan stacks at a station with local workers, or set the folders to none"
            )
        return self

    def separation_for(self, source_folder: str) -> SeparationMode:
        """The separation mode of files from inbox subfolder ``source_folder``."""
        return self.separation.get(source_folder, self.separation.get(ANY_FOLDER, "none"))

    @property
    def users_file(self) -> Path:
        """The review station's users: ``station.users_file``, or users.json in work/."""
        return self.station.users_file or self.paths.work / "users.json"

    def resolved(self, base: Path) -> AppConfig:
        """A copy with every relative path made absolute against ``base``."""

        def absolute(p: Path) -> Path:
            return p if p.is_absolute() else (base / p).resolve()

        paths = Paths(
            **{k: absolute(v) for k, v in self.paths.model_dump(exclude_none=True).items()}
        )
        return self.model_copy(
            update={
                "paths": paths,
                "rules_dir": absolute(self.rules_dir),
                "model": absolute(self.model),
                "logging": self.logging.model_copy(update={"file": absolute(self.logging.file)}),
                "station": self.station.model_copy(
                    update={
                        "users_file": self.station.users_file and absolute(self.station.users_file)
                    }
                ),
            }
        )


def config_path(explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit
    env = os.environ.get(CONFIG_ENV)
    return Path(env) if env else DEFAULT_CONFIG


def load_config(path: Path) -> AppConfig:
    """Load, validate and resolve config.yaml; ConfigError names key, file and line."""
    if not path.is_file():
        raise ConfigError(
            f"configuration file {path} not found",
            f"pass --config PATH or set {CONFIG_ENV}",
        )
    raw = load_model(path, AppConfig)
    resolved = raw.resolved(path.resolve().parent)
    # Validate the outputs-vs-inbox rule again on absolute paths.
    try:
        return AppConfig.model_validate(resolved.model_dump())
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}", "point the output folders outside the inbox") from exc

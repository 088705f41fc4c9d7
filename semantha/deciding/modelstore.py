"""The live model for the service: reloaded between documents when it was replaced."""

from __future__ import annotations

import threading
from pathlib import Path

import structlog

from semantha.deciding.model import DocumentClassifier, load_classifier, manifest_path
from semantha.errors import ModelError

log = structlog.get_logger(__name__)

Stamp = tuple[tuple[int, int, int], ...]


def _stamp(model_path: Path) -> Stamp:
    """What changes when either file is replaced (a new inode, size or time)."""
    stamps = []
    for path in (model_path, manifest_path(model_path)):
        try:
            info = path.stat()
        except OSError:
            stamps.append((0, 0, 0))
            continue
        stamps.append((info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(stamps)


class ModelStore:
    """The current classifier, as ``RuleStore`` is for the rules.

    The first load must succeed (the service does not start on a broken model). A model
    replaced later is loaded at the next ``current()``; one that does not load (half
    installed, corrupt) is logged once as ``model.reload_failed``, the previous model
    keeps serving and the files are tried again when they change.
    """

    def __init__(self, model_path: Path) -> None:
        self._path = model_path
        self._lock = threading.Lock()
        self._seen = _stamp(model_path)
        self._classifier = load_classifier(model_path)
        self._failed: Stamp | None = None

    def current(self) -> DocumentClassifier:
        with self._lock:
            stamp = _stamp(self._path)
            if stamp != self._seen and stamp != self._failed:
                self._reload(stamp)
            return self._classifier

    def _reload(self, stamp: Stamp) -> None:
        try:
            classifier = load_classifier(self._path)
        except ModelError as exc:
            self._failed = stamp
            log.warning(
                "model.reload_failed",
                model=str(self._path),
                error=exc.message,
                hint="the previous model stays in use until a complete model is installed",
            )
            return
        self._classifier, self._seen, self._failed = classifier, stamp, None
        log.info("model.reloaded", sha256=classifier.manifest.model_sha256[:12])

"""Model versions: install a newly learned model, keep the earlier ones, roll back.

Every installed model is kept in ``models/history/<NNNN>-<sha12>/`` (model and
manifest, as ``save_classifier`` writes them); the live files at ``config.model`` are
a copy of one of them. Installing writes the new version into the history first and
then replaces the live model file and its manifest, each atomically: a reader between
the two renames sees a model that does not match its manifest, refuses it with
ModelError and keeps the model it has (``ModelStore``). Rolling back installs the
version before the live one the same way; once more goes one further back.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import structlog

from semantha.deciding.model import (
    DocumentClassifier,
    Manifest,
    manifest_path,
    read_manifest,
    save_classifier,
)
from semantha.errors import ModelError
from semantha.fsutil import atomic_copy

log = structlog.get_logger(__name__)

HISTORY = "history"
VERSION_FOLDER = re.compile(r"^(\d{4,})-([0-9a-f]{12})$")


@dataclass(frozen=True)
class Version:
    number: int
    folder: Path
    model: Path  # the model file inside ``folder``
    manifest: Manifest


def history_folder(model_path: Path) -> Path:
    return model_path.parent / HISTORY


def versions(model_path: Path) -> list[Version]:
    """The kept versions, oldest first; folders that are not complete versions are skipped."""
    found = []
    folder = history_folder(model_path)
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        named = VERSION_FOLDER.match(entry.name)
        if not named:
            continue
        model = entry / model_path.name
        try:
            manifest = read_manifest(model)
        except ModelError:
            continue
        if manifest.model_sha256[:12] == named.group(2):
            found.append(Version(int(named.group(1)), entry, model, manifest))
    return sorted(found, key=lambda v: v.number)


def live_version(model_path: Path) -> Version | None:
    """The kept version that is live now (by its sha256), or None."""
    try:
        live = read_manifest(model_path).model_sha256
    except ModelError:
        return None
    return next(
        (v for v in reversed(versions(model_path)) if v.manifest.model_sha256 == live), None
    )


def _keep(model_path: Path, source_model: Path, manifest: Manifest) -> Version:
    """Copy a saved model into the history as the next version."""
    kept = versions(model_path)
    number = (kept[-1].number + 1) if kept else 1
    folder = history_folder(model_path) / f"{number:04d}-{manifest.model_sha256[:12]}"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / model_path.name
    atomic_copy(source_model, target)
    atomic_copy(manifest_path(source_model), manifest_path(target))
    return Version(number, folder, target, manifest)


def _go_live(version: Version, model_path: Path) -> None:
    atomic_copy(version.model, model_path)
    atomic_copy(manifest_path(version.model), manifest_path(model_path))


def install(classifier: DocumentClassifier, model_path: Path, keep: int) -> Version:
    """Make ``classifier`` the live model; the one it replaces stays in the history.

    At most ``keep`` versions are kept (never fewer than the new one and the one before).
    A model identical to the live one, manifest and all, is not kept again."""
    if model_path.is_file() and live_version(model_path) is None:
        _keep(model_path, model_path, read_manifest(model_path))  # the shipped model
    live = live_version(model_path)
    staging = history_folder(model_path) / ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    manifest = save_classifier(classifier, staging / model_path.name)
    if live is not None and manifest == live.manifest:
        shutil.rmtree(staging, ignore_errors=True)
        return live
    version = _keep(model_path, staging / model_path.name, manifest)
    shutil.rmtree(staging, ignore_errors=True)
    _go_live(version, model_path)
    _prune(model_path, max(keep, 2))
    log.info("model.installed", version=version.number, sha256=manifest.model_sha256[:12])
    return version


def rollback(model_path: Path) -> Version:
    """Make the version before the live one live again; ModelError when there is none."""
    kept = versions(model_path)
    live = live_version(model_path)
    earlier = [v for v in kept if live is not None and v.number < live.number]
    if not earlier:
        raise ModelError(
            f"no earlier model version in {history_folder(model_path)} to go back to",
            "`semantha learn` keeps the replaced model there each time it installs one",
        )
    version = earlier[-1]
    _go_live(version, model_path)
    log.info("model.rolled_back", version=version.number, sha256=version.manifest.model_sha256[:12])
    return version


def _prune(model_path: Path, keep: int) -> None:
    kept = versions(model_path)
    live = live_version(model_path)
    for version in kept[:-keep]:
        if version != live:
            shutil.rmtree(version.folder, ignore_errors=True)

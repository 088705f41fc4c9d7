"""``semantha check``: the environment, validated before any document is touched.

Each check runs independently so that one run lists every problem at once.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from semantha.config import AppConfig
from semantha.errors import EnvironmentCheckError, SemanthaError


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    hint: str = ""
    exit_code: int = 0


def _tesseract(config: AppConfig) -> str:
    from semantha.reading import ocr

    ocr.check_languages(f"{config.ocr.languages}+{config.ocr.header_languages}")
    return f"tesseract {ocr.tesseract_version()}, languages {config.ocr.languages}"


def _poppler(config: AppConfig) -> str:
    missing = [tool for tool in ("pdftoppm", "pdftotext", "pdfinfo") if not shutil.which(tool)]
    if missing:
        raise EnvironmentCheckError(
            f"poppler tools not found: {', '.join(missing)}",
            "install them: apt-get install poppler-utils",
        )
    return "pdftoppm, pdftotext, pdfinfo found"


def _folders(config: AppConfig) -> str:
    paths = config.paths.model_dump(exclude_none=True)
    resolved = {name: Path(p).resolve() for name, p in paths.items()}
    for name, path in resolved.items():
        for other, other_path in resolved.items():
            if name != other and (path == other_path or other_path in path.parents):
                raise EnvironmentCheckError(
                    f"paths.{name} ({path}) lies inside paths.{other} ({other_path})",
                    "give every folder in config.yaml 'paths' its own place",
                )
        try:
            path.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path, prefix=".semantha-check-"):
                pass
        except OSError as exc:
            raise EnvironmentCheckError(
                f"paths.{name} ({path}) is not writable: {exc.strerror}",
                "create the folder and give the service user write access",
            ) from exc
    return f"{len(resolved)} folders writable and disjoint"


def _rules(config: AppConfig) -> str:
    from semantha.rulefiles.store import load_ruleset

    load_ruleset(config.rules_dir)
    return f"rules in {config.rules_dir} valid"


def _model(config: AppConfig) -> str:
    if config.classify.mode == "rules-only":
        return "rules-only mode: no model is used"
    from semantha.deciding.model import load_classifier

    load_classifier(config.model)
    return f"model {config.model.name} loaded and verified"


def _display(config: AppConfig) -> str:
    from semantha.delivering import gui, x11

    if gui.load_runner(config.rules_dir, config.paths.work / "screenshots") is None:
        return "no GUI scripts configured"
    x11.check_display()
    return "display usable for GUI scripts"


CHECKS: tuple[tuple[str, Callable[[AppConfig], str]], ...] = (
    ("tesseract", _tesseract),
    ("poppler", _poppler),
    ("folders", _folders),
    ("rules", _rules),
    ("model", _model),
    ("display", _display),
)


def run_checks(config: AppConfig) -> list[CheckResult]:
    results = []
    for name, check in CHECKS:
        try:
            results.append(CheckResult(name, True, check(config)))
        except SemanthaError as exc:
            results.append(CheckResult(name, False, exc.message, exc.hint, exc.exit_code))
    return results

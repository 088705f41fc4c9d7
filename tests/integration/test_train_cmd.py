"""`semantha train` and `semantha evaluate` as real processes on labelled folders."""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOPICS = {
    ("63", "Antrag"): "Bauantrag Baugenehmigung Carport Garage Grundstück Bauvoranfrage Abbruch",
    ("22", "Bescheid"): "Hundesteuer Grundsteuer Gewerbesteuer Steuerbescheid Veranlagung",
    ("21", "Mahnung"): "Mahnung Zahlungserinnerung Rückstand Säumniszuschlag Vollstreckung",
    ("11", "Bewerbung"): "Bewerbung Stelle Lebenslauf Zeugnis Ausschreibung Vorstellungsgespräch",
    ("", ""): "Angebot Rabatt Katalog Werbung Sonderaktion Gewinnspiel Newsletter",
}

pytestmark = pytest.mark.integration


def write_text_set(folder: Path, seed: int, per_topic: int) -> None:
    """A labelled folder of text-only rows; every third row names no office."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "labels.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "department", "doctype", "names_office"])
        for (department, doctype), words in TOPICS.items():
            vocabulary = words.split()
            for i in range(per_topic):
                body = " ".join(rng.choice(vocabulary) for _ in range(30))
                text = f"Sehr geehrte Damen und Herren,\n{body}\nMit freundlichen Grüßen"
                writer.writerow([text, department, doctype, "true" if i % 3 else "false"])


def write_config(tmp_path: Path) -> Path:
    """config.yaml of the project with var/ and models/ under tmp_path."""
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    text = text.replace("var/", f"{tmp_path}/var/").replace(
        "rules_dir: rules", f"rules_dir: {ROOT}/rules"
    )
    text = text.replace("model: models/", f"model: {tmp_path}/models/")
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def semantha(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    return subprocess.run(
        [sys.executable, "-m", "semantha", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(config, model path) after `semantha train` on a text-only set."""
    tmp = tmp_path_factory.mktemp("train")
    config = write_config(tmp)
    write_text_set(tmp / "train", seed=1, per_topic=30)
    result = semantha(config, "train", "--data", str(tmp / "train"))
    assert result.returncode == 0, result.stderr
    assert "precision of auto-routed" in result.stdout
    return config, tmp / "models" / "classifier.npz"


def test_train_writes_model_and_manifest_with_metrics(trained: tuple[Path, Path]) -> None:
    _, model = trained
    manifest = json.loads(model.with_name("classifier.manifest.json").read_text())
    assert manifest["n_train"] == 150
    assert manifest["labels"]["department"] == ["", "11", "21", "22", "63"]
    assert 0.0 < manifest["metrics"]["accuracy"] <= 1.0
    assert manifest["metrics"]["n"] == 30  # 20 % held out
    assert len(manifest["training_data_sha256"]) == 64


def test_evaluate_json_follows_the_contract(trained: tuple[Path, Path], tmp_path: Path) -> None:
    config, model = trained
    write_text_set(tmp_path / "test", seed=2, per_topic=10)
    result = semantha(
        config,
        "evaluate",
        "--data",
        str(tmp_path / "test"),
        "--model",
        str(model),
        "--json",
        "--model-only",
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    for key in (
        "n",
        "accuracy",
        "coverage",
        "precision_auto",
        "macro_f1",
        "per_class",
        "confusion",
    ):
        assert key in report
    assert report["n"] == 50
    assert report["accuracy"] > 0.9
    assert set(report["groups"]) == {"names_office", "no_office"}
    assert sum(sum(row.values()) for row in report["confusion"].values()) == 50


def test_evaluate_refuses_a_corrupt_model(trained: tuple[Path, Path], tmp_path: Path) -> None:
    config, model = trained
    broken = tmp_path / "classifier.npz"
    broken.write_bytes(model.read_bytes()[:-10] + b"0123456789")
    (tmp_path / "classifier.manifest.json").write_text(
        model.with_name("classifier.manifest.json").read_text()
    )
    write_text_set(tmp_path / "test", seed=2, per_topic=2)
    result = semantha(config, "evaluate", "--data", str(tmp_path / "test"), "--model", str(broken))
    assert result.returncode == 5
    assert "corrupt" in result.stderr
    assert "what to do" in result.stderr and "rules-only" in result.stderr


def test_train_rejects_a_folder_without_labels(trained: tuple[Path, Path], tmp_path: Path) -> None:
    config, _ = trained
    result = semantha(config, "train", "--data", str(tmp_path))
    assert result.returncode != 0
    assert "labels.csv" in result.stderr


@pytest.mark.slow
def test_scanned_files_are_read_once_and_cached(trained: tuple[Path, Path], tmp_path: Path) -> None:
    config, model = trained
    scans = tmp_path / "scans"
    made = semantha(config, "samples", "--out", str(scans), "--count", "2", "--seed", "5")
    assert made.returncode == 0, made.stderr
    args = ("evaluate", "--data", str(scans), "--model", str(model), "--json", "--model-only")
    first = semantha(config, *args)
    assert first.returncode == 0, first.stderr
    caches = sorted(scans.glob("*.ocr.json"))
    assert len(caches) == 2
    cached = json.loads(caches[0].read_text())
    assert cached["pages"][0]["text"].strip()  # tesseract read something
    stamps = [c.stat().st_mtime_ns for c in caches]
    second = semantha(config, *args)
    assert second.returncode == 0, second.stderr
    assert [c.stat().st_mtime_ns for c in caches] == stamps  # not read again
    assert json.loads(second.stdout) == json.loads(first.stdout)
    assert set(json.loads(first.stdout)["groups"]) <= {"names_office", "no_office"}

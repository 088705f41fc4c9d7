"""The shipped config.yaml for a test run, with its folders under a temporary root."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def embedded_config(root: Path, *folders: str) -> Path:
    """``root/config.yaml``: the embedded config with the shipped rules and model, its
    ``var/`` folders under ``root``; the ``folders`` named (``"dms"``, ...) are created."""
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    text = text.replace("rules_dir: rules", f"rules_dir: {ROOT / 'rules'}")
    text = text.replace("model: models/", f"model: {ROOT / 'models'}/")
    path = root / "config.yaml"
    path.write_text(text, encoding="utf-8")
    for folder in folders:
        (root / "var" / folder).mkdir(parents=True, exist_ok=True)
    return path

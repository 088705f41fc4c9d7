"""Read the ground truth ``semantha samples`` writes next to the files (``truth.jsonl``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_truth(folder: Path) -> dict[str, dict[str, Any]]:
    """Each generated file's truth record, by file name, in the order written."""
    lines = (folder / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    records = (json.loads(line) for line in lines if line.strip())
    return {record["file"]: record for record in records}

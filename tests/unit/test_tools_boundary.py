"""The runtime never loads the tools (sample generator, train, evaluate) or what only they need."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from imports import imported_after

from semantha.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_pipeline_service_and_command_line_load_no_tools_and_no_tqdm() -> None:
    code = (
        "from pathlib import Path\n"
        "import semantha.pipeline\n"
        "from semantha.cli import build_parser\n"
        "from semantha.config import load_config\n"
        "from semantha.service.loop import create_service\n"
        "from semantha.service.worker import build_context\n"
        f"config = load_config(Path({str(ROOT / 'config.yaml')!r}))\n"
        "build_parser()\n"
        "create_service(config)\n"
        "build_context(config)\n"
    )
    loaded = imported_after(code, ("semantha", "tqdm"))
    assert "semantha.pipeline" in loaded  # the code above ran
    assert [m for m in loaded if m.startswith("semantha.tools") or m.split(".")[0] == "tqdm"] == []


def test_a_tool_without_its_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "semantha.tools.progress", raising=False)
    code = main(["samples", "--out", str(tmp_path), "--count", "1", "--text-only"])
    assert code == 4
    assert "semantha[tools]" in capsys.readouterr().err
    assert not (tmp_path / "labels.csv").exists()

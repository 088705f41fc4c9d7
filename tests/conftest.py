"""Settings for every test: one tesseract thread per process, as in production; the
browser of the review station's tests."""

from __future__ import annotations

import os
from typing import Any

import pytest

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# Debian's chromium (scripts/setup.sh installs it): Playwright's own browser download
# cannot work on a scan station's network, so `playwright install` is never run.
CHROMIUM = "/usr/bin/chromium"
# The screen of a mailroom desk, which the review station must fill legibly.
SCREEN = {"width": 1366, "height": 768}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch, with Debian's chromium in German."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--lang=de-DE"]}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": SCREEN, "locale": "de-DE"}

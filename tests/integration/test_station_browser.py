"""The review station in a real browser (Debian's chromium through Playwright), against
`semantha serve` as its own process, on real scans the service put into review.

A clerk logs in, opens the queue, corrects the office of one letter and confirms the
other with the keyboard; the letter then lies with its sidecar in the office's DMS
folder and the decisions are in the journal. Screenshots of the queue, a document and
the status page are saved (and copied to $SEMANTHA_SCREENSHOTS when that is set).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from configs import embedded_config
from playwright.sync_api import Browser, Page, expect

from semantha.config import load_config
from semantha.fsutil import file_sha256
from semantha.service.journal import Journal, journal_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
# Letters for no office: the service puts them into review (samples/README.md).
LETTERS = ("035-none-private.jpg", "036-none-sonstiges-rot90.pdf")
CLERK, PASSWORD = "clerk", "Poststelle-Musterstadt-1"

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def semantha(config: Path, *args: str, stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "semantha", "--config", str(config), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(address, config): the letters in review, a clerk, `semantha serve` running."""
    root = tmp_path_factory.mktemp("station")
    config = embedded_config(root, "dms", "inbox")
    for name in LETTERS:
        shutil.copy(SAMPLES / name, root / "var" / "inbox" / name)
    assert "2 review" in semantha(config, "run", "--once")
    semantha(config, "users", "add", CLERK, "--password-stdin", stdin=PASSWORD + "\n")
    port = free_port()
    log = (root / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "semantha", "--config", str(config), "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(address, server)
        yield address, config
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def wait_until_up(address: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "semantha serve exited"
        try:
            with urllib.request.urlopen(f"{address}/anmelden", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError("semantha serve did not answer within 60 s")


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"\nscreenshots of the review station: {folder}")
    return folder


def shoot(page: Page, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    if extra := os.environ.get("SEMANTHA_SCREENSHOTS"):
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / path.name)


def log_in(page: Page, address: str) -> None:
    page.goto(f"{address}/pruefliste")
    expect(page).to_have_url(f"{address}/anmelden?weiter=%2Fpruefliste")
    page.fill("#name", CLERK)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{address}/pruefliste")


def test_a_clerk_corrects_one_letter_and_confirms_the_other_in_the_browser(
    page: Page,
    browser: Browser,
    browser_context_args: dict[str, Any],
    station: tuple[str, Path],
    screenshots: Path,
) -> None:
    address, config_path = station
    log_in(page, address)
    expect(page.locator("table tbody tr")).to_have_count(2)
    shoot(page, screenshots, "1-pruefliste")

    page.click("text=Erstes Dokument prüfen")
    expect(page.locator("form.decide")).to_be_visible()
    first_url = page.url
    # A colleague at another desk has the same letter open.
    colleague = browser.new_context(**browser_context_args).new_page()
    log_in(colleague, address)
    colleague.goto(first_url)
    image = page.locator(".pages img").first
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 700  # a page at screen resolution
    shoot(page, screenshots, "2-dokument")

    # The correction: another office, a type and an Aktenzeichen; Enter then corrects.
    page.select_option("#department", "32")
    page.select_option("#doctype", "Beschwerde")
    page.fill("#aktenzeichen", "32-2024/0815")
    page.fill("#date", "3.12.2024")
    expect(page.locator("button.approve")).to_be_disabled()
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_have_text("Zugestellt an 32 · Ordnungsamt.")
    assert page.url != first_url  # the next letter opened
    expect(page.locator(".pages img").first).to_have_js_property("complete", True)
    shoot(page, screenshots, "3-naechstes-dokument")

    # The colleague confirms the letter just decided: told so, nothing delivered twice.
    colleague.keyboard.press("Enter")
    expect(colleague.locator("h1")).to_have_text("Schon entschieden")
    expect(colleague.locator("main")).to_contain_text("bereits entschieden")
    colleague.context.close()

    # The second letter with the keyboard alone: 1/2/3 pick a suggestion, Enter approves.
    aktenzeichen = page.input_value("#aktenzeichen")
    page.keyboard.press("2")
    expect(page.locator('button[data-key="2"]')).to_have_attribute("aria-pressed", "true")
    expect(page.locator("form.decide")).to_have_class(re.compile(r"\bchanged\b"))
    expect(page.locator("button.approve")).to_be_disabled()
    page.keyboard.press("1")  # back to Semantha's proposal: for no office
    expect(page.locator('button[data-key="1"]')).to_have_attribute("aria-pressed", "true")
    expect(page.locator("form.decide")).not_to_have_class(re.compile(r"\bchanged\b"))
    expect(page.locator("button.approve")).to_be_enabled()
    assert page.input_value("#aktenzeichen") == aktenzeichen  # the keys typed nothing
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{address}/pruefliste")
    expect(page.locator(".empty")).to_contain_text("Nichts zu prüfen")

    page.click("text=Status")
    expect(page.locator(".tile").nth(3)).to_contain_text("2")
    shoot(page, screenshots, "4-status")

    config = load_config(config_path)
    sha256 = {file_sha256(SAMPLES / name): name for name in LETTERS}
    sidecars = [json.loads(p.read_text()) for p in config.paths.dms_root.rglob("*.json")]
    corrected = [s for s in sidecars if s["department"] == "32"]
    assert len(corrected) == 1, sidecars
    (sidecar,) = corrected
    assert sidecar["method"] == "human" and sidecar["doctype"] == "Beschwerde"
    assert sidecar["fields"]["aktenzeichen"] == "32-2024/0815"
    assert sidecar["fields"]["date"] == "2024-12-03"
    assert sidecar["sha256"] in sha256
    delivered = next(config.paths.dms_root.rglob(sidecar["file"]))
    assert delivered.parent.parent.name == "32-Ordnungsamt"
    assert file_sha256(delivered) == sidecar["sha256"]

    journal = Journal(journal_path(config), readonly=True)
    try:
        decisions = {d.sha256: d for d in journal.decisions()}
        states = {e.sha256: (e.state, e.method) for e in journal.documents()}
    finally:
        journal.close()
    assert set(decisions) == set(sha256)
    assert decisions[sidecar["sha256"]].department == "32"
    assert {d.user for d in decisions.values()} == {CLERK}
    assert set(states.values()) == {("delivered", "human")}

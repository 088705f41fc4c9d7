"""GUI scripts against a real X server (Xvfb) and a real third-party program (zenity).

Templates are captured in the test from the dialog as it renders on this machine,
with the same ``capture_template`` administrators use through ``semantha gui capture``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
import yaml
from Xlib import X
from Xlib import display as xdisplay

from semantha.delivering import gui, x11
from semantha.errors import GuiError
from semantha.rulefiles.guiscripts import KEY_NAMES, GuiScripts

pytestmark = pytest.mark.integration
RULES = Path(__file__).resolve().parents[2] / "rules"

TITLE = "DMS Import – Musterstadt"
FORM = [
    "zenity", "--forms", f"--title={TITLE}", "--text=Dokument importieren",
    "--add-entry=Amt", "--add-entry=Aktenzeichen", "--add-entry=Betreff", "--add-entry=Datei",
]  # fmt: skip
VALUES = {
    "amt": "Kämmerei – Straßenbau Süd",
    "aktenzeichen": "63-602.14/2025",
    "betreff": "Gebühr 1.234,56 € für Überprüfung „Öl“ (ÄÖÜ äöü ß)",
    "datei": "/srv/scan/Bürgeramt/2025-03-01_Maß.pdf",
}


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A private 24-bit X server on a free display number (Xvfb picks and reports it)."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-noreset",
         "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not report a display number"
    return server, f":{number}"


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def xvfb() -> Iterator[str]:
    """DISPLAY points at a private X server for this module (pyautogui binds to it once)."""
    server, name = _start_xvfb()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DISPLAY", name)
        yield name
    _stop(server)


@pytest.fixture
def desktop_with_wm() -> Iterator[str]:
    """Another X server with a window manager (openbox), as on an office desktop."""
    server, name = _start_xvfb()
    wm = subprocess.Popen(
        ["openbox"], env={**os.environ, "DISPLAY": name}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        conn = xdisplay.Display(name)
        check = conn.intern_atom("_NET_SUPPORTING_WM_CHECK")
        deadline = time.monotonic() + 10
        while conn.screen().root.get_full_property(check, 0) is None:
            assert time.monotonic() < deadline, "openbox did not start"
            time.sleep(0.05)
        conn.close()
        yield name
    finally:
        _stop(wm)
        _stop(server)


def _scripts(data: dict[str, object]) -> GuiScripts:
    return GuiScripts.model_validate(data)


def _open_form() -> subprocess.Popen[str]:
    return subprocess.Popen(FORM, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def _window_box(title: str, timeout: float = 10.0) -> tuple[int, int, int, int]:
    """Where the dialog is drawn, found independently of the code under test."""
    conn = xdisplay.Display()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            for window in conn.screen().root.query_tree().children:
                name = window.get_full_property(
                    conn.intern_atom("_NET_WM_NAME"), conn.intern_atom("UTF8_STRING")
                )
                if name and name.value.decode() == title:
                    geo = window.get_geometry()
                    if _drawn(conn, geo.x, geo.y, geo.width, geo.height):
                        return geo.x, geo.y, geo.width, geo.height
            time.sleep(0.05)
    finally:
        conn.close()
    raise AssertionError(f"window {title!r} did not appear")


def _drawn(conn: xdisplay.Display, x: int, y: int, width: int, height: int) -> bool:
    """A window is mapped before it is drawn: its bottom right (the buttons) is one colour
    until the toolkit has painted it, which takes long on a busy machine."""
    corner = conn.screen().root.get_image(
        x + width // 2, y + height // 2, width // 2, height // 2, X.ZPixmap, 0xFFFFFFFF
    )
    pixels = bytes(corner.data)
    return len({pixels[i : i + 4] for i in range(0, len(pixels), 4)}) > 1


@pytest.fixture(scope="module")
def templates(xvfb: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The form's OK button, captured from a first instance of the dialog."""
    folder = tmp_path_factory.mktemp("templates")
    form = _open_form()
    try:
        x, y, width, height = _window_box(TITLE)
        driver = x11.XDriver()
        # the OK button is the bottom-right corner of a zenity dialog
        ok = folder / "ok.png"
        matches = gui.capture_template(driver, (x + width - 100, y + height - 48, 96, 44), ok, 0.9)
        driver.close()
        assert matches == 1
    finally:
        form.kill()
        form.wait()
    return {"ok": ok}


@pytest.fixture
def runner(xvfb: str, templates: dict[str, Path], tmp_path: Path) -> Iterator[gui.GuiRunner]:
    scripts = _scripts(
        {
            "settings": {"step_timeout_s": 10},
            "scripts": {
                "dms-import": {
                    "steps": [
                        {"wait_window": "DMS Import"},
                        {"wait_image": "ok"},
                        {"type": "{amt}"},
                        {"hotkey": "tab"},
                        {"type": "{aktenzeichen}"},
                        {"hotkey": "tab"},
                        {"type": "{betreff}"},
                        {"hotkey": "tab"},
                        {"type": "{datei}"},
                        {"screenshot": "filled"},
                        {"click": "ok"},
                        {"wait_window_closed": "DMS Import"},
                    ]
                },
                "missing-window": {
                    "steps": [{"wait_window": "Gibt es nicht", "timeout_s": 1}],
                },
                "notice": {
                    "steps": [
                        {"start": ["zenity", "--info", "--title=Hinweis {n}", "--text=Fertig"],
                         "window": "Hinweis {n}"},
                        {"hotkey": "enter"},
                        {"wait_window_closed": "Hinweis {n}"},
                    ]
                },
            },
        }
    )  # fmt: skip
    loaded = {name: gui.load_template(path) for name, path in templates.items()}
    runner = gui.GuiRunner(scripts, loaded, tmp_path / "shots")
    yield runner
    runner.close()  # an X connection left to the garbage collector warns in a later test


def test_fills_a_zenity_form_with_german_text_exactly(runner: gui.GuiRunner) -> None:
    form = _open_form()
    try:
        result = runner.run("dms-import", VALUES)
        out, _ = form.communicate(timeout=10)
    finally:
        form.kill()
    assert form.returncode == 0
    assert out.rstrip("\n").split("|") == [
        VALUES["amt"], VALUES["aktenzeichen"], VALUES["betreff"], VALUES["datei"]
    ]  # fmt: skip
    assert result.ok
    assert result.screenshot is not None and result.screenshot.stat().st_size > 0


def test_missing_window_times_out_with_screenshot_and_runner_goes_on(
    runner: gui.GuiRunner, tmp_path: Path
) -> None:
    started = time.monotonic()
    with pytest.raises(GuiError, match="Gibt es nicht") as caught:
        runner.run("missing-window", {})
    assert 1.0 <= time.monotonic() - started < 5.0
    shots = list((tmp_path / "shots").glob("*-missing-window-failed.png"))
    assert len(shots) == 1 and str(shots[0]) in str(caught.value)
    # the next document's script runs normally on the same runner
    assert runner.run("notice", {"n": "1"}).ok


def test_start_launches_a_program_and_waits_for_its_window(runner: gui.GuiRunner) -> None:
    runner.run("notice", {"n": "2"})
    conn = xdisplay.Display()
    try:
        titles = [w.get_wm_name() for w in conn.screen().root.query_tree().children]
    finally:
        conn.close()
    assert not any("Hinweis 2" in str(t) for t in titles)


def test_failsafe_corner_stops_the_script(runner: gui.GuiRunner, tmp_path: Path) -> None:
    conn = xdisplay.Display()
    root = conn.screen().root
    root.warp_pointer(0, 0)
    conn.sync()
    form = _open_form()
    try:
        with pytest.raises(GuiError, match="fail-safe"):
            runner.run("dms-import", VALUES)
    finally:
        root.warp_pointer(640, 400)
        conn.sync()
        conn.close()
        form.kill()
        form.wait()
    assert list((tmp_path / "shots").glob("*-dms-import-failed.png"))


def test_every_hotkey_name_exists_on_the_x_keyboard(xvfb: str) -> None:
    import pyautogui

    names = [x11.PYAUTOGUI_KEYS.get(k, k) for k in KEY_NAMES]
    assert [k for k in names if not pyautogui.isValidKey(k)] == []


def test_check_display_accepts_the_server(xvfb: str) -> None:
    x11.check_display()
    assert "24-bit" in x11.display_summary()


def test_more_special_characters_than_spare_keys(runner: gui.GuiRunner, tmp_path: Path) -> None:
    # Greek and Cyrillic letters are not on the keyboard: each needs a spare key code,
    # and there are fewer spare codes than letters, so codes are bound again in turn.
    text = "Straße " + "αβγδεζηθικλμνξοπρστυφχψω" + " Щука Жёлудь " + "ÄÖÜ€ äöüß"
    scripts = _scripts(
        {"scripts": {"entry": {"steps": [
            {"wait_window": "Eingabe"}, {"wait_image": "ok"}, {"type": "{text}"},
            {"click": "ok"}, {"wait_window_closed": "Eingabe"},
        ]}}}
    )  # fmt: skip
    entry_runner = gui.GuiRunner(scripts, runner.templates, tmp_path / "shots")
    dialog = subprocess.Popen(
        ["zenity", "--entry", "--title=Eingabe", "--text=Text"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        entry_runner.run("entry", {"text": text})
        out, _ = dialog.communicate(timeout=10)
    finally:
        entry_runner.close()
        dialog.kill()
    assert out.rstrip("\n") == text


def _project(tmp_path: Path, gui_yaml: str) -> Path:
    """A config.yaml whose rules hold ``gui_yaml`` and the shipped template pictures."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "gui.yaml").write_text(gui_yaml, encoding="utf-8")
    (tmp_path / "rules" / "gui_templates").symlink_to(RULES / "gui_templates")
    folders = ("inbox", "work", "dms_root", "review", "quarantine", "archive")
    config = tmp_path / "config.yaml"
    config.write_text(
        "paths:\n" + "".join(f"  {name}: var/{name}\n" for name in folders) + "rules_dir: rules\n",
        encoding="utf-8",
    )
    return config


def _gui_run(
    config: Path, script: str, values: dict[str, str], display: str
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "semantha", "--config", str(config), "gui", "run", script]
    command += [arg for key, value in values.items() for arg in ("--value", f"{key}={value}")]
    env = {**os.environ, "DISPLAY": display}
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)


@pytest.mark.slow
def test_shipped_example_runs_through_the_command_line(xvfb: str, tmp_path: Path) -> None:
    text = (RULES / "gui.yaml").read_text(encoding="utf-8")
    example = text[text.index("# scripts:") :].splitlines()
    config = _project(tmp_path, "\n".join(line.removeprefix("# ") for line in example))
    values = {
        "department": "Amt 63 – Baurechtsamt",
        "aktenzeichen": "63-602.14/2025",
        "subject": "Bauantrag Grünstraße 5",
        "date": "2025-03-01",
    }
    done = _gui_run(config, "dms-import", values, xvfb)
    assert done.returncode == 0, done.stderr
    assert "12 steps" in done.stdout
    assert len(list((tmp_path / "var" / "work" / "screenshots").glob("*-filled.png"))) == 1


@pytest.mark.slow
def test_under_a_window_manager(desktop_with_wm: str, tmp_path: Path) -> None:
    form = " ".join(f"'{arg}'" for arg in FORM[:-1])  # without the last field
    script = {
        "scripts": {
            "form": {
                "steps": [
                    {"start": ["sh", "-c", f'exec {form} > "$0"', "{out}"], "window": "DMS Import"},
                    {"wait_image": "zenity_ok"},
                    {"type": "{amt}"},
                    {"hotkey": "tab"},
                    {"type": "{aktenzeichen}"},
                    {"hotkey": "tab"},
                    {"type": "{betreff}"},
                    {"click": "zenity_ok"},
                    {"wait_window_closed": "DMS Import"},
                ]
            }
        }
    }
    config = _project(tmp_path, yaml.safe_dump(script, allow_unicode=True))
    out = tmp_path / "zenity.out"
    values = {k: VALUES[k] for k in ("amt", "aktenzeichen", "betreff")}
    done = _gui_run(config, "form", {**values, "out": str(out)}, desktop_with_wm)
    assert done.returncode == 0, done.stderr
    deadline = time.monotonic() + 5
    while not out.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.05)  # zenity writes after its window has closed
    assert out.read_text(encoding="utf-8").rstrip("\n").split("|") == list(values.values())


def _read_until(stream: IO[bytes], marker: bytes) -> None:
    seen = b""
    while marker not in seen:
        chunk = os.read(stream.fileno(), 256)
        assert chunk, f"the command ended before asking; it said: {seen!r}"
        seen += chunk


@pytest.mark.slow
def test_capture_by_pointing_at_two_corners(xvfb: str, tmp_path: Path) -> None:
    config = _project(tmp_path, "scripts: {}\n")
    out = tmp_path / "captured"
    form = _open_form()
    conn = xdisplay.Display()
    try:
        x, y, width, height = _window_box(TITLE)
        command = [sys.executable, "-m", "semantha", "--config", str(config), "gui", "capture"]
        capture = subprocess.Popen(
            [*command, "ok_button", "--out", str(out)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert capture.stdin is not None and capture.stdout is not None
        for corner in ((x + width - 100, y + height - 48), (x + width - 4, y + height - 4)):
            _read_until(capture.stdout, b"press Enter")
            conn.screen().root.warp_pointer(*corner)
            conn.sync()
            capture.stdin.write(b"\n")
            capture.stdin.flush()
        said, errors = capture.communicate(timeout=30)
    finally:
        conn.close()
        form.kill()
        form.wait()
    assert capture.returncode == 0, errors.decode()
    assert b"unique on screen" in said
    assert gui.load_template(out / "ok_button.png").shape == (44, 96)


def test_a_missing_program_is_reported(runner: gui.GuiRunner, tmp_path: Path) -> None:
    scripts = _scripts({"scripts": {"s": {"steps": [{"start": ["/opt/kein-dms/client"]}]}}})
    missing = gui.GuiRunner(scripts, {}, tmp_path / "shots")
    with pytest.raises(GuiError, match=r"cannot start /opt/kein-dms/client: No such file"):
        missing.run("s", {})
    assert list((tmp_path / "shots").glob("*-s-failed.png"))

"""GUI scripts: loading rules/gui.yaml, the runner on a recording driver, template matching,
the X11 driver's display check and key symbols."""

from __future__ import annotations

import fcntl
import textwrap
from pathlib import Path

import numpy as np
import pytest
from guidrivers import RecordingDriver
from PIL import Image
from structlog.testing import capture_logs

from semantha.cli import main
from semantha.delivering import gui, x11
from semantha.delivering.screen import Driver, Window, find_template
from semantha.errors import ConfigError, EnvironmentCheckError, GuiError
from semantha.rulefiles.guiscripts import GuiScripts, load_gui_scripts, placeholders

RNG_SEED = 7


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def noise(width: int, height: int, seed: int = RNG_SEED) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (height, width), dtype=np.uint8)


def screen_with(patch: np.ndarray, *at: tuple[int, int], seed: int = 1) -> Image.Image:
    """A textured 400x300 screen showing ``patch`` at each (x, y) in ``at``."""
    pixels = noise(400, 300, seed)
    for x, y in at:
        pixels[y : y + patch.shape[0], x : x + patch.shape[1]] = patch
    return Image.fromarray(pixels).convert("RGB")


BUTTON = noise(40, 20, seed=99)


def make_runner(
    steps: list[dict[str, object]],
    driver: RecordingDriver,
    tmp_path: Path,
    **settings: object,
) -> tuple[gui.GuiRunner, FakeClock]:
    scripts = GuiScripts.model_validate(
        {"settings": {"step_timeout_s": 2, **settings}, "scripts": {"s": {"steps": steps}}}
    )
    clock = FakeClock()
    runner = gui.GuiRunner(
        scripts, {"ok": BUTTON}, tmp_path / "shots", lambda: driver, clock, clock.sleep
    )
    return runner, clock


# --------------------------------------------------------------------------- gui.yaml


def write_rules(tmp_path: Path, text: str, templates: tuple[str, ...] = ("ok",)) -> Path:
    (tmp_path / "gui.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    folder = tmp_path / "gui_templates"
    folder.mkdir(exist_ok=True)
    for name in templates:
        Image.fromarray(BUTTON).save(folder / f"{name}.png")
    return tmp_path


VALID = """\
    settings:
      step_timeout_s: 5
    scripts:
      dms-import:
        description: Akte anlegen
        steps:
          - start: [dms-client, --import, "{file}"]
            window: "DMS – {aktenzeichen}"
          - click: ok
            offset: [10, 0]
          - type: "{subject} ({date})"
          - hotkey: ctrl+S
            times: 2
          - wait_image: ok
            timeout_s: 30
          - wait_window_closed: Import
          - screenshot: imported
"""


def test_valid_file_loads_with_needed_values_and_templates(tmp_path: Path) -> None:
    scripts = load_gui_scripts(write_rules(tmp_path, VALID))
    script = scripts.scripts["dms-import"]
    assert script.needs == {"file", "aktenzeichen", "subject", "date"}
    assert script.templates == {"ok"}
    assert scripts.settings.step_timeout_s == 5
    assert script.steps[3].keys == ("ctrl", "s")  # type: ignore[union-attr]


def test_runner_is_none_without_file_or_scripts(tmp_path: Path) -> None:
    assert gui.load_runner(tmp_path, tmp_path / "shots") is None
    write_rules(tmp_path, "scripts: {}\n")
    assert gui.load_runner(tmp_path, tmp_path / "shots") is None
    write_rules(tmp_path, VALID)
    runner = gui.load_runner(tmp_path, tmp_path / "shots")
    assert runner is not None and set(runner.templates) == {"ok"}


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (["- click: ok", "  bogus: 1"], ":8:9: scripts.x.steps.1.bogus: unknown key"),
        (["- hotkey: ctrl+hyper"], ":7:9: scripts.x.steps.1.hotkey: Value error, unknown key"),
        (["- click: missing"], ":7:9: scripts.x.steps.1.click: Value error, template image"),
        (["- click: ok", "  type: x"], ":7:9: scripts.x.steps.1: a step is a mapping"),
        (["- type: '{a.b}'"], ":7:9: scripts.x.steps.1.type: Value error, placeholder"),
        (["- type: 'x {'"], "literal braces"),
        (["- wait_window: 'Akte {az!r}'"], "must be a plain name"),
        (["- click: ok", "  timeout_s: -1"], ":8:9: scripts.x.steps.1.timeout_s: Input should be"),
        (["- {}"], "scripts.x.steps.1: a step is a mapping with exactly one of: start,"),
    ],
)
def test_errors_name_file_line_and_column(tmp_path: Path, step: list[str], expected: str) -> None:
    lines = ["settings:", "  step_timeout_s: 5", "scripts:", "  x:", "    steps:"]
    lines += ["      - screenshot: before", *(f"      {line}" for line in step)]
    rules = write_rules(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(ConfigError) as caught:
        load_gui_scripts(rules)
    assert f"{rules / 'gui.yaml'}{expected}" in caught.value.message or (
        not expected.startswith(":") and expected in caught.value.message
    )


def test_a_flat_template_is_refused(tmp_path: Path) -> None:
    rules = write_rules(tmp_path, VALID)
    Image.new("L", (30, 10), 200).save(rules / "gui_templates" / "ok.png")
    with pytest.raises(ConfigError, match="one plain colour"):
        gui.load_runner(rules, tmp_path / "shots")


def test_placeholders_are_plain_names() -> None:
    assert placeholders("Az. {aktenzeichen} vom {date}, {{wörtlich}}") == {"aktenzeichen", "date"}
    with pytest.raises(ValueError, match="plain name"):
        placeholders("{subject:>10}")


# --------------------------------------------------------------------------- runner


def test_click_hits_the_centre_of_the_unique_template(tmp_path: Path) -> None:
    driver = RecordingDriver([screen_with(BUTTON, (200, 100))])
    runner, _ = make_runner(
        [{"click": "ok"}, {"click": "ok", "offset": [-30, 5], "clicks": 2}], driver, tmp_path
    )
    result = runner.run("s", {})
    assert driver.calls == [("click", 220, 110, "left", 1), ("click", 190, 115, "left", 2)]
    assert result.ok and result.screenshot is None


def test_waits_until_the_template_appears(tmp_path: Path) -> None:
    empty = screen_with(BUTTON)
    driver = RecordingDriver([empty, empty, empty, screen_with(BUTTON, (50, 60))])
    runner, clock = make_runner([{"wait_image": "ok"}, {"click": "ok"}], driver, tmp_path)
    runner.run("s", {})
    assert driver.calls == [("click", 70, 70, "left", 1)]
    assert clock.now == pytest.approx(0.3)  # three polls of 0.1 s


def test_two_matches_are_an_error_after_the_step_timeout(tmp_path: Path) -> None:
    driver = RecordingDriver([screen_with(BUTTON, (10, 10), (300, 200))])
    runner, clock = make_runner([{"click": "ok", "timeout_s": 1.5}], driver, tmp_path)
    with capture_logs() as logs, pytest.raises(GuiError, match="2 time") as caught:
        runner.run("s", {})
    assert [e["error"] for e in logs if e["event"] == "gui.failed"] == ["timeout"]
    assert driver.calls == []
    assert clock.now == pytest.approx(1.5)
    shots = list((tmp_path / "shots").glob("*-s-failed.png"))
    assert len(shots) == 1 and str(shots[0]) in caught.value.message
    assert caught.value.exit_code == 14


def test_script_timeout_bounds_all_steps(tmp_path: Path) -> None:
    driver = RecordingDriver([screen_with(BUTTON)])
    steps: list[dict[str, object]] = [{"wait_image": "ok", "timeout_s": 60}]
    runner, clock = make_runner(steps, driver, tmp_path, script_timeout_s=3)
    with pytest.raises(GuiError, match="step 1 \\(wait_image\\)"):
        runner.run("s", {})
    assert clock.now == pytest.approx(3.0)


def test_values_are_typed_without_control_characters(tmp_path: Path) -> None:
    driver = RecordingDriver()
    runner, _ = make_runner(
        [{"type": "Az. {az}: {subject}"}, {"hotkey": "tab", "times": 3}], driver, tmp_path
    )
    runner.run("s", {"az": "63-602.14/2025", "subject": "Bauantrag\nStraße\t€ 5"})
    assert driver.calls == [
        ("type", "Az. 63-602.14/2025: Bauantrag Straße € 5"),
        *[("hotkey", "tab")] * 3,
    ]


def test_missing_values_fail_before_any_action(tmp_path: Path) -> None:
    driver = RecordingDriver()
    runner, _ = make_runner([{"hotkey": "enter"}, {"type": "{az} {date}"}], driver, tmp_path)
    with pytest.raises(GuiError, match="values missing: az, date"):
        runner.run("s", {"subject": "x"})
    assert driver.calls == []


def test_unknown_script_is_a_gui_error(tmp_path: Path) -> None:
    runner, _ = make_runner([{"hotkey": "enter"}], RecordingDriver(), tmp_path)
    with pytest.raises(GuiError, match="no script named 'nope'"):
        runner.run("nope", {})


def test_start_focuses_a_running_program_instead_of_starting_it(tmp_path: Path) -> None:
    window = Window(1, "DMS – Akte 63-602.14/2025")
    driver = RecordingDriver(windows=[window])
    step: dict[str, object] = {"start": ["dms", "{az}"], "window": "Akte {az}"}
    runner, _ = make_runner([step], driver, tmp_path)
    runner.run("s", {"az": "63-602.14/2025"})
    assert driver.calls == [("focus", window.title)]


def test_start_launches_and_waits_for_the_window(tmp_path: Path) -> None:
    driver = RecordingDriver()
    driver.on_launch = lambda command: driver.windows_open.append(Window(2, "DMS Client"))
    steps: list[dict[str, object]] = [
        {"start": ["dms-client", "--file", "{file}"], "window": "DMS"}
    ]
    runner, _ = make_runner(steps, driver, tmp_path)
    runner.run("s", {"file": "/srv/Bürger amt/a.pdf"})
    assert driver.calls == [
        ("launch", "dms-client", "--file", "/srv/Bürger amt/a.pdf"),
        ("focus", "DMS Client"),
    ]


def test_two_windows_with_the_title_are_ambiguous(tmp_path: Path) -> None:
    windows = [Window(1, "Import"), Window(2, "Import (2)")]
    runner, _ = make_runner([{"wait_window": "Import"}], RecordingDriver(windows=windows), tmp_path)
    with pytest.raises(GuiError, match="2 window"):
        runner.run("s", {})


def test_window_closed_waits_until_it_is_gone(tmp_path: Path) -> None:
    driver = RecordingDriver(windows=[Window(1, "Import läuft")])
    runner, _ = make_runner([{"wait_window_closed": "Import"}], driver, tmp_path)
    with pytest.raises(GuiError, match="still open"):
        runner.run("s", {})
    driver.windows_open.clear()
    assert runner.run("s", {}).ok


def test_screenshot_steps_are_kept_for_the_audit_trail(tmp_path: Path) -> None:
    driver = RecordingDriver([screen_with(BUTTON, (5, 5))])
    runner, _ = make_runner(
        [{"screenshot": "before"}, {"click": "ok"}, {"screenshot": "after"}], driver, tmp_path
    )
    result = runner.run("s", {})
    assert result.screenshot is not None and result.screenshot.name.endswith("-s-after.png")
    assert len(list((tmp_path / "shots").glob("*.png"))) == 2
    with Image.open(result.screenshot) as saved:
        assert saved.size == (400, 300)


def test_any_driver_failure_becomes_gui_error_and_the_driver_is_renewed(tmp_path: Path) -> None:
    class Broken(RecordingDriver):
        def hotkey(self, keys: object) -> None:
            raise OSError("X connection lost")

    made: list[RecordingDriver] = []

    def factory() -> Driver:
        made.append(Broken() if not made else RecordingDriver())
        return made[-1]

    scripts = GuiScripts.model_validate({"scripts": {"s": {"steps": [{"hotkey": "enter"}]}}})
    runner = gui.GuiRunner(scripts, {}, tmp_path / "shots", factory)
    with capture_logs() as logs, pytest.raises(GuiError, match="OSError: X connection lost"):
        runner.run("s", {"secret": "Frau Müller"})
    assert runner.run("s", {}).ok
    assert len(made) == 2 and made[1].calls == [("hotkey", "enter")]
    assert made[0].closed and not made[1].closed  # the lost connection was let go
    runner.close()
    assert made[1].closed
    failed = [e for e in logs if e["event"] == "gui.failed"]
    assert failed and failed[0]["step"] == 1 and "Müller" not in repr(logs)


def test_no_display_is_a_gui_error_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    scripts = GuiScripts.model_validate({"scripts": {"s": {"steps": [{"hotkey": "enter"}]}}})
    runner = gui.GuiRunner(scripts, {}, tmp_path / "shots")
    with pytest.raises(GuiError, match=r"DISPLAY is not set.*nothing was done on screen"):
        runner.run("s", {})


def test_one_script_at_a_time_on_the_desktop(tmp_path: Path) -> None:
    driver = RecordingDriver()
    runner, clock = make_runner([{"hotkey": "enter"}], driver, tmp_path, script_timeout_s=2)
    (tmp_path / "shots").mkdir()
    with (tmp_path / "shots" / gui.LOCK_FILE).open("w") as other:
        fcntl.flock(other, fcntl.LOCK_EX)  # another worker process plays a script
        with pytest.raises(GuiError, match="busy"):
            runner.run("s", {})
        assert driver.calls == [] and clock.now == pytest.approx(2.0)
    assert runner.run("s", {}).ok


# --------------------------------------------------------------------------- display, keys


def test_check_display_without_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    with pytest.raises(EnvironmentCheckError, match="DISPLAY is not set"):
        x11.check_display()


def test_check_display_with_a_dead_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":987")
    with pytest.raises(EnvironmentCheckError, match="cannot open X display :987"):
        x11.check_display()


def test_gui_check_command_exit_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    assert main(["gui", "check"]) == 4
    assert "DISPLAY" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["gui", "capture", "ok", "--region", "1,2,3"],
        ["gui", "capture", "ok", "--region", "a,b,c,d"],
        ["gui", "run", "s", "--value", "no-equals-sign"],
        ["gui", "run", "s", "--value", "=x"],
    ],
)
def test_command_line_rejects_malformed_arguments(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "expected" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("char", "keysym"), [("a", 0x61), ("ä", 0xE4), ("Ö", 0xD6), ("ß", 0xDF), ("€", 0x10020AC)]
)
def test_keysyms_of_german_characters(char: str, keysym: int) -> None:
    assert x11._keysym(char) == keysym


def test_keys_bound_earlier_are_recognised_and_real_keys_are_not() -> None:
    euro = x11._keysym("€")
    assert x11._char(euro) == "€" and x11._char(0xFF0D) is None  # Return is no character
    assert x11._ours((euro, euro, euro, euro, 0, 0, 0))  # as the X server reports it back
    assert not x11._ours((0x61, 0x41, 0x61, 0x41, 0, 0, 0))  # a / A
    assert not x11._ours((0xFE03, 0, 0xFE03, 0, 0, 0, 0))  # AltGr
    assert not x11._ours((0, 0, 0, 0, 0, 0, 0))


# --------------------------------------------------------------------------- templates


def test_find_template_unique_many_and_none() -> None:
    screen = np.asarray(screen_with(BUTTON, (30, 40)).convert("L"))
    assert find_template(screen, BUTTON, 0.9) == [(30, 40, 40, 20)]
    twice = np.asarray(screen_with(BUTTON, (30, 40), (200, 200)).convert("L"))
    assert sorted(find_template(twice, BUTTON, 0.9)) == [
        (30, 40, 40, 20),
        (200, 200, 40, 20),
    ]
    assert find_template(np.asarray(screen_with(BUTTON).convert("L")), BUTTON, 0.9) == []
    assert find_template(screen, np.full((10, 10), 128, np.uint8), 0.5) == []


def test_capture_saves_the_region_and_counts_matches(tmp_path: Path) -> None:
    driver = RecordingDriver([screen_with(BUTTON, (100, 50))])
    path = tmp_path / "t" / "ok.png"
    assert gui.capture_template(driver, (100, 50, 40, 20), path, 0.9) == 1
    assert np.array_equal(gui.load_template(path), BUTTON)
    with pytest.raises(GuiError, match="leaves the 400x300 screen"):
        gui.capture_template(driver, (390, 50, 40, 20), path, 0.9)
    flat = RecordingDriver([Image.new("RGB", (400, 300), "white")])
    with pytest.raises(GuiError, match="plain colour"):
        gui.capture_template(flat, (0, 0, 40, 20), path, 0.9)


# --------------------------------------------------------------------------- shipped rules

RULES = Path(__file__).resolve().parents[2] / "rules"


def test_shipped_gui_yaml_needs_no_display_and_its_example_is_valid(tmp_path: Path) -> None:
    assert gui.load_runner(RULES, tmp_path / "shots") is None
    text = (RULES / "gui.yaml").read_text(encoding="utf-8")
    example = text[text.index("# scripts:") :].splitlines()
    (tmp_path / "gui.yaml").write_text(
        "\n".join(line.removeprefix("# ") for line in example), encoding="utf-8"
    )
    (tmp_path / "gui_templates").symlink_to(RULES / "gui_templates")
    runner = gui.load_runner(tmp_path, tmp_path / "shots")
    assert runner is not None
    assert runner.scripts.scripts["dms-import"].needs == {
        "department", "aktenzeichen", "subject", "date"
    }  # fmt: skip

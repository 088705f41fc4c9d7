"""Drive a DMS client's window like a careful clerk: wait, check, act, keep evidence.

``GuiRunner.run`` plays one script of rules/gui.yaml with the values a route passes.
Before every action it waits (with a timeout) until the element is there exactly
once: a window by title or an image template on screen; it never clicks on fixed
coordinates. Any failure stops the script, saves a screenshot and raises GuiError,
so the document goes to review instead of being delivered half or twice.
The desktop itself is driven through ``screen.Driver`` (``x11.XDriver`` by default).
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import numpy as np
import structlog
from PIL import Image

from semantha.delivering.screen import Box, Driver, Window, find_template
from semantha.delivering.x11 import XDriver
from semantha.errors import ConfigError, EnvironmentCheckError, GuiError
from semantha.records import GrayImage
from semantha.rulefiles.guiscripts import (
    STEP_KINDS,
    ClickStep,
    GuiScripts,
    HotkeyStep,
    ScreenshotStep,
    Script,
    StartStep,
    Step,
    TypeStep,
    WaitImageStep,
    WaitWindowClosedStep,
    WaitWindowStep,
    load_gui_scripts,
    templates_dir,
)

log = structlog.get_logger(__name__)

T = TypeVar("T")

LOCK_FILE = ".gui.lock"
MATCH_LIMIT = 10  # more matches than this are not counted: one is wanted


@dataclass(frozen=True)
class GuiResult:
    ok: bool
    detail: str
    screenshot: Path | None = None


# --------------------------------------------------------------------------- templates


def gray(image: Image.Image) -> GrayImage:
    return np.asarray(image.convert("L"), dtype=np.uint8)


def load_template(path: Path) -> GrayImage:
    """A template image as gray pixels; ConfigError if unreadable or of one colour."""
    try:
        with Image.open(path) as image:
            pixels = gray(image)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read template image: {exc}", "capture it again") from exc
    if float(pixels.std()) == 0.0:
        raise ConfigError(
            f"{path}: template is one plain colour and would match anywhere",
            "capture a region with text or an edge in it",
        )
    return pixels


def capture_template(driver: Driver, region: Box, path: Path, confidence: float) -> int:
    """Save ``region`` (x, y, w, h) of the screen as a template; return its matches now."""
    screen = driver.screen()
    x, y, width, height = region
    if width < 4 or height < 4 or x < 0 or y < 0:
        raise GuiError(f"region {region} is too small", "choose at least 4x4 pixels on screen")
    if x + width > screen.width or y + height > screen.height:
        raise GuiError(
            f"region {region} leaves the {screen.width}x{screen.height} screen",
            "choose a region inside the screen",
        )
    crop = screen.crop((x, y, x + width, y + height))
    pixels = gray(crop)
    if float(pixels.std()) == 0.0:
        raise GuiError(
            "the region is one plain colour", "choose a region with text or an edge in it"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    crop.save(path, format="PNG")
    return len(find_template(gray(screen), pixels, confidence, MATCH_LIMIT))


# --------------------------------------------------------------------------- runner


def _render(text: str, values: Mapping[str, str]) -> str:
    # Values come from scanned mail: a line break must never press Enter in a dialog.
    clean = {k: "".join(" " if ord(c) < 0x20 or ord(c) == 0x7F else c for c in v)
             for k, v in values.items()}  # fmt: skip
    return text.format_map(clean)


class _StepError(Exception):
    """A step did not succeed; ``run`` turns it into GuiError with a screenshot."""

    def __init__(self, code: str, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.code = code  # logged instead of the reason, which may quote values
        self.reason = reason
        self.hint = hint


class GuiRunner:
    """Plays the scripts of rules/gui.yaml, one at a time across threads and processes."""

    def __init__(
        self,
        scripts: GuiScripts,
        templates: Mapping[str, GrayImage],
        screenshot_dir: Path,
        driver_factory: Callable[[], Driver] = XDriver,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.scripts = scripts
        self.templates = dict(templates)
        self.screenshot_dir = screenshot_dir
        self._driver_factory = driver_factory
        self._driver: Driver | None = None
        self._clock = clock
        self._sleep = sleep
        self._deadline = 0.0
        self._shots: list[Path] = []

    def run(self, script: str, values: Mapping[str, str]) -> GuiResult:
        """Play ``script``; GuiResult on success, GuiError (after a screenshot) otherwise."""
        with self._exclusive(script):
            return self._play(script, values)

    def _play(self, script: str, values: Mapping[str, str]) -> GuiResult:
        started = self._clock()
        bound = log.bind(script=script)
        step_no, kind = 0, "prepare"
        self._shots = []
        try:
            plan = self._prepare(script, values)
            self._deadline = self._clock() + self.scripts.settings.script_timeout_s
            for step_no, step in enumerate(plan.steps, start=1):
                kind = _kind(step)
                bound.debug("gui.step", step=step_no, kind=kind)
                self._step(script, step, values)
        except Exception as exc:
            reason, hint = _explain(exc)
            shot = self._failure_screenshot(script)
            self._disconnect()  # reconnect next time: the display may have gone
            code = exc.code if isinstance(exc, _StepError) else type(exc).__name__
            bound.warning("gui.failed", step=step_no, kind=kind, error=code, screenshot=str(shot))
            if shot is not None:
                saved = f"screenshot {shot}"
            elif step_no == 0:
                saved = "nothing was done on screen"
            else:
                saved = "no screenshot could be taken"
            raise GuiError(
                f"GUI script {script!r} failed at step {step_no} ({kind}): {reason}; {saved}",
                hint,
            ) from exc
        elapsed = self._clock() - started
        bound.info("gui.done", steps=step_no, seconds=round(elapsed, 2))
        last = self._shots[-1] if self._shots else None
        return GuiResult(True, f"GUI script {script}: {step_no} steps in {elapsed:.1f} s", last)

    def _prepare(self, name: str, values: Mapping[str, str]) -> Script:
        script = self.scripts.scripts.get(name)
        if script is None:
            raise _StepError(
                "unknown_script", f"no script named {name!r} in gui.yaml", "add it or fix the route"
            )
        missing = sorted(script.needs - values.keys())
        if missing:
            raise _StepError(
                "missing_values",
                f"values missing: {', '.join(missing)}",
                "pass them in the route's gui action under 'values'",
            )
        if self._driver is None:
            self._driver = self._driver_factory()
        return script

    @contextmanager
    def _exclusive(self, script: str) -> Iterator[None]:
        """One script at a time on the desktop, whichever thread or process asks."""
        self.screenshot_dir.mkdir(parents=True, exist_ok=True)
        with (self.screenshot_dir / LOCK_FILE).open("w") as handle:
            deadline = self._clock() + self.scripts.settings.script_timeout_s
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if self._clock() >= deadline:
                        log.warning("gui.failed", script=script, step=0, error="busy")
                        raise GuiError(
                            f"GUI script {script!r} not started: another script kept the "
                            "desktop busy too long; nothing was done on screen",
                            "check that the DMS client is not stuck",
                        ) from None
                    self._sleep(self.scripts.settings.poll_interval_s)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def close(self) -> None:
        """Let go of the desktop; the next script connects again."""
        self._disconnect()

    def _disconnect(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    @property
    def driver(self) -> Driver:
        assert self._driver is not None  # set by _prepare before any step
        return self._driver

    def _step(self, script: str, step: Step, values: Mapping[str, str]) -> None:
        match step:
            case StartStep():
                self._start(step, values)
            case WaitWindowStep():
                self._focus(_render(step.wait_window, values), step.timeout_s)
            case WaitWindowClosedStep():
                title = _render(step.wait_window_closed, values)
                self._wait(
                    f"window {title!r} still open",
                    lambda: True if not self._matching(title) else None,
                    step.timeout_s,
                )
            case WaitImageStep():
                self._find(step.wait_image, step.confidence, step.timeout_s)
            case ClickStep():
                x, y, width, height = self._find(step.click, step.confidence, step.timeout_s)
                dx, dy = step.offset
                self.driver.click(
                    x + width // 2 + dx, y + height // 2 + dy, step.button, step.clicks
                )
            case TypeStep():
                self.driver.type_text(_render(step.type, values))
            case HotkeyStep():
                for _ in range(step.times):
                    self.driver.hotkey(step.keys)
            case ScreenshotStep():
                self._shots.append(self._save_screen(script, step.screenshot))

    def _start(self, step: StartStep, values: Mapping[str, str]) -> None:
        title = _render(step.window, values) if step.window is not None else None
        if title is not None and len(self._matching(title)) == 1:
            self._focus(title, step.timeout_s)  # already running: just bring it to the front
            return
        self.driver.launch([_render(arg, values) for arg in step.start])
        if title is not None:
            self._focus(title, step.timeout_s)

    def _matching(self, title: str) -> list[Window]:
        return [w for w in self.driver.windows() if title in w.title]

    def _focus(self, title: str, timeout: float | None) -> None:
        seen: list[int] = []

        def probe() -> bool | None:
            found = self._matching(title)
            seen.append(len(found))
            return True if len(found) == 1 and self.driver.focus(found[0]) else None

        self._wait(
            f"window {title!r} not found exactly once and focused",
            probe,
            timeout,
            lambda: f"{seen[-1] if seen else 0} window(s) matched",
        )

    def _find(self, template: str, confidence: float | None, timeout: float | None) -> Box:
        needle = self.templates[template]
        level = confidence or self.scripts.settings.confidence
        counts: list[int] = []

        def probe() -> Box | None:
            boxes = find_template(gray(self.driver.screen()), needle, level)
            counts.append(len(boxes))
            return boxes[0] if len(boxes) == 1 else None

        return self._wait(
            f"template {template!r} not on screen exactly once",
            probe,
            timeout,
            lambda: f"last seen {counts[-1] if counts else 0} time(s) at confidence {level}",
        )

    def _wait(
        self,
        what: str,
        probe: Callable[[], T | None],
        timeout: float | None,
        last: Callable[[], str] = lambda: "",
    ) -> T:
        """Poll ``probe`` until it gives a result, the step's or the script's time is up."""
        limit = timeout or self.scripts.settings.step_timeout_s
        deadline = min(self._clock() + limit, self._deadline)
        while True:
            result = probe()
            if result is not None:
                return result
            if self._clock() >= deadline:
                detail = f" ({last()})" if last() else ""
                raise _StepError(
                    "timeout",
                    f"{what} within {limit:g} s{detail}",
                    "compare the screenshot with the script; recapture changed templates",
                )
            self._sleep(self.scripts.settings.poll_interval_s)

    def _save_screen(self, script: str, label: str) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = self.screenshot_dir / f"{stamp}-{script}-{label}.png"
        self.driver.screen().save(path, format="PNG")
        return path

    def _failure_screenshot(self, script: str) -> Path | None:
        if self._driver is None:
            return None
        try:
            return self._save_screen(script, "failed")
        except Exception as exc:  # the display may be gone; the GuiError says so
            log.warning("gui.screenshot_failed", script=script, error=type(exc).__name__)
            return None


def _kind(step: Step) -> str:
    return next(name for name, cls in STEP_KINDS.items() if isinstance(step, cls))


def _explain(exc: Exception) -> tuple[str, str]:
    """Reason and hint for any failure inside a script, including third-party errors."""
    if isinstance(exc, _StepError):
        return exc.reason, exc.hint
    if isinstance(exc, GuiError | EnvironmentCheckError):
        return exc.message, exc.hint
    if type(exc).__name__ == "FailSafeException":
        return (
            "stopped by the fail-safe: the pointer is in a corner of the screen",
            "move the pointer away from the corner once the desktop is safe to use",
        )
    return f"{type(exc).__name__}: {exc}", "check the display and the DMS client, then retry"


def load_runner(rules_dir: Path, screenshot_dir: Path) -> GuiRunner | None:
    """The runner for rules/gui.yaml, or None when it defines no scripts."""
    scripts = load_gui_scripts(rules_dir)
    if not scripts.scripts:
        return None
    folder = templates_dir(rules_dir, scripts.settings)
    names = sorted(set().union(*(script.templates for script in scripts.scripts.values())))
    templates = {name: load_template(folder / f"{name}.png") for name in names}
    return GuiRunner(scripts, templates, screenshot_dir)

"""Drive a DMS client's window like a careful clerk: wait, check, act, keep evidence.

``GuiRunner.run`` plays one script of rules/gui.yaml with the values a route passes.
Before every action it waits (with a timeout) until the element is there exactly
once: a window by title or an image template on screen; it never clicks on fixed
coordinates. Any failure stops the script, saves a screenshot and raises GuiError,
so the document goes to review instead of being delivered half or twice.

The X11 driver uses pyautogui for pointer and hotkeys (its fail-safe stays on:
pointer in a screen corner stops everything) and python-xlib for windows and typing:
pyautogui's ``write`` drops characters like ä, ß and €, so text is typed by binding
each missing character to a spare key code first. Both are imported lazily because
importing pyautogui without a display fails.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
import structlog
from PIL import Image

from semantha.errors import ConfigError, EnvironmentCheckError, GuiError
from semantha.reading import imaging
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
Box = tuple[int, int, int, int]

# Characters bound to spare key codes when typing starts, so that the client
# programs have long seen the new keyboard map before the first of them is typed.
PREMAPPED = "äöüÄÖÜß€"
KEY_SETTLE_S = 0.05
KEY_INTERVAL_S = 0.005
LOCK_FILE = ".gui.lock"
MATCH_LIMIT = 10  # more matches than this are not counted: one is wanted
# our hotkey names that pyautogui spells differently
PYAUTOGUI_KEYS = {"win": "winleft"}


@dataclass(frozen=True)
class Window:
    id: int
    title: str


@dataclass(frozen=True)
class GuiResult:
    ok: bool
    detail: str
    screenshot: Path | None = None


class Driver(Protocol):
    """What a script needs from a desktop; XDriver drives X11, RecordingDriver fakes it."""

    def screen(self) -> Image.Image: ...

    def windows(self) -> list[Window]: ...

    def focus(self, window: Window) -> bool: ...

    def launch(self, command: Sequence[str]) -> None: ...

    def click(self, x: int, y: int, button: str, clicks: int) -> None: ...

    def type_text(self, text: str) -> None: ...

    def hotkey(self, keys: Sequence[str]) -> None: ...

    def pointer(self) -> tuple[int, int]: ...


# --------------------------------------------------------------------------- display


def display_summary() -> str:
    """Describe the X display or raise EnvironmentCheckError saying what is wrong."""
    name = os.environ.get("DISPLAY", "")
    if not name:
        raise EnvironmentCheckError(
            "no X display: DISPLAY is not set",
            "run Semantha in the desktop session that shows the DMS client (e.g. DISPLAY=:0)",
        )
    from Xlib import display, error

    try:
        conn = display.Display(name)
    except (error.DisplayError, OSError) as exc:
        raise EnvironmentCheckError(
            f"cannot open X display {name}: {exc}",
            "check that the X server runs and this user may connect (xauth / XAUTHORITY)",
        ) from exc
    try:
        screen = conn.screen()
        depth, width, height = screen.root_depth, screen.width_in_pixels, screen.height_in_pixels
        if not conn.has_extension("XTEST"):
            raise EnvironmentCheckError(
                f"X display {name} lacks the XTEST extension",
                "enable XTEST in the X server; it is needed to press keys and click",
            )
    finally:
        conn.close()
    if depth < 24:
        raise EnvironmentCheckError(
            f"X display {name} has {depth}-bit colour; screenshots need 24 bits",
            "run the X server at 24-bit depth (Xvfb: -screen 0 1280x1024x24)",
        )
    from PIL import ImageGrab

    try:
        ImageGrab.grab(bbox=(0, 0, 1, 1))
    except OSError as exc:
        raise EnvironmentCheckError(
            f"cannot take a screenshot of X display {name}: {exc}",
            "install Pillow with X11 (XCB) support, e.g. the wheel from PyPI",
        ) from exc
    return f"X display {name}: {width}x{height}, {depth}-bit"


def check_display() -> None:
    """Raise EnvironmentCheckError unless GUI scripts can run on $DISPLAY."""
    display_summary()


# --------------------------------------------------------------------------- X11 driver


def _keysym(char: str) -> int:
    """X keysym of a character: Latin-1 keysyms equal the code point, others are offset."""
    code = ord(char)
    if 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF:
        return code
    return 0x01000000 | code


def _char(keysym: int) -> str | None:
    """The character of a keysym made by ``_keysym``, else None (Return, Shift, ...)."""
    if 0x20 <= keysym <= 0x7E or 0xA0 <= keysym <= 0xFF:
        return chr(keysym)
    if keysym & 0xFF000000 == 0x01000000:
        return chr(keysym & 0xFFFFFF)
    return None


def _ours(syms: tuple[int, ...]) -> bool:
    """Whether a key carries one symbol on its unshifted and shifted level and nothing else.

    That is how ``XKeyboard`` binds a character; the X server may drop the copies on
    levels beyond the first group, so only the non-empty entries are compared.
    """
    first = syms[0]
    return first != 0 and len(syms) > 1 and syms[1] == first and {s for s in syms if s} == {first}


class XKeyboard:
    """Types any text through XTEST, binding characters the keymap lacks to spare keys.

    A spare key is one without symbols, or one bound earlier by Semantha (the same
    character on every level); earlier bindings are reused as they are. The map is
    read once and then kept here, because python-xlib's cached copy does not see
    our own changes.
    """

    def __init__(self, conn: Any) -> None:
        from Xlib import XK

        self._conn = conn
        first = conn.display.info.min_keycode
        count = conn.display.info.max_keycode - first + 1
        mapping = [tuple(syms) for syms in conn.get_keyboard_mapping(first, count)]
        self._width: int = len(mapping[0])
        self._keys: dict[str, tuple[int, bool]] = {}  # real keys: char -> (key code, shift)
        self._bound: OrderedDict[str, int] = OrderedDict()  # spare keys in use, oldest first
        self._spare: list[int] = []
        for keycode, syms in enumerate(mapping, start=first):
            if not any(syms):
                self._spare.append(keycode)
            elif _ours(syms) and (char := _char(syms[0])) is not None:
                self._spare.append(keycode)
                self._bound[char] = keycode
            else:
                for index, sym in enumerate(syms[:2]):
                    if (char := _char(sym)) is not None:
                        self._keys.setdefault(char, (keycode, index == 1))
        self._shift = conn.keysym_to_keycode(XK.XK_Shift_L)
        if not self._spare:
            raise GuiError(
                "the keyboard map has no free key codes for typing special characters",
                "use a keyboard layout with unused key codes (any standard X server has some)",
            )
        missing = [c for c in PREMAPPED if c not in self._keys and c not in self._bound]
        for char in missing[: max(0, len(self._spare) - len(self._bound) - 1)]:
            self._bind(char)
        if missing:
            time.sleep(KEY_SETTLE_S)

    def _bind(self, char: str) -> int:
        if char in self._bound:
            self._bound.move_to_end(char)
            return self._bound[char]
        used = set(self._bound.values())
        free = [k for k in self._spare if k not in used]
        keycode = free[0] if free else self._bound.popitem(last=False)[1]
        # The same keysym on every level: Shift or Caps Lock cannot change the character.
        self._conn.change_keyboard_mapping(keycode, [(_keysym(char),) * self._width])
        self._conn.sync()
        self._bound[char] = keycode
        return keycode

    def type(self, text: str, before_key: Callable[[], None]) -> None:
        for char in text:
            before_key()
            found = self._keys.get(char)
            if found is None:
                fresh = char not in self._bound
                found = (self._bind(char), False)
                if fresh:
                    time.sleep(KEY_SETTLE_S)
            self._press(*found)

    def _press(self, keycode: int, shift: bool) -> None:
        from Xlib import X
        from Xlib.ext import xtest

        if shift:
            xtest.fake_input(self._conn, X.KeyPress, self._shift)
        xtest.fake_input(self._conn, X.KeyPress, keycode)
        xtest.fake_input(self._conn, X.KeyRelease, keycode)
        if shift:
            xtest.fake_input(self._conn, X.KeyRelease, self._shift)
        self._conn.sync()
        time.sleep(KEY_INTERVAL_S)


class XDriver:
    """The real desktop: pyautogui for pointer and hotkeys, python-xlib for the rest."""

    def __init__(self) -> None:
        check_display()
        import pyautogui
        from Xlib import display

        self._gui: Any = pyautogui
        self._conn = display.Display()
        self._root = self._conn.screen().root
        self._atoms = {
            name: self._conn.intern_atom(name)
            for name in ("_NET_WM_NAME", "UTF8_STRING", "_NET_CLIENT_LIST", "_NET_ACTIVE_WINDOW")
        }
        self._keyboard = XKeyboard(self._conn)
        self._children: list[subprocess.Popen[bytes]] = []

    def screen(self) -> Image.Image:
        from PIL import ImageGrab

        return ImageGrab.grab().convert("RGB")

    def windows(self) -> list[Window]:
        from Xlib import X, error

        found = []
        for window in self._top_levels():
            try:
                if window.get_attributes().map_state != X.IsViewable:
                    continue
                title = self._title(window)
            except error.XError:
                continue  # closed while we looked
            if title:
                found.append(Window(window.id, title))
        return found

    def _top_levels(self) -> list[Any]:
        # With a window manager the client windows sit inside its frames: ask it for them.
        clients = self._root.get_full_property(self._atoms["_NET_CLIENT_LIST"], 0)
        if clients is not None and len(clients.value):
            return [self._conn.create_resource_object("window", w) for w in clients.value]
        return list(self._root.query_tree().children)

    def _title(self, window: Any) -> str:
        prop = window.get_full_property(self._atoms["_NET_WM_NAME"], self._atoms["UTF8_STRING"])
        if prop is not None:
            return bytes(prop.value).decode("utf-8", "replace")
        name = window.get_wm_name()
        return name.decode("latin-1") if isinstance(name, bytes) else (name or "")

    def focus(self, window: Window) -> bool:
        from Xlib import X, error, protocol

        target = self._conn.create_resource_object("window", window.id)
        caught = error.CatchError(error.BadMatch, error.BadWindow)
        target.configure(stack_mode=X.Above, onerror=caught)
        target.set_input_focus(X.RevertToParent, X.CurrentTime, onerror=caught)
        # A window manager may ignore a plain focus request; the EWMH message asks it.
        event = protocol.event.ClientMessage(
            window=target,
            client_type=self._atoms["_NET_ACTIVE_WINDOW"],
            data=(32, [1, X.CurrentTime, 0, 0, 0]),
        )
        mask = X.SubstructureRedirectMask | X.SubstructureNotifyMask
        self._root.send_event(event, event_mask=mask, onerror=caught)
        self._conn.sync()
        return caught.get_error() is None and self._has_focus(target)

    def _has_focus(self, target: Any) -> bool:
        from Xlib import error

        focused = self._conn.get_input_focus().focus
        try:
            while focused and not isinstance(focused, int):
                if focused.id == target.id:
                    return True
                focused = focused.query_tree().parent
        except error.XError:
            return False
        return False

    def launch(self, command: Sequence[str]) -> None:
        self._children = [c for c in self._children if c.poll() is None]
        try:
            child = subprocess.Popen(
                list(command),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as exc:
            raise GuiError(
                f"cannot start {command[0]}: {exc.strerror}",
                "check the program path in the script's start step",
            ) from exc
        self._children.append(child)

    def click(self, x: int, y: int, button: str, clicks: int) -> None:
        self._gui.failSafeCheck()
        self._gui.click(x, y, clicks=clicks, button=button)

    def type_text(self, text: str) -> None:
        self._keyboard.type(text, self._gui.failSafeCheck)

    def hotkey(self, keys: Sequence[str]) -> None:
        names = [PYAUTOGUI_KEYS.get(k, k) for k in keys]
        missing = [k for k in names if not self._gui.isValidKey(k)]
        if missing:
            raise GuiError(
                f"the keyboard map has no key {', '.join(missing)}",
                "choose another hotkey in gui.yaml",
            )
        self._gui.failSafeCheck()
        self._gui.hotkey(*names)

    def pointer(self) -> tuple[int, int]:
        x, y = self._gui.position()
        return int(x), int(y)


# --------------------------------------------------------------------------- fake driver


class RecordingDriver:
    """A scripted desktop for tests: shows the given screens and windows, records actions.

    ``screens`` are shown in turn, the last one stays; ``windows`` may be changed by
    the test at any time; ``calls`` lists every action as a tuple.
    """

    def __init__(self, screens: Sequence[Image.Image] = (), windows: Sequence[Window] = ()) -> None:
        self.screens = list(screens) or [Image.new("RGB", (320, 200), "white")]
        self.windows_open = list(windows)
        self.calls: list[tuple[Any, ...]] = []
        self.on_launch: Callable[[Sequence[str]], None] | None = None

    def screen(self) -> Image.Image:
        return self.screens.pop(0) if len(self.screens) > 1 else self.screens[0]

    def windows(self) -> list[Window]:
        return list(self.windows_open)

    def focus(self, window: Window) -> bool:
        self.calls.append(("focus", window.title))
        return window in self.windows_open

    def launch(self, command: Sequence[str]) -> None:
        self.calls.append(("launch", *command))
        if self.on_launch is not None:
            self.on_launch(command)

    def click(self, x: int, y: int, button: str, clicks: int) -> None:
        self.calls.append(("click", x, y, button, clicks))

    def type_text(self, text: str) -> None:
        self.calls.append(("type", text))

    def hotkey(self, keys: Sequence[str]) -> None:
        self.calls.append(("hotkey", *keys))

    def pointer(self) -> tuple[int, int]:
        return (0, 0)


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
    return len(imaging.find_template(gray(screen), pixels, confidence, MATCH_LIMIT))


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
            self._driver = None  # reconnect next time: the display may have gone
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
            boxes = imaging.find_template(gray(self.driver.screen()), needle, level)
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

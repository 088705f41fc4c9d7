"""Drive a real X11 desktop for GUI scripts, and check that the display is usable.

pyautogui moves the pointer and presses hotkeys (its fail-safe stays on: pointer in
a screen corner stops everything); python-xlib lists and focuses windows and types
text: pyautogui's ``write`` drops characters like ä, ß and €, so text is typed by
binding each missing character to a spare key code first. Both are imported lazily
because importing pyautogui without a display fails.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PIL import Image

from semantha.delivering.screen import Window
from semantha.errors import EnvironmentCheckError, GuiError

# Characters bound to spare key codes when typing starts, so that the client
# programs have long seen the new keyboard map before the first of them is typed.
PREMAPPED = "äöüÄÖÜß€"
KEY_SETTLE_S = 0.05
KEY_INTERVAL_S = 0.005
# our hotkey names that pyautogui spells differently
PYAUTOGUI_KEYS = {"win": "winleft"}


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


# --------------------------------------------------------------------------- keyboard


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


# --------------------------------------------------------------------------- driver


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

    def close(self) -> None:
        from Xlib import error

        # A display that went away closed the socket already; flushing to it fails.
        with contextlib.suppress(error.ConnectionClosedError, OSError):
            self._conn.close()

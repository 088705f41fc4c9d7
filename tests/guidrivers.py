"""A scripted desktop for the GUI runner: no display needed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PIL import Image

from semantha.delivering.screen import Window


class RecordingDriver:
    """Shows the given screens and windows and records every action.

    ``screens`` are shown in turn, the last one stays; ``windows`` may be changed by
    the test at any time; ``calls`` lists every action as a tuple.
    """

    def __init__(self, screens: Sequence[Image.Image] = (), windows: Sequence[Window] = ()) -> None:
        self.screens = list(screens) or [Image.new("RGB", (320, 200), "white")]
        self.windows_open = list(windows)
        self.calls: list[tuple[Any, ...]] = []
        self.on_launch: Callable[[Sequence[str]], None] | None = None
        self.closed = False

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

    def close(self) -> None:
        self.closed = True

"""rules/gui.yaml: GUI scripts as data, validated on load with file:line:col errors.

A script is a list of steps; each step is a mapping with exactly one action key
(``start``, ``wait_window``, ``wait_window_closed``, ``wait_image``, ``click``,
``type``, ``hotkey``, ``screenshot``) plus that action's options. Screen elements
are image templates (PNG files in ``rules/gui_templates/``), never coordinates.
``{name}`` in ``type`` and ``start`` is replaced by the value ``name`` the route passes.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from semantha.errors import ConfigError
from semantha.yamlfile import locate, read_yaml

GUI_FILE = "gui.yaml"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")

# Key names a hotkey step may use; the driver maps them to real keys.
NAMED_KEYS = (
    "enter", "tab", "esc", "space", "backspace", "delete", "insert",
    "home", "end", "pageup", "pagedown", "up", "down", "left", "right",
    "ctrl", "alt", "shift", "win",
)  # fmt: skip
KEY_NAMES = frozenset(
    [*string.ascii_lowercase, *string.digits, *(f"f{n}" for n in range(1, 13)), *NAMED_KEYS]
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def placeholders(text: str) -> frozenset[str]:
    """Names of the ``{name}`` placeholders in ``text``; ValueError if one is malformed."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise ValueError(f"{exc}; write {{{{ and }}}} for literal braces") from exc
    names = set()
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"placeholder {{{name}}} must be a plain name such as {{subject}}")
        names.add(name)
    return frozenset(names)


def _template_name(value: str, info: ValidationInfo) -> str:
    if not NAME.match(value):
        raise ValueError("template names use letters, digits, '_', '.' and '-' only")
    folder = (info.context or {}).get("templates_dir")
    if isinstance(folder, Path) and not (folder / f"{value}.png").is_file():
        raise ValueError(
            f"template image {folder / value}.png not found; "
            f"capture it with: semantha gui capture {value}"
        )
    return value


def _title(value: str) -> str:
    placeholders(value)
    return value


# A window is found by a part of its title, which may name values: "Akte {aktenzeichen}".
Title = Annotated[str, Field(min_length=1), AfterValidator(_title)]


class _Waiting(_Strict):
    timeout_s: float | None = Field(None, gt=0, le=600)


class _Matching(_Waiting):
    confidence: float | None = Field(None, gt=0, le=1)


class StartStep(_Waiting):
    """Start a program (unless ``window`` is already open), then wait for ``window``."""

    start: list[str] = Field(min_length=1)
    window: Title | None = None

    @field_validator("start")
    @classmethod
    def _arguments(cls, value: list[str]) -> list[str]:
        for argument in value:
            placeholders(argument)
        return value


class WaitWindowStep(_Waiting):
    """Wait until exactly one window whose title contains this text is open; focus it."""

    wait_window: Title


class WaitWindowClosedStep(_Waiting):
    """Wait until no window whose title contains this text is open."""

    wait_window_closed: Title


class WaitImageStep(_Matching):
    """Wait until the template is on screen exactly once."""

    wait_image: str

    @field_validator("wait_image")
    @classmethod
    def _template(cls, value: str, info: ValidationInfo) -> str:
        return _template_name(value, info)


class ClickStep(_Matching):
    """Click the centre of the template (shifted by ``offset`` pixels) once it is unique."""

    click: str
    offset: tuple[int, int] = (0, 0)
    clicks: int = Field(1, ge=1, le=3)
    button: Literal["left", "right", "middle"] = "left"

    @field_validator("click")
    @classmethod
    def _template(cls, value: str, info: ValidationInfo) -> str:
        return _template_name(value, info)


class TypeStep(_Strict):
    """Type text into the focused field; control characters in values become spaces."""

    type: str = Field(min_length=1)

    @field_validator("type")
    @classmethod
    def _text(cls, value: str) -> str:
        placeholders(value)
        if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
            raise ValueError("type no control characters (newline, tab); use a hotkey step")
        return value


class HotkeyStep(_Strict):
    """Press keys together, e.g. ``ctrl+s``; ``times`` repeats it (e.g. ``tab`` 3 times)."""

    hotkey: str
    times: int = Field(1, ge=1, le=50)

    @field_validator("hotkey")
    @classmethod
    def _keys(cls, value: str) -> str:
        keys = [k.strip().lower() for k in value.split("+")]
        unknown = [k for k in keys if k not in KEY_NAMES]
        if unknown:
            raise ValueError(
                f"unknown key(s) {', '.join(map(repr, unknown))}; "
                f"use: {', '.join(sorted(KEY_NAMES, key=lambda k: (len(k) > 1, k)))}"
            )
        return "+".join(keys)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.hotkey.split("+"))


class ScreenshotStep(_Strict):
    """Save the whole screen for the audit trail, labelled with this name."""

    screenshot: str

    @field_validator("screenshot")
    @classmethod
    def _label(cls, value: str) -> str:
        if not NAME.match(value):
            raise ValueError("screenshot labels use letters, digits, '_', '.' and '-' only")
        return value


STEP_KINDS = {
    "start": StartStep,
    "wait_window": WaitWindowStep,
    "wait_window_closed": WaitWindowClosedStep,
    "wait_image": WaitImageStep,
    "click": ClickStep,
    "type": TypeStep,
    "hotkey": HotkeyStep,
    "screenshot": ScreenshotStep,
}


def _step_kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return next(k for k, cls in STEP_KINDS.items() if isinstance(value, cls))
    if isinstance(value, dict):
        kinds = [k for k in STEP_KINDS if k in value]
        return kinds[0] if len(kinds) == 1 else None
    return None


Step = Annotated[
    Annotated[StartStep, Tag("start")]
    | Annotated[WaitWindowStep, Tag("wait_window")]
    | Annotated[WaitWindowClosedStep, Tag("wait_window_closed")]
    | Annotated[WaitImageStep, Tag("wait_image")]
    | Annotated[ClickStep, Tag("click")]
    | Annotated[TypeStep, Tag("type")]
    | Annotated[HotkeyStep, Tag("hotkey")]
    | Annotated[ScreenshotStep, Tag("screenshot")],
    Discriminator(
        _step_kind,
        custom_error_type="gui_step",
        custom_error_message=f"a step is a mapping with exactly one of: {', '.join(STEP_KINDS)}",
    ),
]


class Script(_Strict):
    description: str = ""
    steps: list[Step] = Field(min_length=1)

    @property
    def needs(self) -> frozenset[str]:
        """Names of the values this script types or passes to a program."""
        texts: list[str] = []
        for step in self.steps:
            if isinstance(step, TypeStep):
                texts.append(step.type)
            elif isinstance(step, StartStep):
                texts.extend([*step.start, step.window or ""])
            elif isinstance(step, WaitWindowStep):
                texts.append(step.wait_window)
            elif isinstance(step, WaitWindowClosedStep):
                texts.append(step.wait_window_closed)
        return frozenset().union(*(placeholders(t) for t in texts))

    @property
    def templates(self) -> frozenset[str]:
        """Names of the template images this script looks for."""
        names = [s.click if isinstance(s, ClickStep) else s.wait_image
                 for s in self.steps if isinstance(s, ClickStep | WaitImageStep)]  # fmt: skip
        return frozenset(names)


class GuiSettings(_Strict):
    step_timeout_s: float = Field(10.0, gt=0, le=600)
    script_timeout_s: float = Field(120.0, gt=0, le=3600)
    confidence: float = Field(0.9, gt=0, le=1)
    poll_interval_s: float = Field(0.1, gt=0, le=5)
    templates: Path = Path("gui_templates")


class GuiScripts(_Strict):
    settings: GuiSettings = GuiSettings()
    scripts: dict[str, Script] = Field(default_factory=dict)

    @field_validator("scripts")
    @classmethod
    def _names(cls, value: dict[str, Script]) -> dict[str, Script]:
        for name in value:
            if not NAME.match(name):
                raise ValueError(f"script name {name!r}: use letters, digits, '_', '.' and '-'")
        return value


def templates_dir(rules_dir: Path, settings: GuiSettings) -> Path:
    folder = settings.templates
    return folder if folder.is_absolute() else rules_dir / folder


def load_gui_scripts(rules_dir: Path) -> GuiScripts:
    """Read ``rules_dir/gui.yaml`` (an absent file means no scripts); ConfigError on problems."""
    path = rules_dir / GUI_FILE
    if not path.is_file():
        return GuiScripts()
    data, node = read_yaml(path)
    data = data if data is not None else {}
    try:
        settings = GuiSettings.model_validate(data.get("settings") or {})
    except (AttributeError, ValidationError):
        settings = GuiSettings()  # reported with its position by the full validation below
    context = {"templates_dir": templates_dir(rules_dir, settings)}
    try:
        return GuiScripts.model_validate(data, context=context)
    except ValidationError as exc:
        problems = [_describe(path, node, item) for item in exc.errors()]
        raise ConfigError(
            "\n".join(problems), f"fix {len(problems)} problem(s) in {path.name}"
        ) from exc


def _describe(path: Path, node: Any, item: Any) -> str:
    """``file:line:col: key.path: message``, without pydantic's step-kind tag in the path."""
    loc = [p for p in item["loc"] if isinstance(p, str | int)]
    # scripts.<name>.steps.<i>.<kind>.<field>: the kind tag is not a YAML key level
    if len(loc) > 4 and loc[0] == "scripts" and loc[2] == "steps" and loc[4] in STEP_KINDS:
        del loc[4]
    pos = locate(node, loc)
    where = f"{path}:{pos[0]}:{pos[1]}" if pos else str(path)
    key = ".".join(str(p) for p in loc) or "(top level)"
    message = item["msg"]
    if item["type"] == "extra_forbidden":
        message = "unknown key; remove it or check its spelling"
    return f"{where}: {key}: {message}"

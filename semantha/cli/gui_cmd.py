"""``semantha gui``: build and try GUI scripts without writing code.

gui check                      is the display usable for GUI scripts?
gui capture NAME [--region]    save a screen region as template image NAME.png
gui run SCRIPT --value k=v...  play a script of rules/gui.yaml once
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from semantha.cli.common import load_and_log
from semantha.config import AppConfig
from semantha.errors import ConfigError

if TYPE_CHECKING:
    from semantha.delivering.screen import Driver

SCREENSHOT_FOLDER = "screenshots"  # below paths.work, as ``semantha check`` expects


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("gui", help="build and try GUI scripts (rules/gui.yaml)")
    commands = group.add_subparsers(dest="gui_command", required=True, metavar="GUI_COMMAND")

    check = commands.add_parser("check", help="report whether the display is usable")
    check.set_defaults(handler=_check)

    capture = commands.add_parser(
        "capture",
        help="save a screen region as a template image",
        description="Without --region you point at the corners of the element with the mouse.",
    )
    capture.add_argument("name", metavar="NAME", help="template name, used in gui.yaml")
    capture.add_argument("--region", type=_region, metavar="X,Y,W,H", help="pixels on screen")
    capture.add_argument("--out", type=Path, help="folder (default: the templates folder)")
    capture.add_argument("--force", action="store_true", help="replace an existing template")
    capture.set_defaults(handler=_capture)

    run = commands.add_parser("run", help="play a script once, to try it out")
    run.add_argument("script", metavar="SCRIPT")
    run.add_argument(
        "--value",
        action="append",
        default=[],
        type=_value,
        metavar="KEY=VALUE",
        help="a value the script types (repeatable)",
    )
    run.add_argument("--screenshots", type=Path, help="folder for screenshots")
    run.set_defaults(handler=_run)


def _region(text: str) -> tuple[int, int, int, int]:
    try:
        x, y, w, h = (int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("expected four whole numbers: X,Y,WIDTH,HEIGHT") from None
    return x, y, w, h


def _value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError("expected KEY=VALUE")
    return key.strip(), value


def _config(args: argparse.Namespace) -> AppConfig:
    return load_and_log(args)


def _check(args: argparse.Namespace) -> int:
    from semantha.delivering import x11

    print(f"{x11.display_summary()}: usable for GUI scripts")
    return 0


def _capture(args: argparse.Namespace) -> int:
    from semantha.delivering import gui
    from semantha.delivering.x11 import XDriver
    from semantha.rulefiles import guiscripts

    config = _config(args)
    scripts = guiscripts.load_gui_scripts(config.rules_dir)
    if not guiscripts.NAME.match(args.name):
        raise ConfigError(
            f"template name {args.name!r} is not allowed", "use letters, digits, '_', '.', '-'"
        )
    folder = args.out or guiscripts.templates_dir(config.rules_dir, scripts.settings)
    path = folder / f"{args.name}.png"
    if path.exists() and not args.force:
        print(f"{path} exists; pass --force to replace it")
        return 1
    driver = XDriver()
    try:
        region = args.region or _point_region(driver)
        matches = gui.capture_template(driver, region, path, scripts.settings.confidence)
    finally:
        driver.close()
    print(f"saved {path} ({region[2]}x{region[3]} pixels)")
    if matches != 1:
        seen = f"{matches}" if matches < gui.MATCH_LIMIT else f"{matches} or more"
        print(
            f"warning: this region is on screen {seen} times; a script needs it exactly once: "
            "capture a larger region that includes a unique label"
        )
        return 1
    print(f"unique on screen: use it in gui.yaml as  - click: {args.name}")
    return 0


def _point_region(driver: Driver) -> tuple[int, int, int, int]:
    pointer = driver.pointer
    input("Move the pointer to the TOP-LEFT corner of the element, then press Enter ")
    left, top = pointer()
    input("Move the pointer to the BOTTOM-RIGHT corner of the element, then press Enter ")
    right, bottom = pointer()
    return min(left, right), min(top, bottom), abs(right - left), abs(bottom - top)


def _run(args: argparse.Namespace) -> int:
    from semantha.delivering import gui

    config = _config(args)
    screenshots = args.screenshots or config.paths.work / SCREENSHOT_FOLDER
    runner = gui.load_runner(config.rules_dir, screenshots)
    if runner is None:
        print(f"no scripts in {config.rules_dir / 'gui.yaml'}")
        return 1
    try:
        result = runner.run(args.script, dict(args.value))
    finally:
        runner.close()
    print(result.detail)
    if result.screenshot is not None:
        print(f"last screenshot: {result.screenshot}")
    return 0

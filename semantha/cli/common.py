"""What every command does first: load config.yaml and set up logging."""

from __future__ import annotations

import argparse

from semantha.cli.logsetup import configure_logging
from semantha.config import AppConfig, config_path, load_config


def load_and_log(args: argparse.Namespace, console_level: str = "WARNING") -> AppConfig:
    """Load the configuration; log to its file, and to the console at ``console_level``.

    Commands that print results keep the console quiet unless ``--verbose`` is given.
    """
    config = load_config(config_path(args.config))
    level = "DEBUG" if getattr(args, "verbose", False) else config.logging.level
    configure_logging(
        config.logging.file,
        level,
        console_level="DEBUG" if getattr(args, "verbose", False) else console_level,
    )
    return config

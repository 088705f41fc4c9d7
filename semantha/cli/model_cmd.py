"""Placeholder: commands of this group are being written."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's commands to the parser."""

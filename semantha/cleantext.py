"""Text from a scan made safe to write anywhere: no control, format or bidi characters.

OCR output, a PDF's text layer and administrators' templates may carry NUL, newlines
inside a value, or right-to-left overrides that make ``exe.pdf`` look like ``fdp.exe``;
file names, sidecar values and GUI values are all cleaned here the same way.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import regex

# Cc: control (NUL, newline), Cf: format (bidi overrides, zero-width), Zl/Zp: separators
CONTROL = regex.compile(r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]")


def clean_text(value: str) -> str:
    """No control characters (NUL, newlines, bidi marks); runs of spaces become one."""
    value = unicodedata.normalize("NFC", value)
    return " ".join(str(CONTROL.sub(" ", value)).split())


def clean_values(data: Any) -> Any:
    """``data`` (JSON-like: dicts, lists, strings, numbers) with every string cleaned."""
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, dict):
        return {key: clean_values(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [clean_values(value) for value in data]
    return data

"""Digits as OCR misreads them: the letters it puts in a number's place.

Reading (index fields) and deciding (office numbers) repair numbers with this one
map. Translate only what is a number anyway: elsewhere an O is a letter.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

DIGIT_LOOKALIKES: Mapping[str, str] = MappingProxyType(
    {"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"}
)
"""Character OCR reads -> the digit that was printed."""

TO_DIGIT = str.maketrans(dict(DIGIT_LOOKALIKES))
"""For ``str.translate``: every lookalike to its digit."""

DIGIT_OR_LOOKALIKE = f"[0-9{''.join(DIGIT_LOOKALIKES)}]"
"""A regular-expression character class (``re`` and ``regex``): a digit as OCR read it."""

"""OCR-like damage to clean letter text, for text-only training rows.

Tesseract on scanned German mail confuses similar glyphs (rn/m, l/I/1, O/0),
loses umlauts and ß, drops or adds spaces, keeps hyphenation from line ends,
drops small punctuation and reads stamps or specks as short garbage tokens.
"""

from __future__ import annotations

import random
import re

from semantha.errors import SemanthaError

CONFUSIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rn", ("m",)),
    ("m", ("rn",)),
    ("l", ("I", "1", "|")),
    ("I", ("l", "1")),
    ("1", ("l", "I")),
    ("i", ("l", "í")),
    ("O", ("0",)),
    ("0", ("O", "o")),
    ("ü", ("ii", "u")),
    ("ö", ("o", "6")),
    ("ä", ("a", "ii")),
    ("Ü", ("U",)),
    ("ß", ("B", "fs", "8")),
    ("e", ("c", "é")),
    ("c", ("e",)),
    ("h", ("b", "li")),
    ("n", ("u", "ri")),
    ("u", ("n",)),
    ("S", ("5", "$")),
    ("5", ("S",)),
    ("B", ("8",)),
    ("8", ("B",)),
    ("€", ("E", "C")),
    ("cl", ("d",)),
    ("d", ("cl",)),
    ("w", ("vv",)),
    ("fi", ("fl",)),
    ("t", ("l", "f")),
    ("a", ("o", "e")),
    (",", (".",)),
    (".", (",",)),
    ("-", ("—", "~")),
    ("/", ("l", "I")),
)
GARBAGE = ("~", "'", "„.", "|", "‚", "::", "®", "°", "—", "i", "..", "J", "«", "^", "`;", "I|")
_SPACE = re.compile(r"(\s+)")
_PUNCT = ".,;:!?)("


def ocr_noise(text: str, rng: random.Random, rate: float) -> str:
    """Damage about ``rate`` of the whitespace-separated tokens; same rng state, same result."""
    if not 0.0 <= rate <= 1.0:
        raise SemanthaError(
            f"OCR noise rate {rate} is not a share", hint="give a rate between 0 and 1"
        )
    parts = _SPACE.split(text)
    for index in range(0, len(parts), 2):  # even indexes are tokens, odd ones whitespace
        if parts[index] and rng.random() < rate:
            _damage(parts, index, rng)
    return "".join(parts)


def _damage(parts: list[str], index: int, rng: random.Random) -> None:
    token = parts[index]
    roll = rng.random()
    can_merge = index + 2 < len(parts) and parts[index + 1] == " " and bool(parts[index + 2])
    if roll < 0.10 and can_merge:
        parts[index + 1] = ""  # missing space: two words run together
    elif roll < 0.18 and len(token) >= 4:
        cut = rng.randint(1, len(token) - 1)
        parts[index] = f"{token[:cut]} {token[cut:]}"
    elif roll < 0.25 and len(token) >= 8 and token.isalpha():
        cut = rng.randint(3, len(token) - 3)
        parts[index] = f"{token[:cut]}-{rng.choice((chr(10), ' '))}{token[cut:]}"
    elif roll < 0.35 and token[-1] in _PUNCT and len(token) > 1:
        parts[index] = token[:-1]
    elif roll < 0.43:
        junk = rng.choice(GARBAGE)
        parts[index] = rng.choice(
            (f"{junk} {token}", f"{token} {junk}", f"{token}{junk}", f"{junk}{token}")
        )
    else:
        parts[index] = _confuse(token, rng)


def _confuse(token: str, rng: random.Random) -> str:
    """Replace one glyph group by a look-alike; garbage when nothing in the token is confusable."""
    options = [
        (m.start(), old, new)
        for old, news in CONFUSIONS
        for new in news
        for m in re.finditer(re.escape(old), token)
    ]
    if not options:
        return token + rng.choice(GARBAGE)
    start, old, new = rng.choice(options)
    return token[:start] + new + token[start + len(old) :]

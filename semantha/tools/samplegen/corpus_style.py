"""Small changes of wording so that the same template never reads quite the same.

``vary_wording`` swaps common words for synonyms (safe swaps only: same case,
number and position in the sentence); ``citizen_typos`` adds the spelling mistakes
people really make in letters to the city ("Wiederspruch", "seid dem");
``first_person_plural`` turns a citizen's "ich" into a company's "wir". Synonyms
and typos are in ``data/style.yaml``.
"""

from __future__ import annotations

import random
import re

from semantha.tools.samplegen.datafiles import DataFile, load


class _Style(DataFile):
    synonyms: dict[str, tuple[str, ...]]
    typos: tuple[tuple[str, str], ...]  # (correct, as people write it)


_STYLE = load("style.yaml", _Style)
SYNONYMS = _STYLE.synonyms
TYPOS = _STYLE.typos
_SYNONYM = re.compile(
    r"\b(" + "|".join(map(re.escape, sorted(SYNONYMS, key=len, reverse=True))) + r")\b"
)


def vary_wording(text: str, rng: random.Random, share: float = 0.35) -> str:
    """Replace about ``share`` of the swappable words by a synonym."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(1)
        return rng.choice(SYNONYMS[word]) if rng.random() < share else word

    return _SYNONYM.sub(swap, text)


def citizen_typos(paragraphs: tuple[str, ...], rng: random.Random) -> tuple[str, ...]:
    """One or two typical spelling mistakes somewhere in the body, if a word allows it."""
    text = "\n".join(paragraphs)
    candidates = [(re.compile(rf"\b{right}\b"), wrong) for right, wrong in TYPOS if right in text]
    for pattern, wrong in rng.sample(candidates, min(len(candidates), rng.randint(1, 2))):
        text = pattern.sub(wrong, text, count=1)
    return tuple(text.split("\n"))


_IRREGULAR = {
    "bin": "sind",
    "kann": "können",
    "muss": "müssen",
    "darf": "dürfen",
    "will": "wollen",
    "weiß": "wissen",
    "war": "waren",
    "hatte": "hatten",
    "befand": "befanden",
    "wäre": "wären",
}
_POSSESSIVE = re.compile(r"\b([Mm])ein(e|em|en|er|es)?\b")
_VERB_ICH = re.compile(r"\b(\w+) ich\b")
_ICH_VERB = re.compile(r"\b([Ii])ch (\w+)")


def _plural_verb(verb: str) -> str:
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    return verb + "n" if verb.endswith("e") else verb


def first_person_plural(text: str) -> str:
    """ "ich beantrage … meinen Antrag" as an organisation writes it: "wir beantragen … unseren"."""
    text = _POSSESSIVE.sub(
        lambda m: ("U" if m.group(1) == "M" else "u") + "nser" + (m.group(2) or ""), text
    )
    text = re.sub(r"\bmir\b|\bmich\b", "uns", text)
    text = _VERB_ICH.sub(lambda m: f"{_plural_verb(m.group(1))} wir", text)
    return _ICH_VERB.sub(
        lambda m: ("W" if m.group(1) == "I" else "w") + f"ir {_plural_verb(m.group(2))}", text
    )

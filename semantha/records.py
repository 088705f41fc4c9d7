"""Frozen records passed between the pipeline stages (docs/architecture.md §1).

Stages never mutate a record; they return a new one (``dataclasses.replace``).
"""

from __future__ import annotations

import copyreg
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from semantha.stackpart import StackPart

GrayImage = NDArray[np.uint8]
"""A page image: 2-D uint8 array, 0 = black, 255 = white."""

Method = Literal["rule", "model", "none", "human"]  # human: a person decided in review
Status = Literal["delivered", "review", "quarantined", "dry_run"]
ActionKind = Literal["deliver", "copy", "review", "gui", "notify"]


class Reading(StrEnum):
    """How much of a page's text is known, and where it came from.

    One enum, not an extent and a source: a PDF text layer is always whole and only
    OCR reads a header, so no other combination occurs.
    """

    UNREAD = "unread"  # nothing yet (a later page while page one's header decides; a blank)
    HEADER = "header"  # OCR of the top ``Page.header_rows`` only; the image is kept to read on
    OCR = "ocr"  # OCR of the whole page
    TEXT_LAYER = "pdf"  # the PDF's own text layer, whole; such a page is never OCRed


def frozen_map(values: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """A read-only copy of ``values`` for use inside frozen records."""
    return MappingProxyType(dict(values or {}))


def _read_only(values: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(values)


def _pickled_map(
    proxy: MappingProxyType[Any, Any],
) -> tuple[Callable[[dict[Any, Any]], MappingProxyType[Any, Any]], tuple[dict[Any, Any]]]:
    return _read_only, (dict(proxy),)


# Records (and the rule set) cross process boundaries: `semantha learn` judges the live
# model in a process of its own. A read-only map travels as its copy.
copyreg.pickle(MappingProxyType, _pickled_map)


@dataclass(frozen=True)
class Word:
    """One recognised word with its box in page pixels (left, top, width, height)."""

    text: str
    confidence: float
    box: tuple[int, int, int, int]


@dataclass(frozen=True)
class Page:
    """One page of a document. ``ops`` names every preprocessing step applied, for people
    (``explain``); the geometry that maps ``image`` back to the scan is in its own fields."""

    index: int
    image: GrayImage | None
    dpi: int
    size: tuple[int, int] = (0, 0)  # (width, height) in pixels; kept when the image is dropped
    ops: tuple[str, ...] = ()
    quarter_turns: int = 0  # clockwise quarter turns (0-3) that stood the image upright
    deskew_deg: float = 0.0  # counter-clockwise degrees the image was turned to level its lines
    binarized: bool = False  # the image holds black and white only
    text: str = ""
    confidence: float = 0.0
    blank: bool = False
    words: tuple[Word, ...] = ()
    reading: Reading = Reading.UNREAD
    header_rows: int = 0  # with ``Reading.HEADER``: the pixel rows read so far
    # The incoming-mail stamp, erased from ``image``: cut out upright until it is read.
    stamp_image: GrayImage | None = None
    stamp_text: str = ""

    @property
    def read_in_full(self) -> bool:
        """All of the page's text is known (a blank page has none to know)."""
        return self.blank or self.reading in (Reading.OCR, Reading.TEXT_LAYER)

    @property
    def full_text(self) -> str:
        """Everything read on the page: the letter's text, then its stamp's."""
        return "\n\n".join(t for t in (self.text, self.stamp_text) if t)


@dataclass(frozen=True)
class Document:
    """A scanned document. ``id`` is the sha256 of the original file's bytes (for a
    document split from a stack, of the file written for its pages)."""

    id: str
    source: Path
    received_at: datetime
    pages: tuple[Page, ...]
    fields: Mapping[str, str] = field(default_factory=frozen_map)
    source_folder: str = ""
    station: str = ""  # the scan station it came from (config transfer.scan_station)
    stack: StackPart | None = None

    @property
    def content_pages(self) -> tuple[Page, ...]:
        """Pages that carry content: blank duplex backs are kept but not routed on."""
        return tuple(p for p in self.pages if not p.blank)

    @property
    def text(self) -> str:
        return "\n\f".join(p.text for p in self.content_pages)


@dataclass(frozen=True)
class RuleHit:
    """A rule that fired: which facet it votes for, how strongly, and why (for humans)."""

    rule_id: str
    facet: Literal["department", "doctype"]
    label: str
    weight: float
    reason: str
    fields: Mapping[str, str] = field(default_factory=frozen_map)


@dataclass(frozen=True)
class Score:
    label: str
    probability: float


@dataclass(frozen=True)
class Trace:
    """Everything that led to a decision, kept for ``explain`` and the sidecar."""

    rule_hits: tuple[RuleHit, ...] = ()
    department_scores: tuple[Score, ...] = ()
    doctype_scores: tuple[Score, ...] = ()
    min_confidence: float = 0.0
    min_margin: float = 0.0
    reason: str = ""


@dataclass(frozen=True)
class Decision:
    """Department and document type, or ``None`` where Semantha is not confident."""

    department: str | None
    doctype: str | None
    confidence: float
    method: Method
    trace: Trace = field(default_factory=Trace)
    doctype_confidence: float = 0.0
    decided_by: str = ""  # with method "human": who decided (goes into the sidecar)

    @property
    def confident(self) -> bool:
        return self.department is not None


@dataclass(frozen=True)
class Action:
    """One step of a routing plan; ``target`` is already rendered and sanitised."""

    kind: ActionKind
    target: str = ""
    params: Mapping[str, str] = field(default_factory=frozen_map)


SEARCHABLE_PDF = "searchable_pdf"
"""Action param of deliver/copy: "true" delivers a PDF with a text layer instead of the scan."""
PDFA = "pdfa"
"""Action param of deliver/copy: "true" makes the searchable PDF a PDF/A-2b."""


@dataclass(frozen=True)
class Plan:
    route_id: str
    actions: tuple[Action, ...]

    @property
    def needs_full_text(self) -> bool:
        """True when an action delivers a searchable PDF: every page must be read in full."""
        return any(a.params.get(SEARCHABLE_PDF) == "true" for a in self.actions)


@dataclass(frozen=True)
class Delivery:
    action: Action
    ok: bool
    detail: str = ""
    destination: Path | None = None
    # sha256 of the bytes written to ``destination``: the scan's, or a searchable PDF's.
    # An office that returns the file is recognised by it.
    sha256: str = ""


@dataclass(frozen=True)
class Outcome:
    """What became of one input file; ``document`` is None when it could not be read."""

    doc_id: str
    source: Path
    status: Status
    decision: Decision | None = None
    plan: Plan | None = None
    deliveries: tuple[Delivery, ...] = ()
    error: str = ""
    timings: Mapping[str, float] = field(default_factory=dict)
    document: Document | None = None
    error_class: str | None = None  # the DocumentError's class name, when quarantined

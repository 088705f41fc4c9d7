"""Phrases shared by many topics: doctype sentences, fillers for long letters, invoice items.

The sentences are in ``data/phrases.yaml``, in the notation of the topic tables:
``{slot}``, ``[a|b]`` and ``<sg|pl>``.
"""

from __future__ import annotations

from semantha.tools.samplegen.datafiles import DataFile, load

InvoiceItem = tuple[str, str, float, float]  # description, unit, lowest and highest unit price


class _Phrases(DataFile):
    by_doctype: dict[str, tuple[str, ...]]
    openers: tuple[str, ...]
    reply_openers: tuple[str, ...]  # answer a letter from the city: not in complaints
    closers: tuple[str, ...]
    long_fillers: tuple[str, ...]
    attachments: tuple[str, ...]
    generic_mentions: tuple[str, ...]  # {m_nom}, {M_nom}, {m_dat} name another office
    invoice_items: dict[str, tuple[InvoiceItem, ...]]  # by office id
    invoice_items_any: tuple[InvoiceItem, ...]


PHRASES = load("phrases.yaml", _Phrases)

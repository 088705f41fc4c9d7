"""process_file: one document through the stages, readable as the data-flow diagram.

    load -> preprocess -> OCR -> extract -> classify (rules + model) -> route -> deliver

Bad input and OCR failures end in quarantine with a reason; low confidence is a
decision (review), not an error. Nothing here prints or reads global settings.
"""

from __future__ import annotations

import functools
import itertools
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import structlog

from semantha.config import AppConfig
from semantha.deciding import classify, route, rules
from semantha.deciding.model import DocumentClassifier
from semantha.delivering import deliver, kepttext
from semantha.errors import DeliveryError, DocumentError, InputError
from semantha.fsutil import file_sha256
from semantha.reading import extract, imaging, load, ocr
from semantha.records import Decision, Document, Outcome, Page, Plan, Reading
from semantha.rulefiles.ruleset import RuleSet
from semantha.stackpart import StackPart

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Context:
    """Everything a document needs, loaded and checked once at start-up."""

    config: AppConfig
    rules: RuleSet
    model: DocumentClassifier | None
    gui: deliver.GuiPlayer | None = None
    page_threads: int = 1  # pages of one document read at the same time


@contextmanager
def timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = round(time.perf_counter() - start, 4)


def read_header(path: Path, ctx: Context) -> tuple[Page, ...]:
    """Page one with only its header read (``Reading.HEADER``), the later pages unread.

    A header holds what routing needs (sender, recipient office, Aktenzeichen, subject)
    and costs a fraction of the whole page; ``read_pages`` finishes when it is not enough.
    Page one is read at ``header_dpi`` (a PDF rendered so, a finer image scaled down):
    200 dpi costs half of 300 in every stage, and the header's words are large enough.
    """
    cfg = ctx.config
    with closing(load.load_pages(path, cfg.ocr.header_dpi)) as pages:
        first = prepared(imaging.at_most(next(pages), cfg.ocr.header_dpi), ctx)
    if first.image is None or first.blank:
        head = ocr.recognise(first, cfg.ocr)
    else:
        rows = imaging.header_cut(first.image, first.dpi, cfg.ocr.header_fraction)
        head = ocr.recognise_header(first, cfg.ocr, rows)
    unread = (Page(i, None, cfg.ocr.dpi) for i in range(1, load.page_count(path)))
    return (head, *unread)


def read_further(header: Page, ctx: Context) -> Page:
    """Page one from ``read_header`` with its header extended to ``header_extra_fraction``."""
    if header.image is None or header.reading is not Reading.HEADER:
        return header
    cfg = ctx.config.ocr
    rows = imaging.header_cut(header.image, header.dpi, cfg.header_extra_fraction)
    return ocr.recognise_header(header, cfg, rows)


def read_pages(path: Path, ctx: Context, header: Page | None = None) -> tuple[Page, ...]:
    """Every page read in full, ``ctx.page_threads`` at a time; ``header`` is page one
    from ``read_header``. Pages are rendered one after the other as threads free up,
    so a long PDF never has more than a few page images in memory."""
    cfg = ctx.config
    done = () if header is None else (ocr.recognise(header, cfg.ocr),)
    rest = load.load_pages(path, cfg.ocr.dpi, start=len(done))

    def read(parcel: list[Page]) -> Page:
        # Taken out of its parcel, the raw scan is freed once cleaned, not once read.
        return ocr.recognise(prepared(parcel.pop(), ctx), cfg.ocr)

    with closing(rest):
        return (*done, *in_order(read, rest, ctx.page_threads))


def in_order(
    read: Callable[[list[Page]], Page], pages: Iterator[Page], threads: int
) -> Iterator[Page]:
    """``read`` over ``pages`` on ``threads`` threads, results in page order.

    OpenCV and the OCR engine release the GIL, so threads read pages truly in
    parallel; at most ``threads`` pages are taken from ``pages`` ahead of the reader.
    Each page reaches ``read`` alone in a list for ``read`` to empty: no name here
    keeps a page image alive while it is being read.
    """
    if threads <= 1:
        while parcel := _next_parcel(pages):
            yield read(parcel)
        return
    pool = _page_pool(threads)
    pending: deque[Future[Page]] = deque()
    try:
        while parcel := _next_parcel(pages):
            pending.append(pool.submit(read, parcel))
            del parcel
            if len(pending) >= threads:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:  # a page failed: the document is given up
            future.cancel()


def _next_parcel(pages: Iterator[Page]) -> list[Page]:
    return [page for page in itertools.islice(pages, 1)]


_pools: dict[tuple[int, int], ThreadPoolExecutor] = {}


def _page_pool(threads: int) -> ThreadPoolExecutor:
    """This process's reader threads: they live on, and so do their OCR engines."""
    key = (os.getpid(), threads)
    if key not in _pools:
        _pools[key] = ThreadPoolExecutor(threads, thread_name_prefix="page")
    return _pools[key]


def prepared(page: Page, ctx: Context) -> Page:
    """``page`` cleaned for reading: upright, level, blank or not, stamps erased."""
    legibility = functools.partial(ocr.strip_legibility, settings=ctx.config.ocr)
    page = imaging.within_pixels(page, ctx.config.ocr.max_page_pixels)
    return imaging.preprocess(page, ctx.config.preprocess, ocr.detect_orientation, legibility)


def _within_page_limit(pages: int, ctx: Context, why: str) -> None:
    """InputError when every page of a document this long would have to be read."""
    limit = ctx.config.ocr.max_pages
    if pages > limit:
        raise InputError(
            f"the document has {pages} pages, more than ocr.max_pages ({limit}) for {why}",
            "split the document, or raise ocr.max_pages in config.yaml and put it into "
            "the inbox again",
        )


def _again(
    document: Document, ctx: Context, timings: dict[str, float]
) -> tuple[Document, Decision, Plan]:
    """Fields, decision and plan once more, after more of ``document`` was read."""
    document, decision = understand(document, ctx, timings)
    return document, decision, route.plan(document, decision, ctx.rules)


def _partly_read(document: Document) -> bool:
    return not all(page.read_in_full for page in document.pages)


def without_images(document: Document) -> Document:
    """The document without page images: a header read keeps page one's until it is done."""
    return replace(document, pages=tuple(replace(p, image=None) for p in document.pages))


def understand(
    document: Document, ctx: Context, timings: dict[str, float]
) -> tuple[Document, Decision]:
    """Fields, rule hits and the decision for what has been read of ``document``."""
    with timed(timings, "extract"):
        document = replace(document, fields=extract.extract_fields(document.pages))
    with timed(timings, "classify"):
        hits = rules.evaluate(document, ctx.rules)
        decision = classify.decide(document, hits, ctx.model, ctx.config.classify, ctx.rules)
    return document, decision


def _too_big(ctx: Context) -> InputError:
    limit = ctx.config.service.worker_memory_mb
    return InputError(
        f"reading the document needs more memory than a worker may use ({limit} MiB)",
        "check the scan (an enormous page?); raise service.worker_memory_mb if it is fine",
    )


def _keep_as_weak_label(document: Document, ctx: Context) -> None:
    """The text of a delivered letter: a weak label for learning unless it comes back.
    Losing it costs a training letter, never the delivery."""
    work = ctx.config.paths.work
    try:
        kepttext.keep(work, document, kepttext.delivered_folder(work))
    except OSError as exc:
        log.warning("example.weak_label_failed", doc_id=document.id[:12], error=type(exc).__name__)


def process_file(
    path: Path,
    ctx: Context,
    dry_run: bool = False,
    source_folder: str = "",
    retry_delivery: bool = False,
    full_text: bool = False,
    stack: StackPart | None = None,
) -> Outcome:
    """One document through the stages. ``retry_delivery`` lets a DeliveryError
    propagate so the service can retry later instead of sending to review now.
    ``full_text`` reads every page in full even when page one's header decides.
    ``stack``: the document was split from a scanned stack (``service.stacks``)."""
    timings: dict[str, float] = {}
    doc_id = file_sha256(path)
    bound = log.bind(doc_id=doc_id[:12])
    try:
        header_first = ctx.config.ocr.strategy == "roi_first" and not full_text
        if full_text:
            _within_page_limit(load.page_count(path), ctx, "its full text")
        with timed(timings, "read"):
            pages = read_header(path, ctx) if header_first else read_pages(path, ctx)
        document = Document(
            doc_id,
            path,
            datetime.now(UTC),
            pages,
            source_folder=source_folder,
            station=ctx.config.transfer.station,
            stack=stack,
        )
        document, decision = understand(document, ctx, timings)
        plan = route.plan(document, decision, ctx.rules)
        # A header that names no particular kind of letter is read on into the first
        # paragraph, which usually does: the folder depends on it as much as on the office.
        vague = decision.doctype in (None, ctx.rules.undecided_doctype)
        if pages[0].reading is Reading.HEADER and decision.confident and vague:
            with timed(timings, "read_more"):
                pages = (read_further(pages[0], ctx), *pages[1:])
            document, decision, plan = _again(replace(document, pages=pages), ctx, timings)
        # Page one is read anew, whole, when its header decides neither the office nor
        # the kind of letter; later pages rarely change that.
        unsure = not decision.confident or decision.doctype is None
        if pages[0].reading is Reading.HEADER and unsure:
            with timed(timings, "read_rest"):
                pages = (ocr.recognise(pages[0], ctx.config.ocr, anew=True), *pages[1:])
            document, decision, plan = _again(replace(document, pages=pages), ctx, timings)
        # Every page is read when a route delivers the text.
        if _partly_read(document) and plan.needs_full_text:
            _within_page_limit(len(pages), ctx, f"route {plan.route_id!r}, which delivers the text")
            with timed(timings, "read_all"):
                pages = read_pages(path, ctx, header=pages[0])
            document, decision, plan = _again(replace(document, pages=pages), ctx, timings)
        document = without_images(document)
    except (DocumentError, MemoryError) as caught:
        exc = caught if isinstance(caught, DocumentError) else _too_big(ctx)
        bound.warning("document.unreadable", error=type(exc).__name__)
        if dry_run:
            return Outcome(
                doc_id,
                path,
                "quarantined",
                error=str(exc),
                timings=timings,
                error_class=type(exc).__name__,
            )
        return deliver.quarantine(path, doc_id, exc, ctx.config.paths, timings)
    if dry_run:
        return Outcome(doc_id, path, "dry_run", decision, plan, timings=timings, document=document)
    with timed(timings, "deliver"):
        try:
            deliveries = deliver.execute(plan, document, ctx.config.paths, ctx.gui, decision)
        except DeliveryError as exc:
            if retry_delivery:
                raise
            bound.warning("delivery.failed", error=str(exc))
            deliveries = deliver.to_review(document, decision, ctx.config.paths, reason=str(exc))
    status = deliver.status_of(deliveries)
    if status == "delivered" and ctx.config.learn.weak_label_days is not None:
        _keep_as_weak_label(document, ctx)
    bound.info(
        "document.processed",
        status=status,
        department=decision.department,
        doctype=decision.doctype,
        method=decision.method,
        confidence=round(decision.confidence, 3),
        route=plan.route_id,
        pages=len(document.pages),
        timings=timings,
    )
    return Outcome(doc_id, path, status, decision, plan, deliveries, "", timings, document)

"""A scanned stack cut into its documents, in a worker: where to cut, and a file per document.

The stack's pages are looked at once (``reading.separation`` for separator codes,
``reading.letterstart`` for the first pages of letters); each document's pages are then
copied into a file of its own in work/, next to the stack: PDF pages as they are (pypdf),
TIFF frames with their own compression and resolution (a G4 stack gives G4 documents).
Each document is then one journal row like any scanned file, and its sha256 is that
of the file written for it, which is what is delivered.

Writing the files changes nothing until the service journals them: a crash before
that cuts the stack again, into the same pages.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pypdf
from PIL import Image

from semantha.config import SeparationMode
from semantha.filekind import sniff
from semantha.fsutil import atomic_write_bytes, file_sha256, fsync_dir
from semantha.pipeline import Context, prepared, process_file
from semantha.reading import imaging, letterstart, load, ocr
from semantha.reading.separation import (
    CODE_DPI,
    Mark,
    PageSignal,
    Part,
    StackPlan,
    find_mark,
    plan_stack,
)
from semantha.records import Outcome
from semantha.stackpart import StackPart

PARTS_SUFFIX = "-documents"


def plan(path: Path, mode: SeparationMode, ctx: Context) -> StackPlan:
    """Where the stack at ``path`` is cut, page by page."""
    signals = _auto_signals(path, ctx) if mode == "auto" else _code_signals(path, mode)
    return plan_stack(list(signals))


def explain(path: Path, mode: SeparationMode, ctx: Context) -> tuple[StackPlan, list[Outcome]]:
    """The cut of a stack and, for each of its documents, what the pipeline would do
    (a dry run, as ``semantha explain``): the office a separator sheet names included."""
    stack = plan(path, mode, ctx)
    with tempfile.TemporaryDirectory(prefix="semantha-stack-") as folder:
        parts = write_parts(path, stack, file_sha256(path), Path(folder))
        outcomes = [process_file(Path(part.path), ctx, dry_run=True, stack=part) for part in parts]
    return stack, outcomes


def unsure_reason(stack: StackPlan) -> str:
    """Why a whole stack waits for a person, with the documents proposed."""
    if stack.problem:
        return f"Stapel nicht getrennt: {stack.problem}"
    pages = ", ".join(str(n) for n in stack.unsure)
    return (
        f"Stapel nicht sicher getrennt (unsicher bei Seite {pages}); "
        f"vorgeschlagen: {stack.describe()}"
    )


def _code_signals(path: Path, mode: SeparationMode) -> Iterator[PageSignal]:
    after_sheet = False
    with closing(load.load_pages(path, CODE_DPI)) as pages:
        for page in pages:
            if page.image is None:  # a page with a text layer was never on paper
                after_sheet = False
                yield PageSignal(starts=False)
                continue
            mark = find_mark(page.image, page.dpi)
            if mode == "sheet" and mark is not None:
                yield _sheet(mark)
            elif after_sheet and imaging.is_blank(page.image, page.dpi):
                yield PageSignal(starts=False, dropped=True, why="Rückseite des Trennblatts")
            else:
                department = mark.department if mark is not None else None
                yield PageSignal(starts=mark is not None, department=department)
            after_sheet = mode == "sheet" and mark is not None


def _sheet(mark: Mark) -> PageSignal:
    return PageSignal(starts=True, dropped=True, department=mark.department, why="Trennblatt")


def _auto_signals(path: Path, ctx: Context) -> Iterator[PageSignal]:
    """Each page cleaned and its top read, as the pipeline reads a header."""
    cfg = ctx.config.ocr
    before: letterstart.Numbering | None = None
    with closing(load.load_pages(path, cfg.header_dpi)) as pages:
        for page in pages:
            page = prepared(imaging.at_most(page, cfg.header_dpi), ctx)
            if page.image is not None and not page.blank:
                rows = imaging.header_cut(page.image, page.dpi, cfg.header_fraction)
                page = ocr.recognise_header(page, cfg, rows)
            yield letterstart.page_signal(page, before)
            if not page.blank:
                before = letterstart.numbering(page.text)


def parts_folder(path: Path) -> Path:
    """Where the documents of the stack at ``work/inflight/<id>/<name>`` are written."""
    return path.parent.with_name(path.parent.name + PARTS_SUFFIX)


def write_parts(
    path: Path, stack: StackPlan, stack_sha256: str, folder: Path | None = None
) -> tuple[StackPart, ...]:
    """A file per document of ``stack`` in ``folder`` (default ``parts_folder(path)``),
    durably written; their records for the journal."""
    folder = folder or parts_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    kind = sniff(path)
    write = _pdf_part if kind == "pdf" else _tiff_part if kind == "tiff" else _single_page
    written = []
    scanned = path.stat()
    stack_pages = load.page_count(path)
    document_pages = sum(part.last - part.first + 1 for part in stack.parts)
    for part in stack.parts:
        target = folder / f"{path.stem}-{part.first:03d}-{part.last:03d}{path.suffix}"
        atomic_write_bytes(target, write(path, part))
        # The scan's time stays the document's (the transfer note's scanned_at).
        os.utime(target, ns=(scanned.st_atime_ns, scanned.st_mtime_ns))
        written.append(
            StackPart(
                str(target),
                file_sha256(target),
                stack_sha256,
                part.first,
                part.last,
                part.department,
                stack_pages,
                document_pages,
                len(stack.dropped),
            )
        )
    fsync_dir(folder)
    return tuple(written)


def _pdf_part(path: Path, part: Part) -> bytes:
    reader = pypdf.PdfReader(path)
    writer = pypdf.PdfWriter()
    for index in range(part.first - 1, part.last):
        writer.add_page(reader.pages[index])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _single_page(path: Path, part: Part) -> bytes:
    """A JPEG or PNG holds one page: the document is the file itself."""
    return path.read_bytes()


def _tiff_part(path: Path, part: Part) -> bytes:
    frames = []
    with Image.open(path) as image:
        for index in range(part.first - 1, part.last):
            image.seek(index)
            frames.append((image.copy(), image.info.get("compression", "raw"), image.info))
    buffer = io.BytesIO()
    first, compression, info = frames[0]
    first.save(
        buffer,
        "TIFF",
        save_all=True,
        append_images=[frame for frame, _, _ in frames[1:]],
        compression=compression,
        dpi=info.get("dpi", (300, 300)),
    )
    return buffer.getvalue()

"""``semantha process FILE...``: documents read side by side, one process per core.

Tesseract runs one thread per process (``OMP_THREAD_LIMIT=1``), so a lone process
reads one document's pages in parallel but waits for the next document while the
header of page one, most of a routing read, keeps a single core busy. Several
documents in separate processes keep every core busy; each reader gets its share
of the cores for its page threads (``build_context``), never more than the machine has.
Results come back in the order of the files given, as the sequential loop gave them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from semantha.config import AppConfig
from semantha.service.executor import process_context
from semantha.service.memory import limit_address_space, tune_allocator
from semantha.service.worker import build_context

if TYPE_CHECKING:
    from semantha.pipeline import Context
    from semantha.records import Outcome

Row = TypeVar("Row")

_reader: dict[str, Context] = {}  # this reader process's context, built once


def readers_for(files: int, cores: int | None = None) -> int:
    """How many documents to read at once: one per core, no more than there are files."""
    return max(1, min(files, cores or os.cpu_count() or 1))


def process_all(
    files: Iterable[Path],
    config: AppConfig,
    row: Callable[[Outcome], Row],
    readers: int,
    dry_run: bool = False,
    full_text: bool = False,
    log_setup: Callable[[], None] | None = None,
) -> Iterator[Row]:
    """``row`` of each file's outcome, in the order of ``files``; ``readers`` processes
    read at once (1: this process reads them one after the other). ``row`` runs in
    the reader and must return something small and picklable (no page images)."""
    one = partial(_process_one, row=row, dry_run=dry_run, full_text=full_text)
    if readers <= 1:
        _reader["ctx"] = build_context(config)
        yield from map(one, files)
        return
    with ProcessPoolExecutor(
        readers,
        mp_context=process_context(("semantha.pipeline",)),
        initializer=_setup_reader,
        initargs=(config, readers, log_setup),
    ) as pool:
        yield from pool.map(one, files)


def _setup_reader(config: AppConfig, readers: int, log_setup: Callable[[], None] | None) -> None:
    if log_setup is not None:
        log_setup()
    tune_allocator()
    limit_address_space(config.service.worker_memory_mb)
    _reader["ctx"] = build_context(config, workers=readers)


def _process_one(path: Path, row: Callable[[Outcome], Any], dry_run: bool, full_text: bool) -> Any:
    from semantha.pipeline import process_file

    return row(process_file(path, _reader["ctx"], dry_run=dry_run, full_text=full_text))

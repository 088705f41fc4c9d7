"""A progress bar on stderr for long runs over labelled documents."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")
BAR_FROM = 20  # documents; shorter runs finish before a bar would help


def progress(items: Iterable[T], what: str, total: int) -> Iterator[T]:
    """Items as they come, with a bar labelled ``what`` once there are enough of them."""
    return iter(
        tqdm(items, desc=what, total=total, unit="doc", file=sys.stderr, disable=total < BAR_FROM)
    )

"""Progress bars on stderr for long runs of the tools (``samples``, ``train``, ``evaluate``).

tqdm comes with the ``tools`` extra: the service does without it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from semantha.errors import EnvironmentCheckError

try:
    from tqdm import tqdm
except ModuleNotFoundError as exc:
    raise EnvironmentCheckError(
        "the tools need tqdm, which is not installed",
        "install the tools extra: pip install 'semantha[tools]' (scripts/setup.sh does)",
    ) from exc

T = TypeVar("T")
BAR_FROM = 20  # documents; shorter runs finish before a bar would help


def progress(items: Iterable[T], what: str, total: int) -> Iterator[T]:
    """Items as they come, with a bar labelled ``what`` once there are enough of them."""
    return iter(
        tqdm(items, desc=what, total=total, unit="doc", file=sys.stderr, disable=total < BAR_FROM)
    )


@contextmanager
def counter(total: int) -> Iterator[Callable[[], None]]:
    """A function that moves a bar on by one document; no bar when stderr is not a terminal."""
    disable = total < BAR_FROM or not sys.stderr.isatty()
    with tqdm(total=total, unit="doc", file=sys.stderr, disable=disable) as bar:

        def advance() -> None:
            bar.update()

        yield advance

"""Keep a long-running reader's memory flat: large page buffers go back to the system,
and bound it: a worker's address space is limited (``limit_address_space``).

glibc serves big allocations from its heap once a freed one raised its dynamic mmap
threshold (up to 32 MB), and gives every thread its own arena; page images of 1-35 MB
then stay resident long after the page is read. A fixed 1 MiB threshold and two arenas
keep the peak of a two-thread reader about 25 MB lower (benchmarks/long_document.py).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import resource

_M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
_M_ARENA_MAX = -8
MMAP_THRESHOLD_BYTES = 1 << 20
ARENA_MAX = 2


def tune_allocator() -> bool:
    """Apply the settings above; False where the C library is not glibc (nothing to do)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        mallopt = getattr(libc, "mallopt", None)
    except OSError:
        mallopt = None
    if mallopt is None:
        return False
    # Called before logging is set up: the result is returned, not logged.
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) and bool(
        mallopt(_M_ARENA_MAX, ARENA_MAX)
    )


def limit_address_space(megabytes: int) -> None:
    """Limit this process's address space (RLIMIT_AS) to ``megabytes``; 0 leaves it.

    A page that needs more then fails with MemoryError in this process (the pipeline
    quarantines its document) instead of pushing the machine into swap. A worker
    reading normal mail maps about 0.9 GB (a third of it resident).
    """
    if megabytes <= 0:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = megabytes << 20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))

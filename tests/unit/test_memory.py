"""The allocator tuning: a freed page buffer goes back to the system at once."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import numpy as np
from semantha.service.memory import tune_allocator

def rss_kb():
    return int(open("/proc/self/statm").read().split()[1]) * 4

if sys.argv[1] == "tuned":
    assert tune_allocator()
page = np.ones(9_000_000, dtype=np.uint8)  # a 300 dpi A4 page in grey, about 9 MB
del page  # glibc, untuned, now serves buffers of this size from its heap
before = rss_kb()
pages = [np.ones(9_000_000, dtype=np.uint8) for _ in range(3)]
del pages
print(rss_kb() - before)
"""


def _kept_kb(mode: str) -> int:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True
    )
    return int(result.stdout.split()[-1])


def test_tuned_allocator_returns_freed_pages() -> None:
    assert _kept_kb("tuned") < 2_000
    assert _kept_kb("default") > 8_000  # the behaviour the tuning exists to avoid

"""Tesseract reads with one thread in every kind of worker process.

libgomp takes up OMP_THREAD_LIMIT once, when libtesseract is loaded, and ``ocr`` sets
it before loading it. Each case starts a fresh interpreter whose environment lacks
the variable, so only Semantha's own code can set it in the workers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]

POOL = """
import json, multiprocessing, sys
from concurrent.futures import ProcessPoolExecutor
from ocrthreads import read_a_line

context = multiprocessing.get_context(sys.argv[1])
if sys.argv[1] == "forkserver":  # as the service starts its workers on Linux
    context.set_forkserver_preload(["semantha.service.loop", "semantha.pipeline"])
with ProcessPoolExecutor(1, mp_context=context) as pool:
    print(json.dumps(pool.submit(read_a_line).result()))
"""


# fork: ``semantha model`` (ProcessPoolExecutor's default on Linux); forkserver: the
# service on Linux; spawn: the service elsewhere.
@pytest.mark.parametrize("start_method", ["fork", "forkserver", "spawn"])
def test_workers_read_with_one_tesseract_thread(start_method: str) -> None:
    env = {name: value for name, value in os.environ.items() if name != "OMP_THREAD_LIMIT"}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), str(REPO / "tests")])
    done = subprocess.run(
        [sys.executable, "-c", POOL, start_method],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(done.stdout.splitlines()[-1])
    assert report == {
        "text": "Sehr geehrte Damen und Herren",
        "threads_added": 0,
        "environ": "1",
        "libgomp": 1,
    }

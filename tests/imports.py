"""Which libraries a fresh interpreter has imported after running some code."""

from __future__ import annotations

import json
import subprocess
import sys


def imported_after(code: str, packages: tuple[str, ...]) -> list[str]:
    """The modules of ``packages`` in ``sys.modules`` once ``code`` ran in a new process."""
    report = (
        "import json, sys\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {packages!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{report}"], capture_output=True, text=True, check=True
    )
    return list(json.loads(done.stdout.splitlines()[-1]))

"""The key that signs the station's session cookies: made on first start, kept in work/.

Kept readable by its owner only (0600). Whoever holds it can forge a login, so it is
never logged or shown; deleting it logs everybody out.
"""

from __future__ import annotations

import secrets
import stat
from pathlib import Path

from semantha.errors import StartupError
from semantha.fsutil import atomic_write_bytes

SECRET_NAME = "station-secret"
PRIVATE_MODE = 0o600


def session_secret(work: Path) -> str:
    """The secret in ``work``, made there the first time it is needed."""
    path = work / SECRET_NAME
    if not path.exists():
        work.mkdir(parents=True, exist_ok=True)
        try:
            data = secrets.token_urlsafe(48).encode("ascii")
            atomic_write_bytes(path, data, exclusive=True, mode=PRIVATE_MODE)
        except FileExistsError:
            pass  # another station started at the same moment: use its secret
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise StartupError(
            f"the session secret {path} can be read by other users",
            f"chmod 600 {path} (or delete it: a new one is made and everybody logs in again)",
        )
    return path.read_text(encoding="ascii").strip()

"""The review station's users file: names, offices and scrypt password hashes.

A hash is stored with its parameters (``scrypt$n$r$p$salt$hash``, base64), so they
can be raised later without making the stored passwords unusable. The file holds
hashes only, is written atomically with mode 0600, and a lock keeps two ``users add``
from losing each other's change.
"""

from __future__ import annotations

import base64
import fcntl
import functools
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from semantha.errors import ConfigError, SemanthaError
from semantha.fsutil import atomic_write_bytes

# OWASP's minimum for scrypt: 32 MiB, about half a second a check on this machine's
# 2 cores; slow for anybody guessing, bearable once a day at a login.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 3
SALT_BYTES = 16
KEY_BYTES = 32
MIN_PASSWORD_LENGTH = 10
MAX_NAME_LENGTH = 64
PRIVATE_MODE = 0o600


@dataclass(frozen=True)
class User:
    name: str
    office: str | None  # an office id: the user sees that office's documents only


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join(("scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(key)))


def password_matches(password: str, stored: str) -> bool:
    """Whether ``password`` gives ``stored``; compared in constant time."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # OpenSSL refuses more than 32 MiB unless allowed; scrypt needs 128*n*r bytes.
    maxmem = 256 * n * r
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=KEY_BYTES
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@functools.cache
def _unknown_user_hash() -> str:
    """A hash to check against when the name is unknown, so that the answer takes as
    long as for a known name and does not tell which names exist."""
    return hash_password(secrets.token_urlsafe(16))


class UsersFile:
    """``users.json``: ``{"users": {name: {"password": hash, "office": id|null}}}``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _entries(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"the users file {self.path} cannot be read ({exc})",
                "restore it from a backup, or move it away and add the users again",
            ) from exc
        users = data.get("users") if isinstance(data, dict) else None
        if not isinstance(users, dict):
            raise ConfigError(
                f"the users file {self.path} has no 'users' table",
                "restore it from a backup, or move it away and add the users again",
            )
        return users

    def find(self, name: str) -> User | None:
        entry = self._entries().get(name)
        return None if entry is None else User(name, entry.get("office"))

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when name and password match, else None."""
        entry = self._entries().get(name)
        stored = entry.get("password", "") if entry else _unknown_user_hash()
        if not password_matches(password, stored) or entry is None:
            return None
        return User(name, entry.get("office"))

    def add(self, name: str, password: str, office: str | None) -> bool:
        """Add a user, or give an existing one a new password and office.

        Returns True when the user is new."""
        check_name(name)
        if len(password) < MIN_PASSWORD_LENGTH:
            raise SemanthaError(
                f"the password is shorter than {MIN_PASSWORD_LENGTH} characters",
                "choose a longer one; a sentence of a few words is easy to remember",
            )
        with self._locked():
            users = self._entries()
            new = name not in users
            users[name] = {"password": hash_password(password), "office": office}
            data = json.dumps({"users": users}, ensure_ascii=False, indent=2) + "\n"
            atomic_write_bytes(self.path, data.encode("utf-8"), mode=PRIVATE_MODE)
        return new

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = self.path.with_name(self.path.name + ".lock")
        with lock.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield


def check_name(name: str) -> None:
    if not name or len(name) > MAX_NAME_LENGTH or not name.isprintable() or name != name.strip():
        raise SemanthaError(
            f"{name!r} is not a usable user name",
            f"use up to {MAX_NAME_LENGTH} printable characters without spaces at either end",
        )

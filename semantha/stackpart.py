"""A document cut from a scanned stack: a record small enough for the service's main
process, which journals it without loading the page libraries that ``records`` needs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StackPart:
    """A document split from a scanned stack: the file written for it in work/ and its
    sha256, the stack's sha256 and the document's pages in the stack (1-based, inclusive),
    and the office a separator sheet before it named (a clerk's pre-sorted stack)."""

    path: str
    sha256: str
    stack_sha256: str
    first: int
    last: int
    department: str | None = None

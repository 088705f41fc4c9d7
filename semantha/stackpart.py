"""A document cut from a scanned stack: a record small enough for the service's main
process, which journals it without loading the page libraries that ``records`` needs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StackPart:
    """A document split from a scanned stack: the file written for it in work/ and its
    sha256, the stack's sha256 and the document's pages in the stack (1-based, inclusive),
    the office a separator sheet before it named (a clerk's pre-sorted stack), and the
    stack's completeness: its pages, those in all its documents together, and those in
    none (separator sheets and their blank backs)."""

    path: str
    sha256: str
    stack_sha256: str
    first: int
    last: int
    department: str | None = None
    stack_pages: int = 0
    document_pages: int = 0
    dropped_pages: int = 0

    @property
    def stack_complete(self) -> bool:
        """Every page of the stack is in a document or was dropped as a sheet."""
        return self.document_pages + self.dropped_pages == self.stack_pages

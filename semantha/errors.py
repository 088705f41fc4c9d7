"""One exception tree for Semantha; each class carries the process exit code.

    SemanthaError (1)
    ├── StartupError (2)                 stop the service, say what to fix
    │   ├── ConfigError (3)              config.yaml or rules/*.yaml invalid
    │   ├── EnvironmentCheckError (4)    tesseract/language/poppler/folders missing
    │   └── ModelError (5)               classifier unloadable, corrupt or wrong version
    └── DocumentError (10)               this document only; the service goes on
        ├── InputError (11)              unreadable, empty, encrypted, wrong type -> quarantine
        │   └── ReviewNotFound (11)      no document in review answers to the id or path given
        ├── OcrError (12)                tesseract failed or timed out -> quarantine
        ├── DeliveryError (13)           target missing/read-only/full -> retry, then review
        ├── GuiError (14)                GUI script failed -> screenshot, review
        └── AlreadyResolved (15)         another person resolved this review item first

The library raises, the CLI translates: only ``semantha.cli`` turns these into
messages and exit codes. ``hint`` tells the operator what to do.
"""

from __future__ import annotations


class SemanthaError(Exception):
    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class StartupError(SemanthaError):
    exit_code = 2


class ConfigError(StartupError):
    exit_code = 3


class EnvironmentCheckError(StartupError):
    exit_code = 4


class ModelError(StartupError):
    exit_code = 5


class DocumentError(SemanthaError):
    exit_code = 10


class InputError(DocumentError):
    exit_code = 11


class ReviewNotFound(InputError):  # noqa: N818 -- named for what happened, like the others
    pass


class OcrError(DocumentError):
    exit_code = 12


class DeliveryError(DocumentError):
    exit_code = 13


class GuiError(DocumentError):
    exit_code = 14


class AlreadyResolved(DocumentError):  # noqa: N818 -- named for what happened
    exit_code = 15

"""Active content in a PDF: found and removed from the copy an office receives.

A scan never needs JavaScript, launch actions, embedded files or automatic actions,
but a PDF that arrives by mail may carry them, and a DMS user opening the delivered
copy would run them. The policy: the delivered copy is the same PDF without them;
the sidecar lists what was removed and keeps the original's sha256 (the document's
id); the original itself goes to the archive unchanged, as every original does.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from semantha.errors import DeliveryError

# Actions that run code, open other files or programs, or send data away.
_RUNNING_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/GoToE",
        "/GoToR",
        "/RichMediaExecute",
        "/Rendition",
    }
)
# Annotations that carry a file or play media.
_CARRYING_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen"})
_NAME_TREES = ("/JavaScript", "/EmbeddedFiles")
_BACK_LINKS = frozenset({"/Parent", "/P", "/Prev", "/Last"})  # reached from above anyway


def without_active_content(source: Path) -> tuple[bytes, tuple[str, ...]] | None:
    """The PDF ``source`` without its active content and what was removed, or None
    when it has none. DeliveryError when the PDF cannot be checked."""
    try:
        with pikepdf.open(source) as pdf:
            removed: set[str] = set()
            _clean(pdf.Root, removed, set())
            if not removed:
                return None
            out = io.BytesIO()
            # deterministic: a retry writes the same bytes, which delivery recognises
            pdf.save(out, deterministic_id=True)
    except pikepdf.PdfError as exc:
        raise DeliveryError(
            f"{source.name}: the PDF could not be checked for active content ({exc})",
            "open it in a PDF tool that repairs files, save it again and put it into the inbox",
        ) from exc
    return out.getvalue(), tuple(sorted(removed))


def _clean(obj: pikepdf.Object, removed: set[str], seen: set[tuple[int, int]]) -> None:
    """Remove active content from ``obj`` and everything it refers to (each object once)."""
    if isinstance(obj, pikepdf.Array):
        for item in obj:
            _clean(item, removed, seen)
        return
    if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        return
    if obj.is_indirect:
        if obj.objgen in seen:
            return
        seen.add(obj.objgen)
    _remove_actions(obj, removed)
    if isinstance(obj.get("/Names"), pikepdf.Dictionary):
        names = obj["/Names"]
        for tree in _NAME_TREES:
            if tree in names:
                del names[tree]
                removed.add(f"/Names {tree}")
    if isinstance(obj.get("/AcroForm"), pikepdf.Dictionary) and "/XFA" in obj["/AcroForm"]:
        del obj["/AcroForm"]["/XFA"]  # XFA forms carry their own scripts
        removed.add("/AcroForm /XFA")
    annotations = obj.get("/Annots")
    if isinstance(annotations, pikepdf.Array):
        _remove_annotations(annotations, removed)
    for key in list(obj.keys()):
        if key not in _BACK_LINKS:
            _clean(obj[key], removed, seen)


def _remove_actions(obj: pikepdf.Dictionary | pikepdf.Stream, removed: set[str]) -> None:
    if "/AA" in obj:  # automatic actions: on open, close, print, page view, field focus
        del obj["/AA"]
        removed.add("/AA")
    for key in ("/OpenAction", "/A", "/Next"):
        action = obj.get(key)
        if isinstance(action, pikepdf.Dictionary) and _runs_something(action):
            del obj[key]
            removed.add(f"{key} {action.get('/S', '/JS')}")


def _runs_something(action: pikepdf.Dictionary) -> bool:
    return "/JS" in action or str(action.get("/S", "")) in _RUNNING_ACTIONS


def _remove_annotations(annotations: pikepdf.Array, removed: set[str]) -> None:
    for index in reversed(range(len(annotations))):
        annotation = annotations[index]
        if not isinstance(annotation, pikepdf.Dictionary):
            continue
        subtype = str(annotation.get("/Subtype", ""))
        if subtype in _CARRYING_ANNOTATIONS:
            del annotations[index]
            removed.add(f"/Annots {subtype}")

"""The station's pages: login, the queue (Prüfliste), one document, its decision, status.

A document is only ever looked up by its review id among the queue's items: a URL
that is not a review id, or names a document this user may not see, is 404 before
any file is touched. Every view of a document (page, page image) is an audit line.
Routes that touch files are plain functions, which Starlette runs in its thread pool.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

import structlog
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from semantha.errors import DocumentError, InputError
from semantha.service import audit, metrics
from semantha.service.review import AlreadyResolved, ReviewItem, ReviewQueue
from semantha.service.stackreview import proposed_ranges, split_in_review
from semantha.station import status
from semantha.station.auth import current_user, log_in, log_out, safe_next
from semantha.station.csrf import session_token
from semantha.station.users import User

if TYPE_CHECKING:
    from semantha.station.app import Station

log = structlog.get_logger(__name__)

REVIEW_ID = re.compile(r"[0-9a-f]{12}")
FIELD_NAMES = ("aktenzeichen", "date", "subject")
NO_OFFICE = "none"  # the form's value for "für kein Amt", as in `review resolve --department none`
FLASH_KEY = "flash"
TIME_FORMAT = "%d.%m.%Y %H:%M"


def _station(request: Request) -> Station:
    station: Station = request.app.state.station
    return station


def _render(
    request: Request,
    template: str,
    status_code: int = 200,
    items: Sequence[ReviewItem] | None = None,
    **context: Any,
) -> Response:
    """A page; ``items``: the user's queue, whose size the header shows."""
    context.update(
        user=request.scope.get("user"),
        can_log_out=_station(request).config.station.auth == "password",
        csrf_token=session_token(request.session),
        flash=request.session.pop(FLASH_KEY, None),
        queue_size=None if items is None else len(items),
    )
    return _station(request).templates.TemplateResponse(
        request,
        template,
        context,
        status_code=status_code,
        headers={"Cache-Control": "no-store"},  # letters stay out of the browser's cache
    )


def not_found(request: Request, exc: Exception) -> Response:
    return _render(
        request,
        "message.html",
        404,
        heading="Nicht gefunden",
        text="Diese Seite gibt es nicht, oder das Dokument ist nicht (mehr) in der Prüfliste.",
    )


# --- login ---------------------------------------------------------------------------------


def home(request: Request) -> Response:
    return RedirectResponse("/pruefliste", 303)


def login_page(request: Request) -> Response:
    target = safe_next(request.query_params.get("weiter"))
    return _render(request, "login.html", next=target, name="")


async def login(request: Request) -> Response:
    station = _station(request)
    form = await request.form()
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    target = safe_next(str(form.get("weiter", "")))
    user = await run_in_threadpool(station.users.authenticate, name, password)
    if user is None:
        log.info("station.login_failed")
        return _render(request, "login.html", 401, next=target, name=name, failed=True)
    log_in(request.session, user)
    await run_in_threadpool(audit.append, station.config.paths.work, "station.login", user.name)
    return RedirectResponse(target, 303)


def logout(request: Request) -> Response:
    audit.append(_station(request).config.paths.work, "station.logout", current_user(request).name)
    log_out(request.session)
    return RedirectResponse("/anmelden", 303)


# --- the queue -------------------------------------------------------------------------------


def _visible(item: ReviewItem, user: User) -> bool:
    """An office's clerk sees what was proposed for the office and what it sent back."""
    return user.office is None or user.office in (item.department, item.returned_by)


def _items(queue: ReviewQueue, user: User) -> list[ReviewItem]:
    """The queue as this user sees it, oldest first."""
    return [item for item in queue.items() if _visible(item, user)]


def _item(queue: ReviewQueue, items: Sequence[ReviewItem], review_id: str) -> ReviewItem:
    """The item of ``review_id`` among the user's ``items``, else 404.

    Raises AlreadyResolved for a document decided since (the queue remembers)."""
    if not REVIEW_ID.fullmatch(review_id):
        raise HTTPException(404)
    found = next((item for item in items if item.id == review_id), None)
    if found is not None:
        return found
    with contextlib.suppress(InputError):
        queue.find(review_id)  # raises AlreadyResolved when it was decided
    raise HTTPException(404)


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime(TIME_FORMAT)


def _percent(probability: float) -> str:
    return f"{round(100 * probability)} %"


def _office(station: Station, department: str | None) -> str:
    if department is None or department in ("", NO_OFFICE):  # "": the model's "no office"
        return "für kein Amt"
    found = station.ctx.rules.department(department)
    return f"{department} · {found.name}" if found else department


def _proposal(station: Station, item: ReviewItem) -> str:
    proposed = _proposed_department(item)
    office = None if proposed is None else _office(station, proposed)
    return " / ".join(part for part in (office, item.doctype) if part) or "–"


def queue_page(request: Request) -> Response:
    station = _station(request)
    queue = ReviewQueue(station.config)
    items = _items(queue, current_user(request))
    rows = [
        {
            "id": item.id,
            "queued": _local(item.queued_at),
            "subject": item.fields.get("subject") or item.file.name,
            "proposal": _proposal(station, item),
            "confidence": _percent(item.confidence),
            "reason": item.reason,
            "returned_by": item.returned_by and _office(station, item.returned_by),
            "pages": item.pages,
        }
        for item in items
    ]
    if items:
        _warm(station, queue, items[0])
    return _render(request, "queue.html", items=items, rows=rows, active="queue")


# --- one document ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    percent: str = ""


class _Opened(NamedTuple):
    """The document a URL names, with the queue as its user sees it."""

    station: Station
    user: User
    queue: ReviewQueue
    items: list[ReviewItem]
    item: ReviewItem


def _open(request: Request) -> _Opened | Response:
    """The document of the URL's review id, or the 409 page when a colleague decided it."""
    station = _station(request)
    user = current_user(request)
    queue = ReviewQueue(station.config)
    items = _items(queue, user)
    try:
        item = _item(queue, items, request.path_params["review_id"])
    except AlreadyResolved:
        return _already_decided(request, items)
    return _Opened(station, user, queue, items, item)


def document_page(request: Request) -> Response:
    opened = _open(request)
    if isinstance(opened, Response):
        return opened
    station, user, queue, items, item = opened
    audit.append(
        station.config.paths.work, "station.view", user.name, sha256=item.sha256, part="document"
    )
    log.info("station.view", doc_id=item.id, part="document")
    following = [other for other in items if other.id != item.id]
    if following:  # the document that opens after this decision
        _warm(station, queue, following[0])
    return _document(request, queue, items, item)


def _document(
    request: Request,
    queue: ReviewQueue,
    items: Sequence[ReviewItem],
    item: ReviewItem,
    status_code: int = 200,
    error: str = "",
) -> Response:
    station = _station(request)
    rules = station.ctx.rules
    position = next((n for n, other in enumerate(items, 1) if other.id == item.id), 1)
    doc = {
        "id": item.id,
        "pages": item.pages,
        "position": position,
        "total": max(len(items), position),
        "queued": _local(item.queued_at),
        "reason": item.reason,
        "returned_by": item.returned_by and _office(station, item.returned_by),
        "ranges": proposed_ranges(item.reason) if item.pages > 1 else "",
    }
    return _render(
        request,
        "document.html",
        status_code,
        items=items,
        doc=doc,
        text=queue.text(item),
        proposal={"department": _proposed_department(item), "doctype": item.doctype},
        department_picks=_picks(item, "department", lambda d: _office(station, d)),
        doctype_picks=_picks(item, "doctype", str),
        departments=[
            Choice(NO_OFFICE, _office(station, None)),
            *(Choice(d.id, _office(station, d.id)) for d in rules.departments),
        ],
        doctypes=rules.doctypes,
        fields={
            **{name: item.fields.get(name, "") for name in FIELD_NAMES},
            "date": _german_date(item.fields.get("date", "")),
        },
        error=error,
    )


def _proposed_department(item: ReviewItem) -> str | None:
    """Semantha's office for the form: its decision, or "none" when the model found the
    letter to be for no office; None when it proposed nothing, or only the office that
    sent the letter back."""
    if item.department is not None:
        return None if item.department == item.returned_by else item.department
    top = item.suggestions.get("department", ())
    return NO_OFFICE if top and top[0].label == "" else None


def _picks(item: ReviewItem, head: str, label: Callable[[str], str]) -> list[Choice]:
    return [
        Choice(s.label or NO_OFFICE, label(s.label), _percent(s.probability))
        for s in item.suggestions.get(head, ())[:3]
    ]


def _warm(station: Station, queue: ReviewQueue, item: ReviewItem) -> None:
    """Have the first page of ``item`` made before the clerk opens it."""
    if item.pages:
        station.images.warm(item.file, item.sha256, 0, queue.turns(item)[0])


def page_image(request: Request) -> Response:
    station = _station(request)
    user = current_user(request)
    queue = ReviewQueue(station.config)
    try:
        item = _item(queue, _items(queue, user), request.path_params["review_id"])
    except AlreadyResolved:
        raise HTTPException(404) from None
    page: int = request.path_params["page"]
    if not 1 <= page <= item.pages:
        raise HTTPException(404)
    try:
        turns = queue.turns(item)[page - 1]
        data = station.images.jpeg(item.file, item.sha256, page - 1, turns)
    except InputError:  # decided and moved away meanwhile, or unreadable
        raise HTTPException(404) from None
    audit.append(
        station.config.paths.work,
        "station.view",
        user.name,
        sha256=item.sha256,
        part="page",
        page=page,
    )
    log.info("station.view", doc_id=item.id, part="page", page=page)
    return Response(data, media_type="image/jpeg", headers={"Cache-Control": "no-store"})


# --- the decision ------------------------------------------------------------------------------


class FormError(Exception):
    """A decision the station cannot carry out as sent; the message says what to fix."""


GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def _german_date(iso: str) -> str:
    """2024-11-01 as 01.11.2024 (a value that is no date stays as it is)."""
    try:
        return date.fromisoformat(iso).strftime("%d.%m.%Y")
    except ValueError:
        return iso


def _iso_date(typed: str) -> str:
    """A date as the clerk typed it (01.11.2024, or 2024-11-01) as 2024-11-01."""
    if not typed:
        return ""
    german = GERMAN_DATE.fullmatch(typed)
    try:
        if german:
            day, month, year = (int(part) for part in german.groups())
            return date(year, month, day).isoformat()
        return date.fromisoformat(typed).isoformat()
    except ValueError:
        raise FormError(f"„{typed}“ ist kein Datum: bitte als TT.MM.JJJJ eingeben.") from None


@dataclass(frozen=True)
class ClerkChoice:
    department: str | None  # None: für kein Amt
    doctype: str | None
    fields: dict[str, str]  # the fields the clerk changed


def _choice(form: Mapping[str, Any], item: ReviewItem, station: Station) -> ClerkChoice:
    rules = station.ctx.rules
    action = form.get("aktion")
    if action == "bestaetigen":
        proposed = _proposed_department(item)
        if proposed is None:
            raise FormError("Semantha hat nichts vorgeschlagen: bitte ein Amt wählen.")
        return ClerkChoice(None if proposed == NO_OFFICE else proposed, item.doctype, {})
    edited = {name: str(form.get(name, "")).strip() for name in FIELD_NAMES}
    edited["date"] = _iso_date(edited["date"])
    changed = {name: value for name, value in edited.items() if value != item.fields.get(name, "")}
    doctype = str(form.get("doctype", "")) or None
    if doctype is not None and doctype not in rules.doctypes:
        raise FormError("Diesen Dokumenttyp gibt es nicht.")
    if action == "keinamt":
        return ClerkChoice(None, doctype, changed)
    if action != "korrigieren":
        raise FormError("Bitte Bestätigen, Korrigieren oder Für kein Amt wählen.")
    department = str(form.get("department", ""))
    if department == NO_OFFICE:
        return ClerkChoice(None, doctype, changed)
    if department not in rules.department_ids:
        raise FormError("Bitte ein Amt wählen.")
    return ClerkChoice(department, doctype, changed)


async def decide(request: Request) -> Response:
    form = await request.form()
    values = {name: value for name, value in form.items() if isinstance(value, str)}
    return await run_in_threadpool(_decide, request, values)


def _decide(request: Request, form: Mapping[str, str]) -> Response:
    opened = _open(request)
    if isinstance(opened, Response):
        return opened
    station, user, queue, items, item = opened
    try:
        choice = _choice(form, item, station)
        queue.resolve(
            item.id,
            department=choice.department,
            doctype=choice.doctype,
            fields=choice.fields,
            user=user.name,
            ctx=station.ctx,
        )
    except AlreadyResolved:
        return _already_decided(request, _items(queue, user))
    except FormError as problem:
        return _document(request, queue, items, item, 422, str(problem))
    except DocumentError as exc:  # the routes or the delivery refused it: it stays in review
        log.warning("station.not_delivered", doc_id=item.id, error=type(exc).__name__)
        return _document(request, queue, items, item, 422, f"Nicht zugestellt: {exc.message}")
    log.info("station.decided", doc_id=item.id, department=choice.department)
    office = _office(station, choice.department)
    request.session[FLASH_KEY] = (
        f"Zugestellt an {office}." if choice.department else "Für kein Amt abgelegt."
    )
    following = _items(queue, user)
    return RedirectResponse(f"/dokument/{following[0].id}" if following else "/pruefliste", 303)


async def split(request: Request) -> Response:
    form = await request.form()
    ranges = form.get("seiten")
    return await run_in_threadpool(_split, request, ranges if isinstance(ranges, str) else "")


def _split(request: Request, ranges: str) -> Response:
    """A stack cut into documents by a person: the service reads and delivers each."""
    opened = _open(request)
    if isinstance(opened, Response):
        return opened
    station, user, queue, items, item = opened
    try:
        cut = split_in_review(station.config, item.id, ranges, user.name)
    except AlreadyResolved:
        return _already_decided(request, _items(queue, user))
    except InputError as problem:
        return _document(request, queue, items, item, 422, f"Nicht getrennt: {problem.message}")
    log.info("station.split", doc_id=item.id, documents=len(cut.documents))
    request.session[FLASH_KEY] = f"In {len(cut.documents)} Dokumente getrennt."
    following = _items(queue, user)
    return RedirectResponse(f"/dokument/{following[0].id}" if following else "/pruefliste", 303)


def _already_decided(request: Request, items: Sequence[ReviewItem]) -> Response:
    return _render(
        request,
        "message.html",
        409,
        items=items,
        heading="Schon entschieden",
        text="Eine Kollegin oder ein Kollege hat dieses Dokument bereits entschieden; "
        "es wird nur einmal zugestellt.",
        next_id=items[0].id if items else None,
    )


# --- metrics -------------------------------------------------------------------------------


def metrics_page(request: Request) -> Response:
    """The journal's figures for Prometheus; counts only, no letters, so no login."""
    data = metrics.exposition(_station(request).config)
    return Response(data, media_type=metrics.CONTENT_TYPE)


# --- status ------------------------------------------------------------------------------------


def status_page(request: Request) -> Response:
    station = _station(request)
    items = _items(ReviewQueue(station.config), current_user(request))
    report = status.report(station.config, review_waiting=len(items))
    return _render(request, "status.html", items=items, status=report, active="status")

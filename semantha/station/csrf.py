"""Cross-site request forgery: every POST must come from this site and carry the token.

Two checks, both required. The browser's own word: ``Sec-Fetch-Site`` and ``Origin``
must not name another site (a page elsewhere cannot fake these headers). And the
session's token, in the form field ``csrf_token`` or the ``X-CSRF-Token`` header
(htmx sends it from ``hx-headers``), which a page elsewhere cannot read.
"""

from __future__ import annotations

import hmac
import html
import secrets
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import Headers
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_FIELD = "csrf_token"
TOKEN_HEADER = "x-csrf-token"
SESSION_KEY = "csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# "none": the person typed the address or used a bookmark; anything but the same
# origin (another site, or another port of this host) is refused.
OWN_FETCH_SITES = frozenset({"same-origin", "none"})
MAX_FORM_BYTES = 64 * 1024  # the station's forms are a few hundred bytes
FORM_TYPE = "application/x-www-form-urlencoded"
REFUSED_PAGE = (
    '<!doctype html><html lang="de"><meta charset="utf-8"><title>Abgelehnt</title>'
    '<link rel="stylesheet" href="/static/station.css">'
    '<main class="message"><h1>Abgelehnt</h1><p>{text}</p>'
    '<p><a href="/pruefliste">Zur Prüfliste</a></p></main></html>'
)


def session_token(session: MutableMapping[str, Any]) -> str:
    """The session's token, made on first use."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        session[SESSION_KEY] = token
    return token


def from_another_site(headers: Headers) -> bool:
    """Whether the browser says this request was made by a page of another site."""
    site = headers.get("sec-fetch-site")
    if site is not None and site not in OWN_FETCH_SITES:
        return True
    origin = headers.get("origin")
    # Behind a TLS proxy the scheme differs from ours; the host and port must match.
    return origin is not None and urlsplit(origin).netloc != headers.get("host", "")


class CsrfMiddleware:
    """Refuses (403) any request but GET, HEAD and OPTIONS that fails either check.

    Sits inside the session middleware. A form's body is read here to find the
    token, then handed on to the route unchanged."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if from_another_site(headers):
            await _refuse(scope, receive, send, "Anfrage von einer anderen Website abgelehnt.")
            return
        body = await _read_body(receive)
        if body is None:
            await HTMLResponse(REFUSED_PAGE.format(text="Formular zu groß."), 413)(
                scope, receive, send
            )
            return
        expected = scope["session"].get(SESSION_KEY)
        supplied = headers.get(TOKEN_HEADER) or _form_token(headers, body)
        if not (isinstance(expected, str) and expected and supplied) or not hmac.compare_digest(
            supplied.encode(), expected.encode()
        ):
            await _refuse(
                scope, receive, send, "Sicherheitsprüfung fehlgeschlagen: bitte Seite neu laden."
            )
            return
        await self.app(scope, _replay(body, receive), send)


async def _read_body(receive: Receive) -> bytes | None:
    """The whole body, or None when it is larger than any form of the station."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _form_token(headers: Headers, body: bytes) -> str | None:
    if headers.get("content-type", "").split(";")[0].strip() != FORM_TYPE:
        return None
    values = parse_qs(body.decode("latin-1")).get(TOKEN_FIELD)
    return values[0] if values else None


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body once, then the connection's own messages (its disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _refuse(scope: Scope, receive: Receive, send: Send, text: str) -> None:
    page = REFUSED_PAGE.format(text=html.escape(text))
    await HTMLResponse(page, 403)(scope, receive, send)

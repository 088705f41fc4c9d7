"""Who is asking: a logged-in user of the users file, or the name a trusted proxy sends.

Every path but the login page, the static files and /metrics needs a user. Without
one, a browser is sent to the login page (or, behind a proxy, told 401). A user
removed from the users file is logged out with the next request.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any
from urllib.parse import quote

from starlette.requests import HTTPConnection
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from semantha.config import StationSettings
from semantha.errors import SemanthaError
from semantha.station.csrf import session_token
from semantha.station.users import User, UsersFile, check_name

LOGIN_PATH = "/anmelden"
PUBLIC_PATHS = frozenset({LOGIN_PATH, "/metrics"})
STATIC_PREFIX = "/static/"
SESSION_USER = "user"
TRUSTED_PROXY_HOST = "127.0.0.1"  # a proxy elsewhere could be anybody sending the header
NO_PROXY_USER_PAGE = (
    '<!doctype html><html lang="de"><meta charset="utf-8"><title>Nicht angemeldet</title>'
    '<link rel="stylesheet" href="/static/station.css">'
    '<main class="message"><h1>Nicht angemeldet</h1>'
    "<p>Die Anmeldung erfolgt über den Webserver davor; er hat keinen Namen übermittelt.</p>"
    "</main></html>"
)


class AuthMiddleware:
    """Puts the user (or None) into ``scope["user"]``; keeps strangers out."""

    def __init__(self, app: ASGIApp, settings: StationSettings, users: UsersFile) -> None:
        self.app = app
        self.settings = settings
        self.users = users

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        user = self._proxy_user(connection) if self.proxied else self._session_user(connection)
        scope["user"] = user
        path: str = scope["path"]
        if user is not None or path in PUBLIC_PATHS or path.startswith(STATIC_PREFIX):
            await self.app(scope, receive, send)
        elif self.proxied:
            await HTMLResponse(NO_PROXY_USER_PAGE, 401)(scope, receive, send)
        else:
            back = path + (f"?{connection.url.query}" if connection.url.query else "")
            target = f"{LOGIN_PATH}?weiter={quote(back, safe='')}"
            await RedirectResponse(target, 303)(scope, receive, send)

    @property
    def proxied(self) -> bool:
        return self.settings.auth == "proxy"

    def _session_user(self, connection: HTTPConnection) -> User | None:
        name = connection.session.get(SESSION_USER)
        return self.users.find(name) if isinstance(name, str) else None

    def _proxy_user(self, connection: HTTPConnection) -> User | None:
        client = connection.client
        name = connection.headers.get(self.settings.proxy_header, "").strip()
        if client is None or client.host != TRUSTED_PROXY_HOST or not name:
            return None
        try:
            check_name(name)
        except SemanthaError:
            return None
        # The users file may still give a proxy user an office.
        return self.users.find(name) or User(name, None)


def log_in(session: MutableMapping[str, Any], user: User) -> None:
    """A fresh session for ``user``: a token from before the login is not kept."""
    session.clear()
    session[SESSION_USER] = user.name
    session_token(session)


def log_out(session: MutableMapping[str, Any]) -> None:
    session.clear()


def current_user(connection: HTTPConnection) -> User:
    """The user the middleware let in (on any path that needs one)."""
    user = connection.scope.get("user")
    assert isinstance(user, User), "route outside the AuthMiddleware"
    return user


def safe_next(target: str | None) -> str:
    """Where to go after the login: a path of this site only, never another site."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/pruefliste"

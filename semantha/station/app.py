"""The review station as an ASGI app: routes, middleware, templates, static files.

    session cookie -> CSRF check (POST) -> user (login or proxy) -> route

Routes run their file and journal work in Starlette's thread pool, so one slow page
image does not hold up another clerk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from semantha.config import AppConfig
from semantha.pipeline import Context
from semantha.station import views
from semantha.station.auth import AuthMiddleware
from semantha.station.csrf import CsrfMiddleware
from semantha.station.pages import PageImages
from semantha.station.secret import session_secret
from semantha.station.users import UsersFile

HERE = Path(__file__).parent
SESSION_COOKIE = "semantha_station"


@dataclass(frozen=True)
class Station:
    """What every route needs, made once at start-up."""

    config: AppConfig
    ctx: Context
    users: UsersFile
    images: PageImages
    templates: Jinja2Templates


def create_app(config: AppConfig, ctx: Context) -> Starlette:
    users = UsersFile(config.users_file)
    station = Station(
        config=config,
        ctx=ctx,
        users=users,
        images=PageImages(),
        templates=Jinja2Templates(directory=HERE / "templates"),
    )
    settings = config.station
    middleware = [
        Middleware(
            SessionMiddleware,
            secret_key=session_secret(config.paths.work),
            session_cookie=SESSION_COOKIE,
            max_age=round(settings.session_hours * 3600),
            same_site="strict",
        ),
        Middleware(CsrfMiddleware),
        Middleware(AuthMiddleware, settings=settings, users=users),
    ]
    routes = [
        Route("/", views.home),
        Route("/anmelden", views.login_page, methods=["GET"]),
        Route("/anmelden", views.login, methods=["POST"]),
        Route("/abmelden", views.logout, methods=["POST"]),
        Route("/pruefliste", views.queue_page),
        Route("/dokument/{review_id}", views.document_page, methods=["GET"]),
        Route("/dokument/{review_id}", views.decide, methods=["POST"]),
        Route("/dokument/{review_id}/trennen", views.split, methods=["POST"]),
        Route("/dokument/{review_id}/seite/{page:int}", views.page_image),
        Route("/status", views.status_page),
        Route("/metrics", views.metrics_page),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={404: views.not_found})
    app.state.station = station
    return app

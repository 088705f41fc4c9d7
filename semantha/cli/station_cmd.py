"""The review station: serve (the web app) and users add (who may log in)."""

from __future__ import annotations

import argparse
import getpass
import sys

from semantha.cli.common import load_and_log
from semantha.errors import SemanthaError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = subparsers.add_parser(
        "serve", help="the review station in the browser: people decide what Semantha was unsure of"
    )
    serve.add_argument("--host", help="address to listen on (default: station.host, 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default: station.port)")
    serve.set_defaults(handler=run_serve)

    users = subparsers.add_parser("users", help="the review station's users")
    users_sub = users.add_subparsers(dest="users_command", required=True, metavar="COMMAND")
    add = users_sub.add_parser("add", help="add a user, or give one a new password")
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--office", metavar="ID", help="an office id: the user sees only that office's documents"
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (for scripts)",
    )
    add.set_defaults(handler=run_users_add)


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from semantha.service.worker import build_context
    from semantha.station.app import create_app

    config = load_and_log(args, console_level="INFO")
    host = args.host or config.station.host
    port = args.port or config.station.port
    app = create_app(config, build_context(config))
    if config.station.auth == "password" and not config.users_file.exists():
        print(
            f"semantha: no users yet; add one with `semantha users add NAME` ({config.users_file})",
            file=sys.stderr,
        )
    print(f"review station on http://{host}:{port}/ (stop with Ctrl+C)", file=sys.stderr)
    # log_config=None: uvicorn's messages go through Semantha's logging set-up.
    uvicorn.run(app, host=host, port=port, log_config=None, server_header=False)
    return 0


def run_users_add(args: argparse.Namespace) -> int:
    from semantha.rulefiles.store import load_ruleset
    from semantha.station.users import UsersFile

    config = load_and_log(args)
    if args.office is not None and load_ruleset(config.rules_dir).department(args.office) is None:
        raise SemanthaError(
            f"there is no office {args.office!r} in {config.rules_dir / 'departments.yaml'}",
            "give the id of an office listed there, e.g. --office 63",
        )
    password = _read_password(args.password_stdin)
    new = UsersFile(config.users_file).add(args.name, password, args.office)
    office = f" (office {args.office})" if args.office else ""
    print(f"{'added' if new else 'updated'} user {args.name}{office} in {config.users_file}")
    return 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("password: ")
    if getpass.getpass("again: ") != password:
        raise SemanthaError("the two passwords differ", "run the command again")
    return password

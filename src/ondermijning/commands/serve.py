"""``ondermijning serve``: the web app and JSON API (``ondermijning.web``) under uvicorn."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ..i18n import _
from ._common import EXIT_OK, UsageError, load

if TYPE_CHECKING:
    import argparse

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
#: the register's variable (``register.database.DB_ENV``, a module that needs SQLAlchemy, which serve alone does not)
DB_ENV = "ONDERMIJNING_DB"
#: addresses where a browser keeps a Secure cookie over plain http
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _port(text: str) -> int:
    import argparse

    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(_("{text!r} is geen poortnummer (0-65535)").format(text=text))
    return int(text)


def _workers(text: str) -> int:
    import argparse

    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(_("{text!r}: geef 1 tot en met 64 werkprocessen").format(text=text))
    return int(text)


def _check_free(host: str, port: int) -> None:
    """A port in use is a usage error with one line, before the catalog loads."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise UsageError(_("--host {host}: onbekend adres").format(host=host)) from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise UsageError(_("kan niet luisteren op {host}:{port}: {reason}").format(
                host=host, port=port, reason=exc.strerror or exc)) from None


def add_parser(sub: Any) -> None:
    import argparse

    serve = sub.add_parser(
        "serve", help=_("start de webapp en de JSON-API (bewaart niets)"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=_(
            "Start de webapp voor professionals en begeleiders (signaleren, dilemmakaarten, casusbespreking,\n"
            "trainingsplanner, packs) en de JSON-API onder /api/v1, met het OpenAPI-document op\n"
            "/api/v1/openapi.json. Zonder database en zonder configuratie: er wordt niets bewaard, er zijn\n"
            "geen sessies en geen cookies, en het toegangslog noemt geen adressen, zoekparameters of inhoud.\n"
            "Met --db (of ONDERMIJNING_DB) komt het register erbij: aanmelden, casussen, meldingen en\n"
            "gebruikers op /register en de API onder /api/v1/register, met een sessiecookie (Secure, HttpOnly,\n"
            "SameSite=Strict): via http werkt aanmelden alleen op 127.0.0.1 of localhost, anders via https.\n"
            "Nodig: de extra 'web' (pip install 'ondermijning[web]'), voor --db ook 'register'."),
        epilog=_("Voorbeelden:\n"
                 "  ondermijning serve\n"
                 "  ondermijning serve --port 8080 --workers 2\n"
                 "  ondermijning serve --pack ./mijn-pack --host 0.0.0.0\n"
                 "  ondermijning serve --db register.sqlite3\n"
                 "  ondermijning serve --db register.sqlite3 --proxy 127.0.0.1\n\n"
                 "Afsluitcodes: 0 gestopt, 2 verkeerd gebruik (een pack-map die niet bestaat, de extra 'web'\n"
                 "ontbreekt, de poort is bezet, de database is niet te openen)."))
    serve.add_argument("--host", default=DEFAULT_HOST,
                       help=_("adres om op te luisteren (standaard: %(default)s, alleen deze computer)"))
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT, help=_("poort (standaard: %(default)s)"))
    serve.add_argument("--workers", type=_workers, default=1, metavar="N",
                       help=_("aantal werkprocessen (standaard: %(default)s)"))
    serve.add_argument("--db", default=None, metavar="DB",
                       help=_("het register erbij: een bestandspad (SQLite) of een postgresql://-URL (standaard: "
                              "ONDERMIJNING_DB; zonder beide bewaart de webapp niets)"))
    serve.add_argument("--proxy", default=None, metavar=_("ADRES"),
                       help=_("het adres van de reverse proxy (met https) ervoor, zoals 127.0.0.1: van daar geldt "
                              "X-Forwarded-For, zodat de limiet op mislukte aanmeldingen per echt adres telt en niet "
                              "iedereen samen (standaard: geen proxy; komma's tussen meer adressen)"))
    serve.add_argument("--log-level", choices=("critical", "error", "warning", "info"), default="info",
                       help=_("hoeveel uvicorn logt (standaard: %(default)s)"))
    serve.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    try:
        import uvicorn

        from ..web import create_app
        from ..web.accesslog import log_config
    except ImportError:
        raise UsageError(_("de webapp heeft de extra 'web' nodig: python -m pip install 'ondermijning[web]'")) \
            from None
    _check_free(args.host, args.port)
    catalog = load(args)  # also in the parent with --workers: a broken --pack shows before anything starts
    db = args.db or os.environ.get(DB_ENV, "")
    register = _open_register(db, catalog) if db else None  # migrated here, before any worker starts
    options: dict[str, Any] = {"host": args.host, "port": args.port, "log_config": log_config(args.log_level),
                               "server_header": False, "proxy_headers": bool(args.proxy)}
    if args.proxy:  # uvicorn takes the client's address and scheme from this proxy's X-Forwarded-* only
        options["forwarded_allow_ips"] = args.proxy
    address = args.host if ":" not in args.host else f"[{args.host}]"
    if register is None:
        print(_("ondermijning: webapp op http://{host}:{port}/ (stoppen met Ctrl-C); er wordt niets bewaard.").format(
            host=address, port=args.port), file=sys.stderr)
    else:
        print(_("ondermijning: webapp met register op http://{host}:{port}/ (stoppen met Ctrl-C); het register "
                "bewaart casussen in {db}.").format(host=address, port=args.port, db=_shown(db)), file=sys.stderr)
        if args.host not in LOOPBACK:
            print(_("let op: het sessiecookie is Secure; zet het register achter https (een reverse proxy), anders "
                    "kan niemand zich aanmelden (via http lukt dat alleen op 127.0.0.1 of localhost)."),
                  file=sys.stderr)
    if args.workers == 1:
        uvicorn.run(create_app(catalog, register=register), **options)
        return EXIT_OK
    if register is not None:
        register.dispose()
        os.environ[DB_ENV] = db  # each worker opens the register itself (environment_app)
    # each worker process loads the catalog itself, from the same packs
    from ..i18n import LANG_ENV, language

    os.environ[LANG_ENV] = language()  # the pages' language when a request names none (--lang, for each worker)
    os.environ["ONDERMIJNING_PACK_PATH"] = os.pathsep.join(
        [*(str(Path(p).resolve()) for p in args.pack), *filter(None, [os.environ.get("ONDERMIJNING_PACK_PATH")])])
    if args.disable_plugin:
        os.environ["ONDERMIJNING_DISABLE_PLUGINS"] = ",".join(
            [*args.disable_plugin, *filter(None, [os.environ.get("ONDERMIJNING_DISABLE_PLUGINS")])])
    factory = "ondermijning.web.app:environment_app" if register is not None else "ondermijning.web:create_app"
    uvicorn.run(factory, factory=True, workers=args.workers, **options)
    return EXIT_OK


def _open_register(db: str, catalog: Any) -> Any:
    """The register at ``db`` (migrated), or one Dutch line: the register extra missing, a database that won't open."""
    try:
        from ..register.database import connect
        from ..register.errors import DatabaseError
        from ..register.service import Register
    except ImportError:
        raise UsageError(_("het register heeft de extra 'register' nodig: python -m pip install "
                           "'ondermijning[web,register]'")) from None
    try:
        return Register(connect(db), catalog)
    except DatabaseError as exc:
        raise UsageError(str(exc)) from None


def _shown(db: str) -> str:
    from ..register.database import database_url

    return str(database_url(db).render_as_string(hide_password=True))

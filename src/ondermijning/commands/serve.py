"""``ondermijning serve``: the web app and JSON API (``ondermijning.web``) under uvicorn."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ..i18n import _
from ._common import EXIT_OK, UsageError, load

if TYPE_CHECKING:
    import argparse

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


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
            "Nodig: de extra 'web' (pip install 'ondermijning[web]')."),
        epilog=_("Voorbeelden:\n"
                 "  ondermijning serve\n"
                 "  ondermijning serve --port 8080 --workers 2\n"
                 "  ondermijning serve --pack ./mijn-pack --host 0.0.0.0\n\n"
                 "Afsluitcodes: 0 gestopt, 2 verkeerd gebruik (een pack-map die niet bestaat, de extra 'web'\n"
                 "ontbreekt, de poort is bezet)."))
    serve.add_argument("--host", default=DEFAULT_HOST,
                       help=_("adres om op te luisteren (standaard: %(default)s, alleen deze computer)"))
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT, help=_("poort (standaard: %(default)s)"))
    serve.add_argument("--workers", type=_workers, default=1, metavar="N",
                       help=_("aantal werkprocessen (standaard: %(default)s)"))
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
    options: dict[str, Any] = {"host": args.host, "port": args.port, "log_config": log_config(args.log_level),
                               "server_header": False, "proxy_headers": False}
    print(_("ondermijning: webapp op http://{host}:{port}/ (stoppen met Ctrl-C); er wordt niets bewaard.").format(
        host=args.host if ":" not in args.host else f"[{args.host}]", port=args.port), file=sys.stderr)
    if args.workers == 1:
        uvicorn.run(create_app(catalog), **options)
        return EXIT_OK
    # each worker process loads the catalog itself, from the same packs
    os.environ["ONDERMIJNING_PACK_PATH"] = os.pathsep.join(
        [*(str(Path(p).resolve()) for p in args.pack), *filter(None, [os.environ.get("ONDERMIJNING_PACK_PATH")])])
    if args.disable_plugin:
        os.environ["ONDERMIJNING_DISABLE_PLUGINS"] = ",".join(
            [*args.disable_plugin, *filter(None, [os.environ.get("ONDERMIJNING_DISABLE_PLUGINS")])])
    uvicorn.run("ondermijning.web:create_app", factory=True, workers=args.workers, **options)
    return EXIT_OK

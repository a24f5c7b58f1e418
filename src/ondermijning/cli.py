"""The ``ondermijning`` command.

Exit codes: 0 success, 1 content errors (``validate``), 2 usage or I/O errors, 130 stopped.
Nothing prints a traceback for bad input; set ``ONDERMIJNING_DEBUG=1`` to see one for a bug.
Each command lives in ``ondermijning.commands.<name>``.
"""

from __future__ import annotations

import os
import sys

from ._version import __version__

# not typing.TYPE_CHECKING: importing typing alone costs more than the rest of --version
TYPE_CHECKING = False

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

EXIT_OK = 0  # the others are in commands._common, which --version does not import


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="ondermijning",
        description="Packs, signal lists, routes, dilemma cards and cases for recognising and acting on "
                    "ondermijning in the social domain.",
        epilog="Environment: ONDERMIJNING_PACK_PATH (extra pack folders, separated by "
               f"{os.pathsep!r}), ONDERMIJNING_DISABLE_PLUGINS (comma-separated names), "
               "ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD=1 (built-ins only). Exit codes: 0 done, 1 content errors, "
               "2 usage or I/O errors, 3 a bug (please report it), 130 stopped. 'ondermijning COMMAND --help' "
               "shows each command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"ondermijning {__version__}")
    parser.add_argument("--disable-plugin", action="append", default=[], metavar="NAME",
                        help="do not load this plugin (repeatable); see 'ondermijning packs' for names")
    parser.add_argument("--pack", action="append", default=[], metavar="PATH",
                        help="also load this pack folder (repeatable)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    import importlib

    from .commands import COMMANDS
    from .i18n import _

    for name in COMMANDS:
        importlib.import_module(f".commands.{name}", __package__).add_parser(sub)
    for command in sub.choices.values():  # the same options after the command: 'validate --pack .'
        command.add_argument("--disable-plugin", action="append", default=[], metavar="NAME", dest="disable_after",
                             help=_("laad deze plugin niet (herhaalbaar; mag ook vóór het commando)"))
        command.add_argument("--pack", action="append", default=[], metavar="PATH", dest="pack_after",
                             help=_("laad ook deze packmap (herhaalbaar; mag ook vóór het commando)"))
    return parser


def _discard_stdout() -> None:
    """Point file descriptor 1 at the null device, so the flush at exit cannot fail a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is an OSError
        pass


def main(argv: Sequence[str] | None = None) -> int:
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:
        print(f"ondermijning {__version__}")  # the fast path: no parser, no plugins
        return EXIT_OK
    parser = _parser()
    args = parser.parse_args(argv)
    from .commands._common import EXIT_CONTENT, EXIT_USAGE, UsageError

    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    args.pack = [*args.pack, *args.pack_after]
    args.disable_plugin = [*args.disable_plugin, *args.disable_after]
    from .errors import OndermijningError, UnknownItemError
    from .fileio import WriteError

    try:
        result: int = args.run(args)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not as a warning at exit
    except UsageError as exc:
        print(f"ondermijning: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (UnknownItemError, WriteError) as exc:
        print(f"ondermijning: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OndermijningError as exc:
        print(f"ondermijning: error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("ondermijning: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # an I/O error below a command (a full disk, a device), not a bug
        if exc.filename is None:  # the library names the file it reads; without one, it was stdout
            _discard_stdout()
        where = f"{exc.filename}: " if exc.filename else "cannot write the output: "
        print(f"ondermijning: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        if os.environ.get("ONDERMIJNING_DEBUG"):
            raise
        print(f"ondermijning: internal error: {exc!r} (set ONDERMIJNING_DEBUG=1 to see the traceback, "
              "and please report it)", file=sys.stderr)
        return 3
    return result

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
    import contextlib
    from collections.abc import Sequence

    from .arguments import ArgumentParser
    from .cache import Entry

EXIT_OK = 0  # the others are in commands._common, which --version does not import
#: the collector's thresholds for a command run as a program (the interpreter's are 700, 10, 10): it
#: builds a catalog of long-lived objects and exits, and collecting the young generation every 700
#: allocations walks them again and again (about 2% of a cold 'validate'); 'serve' keeps the interpreter's
#: (see main)
COMMAND_GC_THRESHOLDS = (100_000, 50, 100)


def _parser(words: Sequence[str] | None = None) -> ArgumentParser:
    """The parser; with the command line ``words``, only the command it names gets its options.

    The other commands are then named without their options, so that their modules (and what
    they import) stay unloaded: ``validate`` does not import the register's command. Help before
    a command, or no command, builds them all.
    """
    from .arguments import ArgumentParser
    from .i18n import LANGUAGES, _

    parser = ArgumentParser(
        prog="ondermijning",
        description=_("Packs, signalenlijsten, routes, dilemmakaarten en casussen om ondermijning in het sociaal "
                      "domein te herkennen en aan te pakken."),
        epilog=_("Omgeving: ONDERMIJNING_PACK_PATH (extra packmappen, gescheiden door {separator}), "
                 "ONDERMIJNING_DISABLE_PLUGINS (namen, gescheiden door komma's), "
                 "ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD=1 (alleen de ingebouwde). ").format(separator=repr(os.pathsep))
               + _("ONDERMIJNING_CACHE=0 zet de cache uit, ONDERMIJNING_CACHE_DIR kiest de map ervan.")
               + " " + _("ONDERMIJNING_LANG=en (of een Engelse locale) geeft Engels, zoals --lang en.")
               + " " + _("Afsluitcodes: 0 klaar, 1 fouten in de inhoud, 2 fouten in het gebruik of bij lezen en "
                         "schrijven, 3 een bug (meld die graag), 130 gestopt. 'ondermijning COMMANDO --help' toont "
                         "de opties en voorbeelden van elk commando."),
    )
    parser.add_argument("--version", action="version", version=f"ondermijning {__version__}")
    parser.add_argument("--disable-plugin", action="append", default=[], metavar=_("NAAM"),
                        help=_("laad deze plugin niet (herhaalbaar); 'ondermijning packs' toont de namen"))
    parser.add_argument("--pack", action="append", default=[], metavar=_("PAD"),
                        help=_("laad ook deze packmap (herhaalbaar)"))
    parser.add_argument("--no-cache", action="store_true",
                        help=_("bouw de catalogus opnieuw op, zonder de bewaarde uitvoer van 'packs' en "
                               "'validate' (ook: ONDERMIJNING_CACHE=0)"))
    parser.add_argument("--lang", choices=LANGUAGES, metavar=_("TAAL"),
                        help=_("de taal van de meldingen: nl (standaard) of en (ook: ONDERMIJNING_LANG, of de "
                               "locale); mag ook na het commando"))
    sub = parser.add_subparsers(dest="command", metavar=_("OPDRACHT"))

    import importlib

    from .commands import COMMANDS

    wanted = _command_module(words) if words is not None else None
    for name in COMMANDS:
        if wanted is None or name == wanted:
            importlib.import_module(f".commands.{name}", __package__).add_parser(sub)
        else:
            sub.add_parser(_command_name(name))
    # the same options after the command ('validate --pack .'); a command that is only named parses nothing
    for command in sub.choices.values() if wanted is None else [sub.choices[_command_name(wanted)]]:
        command.add_argument("--disable-plugin", action="append", default=[], metavar=_("NAAM"), dest="disable_after",
                             help=_("laad deze plugin niet (herhaalbaar; mag ook vóór het commando)"))
        command.add_argument("--pack", action="append", default=[], metavar=_("PAD"), dest="pack_after",
                             help=_("laad ook deze packmap (herhaalbaar; mag ook vóór het commando)"))
        command.add_argument("--lang", choices=LANGUAGES, metavar=_("TAAL"), dest="lang_after",
                             help=_("de taal van de meldingen: nl of en (mag ook vóór het commando)"))
    return parser


def _command_name(module: str) -> str:
    """``new_pack`` -> ``new-pack``, ``import_`` -> ``import``: a command's name from its module's."""
    return module.rstrip("_").replace("_", "-")


def _command_module(words: Sequence[str]) -> str | None:
    """The module of the command ``words`` run (the first word that is no global option), if one is named."""
    from .commands import COMMANDS

    by_name = {_command_name(module): module for module in COMMANDS}
    rest = iter(words)
    for word in rest:
        if word in ("-h", "--help"):
            return None  # the whole help: every command with its summary
        if word in ("--pack", "--disable-plugin", "--lang"):
            next(rest, None)
        elif not word.startswith("-"):
            return by_name.get(word)
    return None


def _discard_stdout() -> None:
    """Point file descriptor 1 at the null device, so the flush at exit cannot fail a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is an OSError
        pass


def _standard_streams() -> bool:
    """Make stdin, stdout and stderr safe to use; False when stdout is closed (nowhere to write to).

    A closed descriptor 0, 1 or 2 is taken by the null device first, so no file this command
    opens gets its number (output would then land in that file). Whatever the encoding, a
    character it cannot hold is written as ``\\uXXXX`` (valid JSON too) and counted, so nothing
    ends in a UnicodeEncodeError; answers typed in another encoding than the locale's are read
    with a replacement character.
    """
    import contextlib

    from .shown import ESCAPE_HANDLER, register_escape_handler

    stdout_open = True
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            stdout_open = stdout_open and fd != 1
            try:
                null = os.open(os.devnull, os.O_RDWR)
                if null != fd:
                    os.dup2(null, fd)
                    os.close(null)
            except OSError:
                pass
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for the whole process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None:
        stdout_open = False
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    register_escape_handler()
    for stream, errors in ((sys.stdout, ESCAPE_HANDLER), (sys.stderr, ESCAPE_HANDLER), (sys.stdin, "replace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream that does not allow it keeps its own
                reconfigure(errors=errors)
    return stdout_open


def _say(message: str) -> None:
    """One line on stderr, untrusted parts (paths, pack text) shown safely."""
    from .shown import shown

    print(shown(message), file=sys.stderr)


def _encoding_note() -> None:
    from .shown import escaped_for_encoding

    if escaped_for_encoding[0]:
        from .i18n import ngettext

        encoding = getattr(sys.stdout, "encoding", None) or "?"
        _say(ngettext("ondermijning: let op: {n} teken past niet in de codering {encoding} en staat er als "
                      "\\uXXXX; zet PYTHONIOENCODING=utf-8 (of een UTF-8-locale) voor de tekens zelf",
                      "ondermijning: let op: {n} tekens passen niet in de codering {encoding} en staan er als "
                      "\\uXXXX; zet PYTHONIOENCODING=utf-8 (of een UTF-8-locale) voor de tekens zelf",
                      escaped_for_encoding[0]).format(n=escaped_for_encoding[0], encoding=encoding))
        escaped_for_encoding[0] = 0


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if words == ["--version"]:
        print(f"ondermijning {__version__}")  # the fast path: no parser, no plugins
        return EXIT_OK
    import contextlib
    import gc

    # the process's own command line (the script, python -m) exits after this command: the collector
    # runs seldom while it builds the catalog, and not over all of it once more at exit (gc.freeze: the
    # interpreter's last collection, about 4% of a cold 'validate', skips what is frozen; objects left
    # at exit are not promised a __del__ anyway). An explicit argv (a test, an embedding) leaves it alone.
    program = argv is None and _command_module(words) != "serve"
    if program:
        gc.set_threshold(*COMMAND_GC_THRESHOLDS)
    chosen = _language_of(words)
    try:
        with contextlib.nullcontext() if chosen is None else _using(chosen):
            return _run(words)
    finally:
        if program:
            gc.freeze()


def _language_of(words: Sequence[str]) -> str | None:
    """The language ``--lang`` names anywhere on the command line (before or after the command), if a valid one.

    It is read before the parser is built, because the parser's help texts are already in it.
    An invalid one is left to the parser, which refuses it.
    """
    from .i18n import LANGUAGES

    chosen = None
    rest = iter(words)
    for word in rest:
        if word == "--":
            break
        value = next(rest, None) if word == "--lang" else word[7:] if word.startswith("--lang=") else None
        if value in LANGUAGES:
            chosen = value
    return chosen


def _using(language: str) -> contextlib.AbstractContextManager[str]:
    from .i18n import using

    return using(language)  # for this run only: main() called twice in one process forgets it


def _run(words: list[str]) -> int:
    if not _standard_streams():
        from .i18n import _

        _say(_("ondermijning: fout: de standaarduitvoer is gesloten; stuur de uitvoer naar een bestand "
               "(> uit.txt) of naar /dev/null"))
        return 2
    from .shown import SafeStream

    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        return _replay_or_run(words)
    finally:
        sys.stdout, sys.stderr = streams
        _encoding_note()


def _replay_or_run(words: list[str]) -> int:
    from .cache import Entry

    entry = Entry.for_run(words)
    if entry is not None and entry.load() and _printable(entry.stdout, entry.stderr):
        try:  # the same inputs as a kept run: its output, with nothing else imported
            sys.stderr.write(entry.stderr)
            sys.stdout.write(entry.stdout)
            sys.stdout.flush()
        except BrokenPipeError:
            _discard_stdout()
            return EXIT_OK
        except OSError as exc:
            _discard_stdout()
            from .i18n import _

            print(_("ondermijning: fout: kan de uitvoer niet schrijven: {reason}").format(
                reason=exc.strerror or exc), file=sys.stderr)
            return 2
        return entry.exit
    return _main(words, keep=entry)


def _printable(*texts: str) -> bool:
    """Whether the streams' encodings can write these texts (otherwise the command itself says so)."""
    try:
        for text, stream in zip(texts, (sys.stdout, sys.stderr), strict=False):
            text.encode(stream.encoding or "utf-8", stream.errors or "strict")
    except (UnicodeError, LookupError, AttributeError):
        return False
    return True


def _run_kept(args: argparse.Namespace, entry: Entry) -> int:
    """Run the command with its output captured, print it, and keep it when it depends on files only."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    result = None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            result = args.run(args)
    finally:  # what was printed before a failure is still shown, in the order of the streams
        sys.stderr.write(err.getvalue())
        sys.stdout.write(out.getvalue())
    if isinstance(result, int):
        _keep(entry, args, result, out.getvalue(), err.getvalue())
    return int(result) if result is not None else EXIT_OK


def _keep(entry: Entry, args: argparse.Namespace, result: int, stdout: str, stderr: str) -> None:
    """Keep a run whose output depends on files only (see :mod:`ondermijning.cache`)."""
    from .cache import FOLDER_HOOK

    catalog = getattr(args, "catalog", None)
    if catalog is None or result not in (EXIT_OK, 1):
        return
    files = []
    for info in catalog.plugins:
        if info.name in ("core", "directory") or info.status == "blocked":
            continue
        if info.status != "loaded" or not info.module or set(info.hooks) - {FOLDER_HOOK}:
            return  # content from code, a broken or slow plugin: built anew every time
        files.append(info.module)
    entry.store(list(catalog.folders), files, stdout, stderr, result)


def _main(words: list[str], *, keep: Entry | None = None) -> int:
    parser = _parser(words)
    args = parser.parse_args(words)
    from .commands._common import EXIT_CONTENT, EXIT_USAGE, UsageError

    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    args.pack = [*args.pack, *args.pack_after]
    args.disable_plugin = [*args.disable_plugin, *args.disable_after]
    from .errors import OndermijningError, UnknownItemError
    from .fileio import WriteError
    from .i18n import _

    try:
        result: int = args.run(args) if keep is None else _run_kept(args, keep)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not as a warning at exit
    except (UsageError, UnknownItemError, WriteError) as exc:
        _say(_("ondermijning: fout: {message}").format(message=exc))
        return EXIT_USAGE
    except OndermijningError as exc:
        _say(_("ondermijning: fout: {message}").format(message=exc))
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print(_("ondermijning: gestopt"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # an I/O error below a command (a full disk, a device), not a bug
        if exc.filename is None:  # the library names the file it reads; without one, it was stdout
            _discard_stdout()
            _say(_("ondermijning: fout: kan de uitvoer niet schrijven: {reason}").format(reason=exc.strerror or exc))
        else:
            _say(_("ondermijning: fout: {file}: {reason}").format(file=exc.filename, reason=exc.strerror or exc))
        return EXIT_USAGE
    except Exception as exc:
        if os.environ.get("ONDERMIJNING_DEBUG"):
            raise
        _say(_("ondermijning: interne fout: {error!r} (zet ONDERMIJNING_DEBUG=1 om de traceback te zien, en meld "
               "de fout graag)").format(error=exc))
        return 3
    return result

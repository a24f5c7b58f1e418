"""The ``ondermijning`` command.

Exit codes: 0 success, 1 content errors (``validate``), 2 usage or I/O errors.
Nothing prints a traceback for bad input; set ``ONDERMIJNING_DEBUG=1`` to see one for a bug.
"""

from __future__ import annotations

import os
import sys

from ._version import __version__

# not typing.TYPE_CHECKING: importing typing alone costs more than the rest of --version
TYPE_CHECKING = False

if TYPE_CHECKING:  # the heavy imports wait until a command needs them, so --version stays fast
    import argparse
    from collections.abc import Mapping, Sequence
    from typing import Any, TypeVar

    T = TypeVar("T")

    from .catalog import Catalog
    from .errors import Problem

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or an unreadable path: exit 2 with one line."""


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="ondermijning",
        description="Packs, signal lists, routes, dilemma cards and cases for recognising and acting on "
                    "ondermijning in the social domain.",
        epilog="Environment: ONDERMIJNING_PACK_PATH (extra pack folders, separated by "
               f"{os.pathsep!r}), ONDERMIJNING_DISABLE_PLUGINS (comma-separated names), "
               "ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD=1 (built-ins only).",
    )
    parser.add_argument("--version", action="version", version=f"ondermijning {__version__}")
    parser.add_argument("--disable-plugin", action="append", default=[], metavar="NAME",
                        help="do not load this plugin (repeatable); see 'ondermijning packs' for names")
    parser.add_argument("--pack", action="append", default=[], metavar="PATH",
                        help="also load this pack folder (repeatable)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    packs = sub.add_parser("packs", help="list the loaded packs and plugins",
                           description="List every pack: id, version, where it came from and how many "
                                       "items of each kind it holds; then broken or disabled plugins.")
    _format_option(packs, ("text", "json"))
    packs.set_defaults(func=cmd_packs)

    validate = sub.add_parser(
        "validate", help="check pack folders (or everything installed)",
        description="Check pack folders: TOML syntax, keys and types, ids, references across packs, "
                    "thresholds and more. Without PATH, checks every installed pack. "
                    "Exit 0 when valid, 1 on content errors, 2 when a path cannot be read.")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="a pack folder (the one holding pack.toml)")
    validate.add_argument("--select", action="append", default=[], metavar="CODE",
                          help="only report codes starting with CODE (repeatable)")
    validate.add_argument("--ignore", action="append", default=[], metavar="CODE",
                          help="do not report codes starting with CODE (repeatable)")
    _format_option(validate, ("text", "json"))
    validate.set_defaults(func=cmd_validate)

    assess = sub.add_parser(
        "assess", help="from observed signals to an information picture",
        description="Build an information picture (informatiebeeld) from observed signals: a computed "
                    "concern level (laag, matig, hoog) with its explanation, goals and whom to call. The "
                    "level is advice: set the concern level together with colleagues. In a terminal "
                    "without --signal, walks you through the list category by category.",
        epilog="Example: ondermijning assess --list deurne/jongeren --signal gedrag-agressief "
               "--signal school-verzuim --format markdown")
    assess.add_argument("--list", dest="list_id", metavar="ID", help="the signal list (see --show-lists)")
    assess.add_argument("--signal", action="append", default=[], metavar="ID",
                        help="an observed signal, qualified or local to the list's pack (repeatable)")
    assess.add_argument("--protective", action="append", default=[], metavar="ID",
                        help="a protective factor that is present (repeatable; never lowers the level)")
    assess.add_argument("--subject", default="", metavar="PSEUDONYM",
                        help="an optional pseudonym for the young person or group; never a real name")
    assess.add_argument("--interactive", "-i", action="store_true",
                        help="walk through the list even when signals are given")
    assess.add_argument("--redact", action="store_true", help="with --format json: leave out free texts")
    assess.add_argument("--show-lists", action="store_true", help="list the signal lists and their signals")
    _format_option(assess, ("text", "markdown", "json"))
    assess.set_defaults(func=cmd_assess)

    dilemma = sub.add_parser(
        "dilemma", help="work through a dilemma card, or print it",
        description="Dilemma cards: a situation, the values in tension, questions to weigh and handling "
                    "options with their consequences. In a terminal, leads you or your team through a card "
                    "step by step; otherwise (or with --print) prints it. --format html gives a printable "
                    "page, one card per page.")
    dilemma.add_argument("card", nargs="?", metavar="ID", help="a card id (qualified, or unique without pack)")
    dilemma.add_argument("--list", action="store_true", help="list the cards")
    dilemma.add_argument("--all", action="store_true", help="print every card")
    dilemma.add_argument("--print", dest="print_only", action="store_true", help="print instead of walking through")
    _format_option(dilemma, ("text", "markdown", "html"))
    dilemma.set_defaults(func=cmd_dilemma)

    guide = sub.add_parser(
        "guide", help="a facilitator script for a case discussion",
        description="Print a facilitator script (draaiboek) for one case-discussion session: roles, opening, "
                    "the case, the four questions, closing round and reflection. Checks the session against "
                    "the conversation guide (group size, facilitators, number of cases) and says what is off.")
    guide.add_argument("cases", nargs="*", metavar="CASE_ID", help="the case(s) to discuss in this session")
    guide.add_argument("--list", action="store_true", help="list the cases")
    guide.add_argument("--participants", type=int, metavar="N", help="planned number of participants")
    guide.add_argument("--facilitators", type=int, metavar="N", help="planned number of facilitators")
    _format_option(guide, ("text", "markdown", "html"))
    guide.set_defaults(func=cmd_guide)
    return parser


def _find(mapping: Mapping[str, T], item_id: str, kind: str) -> T:
    """An item by qualified id, or by its local id when only one pack has it."""
    if item_id in mapping:
        return mapping[item_id]
    matches = [key for key in mapping if key.split("/", 1)[-1] == item_id]
    if len(matches) == 1:
        return mapping[matches[0]]
    if len(matches) > 1:
        raise UsageError(f"{kind} {item_id!r} exists in several packs: {', '.join(matches)}; give the full id")
    from .errors import UnknownItemError

    raise UsageError(str(UnknownItemError(kind, item_id, mapping, match_as=item_id)) +
                     " (see --list)")


def _format_option(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    parser.add_argument("--format", choices=choices, default=choices[0], help="output format (default: %(default)s)")


def _catalog(args: argparse.Namespace, paths: Sequence[str] = ()) -> Catalog:
    from .catalog import load_catalog

    return load_catalog([*args.pack, *paths], disable=args.disable_plugin)


def _problem_dict(problem: Problem) -> dict[str, Any]:
    return {"code": problem.code, "severity": problem.severity.value, "file": problem.file,
            "line": problem.line, "path": problem.path, "message": problem.message, "hint": problem.hint}


# commands ---------------------------------------------------------------------------------

def cmd_packs(args: argparse.Namespace) -> int:
    import json

    catalog = _catalog(args)
    rows: list[dict[str, Any]] = []
    for pack_id, pack in sorted(catalog.packs.items()):
        counts = {k: v for k, v in catalog.counts(pack_id).items() if v}
        rows.append({"id": pack_id, "version": pack.version, "name": pack.name,
                     "origin": catalog.provenance[pack_id].provider, "counts": counts})
    plugins = [{"name": p.name, "distribution": p.distribution, "status": p.status, "error": p.error}
               for p in catalog.plugins]
    if args.format == "json":
        print(json.dumps({"packs": rows, "plugins": plugins,
                          "problems": [_problem_dict(p) for p in catalog.problems]}, indent=2, ensure_ascii=False))
        return EXIT_OK
    for row in rows:
        summary = ", ".join(f"{family.replace('_', ' ')}: {n}" for family, n in row["counts"].items())
        print(f"{row['id']} {row['version']}  {row['name']}")
        print(f"    {summary or 'empty'}")
        print(f"    {row['origin']}")
    unwell = [p for p in plugins if p["status"] != "loaded"]
    for plugin in unwell:
        print(f"plugin {plugin['name']} {plugin['status']}" + (f": {plugin['error']}" if plugin["error"] else ""))
    if catalog.problems:
        print(f"{len(catalog.problems)} problem(s) while loading; run 'ondermijning validate' for details")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from .validate import validate_catalog

    for path in args.paths:
        if not Path(path).exists():
            raise UsageError(f"{path}: no such folder")
        if not Path(path).is_dir():
            raise UsageError(f"{path}: not a folder (give the folder that holds pack.toml)")
    catalog = _catalog(args, args.paths)
    problems = validate_catalog(catalog, select=args.select, ignore=args.ignore)
    if args.paths:
        roots = [os.path.realpath(p) for p in args.paths]
        problems = [p for p in problems
                    if p.file and any(os.path.realpath(p.file).startswith(r) for r in roots)]
    errors = [p for p in problems if p.severity.value == "error"]
    if args.format == "json":
        report = {"valid": not errors,
                  "stats": {"errors": len(errors), "warnings": len(problems) - len(errors),
                            "packs": len(catalog.packs)},
                  "errors": [_problem_dict(p) for p in problems]}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem.format(), file=sys.stderr if problem in errors else sys.stdout)
        what = ", ".join(args.paths) if args.paths else f"{len(catalog.packs)} pack(s)"
        status = "valid" if not errors else f"{len(errors)} error(s)"
        warnings = len(problems) - len(errors)
        print(f"{what}: {status}" + (f", {warnings} warning(s)" if warnings else ""))
    return EXIT_CONTENT if errors else EXIT_OK


def cmd_assess(args: argparse.Namespace) -> int:
    from .assessment import assess
    from .interactive import Aborted, choose_one, walk_signal_list
    from .render import render
    from .render.picture import picture_document
    from .serialize import to_json

    catalog = _catalog(args)
    if args.show_lists:
        for sl in catalog.signal_lists.values():
            print(f"{sl.id}  {sl.name}")
            for signal in sl.signals:
                flag = "  [rode vlag]" if signal.red_flag else ""
                print(f"    {signal.id:<44} {signal.text[:60]}{'…' if len(signal.text) > 60 else ''}{flag}")
        return EXIT_OK
    if not catalog.signal_lists:
        raise UsageError("no signal lists are loaded; install a pack such as ondermijning-deurne")
    interactive = args.interactive or (not args.signal and sys.stdin.isatty())
    list_id = args.list_id
    try:
        if list_id is None:
            if len(catalog.signal_lists) == 1:
                list_id = next(iter(catalog.signal_lists))
            elif interactive:
                ids = list(catalog.signal_lists)
                print("Welke signalenlijst?")
                list_id = ids[choose_one(input, print, "Nummer: ", [catalog.signal_lists[i].name for i in ids])]
            else:
                raise UsageError(f"give --list, one of: {', '.join(catalog.signal_lists)}")
        if list_id not in catalog.signal_lists:
            from .errors import UnknownItemError

            raise UsageError(str(UnknownItemError("signal list", list_id, catalog.signal_lists)))
        signals, protective = list(args.signal), list(args.protective)
        if interactive:
            signals, protective = walk_signal_list(catalog.signal_lists[list_id], input, print)
        elif not signals:
            raise UsageError("give the observed signals with --signal ID (see --show-lists), "
                             "or run in a terminal to be asked")
    except Aborted:
        print("Gestopt; er is niets bewaard.", file=sys.stderr)
        return 130
    picture = assess(list_id, signals, catalog=catalog, protective=protective, subject=args.subject)
    if args.format == "json":
        print(to_json(picture, redact=args.redact))
    else:
        print(render(picture_document(picture, catalog), args.format), end="")
    return EXIT_OK


def cmd_dilemma(args: argparse.Namespace) -> int:
    from .interactive import Aborted, choose_one, walk_dilemma
    from .render import render_many
    from .render.cards import dilemma_document

    catalog = _catalog(args)
    cards = catalog.dilemma_cards
    if args.list:
        for card_id, card in cards.items():
            print(f"{card_id:<52} {card.title}")
        print(f"{len(cards)} dilemmakaarten. Gebruik ze na de workshops over bewustwording: zonder die kennis "
              "werkt de kaart niet. 'ondermijning dilemma ID' loopt een kaart met je door.")
        return EXIT_OK
    if not cards:
        raise UsageError("no dilemma cards are loaded; install a pack such as ondermijning-nieuwegein")
    if args.all:
        print(render_many([dilemma_document(c, catalog) for c in cards.values()], args.format), end="")
        return EXIT_OK
    interactive = sys.stdin.isatty() and not args.print_only and args.format == "text"
    try:
        if args.card is None:
            if not interactive:
                raise UsageError("give a card id (see --list), or --all")
            ids = list(cards)
            print("Welke dilemmakaart?")
            card = cards[ids[choose_one(input, print, "Nummer: ", [cards[i].title for i in ids])]]
        else:
            card = _find(cards, args.card, "dilemma card")
        if interactive:
            walk_dilemma(card, input, print, frameworks={k: f.name for k, f in catalog.frameworks.items()})
            return EXIT_OK
    except Aborted:
        print("Gestopt; er is niets bewaard.", file=sys.stderr)
        return 130
    print(render_many([dilemma_document(card, catalog)], args.format), end="")
    return EXIT_OK


def cmd_guide(args: argparse.Namespace) -> int:
    from .render import render_many
    from .render.cards import guide_document
    from .sessions import check_case_session

    catalog = _catalog(args)
    if args.list:
        for case_id, case in catalog.cases.items():
            print(f"{case_id:<40} {case.title}")
        return EXIT_OK
    if not args.cases:
        raise UsageError("give one or more case ids (see --list)")
    for name in ("participants", "facilitators"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise UsageError(f"--{name} must be 1 or more, got {value}")
    cases = [_find(catalog.cases, case_id, "case") for case_id in args.cases]
    guides = {case.guide for case in cases}
    if len(guides) > 1:
        raise UsageError(f"these cases use different conversation guides ({', '.join(sorted(guides))}); "
                         "plan them in separate sessions")
    guide = _find(catalog.guides, guides.pop(), "conversation guide")
    findings = check_case_session(guide, participants=args.participants, facilitators=args.facilitators,
                                  cases=[c.id for c in cases])
    for finding in findings:
        print(f"Let op ({finding.code}): {finding.message} {finding.hint}", file=sys.stderr)
    document = guide_document(cases, guide, findings, args.participants, catalog)
    print(render_many([document], args.format), end="")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:
        print(f"ondermijning {__version__}")  # the fast path: no parser, no plugins
        return EXIT_OK
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from .errors import OndermijningError, UnknownItemError

    try:
        result: int = args.func(args)
    except UsageError as exc:
        print(f"ondermijning: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UnknownItemError as exc:
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
    except Exception as exc:
        if os.environ.get("ONDERMIJNING_DEBUG"):
            raise
        print(f"ondermijning: internal error: {exc!r} (set ONDERMIJNING_DEBUG=1 to see the traceback, "
              "and please report it)", file=sys.stderr)
        return 3
    return result

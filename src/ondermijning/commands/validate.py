"""``ondermijning validate``."""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any

from ..i18n import _, ngettext
from ._common import EXIT_CONTENT, EXIT_OK, UsageError, add_format_option, load, problem_dict

if TYPE_CHECKING:
    import argparse
    from pathlib import Path


def add_parser(sub: Any) -> None:
    import argparse

    validate = sub.add_parser(
        "validate", help=_("controleer packmappen (of alles wat geïnstalleerd is)"),
        description=_("Controleer packmappen: TOML-syntax, sleutels en typen, ids, verwijzingen tussen packs, "
                      "drempels en meer, in één keer: ook na een bestand dat niet laadt gaat de controle door, "
                      "en de regels over items heen lopen over wat wel laadde. "
                      "Zonder PAD: het pack van de map waarin je staat (pack.toml hier, ondermijning_pack in "
                      "pyproject.toml, of src/*/pack/), anders elk geïnstalleerd pack. Een map die je noemt gaat "
                      "vóór een geïnstalleerd pack met dezelfde id. "
                      "Elk probleem staat op één regel: bestand:regel: CODE melding (sleutelpad) — hint. "
                      "Afsluitcode 0 als alles geldig is, 1 bij fouten in de inhoud, 2 als een pad niet te lezen "
                      "is of een optie niet klopt."),
        epilog=_("Voorbeelden:\n"
                 "  ondermijning validate\n"
                 "  ondermijning validate --select V --format json\n"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    validate.add_argument("paths", nargs="*", metavar=_("PAD"), help=_("een packmap (die pack.toml bevat)"))
    validate.add_argument("--select", action="append", default=[], metavar="CODE",
                          help=_("meld alleen codes die met CODE beginnen (herhaalbaar)"))
    validate.add_argument("--ignore", action="append", default=[], metavar="CODE",
                          help=_("meld geen codes die met CODE beginnen (herhaalbaar)"))
    add_format_option(validate, ("text", "json"))
    validate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from ..shown import shown
    from ..validate import validate_catalog

    if not args.paths and not args.pack:
        args.paths = [str(p) for p in packs_here(Path())]
        if args.paths:
            print(ngettext("ondermijning: pack in deze map: {paths}", "ondermijning: packs in deze map: {paths}",
                           len(args.paths)).format(paths=", ".join(args.paths)), file=sys.stderr)
    paths = list({os.path.realpath(path): path for path in reversed(args.paths)}.values())[::-1]  # once each
    for path in paths:
        if not Path(path).exists():
            raise UsageError(_("{path}: die map bestaat niet").format(path=path))
        if not Path(path).is_dir():
            raise UsageError(_("{path}: geen map (geef de map die pack.toml bevat)").format(path=path))
    catalog = load(args, paths, report=False, partial=True)
    _check_codes(catalog, args.select, "--select")
    _check_codes(catalog, args.ignore, "--ignore")
    everything = validate_catalog(catalog)
    if paths:
        real = functools.lru_cache(maxsize=None)(os.path.realpath)  # once per file, not once per problem
        roots = [real(p) for p in paths]  # compared as paths: /packs/a2 is not inside /packs/a
        everything = [p for p in everything if p.file and any(_inside(real(p.file), r) for r in roots)]
    selected, ignored = tuple(args.select), tuple(args.ignore)
    problems = [p for p in everything
                if (not selected or p.code.startswith(selected)) and not (ignored and p.code.startswith(ignored))]
    errors = [p for p in problems if p.severity.value == "error"]
    hidden = len(everything) - len(problems)
    if args.format == "json":
        import json  # here, not at the top: the text output (the usual one) starts faster

        report = {"valid": not errors,
                  "stats": {"errors": len(errors), "warnings": len(problems) - len(errors),
                            "not_shown": hidden, "packs": len(catalog.packs)},
                  "errors": [problem_dict(p) for p in problems]}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem.format())
        print(summary(", ".join(shown(path) for path in paths) if paths else None, len(catalog.packs),
                      errors=len(errors), warnings=len(problems) - len(errors), hidden=hidden))
    return EXIT_CONTENT if errors else EXIT_OK


def summary(what: str | None, packs: int, *, errors: int, warnings: int, hidden: int) -> str:
    """The last line: what was checked, ``geldig`` or how many errors, warnings and problems not shown."""
    what = what or ngettext("{n} pack", "{n} packs", packs).format(n=packs)
    status = ngettext("{n} fout", "{n} fouten", errors).format(n=errors) if errors else _("geldig")
    line = _("{what}: {status}").format(what=what, status=status)
    if warnings:
        line = _("{line}, {warnings}").format(line=line, warnings=ngettext(
            "{n} waarschuwing", "{n} waarschuwingen", warnings).format(n=warnings))
    if hidden:
        line = _("{line} ({hidden} niet getoond: --select/--ignore)").format(line=line, hidden=ngettext(
            "{n} probleem", "{n} problemen", hidden).format(n=hidden))
    return line


def packs_here(folder: Path) -> list[Path]:
    """The pack folders of the repository (or pack) ``folder`` is: what ``validate`` checks there without PATH.

    ``pack.toml`` in the folder itself; else the ``ondermijning_pack`` setting of pytest in
    ``pyproject.toml`` (what the pack's tests check, as ``new-pack`` writes it); else every
    ``src/*/pack`` with a ``pack.toml``. Empty when the folder is none of these.
    """
    from .._toml import loads

    if (folder / "pack.toml").is_file():
        return [folder]
    try:
        settings = loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        settings = {}
    configured = settings.get("tool", {}).get("pytest", {}).get("ini_options", {}).get("ondermijning_pack", [])
    if isinstance(configured, list):
        found = [folder / p for p in configured if isinstance(p, str) and (folder / p / "pack.toml").is_file()]
        if found:
            return found
    return sorted(p.parent for p in folder.glob("src/*/pack/pack.toml"))


def _inside(real_path: str, real_root: str) -> bool:
    try:
        return os.path.commonpath([real_path, real_root]) == real_root
    except ValueError:  # on Windows: another drive
        return False


def _check_codes(catalog: Any, prefixes: list[str], option: str) -> None:
    """A --select or --ignore value that matches no code is a typo, not a filter that hides everything."""
    if not prefixes:
        return  # the table of codes is not imported for a plain 'validate'
    from ..codes import BY_CODE

    known = {*BY_CODE, *(rule.code for rule in catalog.rules)}
    for prefix in prefixes:
        if not any(code.startswith(prefix) for code in known):
            raise UsageError(_("{option} {prefix}: geen probleemcode begint met {prefix!r}; codes zien eruit als "
                               "L101, V001 of alleen V (zie docs/error-codes.md)").format(option=option, prefix=prefix))

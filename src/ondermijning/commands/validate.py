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
        "validate", help="check pack folders (or everything installed)",
        description="Check pack folders: TOML syntax, keys and types, ids, references across packs, "
                    "thresholds and more. "
                    + _("Zonder PATH: het pack van de map waarin je staat (pack.toml hier, ondermijning_pack in "
                        "pyproject.toml, of src/*/pack/), anders elk geïnstalleerd pack. Een map die je noemt gaat "
                        "vóór een geïnstalleerd pack met dezelfde id. ")
                    +
                    "Problems are printed one per line, file:line: CODE message (key path) — hint. "
                    "Exit 0 when valid, 1 on content errors, 2 when a path cannot be read or an option is "
                    "wrong.",
        epilog="Examples:\n"
               "  ondermijning validate\n"
               "  ondermijning validate --select V --format json\n",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    validate.add_argument("paths", nargs="*", metavar="PATH", help="a pack folder (the one holding pack.toml)")
    validate.add_argument("--select", action="append", default=[], metavar="CODE",
                          help="only report codes starting with CODE (repeatable)")
    validate.add_argument("--ignore", action="append", default=[], metavar="CODE",
                          help="do not report codes starting with CODE (repeatable)")
    add_format_option(validate, ("text", "json"))
    validate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json
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
            raise UsageError(f"{path}: no such folder")
        if not Path(path).is_dir():
            raise UsageError(f"{path}: not a folder (give the folder that holds pack.toml)")
    catalog = load(args, paths, report=False)
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
        report = {"valid": not errors,
                  "stats": {"errors": len(errors), "warnings": len(problems) - len(errors),
                            "not_shown": hidden, "packs": len(catalog.packs)},
                  "errors": [problem_dict(p) for p in problems]}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem.format())
        what = ", ".join(shown(path) for path in paths) if paths else f"{len(catalog.packs)} pack(s)"
        status = "valid" if not errors else f"{len(errors)} error(s)"
        warnings = len(problems) - len(errors)
        print(f"{what}: {status}" + (f", {warnings} warning(s)" if warnings else "")
              + (f" ({hidden} problem(s) not shown: --select/--ignore)" if hidden else ""))
    return EXIT_CONTENT if errors else EXIT_OK


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
    from ..codes import BY_CODE

    known = {*BY_CODE, *(rule.code for rule in catalog.rules)}
    for prefix in prefixes:
        if not any(code.startswith(prefix) for code in known):
            raise UsageError(f"{option} {prefix}: no problem code starts with {prefix!r}; codes look like "
                             "L101, V001 or just V (see docs/error-codes.md)")

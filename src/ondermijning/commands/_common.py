"""What every command shares: exit codes, usage errors, loading the catalog, finding items."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import _, ngettext

if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping, Sequence
    from typing import TypeVar

    from ..catalog import Catalog
    from ..errors import Problem

    T = TypeVar("T")

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or an unreadable path: exit 2 with one line."""



def find(mapping: Mapping[str, T], item_id: str, kind: str, *, listed_by: str = "--list") -> T:
    """An item by qualified id, or by its local id when only one pack has it."""
    if item_id in mapping:
        return mapping[item_id]
    matches = [key for key in mapping if key.split("/", 1)[-1] == item_id]
    if len(matches) == 1:
        return mapping[matches[0]]
    if len(matches) > 1:
        raise UsageError(_("{kind} {id!r} bestaat in meer packs: {matches}; geef de volledige id").format(
            kind=kind, id=item_id, matches=", ".join(matches)))
    from ..errors import UnknownItemError

    raise UsageError(_("{error} (zie {listed_by})").format(
        error=UnknownItemError(kind, item_id, mapping, match_as=item_id), listed_by=listed_by))


def add_format_option(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    parser.add_argument("--format", choices=choices, default=choices[0], help=_("uitvoervorm (standaard: %(default)s)"))


def load(args: argparse.Namespace, paths: Sequence[str] = (), *, report: bool = True,
         partial: bool = False) -> Catalog:
    """The catalog; a --pack folder that does not exist is a usage error.

    With ``report``, problems found while loading are printed to stderr, one per line: a pack
    that did not load must not silently leave out its routes or lists. With ``partial``, packs
    with load errors join with what loaded of them (``validate``).
    """
    import sys
    from pathlib import Path

    from ..assemble import load_catalog

    for path in args.pack:
        if not Path(path).is_dir():
            raise UsageError((_("--pack {path}: geen map (geef de map die pack.toml bevat)") if Path(path).exists()
                              else _("--pack {path}: die map bestaat niet (geef de map die pack.toml bevat)"))
                             .format(path=path))
    catalog = load_catalog([*args.pack, *paths], disable=args.disable_plugin, partial=partial)
    args.catalog = catalog  # what the command line's cache checks before it keeps the output
    errors = [p for p in catalog.problems if p.severity.value == "error"]
    for replaced in (p for p in catalog.problems if report and p.code == "C008"):  # a given folder won
        print(f"ondermijning: {replaced.format()}", file=sys.stderr)
    if report and errors:
        for problem in errors:
            print(_("ondermijning: waarschuwing: {problem}").format(problem=problem.format()), file=sys.stderr)
        print(ngettext("ondermijning: waarschuwing: {n} probleem bij het laden; waar het over gaat is weggelaten "
                       "(zie 'ondermijning validate')",
                       "ondermijning: waarschuwing: {n} problemen bij het laden; waar ze over gaan is weggelaten "
                       "(zie 'ondermijning validate')", len(errors)).format(n=len(errors)), file=sys.stderr)
    return catalog


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {"code": problem.code, "severity": problem.severity.value, "file": problem.file,
            "line": problem.line, "path": problem.path, "message": problem.message, "hint": problem.hint}


# commands ---------------------------------------------------------------------------------

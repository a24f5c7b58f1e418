"""``ondermijning validate``."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from ._common import EXIT_CONTENT, EXIT_OK, UsageError, add_format_option, load, problem_dict

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
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
    add_format_option(validate, ("text", "json"))
    validate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from ..validate import validate_catalog

    for path in args.paths:
        if not Path(path).exists():
            raise UsageError(f"{path}: no such folder")
        if not Path(path).is_dir():
            raise UsageError(f"{path}: not a folder (give the folder that holds pack.toml)")
    catalog = load(args, args.paths)
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
                  "errors": [problem_dict(p) for p in problems]}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem.format(), file=sys.stderr if problem in errors else sys.stdout)
        what = ", ".join(args.paths) if args.paths else f"{len(catalog.packs)} pack(s)"
        status = "valid" if not errors else f"{len(errors)} error(s)"
        warnings = len(problems) - len(errors)
        print(f"{what}: {status}" + (f", {warnings} warning(s)" if warnings else ""))
    return EXIT_CONTENT if errors else EXIT_OK

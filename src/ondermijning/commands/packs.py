"""``ondermijning packs``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._common import EXIT_OK, add_format_option, load, problem_dict

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
    import argparse

    packs = sub.add_parser("packs", help="list the loaded packs and plugins",
                           description="List every pack: id, version, where it came from and how many "
                                       "items of each kind it holds; then broken or disabled plugins.",
                           formatter_class=argparse.RawDescriptionHelpFormatter,
                           epilog="Examples:\n"
                                  "  ondermijning packs\n"
                                  "  ondermijning --disable-plugin nsob packs --format json\n\n"
                                  "Exit codes: 0 done (broken plugins are listed, not an error), 2 usage errors.")
    add_format_option(packs, ("text", "json"))
    packs.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    catalog = load(args)
    rows: list[dict[str, Any]] = []
    for pack_id, pack in sorted(catalog.packs.items()):
        counts = {k: v for k, v in catalog.counts(pack_id).items() if v}
        rows.append({"id": pack_id, "version": pack.version, "name": pack.name,
                     "origin": catalog.provenance[pack_id].provider, "counts": counts})
    plugins = [{"name": p.name, "distribution": p.distribution, "status": p.status, "error": p.error}
               for p in catalog.plugins]
    if args.format == "json":
        print(json.dumps({"packs": rows, "plugins": plugins,
                          "problems": [problem_dict(p) for p in catalog.problems]}, indent=2, ensure_ascii=False))
        return EXIT_OK
    for row in rows:
        summary = ", ".join(f"{family.replace('_', ' ')}: {n}" for family, n in row["counts"].items())
        print(f"{row['id']} {row['version']}  {row['name']}")
        print(f"    {summary or 'empty'}")
        print(f"    {row['origin']}")
    # broken, slow and blocked plugins, each on one line with the distribution it comes from
    for info in catalog.plugins:
        if info.status == "loaded":
            continue
        line = f"{info.status} {info.describe()}" + (f": {info.error}" if info.error else "")
        if info.status == "broken":
            line += f" — fix it, or disable it with --disable-plugin {info.name}"
        print(line)
    if catalog.problems:
        print(f"{len(catalog.problems)} problem(s) while loading; run 'ondermijning validate' for details")
    return EXIT_OK

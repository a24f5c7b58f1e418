"""``ondermijning packs``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import N_, _, ngettext
from ._common import EXIT_OK, add_format_option, load, problem_dict

if TYPE_CHECKING:
    import argparse


#: a plugin's status (a code, as --format json gives it) as the text line says it, before "plugin 'x'"
_STATUS = {"slow": N_("trage"), "blocked": N_("uitgezette"), "broken": N_("kapotte")}


def add_parser(sub: Any) -> None:
    import argparse

    packs = sub.add_parser("packs", help=_("toon de geladen packs en plugins"),
                           description=_("Toon elk pack: id, versie, waar het vandaan komt en hoeveel items van "
                                         "elke soort het heeft; daarna kapotte of uitgezette plugins."),
                           formatter_class=argparse.RawDescriptionHelpFormatter,
                           epilog=_("Voorbeelden:\n"
                                    "  ondermijning packs\n"
                                    "  ondermijning --disable-plugin nsob packs --format json\n\n"
                                    "Afsluitcodes: 0 klaar (kapotte plugins worden genoemd, geen fout), 2 fout in "
                                    "het gebruik."))
    add_format_option(packs, ("text", "json"))
    packs.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..models.packfile import family_label

    catalog = load(args)
    rows: list[dict[str, Any]] = []
    for pack_id, pack in sorted(catalog.packs.items()):
        counts = {k: v for k, v in catalog.counts(pack_id).items() if v}
        rows.append({"id": pack_id, "version": pack.version, "name": pack.name,
                     "origin": catalog.provenance[pack_id].provider, "counts": counts})
    plugins = [{"name": p.name, "distribution": p.distribution, "status": p.status, "error": p.error}
               for p in catalog.plugins]
    if args.format == "json":
        import json  # here, not at the top: the text output (the usual one) starts faster

        print(json.dumps({"packs": rows, "plugins": plugins,
                          "problems": [problem_dict(p) for p in catalog.problems]}, indent=2, ensure_ascii=False))
        return EXIT_OK
    for row in rows:
        summary = ", ".join(f"{family_label(family)}: {n}" for family, n in row["counts"].items())
        print(f"{row['id']} {row['version']}  {row['name']}")
        print(f"    {summary or _('leeg')}")
        print(f"    {row['origin']}")
    # broken, slow and blocked plugins, each on one line with the distribution it comes from
    for info in catalog.plugins:
        if info.status == "loaded":
            continue
        status = _(_STATUS[info.status]) if info.status in _STATUS else info.status
        line = f"{status} {info.describe()}" + (f": {info.error}" if info.error else "")
        if info.status == "broken":
            line += _(" — repareer de plugin, of zet hem uit met --disable-plugin {name}").format(name=info.name)
        print(line)
    if catalog.problems:
        print(ngettext("{n} probleem bij het laden; 'ondermijning validate' geeft de details",
                       "{n} problemen bij het laden; 'ondermijning validate' geeft de details",
                       len(catalog.problems)).format(n=len(catalog.problems)))
    return EXIT_OK

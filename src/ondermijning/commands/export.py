"""``ondermijning export``: a signal list as a FHIR Questionnaire or an XLSForm, or the catalog as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import _
from ._common import EXIT_OK, UsageError

if TYPE_CHECKING:
    import argparse

FORMATS = ("fhir", "xlsform", "json")


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    parser = sub.add_parser(
        "export", help=_("een lijst als FHIR-Questionnaire of XLSForm, of de catalogus als JSON"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="\n\n".join(textwrap.fill(paragraph, 78) for paragraph in (
            _("Zet een signalenlijst in een formulier dat andere programma's lezen, met een berekening die "
              "precies dezelfde score en hetzelfde niveau geeft als 'assess': --to fhir schrijft een HL7 FHIR "
              "R4 Questionnaire (SDC, voor LHC-Forms en de Android FHIR SDK), --to xlsform een XLSForm (voor "
              "ODK Collect, Enketo en KoboToolbox). --to json schrijft de hele catalogus als één JSON-document "
              "met per lijst een conformiteitstest: gevallen met de score en het niveau die een programma in "
              "een andere taal moet geven (het JSON Schema: 'ondermijning schema catalog')."),
            _("Scoreregels uit een plugin zijn Python-code en kunnen niet mee: export weigert dan en noemt de "
              "regel. Een bestaand bestand wordt alleen met --force vervangen. 'ondermijning import' leest een "
              "formulier terug naar een pack."),
        )),
        epilog=_("Voorbeelden:\n"
                 "  ondermijning export deurne/jongeren --to fhir\n"
                 "  ondermijning export jongeren --to fhir jongeren.json --status active "
                 "--base https://fhir.voorbeeld.nl\n"
                 "  ondermijning export deurne/jongeren --to xlsform jongeren.xlsx\n"
                 "  ondermijning export --to json catalogus.json\n\n"
                 "Afsluitcodes: 0 klaar, 1 de lijst kan niet exact mee (een scoreregel uit een plugin, te veel "
                 "decimalen), 2 fout in het gebruik of bij lezen of schrijven (een onbekende lijst, BESTAND bestaat "
                 "al zonder --force)."))
    parser.add_argument("list", nargs="?", metavar=_("LIJST"), help=_("de signalenlijst (bij fhir en xlsform)"))
    # --to FORMAT [FILE]: argparse cannot take a positional after an option, so FILE belongs to --to
    parser.add_argument("--to", nargs="+", required=True, metavar=(_("FORMAAT"), _("BESTAND")),
                        help=_("fhir, xlsform of json, en het bestand; zonder BESTAND naar de standaarduitvoer "
                               "(niet bij xlsform)"))
    parser.add_argument("--force", action="store_true", help=_("vervang BESTAND als het al bestaat"))
    parser.add_argument("--base", default=None, metavar="URL",
                        help=_("canonieke basis-URL van de Questionnaire (fhir), bijvoorbeeld die van de gemeente"))
    parser.add_argument("--status", choices=("draft", "active", "retired"), default="draft",
                        help=_("status van de Questionnaire (fhir; standaard: %(default)s)"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from ..fileio import write_atomic
    from ..interop.optional import MissingExtraError
    from ._common import find, load

    to, *rest = args.to
    if to not in FORMATS or len(rest) > 1:
        raise UsageError(_("--to {given}: geef een formaat ({formats}) en eventueel een bestand").format(
            given=" ".join(args.to), formats=", ".join(FORMATS)))
    output = rest[0] if rest else None
    if to == "json" and args.list:
        raise UsageError(_("--to json exporteert de hele catalogus: laat de lijst {list} weg").format(list=args.list))
    if to != "json" and not args.list:
        raise UsageError(_("geef de lijst: export LIJST --to {to} [BESTAND] (zie assess --show-lists)").format(to=to))
    if to == "xlsform" and output is None:
        raise UsageError(_("een XLSForm is een .xlsx-bestand: geef het bestand, bijvoorbeeld export {list} "
                           "--to xlsform lijst.xlsx").format(list=args.list))
    if to != "fhir" and (args.base or args.status != "draft"):
        raise UsageError(_("--base en --status horen bij --to fhir"))
    args.format_ = to
    catalog = load(args)
    data: str | bytes
    try:
        if to == "json":
            from ..interop.catalog_json import catalog_document

            data = json.dumps(catalog_document(catalog), ensure_ascii=False, indent=2) + "\n"
            what = _("de catalogus")
        else:
            from ..models import pack_of

            signal_list = find(catalog.signal_lists, args.list, "signal list", listed_by="assess --show-lists")
            data, what = _form(args, catalog, signal_list, catalog.packs[pack_of(signal_list.id)])
    except MissingExtraError as exc:
        raise UsageError(str(exc)) from None
    if output is None:
        print(data, end="")
    else:
        write_atomic(output, data, force=args.force)
        print(_("{what} geschreven naar {file}").format(what=what, file=output))
    return EXIT_OK


def _form(args: argparse.Namespace, catalog: Any, signal_list: Any, pack: Any) -> tuple[str | bytes, str]:
    from ..interop.record import own_themes

    themes = own_themes(signal_list, catalog.themes)
    if args.format_ == "xlsform":
        from ..interop.xlsform import workbook

        return (workbook(signal_list, pack, rules=catalog.scoring_rules, themes=themes),
                _("XLSForm van {list}").format(list=signal_list.id))
    import json

    from ..interop.fhir import DEFAULT_BASE, questionnaire

    document = questionnaire(signal_list, pack, rules=catalog.scoring_rules, themes=themes,
                             base=args.base or DEFAULT_BASE, status=args.status)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n",
            _("FHIR-Questionnaire van {list}").format(list=signal_list.id))

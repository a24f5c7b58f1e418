"""``ondermijning guide``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ..i18n import _
from ._common import EXIT_OK, UsageError, add_format_option, find, load

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    guide = sub.add_parser(
        "guide", help=_("een draaiboek voor een casusbespreking"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(_(
            "Print een draaiboek voor één bijeenkomst met casusbespreking: rollen, opening, de casus, de vier "
            "vragen, slotronde en reflectie. Toetst de bijeenkomst aan de gespreksleidraad (groepsgrootte, "
            "begeleiders, aantal casussen) en zegt wat er niet klopt."), 78),
        epilog=_("Voorbeelden:\n"
                 "  ondermijning guide --list\n"
                 "  ondermijning guide onzichtbaar-gevolg --format markdown\n"
                 "  ondermijning guide onzichtbaar-gevolg --participants 8 --facilitators 2\n\n"
                 "Afsluitcodes: 0 klaar, 2 fout in het gebruik of bij lezen of schrijven."))
    guide.add_argument("cases", nargs="*", metavar=_("CASUS"), help=_("de casus(sen) voor deze bijeenkomst"))
    guide.add_argument("--list", action="store_true", help=_("toon de casussen"))
    guide.add_argument("--participants", type=int, metavar="N", help=_("het geplande aantal deelnemers"))
    guide.add_argument("--facilitators", type=int, metavar="N", help=_("het geplande aantal begeleiders"))
    add_format_option(guide, ("text", "markdown", "html"))
    guide.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..render import render_many
    from ..render.cards import guide_document
    from ..sessions import check_case_session
    from ..translation import localize

    catalog = load(args)
    if args.list:
        for case_id, case in catalog.cases.items():
            print(f"{case_id:<40} {localize(case, None, catalog).title}")
        return EXIT_OK
    if not args.cases:
        raise UsageError(_("geef een of meer casus-ids (zie --list)"))
    for name in ("participants", "facilitators"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise UsageError(_("--{option} moet 1 of meer zijn, niet {value}").format(option=name, value=value))
    # cases and guide in the language of messages where their pack translates them (--lang en)
    cases = [localize(find(catalog.cases, case_id, "case"), None, catalog) for case_id in args.cases]
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise UsageError(_("casus {id!r} staat er twee keer; geef elke casus één keer").format(id=case.id))
        seen.add(case.id)
    guides = {case.guide for case in cases}
    if len(guides) > 1:
        raise UsageError(_("deze casussen horen bij verschillende gespreksleidraden ({guides}); plan ze in aparte "
                           "bijeenkomsten").format(guides=", ".join(sorted(guides))))
    guide = localize(find(catalog.guides, guides.pop(), "conversation guide"), None, catalog)
    findings = check_case_session(guide, participants=args.participants, facilitators=args.facilitators,
                                  cases=[c.id for c in cases])
    for finding in findings:
        print(_("Let op ({code}): {message} {hint}").format(code=finding.code, message=finding.message,
                                                             hint=finding.hint), file=sys.stderr)
    document = guide_document(cases, guide, findings, args.participants, catalog)
    print(render_many([document], args.format), end="")
    return EXIT_OK

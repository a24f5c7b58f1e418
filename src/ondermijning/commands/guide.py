"""``ondermijning guide``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ._common import EXIT_OK, UsageError, add_format_option, find, load

if TYPE_CHECKING:
    import argparse


def add_parser(sub: Any) -> None:
    import argparse
    import textwrap

    guide = sub.add_parser(
        "guide", help="a facilitator script for a case discussion",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(
            "Print a facilitator script (draaiboek) for one case-discussion session: roles, opening, the case, "
            "the four questions, closing round and reflection. Checks the session against the conversation "
            "guide (group size, facilitators, number of cases) and says what is off.", 78),
        epilog="Examples:\n"
               "  ondermijning guide --list\n"
               "  ondermijning guide onzichtbaar-gevolg --format markdown\n"
               "  ondermijning guide onzichtbaar-gevolg --participants 8 --facilitators 2\n\n"
               "Exit codes: 0 done, 2 usage or I/O errors.")
    guide.add_argument("cases", nargs="*", metavar="CASE_ID", help="the case(s) to discuss in this session")
    guide.add_argument("--list", action="store_true", help="list the cases")
    guide.add_argument("--participants", type=int, metavar="N", help="planned number of participants")
    guide.add_argument("--facilitators", type=int, metavar="N", help="planned number of facilitators")
    add_format_option(guide, ("text", "markdown", "html"))
    guide.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..render import render_many
    from ..render.cards import guide_document
    from ..sessions import check_case_session

    catalog = load(args)
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
    cases = [find(catalog.cases, case_id, "case") for case_id in args.cases]
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise UsageError(f"case {case.id!r} is given twice; give each case once")
        seen.add(case.id)
    guides = {case.guide for case in cases}
    if len(guides) > 1:
        raise UsageError(f"these cases use different conversation guides ({', '.join(sorted(guides))}); "
                         "plan them in separate sessions")
    guide = find(catalog.guides, guides.pop(), "conversation guide")
    findings = check_case_session(guide, participants=args.participants, facilitators=args.facilitators,
                                  cases=[c.id for c in cases])
    for finding in findings:
        print(f"Let op ({finding.code}): {finding.message} {finding.hint}", file=sys.stderr)
    document = guide_document(cases, guide, findings, args.participants, catalog)
    print(render_many([document], args.format), end="")
    return EXIT_OK
